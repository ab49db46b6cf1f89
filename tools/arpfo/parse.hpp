// SPDX-License-Identifier: GPL-2.0-only
// The arp_failover family's messages, from the bytes of one netlink
// message (nlmsghdr, genlmsghdr, attributes) to the model. Each function
// throws MalformedMessage naming the message and the attribute at fault;
// attributes this version does not know are ignored.
#pragma once

#include <cstdint>
#include <span>

#include "arpfo/model.hpp"

namespace arpfo {

Pnet parse_pnet(std::span<const std::uint8_t> msg);
Adapter parse_adapter(std::span<const std::uint8_t> msg);
Address parse_address(std::span<const std::uint8_t> msg);
Device parse_device(std::span<const std::uint8_t> msg);
Event parse_event(std::span<const std::uint8_t> msg);

// Who a message of any generic netlink family is from and what it is.
struct GenlHeader {
	std::uint16_t family = 0; // nlmsg_type
	std::uint8_t cmd = 0;
	std::uint8_t version = 0;
};

GenlHeader genl_header(std::span<const std::uint8_t> msg);

} // namespace arpfo
