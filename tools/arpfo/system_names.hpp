// SPDX-License-Identifier: GPL-2.0-only
// The system's name of an interface (if_indextoname), for ifindexes the
// module's messages do not name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace arpfo {

std::optional<std::string> system_ifname(std::uint32_t ifindex);

} // namespace arpfo
