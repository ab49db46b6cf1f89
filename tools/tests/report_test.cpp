// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "probe/report.hpp"

using namespace arpfo;

namespace {

const Mac kA{0x02, 0, 0, 0, 0, 0x0a};
const Mac kB{0x02, 0, 0, 0, 0, 0x0b};

ProbeResult result_with(std::vector<ProbeReply> replies)
{
	return ProbeResult{"c0", Ipv4{10, 0, 0, 1}, 3, std::move(replies)};
}

} // namespace

TEST(ProbeReport, VerdictAndExitCode)
{
	EXPECT_EQ(verdict(result_with({})), Verdict::None);
	EXPECT_EQ(exit_code(result_with({})), 1);
	EXPECT_EQ(verdict(result_with({{kA, 1}, {kA, 2}, {kA, 3}})), Verdict::Single);
	EXPECT_EQ(exit_code(result_with({{kA, 1}, {kA, 2}})), 0);
	EXPECT_EQ(verdict(result_with({{kA, 1}, {kB, 2}, {kA, 3}})), Verdict::Multiple);
	EXPECT_EQ(exit_code(result_with({{kA, 1}, {kB, 2}})), 1);
}

TEST(ProbeReport, DistinctMacsKeepFirstSeenOrder)
{
	const auto macs = distinct_macs(result_with({{kB, 1}, {kA, 2}, {kB, 3}}));
	ASSERT_EQ(macs.size(), 2u);
	EXPECT_EQ(macs[0], kB);
	EXPECT_EQ(macs[1], kA);
}

TEST(ProbeReport, Text)
{
	EXPECT_EQ(render_text(result_with({{kA, 0.25}, {kB, 1.5}})),
		  "who-has 10.0.0.1 on c0: 3 requests, 2 replies\n"
		  "  reply from 02:00:00:00:00:0a  0.250 ms\n"
		  "  reply from 02:00:00:00:00:0b  1.500 ms\n"
		  "2 distinct MACs 02:00:00:00:00:0a 02:00:00:00:00:0b (multiple)\n");
	EXPECT_EQ(render_text(result_with({})),
		  "who-has 10.0.0.1 on c0: 3 requests, 0 replies\n0 distinct MACs (none)\n");
}

TEST(ProbeReport, Json)
{
	EXPECT_EQ(render_json(result_with({{kA, 0.5}})),
		  "{\"interface\":\"c0\",\"target\":\"10.0.0.1\",\"requests\":3,"
		  "\"replies\":[{\"mac\":\"02:00:00:00:00:0a\",\"latency_ms\":0.500}],"
		  "\"macs\":[\"02:00:00:00:00:0a\"],\"verdict\":\"single\"}\n");
	auto odd = result_with({});
	odd.iface = "a\\b";
	EXPECT_NE(render_json(odd).find("\"a\\\\b\""), std::string::npos);
}

TEST(ProbeReport, AnswersOnlyRepliesFromTarget)
{
	ArpPacket p;
	p.op = ArpOp::Reply;
	p.sender_ip = {10, 0, 0, 1};
	EXPECT_TRUE(answers(p, {10, 0, 0, 1}));
	EXPECT_FALSE(answers(p, {10, 0, 0, 2}));
	p.op = ArpOp::Request;
	EXPECT_FALSE(answers(p, {10, 0, 0, 1}));
}
