// SPDX-License-Identifier: GPL-2.0-only
// arpfo show: dump pnets, adapters and addresses, print tables or JSON.
#include <cerrno>
#include <stdexcept>
#include <string>

#include <linux/arp_failover.h>

#include "arpfo/commands.hpp"
#include "arpfo/connection.hpp"
#include "arpfo/dump.hpp"
#include "arpfo/errors.hpp"
#include "arpfo/parse.hpp"
#include "arpfo/render.hpp"
#include "arpfo/system_names.hpp"

namespace arpfo {
namespace {

// A module older than the device dump refuses the command.
std::vector<Device> read_devices(Connection &c)
{
	try {
		return read_dump<Device>(c, ARPFO_CMD_DEVICE_GET, "reading the devices",
					 parse_device);
	} catch (const NetlinkError &e) {
		if (e.error() == EOPNOTSUPP)
			throw std::runtime_error("the loaded arp_failover module does not list "
						 "devices (it is older than this arpfo): "
						 "show -d needs the module that came with it");
		throw;
	}
}

// Adapters are always read: they name the ifindexes of the other tables.
// Pnets are read for the addresses too: their VIPA holders answer for the
// VIPAs.
Snapshot read_snapshot(const Selection &sel)
{
	Connection c = connect();
	Snapshot s;

	if (sel.groups || sel.addresses)
		s.pnets = read_dump<Pnet>(c, ARPFO_CMD_PNET_GET, "reading the physical networks",
					  parse_pnet);
	s.adapters = read_dump<Adapter>(c, ARPFO_CMD_ADAPTER_GET, "reading the adapters",
					parse_adapter);
	if (sel.addresses)
		s.addresses = read_dump<Address>(c, ARPFO_CMD_ADDR_GET, "reading the addresses",
						 parse_address);
	if (sel.devices)
		s.devices = read_devices(c);
	return s;
}

// A dump that raced with a change is read again, a few times.
Snapshot read_consistent(const Selection &sel)
{
	constexpr int kAttempts = 3;

	for (int i = 1;; i++) {
		try {
			return read_snapshot(sel);
		} catch (const DumpInterrupted &) {
			if (i == kAttempts)
				throw;
		}
	}
}

} // namespace

int run_show(const ShowCommand &cmd)
{
	Snapshot s = read_consistent(cmd.select);

	sort_snapshot(s);
	Names names = Names::of_adapters(s.adapters, system_ifname);
	for (const auto &d : s.devices)
		if (!d.ifname.empty())
			names.add(d.ifindex, d.ifname);
	if (cmd.json)
		write_stdout(render_show_json(s, cmd.select, names));
	else
		write_stdout(render_tables(s, cmd.select, names, stdout_color(cmd.color)));
	return 0;
}

} // namespace arpfo
