// SPDX-License-Identifier: GPL-2.0-only
// dhcpcd drops its leases and the static addresses it set as soon as a
// device loses carrier, unless told "nolink".
#pragma once

#include <span>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_ifupdown.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

// What a dhcpcd.conf says for one device.
struct DhcpcdConf {
	bool denied = false;	  // denyinterfaces names it, or allowinterfaces leaves it out
	bool nolink = false;	  // globally or in its "interface" block
	std::string nolink_where; // "globally", "in its interface block"
};
DhcpcdConf dhcpcd_conf(std::string_view text, std::string_view device);

std::vector<Finding> check_dhcpcd(const HostFs &fs, std::span<const DeviceFacts> devices,
				  const Interfaces &interfaces);

} // namespace arpfo::check
