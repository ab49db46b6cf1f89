// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "fuzz/summary.hpp"

using namespace arpfo::fuzz;

namespace {

FuzzReport report()
{
	FuzzReport r;
	r.iface = "c0";
	r.seed = 42;
	r.requested = 1600;
	r.run.sent = 1600;
	for (std::size_t i = 0; i < kCategoryCount; i++)
		r.run.per_category[i] = 100;
	r.run.seconds = 2.0;
	r.run.backoffs = 3;
	r.link_dropped = 7;
	return r;
}

} // namespace

TEST(FuzzSummary, TextEndsWithTheTotal)
{
	const std::string t = render_text(report());

	EXPECT_NE(t.find("arpfo-fuzz: seed 42, 1600 frames requested on c0\n"), std::string::npos);
	EXPECT_NE(t.find("arpfo-fuzz:   forged_probe    100\n"), std::string::npos);
	EXPECT_NE(t.find("arpfo-fuzz:   replayed_live   100\n"), std::string::npos);
	EXPECT_NE(t.find("arpfo-fuzz:   nd_bad_options  100\n"), std::string::npos);
	EXPECT_NE(t.find("800 frames/s, 3 back-offs on a full queue, 7 dropped by c0"),
		  std::string::npos);
	const std::string last = t.substr(t.rfind("arpfo-fuzz: sent"));
	EXPECT_EQ(last, "arpfo-fuzz: sent 1600 frames (valid 100, bad_format 100, truncated 100, "
			"oversized 100, bad_opcode 100, our_identity 100, forged_probe 100, "
			"replayed_probe 100, odd_mac 100, random_payload 100, forged_live 100, "
			"replayed_live 100, nd_valid 100, nd_bad_header 100, nd_bad_options 100, "
			"nd_spoof 100) in 2.000 s\n");
	EXPECT_EQ(exit_code(report()), 0);
}

TEST(FuzzSummary, Json)
{
	FuzzReport r = report();
	EXPECT_EQ(render_json(r),
		  "{\"interface\":\"c0\",\"seed\":42,\"requested\":1600,\"sent\":1600,"
		  "\"categories\":{\"valid\":100,\"bad_format\":100,\"truncated\":100,"
		  "\"oversized\":100,\"bad_opcode\":100,\"our_identity\":100,"
		  "\"forged_probe\":100,\"replayed_probe\":100,\"odd_mac\":100,"
		  "\"random_payload\":100,\"forged_live\":100,\"replayed_live\":100,"
		  "\"nd_valid\":100,\"nd_bad_header\":100,\"nd_bad_options\":100,"
		  "\"nd_spoof\":100},\"seconds\":2.000,\"frames_per_second\":800,"
		  "\"backoffs\":3,\"link_dropped\":7,\"error\":null}\n");

	r.run.sent = 10;
	r.link_dropped.reset();
	r.error = "c0: cannot send frame 10 (truncated/x, 14 bytes): \"quoted\"";
	const std::string j = render_json(r);
	EXPECT_NE(j.find("\"link_dropped\":null"), std::string::npos);
	EXPECT_NE(j.find("\"error\":\"c0: cannot send frame 10 (truncated/x, 14 bytes): "
			 "\\\"quoted\\\"\""),
		  std::string::npos);
	EXPECT_EQ(exit_code(r), 1);
}

TEST(FuzzSummary, Progress)
{
	RunStats s;
	s.sent = 100000;
	s.seconds = 4;
	EXPECT_EQ(render_progress(s, 1000000),
		  "arpfo-fuzz: 100000/1000000 frames (10%), 25000 frames/s\n");
}
