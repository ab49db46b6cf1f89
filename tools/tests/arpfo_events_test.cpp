// SPDX-License-Identifier: GPL-2.0-only
// ARPFO_CMD_EVENT_NTF messages: parsing, and the lines and JSON objects
// `arpfo monitor` prints for each event type.
#include <gtest/gtest.h>

#include <arpa/inet.h>

#include "arpfo/errors.hpp"
#include "arpfo/events.hpp"
#include "arpfo/parse.hpp"
#include "arpfo_msg.hpp"

using namespace arpfo;
using arpfo::test::Msg;

namespace {

constexpr std::string_view kTime = "2026-11-26T00:41:02.123";

// What if_indextoname() would say on the test machine.
Names system_names()
{
	return Names([](std::uint32_t ifindex) -> std::optional<std::string> {
		switch (ifindex) {
		case 3:
			return "eth0";
		case 4:
			return "eth1";
		default:
			return std::nullopt;
		}
	});
}

// An event of @type on ifindex 3, "eth0".
Msg event(std::uint32_t type)
{
	Msg m(ARPFO_CMD_EVENT_NTF, test::kFamily, 0);
	m.u32(ARPFO_A_EVENT_TYPE, type).u32(ARPFO_A_EVENT_IFINDEX, 3).strz(ARPFO_A_EVENT_IFNAME, "eth0");
	return m;
}

Msg old_new(std::uint32_t type, std::uint32_t old_v, std::uint32_t new_v)
{
	Msg m = event(type);
	m.u32(ARPFO_A_EVENT_OLD, old_v).u32(ARPFO_A_EVENT_NEW, new_v);
	return m;
}

Msg new_only(std::uint32_t type, std::uint32_t new_v)
{
	Msg m = event(type);
	m.u32(ARPFO_A_EVENT_NEW, new_v);
	return m;
}

Msg rejected(std::uint32_t reason)
{
	Msg m = event(ARPFO_EVENT_PROBE_REJECTED);
	m.mac(ARPFO_A_EVENT_MAC, 0x0b).u32(ARPFO_A_EVENT_REASON, reason);
	return m;
}

Msg addr_event(std::uint32_t type)
{
	Msg m = event(type);
	m.u32(ARPFO_A_EVENT_ADDR, htonl(0x0a000001));
	return m;
}

// An IPv6 address event: ADDR6 instead of ADDR.
Msg addr6_event(std::uint32_t type, const std::string &addr = "2001:db8::1")
{
	Msg m = event(type);
	m.ipv6(ARPFO_A_EVENT_ADDR6, addr);
	return m;
}

std::string line(const Msg &m, bool color = false)
{
	return render_event_line(parse_event(m.bytes()), kTime, system_names(), color);
}

std::string json(const Msg &m)
{
	return render_event_json(parse_event(m.bytes()), kTime, system_names());
}

} // namespace

TEST(ArpfoEvents, ParsesEveryAttribute)
{
	Msg m = rejected(ARPFO_REJECT_STALE);
	m.u32(ARPFO_A_EVENT_OLD, 1).u32(ARPFO_A_EVENT_NEW, 2).u32(ARPFO_A_EVENT_ADDR, 0x0100000a);
	const Event e = parse_event(m.bytes());

	EXPECT_EQ(e.type, ARPFO_EVENT_PROBE_REJECTED);
	EXPECT_EQ(e.ifindex, 3u);
	EXPECT_EQ(e.ifname, "eth0");
	EXPECT_EQ(e.old_value, 1u);
	EXPECT_EQ(e.new_value, 2u);
	EXPECT_EQ(e.addr, IpAddr(Ipv4{10, 0, 0, 1}));
	EXPECT_EQ(e.mac, (Mac{2, 0, 0, 0, 0, 0x0b}));
	EXPECT_EQ(e.reason, ARPFO_REJECT_STALE);
}

TEST(ArpfoEvents, Classifies)
{
	EXPECT_EQ(classify(parse_event(old_new(ARPFO_EVENT_RESPONDER, 3, 4).bytes())),
		  EventKind::Takeover);
	EXPECT_EQ(classify(parse_event(old_new(ARPFO_EVENT_RESPONDER, 4, 3).bytes())),
		  EventKind::Reclaim);
	EXPECT_EQ(classify(parse_event(old_new(ARPFO_EVENT_RESPONDER, 4, 0).bytes())),
		  EventKind::Unanswered);
	// Newly managed: nobody answered before, now the adapter itself.
	EXPECT_EQ(classify(parse_event(old_new(ARPFO_EVENT_RESPONDER, 0, 3).bytes())),
		  EventKind::Answering);
	EXPECT_EQ(event_name(parse_event(old_new(ARPFO_EVENT_RESPONDER, 0, 3).bytes())),
		  "answering");
	EXPECT_EQ(classify(parse_event(old_new(ARPFO_EVENT_VIPA_DUTY, 0, 1).bytes())),
		  EventKind::VipaDuty);
	EXPECT_EQ(classify(parse_event(new_only(ARPFO_EVENT_VIPA_DUTY, 0).bytes())),
		  EventKind::VipaDuty);
	EXPECT_EQ(event_name(parse_event(old_new(ARPFO_EVENT_VIPA_DUTY, 1, 0).bytes())),
		  "vipa_duty");
	EXPECT_EQ(classify(parse_event(old_new(ARPFO_EVENT_JUDGED, 0, 2).bytes())),
		  EventKind::Judged);
	EXPECT_EQ(event_name(parse_event(old_new(ARPFO_EVENT_JUDGED, 2, 0).bytes())), "judged");
	EXPECT_EQ(classify(parse_event(event(42).bytes())), EventKind::Unknown);
}

TEST(ArpfoEvents, Lines)
{
	const std::string t(kTime);

	EXPECT_EQ(line(event(ARPFO_EVENT_ADAPTER_NEW)), t + " eth0 managed\n");
	EXPECT_EQ(line(event(ARPFO_EVENT_ADAPTER_DEL)), t + " eth0 no longer managed\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_CARRIER, 1)), t + " eth0 carrier up\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_CARRIER, 0)), t + " eth0 carrier down\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_HEALTHY, 1)), t + " eth0 healthy\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_HEALTHY, 0)), t + " eth0 not healthy\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_RESPONDER, 3, 4)),
		  t + " eth0 takeover: eth1 answers for it (was eth0)\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_RESPONDER, 0, 4)),
		  t + " eth0 takeover: eth1 answers for it (was none)\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_RESPONDER, 4, 3)),
		  t + " eth0 reclaim: answers for its addresses again (was eth1)\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_RESPONDER, 3, 0)),
		  t + " eth0 no healthy adapter: its addresses go unanswered\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_PNET, 1, 2)), t + " eth0 pnet 1 -> 2\n");
	EXPECT_EQ(line(rejected(ARPFO_REJECT_FORGED)),
		  t + " eth0 dropped a forged probe from 02:00:00:00:00:0b\n");
	EXPECT_EQ(line(rejected(ARPFO_REJECT_STALE)),
		  t + " eth0 dropped a stale or replayed probe from 02:00:00:00:00:0b\n");
	EXPECT_EQ(line(rejected(9)),
		  t + " eth0 dropped a probe from 02:00:00:00:00:0b (reason unknown(9))\n");
	EXPECT_EQ(line(addr_event(ARPFO_EVENT_ADDR_NEW)), t + " eth0 address 10.0.0.1 managed\n");
	EXPECT_EQ(line(addr_event(ARPFO_EVENT_ADDR_DEL)), t + " eth0 address 10.0.0.1 withdrawn\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_VIPA_DUTY, 0, 1)),
		  t + " eth0 VIPA duty: answers for the host's VIPAs on its pnet\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_VIPA_DUTY, 1, 0)),
		  t + " eth0 VIPA duty: no longer answers for the VIPAs\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_VIPA_DUTY, 1)),
		  t + " eth0 VIPA duty: answers for the host's VIPAs on its pnet\n");
	EXPECT_EQ(line(event(42)), t + " eth0 unknown event 42\n");
}

// How the module judged the adapter's path, from OLD to NEW; a judgement
// this version does not know is its number.
TEST(ArpfoEvents, Judged)
{
	const std::string t(kTime);

	EXPECT_EQ(line(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_OK, ARPFO_JUDGED_SILENT)),
		  t + " eth0 judged ok -> silent\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_SILENT, ARPFO_JUDGED_OK)),
		  t + " eth0 judged silent -> ok\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_NO_CARRIER,
			       ARPFO_JUDGED_TARGET_LOST)),
		  t + " eth0 judged no-carrier -> target-lost\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_TARGET_LOST, 9)),
		  t + " eth0 judged target-lost -> 9\n");

	// Red when the path no longer works, green when it works again.
	EXPECT_EQ(line(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_OK, ARPFO_JUDGED_SILENT), true),
		  t + " eth0 \033[31mjudged ok -> silent\033[0m\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_TARGET_LOST, ARPFO_JUDGED_OK),
		       true),
		  t + " eth0 \033[32mjudged target-lost -> ok\033[0m\n");

	const std::string head = "{\"time\":\"" + t + "\",\"event\":\"judged\",\"ifname\":\"eth0\","
				 "\"ifindex\":3,";
	EXPECT_EQ(json(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_OK, ARPFO_JUDGED_SILENT)),
		  head + "\"old\":0,\"new\":2,\"old_judged\":\"ok\",\"new_judged\":\"silent\"}\n");
	EXPECT_EQ(json(old_new(ARPFO_EVENT_JUDGED, ARPFO_JUDGED_NO_CARRIER, 9)),
		  head + "\"old\":1,\"new\":9,\"old_judged\":\"no-carrier\",\"new_judged\":\"9\"}\n");
}

TEST(ArpfoEvents, NamesWithoutIfnameAttribute)
{
	Msg m(ARPFO_CMD_EVENT_NTF, test::kFamily, 0);
	m.u32(ARPFO_A_EVENT_TYPE, ARPFO_EVENT_RESPONDER)
		.u32(ARPFO_A_EVENT_IFINDEX, 4)
		.u32(ARPFO_A_EVENT_OLD, 4)
		.u32(ARPFO_A_EVENT_NEW, 17);
	EXPECT_EQ(line(m), std::string(kTime) + " eth1 takeover: if17 answers for it (was eth1)\n");
}

TEST(ArpfoEvents, LinesInColour)
{
	const std::string t(kTime);

	EXPECT_EQ(line(old_new(ARPFO_EVENT_RESPONDER, 3, 4), true),
		  t + " eth0 \033[1;35mtakeover: eth1 answers for it (was eth0)\033[0m\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_RESPONDER, 4, 3), true),
		  t + " eth0 \033[32mreclaim: answers for its addresses again (was eth1)\033[0m\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_CARRIER, 0), true),
		  t + " eth0 \033[31mcarrier down\033[0m\n");
	EXPECT_EQ(line(new_only(ARPFO_EVENT_HEALTHY, 0), true),
		  t + " eth0 \033[33mnot healthy\033[0m\n");
	EXPECT_EQ(line(event(ARPFO_EVENT_ADAPTER_NEW), true), t + " eth0 managed\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_VIPA_DUTY, 0, 1), true),
		  t + " eth0 \033[32mVIPA duty: answers for the host's VIPAs on its pnet\033[0m\n");
	EXPECT_EQ(line(old_new(ARPFO_EVENT_VIPA_DUTY, 1, 0), true),
		  t + " eth0 VIPA duty: no longer answers for the VIPAs\n");
}

TEST(ArpfoEvents, Json)
{
	const std::string head = "{\"time\":\"" + std::string(kTime) + "\",\"event\":";

	EXPECT_EQ(json(old_new(ARPFO_EVENT_RESPONDER, 3, 4)),
		  head + "\"takeover\",\"ifname\":\"eth0\",\"ifindex\":3,\"old\":3,\"new\":4,"
			 "\"old_ifname\":\"eth0\",\"new_ifname\":\"eth1\"}\n");
	EXPECT_EQ(json(old_new(ARPFO_EVENT_RESPONDER, 4, 3)),
		  head + "\"reclaim\",\"ifname\":\"eth0\",\"ifindex\":3,\"old\":4,\"new\":3,"
			 "\"old_ifname\":\"eth1\",\"new_ifname\":\"eth0\"}\n");
	EXPECT_EQ(json(old_new(ARPFO_EVENT_RESPONDER, 3, 0)),
		  head + "\"unanswered\",\"ifname\":\"eth0\",\"ifindex\":3,\"old\":3,\"new\":0,"
			 "\"old_ifname\":\"eth0\",\"new_ifname\":null}\n");
	EXPECT_EQ(json(event(ARPFO_EVENT_ADAPTER_NEW)),
		  head + "\"adapter_new\",\"ifname\":\"eth0\",\"ifindex\":3}\n");
	EXPECT_EQ(json(event(ARPFO_EVENT_ADAPTER_DEL)),
		  head + "\"adapter_del\",\"ifname\":\"eth0\",\"ifindex\":3}\n");
	EXPECT_EQ(json(new_only(ARPFO_EVENT_CARRIER, 1)),
		  head + "\"carrier\",\"ifname\":\"eth0\",\"ifindex\":3,\"new\":1}\n");
	EXPECT_EQ(json(new_only(ARPFO_EVENT_HEALTHY, 0)),
		  head + "\"healthy\",\"ifname\":\"eth0\",\"ifindex\":3,\"new\":0}\n");
	EXPECT_EQ(json(old_new(ARPFO_EVENT_PNET, 1, 2)),
		  head + "\"pnet\",\"ifname\":\"eth0\",\"ifindex\":3,\"old\":1,\"new\":2}\n");
	EXPECT_EQ(json(rejected(ARPFO_REJECT_FORGED)),
		  head + "\"probe_rejected\",\"ifname\":\"eth0\",\"ifindex\":3,"
			 "\"mac\":\"02:00:00:00:00:0b\",\"reason\":\"forged\"}\n");
	EXPECT_EQ(json(addr_event(ARPFO_EVENT_ADDR_NEW)),
		  head + "\"addr_new\",\"ifname\":\"eth0\",\"ifindex\":3,\"address\":\"10.0.0.1\","
			 "\"family\":\"inet\"}\n");
	EXPECT_EQ(json(addr_event(ARPFO_EVENT_ADDR_DEL)),
		  head + "\"addr_del\",\"ifname\":\"eth0\",\"ifindex\":3,\"address\":\"10.0.0.1\","
			 "\"family\":\"inet\"}\n");
	EXPECT_EQ(json(old_new(ARPFO_EVENT_VIPA_DUTY, 0, 1)),
		  head + "\"vipa_duty\",\"ifname\":\"eth0\",\"ifindex\":3,\"old\":0,\"new\":1}\n");
	EXPECT_EQ(json(old_new(ARPFO_EVENT_VIPA_DUTY, 1, 0)),
		  head + "\"vipa_duty\",\"ifname\":\"eth0\",\"ifindex\":3,\"old\":1,\"new\":0}\n");
	EXPECT_EQ(json(event(42)), head + "\"unknown(42)\",\"ifname\":\"eth0\",\"ifindex\":3}\n");
}

TEST(ArpfoEvents, JsonEscapesOddNames)
{
	Msg m(ARPFO_CMD_EVENT_NTF, test::kFamily, 0);
	m.u32(ARPFO_A_EVENT_TYPE, ARPFO_EVENT_ADAPTER_NEW)
		.u32(ARPFO_A_EVENT_IFINDEX, 3)
		.strz(ARPFO_A_EVENT_IFNAME, "a\"b\\c\x01");
	EXPECT_NE(json(m).find("\"ifname\":\"a\\\"b\\\\c\\u0001\""), std::string::npos) << json(m);
}

// ADDR_NEW and ADDR_DEL of an IPv6 address carry ADDR6 (16 bytes), shown
// in its compressed form.
TEST(ArpfoEvents, Ipv6Address)
{
	const std::string t(kTime);
	const Event e = parse_event(addr6_event(ARPFO_EVENT_ADDR_NEW).bytes());

	ASSERT_TRUE(e.addr.has_value());
	EXPECT_TRUE(e.addr->is_v6());
	EXPECT_EQ(e.addr->str(), "2001:db8::1");
	EXPECT_EQ(classify(e), EventKind::AddrNew);

	EXPECT_EQ(line(addr6_event(ARPFO_EVENT_ADDR_NEW)), t + " eth0 address 2001:db8::1 managed\n");
	EXPECT_EQ(line(addr6_event(ARPFO_EVENT_ADDR_DEL, "fd00:0:0:1::")),
		  t + " eth0 address fd00:0:0:1:: withdrawn\n");
	EXPECT_EQ(line(addr6_event(ARPFO_EVENT_ADDR_NEW), true),
		  t + " eth0 address 2001:db8::1 managed\n");

	const std::string head = "{\"time\":\"" + t + "\",\"event\":";
	EXPECT_EQ(json(addr6_event(ARPFO_EVENT_ADDR_NEW)),
		  head + "\"addr_new\",\"ifname\":\"eth0\",\"ifindex\":3,"
			 "\"address\":\"2001:db8::1\",\"family\":\"inet6\"}\n");
	EXPECT_EQ(json(addr6_event(ARPFO_EVENT_ADDR_DEL, "fd12:3456:789a:bcde:f012:3456:789a:bcde")),
		  head + "\"addr_del\",\"ifname\":\"eth0\",\"ifindex\":3,"
			 "\"address\":\"fd12:3456:789a:bcde:f012:3456:789a:bcde\","
			 "\"family\":\"inet6\"}\n");
}

TEST(ArpfoEvents, RejectsMalformedIpv6Address)
{
	const auto error_of = [](const Msg &m) -> std::string {
		try {
			parse_event(m.bytes());
		} catch (const MalformedMessage &e) {
			return e.what();
		}
		return "";
	};
	Msg short_addr = event(ARPFO_EVENT_ADDR_NEW);
	short_addr.raw(ARPFO_A_EVENT_ADDR6, std::vector<std::uint8_t>(15, 0x20));
	EXPECT_EQ(error_of(short_addr),
		  "event message: attribute ADDR6 (type 9) has 15 bytes, expected 16");

	Msg both = addr6_event(ARPFO_EVENT_ADDR_DEL);
	both.u32(ARPFO_A_EVENT_ADDR, htonl(0x0a000001));
	EXPECT_EQ(error_of(both), "event message: attributes ADDR (type 6) and ADDR6 (type 9) "
				  "are both present, expected one");

	EXPECT_EQ(error_of(event(ARPFO_EVENT_ADDR_DEL)),
		  "event message: missing attribute ADDR (type 6) or ADDR6 (type 9)");
}

TEST(ArpfoEvents, RejectsEventsMissingWhatTheirTypeNeeds)
{
	const auto error_of = [](const Msg &m) -> std::string {
		try {
			parse_event(m.bytes());
		} catch (const MalformedMessage &e) {
			return e.what();
		}
		return "";
	};
	Msg responder = event(ARPFO_EVENT_RESPONDER);
	responder.u32(ARPFO_A_EVENT_OLD, 3);

	EXPECT_EQ(error_of(responder), "event message: missing attribute NEW (type 5)");
	EXPECT_EQ(error_of(event(ARPFO_EVENT_CARRIER)),
		  "event message: missing attribute NEW (type 5)");
	Msg vipa_duty = event(ARPFO_EVENT_VIPA_DUTY);
	vipa_duty.u32(ARPFO_A_EVENT_OLD, 0);
	EXPECT_EQ(error_of(vipa_duty), "event message: missing attribute NEW (type 5)");
	Msg judged_new = event(ARPFO_EVENT_JUDGED);
	judged_new.u32(ARPFO_A_EVENT_NEW, ARPFO_JUDGED_SILENT);
	EXPECT_EQ(error_of(judged_new), "event message: missing attribute OLD (type 4)");
	Msg judged_old = event(ARPFO_EVENT_JUDGED);
	judged_old.u32(ARPFO_A_EVENT_OLD, ARPFO_JUDGED_OK);
	EXPECT_EQ(error_of(judged_old), "event message: missing attribute NEW (type 5)");
	EXPECT_EQ(error_of(event(ARPFO_EVENT_PROBE_REJECTED)),
		  "event message: missing attribute MAC (type 7)");
	EXPECT_EQ(error_of(event(ARPFO_EVENT_ADDR_NEW)),
		  "event message: missing attribute ADDR (type 6) or ADDR6 (type 9)");
	Msg no_type(ARPFO_CMD_EVENT_NTF);
	no_type.u32(ARPFO_A_EVENT_IFINDEX, 3);
	EXPECT_EQ(error_of(no_type), "event message: missing attribute TYPE (type 1)");
	Msg bad_mac = event(ARPFO_EVENT_PROBE_REJECTED);
	bad_mac.raw(ARPFO_A_EVENT_MAC, {1, 2, 3});
	EXPECT_EQ(error_of(bad_mac), "event message: attribute MAC (type 7) has 3 bytes, expected 6");
}

TEST(ArpfoEvents, UnknownAttributesAreIgnored)
{
	Msg m = new_only(ARPFO_EVENT_CARRIER, 1);
	m.raw(ARPFO_A_EVENT_MAX + 1, {1, 2, 3, 4, 5});
	EXPECT_EQ(line(m), std::string(kTime) + " eth0 carrier up\n");
}

TEST(ArpfoEvents, FormatsTime)
{
	std::tm tm{};
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 26;
	tm.tm_hour = 0;
	tm.tm_min = 41;
	tm.tm_sec = 2;
	EXPECT_EQ(format_time(tm, 123), "2026-11-26T00:41:02.123");
	EXPECT_EQ(format_time(tm, 7), "2026-11-26T00:41:02.007");
}

TEST(ArpfoEvents, FormatsLocalTimeWithMilliseconds)
{
	const auto t = std::chrono::system_clock::time_point{} + std::chrono::milliseconds(1500);
	const std::string s = format_local_time(t);

	ASSERT_EQ(s.size(), 23u) << s;
	EXPECT_EQ(s.substr(19), ".500");
}

// ADDR_LOST: an address left the adapter while a sibling (NEW) answered
// for it, the adapter's path judged OLD. It needs the address and both.
TEST(ArpfoEvents, AddressLostDuringATakeover)
{
	const std::string t(kTime);
	Msg v4 = addr_event(ARPFO_EVENT_ADDR_LOST);
	v4.u32(ARPFO_A_EVENT_OLD, ARPFO_JUDGED_NO_CARRIER).u32(ARPFO_A_EVENT_NEW, 4);
	Msg v6 = addr6_event(ARPFO_EVENT_ADDR_LOST);
	v6.u32(ARPFO_A_EVENT_OLD, ARPFO_JUDGED_SILENT).u32(ARPFO_A_EVENT_NEW, 4);

	EXPECT_EQ(classify(parse_event(v4.bytes())), EventKind::AddrLost);
	EXPECT_EQ(line(v4), t + " eth0 address 10.0.0.1 removed while eth1 answers for it "
				"(no-carrier): the takeover cannot hold it\n");
	EXPECT_EQ(line(v6, true), t + " eth0 \033[31maddress 2001:db8::1 removed while eth1 "
				      "answers for it (silent): the takeover cannot hold it\033[0m\n");
	EXPECT_EQ(json(v6), "{\"time\":\"" + t + "\",\"event\":\"addr_lost\",\"ifname\":\"eth0\","
		  "\"ifindex\":3,\"old\":2,\"new\":4,\"answered_by\":\"eth1\",\"judged\":\"silent\","
		  "\"address\":\"2001:db8::1\",\"family\":\"inet6\"}\n");

	const auto error_of = [](const Msg &m) -> std::string {
		try {
			parse_event(m.bytes());
		} catch (const MalformedMessage &e) {
			return e.what();
		}
		return "";
	};
	Msg no_addr = old_new(ARPFO_EVENT_ADDR_LOST, ARPFO_JUDGED_NO_CARRIER, 4);
	EXPECT_EQ(error_of(no_addr), "event message: missing attribute ADDR (type 6) or ADDR6 (type 9)");
	Msg no_new = addr_event(ARPFO_EVENT_ADDR_LOST);
	no_new.u32(ARPFO_A_EVENT_OLD, ARPFO_JUDGED_NO_CARRIER);
	EXPECT_EQ(error_of(no_new), "event message: missing attribute NEW (type 5)");
}
