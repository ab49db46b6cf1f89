// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "fuzz/options.hpp"

using namespace arpfo;
using namespace arpfo::fuzz;

namespace {

OptionsResult parse(std::initializer_list<std::string_view> args)
{
	const std::vector<std::string_view> v(args);
	return parse_fuzz_options(v);
}

std::string error_of(std::initializer_list<std::string_view> args)
{
	const auto r = parse(args);
	const auto *e = std::get_if<UsageError>(&r);
	return e ? e->message : "";
}

} // namespace

TEST(FuzzOptions, Minimal)
{
	const auto r = parse({"c0", "--count", "1000000"});
	const auto *o = std::get_if<FuzzOptions>(&r);

	ASSERT_NE(o, nullptr);
	EXPECT_EQ(o->iface, "c0");
	EXPECT_EQ(o->count, 1000000u);
	EXPECT_FALSE(o->seed.has_value());
	EXPECT_TRUE(o->target_macs.empty());
	EXPECT_EQ(o->rate, 0u);
	EXPECT_EQ(o->unrelated_ip, (Ipv4{192, 0, 2, 1}));
	EXPECT_TRUE(o->target_ip6s.empty());
	EXPECT_EQ(o->unrelated_ip6, (Ipv6{0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0,
					  0, 1}));
	EXPECT_TRUE(o->replay_path.empty());
	EXPECT_FALSE(o->json);
}

TEST(FuzzOptions, RepeatedTargetsAndEverything)
{
	const auto r = parse({"--json", "--target-mac", "02:00:00:00:01:00", "--count", "5", "eth1",
			      "--target-mac", "02-00-00-00-01-0A", "--target-ip", "10.0.0.1",
			      "--target-ip", "10.0.0.2", "--seed", "0xffffffffffffffff", "--rate",
			      "1000", "--replay", "/tmp/p.hex", "--unrelated-ip", "198.51.100.7"});
	const auto *o = std::get_if<FuzzOptions>(&r);

	ASSERT_NE(o, nullptr);
	EXPECT_EQ(o->iface, "eth1");
	EXPECT_EQ(o->count, 5u);
	ASSERT_EQ(o->target_macs.size(), 2u);
	EXPECT_EQ(o->target_macs[1], (Mac{0x02, 0, 0, 0, 0x01, 0x0a}));
	ASSERT_EQ(o->target_ips.size(), 2u);
	EXPECT_EQ(o->target_ips[1], (Ipv4{10, 0, 0, 2}));
	EXPECT_EQ(o->seed, 0xffffffffffffffffull);
	EXPECT_EQ(o->rate, 1000u);
	EXPECT_EQ(o->replay_path, "/tmp/p.hex");
	EXPECT_EQ(o->unrelated_ip, (Ipv4{198, 51, 100, 7}));
	EXPECT_TRUE(o->json);
}

TEST(FuzzOptions, RejectsBadInput)
{
	EXPECT_NE(error_of({}).find("IFACE is required"), std::string::npos);
	EXPECT_NE(error_of({"c0"}).find("--count N is required"), std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "0"}).find("from 1 to"), std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1e6"}).find("got '1e6'"), std::string::npos);
	EXPECT_NE(error_of({"c0", "--count"}).find("needs a value"), std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--seed", "-1"}).find("--seed"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--rate", "0"}).find("--rate"), std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--target-mac", "02:00:00:00:01"})
			  .find("not a MAC"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--target-ip", "10.0.0.256"})
			  .find("not an IPv4 or IPv6 address"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--target-ip", "2001:db8::g"}).find("not an IPv4"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--target-ip", "2001:db8::1/64"})
			  .find("not an IPv4"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--unrelated-ip", "fe80::1%eth0"})
			  .find("--unrelated-ip: not an IPv4"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "--count", "1", "--frobnicate"}).find("unknown option"),
		  std::string::npos);
	EXPECT_NE(error_of({"c0", "c1", "--count", "1"}).find("unexpected argument"),
		  std::string::npos);
	EXPECT_NE(error_of({"an-interface-name-too-long", "--count", "1"}).find("bad interface"),
		  std::string::npos);
}

// IPv6 targets and an unrelated IPv6 address, beside IPv4 ones: the
// Neighbor Discovery categories aim at them.
TEST(FuzzOptions, Ipv6Addresses)
{
	const auto r = parse({"c0", "--count", "1", "--target-ip", "2001:db8::1", "--target-ip",
			      "10.0.0.1", "--target-ip", "fd00::2:0:0:1", "--unrelated-ip",
			      "2001:db8:ffff::7", "--unrelated-ip", "198.51.100.7"});
	const auto *o = std::get_if<FuzzOptions>(&r);

	ASSERT_NE(o, nullptr);
	ASSERT_EQ(o->target_ips.size(), 1u);
	ASSERT_EQ(o->target_ip6s.size(), 2u);
	EXPECT_EQ(o->target_ip6s[0],
		  (Ipv6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
	EXPECT_EQ(o->target_ip6s[1], (Ipv6{0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}));
	EXPECT_EQ(o->unrelated_ip6,
		  (Ipv6{0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}));
	EXPECT_EQ(o->unrelated_ip, (Ipv4{198, 51, 100, 7}));
	EXPECT_EQ(parse_ipv6("::"), Ipv6{});
	EXPECT_FALSE(parse_ipv6("").has_value());
	EXPECT_FALSE(parse_ipv6("10.0.0.1").has_value());
}

TEST(FuzzOptions, Numbers)
{
	EXPECT_EQ(parse_u64("0"), 0u);
	EXPECT_EQ(parse_u64("18446744073709551615"), 18446744073709551615ull);
	EXPECT_EQ(parse_u64("0x10"), 16u);
	EXPECT_FALSE(parse_u64("18446744073709551616").has_value());
	EXPECT_FALSE(parse_u64("").has_value());
	EXPECT_FALSE(parse_u64("0x").has_value());
	EXPECT_FALSE(parse_u64("12a").has_value());
}

TEST(FuzzOptions, Macs)
{
	EXPECT_EQ(parse_mac("ff:FF:00:0a:b0:01"), (Mac{0xff, 0xff, 0, 0x0a, 0xb0, 0x01}));
	EXPECT_FALSE(parse_mac("ff:ff:ff:ff:ff").has_value());
	EXPECT_FALSE(parse_mac("ff:ff:ff:ff:ff:fg").has_value());
	EXPECT_FALSE(parse_mac("ff.ff.ff.ff.ff.ff").has_value());
	EXPECT_FALSE(parse_mac("f:ff:ff:ff:ff:fff").has_value());
}

TEST(FuzzOptions, UsageNamesEveryOption)
{
	const std::string_view u = fuzz_usage();

	for (auto opt : {"--count", "--seed", "--target-mac", "--target-ip", "--unrelated-ip",
			 "--replay", "--rate", "--json"})
		EXPECT_NE(u.find(opt), std::string_view::npos) << opt;
}
