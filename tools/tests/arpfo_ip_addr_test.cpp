// SPDX-License-Identifier: GPL-2.0-only
// IpAddr: an IPv4 or IPv6 address, its text and its order.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include <arpa/inet.h>

#include "arpfo/ip_addr.hpp"

using namespace arpfo;

namespace {

Ipv6 v6_bytes(const char *text)
{
	Ipv6 bytes{};
	if (::inet_pton(AF_INET6, text, bytes.data()) != 1)
		throw std::invalid_argument(text);
	return bytes;
}

} // namespace

TEST(ArpfoIpAddr, Ipv4)
{
	const IpAddr a = IpAddr::from_be32(htonl(0xc0a80101));

	EXPECT_FALSE(a.is_v6());
	EXPECT_EQ(a.family_name(), "inet");
	EXPECT_EQ(a.str(), "192.168.1.1");
	EXPECT_EQ(a, IpAddr(Ipv4{192, 168, 1, 1}));
	EXPECT_EQ(IpAddr().str(), "0.0.0.0");
}

// RFC 5952 text: lower case, leading zeros dropped, the longest run of
// zero groups (the first of equal ones, never a single group) as "::".
TEST(ArpfoIpAddr, Ipv6CompressedText)
{
	const auto text = [](const char *in) { return IpAddr(v6_bytes(in)).str(); };

	EXPECT_EQ(text("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
	EXPECT_EQ(text("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
	EXPECT_EQ(text("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
	EXPECT_EQ(text("fd00::"), "fd00::");
	EXPECT_EQ(text("fd12:3456:789a:bcde:f012:3456:789a:bcde"),
		  "fd12:3456:789a:bcde:f012:3456:789a:bcde");
	EXPECT_EQ(text("::ffff:10.0.0.1"), "::ffff:10.0.0.1");

	const IpAddr a(v6_bytes("2001:db8::1"));
	EXPECT_TRUE(a.is_v6());
	EXPECT_EQ(a.family_name(), "inet6");
}

TEST(ArpfoIpAddr, FromBytes6)
{
	const Ipv6 bytes = v6_bytes("2001:db8::1");

	EXPECT_EQ(IpAddr::from_bytes6(bytes), IpAddr(bytes));
	EXPECT_THROW(IpAddr::from_bytes6(std::vector<std::uint8_t>(15)), std::invalid_argument);
	EXPECT_THROW(IpAddr::from_bytes6(std::vector<std::uint8_t>(4)), std::invalid_argument);
}

// IPv4 before IPv6 (even ::ffff:0.0.0.0 after 255.255.255.255), each
// family by value; the same bytes of the two families differ.
TEST(ArpfoIpAddr, Order)
{
	const IpAddr low4 = IpAddr::from_be32(htonl(0x0a000002));
	const IpAddr high4 = IpAddr::from_be32(0xffffffff);
	const IpAddr low6(v6_bytes("::"));
	const IpAddr mid6(v6_bytes("2001:db8::2"));
	const IpAddr high6(v6_bytes("2001:db8::10"));

	EXPECT_LT(low4, high4);
	EXPECT_LT(high4, low6);
	EXPECT_LT(low6, mid6);
	EXPECT_LT(mid6, high6);
	EXPECT_NE(IpAddr(Ipv4{}), low6);
	EXPECT_EQ(mid6, IpAddr(v6_bytes("2001:db8:0::2")));
}
