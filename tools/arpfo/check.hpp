// SPDX-License-Identifier: GPL-2.0-only
// `arpfo check`, a doctor for the host: which devices the module manages
// and why not, then for each managed adapter whatever on the host would
// defeat a takeover (its network manager, IPv6 settings, reverse-path
// filtering), each finding with the exact fix. Pure apart from reading
// the host through HostFs, so tests drive it with fixture trees.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

struct Inputs {
	ModuleState module = ModuleState::Loaded;
	std::vector<DeviceFacts> devices;
	// `nmcli -t -f DEVICE,STATE device`, nullopt when it could not run.
	std::optional<std::string> nmcli;
	// The kernel log (the running host's only), nullopt when unread.
	std::optional<std::string> kernel_log;
};

Report run_checks(const HostFs &fs, Inputs inputs);

} // namespace arpfo::check
