// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_ini.hpp"

#include <sstream>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

bool comment(std::string_view line, IniDialect d)
{
	return line.starts_with("#") || (d == IniDialect::Systemd && line.starts_with(";"));
}

// "key=value", "key+=value", "key-=value"; nullopt for anything else.
std::optional<IniEntry> entry(std::string_view line, IniDialect d, int number)
{
	const std::size_t eq = line.find('=');

	if (eq == std::string_view::npos || eq == 0)
		return std::nullopt;
	IniEntry e;
	std::string_view key = line.substr(0, eq);
	if (d == IniDialect::KeyFile && (key.ends_with("+") || key.ends_with("-"))) {
		e.op = key.ends_with("+") ? IniEntry::Op::Add : IniEntry::Op::Remove;
		key.remove_suffix(1);
	}
	e.key = trim(key);
	e.value = trim(line.substr(eq + 1));
	e.line = number;
	if (e.key.empty())
		return std::nullopt;
	return e;
}

} // namespace

std::vector<IniSection> parse_ini(std::string_view text, IniDialect dialect)
{
	std::vector<IniSection> out;
	std::istringstream in{std::string(text)};
	std::string raw;
	int number = 0;

	while (std::getline(in, raw)) {
		const int first = ++number;
		std::string line = trim(raw);
		if (comment(line, dialect))
			continue;
		// systemd joins a line ending in a backslash with the next one.
		while (dialect == IniDialect::Systemd && line.ends_with("\\") &&
		       std::getline(in, raw)) {
			number++;
			line.pop_back();
			const std::string next = trim(raw);
			if (!comment(next, dialect))
				line += " " + next;
		}
		if (line.empty())
			continue;
		if (line.front() == '[' && line.back() == ']') {
			out.push_back(
				{trim(std::string_view(line).substr(1, line.size() - 2)), {}});
			continue;
		}
		if (out.empty())
			continue;
		if (auto e = entry(line, dialect, first))
			out.back().entries.push_back(std::move(*e));
	}
	return out;
}

std::optional<std::string> ini_last(const std::vector<IniSection> &ini, std::string_view section,
				    std::string_view key)
{
	std::optional<std::string> value;

	for (const auto &s : ini)
		if (s.name == section)
			for (const auto &e : s.entries)
				if (e.key == key)
					value = e.value;
	return value;
}

std::optional<bool> parse_boolean(std::string_view s)
{
	const std::string v = lower(trim(s));

	if (v == "1" || v == "yes" || v == "y" || v == "true" || v == "t" || v == "on")
		return true;
	if (v == "0" || v == "no" || v == "n" || v == "false" || v == "f" || v == "off")
		return false;
	return std::nullopt;
}

} // namespace arpfo::check
