// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/json.hpp"

#include <cstdio>

namespace arpfo {
namespace {

bool continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at s[i], or 0 (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i)
{
	const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
	const unsigned char c = b(0);
	std::size_t n = 0;
	unsigned char lo = 0x80, hi = 0xbf; // bounds of the second byte

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		return 0;
	}
	if (i + n > s.size() || b(1) < lo || b(1) > hi)
		return 0;
	for (std::size_t k = 2; k < n; k++)
		if (!continuation(b(k)))
			return 0;
	return n;
}

} // namespace

std::string json_quote(std::string_view s)
{
	std::string out = "\"";

	for (std::size_t i = 0; i < s.size();) {
		const auto c = static_cast<unsigned char>(s[i]);

		if (c >= 0x80) {
			const std::size_t n = utf8_length(s, i);
			if (n == 0) {
				out += "\\ufffd";
				i++;
			} else {
				out += s.substr(i, n);
				i += n;
			}
			continue;
		}
		switch (c) {
		case '"':
			out += "\\\"";
			break;
		case '\\':
			out += "\\\\";
			break;
		case '\b':
			out += "\\b";
			break;
		case '\f':
			out += "\\f";
			break;
		case '\n':
			out += "\\n";
			break;
		case '\r':
			out += "\\r";
			break;
		case '\t':
			out += "\\t";
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char buf[8];
				std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned int>(c));
				out += buf;
			} else {
				out += static_cast<char>(c);
			}
		}
		i++;
	}
	return out + "\"";
}

void JsonWriter::separate()
{
	if (after_key_) {
		after_key_ = false;
		return;
	}
	if (empty_.empty())
		return;
	if (!empty_.back())
		out_ += ',';
	empty_.back() = false;
}

JsonWriter &JsonWriter::begin_object()
{
	separate();
	out_ += '{';
	empty_.push_back(true);
	return *this;
}

JsonWriter &JsonWriter::end_object()
{
	out_ += '}';
	empty_.pop_back();
	return *this;
}

JsonWriter &JsonWriter::begin_array()
{
	separate();
	out_ += '[';
	empty_.push_back(true);
	return *this;
}

JsonWriter &JsonWriter::end_array()
{
	out_ += ']';
	empty_.pop_back();
	return *this;
}

JsonWriter &JsonWriter::key(std::string_view k)
{
	separate();
	out_ += json_quote(k);
	out_ += ':';
	after_key_ = true;
	return *this;
}

JsonWriter &JsonWriter::string(std::string_view s)
{
	separate();
	out_ += json_quote(s);
	return *this;
}

JsonWriter &JsonWriter::number(std::uint64_t n)
{
	separate();
	out_ += std::to_string(n);
	return *this;
}

JsonWriter &JsonWriter::boolean(bool b)
{
	separate();
	out_ += b ? "true" : "false";
	return *this;
}

JsonWriter &JsonWriter::null()
{
	separate();
	out_ += "null";
	return *this;
}

} // namespace arpfo
