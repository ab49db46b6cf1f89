// SPDX-License-Identifier: GPL-2.0-only
// ifplugd runs ifdown on a device some seconds after it loses carrier,
// which removes its addresses. Debian configures it in /etc/default/ifplugd.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_ifupdown.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

// The value of shell variable @name in @text ("NAME=value", quotes
// removed); nullopt when unset.
std::optional<std::string> shell_variable(std::string_view text, std::string_view name);

// ifplugd's delay before ifdown, in seconds, from its arguments ("-d10",
// "-d 10", "--delay-down=10"); its own default, 5, otherwise.
unsigned ifplugd_delay(const std::vector<std::string> &args);

std::vector<Finding> check_ifplugd(const HostFs &fs, std::span<const DeviceFacts> devices,
				   const Interfaces &interfaces);

} // namespace arpfo::check
