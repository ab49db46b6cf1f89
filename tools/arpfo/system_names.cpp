// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/system_names.hpp"

#include <net/if.h>

namespace arpfo {

std::optional<std::string> system_ifname(std::uint32_t ifindex)
{
	char buf[IF_NAMESIZE] = {};

	if (ifindex == 0 || !::if_indextoname(ifindex, buf))
		return std::nullopt;
	return std::string(buf);
}

} // namespace arpfo
