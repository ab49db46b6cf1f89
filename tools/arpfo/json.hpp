// SPDX-License-Identifier: GPL-2.0-only
// A minimal JSON writer: compact output, keys in the order written,
// strings escaped (control characters, quotes, backslashes; bytes that
// are not UTF-8 become U+FFFD, so the output is always valid JSON).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace arpfo {

// @s as a JSON string literal, quotes included.
std::string json_quote(std::string_view s);

class JsonWriter {
public:
	JsonWriter &begin_object();
	JsonWriter &end_object();
	JsonWriter &begin_array();
	JsonWriter &end_array();
	JsonWriter &key(std::string_view k);

	JsonWriter &string(std::string_view s);
	JsonWriter &number(std::uint64_t n);
	JsonWriter &boolean(bool b);
	JsonWriter &null();

	const std::string &str() const { return out_; }

private:
	void separate();

	std::string out_;
	std::vector<bool> empty_; // per open object/array: nothing in it yet
	bool after_key_ = false;
};

} // namespace arpfo
