// SPDX-License-Identifier: GPL-2.0-only
// An adapter's addresses removed while a sibling answered for it
// (ARPFO_A_ADAPTER_ADDRS_LOST, ARPFO_A_STATS_ADDRS_LOST): parsed from the
// adapter dump (absent from older modules) and shown by `arpfo show`.
#include <gtest/gtest.h>

#include "arpfo/errors.hpp"
#include "arpfo/parse.hpp"
#include "arpfo/render.hpp"
#include "arpfo_msg.hpp"

using namespace arpfo;
using arpfo::test::Msg;

namespace {

// eth0, down, answered for by ifindex 4, with @lost addresses removed
// since the takeover and @total over its life.
Msg lost_adapter_msg(std::uint32_t lost, std::uint64_t total)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.strz(ARPFO_A_ADAPTER_IFNAME, "eth0")
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_DOWN)
		.u32(ARPFO_A_ADAPTER_RESPONDER, 4)
		.begin(ARPFO_A_ADAPTER_STATS)
		.u64(ARPFO_A_STATS_TAKEOVERS, 1)
		.u64(ARPFO_A_STATS_ADDRS_LOST, total)
		.end()
		.u32(ARPFO_A_ADAPTER_ADDRS_LOST, lost);
	return m;
}

std::string adapter_error(const Msg &m)
{
	try {
		parse_adapter(m.bytes());
	} catch (const MalformedMessage &e) {
		return e.what();
	}
	return "";
}

} // namespace

TEST(ArpfoAddrsLost, ParsesTheMarkAndTheCounter)
{
	const Adapter a = parse_adapter(lost_adapter_msg(2, 0x100000005ULL).bytes());

	EXPECT_EQ(a.addrs_lost, 2u);
	EXPECT_EQ(a.stats.addrs_lost, 0x100000005ULL);
	EXPECT_EQ(a.stats.takeovers, 1u);
}

// A module that does not watch for lost addresses sends neither: nothing
// is marked, nothing counted.
TEST(ArpfoAddrsLost, AbsentFromAnOlderModule)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.begin(ARPFO_A_ADAPTER_STATS)
		.u64(ARPFO_A_STATS_TAKEOVERS, 1)
		.end();
	const Adapter a = parse_adapter(m.bytes());

	EXPECT_EQ(a.addrs_lost, 0u);
	EXPECT_EQ(a.stats.addrs_lost, 0u);
}

TEST(ArpfoAddrsLost, RejectsWrongSizes)
{
	Msg narrow = lost_adapter_msg(1, 1);
	narrow.u8(ARPFO_A_ADAPTER_ADDRS_LOST, 1);
	EXPECT_EQ(adapter_error(narrow),
		  "adapter message: attribute ADDRS_LOST (type 19) has 1 bytes, a u32 needs 4");

	Msg counter(ARPFO_CMD_ADAPTER_GET);
	counter.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_DOWN)
		.begin(ARPFO_A_ADAPTER_STATS)
		.u32(ARPFO_A_STATS_ADDRS_LOST, 1)
		.end();
	EXPECT_EQ(adapter_error(counter),
		  "adapter message: STATS: attribute ADDRS_LOST (type 14) has 4 bytes, a u64 needs 8");
}

// `arpfo show` marks the adapter after its name and says under the table
// what the mark means; the JSON has the number and the counter.
TEST(ArpfoAddrsLost, ShowMarksTheAdapter)
{
	Msg sibling(ARPFO_CMD_ADAPTER_GET);
	sibling.u32(ARPFO_A_ADAPTER_IFINDEX, 4)
		.strz(ARPFO_A_ADAPTER_IFNAME, "eth1")
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.u32(ARPFO_A_ADAPTER_RESPONDER, 4);
	Snapshot s;
	s.adapters = {parse_adapter(lost_adapter_msg(2, 2).bytes()), parse_adapter(sibling.bytes())};
	const Names names = Names::of_adapters(s.adapters);
	const std::vector<AdapterField> fields = {AdapterField::Adapter, AdapterField::State,
						  AdapterField::AnsweredBy};

	EXPECT_EQ(render_adapters(s.adapters, names, false, fields),
		  "ADAPTER  STATE    ANSWERED-BY\n"
		  "eth0!    down     eth1\n"
		  "eth1     healthy  eth1\n"
		  "! eth0: 2 addresses removed while eth1 answers for it: the takeover cannot "
		  "hold them. A network manager deconfigured them? See \"Network managers\" in "
		  "the admin guide.\n");
	EXPECT_NE(render_adapters(s.adapters, names, true, fields).find("\033[31meth0!\033[0m"),
		  std::string::npos);

	const std::string json = render_show_json(s, {false, true, false}, names);
	EXPECT_NE(json.find("\"takeovers\":1,"), std::string::npos) << json;
	EXPECT_NE(json.find("\"target_heard\":0,\"addrs_lost\":2},"), std::string::npos) << json;
	EXPECT_NE(json.find("\"target_ms\":null,\"target_src\":null,\"addrs_lost\":2},"), std::string::npos) << json;
	EXPECT_NE(json.find("\"target_ms\":null,\"target_src\":null,\"addrs_lost\":0}]}"), std::string::npos) << json;
}

// Once the adapter is healthy again the module sends 0: no mark, no note.
TEST(ArpfoAddrsLost, NoMarkWithoutLoss)
{
	Snapshot s;
	s.adapters = {parse_adapter(lost_adapter_msg(0, 2).bytes())};
	const Names names = Names::of_adapters(s.adapters);

	EXPECT_EQ(render_adapters(s.adapters, names, false, {{AdapterField::Adapter}}),
		  "ADAPTER\neth0\n");
}
