// SPDX-License-Identifier: GPL-2.0-only
// The devices `arpfo check` looks at: from the module's dumps when it is
// loaded, else every Ethernet device sysfs shows.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"
#include "arpfo/model.hpp"

namespace arpfo::check {

// "02:00:00:00:01:00" (any case); nullopt when malformed.
std::optional<Mac> parse_mac(std::string_view text);

// Each device of the module's device dump, with the MAC and pnet of the
// managed ones from the adapter dump and the size of their pnet.
std::vector<DeviceFacts> module_devices(std::span<const Device> devices,
					std::span<const Adapter> adapters,
					std::span<const Pnet> pnets);

// The managed adapters alone, for a module too old to list devices.
std::vector<DeviceFacts> adapter_devices(std::span<const Adapter> adapters,
					 std::span<const Pnet> pnets);

// Every Ethernet device in /sys/class/net, for a host without the module:
// a port of a bridge or bond is marked as the module would; the others
// have no membership (the module would decide).
std::vector<DeviceFacts> sysfs_devices(const HostFs &fs);

} // namespace arpfo::check
