// SPDX-License-Identifier: GPL-2.0-only
// Small text helpers for reading configuration files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace arpfo::check {

std::string trim(std::string_view s);
std::string lower(std::string_view s);
// The words of @s separated by any of @separators, empty ones dropped.
std::vector<std::string> split(std::string_view s, std::string_view separators = " \t\n");
// A shell glob (fnmatch(3), no flags) against @name.
bool glob_match(std::string_view pattern, std::string_view name);
// @lines joined by newlines, each line ended by one.
std::string lines_of(const std::vector<std::string> &lines);

} // namespace arpfo::check
