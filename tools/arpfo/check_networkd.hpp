// SPDX-License-Identifier: GPL-2.0-only
// systemd-networkd (and netplan, which renders into it): which .network
// file configures a device, as networkd picks it, and what networkd does
// to the device's addresses when it loses carrier.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
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

// Loads @path (a .network file named @name) and its drop-ins from every
// directory of kNetworkDirs.
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

// What networkd does to the addresses it configured on carrier loss.
struct CarrierLoss {
	enum class Kind { Keeps, DropsAfter, DropsAtOnce } kind = Kind::DropsAtOnce;
	std::string after;  // the timespan, for DropsAfter
	std::string reason; // the setting that decides, and where
};
CarrierLoss carrier_loss(const NetworkFile &f);
// "removes every address ... (why)", "keeps its addresses ... (why)".
std::string carrier_loss_text(const CarrierLoss &loss);

// systemd's time spans ("5s", "1min 30s", "500ms", "infinity"; a bare
// number is seconds) in microseconds; nullopt when malformed.
std::optional<std::uint64_t> parse_timespan_usec(std::string_view s);

// Findings for each of @devices that networkd runs for or would
// configure; devices whose file netplan rendered share one netplan fix.
std::vector<Finding> check_networkd(const HostFs &fs, std::span<const DeviceFacts> devices);

} // namespace arpfo::check
