// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/connection.hpp"

#include <cerrno>
#include <stdexcept>

#include <linux/arp_failover.h>

#include "arpfo/errors.hpp"

namespace arpfo {

Connection connect()
{
	GenlSocket sock;

	Family family;
	try {
		family = sock.resolve(ARPFO_GENL_NAME);
	} catch (const NetlinkError &e) {
		if (e.error() == ENOENT)
			throw ModuleNotLoaded();
		throw;
	}
	check_module_version(family);
	return Connection{std::move(sock), std::move(family)};
}

} // namespace arpfo
