// SPDX-License-Identifier: GPL-2.0-only
// The kernel's own settings that decide what a takeover keeps: IPv6
// addresses through an administrative down (keep_addr_on_down) and
// reverse-path filtering (rp_filter), read from /proc/sys.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

// The integer in sysctl file @path ("/proc/sys/net/ipv4/conf/all/rp_filter").
std::optional<long> sysctl_value(const HostFs &fs, std::string_view path);

// Whether @device holds a global or unique-local IPv6 address
// (/proc/net/if_inet6, scope global).
bool has_global_ipv6(const HostFs &fs, std::string_view device);

// keep_addr_on_down as the kernel applies it: "all" when set, else the
// device's own; > 0 keeps.
std::optional<long> effective_keep_addr_on_down(const HostFs &fs, std::string_view device);

// rp_filter as the kernel applies it: the larger of "all" and the device's.
std::optional<long> effective_rp_filter(const HostFs &fs, std::string_view device);

std::vector<Finding> check_sysctls(const HostFs &fs, std::span<const DeviceFacts> devices);

} // namespace arpfo::check
