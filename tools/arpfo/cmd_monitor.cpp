// SPDX-License-Identifier: GPL-2.0-only
// arpfo monitor: print every event of the "events" multicast group until
// SIGINT or SIGTERM.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include <linux/arp_failover.h>
#include <poll.h>

#include "arpfo/commands.hpp"
#include "arpfo/connection.hpp"
#include "arpfo/errors.hpp"
#include "arpfo/events.hpp"
#include "arpfo/parse.hpp"
#include "arpfo/signal_fd.hpp"
#include "arpfo/system_names.hpp"

namespace arpfo {
namespace {

void warn(const std::string &text)
{
	std::fprintf(stderr, "arpfo: %s\n", text.c_str());
}

// Prints @msg when it is an event of @family; a malformed one is reported
// on stderr and skipped: the monitor keeps running.
void show(const Message &msg, const Family &family, const MonitorCommand &cmd, bool color)
{
	try {
		const GenlHeader h = genl_header(msg);
		if (h.family != family.id || h.cmd != ARPFO_CMD_EVENT_NTF)
			return;
		const Event e = parse_event(msg);
		const std::string time = format_local_time(std::chrono::system_clock::now());
		const Names names(system_ifname);
		write_stdout(cmd.json ? render_event_json(e, time, names)
				      : render_event_line(e, time, names, color));
	} catch (const MalformedMessage &e) {
		warn(std::string("ignoring an event: ") + e.what());
	}
}

} // namespace

int run_monitor(const MonitorCommand &cmd)
{
	SignalFd signals;
	Connection c = connect();
	const std::uint32_t group = c.family.group(ARPFO_MCGRP_EVENTS);
	const bool color = stdout_color(cmd.color);

	if (group == 0)
		throw std::runtime_error("the " ARPFO_GENL_NAME " family has no \"" ARPFO_MCGRP_EVENTS
					 "\" multicast group (a module older than this tool?)");
	c.sock.grow_receive_buffer(1 << 20);
	c.sock.subscribe(group, "subscribing to " ARPFO_GENL_NAME " events");

	pollfd fds[] = {{c.sock.fd(), POLLIN, 0}, {signals.fd(), POLLIN, 0}};
	for (;;) {
		if (::poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			throw std::system_error(errno, std::generic_category(), "waiting for events");
		}
		if (fds[1].revents) {
			signals.take(); // SIGINT or SIGTERM: a clean stop
			return 0;
		}
		if (!fds[0].revents)
			continue;
		auto got = c.sock.receive();
		if (got.lost)
			warn("events were lost: the socket's receive buffer overflowed");
		for (const auto &msg : got.messages)
			show(msg, c.family, cmd, color);
	}
}

} // namespace arpfo
