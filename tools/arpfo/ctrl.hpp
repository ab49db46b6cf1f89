// SPDX-License-Identifier: GPL-2.0-only
// Netlink's own messages: the generic netlink controller's answer about a
// family, and acknowledgements (NLMSG_ERROR, NLMSG_DONE) with the
// kernel's extended-ack message. Throw MalformedMessage like parse.hpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arpfo {

// CTRL_CMD_NEWFAMILY: what CTRL_CMD_GETFAMILY answers.
struct Family {
	std::uint16_t id = 0;
	std::uint32_t version = 0;
	std::vector<std::pair<std::string, std::uint32_t>> groups; // name, id

	// The id of multicast group @name, or 0 when the family has none.
	std::uint32_t group(std::string_view name) const;
};

Family parse_family(std::span<const std::uint8_t> msg);

// An NLMSG_ERROR (error 0: an ACK) or the NLMSG_DONE closing a dump.
struct Ack {
	int error = 0;	     // a positive errno, 0 for success
	std::string message; // NLMSGERR_ATTR_MSG, when the kernel sent one
};

Ack parse_ack(std::span<const std::uint8_t> msg);

} // namespace arpfo
