// SPDX-License-Identifier: GPL-2.0-only
// `arpfo show`: tables, colour and JSON from the model.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <linux/arp_failover.h>

#include "arpfo/color.hpp"
#include "arpfo/render.hpp"

using namespace arpfo;

namespace {

// An IPv4 address from its value in host byte order, 0x0a000001: 10.0.0.1.
IpAddr v4(std::uint32_t host_order)
{
	return IpAddr::from_be32(htonl(host_order));
}

// An IPv6 address from its text, "2001:db8::1".
IpAddr v6(const char *text)
{
	Ipv6 bytes{};
	if (::inet_pton(AF_INET6, text, bytes.data()) != 1)
		throw std::invalid_argument(text);
	return IpAddr(bytes);
}

Adapter adapter(std::uint32_t ifindex, std::string name, std::uint32_t state,
		std::uint32_t responder)
{
	Adapter a;
	a.ifindex = ifindex;
	a.ifname = std::move(name);
	a.mac = Mac{0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(ifindex)};
	a.pnet = 1;
	a.state = state;
	a.responder = responder;
	return a;
}

// eth0 healthy with some counters, answering for the VIPAs of pnet 1,
// judged ok: it hears and is heard by a sibling, its target 10.0.0.254
// answers; eth1 down, its addresses taken over by eth0, judged no-carrier,
// never heard, its target never answered; eth2 delayed, probing,
// unanswered, in VRF blue (ifindex 30), judged silent: heard by nobody
// since carrier, it last heard a sibling 1.5 s ago, no target; ifindex 9
// unnamed, VIPA holder of pnet 2. 10.0.0.2 is a VIPA on dummy0 (ifindex
// 20), no managed adapter.
Snapshot snapshot()
{
	Snapshot s;
	s.pnets = {{1, {3, 4, 5}, 1, 3}, {2, {9}, 1, 9}, {3, {}, 0, 0}};
	s.adapters = {adapter(3, "eth0", ARPFO_STATE_HEALTHY, 3),
		      adapter(4, "eth1", ARPFO_STATE_DOWN, 3),
		      adapter(5, "eth2", ARPFO_STATE_DELAYED, 0)};
	s.adapters[0].stats = {1, 2, 0, 3, 4, 5, 0, 0};
	s.adapters[1].stats = {12, 34, 1, 2, 0, 0, 1, 1};
	s.adapters[1].priority = 100;
	s.adapters[2].probing = true;
	s.adapters[2].kind = ARPFO_KIND_OFFLOAD;
	s.adapters[2].pnet = 2;
	s.adapters[2].l3dev = 30;
	s.adapters[0].vipa_duty = true;
	s.adapters[0].stats.live_sent = 6;
	s.adapters[0].stats.live_heard = 7;
	s.adapters[0].stats.target_sent = 8;
	s.adapters[0].stats.target_heard = 9;
	s.adapters[0].hears_ms = 40;
	s.adapters[0].heard_ms = 120;
	s.adapters[0].target = IpAddr::from_be32(htonl(0x0a0000fe));
	s.adapters[0].target_ms = 40;
	s.adapters[1].judged = ARPFO_JUDGED_NO_CARRIER;
	s.adapters[1].target = IpAddr::from_be32(htonl(0x0a0000fe));
	s.adapters[2].judged = ARPFO_JUDGED_SILENT;
	s.adapters[2].hears_ms = 1500;
	s.addresses = {{v4(0x0a000001), 3, 3, false},
		       {v4(0x0a000002), 20, 0, true},
		       {v4(0xc0a80101), 5, 0, false, 30}};
	return s;
}

// What if_indextoname() would say for the VIPA's dummy device and the VRF
// device, neither of them a managed adapter.
std::optional<std::string> system_name(std::uint32_t ifindex)
{
	if (ifindex == 20)
		return "dummy0";
	if (ifindex == 30)
		return "blue";
	return std::nullopt;
}

const Names &names()
{
	static const Names n = Names::of_adapters(snapshot().adapters, system_name);
	return n;
}

// The lines of an uncoloured @table from its VRF column on: the columns of
// silent failure detection without the long ones before them.
std::string from_vrf(const std::string &table)
{
	const std::size_t at = table.find("VRF");
	std::istringstream in(table);
	std::string out;

	for (std::string line; std::getline(in, line);)
		out += line.substr(std::min(at, line.size())) + "\n";
	return out;
}

} // namespace

TEST(ArpfoRender, EnumNames)
{
	EXPECT_EQ(state_name(ARPFO_STATE_DOWN), "down");
	EXPECT_EQ(state_name(ARPFO_STATE_DELAYED), "delayed");
	EXPECT_EQ(state_name(ARPFO_STATE_HEALTHY), "healthy");
	EXPECT_EQ(state_name(ARPFO_STATE_FAILED), "failed");
	EXPECT_EQ(state_name(7), "unknown(7)");
	EXPECT_EQ(kind_name(ARPFO_KIND_HOST), "host");
	EXPECT_EQ(kind_name(ARPFO_KIND_OFFLOAD), "offload");
	EXPECT_EQ(kind_name(255), "unknown(255)");
	EXPECT_EQ(judgement_name(ARPFO_JUDGED_OK), "ok");
	EXPECT_EQ(judgement_name(ARPFO_JUDGED_NO_CARRIER), "no-carrier");
	EXPECT_EQ(judgement_name(ARPFO_JUDGED_SILENT), "silent");
	EXPECT_EQ(judgement_name(ARPFO_JUDGED_TARGET_LOST), "target-lost");
	EXPECT_EQ(judgement_name(4), "4");
	EXPECT_EQ(judgement_name(0xffffffff), "4294967295");
}

TEST(ArpfoRender, PnetState)
{
	EXPECT_EQ(pnet_state({1, {3, 4}, 2}), "ok");
	EXPECT_EQ(pnet_state({1, {3, 4}, 1}), "degraded");
	EXPECT_EQ(pnet_state({1, {3, 4}, 0}), "failed");
	EXPECT_EQ(pnet_state({1, {}, 0}), "failed");
}

TEST(ArpfoRender, Groups)
{
	EXPECT_EQ(render_groups(snapshot().pnets, names(), false),
		  "PNET  STATE     HEALTHY  ADAPTERS        VIPA-HOLDER\n"
		  "   1  degraded      1/3  eth0 eth1 eth2  eth0\n"
		  "   2  ok            1/1  if9             if9\n"
		  "   3  failed        0/0  -               -\n");
}

TEST(ArpfoRender, Adapters)
{
	EXPECT_EQ(render_adapters(snapshot().adapters, names(), false, all_adapter_fields()),
		  "ADAPTER  PNET  STATE    PROBING  ANSWERED-BY  PRIORITY  KIND     VIPA  MAC         "
		  "       TAKEOVERS  RECLAIMS  REPLIES  DROPPED  PROBES  REJECTED  ANNOUNCED  VRF   "
		  "JUDGED      HEARD       TARGET\n"
		  "eth0        1  healthy  no       eth0                0  host     yes   02:00:00:00:0"
		  "0:03          0         0        4        5     1/2         0          3  -     "
		  "ok          40ms/120ms  10.0.0.254 (40ms)\n"
		  "eth1        1  down     no       eth0              100  host     no    02:00:00:00:0"
		  "0:04          1         1        0        0   12/34         1          2  -     "
		  "no-carrier  -/-         10.0.0.254 (never)\n"
		  "eth2        2  delayed  yes      -                   0  offload  no    02:00:00:00:0"
		  "0:05          0         0        0        0     0/0         0          0  blue  "
		  "silent      1500ms/-    -\n");
}

TEST(ArpfoRender, Addresses)
{
	const Snapshot s = snapshot();

	EXPECT_EQ(render_addresses(s.addresses, s.pnets, names(), false),
		  "ADDRESS      OWNER   ANSWERED-BY                  VIPA  VRF   SHARED\n"
		  "10.0.0.1     eth0    eth0                         no    -     no\n"
		  "10.0.0.2     dummy0  eth0 (pnet 1), if9 (pnet 2)  yes   -     no\n"
		  "192.168.1.1  eth2    -                            no    blue  no\n");
}

// A VIPA is answered by the holder of each pnet, by pnet id whatever the
// order of the dump, and by nobody when no pnet has a holder (a module
// without VIPA support reports none). Its own RESPONDER, had one been sent,
// does not count.
TEST(ArpfoRender, VipaAnsweredByTheHoldersOfThePnets)
{
	const std::vector<Address> vipa{{v4(0x0a000002), 20, 4, true}};
	const std::vector<Pnet> unsorted{{7, {5}, 1, 5}, {3, {4}, 0, 0}, {2, {3}, 1, 3}};
	const std::vector<Pnet> none{{1, {3, 4}, 0, 0}};

	EXPECT_EQ(render_addresses(vipa, unsorted, names(), false),
		  "ADDRESS   OWNER   ANSWERED-BY                   VIPA  VRF  SHARED\n"
		  "10.0.0.2  dummy0  eth0 (pnet 2), eth2 (pnet 7)  yes   -    no\n");
	EXPECT_EQ(render_addresses(vipa, none, names(), false),
		  "ADDRESS   OWNER   ANSWERED-BY  VIPA  VRF  SHARED\n"
		  "10.0.0.2  dummy0  -            yes   -    no\n");
	EXPECT_EQ(render_addresses(vipa, {}, names(), true),
		  "ADDRESS   OWNER   ANSWERED-BY  VIPA  VRF  SHARED\n"
		  "10.0.0.2  dummy0  \033[31m-\033[0m            yes   -    no\n");

	const Snapshot s{unsorted, {}, vipa};
	EXPECT_EQ(render_show_json(s, {false, false, true}, names()),
		  "{\"addresses\":[{\"address\":\"10.0.0.2\",\"family\":\"inet\","
		  "\"owner\":\"dummy0\",\"responder\":null,"
		  "\"vipa\":true,\"answered_by\":[\"eth0\",\"eth2\"],\"l3dev\":null,"
		  "\"shared\":false}]}\n");
	const Snapshot unheld{none, {}, vipa};
	EXPECT_EQ(render_show_json(unheld, {false, false, true}, names()),
		  "{\"addresses\":[{\"address\":\"10.0.0.2\",\"family\":\"inet\","
		  "\"owner\":\"dummy0\",\"responder\":null,"
		  "\"vipa\":true,\"answered_by\":[],\"l3dev\":null,\"shared\":false}]}\n");
}

// A shared address (several devices of one L3 domain hold it) has one
// entry per holder, each answered by its holder (the kernel's way, the
// module reports the holder as the responder) and marked shared. The same
// address in another L3 domain is another address; a VRF the system
// cannot name is shown by its ifindex.
TEST(ArpfoRender, SharedAddressesAndVrfs)
{
	const std::vector<Address> addresses{{v4(0x0a000005), 3, 3, false, 30, true},
					     {v4(0x0a000005), 4, 4, false, 30, true},
					     {v4(0x0a000005), 5, 3, false, 0, false},
					     {v4(0x0a000006), 5, 5, false, 31, false}};

	EXPECT_EQ(render_addresses(addresses, {}, names(), true),
		  "ADDRESS   OWNER  ANSWERED-BY  VIPA  VRF   SHARED\n"
		  "10.0.0.5  eth0   eth0         no    blue  yes\n"
		  "10.0.0.5  eth1   eth1         no    blue  yes\n"
		  "10.0.0.5  eth2   \033[1;35meth0\033[0m         no    -     no\n"
		  "10.0.0.6  eth2   eth2         no    if31  no\n");

	const Snapshot s{{}, {}, addresses};
	EXPECT_EQ(render_show_json(s, {false, false, true}, names()),
		  "{\"addresses\":["
		  "{\"address\":\"10.0.0.5\",\"family\":\"inet\","
		  "\"owner\":\"eth0\",\"responder\":\"eth0\",\"vipa\":false,"
		  "\"answered_by\":[\"eth0\"],\"l3dev\":\"blue\",\"shared\":true},"
		  "{\"address\":\"10.0.0.5\",\"family\":\"inet\","
		  "\"owner\":\"eth1\",\"responder\":\"eth1\",\"vipa\":false,"
		  "\"answered_by\":[\"eth1\"],\"l3dev\":\"blue\",\"shared\":true},"
		  "{\"address\":\"10.0.0.5\",\"family\":\"inet\","
		  "\"owner\":\"eth2\",\"responder\":\"eth0\",\"vipa\":false,"
		  "\"answered_by\":[\"eth0\"],\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"10.0.0.6\",\"family\":\"inet\","
		  "\"owner\":\"eth2\",\"responder\":\"eth2\",\"vipa\":false,"
		  "\"answered_by\":[\"eth2\"],\"l3dev\":\"if31\",\"shared\":false}]}\n");
}

// IPv6 addresses are listed as IPv4 ones are, in their compressed form;
// the column is as wide as the longest address (39 characters at most).
TEST(ArpfoRender, Ipv6Addresses)
{
	const std::vector<Address> addresses{
		{v4(0x0a000001), 3, 3, false},
		{v6("2001:db8::1"), 3, 4, false},
		{v6("fd12:3456:789a:bcde:f012:3456:789a:bcde"), 20, 0, true, 30},
		{v6("2001:db8::1"), 5, 5, false, 0, true}};
	const std::vector<Pnet> pnets{{1, {3, 4}, 2, 3}};

	EXPECT_EQ(render_addresses(addresses, pnets, names(), true),
		  "ADDRESS                                  OWNER   ANSWERED-BY    VIPA  VRF   SHARED\n"
		  "10.0.0.1                                 eth0    eth0           no    -     no\n"
		  "2001:db8::1                              eth0    \033[1;35meth1\033[0m           no"
		  "    -     no\n"
		  "fd12:3456:789a:bcde:f012:3456:789a:bcde  dummy0  eth0 (pnet 1)  yes   blue  no\n"
		  "2001:db8::1                              eth2    eth2           no    -     yes\n");

	const Snapshot s{pnets, {}, addresses};
	EXPECT_EQ(render_show_json(s, {false, false, true}, names()),
		  "{\"addresses\":["
		  "{\"address\":\"10.0.0.1\",\"family\":\"inet\",\"owner\":\"eth0\","
		  "\"responder\":\"eth0\",\"vipa\":false,\"answered_by\":[\"eth0\"],"
		  "\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"2001:db8::1\",\"family\":\"inet6\",\"owner\":\"eth0\","
		  "\"responder\":\"eth1\",\"vipa\":false,\"answered_by\":[\"eth1\"],"
		  "\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"fd12:3456:789a:bcde:f012:3456:789a:bcde\",\"family\":\"inet6\","
		  "\"owner\":\"dummy0\",\"responder\":null,\"vipa\":true,"
		  "\"answered_by\":[\"eth0\"],\"l3dev\":\"blue\",\"shared\":false},"
		  "{\"address\":\"2001:db8::1\",\"family\":\"inet6\",\"owner\":\"eth2\","
		  "\"responder\":\"eth2\",\"vipa\":false,\"answered_by\":[\"eth2\"],"
		  "\"l3dev\":null,\"shared\":true}]}\n");
}

// The VRF of an adapter: its L3 master's name, the system's when the
// module did not report it, "-" (null in JSON) for none.
TEST(ArpfoRender, AdapterVrf)
{
	Adapter in_vrf = adapter(3, "eth0", ARPFO_STATE_HEALTHY, 3);
	in_vrf.l3dev = 30;
	Adapter unnamed = adapter(4, "eth1", ARPFO_STATE_HEALTHY, 4);
	unnamed.l3dev = 31;
	const std::vector<Adapter> list{in_vrf, unnamed,
					adapter(5, "eth2", ARPFO_STATE_HEALTHY, 5)};
	const Names n = Names::of_adapters(list, system_name);

	const std::string table = render_adapters(list, n, false, all_adapter_fields());
	EXPECT_NE(table.find("  ANNOUNCED  VRF   JUDGED  HEARD  TARGET\n"), std::string::npos) << table;
	EXPECT_NE(table.find("0  blue  ok      -/-    -\neth1 "), std::string::npos) << table;
	EXPECT_NE(table.find("0  if31  ok      -/-    -\neth2 "), std::string::npos) << table;
	EXPECT_TRUE(table.ends_with("0  -     ok      -/-    -\n")) << table;

	const Snapshot s{{}, list, {}};
	const std::string json = render_show_json(s, {false, true, false}, n);
	EXPECT_NE(json.find("\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":\"blue\",\"judged\""), std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":\"if31\",\"judged\""), std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":null,\"judged\""), std::string::npos)
		<< json;
}

// JUDGED: how the module judged the adapter's path, green when ok, red
// otherwise. HEARD: how long ago it heard a sibling's liveness frame and a
// sibling heard its own, each "-" for never (0 ms is no "never"). TARGET:
// the target it probes and how long ago it answered, "never" when it has
// not, "-" for no target. Ages are the module's milliseconds, unscaled.
// TARGET also says where the target came from when the module says so:
// the administrator (named), the default route's gateway, or a host heard
// on the segment; JSON gives it as "target_src", null when unknown.
TEST(ArpfoRender, TargetSource)
{
	Adapter gw = adapter(3, "eth0", ARPFO_STATE_HEALTHY, 3);
	gw.target = IpAddr::from_be32(htonl(0x0a0000fe));
	gw.target_ms = 40;
	gw.target_src = ARPFO_TARGET_SRC_GATEWAY;
	Adapter peer = adapter(4, "eth1", ARPFO_STATE_HEALTHY, 3);
	peer.target = IpAddr::from_be32(htonl(0x0a000064));
	peer.target_src = ARPFO_TARGET_SRC_NEIGHBOUR;
	Adapter named = adapter(5, "eth2", ARPFO_STATE_HEALTHY, 3);
	named.target = IpAddr::from_be32(htonl(0x0a000001));
	named.target_ms = 0;
	named.target_src = ARPFO_TARGET_SRC_NAMED;
	const std::vector<Adapter> list{gw, peer, named};
	const Names n = Names::of_adapters(list);
	const std::string text = render_adapters(list, n, false, all_adapter_fields());

	EXPECT_NE(text.find("10.0.0.254 (gateway, 40ms)\n"), std::string::npos) << text;
	EXPECT_NE(text.find("10.0.0.100 (neighbour, never)\n"), std::string::npos) << text;
	EXPECT_NE(text.find("10.0.0.1 (named, 0ms)\n"), std::string::npos) << text;

	Snapshot s;
	s.adapters = {gw};
	const std::string json = render_show_json(s, {false, true, false}, n);
	EXPECT_NE(json.find("\"target\":\"10.0.0.254\",\"target_ms\":40,\"target_src\":\"gateway\""),
		  std::string::npos)
		<< json;
}

// An IPv6-only adapter asks its default router: TARGET shows the router's
// (link-local) address, compressed, from the gateway source, in the table
// and in JSON alike.
TEST(ArpfoRender, Target6)
{
	Adapter a = adapter(3, "eth0", ARPFO_STATE_HEALTHY, 3);
	a.target = v6("fe80::1:fe");
	a.target_ms = 60;
	a.target_src = ARPFO_TARGET_SRC_GATEWAY;
	const std::vector<Adapter> list{a};
	const Names n = Names::of_adapters(list);
	const std::string text = render_adapters(list, n, false, all_adapter_fields());

	EXPECT_NE(text.find("fe80::1:fe (gateway, 60ms)\n"), std::string::npos) << text;

	Snapshot s;
	s.adapters = {a};
	const std::string json = render_show_json(s, {false, true, false}, n);
	EXPECT_NE(json.find("\"target\":\"fe80::1:fe\",\"target_ms\":60,\"target_src\":\"gateway\""),
		  std::string::npos)
		<< json;
}

TEST(ArpfoRender, JudgedHeardAndTarget)
{
	Adapter ok = adapter(3, "eth0", ARPFO_STATE_HEALTHY, 3);
	ok.hears_ms = 0;
	ok.heard_ms = 4294967295u;
	ok.target = IpAddr::from_be32(htonl(0xc0a80101));
	ok.target_ms = 0;
	Adapter lost = adapter(4, "eth1", ARPFO_STATE_HEALTHY, 4);
	lost.judged = ARPFO_JUDGED_TARGET_LOST;
	lost.heard_ms = 250;
	lost.target = IpAddr::from_be32(htonl(0x0a0000fe));
	Adapter silent = adapter(5, "eth2", ARPFO_STATE_DELAYED, 3);
	silent.judged = ARPFO_JUDGED_SILENT;
	silent.target = IpAddr::from_be32(htonl(0x0a0000fe));
	silent.target_ms = 30000;
	const std::vector<Adapter> list{ok, lost, silent};
	const Names n = Names::of_adapters(list);

	EXPECT_EQ(from_vrf(render_adapters(list, n, false, all_adapter_fields())),
		  "VRF  JUDGED       HEARD             TARGET\n"
		  "-    ok           0ms/4294967295ms  192.168.1.1 (0ms)\n"
		  "-    target-lost  -/250ms           10.0.0.254 (never)\n"
		  "-    silent       -/-               10.0.0.254 (30000ms)\n");

	const std::string coloured = render_adapters(list, n, true, all_adapter_fields());
	EXPECT_NE(coloured.find("  -    \033[32mok\033[0m           0ms/4294967295ms  "
				"192.168.1.1 (0ms)\n"),
		  std::string::npos)
		<< coloured;
	EXPECT_NE(coloured.find("  -    \033[31mtarget-lost\033[0m  -/250ms           "
				"10.0.0.254 (never)\n"),
		  std::string::npos)
		<< coloured;
	EXPECT_NE(coloured.find("  -    \033[31msilent\033[0m       -/-               "
				"10.0.0.254 (30000ms)\n"),
		  std::string::npos)
		<< coloured;

	Adapter no_carrier = adapter(6, "eth3", ARPFO_STATE_DOWN, 3);
	no_carrier.judged = ARPFO_JUDGED_NO_CARRIER;
	const std::vector<Adapter> down{no_carrier};
	EXPECT_NE(render_adapters(down, n, true, all_adapter_fields())
			  .find("  -    \033[31mno-carrier\033[0m  -/-    -\n"),
		  std::string::npos)
		<< render_adapters(down, n, true, all_adapter_fields());

	// JSON: the judgement's name, numbers for the ages, the target as a
	// dotted quad; null for what is absent.
	const Snapshot s{{}, list, {}};
	const std::string json = render_show_json(s, {false, true, false}, n);
	EXPECT_NE(json.find("\"l3dev\":null,\"judged\":\"ok\",\"hears_ms\":0,"
			    "\"heard_ms\":4294967295,\"target\":\"192.168.1.1\",\"target_ms\":0,\"target_src\":null,\"addrs_lost\":0}"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"l3dev\":null,\"judged\":\"target-lost\",\"hears_ms\":null,"
			    "\"heard_ms\":250,\"target\":\"10.0.0.254\",\"target_ms\":null,\"target_src\":null,\"addrs_lost\":0}"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"l3dev\":null,\"judged\":\"silent\",\"hears_ms\":null,"
			    "\"heard_ms\":null,\"target\":\"10.0.0.254\",\"target_ms\":30000,\"target_src\":null,\"addrs_lost\":0}]}"),
		  std::string::npos)
		<< json;
}

TEST(ArpfoRender, AllTablesBlankLineApart)
{
	const Snapshot s = snapshot();

	EXPECT_EQ(render_tables(s, {}, names(), false),
		  render_groups(s.pnets, names(), false) + "\n" +
			  render_adapters(s.adapters, names(), false, default_adapter_fields()) +
			  "\n" +
			  render_addresses(s.addresses, s.pnets, names(), false));
	EXPECT_EQ(render_tables(s, {false, false, true}, names(), false),
		  render_addresses(s.addresses, s.pnets, names(), false));
	EXPECT_EQ(render_tables(s, {true, false, true}, names(), false),
		  render_groups(s.pnets, names(), false) + "\n" +
			  render_addresses(s.addresses, s.pnets, names(), false));
}

TEST(ArpfoRender, EmptyTablesKeepTheirHeader)
{
	EXPECT_EQ(render_tables({}, {}, names(), false),
		  "PNET  STATE  HEALTHY  ADAPTERS  VIPA-HOLDER\n\n"
		  "ADAPTER  PNET  STATE  PROBING  ANSWERED-BY  PRIORITY  TAKEOVERS  RECLAIMS  JUDGED\n\n"
		  "ADDRESS  OWNER  ANSWERED-BY  VIPA  VRF  SHARED\n");
	EXPECT_EQ(render_tables({}, {false, false, false, true}, names(), false),
		  "DEVICE  IFINDEX  MEMBERSHIP  MASTER  WHY\n");
}

TEST(ArpfoRender, ColourPaintsStatesAndTakeovers)
{
	const Snapshot s = snapshot();

	EXPECT_EQ(render_groups(s.pnets, names(), true),
		  "PNET  STATE     HEALTHY  ADAPTERS        VIPA-HOLDER\n"
		  "   1  \033[33mdegraded\033[0m      1/3  eth0 eth1 eth2  eth0\n"
		  "   2  \033[32mok\033[0m            1/1  if9             if9\n"
		  "   3  \033[31mfailed\033[0m        0/0  -               -\n");
	std::vector<Address> addresses = s.addresses;
	addresses[1] = {v4(0x0a000002), 4, 3, false}; // taken over
	EXPECT_EQ(render_addresses(addresses, s.pnets, names(), true),
		  "ADDRESS      OWNER  ANSWERED-BY  VIPA  VRF   SHARED\n"
		  "10.0.0.1     eth0   eth0         no    -     no\n"
		  "10.0.0.2     eth1   \033[1;35meth0\033[0m         no    -     no\n"
		  "192.168.1.1  eth2   \033[31m-\033[0m            no    blue  no\n");

	const std::string adapters = render_adapters(s.adapters, names(), true, all_adapter_fields());
	EXPECT_NE(adapters.find("eth0        1  \033[32mhealthy\033[0m  no       eth0                0"),
		  std::string::npos)
		<< adapters;
	EXPECT_NE(adapters.find("eth1        1  \033[31mdown\033[0m     no       \033[1;35meth0\033[0m"
				"              100"),
		  std::string::npos)
		<< adapters;
	EXPECT_NE(adapters.find("eth2        2  \033[33mdelayed\033[0m  yes      \033[31m-\033[0m"
				"                   0"),
		  std::string::npos)
		<< adapters;
}

TEST(ArpfoRender, Json)
{
	EXPECT_EQ(render_show_json(snapshot(), {}, names()),
		  "{\"pnets\":["
		  "{\"id\":1,\"state\":\"degraded\",\"healthy\":1,\"members\":[\"eth0\",\"eth1\",\"eth2\"],"
		  "\"vipa_holder\":\"eth0\"},"
		  "{\"id\":2,\"state\":\"ok\",\"healthy\":1,\"members\":[\"if9\"],"
		  "\"vipa_holder\":\"if9\"},"
		  "{\"id\":3,\"state\":\"failed\",\"healthy\":0,\"members\":[],"
		  "\"vipa_holder\":null}],"
		  "\"adapters\":["
		  "{\"ifindex\":3,\"ifname\":\"eth0\",\"mac\":\"02:00:00:00:00:03\",\"pnet\":1,"
		  "\"state\":\"healthy\",\"probing\":false,\"responder\":\"eth0\",\"priority\":0,"
		  "\"kind\":\"host\",\"vipa_duty\":true,\"stats\":{\"probes_sent\":1,\"probes_heard\":2,"
		  "\"probes_rejected\":0,\"announcements\":3,\"replies\":4,\"dropped\":5,"
		  "\"takeovers\":0,\"reclaims\":0,\"live_sent\":6,\"live_heard\":7,\"target_sent\":8,"
		  "\"target_heard\":9,\"addrs_lost\":0},\"l3dev\":null,\"judged\":\"ok\",\"hears_ms\":40,\"heard_ms\":120,"
		  "\"target\":\"10.0.0.254\",\"target_ms\":40,\"target_src\":null,\"addrs_lost\":0},"
		  "{\"ifindex\":4,\"ifname\":\"eth1\",\"mac\":\"02:00:00:00:00:04\",\"pnet\":1,"
		  "\"state\":\"down\",\"probing\":false,\"responder\":\"eth0\",\"priority\":100,"
		  "\"kind\":\"host\",\"vipa_duty\":false,\"stats\":{\"probes_sent\":12,\"probes_heard\":34,"
		  "\"probes_rejected\":1,\"announcements\":2,\"replies\":0,\"dropped\":0,"
		  "\"takeovers\":1,\"reclaims\":1,\"live_sent\":0,\"live_heard\":0,\"target_sent\":0,"
		  "\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":null,\"judged\":\"no-carrier\",\"hears_ms\":null,"
		  "\"heard_ms\":null,\"target\":\"10.0.0.254\",\"target_ms\":null,\"target_src\":null,\"addrs_lost\":0},"
		  "{\"ifindex\":5,\"ifname\":\"eth2\",\"mac\":\"02:00:00:00:00:05\",\"pnet\":2,"
		  "\"state\":\"delayed\",\"probing\":true,\"responder\":null,\"priority\":0,"
		  "\"kind\":\"offload\",\"vipa_duty\":false,\"stats\":{\"probes_sent\":0,\"probes_heard\":0,"
		  "\"probes_rejected\":0,\"announcements\":0,\"replies\":0,\"dropped\":0,"
		  "\"takeovers\":0,\"reclaims\":0,\"live_sent\":0,\"live_heard\":0,\"target_sent\":0,"
		  "\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":\"blue\",\"judged\":\"silent\",\"hears_ms\":1500,"
		  "\"heard_ms\":null,\"target\":null,\"target_ms\":null,\"target_src\":null,\"addrs_lost\":0}],"
		  "\"addresses\":["
		  "{\"address\":\"10.0.0.1\",\"family\":\"inet\","
		  "\"owner\":\"eth0\",\"responder\":\"eth0\",\"vipa\":false,"
		  "\"answered_by\":[\"eth0\"],\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"10.0.0.2\",\"family\":\"inet\","
		  "\"owner\":\"dummy0\",\"responder\":null,\"vipa\":true,"
		  "\"answered_by\":[\"eth0\",\"if9\"],\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"192.168.1.1\",\"family\":\"inet\","
		  "\"owner\":\"eth2\",\"responder\":null,\"vipa\":false,"
		  "\"answered_by\":[],\"l3dev\":\"blue\",\"shared\":false}]}\n");
}

TEST(ArpfoRender, JsonOnlySelectedKeys)
{
	const Snapshot s = snapshot();

	EXPECT_EQ(render_show_json(s, {true, false, false}, names()).rfind("{\"pnets\":[", 0), 0u);
	EXPECT_EQ(render_show_json(s, {true, false, false}, names()).find("adapters"),
		  std::string::npos);
	EXPECT_EQ(render_show_json({}, {false, true, true}, names()),
		  "{\"adapters\":[],\"addresses\":[]}\n");
	EXPECT_EQ(render_show_json({}, {false, false, true}, names()), "{\"addresses\":[]}\n");
}

TEST(ArpfoRender, UnknownValuesAndMissingMac)
{
	Adapter a = adapter(7, "x", 7, 7);
	a.kind = 9;
	a.judged = 12;
	a.mac.reset();
	const std::vector<Adapter> list{a};
	const Names n = Names::of_adapters(list);

	// A judgement this version does not know is its number, painted as
	// not ok.
	EXPECT_EQ(render_adapters(list, n, true, all_adapter_fields()),
		  "ADAPTER  PNET  STATE       PROBING  ANSWERED-BY  PRIORITY  KIND        VIPA  MAC  "
		  "TAKEOVERS  RECLAIMS  REPLIES  DROPPED  PROBES  REJECTED  ANNOUNCED  VRF  JUDGED  "
		  "HEARD  TARGET\n"
		  "x           1  unknown(7)  no       x                   0  unknown(9)  no    -    "
		  "        0         0        0        0     0/0         0          0  -    "
		  "\033[31m12\033[0m      -/-    -\n");
	const Snapshot s{{}, list, {}};
	const std::string json = render_show_json(s, {false, true, false}, n);
	EXPECT_NE(json.find("\"mac\":null,\"pnet\":1,\"state\":\"unknown(7)\""), std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"kind\":\"unknown(9)\""), std::string::npos) << json;
	EXPECT_NE(json.find("\"l3dev\":null,\"judged\":\"12\",\"hears_ms\":null,"), std::string::npos)
		<< json;
}

TEST(ArpfoRender, OddNames)
{
	Snapshot s;
	s.adapters = {adapter(3, "a\"b\\c", ARPFO_STATE_HEALTHY, 3),
		      adapter(4, "t\tab\x01", ARPFO_STATE_HEALTHY, 4),
		      adapter(5, "\xc3\xa9th0", ARPFO_STATE_HEALTHY, 5)};
	s.addresses = {{v4(0x0a000001), 3, 4, false}, {v4(0x0a000002), 5, 5, false}};
	const Names n = Names::of_adapters(s.adapters);

	const std::string json = render_show_json(s, {false, true, true}, n);
	EXPECT_NE(json.find("\"ifname\":\"a\\\"b\\\\c\""), std::string::npos) << json;
	EXPECT_NE(json.find("\"ifname\":\"t\\tab\\u0001\""), std::string::npos) << json;
	EXPECT_NE(json.find("\"ifname\":\"\xc3\xa9th0\""), std::string::npos) << json;
	EXPECT_NE(json.find("\"owner\":\"a\\\"b\\\\c\",\"responder\":\"t\\tab\\u0001\""),
		  std::string::npos)
		<< json;

	// Control characters are not sent to the terminal; "é" is one column.
	EXPECT_EQ(render_addresses(s.addresses, s.pnets, n, false),
		  "ADDRESS   OWNER  ANSWERED-BY  VIPA  VRF  SHARED\n"
		  "10.0.0.1  a\"b\\c  t?ab?        no    -    no\n"
		  "10.0.0.2  \xc3\xa9th0   \xc3\xa9th0         no    -    no\n");
}

TEST(ArpfoRender, NamesFallBack)
{
	const std::vector<Adapter> adapters{adapter(3, "eth0", 0, 0), adapter(4, "", 0, 0)};
	const Names n = Names::of_adapters(adapters, [](std::uint32_t i) -> std::optional<std::string> {
		if (i == 4 || i == 5)
			return "sys" + std::to_string(i);
		return std::nullopt;
	});

	EXPECT_EQ(n(3), "eth0");
	EXPECT_EQ(n(4), "sys4");
	EXPECT_EQ(n(5), "sys5");
	EXPECT_EQ(n(6), "if6");
	EXPECT_EQ(Names()(6), "if6");
}

TEST(ArpfoRender, SortsForDisplay)
{
	Snapshot s = snapshot();
	std::reverse(s.pnets.begin(), s.pnets.end());
	std::reverse(s.adapters.begin(), s.adapters.end());
	std::reverse(s.addresses.begin(), s.addresses.end());
	s.addresses.push_back({v4(0x0b000000), 3, 3, false}); // 11.0.0.0 after 10.0.0.2
	sort_snapshot(s);

	EXPECT_EQ(s.pnets.front().id, 1u);
	EXPECT_EQ(s.adapters.front().ifindex, 3u);
	EXPECT_EQ(s.adapters.back().ifindex, 5u);
	EXPECT_EQ(s.addresses[0].addr.str(), "10.0.0.1");
	EXPECT_EQ(s.addresses[2].addr.str(), "11.0.0.0");
	EXPECT_EQ(s.addresses[3].addr.str(), "192.168.1.1");
}

// The module lists a pnet's members in its table's order: by ifindex.
TEST(ArpfoRender, SortsPnetMembers)
{
	Snapshot s;
	s.pnets = {{1, {9, 3, 5}, 3, 9}};
	sort_snapshot(s);

	EXPECT_EQ(s.pnets.front().members, (std::vector<std::uint32_t>{3, 5, 9}));
}

// One address in several L3 domains, or held by several devices of one:
// by L3 master, then owner, whatever the order of the dump.
TEST(ArpfoRender, SortsOneAddressByDomainThenOwner)
{
	Snapshot s;
	s.addresses = {{v4(0x0a000005), 5, 5, false, 30, true},
		       {v4(0x0a000004), 9, 9, false, 31, false},
		       {v4(0x0a000005), 4, 4, false, 30, true},
		       {v4(0x0a000005), 9, 9, false, 0, false},
		       {v4(0x0a000005), 3, 3, false, 31, false}};
	sort_snapshot(s);

	std::vector<std::pair<std::uint32_t, std::uint32_t>> order;
	for (const auto &a : s.addresses)
		order.emplace_back(a.l3dev, a.owner);
	EXPECT_EQ(order, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{
				 {31, 9}, {0, 9}, {30, 4}, {30, 5}, {31, 3}}));
	EXPECT_EQ(s.addresses.front().addr, v4(0x0a000004));
}

// IPv4 addresses first, then IPv6 ones, each family by numeric value
// (2001:db8::2 before 2001:db8::10, unlike their text).
TEST(ArpfoRender, SortsIpv6AfterIpv4Numerically)
{
	Snapshot s;
	s.addresses = {{v6("fd00::1"), 3, 3, false},
		       {v6("2001:db8::10"), 3, 3, false},
		       {v4(0xc0a80101), 3, 3, false},
		       {v6("2001:db8::2"), 4, 4, false, 30},
		       {v6("2001:db8::2"), 3, 3, false, 30},
		       {v4(0x0a000001), 3, 3, false}};
	sort_snapshot(s);

	std::vector<std::string> order;
	for (const auto &a : s.addresses)
		order.push_back(a.addr.str() + " if" + std::to_string(a.owner));
	EXPECT_EQ(order, (std::vector<std::string>{"10.0.0.1 if3", "192.168.1.1 if3",
						   "2001:db8::2 if3", "2001:db8::2 if4",
						   "2001:db8::10 if3", "fd00::1 if3"}));
}

TEST(ArpfoRender, ColourDecision)
{
	EXPECT_TRUE(use_color(ColorMode::Always, false, "1"));
	EXPECT_FALSE(use_color(ColorMode::Never, true, nullptr));
	EXPECT_TRUE(use_color(ColorMode::Auto, true, nullptr));
	EXPECT_TRUE(use_color(ColorMode::Auto, true, ""));
	EXPECT_FALSE(use_color(ColorMode::Auto, true, "1"));
	EXPECT_FALSE(use_color(ColorMode::Auto, false, nullptr));
}
