// SPDX-License-Identifier: GPL-2.0-only
// `arpfo show`: the adapters table's columns (-o), its default width, and
// the devices view (-d) from the module's device dump.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <linux/arp_failover.h>

#include "arpfo/adapter_fields.hpp"
#include "arpfo/membership.hpp"
#include "arpfo/options.hpp"
#include "arpfo/parse.hpp"
#include "arpfo/render.hpp"
#include "arpfo/usage.hpp"
#include "arpfo_msg.hpp"

using namespace arpfo;
using arpfo::test::Msg;

namespace {

// What a host with long-ish predictable names shows in the middle of a
// takeover: every column at its widest usual value.
std::vector<Adapter> busy_host()
{
	std::vector<Adapter> list;

	for (std::uint32_t i = 0; i < 3; i++) {
		Adapter a;
		a.ifindex = 10 + i;
		a.ifname = "enp129s0f" + std::to_string(i);
		a.mac = Mac{0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(i)};
		a.pnet = 12;
		a.state = i == 0 ? ARPFO_STATE_DELAYED : ARPFO_STATE_HEALTHY;
		a.responder = i == 0 ? 11 : a.ifindex;
		a.priority = 4000000000u;
		a.judged = i == 0 ? ARPFO_JUDGED_TARGET_LOST : ARPFO_JUDGED_OK;
		a.stats.takeovers = 123456789;
		a.stats.reclaims = 123456789;
		a.hears_ms = 4000000000u;
		a.heard_ms = 4000000000u;
		a.target = IpAddr::from_be32(0x0100000a);
		list.push_back(a);
	}
	return list;
}

std::size_t widest_line(const std::string &text)
{
	std::istringstream in(text);
	std::size_t widest = 0;

	for (std::string line; std::getline(in, line);)
		widest = std::max(widest, line.size());
	return widest;
}

ShowCommand show(std::vector<std::string_view> args)
{
	args.insert(args.begin(), "show");
	const auto r = parse_command_line(args);
	if (const auto *e = std::get_if<CommandLineError>(&r))
		ADD_FAILURE() << "usage error: " << e->message;
	const auto *s = std::get_if<ShowCommand>(&r);
	return s ? *s : ShowCommand{};
}

std::string show_error(std::vector<std::string_view> args)
{
	args.insert(args.begin(), "show");
	const auto r = parse_command_line(args);
	const auto *e = std::get_if<CommandLineError>(&r);
	return e ? e->message : "";
}

std::string first_line(const std::string &text)
{
	return text.substr(0, text.find('\n'));
}

} // namespace

// The default fits a 100-column terminal even with 10-character names,
// counters of nine digits and the longest judgement; every field does not
// (which is why there is a default).
TEST(ArpfoShowFields, DefaultFitsOneHundredColumns)
{
	const auto list = busy_host();
	const Names n = Names::of_adapters(list);

	const std::string table = render_adapters(list, n, false, default_adapter_fields());
	EXPECT_LE(widest_line(table), 100u) << table;
	EXPECT_GT(widest_line(render_adapters(list, n, false, all_adapter_fields())), 100u);
	EXPECT_EQ(first_line(table), "ADAPTER     PNET  STATE    PROBING  ANSWERED-BY    PRIORITY"
				     "  TAKEOVERS   RECLAIMS  JUDGED");
}

// Scripts read the first five columns by position (tests/takeover.sh:
// awk '$1 == "eth0" { print $3, $5 }').
TEST(ArpfoShowFields, DefaultStartsWithTheColumnsScriptsRead)
{
	const auto d = default_adapter_fields();
	ASSERT_GE(d.size(), 5u);
	EXPECT_EQ(std::vector<AdapterField>(d.begin(), d.begin() + 5),
		  (std::vector<AdapterField>{AdapterField::Adapter, AdapterField::Pnet,
					     AdapterField::State, AdapterField::Probing,
					     AdapterField::AnsweredBy}));
}

TEST(ArpfoShowFields, PickedFieldsInTheGivenOrder)
{
	const auto list = busy_host();
	const Names n = Names::of_adapters(list);
	const auto fields =
		std::get<std::vector<AdapterField>>(parse_adapter_fields("mac,ADAPTER,heard"));

	EXPECT_EQ(render_adapters(list, n, false, fields),
		  "MAC                ADAPTER     HEARD\n"
		  "02:00:00:00:00:00  enp129s0f0  4000000000ms/4000000000ms\n"
		  "02:00:00:00:00:01  enp129s0f1  4000000000ms/4000000000ms\n"
		  "02:00:00:00:00:02  enp129s0f2  4000000000ms/4000000000ms\n");
}

TEST(ArpfoShowFields, AllIsEveryFieldOnce)
{
	const auto all = std::get<std::vector<AdapterField>>(parse_adapter_fields("all"));

	EXPECT_EQ(all, all_adapter_fields());
	EXPECT_EQ(all.size(), adapter_fields().size());
	EXPECT_EQ(std::get<std::vector<AdapterField>>(parse_adapter_fields("All")), all);
	for (std::size_t i = 0; i < all.size(); i++)
		EXPECT_EQ(adapter_field(all[i]).name, adapter_fields()[i].name);
}

TEST(ArpfoShowFields, BadFieldLists)
{
	EXPECT_EQ(std::get<std::string>(parse_adapter_fields("state,frob")),
		  "unknown field 'frob' (fields: adapter,pnet,state,probing,answered-by,priority,"
		  "kind,vipa,mac,takeovers,reclaims,replies,dropped,probes,rejected,announced,vrf,"
		  "judged,heard,target, or all)");
	EXPECT_EQ(std::get<std::string>(parse_adapter_fields("")).substr(0, 18),
		  "unknown field '' (");
	EXPECT_EQ(std::get<std::string>(parse_adapter_fields("state,")).substr(0, 18),
		  "unknown field '' (");
	EXPECT_EQ(std::get<std::string>(parse_adapter_fields("state,pnet,STATE")),
		  "field 'state' given twice");
	EXPECT_EQ(std::get<std::string>(parse_adapter_fields("all,state")).substr(0, 21),
		  "unknown field 'all' (");
}

TEST(ArpfoShowFields, CommandLine)
{
	using F = AdapterField;
	const std::vector<F> two{F::Adapter, F::Judged};

	EXPECT_EQ(show({}).select.adapter_fields, default_adapter_fields());
	EXPECT_EQ(show({"-o", "adapter,judged"}).select.adapter_fields, two);
	EXPECT_EQ(show({"-oadapter,judged"}).select.adapter_fields, two);
	EXPECT_EQ(show({"--output=adapter,judged"}).select.adapter_fields, two);
	EXPECT_EQ(show({"--output", "adapter,judged"}).select.adapter_fields, two);
	const auto io = show({"-io", "adapter,judged"});
	EXPECT_EQ(io.select.adapter_fields, two);
	EXPECT_EQ(io.select, (Selection{false, true, false, false, two}));
	EXPECT_EQ(show({"-o", "all", "-ia"}).select,
		  (Selection{false, true, true, false, all_adapter_fields()}));
	// Without a selector: every default table, the adapters' with the fields.
	EXPECT_EQ(show({"-o", "adapter,judged"}).select, (Selection{true, true, true, false, two}));
}

TEST(ArpfoShowFields, CommandLineErrors)
{
	EXPECT_EQ(show_error({"-o"}), "show: -o needs a list of fields");
	EXPECT_EQ(show_error({"--output"}), "show: --output needs a list of fields");
	EXPECT_EQ(show_error({"-o", "frob"}).substr(0, 31), "show: -o: unknown field 'frob' ");
	EXPECT_EQ(show_error({"-o", "pnet", "-o", "state"}), "show: -o given twice");
	EXPECT_EQ(show_error({"-o", "pnet", "--json"}),
		  "show: -o picks the table's columns; --json has every field");
	EXPECT_EQ(show_error({"-g", "-o", "pnet"}),
		  "show: -o picks the adapters table's columns, but -i is not given");
	EXPECT_EQ(show_error({"-ox"}).substr(0, 28), "show: -o: unknown field 'x' ");
	EXPECT_EQ(show_error({"-dz"}), "show: unknown option '-z'");
}

TEST(ArpfoShowFields, DevicesSelector)
{
	EXPECT_EQ(show({"-d"}).select, (Selection{false, false, false, true}));
	EXPECT_EQ(show({"--devices", "-i"}).select, (Selection{false, true, false, true}));
	EXPECT_FALSE(show({}).select.devices);
	EXPECT_TRUE(show({"-gd", "--json"}).json);
}

// --help lists every field, the default ones starred.
TEST(ArpfoShowFields, HelpListsTheFields)
{
	const std::string help = usage("show");

	for (const auto &f : adapter_fields())
		EXPECT_NE(help.find(" " + std::string(f.name) + " "), std::string::npos) << f.name;
	EXPECT_NE(help.find("\n* answered-by   the adapter answering for its addresses\n"),
		  std::string::npos)
		<< help;
	EXPECT_NE(help.find("\n  mac           its MAC address\n"), std::string::npos) << help;
	EXPECT_NE(help.find("[-d|--devices]"), std::string::npos);
}

TEST(ArpfoShowFields, ParseDevice)
{
	Msg m(ARPFO_CMD_DEVICE_GET);
	m.u32(ARPFO_A_DEVICE_IFINDEX, 4)
		.strz(ARPFO_A_DEVICE_IFNAME, "eth1")
		.u32(ARPFO_A_DEVICE_MEMBERSHIP, ARPFO_MEMBER_BOND_PORT)
		.u32(ARPFO_A_DEVICE_MASTER, 9);
	EXPECT_EQ(parse_device(m.bytes()), (Device{4, "eth1", ARPFO_MEMBER_BOND_PORT, 9}));

	Msg bare(ARPFO_CMD_DEVICE_GET);
	bare.u32(ARPFO_A_DEVICE_IFINDEX, 2).u32(ARPFO_A_DEVICE_MEMBERSHIP, 0);
	EXPECT_EQ(parse_device(bare.bytes()), (Device{2, "", ARPFO_MEMBER_MANAGED, 0}));

	Msg nameless(ARPFO_CMD_DEVICE_GET);
	nameless.u32(ARPFO_A_DEVICE_IFINDEX, 2);
	EXPECT_THROW(parse_device(nameless.bytes()), std::exception);
}

TEST(ArpfoShowFields, MembershipWords)
{
	EXPECT_EQ(membership_name(ARPFO_MEMBER_MANAGED), "managed");
	EXPECT_EQ(membership_name(ARPFO_MEMBER_BOND_PORT), "bond-port");
	EXPECT_EQ(membership_name(ARPFO_MEMBER_GOING), "going");
	EXPECT_EQ(membership_name(ARPFO_MEMBER_GOING + 1), "unknown(16)");
	EXPECT_EQ(membership_reason(ARPFO_MEMBER_BRIDGE_PORT, "br0"),
		  "a port of bridge br0: its frames belong to the bridge");
	EXPECT_EQ(membership_reason(ARPFO_MEMBER_BRIDGE_PORT, ""),
		  "a port of bridge its master: its frames belong to the bridge");
	EXPECT_EQ(membership_reason(ARPFO_MEMBER_NO_ADDRESS, ""),
		  "it has no IPv4 address and no global or unique-local IPv6 address");
	EXPECT_EQ(membership_reason(99, ""),
		  "not managed, for a reason (99) this arpfo does not know");
}

TEST(ArpfoShowFields, DevicesTableAndJson)
{
	Snapshot s;
	s.devices = {{2, "eth0", ARPFO_MEMBER_MANAGED, 0},
		     {3, "eth1", ARPFO_MEMBER_BOND_PORT, 9},
		     {5, "", ARPFO_MEMBER_NO_ADDRESS, 0}};
	Names n;
	n.add(9, "bond0");
	const Selection devices_only{false, false, false, true};

	EXPECT_EQ(render_tables(s, devices_only, n, false),
		  "DEVICE  IFINDEX  MEMBERSHIP  MASTER  WHY\n"
		  "eth0          2  managed     -       -\n"
		  "eth1          3  bond-port   bond0   a port of bond bond0: its frames belong to "
		  "the bond\n"
		  "if5           5  no-address  -       it has no IPv4 address and no global or "
		  "unique-local IPv6 address\n");
	EXPECT_NE(render_devices(s.devices, n, true).find("\033[32mmanaged\033[0m"),
		  std::string::npos);
	EXPECT_EQ(
		render_show_json(s, devices_only, n),
		"{\"devices\":["
		"{\"ifindex\":2,\"ifname\":\"eth0\",\"membership\":\"managed\",\"master\":null,"
		"\"reason\":null},"
		"{\"ifindex\":3,\"ifname\":\"eth1\",\"membership\":\"bond-port\","
		"\"master\":\"bond0\",\"reason\":\"a port of bond bond0: its frames belong to the "
		"bond\"},"
		"{\"ifindex\":5,\"ifname\":\"if5\",\"membership\":\"no-address\",\"master\":null,"
		"\"reason\":\"it has no IPv4 address and no global or unique-local IPv6 "
		"address\"}]}\n");
}
