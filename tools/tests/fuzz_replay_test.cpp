// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "fuzz/replay_file.hpp"

using namespace arpfo::fuzz;

namespace {

// A probe as tests/frame_tool.py prints it: 64 bytes, tag at 42 (magic,
// origin 0x5eed0001, ifindex 2, seq 7, MAC).
const std::string kProbe = "ffffffffffff0200000001000806000108000604000102000000010000000000"
			   "0000000000000a000001af025eed000100000002000000070102030405060708";

std::string error_of(std::string_view text)
{
	const auto r = parse_replay(text);
	const auto *e = std::get_if<ReplayError>(&r);
	return e ? e->message : "";
}

} // namespace

TEST(FuzzReplay, OneFramePerLine)
{
	const std::string text = "# captured on seg0\n" + kProbe + "\n\n" + kProbe.substr(0, 20) +
				 " " + kProbe.substr(20) + "  # again, spaced\r\n";
	const auto r = parse_replay(text);
	const auto *frames = std::get_if<ReplayFrames>(&r);

	ASSERT_NE(frames, nullptr) << error_of(text);
	ASSERT_EQ(frames->size(), 2u);
	EXPECT_EQ((*frames)[0], (*frames)[1]);
	EXPECT_EQ((*frames)[0].size(), 64u);
	EXPECT_EQ((*frames)[0][42], 0xaf);
	EXPECT_EQ((*frames)[0][43], 0x02);
	EXPECT_EQ((*frames)[0][44], 0x5e);
	EXPECT_EQ((*frames)[0][63], 0x08);
}

TEST(FuzzReplay, ColonsAreSeparators)
{
	std::string text;
	for (std::size_t i = 0; i < kProbe.size(); i += 2)
		text += (i ? ":" : "") + kProbe.substr(i, 2);
	EXPECT_EQ(error_of(text), "");
}

TEST(FuzzReplay, RejectsWhatIsNotAProbe)
{
	EXPECT_EQ(error_of(""), "no frames (one hex frame per line expected)");
	EXPECT_EQ(error_of("# nothing\n\n"), "no frames (one hex frame per line expected)");
	EXPECT_EQ(error_of(kProbe + "\nzz\n"), "line 2: 'z' is not a hex digit");
	EXPECT_EQ(error_of(kProbe + "0"), "line 1: odd number of hex digits");
	EXPECT_EQ(error_of(kProbe.substr(0, 126)),
		  "line 1: 63 bytes, a probe frame has at least 64 (Ethernet 14, ARP 28, tag 22)");
	std::string ip = kProbe;
	ip.replace(24, 4, "0800");
	EXPECT_EQ(error_of(ip),
		  "line 1: EtherType 0x0800, neither ARP (0x0806) nor a liveness frame's (0x88b5)");
	EXPECT_EQ(error_of(kProbe.substr(0, 26)), "line 1: 13 bytes, not even an Ethernet header");
	std::string untagged = kProbe;
	untagged.replace(84, 4, "0000");
	EXPECT_EQ(error_of(untagged), "line 1: no probe tag at byte 42 (0x0000, not 0xaf02)");
	// A probe of a module from before the origin: not one to replay.
	std::string old_magic = kProbe;
	old_magic.replace(84, 4, "af01");
	EXPECT_EQ(error_of(old_magic), "line 1: no probe tag at byte 42 (0xaf01, not 0xaf02)");
	// Nor an ARP-shaped liveness frame of an earlier version.
	std::string old_live = kProbe;
	old_live.replace(84, 4, "af03");
	EXPECT_EQ(error_of(old_live), "line 1: no probe tag at byte 42 (0xaf03, not 0xaf02)");
	EXPECT_NE(error_of(kProbe + std::string(2 * 1455, '0')).find("more than 1514"),
		  std::string::npos);
}

// A liveness frame as tests/frame_tool.py lives prints it: 60 bytes,
// unicast to a sibling, EtherType 0x88b5, the tag at 14 (magic 0xaf04,
// origin 0x5eed0001, ifindex 2, round 1000, MAC), receiver ifindex 3,
// pnet 5, zeroes.
const std::string kLive = "02000000010102000000010088b5"
			  "af045eed0001000000020000" "03e8" "0102030405060708"
			  "0000000300000005" +
			  std::string(2 * 16, '0');

TEST(FuzzReplay, LivenessFramesNeedTheirWholeStruct)
{
	ASSERT_EQ(kLive.size(), 2 * 60u);
	EXPECT_EQ(error_of(kLive), "");
	EXPECT_EQ(error_of(kLive.substr(0, 86)),
		  "line 1: 43 bytes, a liveness frame has at least 44 (Ethernet 14, then 30)");
	std::string other = kLive;
	other.replace(28, 4, "af03");
	EXPECT_EQ(error_of(other), "line 1: no liveness tag at byte 14 (0xaf03, not 0xaf04)");
}

// Liveness frames go with the probes in one file and come apart by their
// EtherType.
TEST(FuzzReplay, LivenessFramesBesideProbes)
{
	const std::string live = kLive;
	const std::string text = live + "\n" + kProbe + "\n" + live + "\n";
	auto r = parse_replay(text);
	auto *frames = std::get_if<ReplayFrames>(&r);

	ASSERT_NE(frames, nullptr) << error_of(text);
	ASSERT_EQ(frames->size(), 3u);
	const ReplaySets sets = split_replay(std::move(*frames));
	ASSERT_EQ(sets.probes.size(), 1u);
	ASSERT_EQ(sets.lives.size(), 2u);
	EXPECT_EQ(sets.probes[0][43], 0x02);
	EXPECT_EQ(sets.lives[0][13], 0xb5);
	EXPECT_EQ(sets.lives[0][15], 0x04);
	EXPECT_EQ(sets.lives[1][0], 0x02) << "the destination kept";
	EXPECT_EQ(error_of(live), "");
}
