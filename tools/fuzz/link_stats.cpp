// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/link_stats.hpp"

#include <memory>

#include <ifaddrs.h>
#include <linux/if_link.h>
#include <sys/socket.h>

namespace arpfo::fuzz {

std::optional<std::uint32_t> tx_dropped(const std::string &iface)
{
	ifaddrs *list = nullptr;

	if (::getifaddrs(&list) < 0)
		return std::nullopt;
	const std::unique_ptr<ifaddrs, decltype(&::freeifaddrs)> owner(list, ::freeifaddrs);
	for (const ifaddrs *p = list; p; p = p->ifa_next) {
		// The AF_PACKET entry of a link carries its counters.
		if (!p->ifa_addr || p->ifa_addr->sa_family != AF_PACKET || !p->ifa_data ||
		    iface != p->ifa_name)
			continue;
		return static_cast<const rtnl_link_stats *>(p->ifa_data)->tx_dropped;
	}
	return std::nullopt;
}

} // namespace arpfo::fuzz
