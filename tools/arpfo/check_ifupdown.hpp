// SPDX-License-Identifier: GPL-2.0-only
// ifupdown's /etc/network/interfaces (with its source and
// source-directory includes): which devices it configures and how.
// ifupdown itself does nothing on carrier loss; its DHCP client may.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

struct IfaceStanza {
	std::string name;
	std::string family; // inet, inet6
	std::string method; // static, dhcp, manual, ...
	std::string file;
};

struct Interfaces {
	std::vector<IfaceStanza> ifaces;
	std::vector<std::string> autos;	  // "auto" and "allow-auto" lines
	std::vector<std::string> hotplug; // "allow-hotplug" lines

	// The stanzas of @name.
	std::vector<IfaceStanza> of(std::string_view name) const;
	bool configures(std::string_view name) const { return !of(name).empty(); }
};

Interfaces read_interfaces(const HostFs &fs);

// The DHCP client ifupdown starts for "inet dhcp": the first installed of
// dhclient and dhcpcd (as ifupdown tries them), "" for neither.
std::string ifupdown_dhcp_client(const HostFs &fs);

// An ok finding for each of @devices ifupdown configures.
std::vector<Finding> check_ifupdown(const HostFs &fs, std::span<const DeviceFacts> devices,
				    const Interfaces &interfaces);

} // namespace arpfo::check
