// SPDX-License-Identifier: GPL-2.0-only
// Command line of arpfo-probe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "probe/arp_frame.hpp"

namespace arpfo {

struct ProbeOptions {
	std::string iface;
	Ipv4 target{};
	std::optional<Ipv4> source; // default: the interface's own address
	unsigned int count = 3;	    // requests to send
	unsigned int interval_ms = 100;
	unsigned int timeout_ms = 1000; // wait after the last request
	bool json = false;
};

struct UsageError {
	std::string message;
};

using OptionsResult = std::variant<ProbeOptions, UsageError>;

OptionsResult parse_probe_options(std::span<const std::string_view> args);
// The help text, naming the program @prog ("arpfo-probe", "arpfo probe").
std::string probe_usage(std::string_view prog = "arpfo-probe");

} // namespace arpfo
