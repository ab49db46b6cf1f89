// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_text.hpp"

#include <algorithm>
#include <cctype>

#include <fnmatch.h>

namespace arpfo::check {

std::string trim(std::string_view s)
{
	const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };

	while (!s.empty() && space(s.front()))
		s.remove_prefix(1);
	while (!s.empty() && space(s.back()))
		s.remove_suffix(1);
	return std::string(s);
}

std::string lower(std::string_view s)
{
	std::string out(s);

	std::transform(out.begin(), out.end(), out.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return out;
}

std::vector<std::string> split(std::string_view s, std::string_view separators)
{
	std::vector<std::string> out;

	while (!s.empty()) {
		const std::size_t start = s.find_first_not_of(separators);
		if (start == std::string_view::npos)
			break;
		s.remove_prefix(start);
		const std::size_t end = s.find_first_of(separators);
		out.emplace_back(s.substr(0, end));
		if (end == std::string_view::npos)
			break;
		s.remove_prefix(end);
	}
	return out;
}

bool glob_match(std::string_view pattern, std::string_view name)
{
	return ::fnmatch(std::string(pattern).c_str(), std::string(name).c_str(), 0) == 0;
}

std::string lines_of(const std::vector<std::string> &lines)
{
	std::string out;

	for (const auto &l : lines)
		out += l + "\n";
	return out;
}

} // namespace arpfo::check
