// SPDX-License-Identifier: GPL-2.0-only
// NetworkManager: its configuration as it merges it, whether it manages a
// device, and whether it ignores the device's carrier. Without that it
// deconfigures the device a few seconds after carrier loss.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_ifupdown.hpp"
#include "arpfo/check_ini.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

struct NmConfigFile {
	std::string path;
	std::vector<IniSection> ini;
};

// NetworkManager's configuration files in the order it reads them:
// /usr/lib/NetworkManager/conf.d, /run/NetworkManager/conf.d (each name
// shadowed by the same name in a later directory), NetworkManager.conf,
// /etc/NetworkManager/conf.d, then NetworkManager-intern.conf. Files
// whose [.config] says enable=false are left out.
std::vector<NmConfigFile> nm_config(const HostFs &fs);

struct NmSetting {
	std::string value;
	std::string file;
	std::string section;
};

// A per-device property for @d: the first [device*] section that matches
// it and sets @key, later files first, top-down within a file, [device]
// itself last in its file; a matching section with stop-match=yes ends
// the search.
std::optional<NmSetting> nm_device_property(std::span<const NmConfigFile> config,
					    std::string_view key, const DeviceFacts &d);

// A list-valued key of a global section after every file, with key+= and
// key-=; nullopt when no file sets it.
std::optional<NmSetting> nm_list(std::span<const NmConfigFile> config, std::string_view section,
				 std::string_view key);

// Whether NetworkManager manages @d, and how this tool knows.
struct NmManaged {
	bool managed = true;
	std::string how;
};

// @nmcli: the output of `nmcli -t -f DEVICE,STATE device`, nullopt when
// it could not run.
NmManaged nm_manages(const HostFs &fs, std::span<const NmConfigFile> config, const DeviceFacts &d,
		     const std::optional<std::string> &nmcli, const Interfaces &interfaces);

// The drop-in that makes NetworkManager ignore the carrier of @devices.
Fix nm_fix(std::span<const std::string> devices);

std::vector<Finding> check_networkmanager(const HostFs &fs, std::span<const DeviceFacts> devices,
					  const std::optional<std::string> &nmcli,
					  const Interfaces &interfaces);

} // namespace arpfo::check
