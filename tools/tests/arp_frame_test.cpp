// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <vector>

#include "probe/arp_frame.hpp"

using namespace arpfo;

namespace {

const Mac kMac{0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01};
const Ipv4 kSrc{10, 0, 0, 100};
const Ipv4 kTarget{10, 0, 0, 1};

std::vector<std::uint8_t> request_bytes()
{
	const auto f = build_request(kMac, kSrc, kTarget);
	return {f.begin(), f.end()};
}

std::string error_of(const std::vector<std::uint8_t> &bytes)
{
	const auto r = parse_frame(bytes);
	const auto *e = std::get_if<ParseError>(&r);
	return e ? e->reason : "";
}

} // namespace

TEST(ArpFrame, RequestHasWireLayout)
{
	const auto f = build_request(kMac, kSrc, kTarget);
	const std::uint8_t expected_head[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01,
		0x08, 0x06,		 // ethertype ARP
		0x00, 0x01, 0x08, 0x00,	 // Ethernet, IPv4
		0x06, 0x04, 0x00, 0x01,	 // lengths, request
		0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01, 10, 0, 0, 100,
		0, 0, 0, 0, 0, 0, 10, 0, 0, 1,
	};
	ASSERT_EQ(f.size(), 60u);
	for (std::size_t i = 0; i < sizeof(expected_head); i++)
		EXPECT_EQ(f[i], expected_head[i]) << "byte " << i;
	for (std::size_t i = sizeof(expected_head); i < f.size(); i++)
		EXPECT_EQ(f[i], 0) << "padding byte " << i;
}

TEST(ArpFrame, RoundTrip)
{
	const auto r = parse_frame(request_bytes());
	const auto *p = std::get_if<ArpPacket>(&r);

	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->op, ArpOp::Request);
	EXPECT_EQ(p->eth_src, kMac);
	EXPECT_EQ(p->sender_mac, kMac);
	EXPECT_EQ(p->sender_ip, kSrc);
	EXPECT_EQ(p->target_ip, kTarget);
	EXPECT_EQ(p->target_mac, Mac{});
}

TEST(ArpFrame, ParsesReplyWithoutPadding)
{
	auto b = request_bytes();
	b.resize(kEthHeaderLen + kArpPayloadLen);
	b[21] = 2;
	const auto r = parse_frame(b);
	const auto *p = std::get_if<ArpPacket>(&r);

	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->op, ArpOp::Reply);
}

TEST(ArpFrame, RejectsEveryTruncation)
{
	const auto full = request_bytes();

	for (std::size_t len = 0; len < kEthHeaderLen + kArpPayloadLen; len++) {
		std::vector<std::uint8_t> b(full.begin(), full.begin() + static_cast<long>(len));
		EXPECT_FALSE(error_of(b).empty()) << "length " << len;
	}
	EXPECT_NE(error_of({full.begin(), full.begin() + 10}).find("Ethernet"), std::string::npos);
	EXPECT_NE(error_of({full.begin(), full.begin() + 30}).find("truncated ARP"),
		  std::string::npos);
}

TEST(ArpFrame, RejectsMalformedHeaders)
{
	struct Case {
		std::size_t offset;
		std::uint8_t value;
		const char *reason;
	} cases[] = {
		{12, 0x08, "not an ARP frame"},	// ethertype 0x0806 -> 0x0800
		{15, 6, "not Ethernet/IPv4"},	// hardware type 6 (IEEE 802)
		{16, 0x86, "not Ethernet/IPv4"},	// protocol 0x86dd
		{18, 8, "bad hardware"},	// hlen 8
		{19, 16, "bad hardware"},	// plen 16
		{21, 3, "unknown ARP operation 3"}, // RARP request
	};

	for (const auto &c : cases) {
		auto b = request_bytes();
		b[c.offset] = c.value;
		if (c.offset == 12)
			b[13] = 0x00;
		EXPECT_NE(error_of(b).find(c.reason), std::string::npos)
			<< "offset " << c.offset << ": " << error_of(b);
	}
}

TEST(ArpFrame, AcceptsOversizedFrame)
{
	auto b = request_bytes();
	b.resize(1514, 0xee);
	EXPECT_TRUE(std::holds_alternative<ArpPacket>(parse_frame(b)));
}

TEST(ArpFrame, FormatsAddresses)
{
	EXPECT_EQ(format_mac(kMac), "02:00:00:aa:bb:01");
	EXPECT_EQ(format_ipv4(Ipv4{192, 168, 0, 255}), "192.168.0.255");
}

TEST(ArpFrame, ParsesIpv4Strictly)
{
	EXPECT_EQ(parse_ipv4("10.0.0.1"), (Ipv4{10, 0, 0, 1}));
	EXPECT_EQ(parse_ipv4("255.255.255.255"), (Ipv4{255, 255, 255, 255}));
	for (const char *bad : {"", "10", "10.0.0", "10.0.0.1.", "10.0.0.256", "a.b.c.d",
				"10..0.1", "10.0.0.1x", " 10.0.0.1", "-1.0.0.1", "0010.0.0.1"})
		EXPECT_FALSE(parse_ipv4(bad).has_value()) << bad;
}
