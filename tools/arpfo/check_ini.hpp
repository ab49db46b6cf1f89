// SPDX-License-Identifier: GPL-2.0-only
// The INI dialects of the configuration `arpfo check` reads: systemd's
// unit files (.network, drop-ins) and GLib key files (NetworkManager.conf).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arpfo::check {

struct IniEntry {
	std::string key;
	std::string value;
	// GLib key files of NetworkManager: "key+=v" appends to a list,
	// "key-=v" removes from it.
	enum class Op { Set, Add, Remove } op = Op::Set;
	int line = 0; // 1-based, for messages
};

struct IniSection {
	std::string name;
	std::vector<IniEntry> entries;
};

enum class IniDialect {
	Systemd, // '#' and ';' comments, a trailing '\' continues the line
	KeyFile, // '#' comments, key+= and key-=
};

// Lines outside any section and lines that are no "key=value" are
// skipped, as the daemons skip them (with a warning).
std::vector<IniSection> parse_ini(std::string_view text, IniDialect dialect);

// The value of the last @key in the sections named @section.
std::optional<std::string> ini_last(const std::vector<IniSection> &ini, std::string_view section,
				    std::string_view key);

// systemd's and GLib's booleans: 1, yes, y, true, t, on and their
// opposites, any case; nullopt for anything else.
std::optional<bool> parse_boolean(std::string_view s);

} // namespace arpfo::check
