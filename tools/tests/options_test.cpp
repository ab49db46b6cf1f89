// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "probe/options.hpp"

using namespace arpfo;

namespace {

OptionsResult parse(std::initializer_list<std::string_view> args)
{
	const std::vector<std::string_view> v(args);
	return parse_probe_options(v);
}

std::string error_of(std::initializer_list<std::string_view> args)
{
	const auto r = parse(args);
	const auto *e = std::get_if<UsageError>(&r);
	return e ? e->message : "";
}

} // namespace

TEST(ProbeOptions, Defaults)
{
	const auto r = parse({"veth0", "10.0.0.1"});
	const auto *o = std::get_if<ProbeOptions>(&r);

	ASSERT_NE(o, nullptr);
	EXPECT_EQ(o->iface, "veth0");
	EXPECT_EQ(o->target, (Ipv4{10, 0, 0, 1}));
	EXPECT_FALSE(o->source.has_value());
	EXPECT_EQ(o->count, 3u);
	EXPECT_FALSE(o->json);
}

TEST(ProbeOptions, AllOptionsAnyOrder)
{
	const auto r = parse({"--json", "--count", "7", "c0", "--timeout", "250", "10.1.2.3",
			      "--interval", "20", "--source", "0.0.0.0"});
	const auto *o = std::get_if<ProbeOptions>(&r);

	ASSERT_NE(o, nullptr);
	EXPECT_EQ(o->iface, "c0");
	EXPECT_EQ(o->count, 7u);
	EXPECT_EQ(o->timeout_ms, 250u);
	EXPECT_EQ(o->interval_ms, 20u);
	EXPECT_EQ(o->source, (Ipv4{0, 0, 0, 0}));
	EXPECT_TRUE(o->json);
}

TEST(ProbeOptions, RejectsBadInput)
{
	EXPECT_NE(error_of({}).find("required"), std::string::npos);
	EXPECT_NE(error_of({"eth0"}).find("required"), std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0"}).find("not an IPv4"), std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "x"}).find("unexpected"), std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "--count"}).find("needs a value"),
		  std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "--count", "0"}).find("from 1 to"),
		  std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "--count", "5x"}).find("'5x'"),
		  std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "--timeout", "-1"}).find("--timeout"),
		  std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "--source", "x"}).find("--source"),
		  std::string::npos);
	EXPECT_NE(error_of({"eth0", "10.0.0.1", "--frobnicate", "1"}).find("unknown option"),
		  std::string::npos);
	EXPECT_NE(error_of({"a-very-long-interface-name", "10.0.0.1"}).find("interface"),
		  std::string::npos);
}
