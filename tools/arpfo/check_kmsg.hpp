// SPDX-License-Identifier: GPL-2.0-only
// The running kernel's log, as `arpfo check` reads it from /dev/kmsg.
#pragma once

#include <optional>
#include <string>

namespace arpfo::check {

// The messages still in the kernel's log buffer, one a line (without
// their level, sequence and time stamp); nullopt when /dev/kmsg cannot
// be read (no permission: dmesg_restrict).
std::optional<std::string> read_kernel_log();

} // namespace arpfo::check
