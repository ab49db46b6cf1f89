// SPDX-License-Identifier: GPL-2.0-only
// The ICMPv6 Neighbor Discovery categories of arpfo-fuzz: the frames are
// parsed here on their own (Ethernet, IPv6, extension headers, ICMPv6,
// options) and their checksums recomputed independently of the generator.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fuzz/generator.hpp"
#include "fuzz/nd_frame.hpp"

using namespace arpfo;
using namespace arpfo::fuzz;

namespace {

const Mac kClient{0x02, 0x00, 0x00, 0x00, 0x0c, 0x00};
const Mac kHostA{0x02, 0x00, 0x00, 0x00, 0x01, 0x00};
const Mac kHostB{0x02, 0x00, 0x00, 0x00, 0x01, 0x01};
const Ipv6 kIp6A{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
const Ipv6 kIp6B{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
const Ipv6 kUnrelated6{0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
const Ipv6 kAny{};
const Ipv6 kLoopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
const Ipv6 kAllNodes{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
// fe80::ff:fe00:100 and fe80::ff:fe00:101: the EUI-64 link-local
// addresses of host A and B.
const Ipv6 kLinkLocalA{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0, 0x01, 0x00};
const Ipv6 kLinkLocalB{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0, 0x01, 0x01};

constexpr std::array<Category, 4> kNdCategories{Category::NdValid, Category::NdBadHeader,
						Category::NdBadOptions, Category::NdSpoof};

FuzzContext context(bool with_replay = false)
{
	FuzzContext ctx;
	ctx.host_macs = {kHostA, kHostB};
	ctx.host_ips = {Ipv4{10, 0, 0, 1}, Ipv4{10, 0, 0, 2}};
	ctx.host_ip6s = {kIp6A, kIp6B};
	ctx.client_mac = kClient;
	if (with_replay) {
		// Any frame with the probe magic at byte 42 does.
		std::vector<std::uint8_t> probe(64, 0);
		probe[12] = 0x08;
		probe[13] = 0x06;
		probe[42] = 0xaf;
		probe[43] = 0x02;
		ctx.replay = {probe};
		probe[43] = 0x03;
		ctx.replay_live = {probe};
	}
	return ctx;
}

std::uint16_t be16(std::span<const std::uint8_t> b, std::size_t off)
{
	return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

template <std::size_t N> std::array<std::uint8_t, N> at(const Frame &f, std::size_t off)
{
	std::array<std::uint8_t, N> out{};
	std::copy_n(f.bytes.begin() + static_cast<std::ptrdiff_t>(off), N, out.begin());
	return out;
}

bool is_host_mac(const Mac &m) { return m == kHostA || m == kHostB; }
bool is_host_ip6(const Ipv6 &a) { return a == kIp6A || a == kIp6B; }

// What this test reads of an ND frame, on its own terms.
struct Nd {
	std::uint8_t version = 0;
	std::size_t payload_len = 0; // as claimed
	std::uint8_t hop_limit = 0;
	Ipv6 src{}, dst{};
	std::vector<std::uint8_t> ext;	// protocol numbers of the extension headers
	std::optional<std::uint16_t> frag; // offset and M bit of a fragment header
	bool complete = false;		// the frame holds the claimed payload
	std::size_t icmp_off = 0;	// 0: no ICMPv6 header found
	std::size_t icmp_len = 0;	// as the payload length says
	std::uint8_t type = 0, code = 0;
	std::uint32_t flags = 0;
	Ipv6 target{};
	std::vector<std::uint8_t> options;
};

Nd parse(const Frame &f)
{
	Nd p;
	const auto b = f.data();

	if (b.size() < 54)
		return p;
	p.version = b[14] >> 4;
	p.payload_len = be16(b, 18);
	p.hop_limit = b[21];
	std::copy_n(b.begin() + 22, 16, p.src.begin());
	std::copy_n(b.begin() + 38, 16, p.dst.begin());
	p.complete = 54 + p.payload_len <= b.size();

	std::uint8_t next = b[20];
	std::size_t off = 54;
	while (next != 58) {
		if (off + 8 > b.size())
			return p;
		std::size_t len = 8;
		if (next == 0 || next == 60 || next == 43)
			len = (b[off + 1] + 1u) * 8;
		else if (next == 44)
			p.frag = be16(b, off + 2);
		else
			return p;
		p.ext.push_back(next);
		next = b[off];
		off += len;
	}
	// An ICMPv6 header, as far as the payload length goes.
	if (off + 4 > b.size() || 54 + p.payload_len < off + 4)
		return p;
	p.icmp_off = off;
	p.icmp_len = 54 + p.payload_len - off;
	p.type = b[off];
	p.code = b[off + 1];
	if (off + 24 <= b.size() && p.icmp_len >= 24) {
		p.flags = static_cast<std::uint32_t>(be16(b, off + 4)) << 16 | be16(b, off + 6);
		std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(off + 8), 16, p.target.begin());
		const std::size_t end = std::min(b.size(), off + p.icmp_len);
		p.options.assign(b.begin() + static_cast<std::ptrdiff_t>(off + 24),
				 b.begin() + static_cast<std::ptrdiff_t>(end));
	}
	return p;
}

// RFC 4443 2.3: the one's-complement sum over the pseudo-header and the
// message, checksum included, is all ones.
bool checksum_ok(const Frame &f, const Nd &p)
{
	std::uint32_t sum = 0;
	const auto add = [&sum](std::span<const std::uint8_t> bytes) {
		for (std::size_t i = 0; i < bytes.size(); i += 2)
			sum += static_cast<std::uint32_t>(bytes[i]) << 8 |
			       (i + 1 < bytes.size() ? bytes[i + 1] : 0u);
	};

	add(p.src);
	add(p.dst);
	sum += static_cast<std::uint32_t>(p.icmp_len);
	sum += 58;
	add(f.data().subspan(p.icmp_off, p.icmp_len));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

enum class Walk { Ok, ZeroLength, Overrun, Short };

// The option list as Linux's ndisc_parse_options() walks it.
Walk walk_options(const std::vector<std::uint8_t> &opts,
		  std::vector<std::pair<std::uint8_t, std::uint8_t>> *seen = nullptr)
{
	std::size_t off = 0;

	while (off < opts.size()) {
		if (opts.size() - off < 2)
			return Walk::Short;
		const std::size_t len = opts[off + 1] * 8u;
		if (len == 0)
			return Walk::ZeroLength;
		if (len > opts.size() - off)
			return Walk::Overrun;
		if (seen)
			seen->emplace_back(opts[off], opts[off + 1]);
		off += len;
	}
	return Walk::Ok;
}

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

std::vector<std::uint8_t> bytes_of(const Frame &f)
{
	return {f.data().begin(), f.data().end()};
}

Ipv6 solicited_node(const Ipv6 &a)
{
	return Ipv6{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, a[13], a[14], a[15]};
}

// The variants whose IPv6 header or length is meant to be broken.
bool broken_ip6(std::string_view v)
{
	return v.starts_with("version_") || v == "payload_len_long" || v == "frame_cut";
}

} // namespace

// A solicitation that tests/nd_tool.py builds (2001:db8::100 asks for
// 2001:db8::1 through its solicited-node group, source link-layer option
// 02:00:00:00:0c:00; checksum 0x0f2b), byte for byte.
TEST(FuzzNd, WritesWhatNdToolWrites)
{
	const std::vector<std::uint8_t> want{
		0x33, 0x33, 0xff, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x86, 0xdd,
		0x60, 0x00, 0x00, 0x00, 0x00, 0x20, 0x3a, 0xff, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xff, 0x02, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xff, 0x00, 0x00, 0x01, 0x87, 0x00,
		0x0f, 0x2b, 0x00, 0x00, 0x00, 0x00, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00,
		0x0c, 0x00,
	};
	detail::NdFields n;
	n.eth_src = kClient;
	n.src = Ipv6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00};
	n.target = kIp6A;
	detail::to_group(n);
	n.options = detail::lladdr_option(detail::kOptSourceLl, kClient);
	Frame f;
	detail::write_nd(f, n, kMaxFrameLen);
	EXPECT_EQ(bytes_of(f), want);

	const Nd p = parse(f);
	EXPECT_TRUE(checksum_ok(f, p));
	f.bytes[57] ^= 1;
	EXPECT_FALSE(checksum_ok(f, p));
}

TEST(FuzzNd, BadChecksumsAreNeverRightInAnyForm)
{
	using detail::BadChecksum;

	for (const BadChecksum how : {BadChecksum::Zero, BadChecksum::AllOnes, BadChecksum::OffByOne,
				      BadChecksum::Swapped, BadChecksum::Random}) {
		Rng rng(5, static_cast<std::uint64_t>(how));
		for (int i = 0; i < 3000; i++) {
			detail::NdFields n;
			n.eth_src = kClient;
			rng.fill(n.src);
			n.target = kIp6B;
			detail::to_group(n);
			n.options.resize(8 * rng.between(0, 3));
			rng.fill(n.options);
			n.bad_checksum = how;
			n.checksum_noise = static_cast<std::uint16_t>(rng.below(3)); // 0 too
			Frame f;
			detail::write_nd(f, n, kMaxFrameLen);
			ASSERT_FALSE(checksum_ok(f, parse(f))) << i;
		}
	}
}

TEST(FuzzNd, EveryNdCategoryTakesItsTurn)
{
	for (bool replay : {false, true}) {
		const Generator gen(3, context(replay));
		const std::size_t ncat = gen.categories().size();
		std::map<Category, int> seen;
		Frame f;

		for (Category c : kNdCategories)
			EXPECT_EQ(std::count(gen.categories().begin(), gen.categories().end(), c), 1)
				<< category_name(c);
		for (std::uint64_t i = 0; i < 50 * ncat; i++) {
			gen.generate(i, f);
			seen[f.category]++;
		}
		for (Category c : kNdCategories)
			EXPECT_EQ(seen[c], 50) << category_name(c);
	}
	// With a replay file, as make fuzz runs it: 4 of 16, a quarter.
	EXPECT_EQ(Generator(3, context(true)).categories().size(), 16u);
	EXPECT_EQ(category_name(Category::NdValid), "nd_valid");
	EXPECT_EQ(category_name(Category::NdBadHeader), "nd_bad_header");
	EXPECT_EQ(category_name(Category::NdBadOptions), "nd_bad_options");
	EXPECT_EQ(category_name(Category::NdSpoof), "nd_spoof");
	for (Category c : kAllCategories)
		EXPECT_EQ(is_nd(c), std::find(kNdCategories.begin(), kNdCategories.end(), c) !=
					    kNdCategories.end());
}

TEST(FuzzNd, EveryVariantOccurs)
{
	const std::map<Category, std::set<std::string_view>> want{
		{Category::NdValid,
		 {"ns_multicast", "ns_unicast", "ns_no_option", "ns_link_local_source",
		  "na_solicited", "ns_unrelated"}},
		{Category::NdBadHeader,
		 {"hop_0",	       "hop_1",		  "hop_64",
		  "hop_254",	       "hop_random",	  "code_1",
		  "code_255",	       "code_random",	  "csum_zero",
		  "csum_all_ones",     "csum_off_by_one", "csum_swapped",
		  "csum_random",       "version_4",	  "version_random",
		  "flow_random",       "payload_len_long", "payload_len_short",
		  "payload_len_zero",  "icmp_short",	  "frame_cut",
		  "trailer",	       "ext_hop_by_hop",  "ext_dst_opts",
		  "ext_fragment_atomic", "ext_fragment_first", "ext_routing",
		  "ext_chain",	       "src_multicast",	  "src_loopback",
		  "dst_loopback",      "dst_scope_0",	  "dst_interface_local",
		  "dst_all_nodes",     "dst_other_group"}},
		{Category::NdBadOptions,
		 {"opt_zero_length", "opt_zero_length_later", "opt_odd_tail", "opt_overrun",
		  "opt_overrun_later", "opt_huge", "opt_many_small", "sllao_long",
		  "sllao_duplicate", "sllao_odd_mac", "tllao_in_ns", "nonce", "unknown_types",
		  "random_options", "na_tllao_zero_length", "na_tllao_long", "na_overrun",
		  "na_random_options"}},
		{Category::NdSpoof,
		 {"dad_probe", "dad_probe_sllao", "dad_probe_nonce", "dad_probe_unicast",
		  "na_override", "na_override_unicast", "na_solicited_multicast", "na_replica",
		  "na_no_option", "na_router", "ns_from_host_address", "ns_from_host_mac",
		  "ns_from_host_link_local", "target_multicast", "target_unspecified",
		  "target_link_local", "target_loopback", "target_v4_mapped"}},
	};
	const Generator gen(9, context());

	for (const auto &[c, names] : want) {
		std::set<std::string_view> got;
		for (const Frame &f : frames_of(gen, c, names.size()))
			got.insert(f.variant);
		EXPECT_EQ(got, names) << category_name(c) << ": one round shows each once";
	}
}

TEST(FuzzNd, SameSeedSameFramesInAnyOrder)
{
	const Generator a(42, context(true));
	const Generator b(42, context(true));
	const Generator other(43, context(true));
	std::vector<std::vector<std::uint8_t>> forward;
	Frame fa, fb;
	int differ = 0, nd = 0;

	for (std::uint64_t i = 0; i < 4000; i++) {
		a.generate(i, fa);
		forward.push_back(bytes_of(fa));
	}
	for (std::uint64_t i = 4000; i-- > 0;) {
		b.generate(i, fb);
		ASSERT_EQ(bytes_of(fb), forward[i]) << "frame " << i;
		if (!is_nd(fb.category))
			continue;
		nd++;
		other.generate(i, fa);
		ASSERT_EQ(fa.category, fb.category);
		differ += bytes_of(fa) != bytes_of(fb);
	}
	EXPECT_EQ(nd, 1000);
	// Bar a few without a random field (a DAD probe names only its target).
	EXPECT_GT(differ, 900) << "another seed, other frames";
}

TEST(FuzzNd, FramesAreEthernetIpv6FromTheClient)
{
	for (std::uint64_t seed : {1ull, 77ull}) {
		const Generator gen(seed, context());

		for (Category c : kNdCategories)
			for (const Frame &f : frames_of(gen, c, 1500)) {
				const std::string what =
					std::string(category_name(c)) + "/" + std::string(f.variant);
				ASSERT_GE(f.len, 14u) << what;
				ASSERT_LE(f.len, kMaxFrameLen) << what;
				EXPECT_EQ(be16(f.data(), 12), 0x86dd) << what;
				EXPECT_EQ(at<6>(f, 6), kClient) << what;
				if (broken_ip6(f.variant))
					continue;
				const Nd p = parse(f);
				ASSERT_EQ(p.version, 6) << what;
				ASSERT_TRUE(p.complete) << what << ": the frame holds the payload";
				// Beyond it: nothing, zero padding to 60 bytes, or meant.
				const std::size_t end = 54 + p.payload_len;
				if (f.variant != "trailer" && f.variant != "payload_len_short" &&
				    f.variant != "payload_len_zero" && f.len > end) {
					EXPECT_EQ(f.len, 60u) << what;
					for (std::size_t i = end; i < f.len; i++)
						EXPECT_EQ(f.bytes[i], 0) << what;
				}
				if (!f.variant.starts_with("ext_")) {
					EXPECT_TRUE(p.ext.empty()) << what;
					EXPECT_EQ(f.bytes[20], 58) << what << ": ICMPv6 right after";
				}
				if (p.icmp_off == 0)
					continue; // payload_len_zero, icmp_short of 0..3
				EXPECT_TRUE(p.type == 135 || p.type == 136) << what;
				if (!f.variant.starts_with("code_")) {
					EXPECT_EQ(p.code, 0) << what;
				}
				if (!f.variant.starts_with("hop_")) {
					EXPECT_EQ(p.hop_limit, 255) << what;
				}
				// Multicast goes to its 33:33 group MAC (RFC 2464 7).
				if (p.dst[0] == 0xff) {
					EXPECT_EQ(at<6>(f, 0), (Mac{0x33, 0x33, p.dst[12], p.dst[13],
								    p.dst[14], p.dst[15]}))
						<< what;
				} else {
					EXPECT_TRUE(is_host_mac(at<6>(f, 0))) << what;
				}
			}
	}
}

// Right unless the point is a wrong one, so that the frames get past the
// checksum check to the ND parsers.
TEST(FuzzNd, ChecksumRightUnlessMeantWrong)
{
	const Generator gen(11, context());
	std::map<Category, int> checked;
	int bad = 0;

	for (Category c : kNdCategories)
		for (const Frame &f : frames_of(gen, c, 2000)) {
			const Nd p = parse(f);
			if (broken_ip6(f.variant) || !p.complete || p.icmp_off == 0)
				continue;
			if (f.variant.starts_with("csum_")) {
				EXPECT_FALSE(checksum_ok(f, p)) << f.variant;
				bad++;
			} else {
				ASSERT_TRUE(checksum_ok(f, p))
					<< category_name(c) << "/" << f.variant;
				checked[c]++;
			}
		}
	EXPECT_EQ(checked[Category::NdValid], 2000);
	EXPECT_EQ(checked[Category::NdBadOptions], 2000);
	EXPECT_EQ(checked[Category::NdSpoof], 2000);
	EXPECT_GT(checked[Category::NdBadHeader], 1400);
	EXPECT_GT(bad, 5 * 50);
}

TEST(FuzzNd, ValidFramesSolicitTheHost)
{
	const Generator gen(13, context());

	for (const Frame &f : frames_of(gen, Category::NdValid, 600)) {
		const Nd p = parse(f);
		std::vector<std::pair<std::uint8_t, std::uint8_t>> opts;
		ASSERT_EQ(walk_options(p.options, &opts), Walk::Ok) << f.variant;
		EXPECT_NE(p.src, kAny);
		EXPECT_FALSE(is_host_ip6(p.src)) << f.variant << ": a stranger";
		EXPECT_EQ(p.icmp_len, 24 + p.options.size());
		if (f.variant == "na_solicited") {
			EXPECT_EQ(p.type, 136);
			EXPECT_TRUE(p.flags & detail::kNaSolicited);
			EXPECT_EQ(p.target, p.src);
			EXPECT_TRUE(is_host_ip6(p.dst));
			EXPECT_TRUE(is_host_mac(at<6>(f, 0)));
			ASSERT_EQ(opts.size(), 1u);
			EXPECT_EQ(opts[0], (std::pair<std::uint8_t, std::uint8_t>{2, 1}));
			continue;
		}
		EXPECT_EQ(p.type, 135) << f.variant;
		EXPECT_EQ(p.flags, 0u);
		if (f.variant == "ns_unrelated") {
			EXPECT_EQ(p.target, kUnrelated6);
		} else {
			EXPECT_TRUE(is_host_ip6(p.target)) << f.variant;
		}
		if (f.variant == "ns_unicast" || f.variant == "ns_no_option") {
			EXPECT_EQ(p.dst, p.target);
			EXPECT_TRUE(is_host_mac(at<6>(f, 0)));
		}
		if (f.variant == "ns_multicast" || f.variant == "ns_unrelated") {
			EXPECT_EQ(p.dst, solicited_node(p.target));
			EXPECT_EQ(at<6>(f, 0), (Mac{0x33, 0x33, 0xff, p.target[13], p.target[14],
						    p.target[15]}));
		}
		if (f.variant == "ns_link_local_source") {
			EXPECT_EQ(p.src[0], 0xfe);
			EXPECT_EQ(p.src[1], 0x80);
		}
		if (f.variant == "ns_no_option") {
			EXPECT_TRUE(opts.empty());
		} else {
			ASSERT_EQ(opts.size(), 1u) << f.variant;
			EXPECT_EQ(opts[0], (std::pair<std::uint8_t, std::uint8_t>{1, 1}));
			Mac sll;
			std::copy_n(p.options.begin() + 2, 6, sll.begin());
			EXPECT_FALSE(is_host_mac(sll));
			EXPECT_FALSE(sll[0] & 1) << "a unicast MAC";
		}
	}
}

TEST(FuzzNd, HeaderVariantsBreakWhatTheySay)
{
	const Generator gen(17, context());
	std::set<std::uint8_t> hops, codes;
	int na = 0;

	for (const Frame &f : frames_of(gen, Category::NdBadHeader, 35 * 40)) {
		const std::string_view v = f.variant;
		const Nd p = parse(f);
		na += p.icmp_off && p.type == 136;
		if (v.starts_with("hop_")) {
			EXPECT_NE(p.hop_limit, 255);
			hops.insert(p.hop_limit);
		}
		if (v.starts_with("code_")) {
			EXPECT_NE(p.code, 0);
			codes.insert(p.code);
		}
		if (v.starts_with("version_")) {
			EXPECT_NE(p.version, 6);
		}
		if (v == "flow_random") {
			EXPECT_EQ(p.version, 6);
		}
		if (v == "payload_len_long") {
			EXPECT_FALSE(p.complete);
		}
		if (v == "frame_cut") {
			EXPECT_FALSE(p.complete);
			EXPECT_LT(f.len, 54u + 24u);
		}
		if (v == "payload_len_short") {
			EXPECT_GT(f.len, 54 + p.payload_len) << "the message is longer";
		}
		if (v == "payload_len_zero") {
			EXPECT_EQ(p.payload_len, 0u);
		}
		if (v == "icmp_short") {
			EXPECT_LT(p.payload_len, 24u);
			EXPECT_TRUE(p.complete);
		}
		if (v == "trailer") {
			EXPECT_GT(f.len, 54 + p.payload_len);
		}
		if (v == "ext_hop_by_hop") {
			EXPECT_EQ(p.ext, std::vector<std::uint8_t>{0});
		}
		if (v == "ext_dst_opts") {
			EXPECT_EQ(p.ext, std::vector<std::uint8_t>{60});
		}
		if (v == "ext_routing") {
			EXPECT_EQ(p.ext, std::vector<std::uint8_t>{43});
		}
		if (v == "ext_fragment_atomic") {
			EXPECT_EQ(p.ext, std::vector<std::uint8_t>{44});
			EXPECT_EQ(p.frag, 0) << "offset 0, no more fragments";
		}
		if (v == "ext_fragment_first") {
			EXPECT_EQ(p.ext, std::vector<std::uint8_t>{44});
			EXPECT_EQ(p.frag, 1) << "offset 0, more fragments";
		}
		if (v == "ext_chain") {
			EXPECT_EQ(p.ext, (std::vector<std::uint8_t>{0, 60, 44}));
		}
		if (v.starts_with("ext_")) {
			EXPECT_NE(p.icmp_off, 0u) << v << ": ICMPv6 after the chain";
			EXPECT_EQ(p.icmp_len, 24 + p.options.size());
		}
		if (v == "src_multicast") {
			EXPECT_EQ(p.src[0], 0xff);
		}
		if (v == "src_loopback") {
			EXPECT_EQ(p.src, kLoopback);
		}
		if (v == "dst_loopback") {
			EXPECT_EQ(p.dst, kLoopback);
		}
		if (v == "dst_scope_0" || v == "dst_interface_local") {
			EXPECT_EQ(p.dst[0], 0xff);
			EXPECT_EQ(p.dst[1], v == "dst_scope_0" ? 0x00 : 0x01);
			EXPECT_TRUE(std::equal(p.dst.begin() + 2, p.dst.begin() + 13,
					       solicited_node(p.target).begin() + 2));
		}
		if (v == "dst_all_nodes") {
			EXPECT_EQ(p.dst, kAllNodes);
		}
		if (v == "dst_other_group") {
			EXPECT_NE(p.dst, solicited_node(p.target));
			EXPECT_EQ(p.dst[12], 0xff);
		}
	}
	for (int h : {0, 1, 64, 254})
		EXPECT_EQ(hops.count(static_cast<std::uint8_t>(h)), 1u) << h;
	EXPECT_GT(hops.size(), 10u) << "and random ones";
	EXPECT_EQ(codes.count(1), 1u);
	EXPECT_EQ(codes.count(255), 1u);
	EXPECT_GT(na, 35 * 40 / 8) << "advertisements too";
	EXPECT_LT(na, 35 * 40 / 2);
}

TEST(FuzzNd, OptionVariantsBreakWhatTheySay)
{
	const Generator gen(19, context());
	std::size_t most_options = 0;

	for (const Frame &f : frames_of(gen, Category::NdBadOptions, 18 * 40)) {
		const std::string_view v = f.variant;
		const Nd p = parse(f);
		std::vector<std::pair<std::uint8_t, std::uint8_t>> opts;
		const Walk w = walk_options(p.options, &opts);

		ASSERT_TRUE(p.complete) << v;
		EXPECT_EQ(p.icmp_len, 24 + p.options.size()) << v;
		EXPECT_EQ(p.type, v.starts_with("na_") ? 136 : 135) << v;
		if (v == "opt_zero_length" || v == "opt_zero_length_later" ||
		    v == "na_tllao_zero_length") {
			EXPECT_EQ(w, Walk::ZeroLength) << v;
		}
		if (v == "opt_overrun" || v == "opt_overrun_later" || v == "opt_huge" ||
		    v == "na_overrun") {
			EXPECT_EQ(w, Walk::Overrun) << v;
		}
		if (v == "opt_huge") {
			EXPECT_TRUE(std::find(p.options.begin(), p.options.end(), 255) !=
				    p.options.end());
		}
		if (v == "opt_odd_tail") {
			EXPECT_NE(w, Walk::Ok);
			EXPECT_NE(p.options.size() % 8, 0u);
		}
		if (v == "opt_many_small") {
			EXPECT_EQ(w, Walk::Ok);
			EXPECT_GE(opts.size(), 2u);
			for (const auto &o : opts)
				EXPECT_EQ(o.second, 1);
			most_options = std::max(most_options, opts.size());
		}
		if (v == "unknown_types" || v == "nonce" || v == "sllao_duplicate" ||
		    v == "sllao_odd_mac" || v == "tllao_in_ns" || v == "sllao_long" ||
		    v == "na_tllao_long") {
			EXPECT_EQ(w, Walk::Ok) << v;
		}
		if (v == "sllao_long") {
			ASSERT_EQ(opts.size(), 1u);
			EXPECT_EQ(opts[0].first, 1);
			EXPECT_GE(opts[0].second, 2) << "longer than Ethernet's 8 bytes";
		}
		if (v == "na_tllao_long") {
			ASSERT_EQ(opts.size(), 1u);
			EXPECT_EQ(opts[0].first, 2);
			EXPECT_GE(opts[0].second, 2);
		}
		if (v == "sllao_duplicate") {
			EXPECT_EQ(opts, (std::vector<std::pair<std::uint8_t, std::uint8_t>>{{1, 1},
											   {1, 1}}));
			EXPECT_FALSE(std::equal(p.options.begin() + 2, p.options.begin() + 8,
						p.options.begin() + 10))
				<< "two MACs";
		}
		if (v == "sllao_odd_mac") {
			EXPECT_TRUE(p.options[2] & 1 || std::all_of(p.options.begin() + 2,
								      p.options.begin() + 8,
								      [](auto b) { return b == 0; }));
		}
		if (v == "tllao_in_ns") {
			EXPECT_EQ(opts, (std::vector<std::pair<std::uint8_t, std::uint8_t>>{{2, 1}}));
		}
		if (v == "nonce") {
			ASSERT_EQ(opts.size(), 2u);
			EXPECT_EQ(opts[1], (std::pair<std::uint8_t, std::uint8_t>{14, 1}));
		}
	}
	// Every fourth round fills the frame: 179 options in 1,514 bytes.
	EXPECT_EQ(most_options, (kMaxFrameLen - 78) / 8);
}

TEST(FuzzNd, SpoofVariantsClaimWhatTheySay)
{
	const Generator gen(23, context());
	std::set<Ipv6> link_local_targets;

	for (const Frame &f : frames_of(gen, Category::NdSpoof, 18 * 30)) {
		const std::string_view v = f.variant;
		const Nd p = parse(f);
		std::vector<std::pair<std::uint8_t, std::uint8_t>> opts;

		ASSERT_TRUE(p.complete) << v;
		ASSERT_EQ(walk_options(p.options, &opts), Walk::Ok) << v;
		EXPECT_EQ(p.type, v.starts_with("na_") ? 136 : 135) << v;
		if (v.starts_with("dad_probe")) {
			EXPECT_EQ(p.src, kAny);
			EXPECT_TRUE(is_host_ip6(p.target));
		}
		if (v == "dad_probe") {
			EXPECT_TRUE(opts.empty());
			EXPECT_EQ(p.dst, solicited_node(p.target));
		}
		if (v == "dad_probe_sllao") {
			EXPECT_EQ(opts, (std::vector<std::pair<std::uint8_t, std::uint8_t>>{{1, 1}}));
		}
		if (v == "dad_probe_nonce") {
			EXPECT_EQ(opts, (std::vector<std::pair<std::uint8_t, std::uint8_t>>{{14, 1}}));
		}
		if (v == "dad_probe_unicast") {
			EXPECT_EQ(p.dst, p.target);
			EXPECT_TRUE(is_host_mac(at<6>(f, 0)));
		}
		if (v.starts_with("na_")) {
			EXPECT_TRUE(is_host_ip6(p.target)) << v;
			EXPECT_TRUE(p.flags & detail::kNaOverride) << v;
			EXPECT_EQ(p.flags & detail::kNaSolicited,
				  v == "na_solicited_multicast" ? detail::kNaSolicited : 0u)
				<< v;
			EXPECT_EQ((p.flags & detail::kNaRouter) != 0, v == "na_router");
			if (v == "na_no_option") {
				EXPECT_TRUE(opts.empty());
			} else {
				ASSERT_EQ(opts.size(), 1u) << v;
				EXPECT_EQ(opts[0].first, 2) << v << ": target link-layer option";
				Mac tll;
				std::copy_n(p.options.begin() + 2, 6, tll.begin());
				EXPECT_EQ(is_host_mac(tll), v == "na_replica") << v;
			}
			if (v == "na_override_unicast") {
				EXPECT_TRUE(is_host_ip6(p.dst));
			} else {
				EXPECT_EQ(p.dst, kAllNodes) << v;
			}
		}
		if (v == "ns_from_host_address") {
			EXPECT_TRUE(is_host_ip6(p.src));
		}
		if (v == "ns_from_host_mac") {
			Mac sll;
			std::copy_n(p.options.begin() + 2, 6, sll.begin());
			EXPECT_TRUE(is_host_mac(sll));
		}
		if (v == "ns_from_host_link_local") {
			EXPECT_TRUE(p.src == kLinkLocalA || p.src == kLinkLocalB);
		}
		if (v.starts_with("target_") && v != "target_link_local") {
			EXPECT_TRUE(is_host_ip6(p.dst) || p.dst[0] == 0xff);
		}
		if (v == "target_multicast") {
			EXPECT_EQ(p.target[0], 0xff);
		}
		if (v == "target_unspecified") {
			EXPECT_EQ(p.target, kAny);
		}
		if (v == "target_loopback") {
			EXPECT_EQ(p.target, kLoopback);
		}
		if (v == "target_v4_mapped") {
			EXPECT_TRUE(p.target == (Ipv6{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0,
						      0, 1}) ||
				    p.target == (Ipv6{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0,
						      0, 2}));
		}
		if (v == "target_link_local") {
			link_local_targets.insert(p.target);
			EXPECT_EQ(p.dst, solicited_node(p.target));
		}
	}
	EXPECT_EQ(link_local_targets, (std::set<Ipv6>{kLinkLocalA, kLinkLocalB}));
}

// Without IPv6 targets, random addresses stand in; at the smallest MTU
// every frame still fits.
TEST(FuzzNd, EmptyTargetsAndTheSmallestFrames)
{
	FuzzContext none;
	none.client_mac = kClient;
	FuzzContext tiny = context();
	tiny.max_frame_len = 60;

	for (const FuzzContext &ctx : {none, tiny}) {
		const Generator gen(29, ctx);
		for (Category c : kNdCategories)
			for (const Frame &f : frames_of(gen, c, 500)) {
				ASSERT_GE(f.len, 14u);
				ASSERT_LE(f.len, ctx.max_frame_len) << f.variant;
			}
	}
}
