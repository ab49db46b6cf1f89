// SPDX-License-Identifier: GPL-2.0-only
// The interface's own drop counter: frames the kernel accepted from us
// but the device dropped (a veth whose peer's backlog was full).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace arpfo::fuzz {

// tx_dropped of @iface in the caller's network namespace (32 bits wide,
// as getifaddrs() reports it), or nothing when it cannot be read.
std::optional<std::uint32_t> tx_dropped(const std::string &iface);

} // namespace arpfo::fuzz
