// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz/generator.hpp"

using namespace arpfo;
using namespace arpfo::fuzz;

namespace {

const Mac kClient{0x02, 0x00, 0x00, 0x00, 0x0c, 0x00};
const Mac kHostA{0x02, 0x00, 0x00, 0x00, 0x01, 0x00};
const Mac kHostB{0x02, 0x00, 0x00, 0x00, 0x01, 0x01};
const Ipv4 kIpA{10, 0, 0, 1};
const Ipv4 kIpB{10, 0, 0, 2};

// A genuine-looking probe of host A: origin kOrigin, ifindex 2, seq 7.
constexpr std::uint32_t kOrigin = 0x5eed0001;

std::vector<std::uint8_t> captured_probe()
{
	std::vector<std::uint8_t> f = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06,
		0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1,
		0xaf, 0x02, 0x5e, 0xed, 0x00, 0x01, 0, 0, 0, 2, 0, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8,
	};
	return f;
}

// A genuine-looking liveness frame of host A to host B: origin kOrigin,
// ifindex 2, round 1000, receiver ifindex 3, pnet 5, padded to 60 bytes.
std::vector<std::uint8_t> captured_live()
{
	std::vector<std::uint8_t> f = {
		0x02, 0x00, 0x00, 0x00, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x88, 0xb5,
		0xaf, 0x04, 0x5e, 0xed, 0x00, 0x01, 0, 0, 0, 2, 0, 0, 0x03, 0xe8, 8, 7, 6, 5, 4, 3, 2, 1,
		0, 0, 0, 3, 0, 0, 0, 5,
	};
	f.resize(60);
	return f;
}

// with_replay: a captured probe and a captured liveness frame.
FuzzContext context(bool with_replay = false)
{
	FuzzContext ctx;
	ctx.host_macs = {kHostA, kHostB};
	ctx.host_ips = {kIpA, kIpB};
	ctx.client_mac = kClient;
	if (with_replay) {
		ctx.replay = {captured_probe()};
		ctx.replay_live = {captured_live()};
	}
	return ctx;
}

std::vector<std::uint8_t> bytes_of(const Frame &f)
{
	return {f.data().begin(), f.data().end()};
}

std::uint16_t be16(const Frame &f, std::size_t off)
{
	return static_cast<std::uint16_t>(f.bytes[off] << 8 | f.bytes[off + 1]);
}

std::uint32_t be32(const Frame &f, std::size_t off)
{
	return static_cast<std::uint32_t>(be16(f, off)) << 16 | be16(f, off + 2);
}

// The origin of the tag at byte 42 (a probe's), at byte 14 (a liveness
// frame's).
std::uint32_t origin(const Frame &f) { return be32(f, 44); }
std::uint32_t live_origin(const Frame &f) { return be32(f, 16); }

template <std::size_t N> std::array<std::uint8_t, N> at(const Frame &f, std::size_t off)
{
	std::array<std::uint8_t, N> out{};
	std::copy_n(f.bytes.begin() + static_cast<std::ptrdiff_t>(off), N, out.begin());
	return out;
}

Mac eth_src(const Frame &f) { return at<6>(f, 6); }
Mac sha(const Frame &f) { return at<6>(f, 22); }
Ipv4 spa(const Frame &f) { return at<4>(f, 28); }
Ipv4 tpa(const Frame &f) { return at<4>(f, 38); }

// The first @n frames of @gen that belong to @c.
std::vector<Frame> frames_of(const Generator &gen, Category c, std::uint64_t n)
{
	std::vector<Frame> out;
	Frame f;

	for (std::uint64_t i = 0; out.size() < n; i++) {
		if (gen.category_of(i) != c)
			continue;
		gen.generate(i, f);
		out.push_back(f);
	}
	return out;
}

bool is_host_mac(const Mac &m) { return m == kHostA || m == kHostB; }
bool is_host_ip(const Ipv4 &ip) { return ip == kIpA || ip == kIpB; }

} // namespace

TEST(FuzzGenerator, SameSeedSameFrames)
{
	const Generator a(42, context(true));
	const Generator b(42, context(true));
	Frame fa, fb;

	for (std::uint64_t i = 0; i < 5000; i++) {
		a.generate(i, fa);
		b.generate(i, fb);
		ASSERT_EQ(bytes_of(fa), bytes_of(fb)) << "frame " << i;
		ASSERT_EQ(fa.category, fb.category);
		ASSERT_EQ(fa.variant, fb.variant);
	}
}

TEST(FuzzGenerator, FrameDependsOnlyOnSeedAndIndex)
{
	const Generator gen(7, context(true));
	std::vector<std::vector<std::uint8_t>> forward;
	Frame f;

	for (std::uint64_t i = 0; i < 1000; i++) {
		gen.generate(i, f);
		forward.push_back(bytes_of(f));
	}
	for (std::uint64_t i = 1000; i-- > 0;) {
		gen.generate(i, f);
		ASSERT_EQ(bytes_of(f), forward[i]) << "frame " << i;
	}
}

TEST(FuzzGenerator, OtherSeedOtherFrames)
{
	const Generator a(1, context());
	const Generator b(2, context());
	Frame fa, fb;
	int differ = 0;

	for (std::uint64_t i = 0; i < 1000; i++) {
		a.generate(i, fa);
		b.generate(i, fb);
		differ += bytes_of(fa) != bytes_of(fb);
	}
	EXPECT_GT(differ, 900);
}

TEST(FuzzGenerator, EveryCategoryGetsAnEqualShare)
{
	for (bool replay : {false, true}) {
		const Generator gen(3, context(replay));
		const std::size_t ncat = replay ? kCategoryCount : kCategoryCount - 2;
		std::map<Category, int> seen;
		Frame f;

		ASSERT_EQ(gen.categories().size(), ncat);
		for (std::uint64_t i = 0; i < 100 * ncat; i++) {
			gen.generate(i, f);
			ASSERT_EQ(f.category, gen.category_of(i));
			seen[f.category]++;
		}
		EXPECT_EQ(seen.size(), ncat);
		for (auto [c, n] : seen)
			EXPECT_EQ(n, 100) << category_name(c);
		EXPECT_EQ(seen.count(Category::ReplayedProbe), replay ? 1u : 0u);
		EXPECT_EQ(seen.count(Category::ReplayedLive), replay ? 1u : 0u);
	}
}

// Replayed liveness frames only with liveness frames to replay, replayed
// probes only with probes.
TEST(FuzzGenerator, EachReplayCategoryNeedsItsFrames)
{
	FuzzContext probes_only = context(true);
	probes_only.replay_live.clear();
	FuzzContext lives_only = context(true);
	lives_only.replay.clear();

	const Generator a(3, probes_only);
	const Generator b(3, lives_only);
	auto has = [](const Generator &g, Category c) {
		return std::count(g.categories().begin(), g.categories().end(), c) == 1;
	};
	EXPECT_TRUE(has(a, Category::ReplayedProbe));
	EXPECT_FALSE(has(a, Category::ReplayedLive));
	EXPECT_FALSE(has(b, Category::ReplayedProbe));
	EXPECT_TRUE(has(b, Category::ReplayedLive));
	EXPECT_TRUE(has(a, Category::ForgedLive));
	EXPECT_TRUE(has(b, Category::ForgedLive));
}

TEST(FuzzGenerator, CategoryNamesAreDistinct)
{
	std::set<std::string_view> names;

	for (Category c : kAllCategories)
		names.insert(category_name(c));
	EXPECT_EQ(names.size(), kCategoryCount);
	EXPECT_EQ(category_name(Category::ForgedProbe), "forged_probe");
	EXPECT_EQ(category_name(Category::ForgedLive), "forged_live");
	EXPECT_EQ(category_name(Category::ReplayedLive), "replayed_live");
}

TEST(FuzzGenerator, TruncatedCoversEveryLengthFrom14To41)
{
	const Generator gen(11, context());
	std::set<std::size_t> lengths;

	for (const Frame &f : frames_of(gen, Category::Truncated, 28)) {
		EXPECT_GE(f.len, 14u);
		EXPECT_LE(f.len, 41u);
		EXPECT_EQ(be16(f, 12), 0x0806);
		lengths.insert(f.len);
	}
	EXPECT_EQ(lengths.size(), 28u);
	EXPECT_EQ(*lengths.begin(), 14u);
	EXPECT_EQ(*lengths.rbegin(), 41u);
}

TEST(FuzzGenerator, LengthsStayWithinEthernet)
{
	for (std::uint64_t seed : {0ull, 1ull, 0xdeadbeefull}) {
		const Generator gen(seed, context(true));
		std::size_t longest = 0;
		Frame f;

		for (std::uint64_t i = 0; i < 50000; i++) {
			gen.generate(i, f);
			ASSERT_GE(f.len, 14u) << "frame " << i << " " << f.variant;
			ASSERT_LE(f.len, 1514u) << "frame " << i << " " << f.variant;
			longest = std::max(longest, f.len);
		}
		EXPECT_EQ(longest, 1514u);
	}
}

TEST(FuzzGenerator, SmallerMtuCapsTheLength)
{
	FuzzContext ctx = context();
	ctx.max_frame_len = 576 + 14;
	const Generator gen(5, ctx);
	std::size_t longest = 0;
	Frame f;

	for (std::uint64_t i = 0; i < 20000; i++) {
		gen.generate(i, f);
		ASSERT_LE(f.len, 590u) << f.variant;
		longest = std::max(longest, f.len);
	}
	EXPECT_EQ(longest, 590u);
}

TEST(FuzzGenerator, OversizedPadsAnArpPayload)
{
	const Generator gen(13, context());
	int at_max = 0;

	for (const Frame &f : frames_of(gen, Category::Oversized, 1000)) {
		EXPECT_GT(f.len, 60u);
		EXPECT_EQ(be16(f, 14), 1); // hardware type Ethernet
		EXPECT_EQ(be16(f, 16), 0x0800);
		at_max += f.len == 1514;
	}
	EXPECT_GT(at_max, 0);
}

TEST(FuzzGenerator, BadFormatCoversEachField)
{
	const Generator gen(17, context());
	std::set<std::string_view> variants;

	for (const Frame &f : frames_of(gen, Category::BadFormat, 60)) {
		variants.insert(f.variant);
		const bool valid = be16(f, 14) == 1 && be16(f, 16) == 0x0800 &&
				   f.bytes[18] == 6 && f.bytes[19] == 4;
		EXPECT_FALSE(valid) << f.variant;
		if (f.variant == "hln_255") {
			EXPECT_EQ(f.bytes[18], 255);
			EXPECT_EQ(f.len, 14u + 8 + 2 * (255 + 4));
		}
		if (f.variant == "hln_zero") {
			EXPECT_EQ(f.bytes[18], 0);
		}
		if (f.variant == "pln_zero") {
			EXPECT_EQ(f.bytes[19], 0);
		}
		if (f.variant == "pln_16_ipv6") {
			EXPECT_EQ(f.bytes[19], 16);
			EXPECT_EQ(f.len, 14u + 8 + 2 * (6 + 16));
		}
	}
	for (auto v : {"hrd_zero", "hrd_ieee802", "pro_ipv6", "hln_zero", "hln_255", "pln_zero",
		       "pln_16_ipv6", "all_random"})
		EXPECT_EQ(variants.count(v), 1u) << v;
}

TEST(FuzzGenerator, BadOpcodesAreNeverRequestOrReply)
{
	const Generator gen(19, context());
	std::set<std::uint16_t> ops;

	for (const Frame &f : frames_of(gen, Category::BadOpcode, 120)) {
		const std::uint16_t op = be16(f, 20);
		EXPECT_NE(op, 1);
		EXPECT_NE(op, 2);
		ops.insert(op);
	}
	for (int op : {0, 3, 4, 8, 9, 65535})
		EXPECT_EQ(ops.count(static_cast<std::uint16_t>(op)), 1u) << op;
}

TEST(FuzzGenerator, OurIdentityFramesCarryTheHostsMacsOrAddresses)
{
	const Generator gen(23, context());
	std::set<std::string_view> variants;

	for (const Frame &f : frames_of(gen, Category::OurIdentity, 80)) {
		variants.insert(f.variant);
		EXPECT_TRUE(is_host_mac(sha(f)) || is_host_ip(spa(f)))
			<< f.variant << " claims neither a host MAC nor a host address";
		EXPECT_EQ(eth_src(f), kClient) << f.variant;
		if (f.variant.starts_with("gratuitous") || f.variant == "announce_replica") {
			EXPECT_EQ(spa(f), tpa(f));
			EXPECT_TRUE(is_host_ip(spa(f)));
		}
	}
	EXPECT_EQ(variants.size(), 8u);
}

TEST(FuzzGenerator, ForgedProbesHaveTheProbeShape)
{
	const Generator gen(29, context());
	std::set<std::string_view> variants;

	for (const Frame &f : frames_of(gen, Category::ForgedProbe, 200)) {
		variants.insert(f.variant);
		EXPECT_EQ(be16(f, 12), 0x0806);
		EXPECT_EQ(be16(f, 20), 1) << "an ARP request";
		EXPECT_EQ(spa(f), (Ipv4{0, 0, 0, 0})) << f.variant << ": RFC 5227 sender 0.0.0.0";
		EXPECT_TRUE(is_host_ip(tpa(f)));
		if (f.variant == "tag_truncated") {
			EXPECT_LT(f.len, 64u);
			EXPECT_GE(f.len, 42u);
		} else if (f.variant == "tag_offset") {
			EXPECT_GT(f.len, 64u);
			EXPECT_EQ(f.bytes[42], 0) << "zeroes before the tag";
			EXPECT_NE(be16(f, 42), 0xaf02);
			EXPECT_EQ(be16(f, f.len - 22), 0xaf02);
		} else {
			EXPECT_EQ(f.len, 64u) << f.variant << ": tag ends the frame";
			if (f.variant == "wrong_magic") {
				EXPECT_NE(be16(f, 42), 0xaf02);
			} else {
				EXPECT_EQ(be16(f, 42), 0xaf02) << f.variant << ": tag at 14 + 28";
			}
		}
	}
	EXPECT_EQ(variants.size(), 9u);
}

// The module reports a forgery only when it claims the namespace's origin:
// with a captured probe the forger knows it and claims it; another origin
// (tag_foreign, tag_origin_wild) is another host's probe, tag_origin_wild
// in a host MAC's name (a shared MAC). The magic of the tag before the
// origin (0xaf01) is among the wrong ones.
TEST(FuzzGenerator, ForgedProbesClaimTheCapturedOrigin)
{
	const Generator gen(59, context(true));
	std::map<std::string_view, int> ours;
	std::set<std::uint32_t> wild;
	std::set<std::uint16_t> magics;

	for (const Frame &f : frames_of(gen, Category::ForgedProbe, 9 * 60)) {
		if (f.variant == "wrong_magic")
			magics.insert(be16(f, 42));
		if (f.len < 64 || be16(f, 42) != 0xaf02)
			continue; // no origin to check
		ours[f.variant] += origin(f) == kOrigin;
		if (f.variant == "tag_ours") {
			EXPECT_EQ(origin(f), kOrigin);
			EXPECT_TRUE(is_host_mac(sha(f)));
		}
		if (f.variant == "tag_foreign") {
			EXPECT_NE(origin(f), kOrigin);
			EXPECT_FALSE(is_host_mac(sha(f)));
		}
		if (f.variant == "tag_origin_wild") {
			EXPECT_NE(origin(f), kOrigin);
			EXPECT_TRUE(is_host_mac(sha(f))) << "another origin in a MAC of ours";
			wild.insert(origin(f));
		}
	}
	EXPECT_EQ(ours["tag_ours"], 60);
	EXPECT_GT(ours["tag_seq_edge"], 30) << "mostly in the host's name";
	EXPECT_EQ(ours["tag_foreign"], 0);
	EXPECT_EQ(ours["tag_origin_wild"], 0);
	for (const std::uint32_t o : {0u, 1u, 0x7fffffffu, 0x80000000u, 0xffffffffu})
		EXPECT_EQ(wild.count(o), 1u) << o;
	EXPECT_GT(wild.size(), 5u) << "and random ones";
	EXPECT_EQ(magics.count(0xaf01), 1u);
	EXPECT_EQ(magics.count(0xaf02), 0u);
}

// Without a captured probe the forger cannot know the origin: it guesses.
TEST(FuzzGenerator, ForgedProbesGuessTheOriginWithoutACapture)
{
	const Generator gen(61, context());
	std::set<std::uint32_t> origins;

	for (const Frame &f : frames_of(gen, Category::ForgedProbe, 9 * 20))
		if (f.variant == "tag_ours")
			origins.insert(origin(f));
	EXPECT_GT(origins.size(), 15u);
}

TEST(FuzzGenerator, TruncatedTagsCoverEveryShortLength)
{
	const Generator gen(31, context());
	std::set<std::size_t> lengths;

	for (const Frame &f : frames_of(gen, Category::ForgedProbe, 9 * 22))
		if (f.variant == "tag_truncated")
			lengths.insert(f.len);
	EXPECT_EQ(lengths.size(), 22u); // 0 to 21 bytes of the tag
}

TEST(FuzzGenerator, ReplayedProbesMutateOnlyTheTag)
{
	const Generator gen(37, context(true));
	const auto orig = captured_probe();
	std::set<std::string_view> variants;

	for (const Frame &f : frames_of(gen, Category::ReplayedProbe, 100)) {
		variants.insert(f.variant);
		const auto got = bytes_of(f);
		ASSERT_EQ(got.size(), orig.size());
		EXPECT_TRUE(std::equal(orig.begin(), orig.begin() + 44, got.begin()))
			<< f.variant << ": headers and magic unchanged";
		if (f.variant == "unchanged") {
			EXPECT_EQ(got, orig);
		} else {
			EXPECT_NE(got, orig) << f.variant;
		}
		if (f.variant == "origin_other") {
			// Another namespace's probe: only the origin differs.
			EXPECT_NE(origin(f), kOrigin);
			EXPECT_TRUE(std::equal(orig.begin() + 48, orig.end(), got.begin() + 48));
		} else {
			EXPECT_EQ(origin(f), kOrigin) << f.variant << ": the captured origin kept";
		}
		if (f.variant == "origin_kept") {
			// A forgery in the host's name: ifindex, seq and MAC made up.
			EXPECT_FALSE(std::equal(orig.begin() + 48, orig.end(), got.begin() + 48));
			EXPECT_FALSE(std::equal(orig.begin() + 56, orig.end(), got.begin() + 56))
				<< "the MAC made up";
		}
		if (f.variant == "seq_next") {
			EXPECT_EQ(be32(f, 52), 8u);
		}
		if (f.variant == "ifindex_next") {
			EXPECT_EQ(be32(f, 48), 3u);
		}
	}
	EXPECT_EQ(variants.size(), 10u);
}

TEST(FuzzGenerator, OddMacsAreOdd)
{
	const Generator gen(41, context());

	for (const Frame &f : frames_of(gen, Category::OddMac, 80)) {
		if (f.variant == "sha_broadcast") {
			EXPECT_EQ(sha(f), (Mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
		}
		if (f.variant == "sha_multicast") {
			EXPECT_TRUE(sha(f)[0] & 1);
		}
		if (f.variant == "sha_zero") {
			EXPECT_EQ(sha(f), Mac{});
		}
		if (f.variant == "reply_tha_broadcast") {
			EXPECT_EQ(be16(f, 20), 2);
			EXPECT_EQ(at<6>(f, 32), (Mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
		}
	}
}

TEST(FuzzGenerator, EthernetSourceIsTheClientOutsideOddMacsAndReplays)
{
	// Another source would teach a bridge to send the host's traffic to us.
	const Generator gen(43, context(true));
	Frame f;

	for (std::uint64_t i = 0; i < 20000; i++) {
		gen.generate(i, f);
		if (f.category == Category::ReplayedProbe || f.category == Category::ReplayedLive ||
		    f.variant == "eth_src_multicast" || f.variant == "eth_src_zero")
			continue;
		ASSERT_EQ(eth_src(f), kClient) << category_name(f.category) << "/" << f.variant;
		const bool live = f.category == Category::ForgedLive && f.variant != "live_old_arp";
		ASSERT_EQ(be16(f, 12), is_nd(f.category) ? 0x86dd : live ? 0x88b5 : 0x0806);
	}
}

TEST(FuzzGenerator, ValidFramesTargetTheHost)
{
	const Generator gen(47, context());

	for (const Frame &f : frames_of(gen, Category::Valid, 100)) {
		EXPECT_TRUE(f.len == 42 || f.len == 60);
		EXPECT_TRUE(be16(f, 20) == 1 || be16(f, 20) == 2);
		EXPECT_TRUE(is_host_ip(tpa(f)));
		EXPECT_FALSE(is_host_mac(sha(f)));
	}
}

TEST(FuzzGenerator, EmptyTargetsStillWork)
{
	FuzzContext ctx;
	ctx.client_mac = kClient;
	const Generator gen(53, ctx);
	Frame f;

	for (std::uint64_t i = 0; i < 5000; i++) {
		gen.generate(i, f);
		ASSERT_GE(f.len, 14u);
	}
}

TEST(FuzzGenerator, RejectsUnusableContexts)
{
	FuzzContext small = context();
	small.max_frame_len = 59;
	EXPECT_THROW(Generator(1, small), std::invalid_argument);

	FuzzContext short_replay = context(true);
	short_replay.replay[0].resize(59);
	EXPECT_THROW(Generator(1, short_replay), std::invalid_argument);

	FuzzContext short_live = context(true);
	short_live.replay_live[0].resize(43);
	EXPECT_THROW(Generator(1, short_live), std::invalid_argument);
}

// Liveness frames as a forger would make them: EtherType 0x88b5, the
// tag at byte 14 in the host's name (its origin, as captured) save for
// the other-origin variants, from the client's Ethernet address, unicast
// to a host adapter or broadcast, padded to 60 bytes; and the ARP-shaped
// liveness frame of earlier versions (magic 0xaf03).
TEST(FuzzGenerator, ForgedLivenessFramesAreNotArp)
{
	const Generator gen(67, context(true));
	std::map<std::string_view, int> variants;
	std::set<std::size_t> truncated;
	std::set<std::uint32_t> seqs, wild_origins, wild_pnets;
	int unicast = 0, broadcast = 0;

	for (const Frame &f : frames_of(gen, Category::ForgedLive, 10 * 60)) {
		variants[f.variant]++;
		EXPECT_EQ(eth_src(f), kClient) << f.variant;
		const Mac dst = at<6>(f, 0);
		if (f.variant == "live_old_arp") {
			EXPECT_EQ(be16(f, 12), 0x0806);
			EXPECT_EQ(be16(f, 20), 1) << "an ARP request";
			EXPECT_EQ(spa(f), (Ipv4{0, 0, 0, 0})) << "RFC 5227 sender 0.0.0.0";
			EXPECT_TRUE(is_host_ip(tpa(f)));
			EXPECT_TRUE(is_host_mac(dst));
			ASSERT_EQ(f.len, 64u);
			EXPECT_EQ(be16(f, 42), 0xaf03);
			EXPECT_EQ(origin(f), kOrigin);
			continue;
		}
		EXPECT_EQ(be16(f, 12), 0x88b5) << f.variant;
		EXPECT_TRUE(is_host_mac(dst) || dst == (Mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}))
			<< f.variant;
		unicast += is_host_mac(dst);
		broadcast += !is_host_mac(dst);
		if (f.variant == "live_truncated") {
			truncated.insert(f.len);
			EXPECT_LT(f.len, 44u);
			continue;
		}
		ASSERT_EQ(f.len, 60u) << f.variant;
		EXPECT_EQ(be16(f, 14), 0xaf04) << f.variant;
		EXPECT_TRUE(std::all_of(f.bytes.begin() + 44, f.bytes.begin() + 60,
					[](std::uint8_t b) { return b == 0; }))
			<< f.variant << ": zeroes after struct arpfo_live_frame";
		if (f.variant == "live_foreign" || f.variant == "live_origin_wild") {
			EXPECT_NE(live_origin(f), kOrigin);
		} else {
			EXPECT_EQ(live_origin(f), kOrigin) << f.variant;
		}
		if (f.variant == "live_origin_wild")
			wild_origins.insert(live_origin(f));
		if (f.variant == "live_seq_random")
			seqs.insert(be32(f, 24));
		if (f.variant == "live_pnet_wild")
			wild_pnets.insert(be32(f, 40));
		if (f.variant == "live_from_probe") {
			// The captured probe's tag under the liveness magic.
			const auto probe = captured_probe();
			EXPECT_TRUE(std::equal(probe.begin() + 44, probe.begin() + 64,
					       f.bytes.begin() + 16));
		}
		if (f.variant == "live_zero_fields") {
			EXPECT_EQ(be32(f, 20), 0u);
			EXPECT_EQ(be32(f, 24), 0u);
			EXPECT_EQ(be32(f, 36), 0u);
			EXPECT_EQ(be32(f, 40), 0u);
		}
	}
	for (auto v : {"live_ours", "live_foreign", "live_origin_wild", "live_truncated",
		       "live_seq_random", "live_ifindex_wild", "live_from_probe", "live_zero_fields",
		       "live_old_arp", "live_pnet_wild"})
		EXPECT_GT(variants[v], 0) << v;
	EXPECT_EQ(variants.size(), 10u);
	EXPECT_EQ(truncated.size(), 30u) << "0 to 29 bytes after the Ethernet header";
	for (std::uint32_t q : {0u, 1u, 2u, 0x7fffffffu, 0x80000000u, 0xffffffffu})
		EXPECT_EQ(seqs.count(q), 1u) << q;
	EXPECT_GT(seqs.size(), 6u) << "and random ones";
	for (std::uint32_t o : {0u, 1u, 0x7fffffffu, 0x80000000u, 0xffffffffu})
		EXPECT_EQ(wild_origins.count(o), 1u) << o;
	for (std::uint32_t p : {0u, 0x7fffffffu, 0x80000000u, 0xffffffffu})
		EXPECT_EQ(wild_pnets.count(p), 1u) << p;
	EXPECT_GT(unicast, broadcast);
	EXPECT_GT(broadcast, 0);
}

// Without a captured frame the forger guesses the origin, and has no
// probe to retag.
TEST(FuzzGenerator, ForgedLivenessFramesWithoutACapture)
{
	const Generator gen(71, context());
	std::set<std::uint32_t> origins;

	for (const Frame &f : frames_of(gen, Category::ForgedLive, 10 * 20)) {
		EXPECT_NE(f.variant, "live_from_probe");
		if (f.variant == "live_ours")
			origins.insert(live_origin(f));
	}
	EXPECT_GT(origins.size(), 15u);
}

TEST(FuzzGenerator, ReplayedLivenessFramesMutateOnlyTheTagOrAddresses)
{
	const Generator gen(73, context(true));
	const auto orig = captured_live();
	std::set<std::string_view> variants;

	for (const Frame &f : frames_of(gen, Category::ReplayedLive, 10 * 30)) {
		variants.insert(f.variant);
		const auto got = bytes_of(f);
		ASSERT_EQ(got.size(), orig.size());
		if (f.variant == "unchanged") {
			EXPECT_EQ(got, orig);
			continue;
		}
		EXPECT_NE(got, orig) << f.variant;
		EXPECT_TRUE(std::equal(orig.begin() + 12, orig.begin() + 14, got.begin() + 12))
			<< f.variant << ": EtherType kept";
		EXPECT_TRUE(std::equal(orig.begin() + 44, orig.end(), got.begin() + 44))
			<< f.variant << ": padding kept";
		if (f.variant == "broadcast") {
			EXPECT_EQ(at<6>(f, 0), (Mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
			EXPECT_TRUE(std::equal(orig.begin() + 6, orig.end(), got.begin() + 6));
			continue;
		}
		EXPECT_TRUE(std::equal(orig.begin(), orig.begin() + 6, got.begin()))
			<< f.variant << ": unicast to the sibling, as captured";
		if (f.variant == "sha_other") {
			EXPECT_NE(eth_src(f), kHostA);
			EXPECT_TRUE(std::equal(orig.begin() + 12, orig.end(), got.begin() + 12));
			continue;
		}
		EXPECT_TRUE(std::equal(orig.begin(), orig.begin() + 14, got.begin()))
			<< f.variant << ": only the tag or the fields after it changed";
		if (f.variant == "as_probe") {
			EXPECT_EQ(be16(f, 14), 0xaf02);
		} else {
			EXPECT_EQ(be16(f, 14), 0xaf04) << f.variant;
		}
		if (f.variant == "origin_other") {
			EXPECT_NE(live_origin(f), kOrigin);
		} else {
			EXPECT_EQ(live_origin(f), kOrigin) << f.variant;
		}
		if (f.variant == "seq_next") {
			EXPECT_EQ(be32(f, 24), 1001u);
		}
		if (f.variant == "seq_ahead") {
			EXPECT_GE(be32(f, 24), 1002u);
		}
		if (f.variant == "rx_or_pnet_other") {
			EXPECT_TRUE(be32(f, 36) != 3 || be32(f, 40) != 5);
			EXPECT_TRUE(std::equal(orig.begin() + 14, orig.begin() + 36, got.begin() + 14))
				<< "the tag kept";
		}
	}
	EXPECT_EQ(variants.size(), 10u);
}
