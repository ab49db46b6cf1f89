// SPDX-License-Identifier: GPL-2.0-only
// Dump messages (pnet, adapter, address) to the model, and every way a
// message can be malformed.
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include <arpa/inet.h>

#include "arpfo/errors.hpp"
#include "arpfo/parse.hpp"
#include "arpfo/render.hpp"
#include "arpfo_msg.hpp"

using namespace arpfo;
using arpfo::test::Msg;

namespace {

Msg pnet_msg()
{
	Msg m(ARPFO_CMD_PNET_GET);
	m.u32(ARPFO_A_PNET_ID, 1)
		.u32(ARPFO_A_PNET_MEMBER, 3)
		.u32(ARPFO_A_PNET_MEMBER, 4)
		.u32(ARPFO_A_PNET_MEMBER, 5)
		.u32(ARPFO_A_PNET_HEALTHY, 2);
	return m;
}

// ifindex 3 "eth0", everything set, stats with padding as the kernel's
// nla_put_u64_64bit() may add it.
Msg adapter_msg()
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.strz(ARPFO_A_ADAPTER_IFNAME, "eth0")
		.mac(ARPFO_A_ADAPTER_MAC, 0x01)
		.u32(ARPFO_A_ADAPTER_PNET, 1)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.u32(ARPFO_A_ADAPTER_PROBING, 1)
		.u32(ARPFO_A_ADAPTER_RESPONDER, 4)
		.u32(ARPFO_A_ADAPTER_PRIORITY, 10)
		.u32(ARPFO_A_ADAPTER_KIND, ARPFO_KIND_OFFLOAD)
		.begin(ARPFO_A_ADAPTER_STATS)
		.flag(ARPFO_A_STATS_PAD)
		.u64(ARPFO_A_STATS_PROBES_SENT, 1)
		.u64(ARPFO_A_STATS_PROBES_HEARD, 2)
		.u64(ARPFO_A_STATS_PROBES_REJECTED, 3)
		.u64(ARPFO_A_STATS_ANNOUNCEMENTS, 4)
		.u64(ARPFO_A_STATS_REPLIES, 5)
		.u64(ARPFO_A_STATS_DROPPED, 6)
		.u64(ARPFO_A_STATS_TAKEOVERS, 7)
		.u64(ARPFO_A_STATS_RECLAIMS, 0x1234567890ULL)
		.end();
	return m;
}

// A VIPA on dummy0 (ifindex 20), as the module sends it: no RESPONDER.
Msg vipa_msg()
{
	Msg m(ARPFO_CMD_ADDR_GET);
	m.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000002)).u32(ARPFO_A_ADDR_OWNER, 20).flag(ARPFO_A_ADDR_VIPA);
	return m;
}

Msg address_msg(bool vipa)
{
	Msg m(ARPFO_CMD_ADDR_GET);
	m.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000001))
		.u32(ARPFO_A_ADDR_OWNER, 3)
		.u32(ARPFO_A_ADDR_RESPONDER, 4);
	if (vipa)
		m.flag(ARPFO_A_ADDR_VIPA);
	return m;
}

// 2001:db8::1 on eth0 (ifindex 3), answered by ifindex 4.
Msg address6_msg()
{
	Msg m(ARPFO_CMD_ADDR_GET);
	m.ipv6(ARPFO_A_ADDR_ADDR6, "2001:db8::1")
		.u32(ARPFO_A_ADDR_OWNER, 3)
		.u32(ARPFO_A_ADDR_RESPONDER, 4);
	return m;
}

// The message of a MalformedMessage @parse throws, or "" when it parses
// (or fails some other way: the test then fails on the text).
template <typename Parse>
std::string error_of(Parse parse, const std::vector<std::uint8_t> &bytes)
{
	try {
		parse(bytes);
	} catch (const MalformedMessage &e) {
		return e.what();
	}
	return "";
}

std::string adapter_error(const std::vector<std::uint8_t> &bytes)
{
	return error_of(parse_adapter, bytes);
}

} // namespace

TEST(ArpfoParse, Pnet)
{
	const Pnet p = parse_pnet(pnet_msg().bytes());

	EXPECT_EQ(p.id, 1u);
	EXPECT_EQ(p.members, (std::vector<std::uint32_t>{3, 4, 5}));
	EXPECT_EQ(p.healthy, 2u);
	EXPECT_EQ(p.vipa_holder, 0u); // a module without VIPA support
}

TEST(ArpfoParse, PnetWithVipaHolder)
{
	Msg held = pnet_msg();
	held.u32(ARPFO_A_PNET_VIPA_HOLDER, 4);
	EXPECT_EQ(parse_pnet(held.bytes()).vipa_holder, 4u);
	EXPECT_EQ(parse_pnet(held.bytes()).members, (std::vector<std::uint32_t>{3, 4, 5}));

	Msg none = pnet_msg();
	none.u32(ARPFO_A_PNET_VIPA_HOLDER, 0);
	EXPECT_EQ(parse_pnet(none.bytes()).vipa_holder, 0u);

	Msg bad = pnet_msg();
	bad.u8(ARPFO_A_PNET_VIPA_HOLDER, 4);
	EXPECT_EQ(error_of(parse_pnet, bad.bytes()),
		  "pnet message: attribute VIPA_HOLDER (type 4) has 1 bytes, a u32 needs 4");
}

TEST(ArpfoParse, PnetWithoutMembers)
{
	Msg m(ARPFO_CMD_PNET_GET);
	m.u32(ARPFO_A_PNET_ID, 9).u32(ARPFO_A_PNET_HEALTHY, 0);
	const Pnet p = parse_pnet(m.bytes());

	EXPECT_EQ(p.id, 9u);
	EXPECT_TRUE(p.members.empty());
}

TEST(ArpfoParse, Adapter)
{
	const Adapter a = parse_adapter(adapter_msg().bytes());

	EXPECT_EQ(a.ifindex, 3u);
	EXPECT_EQ(a.ifname, "eth0");
	ASSERT_TRUE(a.mac.has_value());
	EXPECT_EQ(*a.mac, (Mac{0x02, 0, 0, 0, 0, 0x01}));
	EXPECT_EQ(a.pnet, 1u);
	EXPECT_EQ(a.state, ARPFO_STATE_HEALTHY);
	EXPECT_TRUE(a.probing);
	EXPECT_EQ(a.responder, 4u);
	EXPECT_EQ(a.priority, 10u);
	EXPECT_EQ(a.kind, ARPFO_KIND_OFFLOAD);
	EXPECT_EQ(a.stats, (AdapterStats{1, 2, 3, 4, 5, 6, 7, 0x1234567890ULL}));
	EXPECT_FALSE(a.vipa_duty); // a module without VIPA support
	EXPECT_EQ(a.l3dev, 0u);	   // nor VRF support
	// nor silent failure detection
	EXPECT_EQ(a.judged, ARPFO_JUDGED_OK);
	EXPECT_FALSE(a.hears_ms.has_value());
	EXPECT_FALSE(a.heard_ms.has_value());
	EXPECT_FALSE(a.target.has_value());
	EXPECT_FALSE(a.target_ms.has_value());
}

TEST(ArpfoParse, AdapterVipaDuty)
{
	Msg duty = adapter_msg();
	duty.u32(ARPFO_A_ADAPTER_VIPA_DUTY, 1);
	const Adapter a = parse_adapter(duty.bytes());
	EXPECT_TRUE(a.vipa_duty);
	EXPECT_EQ(a.ifname, "eth0");
	EXPECT_EQ(a.stats.reclaims, 0x1234567890ULL);

	Msg no_duty = adapter_msg();
	no_duty.u32(ARPFO_A_ADAPTER_VIPA_DUTY, 0);
	EXPECT_FALSE(parse_adapter(no_duty.bytes()).vipa_duty);

	Msg bad = adapter_msg();
	bad.u8(ARPFO_A_ADAPTER_VIPA_DUTY, 1);
	EXPECT_EQ(adapter_error(bad.bytes()),
		  "adapter message: attribute VIPA_DUTY (type 12) has 1 bytes, a u32 needs 4");
}

TEST(ArpfoParse, AdapterWithOnlyRequiredAttributes)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 8).u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_DOWN);
	const Adapter a = parse_adapter(m.bytes());

	EXPECT_EQ(a.ifindex, 8u);
	EXPECT_EQ(a.ifname, "");
	EXPECT_FALSE(a.mac.has_value());
	EXPECT_EQ(a.responder, 0u);
	EXPECT_EQ(a.kind, ARPFO_KIND_HOST);
	EXPECT_EQ(a.stats, AdapterStats{});
	EXPECT_FALSE(a.vipa_duty);
}

TEST(ArpfoParse, AddressWithAndWithoutVipa)
{
	const Address plain = parse_address(address_msg(false).bytes());
	const Address vipa = parse_address(address_msg(true).bytes());

	EXPECT_EQ(plain.addr, IpAddr(Ipv4{10, 0, 0, 1}));
	EXPECT_EQ(plain.addr.str(), "10.0.0.1");
	EXPECT_FALSE(plain.addr.is_v6());
	EXPECT_EQ(plain.owner, 3u);
	EXPECT_EQ(plain.responder, 4u);
	EXPECT_FALSE(plain.vipa);
	EXPECT_TRUE(vipa.vipa);
	EXPECT_EQ(plain.l3dev, 0u); // a module without VRF support
	EXPECT_FALSE(plain.shared);
}

// An IPv6 address comes in ADDR6 instead of ADDR; everything else is as
// for IPv4.
TEST(ArpfoParse, Ipv6Address)
{
	const Address plain = parse_address(address6_msg().bytes());

	EXPECT_TRUE(plain.addr.is_v6());
	EXPECT_EQ(plain.addr.str(), "2001:db8::1");
	EXPECT_EQ(plain.addr.family_name(), "inet6");
	EXPECT_EQ(plain.owner, 3u);
	EXPECT_EQ(plain.responder, 4u);
	EXPECT_FALSE(plain.vipa);
	EXPECT_EQ(plain.l3dev, 0u);
	EXPECT_FALSE(plain.shared);

	Msg vipa(ARPFO_CMD_ADDR_GET);
	vipa.ipv6(ARPFO_A_ADDR_ADDR6, "fd00:1234::9")
		.u32(ARPFO_A_ADDR_OWNER, 20)
		.flag(ARPFO_A_ADDR_VIPA)
		.u32(ARPFO_A_ADDR_L3DEV, 30)
		.flag(ARPFO_A_ADDR_SHARED);
	const Address v = parse_address(vipa.bytes());
	EXPECT_EQ(v.addr.str(), "fd00:1234::9");
	EXPECT_TRUE(v.vipa);
	EXPECT_EQ(v.responder, 0u);
	EXPECT_EQ(v.l3dev, 30u);
	EXPECT_TRUE(v.shared);
}

// ADDR6 is exactly 16 bytes; an address message carries exactly one of
// ADDR and ADDR6.
TEST(ArpfoParse, RejectsMalformedIpv6Address)
{
	const auto with_addr6 = [](const std::vector<std::uint8_t> &bytes) {
		Msg m(ARPFO_CMD_ADDR_GET);
		m.raw(ARPFO_A_ADDR_ADDR6, bytes).u32(ARPFO_A_ADDR_OWNER, 3).u32(ARPFO_A_ADDR_RESPONDER, 3);
		return error_of(parse_address, m.bytes());
	};
	EXPECT_EQ(with_addr6(std::vector<std::uint8_t>(15, 0x20)),
		  "address message: attribute ADDR6 (type 7) has 15 bytes, expected 16");
	EXPECT_EQ(with_addr6(std::vector<std::uint8_t>(17, 0x20)),
		  "address message: attribute ADDR6 (type 7) has 17 bytes, expected 16");
	EXPECT_EQ(with_addr6({}), "address message: attribute ADDR6 (type 7) has 0 bytes, expected 16");
	EXPECT_EQ(with_addr6(std::vector<std::uint8_t>(16, 0x20)), "");

	Msg both = address6_msg();
	both.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000001));
	EXPECT_EQ(error_of(parse_address, both.bytes()),
		  "address message: attributes ADDR (type 1) and ADDR6 (type 7) are both "
		  "present, expected one");

	Msg neither(ARPFO_CMD_ADDR_GET);
	neither.u32(ARPFO_A_ADDR_OWNER, 3).u32(ARPFO_A_ADDR_RESPONDER, 3);
	EXPECT_EQ(error_of(parse_address, neither.bytes()),
		  "address message: missing attribute ADDR (type 1) or ADDR6 (type 7)");
}

// From the wire to `arpfo show`: IPv4 and IPv6 addresses in one dump,
// IPv4 first, each family in numeric order; the column fits the longest
// IPv6 address.
TEST(ArpfoParse, Ipv6FromMessagesToOutput)
{
	Msg longest(ARPFO_CMD_ADDR_GET);
	longest.ipv6(ARPFO_A_ADDR_ADDR6, "fd12:3456:789a:bcde:f012:3456:789a:bcde")
		.u32(ARPFO_A_ADDR_OWNER, 3)
		.u32(ARPFO_A_ADDR_RESPONDER, 3);
	Snapshot s;
	s.adapters = {parse_adapter(adapter_msg().bytes())};
	s.addresses = {parse_address(longest.bytes()), parse_address(address6_msg().bytes()),
		       parse_address(address_msg(false).bytes())};
	sort_snapshot(s);
	const Names names = Names::of_adapters(s.adapters);

	EXPECT_EQ(render_addresses(s.addresses, s.pnets, names, false),
		  "ADDRESS                                  OWNER  ANSWERED-BY  VIPA  VRF  SHARED\n"
		  "10.0.0.1                                 eth0   if4          no    -    no\n"
		  "2001:db8::1                              eth0   if4          no    -    no\n"
		  "fd12:3456:789a:bcde:f012:3456:789a:bcde  eth0   eth0         no    -    no\n");
	EXPECT_EQ(render_show_json(s, {false, false, true}, names),
		  "{\"addresses\":["
		  "{\"address\":\"10.0.0.1\",\"family\":\"inet\",\"owner\":\"eth0\","
		  "\"responder\":\"if4\",\"vipa\":false,\"answered_by\":[\"if4\"],"
		  "\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"2001:db8::1\",\"family\":\"inet6\",\"owner\":\"eth0\","
		  "\"responder\":\"if4\",\"vipa\":false,\"answered_by\":[\"if4\"],"
		  "\"l3dev\":null,\"shared\":false},"
		  "{\"address\":\"fd12:3456:789a:bcde:f012:3456:789a:bcde\",\"family\":\"inet6\","
		  "\"owner\":\"eth0\",\"responder\":\"eth0\",\"vipa\":false,"
		  "\"answered_by\":[\"eth0\"],\"l3dev\":null,\"shared\":false}]}\n");
}

TEST(ArpfoParse, AdapterL3dev)
{
	Msg vrf = adapter_msg();
	vrf.u32(ARPFO_A_ADAPTER_L3DEV, 30);
	const Adapter a = parse_adapter(vrf.bytes());
	EXPECT_EQ(a.l3dev, 30u);
	EXPECT_EQ(a.ifindex, 3u);
	EXPECT_EQ(a.stats.reclaims, 0x1234567890ULL);

	Msg none = adapter_msg();
	none.u32(ARPFO_A_ADAPTER_L3DEV, 0);
	EXPECT_EQ(parse_adapter(none.bytes()).l3dev, 0u);

	Msg bad = adapter_msg();
	bad.u8(ARPFO_A_ADAPTER_L3DEV, 30);
	EXPECT_EQ(adapter_error(bad.bytes()),
		  "adapter message: attribute L3DEV (type 13) has 1 bytes, a u32 needs 4");
}

// ifindex 3 "eth0" as a module with silent failure detection sends it:
// judged silent, it last heard a sibling 40 ms ago, a sibling heard it
// 0 ms ago, its target 10.0.0.254 answered 1500 ms ago, and the four
// liveness and target counters.
Msg judged_adapter_msg()
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.strz(ARPFO_A_ADAPTER_IFNAME, "eth0")
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.begin(ARPFO_A_ADAPTER_STATS)
		.flag(ARPFO_A_STATS_PAD)
		.u64(ARPFO_A_STATS_RECLAIMS, 2)
		.u64(ARPFO_A_STATS_LIVE_SENT, 10)
		.u64(ARPFO_A_STATS_LIVE_HEARD, 11)
		.u64(ARPFO_A_STATS_TARGET_SENT, 12)
		.u64(ARPFO_A_STATS_TARGET_HEARD, 0x1234567890ULL)
		.end()
		.u32(ARPFO_A_ADAPTER_JUDGED, ARPFO_JUDGED_SILENT)
		.u32(ARPFO_A_ADAPTER_HEARS_MS, 40)
		.u32(ARPFO_A_ADAPTER_HEARD_MS, 0)
		.u32(ARPFO_A_ADAPTER_TARGET, htonl(0x0a0000fe))
		.u32(ARPFO_A_ADAPTER_TARGET_MS, 1500);
	return m;
}

TEST(ArpfoParse, AdapterJudgedHeardAndTarget)
{
	const Adapter a = parse_adapter(judged_adapter_msg().bytes());

	EXPECT_EQ(a.ifindex, 3u);
	EXPECT_EQ(a.judged, ARPFO_JUDGED_SILENT);
	EXPECT_EQ(a.hears_ms, std::optional<std::uint32_t>(40));
	// 0 ms is a time, not "never".
	EXPECT_EQ(a.heard_ms, std::optional<std::uint32_t>(0));
	ASSERT_TRUE(a.target.has_value());
	EXPECT_EQ(a.target->str(), "10.0.0.254");
	EXPECT_EQ(a.target_ms, std::optional<std::uint32_t>(1500));
	EXPECT_EQ(a.stats, (AdapterStats{0, 0, 0, 0, 0, 0, 0, 2, 10, 11, 12, 0x1234567890ULL}));

	for (const std::uint32_t j : std::initializer_list<std::uint32_t>{
		     ARPFO_JUDGED_OK, ARPFO_JUDGED_NO_CARRIER, ARPFO_JUDGED_TARGET_LOST, 0x10003}) {
		Msg m = judged_adapter_msg();
		m.u32(ARPFO_A_ADAPTER_JUDGED, j); // the last one counts
		EXPECT_EQ(parse_adapter(m.bytes()).judged, j);
	}
}

// Each age and the target come alone: the module leaves out what it never
// saw, and that is not an error.
TEST(ArpfoParse, AdapterAgesAndTargetEachOptional)
{
	Msg hears(ARPFO_CMD_ADAPTER_GET);
	hears.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.u32(ARPFO_A_ADAPTER_JUDGED, ARPFO_JUDGED_OK)
		.u32(ARPFO_A_ADAPTER_HEARS_MS, 7);
	const Adapter h = parse_adapter(hears.bytes());
	EXPECT_EQ(h.hears_ms, std::optional<std::uint32_t>(7));
	EXPECT_FALSE(h.heard_ms.has_value());
	EXPECT_FALSE(h.target.has_value());
	EXPECT_FALSE(h.target_ms.has_value());

	Msg target(ARPFO_CMD_ADAPTER_GET);
	target.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.u32(ARPFO_A_ADAPTER_JUDGED, ARPFO_JUDGED_TARGET_LOST)
		.u32(ARPFO_A_ADAPTER_HEARD_MS, 4294967295u)
		.u32(ARPFO_A_ADAPTER_TARGET, htonl(0xc0a80101));
	const Adapter t = parse_adapter(target.bytes());
	EXPECT_EQ(t.judged, ARPFO_JUDGED_TARGET_LOST);
	EXPECT_FALSE(t.hears_ms.has_value());
	EXPECT_EQ(t.heard_ms, std::optional<std::uint32_t>(4294967295u));
	EXPECT_EQ(t.target, std::optional<IpAddr>(IpAddr::from_be32(htonl(0xc0a80101))));
	EXPECT_FALSE(t.target_ms.has_value()); // it never answered
	EXPECT_EQ(t.stats, AdapterStats{});
}

// An IPv6-only adapter's target is its default router, in TARGET6 in
// place of TARGET; TARGET6 is exactly 16 bytes, and not both may come.
TEST(ArpfoParse, AdapterTarget6)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.ipv6(ARPFO_A_ADAPTER_TARGET6, "fe80::1:fe")
		.u8(ARPFO_A_ADAPTER_TARGET_SRC, ARPFO_TARGET_SRC_GATEWAY)
		.u32(ARPFO_A_ADAPTER_TARGET_MS, 60);
	const Adapter a = parse_adapter(m.bytes());
	ASSERT_TRUE(a.target.has_value());
	EXPECT_TRUE(a.target->is_v6());
	EXPECT_EQ(a.target->str(), "fe80::1:fe");
	EXPECT_EQ(a.target_src, ARPFO_TARGET_SRC_GATEWAY);
	EXPECT_EQ(a.target_ms, std::optional<std::uint32_t>(60));

	Msg both(ARPFO_CMD_ADAPTER_GET);
	both.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.u32(ARPFO_A_ADAPTER_TARGET, htonl(0x0a0000fe))
		.ipv6(ARPFO_A_ADAPTER_TARGET6, "fe80::1:fe");
	EXPECT_EQ(error_of(parse_adapter, both.bytes()),
		  "adapter message: attributes TARGET (type 17) and TARGET6 (type 21) are both "
		  "present, expected one");

	Msg short6(ARPFO_CMD_ADAPTER_GET);
	short6.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.raw(ARPFO_A_ADAPTER_TARGET6, std::vector<std::uint8_t>(15, 0xfe));
	EXPECT_EQ(error_of(parse_adapter, short6.bytes()),
		  "adapter message: attribute TARGET6 (type 21) has 15 bytes, expected 16");
}

TEST(ArpfoParse, RejectsJudgedHeardAndTargetOfWrongSize)
{
	const std::pair<std::uint16_t, std::string> attrs[] = {
		{ARPFO_A_ADAPTER_JUDGED, "JUDGED (type 14)"},
		{ARPFO_A_ADAPTER_HEARS_MS, "HEARS_MS (type 15)"},
		{ARPFO_A_ADAPTER_HEARD_MS, "HEARD_MS (type 16)"},
		{ARPFO_A_ADAPTER_TARGET, "TARGET (type 17)"},
		{ARPFO_A_ADAPTER_TARGET_MS, "TARGET_MS (type 18)"},
	};
	for (const auto &[attr, name] : attrs) {
		Msg narrow = adapter_msg();
		narrow.u8(attr, 1);
		EXPECT_EQ(adapter_error(narrow.bytes()),
			  "adapter message: attribute " + name + " has 1 bytes, a u32 needs 4");
		Msg wide = adapter_msg();
		wide.u64(attr, 1);
		EXPECT_EQ(adapter_error(wide.bytes()),
			  "adapter message: attribute " + name + " has 8 bytes, a u32 needs 4");
	}

	const std::pair<std::uint16_t, std::string> counters[] = {
		{ARPFO_A_STATS_LIVE_SENT, "LIVE_SENT (type 10)"},
		{ARPFO_A_STATS_LIVE_HEARD, "LIVE_HEARD (type 11)"},
		{ARPFO_A_STATS_TARGET_SENT, "TARGET_SENT (type 12)"},
		{ARPFO_A_STATS_TARGET_HEARD, "TARGET_HEARD (type 13)"},
	};
	for (const auto &[attr, name] : counters) {
		Msg m(ARPFO_CMD_ADAPTER_GET);
		m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
			.u32(ARPFO_A_ADAPTER_STATE, 0)
			.begin(ARPFO_A_ADAPTER_STATS)
			.u32(attr, 1)
			.end();
		EXPECT_EQ(adapter_error(m.bytes()), "adapter message: STATS: attribute " + name +
							    " has 4 bytes, a u64 needs 8");
	}
}

// From the wire to `arpfo show`: the judgement, the ages and the target
// in the adapters table and in the JSON, with the four counters.
TEST(ArpfoParse, JudgedFromMessagesToOutput)
{
	Msg quiet(ARPFO_CMD_ADAPTER_GET);
	quiet.u32(ARPFO_A_ADAPTER_IFINDEX, 4)
		.strz(ARPFO_A_ADAPTER_IFNAME, "eth1")
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY)
		.u32(ARPFO_A_ADAPTER_JUDGED, ARPFO_JUDGED_OK);
	Snapshot s;
	s.adapters = {parse_adapter(judged_adapter_msg().bytes()), parse_adapter(quiet.bytes())};
	const Names names = Names::of_adapters(s.adapters);

	const std::string table = render_adapters(s.adapters, names, false, all_adapter_fields());
	EXPECT_NE(table.find("  ANNOUNCED  VRF  JUDGED  HEARD     TARGET\n"), std::string::npos)
		<< table;
	EXPECT_NE(table.find("  -    silent  40ms/0ms  10.0.0.254 (1500ms)\neth1 "),
		  std::string::npos)
		<< table;
	EXPECT_TRUE(table.ends_with("  -    ok      -/-       -\n")) << table;

	const std::string json = render_show_json(s, {false, true, false}, names);
	EXPECT_NE(json.find("\"reclaims\":2,\"live_sent\":10,\"live_heard\":11,"
			    "\"target_sent\":12,\"target_heard\":78187493520,\"addrs_lost\":0},\"l3dev\":null,"
			    "\"judged\":\"silent\",\"hears_ms\":40,\"heard_ms\":0,"
			    "\"target\":\"10.0.0.254\",\"target_ms\":1500,\"target_src\":null,\"addrs_lost\":0}"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":null,\"judged\":\"ok\","
			    "\"hears_ms\":null,\"heard_ms\":null,\"target\":null,"
			    "\"target_ms\":null,\"target_src\":null,\"addrs_lost\":0}]}"),
		  std::string::npos)
		<< json;
}

// An address's L3 domain and whether it is shared. A shared address still
// has its RESPONDER (its holder, which answers for it the kernel's way).
TEST(ArpfoParse, AddressL3devAndShared)
{
	Msg vrf = address_msg(false);
	vrf.u32(ARPFO_A_ADDR_L3DEV, 30);
	const Address in_vrf = parse_address(vrf.bytes());
	EXPECT_EQ(in_vrf.l3dev, 30u);
	EXPECT_FALSE(in_vrf.shared);
	EXPECT_EQ(in_vrf.responder, 4u);

	Msg shared = address_msg(false);
	shared.u32(ARPFO_A_ADDR_L3DEV, 30).flag(ARPFO_A_ADDR_SHARED);
	const Address both = parse_address(shared.bytes());
	EXPECT_EQ(both.l3dev, 30u);
	EXPECT_TRUE(both.shared);
	EXPECT_FALSE(both.vipa);
	EXPECT_EQ(both.owner, 3u);
	EXPECT_EQ(both.responder, 4u);

	Msg no_responder(ARPFO_CMD_ADDR_GET);
	no_responder.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000001))
		.u32(ARPFO_A_ADDR_OWNER, 3)
		.flag(ARPFO_A_ADDR_SHARED);
	EXPECT_EQ(error_of(parse_address, no_responder.bytes()),
		  "address message: missing attribute RESPONDER (type 3)");
	no_responder.u32(ARPFO_A_ADDR_RESPONDER, 3);
	const Address main_table = parse_address(no_responder.bytes());
	EXPECT_TRUE(main_table.shared);
	EXPECT_EQ(main_table.responder, 3u);
	EXPECT_EQ(main_table.l3dev, 0u);

	Msg bad_l3dev = address_msg(false);
	bad_l3dev.u8(ARPFO_A_ADDR_L3DEV, 30);
	EXPECT_EQ(error_of(parse_address, bad_l3dev.bytes()),
		  "address message: attribute L3DEV (type 5) has 1 bytes, a u32 needs 4");

	Msg bad_shared = address_msg(false);
	bad_shared.u32(ARPFO_A_ADDR_SHARED, 1);
	EXPECT_EQ(error_of(parse_address, bad_shared.bytes()),
		  "address message: attribute SHARED (type 6) is a flag but carries 4 bytes");
}

// From the wire to `arpfo show`: the VRF of an adapter and of its
// addresses, named by the system (the VRF device is no managed adapter),
// and a shared address, answered by its holder.
TEST(ArpfoParse, VrfAndSharedFromMessagesToOutput)
{
	Msg adapter = adapter_msg();
	adapter.u32(ARPFO_A_ADAPTER_L3DEV, 30);
	Msg shared(ARPFO_CMD_ADDR_GET);
	shared.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000001))
		.u32(ARPFO_A_ADDR_OWNER, 3)
		.u32(ARPFO_A_ADDR_L3DEV, 30)
		.flag(ARPFO_A_ADDR_SHARED)
		.u32(ARPFO_A_ADDR_RESPONDER, 3);
	Snapshot s;
	s.adapters = {parse_adapter(adapter.bytes())};
	s.addresses = {parse_address(shared.bytes())};
	const Names names = Names::of_adapters(s.adapters, [](std::uint32_t i) {
		return i == 30 ? std::optional<std::string>("blue") : std::nullopt;
	});

	EXPECT_EQ(render_addresses(s.addresses, s.pnets, names, false),
		  "ADDRESS   OWNER  ANSWERED-BY  VIPA  VRF   SHARED\n"
		  "10.0.0.1  eth0   eth0         no    blue  yes\n");
	const std::string table = render_adapters(s.adapters, names, false, all_adapter_fields());
	EXPECT_NE(table.find("  ANNOUNCED  VRF   JUDGED  HEARD  TARGET\n"), std::string::npos)
		<< table;
	EXPECT_TRUE(table.ends_with("  blue  ok      -/-    -\n")) << table;
	const std::string json = render_show_json(s, {false, true, true}, names);
	EXPECT_NE(json.find("\"reclaims\":78187493520,\"live_sent\":0,\"live_heard\":0,"
			    "\"target_sent\":0,\"target_heard\":0,\"addrs_lost\":0},\"l3dev\":\"blue\","),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("{\"address\":\"10.0.0.1\",\"family\":\"inet\","
			    "\"owner\":\"eth0\",\"responder\":\"eth0\","
			    "\"vipa\":false,\"answered_by\":[\"eth0\"],\"l3dev\":\"blue\","
			    "\"shared\":true}"),
		  std::string::npos)
		<< json;
}

// The module sends no RESPONDER for a VIPA (the pnets' VIPA holders answer
// for it); every other address must have one.
TEST(ArpfoParse, ResponderOptionalOnlyForVipa)
{
	const Address vipa = parse_address(vipa_msg().bytes());

	EXPECT_EQ(vipa.addr, IpAddr(Ipv4{10, 0, 0, 2}));
	EXPECT_EQ(vipa.owner, 20u);
	EXPECT_EQ(vipa.responder, 0u);
	EXPECT_TRUE(vipa.vipa);

	Msg plain(ARPFO_CMD_ADDR_GET);
	plain.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000001)).u32(ARPFO_A_ADDR_OWNER, 3);
	EXPECT_EQ(error_of(parse_address, plain.bytes()),
		  "address message: missing attribute RESPONDER (type 3)");

	// Responder 0 (nobody answers) is still a responder.
	plain.u32(ARPFO_A_ADDR_RESPONDER, 0);
	EXPECT_EQ(parse_address(plain.bytes()).responder, 0u);
	EXPECT_FALSE(parse_address(plain.bytes()).vipa);
}

// From the wire to `arpfo show`: the VIPA holder of the pnet, the duty of
// the adapter and the VIPA on a device the adapter dump does not name.
TEST(ArpfoParse, VipaFromMessagesToOutput)
{
	Msg pnet = pnet_msg();
	pnet.u32(ARPFO_A_PNET_VIPA_HOLDER, 3);
	Msg adapter = adapter_msg();
	adapter.u32(ARPFO_A_ADAPTER_VIPA_DUTY, 1);
	Snapshot s;
	s.pnets = {parse_pnet(pnet.bytes())};
	s.adapters = {parse_adapter(adapter.bytes())};
	s.addresses = {parse_address(address_msg(false).bytes()), parse_address(vipa_msg().bytes())};
	const Names names = Names::of_adapters(s.adapters, [](std::uint32_t i) {
		return i == 20 ? std::optional<std::string>("dummy0") : std::nullopt;
	});

	EXPECT_EQ(render_addresses(s.addresses, s.pnets, names, false),
		  "ADDRESS   OWNER   ANSWERED-BY    VIPA  VRF  SHARED\n"
		  "10.0.0.1  eth0    if4            no    -    no\n"
		  "10.0.0.2  dummy0  eth0 (pnet 1)  yes   -    no\n");
	EXPECT_EQ(render_groups(s.pnets, names, false),
		  "PNET  STATE     HEALTHY  ADAPTERS      VIPA-HOLDER\n"
		  "   1  degraded      2/3  eth0 if4 if5  eth0\n");
	const std::string json = render_show_json(s, {}, names);
	EXPECT_NE(json.find("\"members\":[\"eth0\",\"if4\",\"if5\"],\"vipa_holder\":\"eth0\"}"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"kind\":\"offload\",\"vipa_duty\":true,\"stats\":"), std::string::npos)
		<< json;
	EXPECT_NE(json.find("{\"address\":\"10.0.0.1\",\"family\":\"inet\","
			    "\"owner\":\"eth0\",\"responder\":\"if4\","
			    "\"vipa\":false,\"answered_by\":[\"if4\"],\"l3dev\":null,"
			    "\"shared\":false}"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("{\"address\":\"10.0.0.2\",\"family\":\"inet\","
			    "\"owner\":\"dummy0\",\"responder\":null,"
			    "\"vipa\":true,\"answered_by\":[\"eth0\"],\"l3dev\":null,"
			    "\"shared\":false}"),
		  std::string::npos)
		<< json;
}

TEST(ArpfoParse, UnknownAttributesAreIgnored)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.raw(200, {1, 2, 3})
		.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u64(ARPFO_A_ADAPTER_MAX + 1, 99)
		.u32(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_DELAYED)
		.raw(ARPFO_A_ADAPTER_UNSPEC, {7})
		.begin(ARPFO_A_ADAPTER_STATS)
		.u64(ARPFO_A_STATS_REPLIES, 5)
		.raw(ARPFO_A_STATS_MAX + 1, {1})
		.u32(ARPFO_A_STATS_PAD, 0)
		.end()
		.begin(ARPFO_A_ADAPTER_MAX + 2)
		.u8(1, 1)
		.end();
	const Adapter a = parse_adapter(m.bytes());

	EXPECT_EQ(a.ifindex, 3u);
	EXPECT_EQ(a.state, ARPFO_STATE_DELAYED);
	EXPECT_EQ(a.stats.replies, 5u);
}

// The kernel marks nests with NLA_F_NESTED and may mark big-endian values
// with NLA_F_NET_BYTEORDER; neither changes the attribute's type.
TEST(ArpfoParse, IgnoresAttributeTypeFlags)
{
	const auto set_flag = [](std::vector<std::uint8_t> &bytes, std::size_t offset,
				 std::uint16_t flag) {
		std::uint16_t type = 0;
		std::memcpy(&type, bytes.data() + offset + 2, sizeof(type));
		type = static_cast<std::uint16_t>(type | flag);
		std::memcpy(bytes.data() + offset + 2, &type, sizeof(type));
	};
	Msg a(ARPFO_CMD_ADAPTER_GET);
	a.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u32(ARPFO_A_ADAPTER_STATE, 0).begin(ARPFO_A_ADAPTER_STATS);
	const std::size_t nest = a.last_attr();
	a.u64(ARPFO_A_STATS_REPLIES, 5).end();
	auto adapter_bytes = a.bytes();
	set_flag(adapter_bytes, nest, NLA_F_NESTED);
	EXPECT_EQ(parse_adapter(adapter_bytes).stats.replies, 5u);

	Msg addr(ARPFO_CMD_ADDR_GET);
	addr.u32(ARPFO_A_ADDR_ADDR, htonl(0x0a000001));
	const std::size_t value = addr.last_attr();
	addr.u32(ARPFO_A_ADDR_OWNER, 3).u32(ARPFO_A_ADDR_RESPONDER, 3);
	auto addr_bytes = addr.bytes();
	set_flag(addr_bytes, value, NLA_F_NET_BYTEORDER);
	EXPECT_EQ(parse_address(addr_bytes).addr, IpAddr(Ipv4{10, 0, 0, 1}));
}

TEST(ArpfoParse, RepeatedAttributeKeepsTheLast)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, 0)
		.u32(ARPFO_A_ADAPTER_PRIORITY, 1)
		.u32(ARPFO_A_ADAPTER_PRIORITY, 2);
	EXPECT_EQ(parse_adapter(m.bytes()).priority, 2u);
}

TEST(ArpfoParse, UnknownEnumValuesSurvive)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u32(ARPFO_A_ADAPTER_STATE, 7).u32(ARPFO_A_ADAPTER_KIND, 9);
	const Adapter a = parse_adapter(m.bytes());

	EXPECT_EQ(a.state, 7u);
	EXPECT_EQ(a.kind, 9u);

	// u32 attributes: values past a byte survive too.
	Msg wide(ARPFO_CMD_ADAPTER_GET);
	wide.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, 0x10002)
		.u32(ARPFO_A_ADAPTER_KIND, 256)
		.u32(ARPFO_A_ADAPTER_PROBING, 0x100)
		.u32(ARPFO_A_ADAPTER_VIPA_DUTY, 0x10000)
		.u32(ARPFO_A_ADAPTER_JUDGED, 0x10004);
	const Adapter w = parse_adapter(wide.bytes());

	EXPECT_EQ(w.judged, 0x10004u);
	EXPECT_EQ(w.state, 0x10002u);
	EXPECT_EQ(w.kind, 256u);
	EXPECT_TRUE(w.probing);
	EXPECT_TRUE(w.vipa_duty);
}

// Version 1 of the family sent these as u8: such a message is malformed
// now, and the error says which attribute and why.
TEST(ArpfoParse, EnumsAndBooleansAreU32)
{
	Msg state(ARPFO_CMD_ADAPTER_GET);
	state.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u8(ARPFO_A_ADAPTER_STATE, ARPFO_STATE_HEALTHY);
	EXPECT_EQ(error_of(parse_adapter, state.bytes()),
		  "adapter message: attribute STATE (type 5) has 1 bytes, a u32 needs 4");

	for (const auto &[attr, name] : {std::pair{ARPFO_A_ADAPTER_PROBING, "PROBING"},
					 std::pair{ARPFO_A_ADAPTER_KIND, "KIND"},
					 std::pair{ARPFO_A_ADAPTER_VIPA_DUTY, "VIPA_DUTY"}}) {
		Msg m(ARPFO_CMD_ADAPTER_GET);
		m.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u32(ARPFO_A_ADAPTER_STATE, 0).u8(attr, 1);
		EXPECT_EQ(error_of(parse_adapter, m.bytes()),
			  "adapter message: attribute " + std::string(name) + " (type " +
				  std::to_string(attr) + ") has 1 bytes, a u32 needs 4");
	}

	Msg type(ARPFO_CMD_EVENT_NTF);
	type.u8(ARPFO_A_EVENT_TYPE, ARPFO_EVENT_CARRIER).u32(ARPFO_A_EVENT_IFINDEX, 3);
	EXPECT_EQ(error_of(parse_event, type.bytes()),
		  "event message: attribute TYPE (type 1) has 1 bytes, a u32 needs 4");

	Msg reason(ARPFO_CMD_EVENT_NTF);
	reason.u32(ARPFO_A_EVENT_TYPE, ARPFO_EVENT_PROBE_REJECTED)
		.u32(ARPFO_A_EVENT_IFINDEX, 3)
		.mac(ARPFO_A_EVENT_MAC, 0x0b)
		.u8(ARPFO_A_EVENT_REASON, ARPFO_REJECT_FORGED);
	EXPECT_EQ(error_of(parse_event, reason.bytes()),
		  "event message: attribute REASON (type 8) has 1 bytes, a u32 needs 4");
}

TEST(ArpfoParse, AcceptsMisalignedInput)
{
	const auto bytes = adapter_msg().bytes();
	std::vector<std::uint8_t> shifted(bytes.size() + 1);
	std::copy(bytes.begin(), bytes.end(), shifted.begin() + 1);

	EXPECT_EQ(parse_adapter(std::span(shifted).subspan(1)).ifname, "eth0");
}

TEST(ArpfoParse, IgnoresBytesAfterTheMessage)
{
	auto bytes = adapter_msg().bytes();
	bytes.resize(bytes.size() + 64, 0xee);
	EXPECT_EQ(parse_adapter(bytes).ifindex, 3u);
}

TEST(ArpfoParse, ToleratesShortTrailingPadding)
{
	auto bytes = adapter_msg().bytes();
	bytes.insert(bytes.end(), {0, 0});
	const auto len = static_cast<std::uint32_t>(bytes.size());
	std::memcpy(bytes.data(), &len, sizeof(len));
	EXPECT_EQ(parse_adapter(bytes).ifindex, 3u);
}

TEST(ArpfoParse, RejectsTruncatedMessage)
{
	const auto full = adapter_msg().bytes();

	EXPECT_EQ(adapter_error({full.begin(), full.begin() + 10}),
		  "adapter message: truncated: 10 bytes, shorter than a netlink header");
	EXPECT_EQ(adapter_error({full.begin(), full.end() - 4}),
		  "adapter message: truncated: the header says " + std::to_string(full.size()) +
			  " bytes, only " + std::to_string(full.size() - 4) + " arrived");
	for (std::size_t len = 0; len < full.size(); len++)
		EXPECT_NE(adapter_error({full.begin(), full.begin() + static_cast<long>(len)}), "")
			<< "length " << len;
}

TEST(ArpfoParse, RejectsImpossibleMessageLength)
{
	auto bytes = adapter_msg().bytes();
	const std::uint32_t len = 8;
	std::memcpy(bytes.data(), &len, sizeof(len));
	EXPECT_EQ(adapter_error(bytes), "adapter message: impossible length 8 in the netlink header");
}

TEST(ArpfoParse, RejectsMissingGenlHeader)
{
	auto bytes = adapter_msg().bytes();
	bytes.resize(18);
	const std::uint32_t len = 18;
	std::memcpy(bytes.data(), &len, sizeof(len));
	EXPECT_EQ(adapter_error(bytes),
		  "adapter message: too short for a generic netlink header (2 payload bytes)");
}

TEST(ArpfoParse, RejectsAttributePastTheEnd)
{
	Msg m = adapter_msg();
	m.u32(ARPFO_A_ADAPTER_PRIORITY, 3);
	auto bytes = m.bytes();

	test::set_attr_len(bytes, m.last_attr(), 200);
	EXPECT_EQ(adapter_error(bytes), "adapter message: attribute PRIORITY (type 8) claims "
					"200 bytes but only 8 are left");
}

TEST(ArpfoParse, RejectsAttributeOfImpossibleLength)
{
	Msg m = adapter_msg();
	m.u32(ARPFO_A_ADAPTER_PRIORITY, 3);
	auto bytes = m.bytes();

	test::set_attr_len(bytes, m.last_attr(), 2);
	EXPECT_EQ(adapter_error(bytes),
		  "adapter message: attribute PRIORITY (type 8) has an impossible length 2");
}

TEST(ArpfoParse, RejectsShortU32)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.raw(ARPFO_A_ADAPTER_IFINDEX, {3, 0}).u32(ARPFO_A_ADAPTER_STATE, 0);
	EXPECT_EQ(adapter_error(m.bytes()),
		  "adapter message: attribute IFINDEX (type 1) has 2 bytes, a u32 needs 4");
}

TEST(ArpfoParse, RejectsLongU32)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u64(ARPFO_A_ADAPTER_STATE, 2);
	EXPECT_EQ(adapter_error(m.bytes()),
		  "adapter message: attribute STATE (type 5) has 8 bytes, a u32 needs 4");
}

TEST(ArpfoParse, RejectsStatsOfWrongSize)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, 0)
		.begin(ARPFO_A_ADAPTER_STATS)
		.u32(ARPFO_A_STATS_PROBES_SENT, 1)
		.end();
	EXPECT_EQ(adapter_error(m.bytes()), "adapter message: STATS: attribute PROBES_SENT "
					    "(type 2) has 4 bytes, a u64 needs 8");
}

TEST(ArpfoParse, RejectsStatsAttributePastTheNest)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, 0)
		.begin(ARPFO_A_ADAPTER_STATS)
		.u64(ARPFO_A_STATS_REPLIES, 1);
	const std::size_t inner = m.last_attr();
	m.end().u32(ARPFO_A_ADAPTER_PRIORITY, 1);
	auto bytes = m.bytes();

	// Still inside the message, but past the end of the nest.
	test::set_attr_len(bytes, inner, 16);
	EXPECT_EQ(adapter_error(bytes), "adapter message: STATS: attribute REPLIES (type 6) "
					"claims 16 bytes but only 12 are left");
}

TEST(ArpfoParse, RejectsStatsThatAreNoNest)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u32(ARPFO_A_ADAPTER_STATE, 0).raw(ARPFO_A_ADAPTER_STATS, {1, 2});
	EXPECT_EQ(adapter_error(m.bytes()),
		  "adapter message: attribute STATS (type 11) is too short (2 bytes) to hold a nest");
}

TEST(ArpfoParse, RejectsIfnameWithoutNul)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, 0)
		.raw(ARPFO_A_ADAPTER_IFNAME, {'e', 't', 'h', '0'});
	EXPECT_EQ(adapter_error(m.bytes()),
		  "adapter message: attribute IFNAME (type 2) is not a NUL-terminated string");

	Msg empty(ARPFO_CMD_ADAPTER_GET);
	empty.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u32(ARPFO_A_ADAPTER_STATE, 0).raw(ARPFO_A_ADAPTER_IFNAME, {});
	EXPECT_NE(adapter_error(empty.bytes()).find("IFNAME"), std::string::npos);
}

TEST(ArpfoParse, IfnameStopsAtTheFirstNul)
{
	Msg m(ARPFO_CMD_ADAPTER_GET);
	m.u32(ARPFO_A_ADAPTER_IFINDEX, 3)
		.u32(ARPFO_A_ADAPTER_STATE, 0)
		.raw(ARPFO_A_ADAPTER_IFNAME, {'e', 't', 'h', '0', 0, 'x', 0});
	EXPECT_EQ(parse_adapter(m.bytes()).ifname, "eth0");
}

TEST(ArpfoParse, RejectsMacOfWrongLength)
{
	for (const auto &mac : {std::vector<std::uint8_t>{2, 0, 0, 0, 1},
				std::vector<std::uint8_t>{2, 0, 0, 0, 0, 0, 1}}) {
		Msg m(ARPFO_CMD_ADAPTER_GET);
		m.u32(ARPFO_A_ADAPTER_IFINDEX, 3).u32(ARPFO_A_ADAPTER_STATE, 0).raw(ARPFO_A_ADAPTER_MAC, mac);
		EXPECT_EQ(adapter_error(m.bytes()),
			  "adapter message: attribute MAC (type 3) has " + std::to_string(mac.size()) +
				  " bytes, expected 6");
	}
}

TEST(ArpfoParse, RejectsMissingRequiredAttributes)
{
	Msg no_ifindex(ARPFO_CMD_ADAPTER_GET);
	no_ifindex.strz(ARPFO_A_ADAPTER_IFNAME, "eth0").u32(ARPFO_A_ADAPTER_STATE, 0);
	EXPECT_EQ(adapter_error(no_ifindex.bytes()),
		  "adapter message: missing attribute IFINDEX (type 1)");

	Msg no_state(ARPFO_CMD_ADAPTER_GET);
	no_state.u32(ARPFO_A_ADAPTER_IFINDEX, 3);
	EXPECT_EQ(adapter_error(no_state.bytes()),
		  "adapter message: missing attribute STATE (type 5)");

	Msg no_id(ARPFO_CMD_PNET_GET);
	no_id.u32(ARPFO_A_PNET_MEMBER, 3).u32(ARPFO_A_PNET_HEALTHY, 1);
	EXPECT_THROW(
		{
			try {
				parse_pnet(no_id.bytes());
			} catch (const MalformedMessage &e) {
				EXPECT_STREQ(e.what(), "pnet message: missing attribute ID (type 1)");
				throw;
			}
		},
		MalformedMessage);

	Msg no_owner(ARPFO_CMD_ADDR_GET);
	no_owner.u32(ARPFO_A_ADDR_ADDR, 1);
	EXPECT_THROW(parse_address(no_owner.bytes()), MalformedMessage);
}

TEST(ArpfoParse, RejectsFlagWithPayload)
{
	Msg m(ARPFO_CMD_ADDR_GET);
	m.u32(ARPFO_A_ADDR_ADDR, 1).u32(ARPFO_A_ADDR_OWNER, 3).u8(ARPFO_A_ADDR_VIPA, 1);
	try {
		parse_address(m.bytes());
		FAIL() << "parsed";
	} catch (const MalformedMessage &e) {
		EXPECT_STREQ(e.what(),
			     "address message: attribute VIPA (type 4) is a flag but carries 1 bytes");
	}
}

// Every byte of a good message set to a few values: parsing either
// succeeds or throws MalformedMessage, and reads only the message's bytes
// (the vector holds exactly those, for sanitizers to check).
TEST(ArpfoParse, SurvivesEveryByteCorrupted)
{
	const auto good = adapter_msg().bytes();

	for (std::size_t i = 0; i < good.size(); i++) {
		for (const int v : {0x00, 0x01, 0x03, 0x7f, 0x80, 0xff}) {
			auto bad = good;
			bad[i] = static_cast<std::uint8_t>(v);
			try {
				parse_adapter(bad);
			} catch (const MalformedMessage &) {
			}
		}
	}
}

TEST(ArpfoParse, GenlHeader)
{
	const GenlHeader h = genl_header(adapter_msg().bytes());

	EXPECT_EQ(h.family, test::kFamily);
	EXPECT_EQ(h.cmd, ARPFO_CMD_ADAPTER_GET);
	EXPECT_EQ(h.version, ARPFO_GENL_VERSION);
	EXPECT_THROW(genl_header(std::vector<std::uint8_t>(3)), MalformedMessage);
}
