// SPDX-License-Identifier: GPL-2.0-only
// systemd's time spans, as IgnoreCarrierLoss= takes them.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace arpfo::check {

inline constexpr std::uint64_t kTimespanInfinity = std::numeric_limits<std::uint64_t>::max();

// "5s", "1min 30s", "500ms", "infinity" (kTimespanInfinity); a bare number
// is seconds. Microseconds; nullopt when malformed.
std::optional<std::uint64_t> parse_timespan_usec(std::string_view s);

} // namespace arpfo::check
