// SPDX-License-Identifier: GPL-2.0-only
// A generic netlink socket with the arp_failover family resolved.
#pragma once

#include "arpfo/ctrl.hpp"
#include "arpfo/genl_socket.hpp"

namespace arpfo {

struct Connection {
	GenlSocket sock;
	Family family;
};

// Throws ModuleNotLoaded, saying how to load the module, when the
// family does not exist, IncompatibleModule when the module is older
// than this tool (see check_module_version()).
Connection connect();

} // namespace arpfo
