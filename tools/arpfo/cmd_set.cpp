// SPDX-License-Identifier: GPL-2.0-only
// arpfo set: one ARPFO_CMD_ADAPTER_SET, acknowledged.
#include <stdexcept>

#include "arpfo/commands.hpp"
#include "arpfo/connection.hpp"
#include "arpfo/errors.hpp"

namespace arpfo {

int run_set(const SetCommand &cmd)
{
	Connection c = connect();

	try {
		c.sock.exchange(set_request(c.family.id, cmd.change), describe_change(cmd.change));
	} catch (const NetlinkError &e) {
		throw std::runtime_error(set_failure(cmd.change, e.error(), e.extack()));
	}
	return 0;
}

} // namespace arpfo
