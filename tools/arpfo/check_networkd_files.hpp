// SPDX-License-Identifier: GPL-2.0-only
// systemd-networkd's .network files: which one configures a device, as
// networkd picks it (the first by file name whose [Match] holds, a name
// in an earlier directory shadowing the same name in a later one, links
// to /dev/null masking), with its drop-ins merged.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_ini.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

// Where networkd reads .network files, in order of precedence: a file
// shadows one of the same name in a later directory.
extern const std::vector<std::string> kNetworkDirs;

// One .network file with its drop-ins, in the order networkd applies them.
struct NetworkFile {
	std::string path;
	std::vector<std::string> dropins;
	std::vector<std::pair<std::string, std::vector<IniSection>>> parts; // file, contents

	// The last value of @key in [@section] and the file that set it.
	struct Setting {
		std::string value;
		std::string file;
	};
	std::optional<Setting> last(std::string_view section, std::string_view key) const;
};

// Loads the .network file @path and its drop-ins (NAME.network.d/*.conf)
// from every directory of kNetworkDirs.
NetworkFile load_network(const HostFs &fs, const std::string &path);

// The [Match] section's verdict for @d. Conditions this tool cannot
// evaluate (Driver=, Path=, Host=, ...) are assumed to hold and listed.
struct MatchResult {
	bool matches = false;
	std::vector<std::string> assumed;
};
MatchResult match_network(const NetworkFile &f, const DeviceFacts &d);

// The .network file networkd picks for @d: the first in lexical order of
// file names whose [Match] holds; nullopt for none.
std::optional<NetworkFile> network_for(const HostFs &fs, const DeviceFacts &d);

// The last component of @path.
std::string base_name(const std::string &path);

} // namespace arpfo::check
