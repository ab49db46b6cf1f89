// SPDX-License-Identifier: GPL-2.0-only
// A generic netlink socket (libmnl), owned: requests with their
// acknowledgement and extended-ack message, dumps, multicast groups.
// Knows nothing of arp_failover's messages; it moves bytes. Every failure
// throws NetlinkError with @what, the context the caller gives.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <libmnl/libmnl.h>

#include "arpfo/ctrl.hpp"
#include "arpfo/errors.hpp"
#include "arpfo/requests.hpp"

namespace arpfo {

// A dump the kernel marked NLM_F_DUMP_INTR: the objects changed while it
// ran, so it may be inconsistent. A new dump on a new socket may succeed.
class DumpInterrupted : public NetlinkError {
public:
	using NetlinkError::NetlinkError;
};

class GenlSocket {
public:
	// Opens and binds; asks for extended acks and capped acks.
	GenlSocket();

	// CTRL_CMD_GETFAMILY. NetlinkError with ENOENT: no such family.
	Family resolve(std::string_view name);
	// Sends @request (a dump, or a request with NLM_F_ACK) and returns
	// the messages answered before the NLMSG_DONE or acknowledgement that
	// ends it; an error in either throws, with the kernel's message.
	std::vector<Message> exchange(Message request, std::string_view what);

	void subscribe(std::uint32_t group, std::string_view what);
	// Best effort: a larger receive buffer, so bursts of notifications
	// are not lost (as root beyond net.core.rmem_max).
	void grow_receive_buffer(int bytes);
	int fd() const;

	struct Notifications {
		std::vector<Message> messages;
		bool lost = false; // the receive buffer overflowed (ENOBUFS)
	};
	// The messages of one datagram; blocks until one arrives.
	Notifications receive();

private:
	struct Close {
		void operator()(mnl_socket *s) const noexcept { mnl_socket_close(s); }
	};

	std::unique_ptr<mnl_socket, Close> sock_;
	unsigned int portid_ = 0;
	std::uint32_t seq_ = 0;
	std::vector<std::uint32_t> buf_; // receive buffer, aligned for nlmsghdr
};

} // namespace arpfo
