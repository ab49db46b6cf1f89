// SPDX-License-Identifier: GPL-2.0-only
// Categories aimed at discovery: forged_probe (tags made up, broken or
// misplaced) and replayed_probe (captured genuine probes sent again).
#include <algorithm>
#include <array>
#include <cstddef>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {
namespace {

// The fields of struct arpfo_probe_tag (<linux/arp_failover_probe.h>),
// in host byte order; tag_bytes() lays them out as the header does.
struct Tag {
	std::uint16_t magic = kProbeMagic;
	std::uint32_t ifindex = 0;
	std::uint32_t seq = 0;
	std::array<std::uint8_t, sizeof(arpfo_probe_tag::mac)> mac{};
};

constexpr std::size_t kTagIfindexOff = offsetof(arpfo_probe_tag, ifindex);
constexpr std::size_t kTagSeqOff = offsetof(arpfo_probe_tag, seq);
constexpr std::size_t kTagMacOff = offsetof(arpfo_probe_tag, mac);
static_assert(offsetof(arpfo_probe_tag, magic) == 0);

std::array<std::uint8_t, kTagLen> tag_bytes(const Tag &t)
{
	Frame scratch;

	put_be16(scratch, 0, t.magic);
	put_be32(scratch, kTagIfindexOff, t.ifindex);
	put_be32(scratch, kTagSeqOff, t.seq);
	put_bytes(scratch, kTagMacOff, t.mac);

	std::array<std::uint8_t, kTagLen> out;
	std::copy_n(scratch.bytes.begin(), kTagLen, out.begin());
	return out;
}

// What a forger would guess: a small ifindex, a young sequence number.
Tag plausible_tag(Rng &rng)
{
	Tag t;

	t.ifindex = static_cast<std::uint32_t>(rng.between(1, 32));
	t.seq = rng.one_in(2) ? static_cast<std::uint32_t>(rng.between(1, 4096)) : rng.u32();
	rng.fill(t.mac);
	return t;
}

std::uint32_t load_be32(const Frame &f, std::size_t off)
{
	return static_cast<std::uint32_t>(f.bytes[off]) << 24 |
	       static_cast<std::uint32_t>(f.bytes[off + 1]) << 16 |
	       static_cast<std::uint32_t>(f.bytes[off + 2]) << 8 | f.bytes[off + 3];
}

} // namespace

void make_forged_probe(const CaseInput &in, Frame &f)
{
	const std::uint64_t variant = in.ordinal % 8;
	const std::uint64_t round = in.ordinal / 8;
	// In an adapter's name, mostly: those are the ones the module reports.
	// Variant 1 is another arp_failover host's probe, as far as anyone
	// can tell: consumed quietly.
	const bool ours = variant == 0 || (variant != 1 && !in.rng.one_in(4));
	const Mac sha = ours ? host_mac(in) : random_unicast_mac(in.rng);
	Tag t = plausible_tag(in.rng);
	std::size_t tag_off = kTagOffset;
	std::size_t tag_len = kTagLen;

	write_arp(f, probe_shape(in, sha));
	switch (variant) {
	case 0:
		f.variant = "tag_ours";
		break;
	case 1:
		f.variant = "tag_foreign";
		break;
	case 2: {
		static constexpr std::array<std::uint32_t, 4> kWild{0, 0x7fffffff, 0x80000000,
								    0xffffffff};
		t.ifindex = round % 5 < kWild.size() ? kWild[round % 5] : in.rng.u32();
		f.variant = "tag_ifindex_wild";
		break;
	}
	case 3: {
		static constexpr std::array<std::uint16_t, 5> kWrong{0x01af, 0xaf00, 0xaf02, 0x0000,
								     0xffff};
		const std::uint16_t r = in.rng.u16();
		t.magic = round % 6 < kWrong.size() ? kWrong[round % 6]
						    : (r == kProbeMagic ? 0 : r);
		f.variant = "wrong_magic";
		break;
	}
	case 4: // the padding ends inside the tag
		tag_len = round % kTagLen;
		f.variant = "tag_truncated";
		break;
	case 5: // zeroes, then the tag: not where the module reads it
		tag_off = kTagOffset + 1 + round % kTagLen;
		f.variant = "tag_offset";
		break;
	case 6:
		t.ifindex = 0;
		t.seq = 0;
		t.mac = {};
		f.variant = "tag_zero_fields";
		break;
	default: {
		static constexpr std::array<std::uint32_t, 3> kEdge{1, 0x80000000, 0xffffffff};
		t.seq = kEdge[round % kEdge.size()];
		f.variant = "tag_seq_edge";
		break;
	}
	}
	pad_zero(f, tag_off);
	const auto tag = tag_bytes(t);
	put_bytes(f, tag_off, std::span(tag).first(tag_len));
	f.len = tag_off + tag_len;
}

void make_replayed_probe(const CaseInput &in, Frame &f)
{
	const auto &orig = in.ctx.replay[(in.ordinal / 8) % in.ctx.replay.size()];
	const std::size_t ifindex_at = kTagOffset + kTagIfindexOff;
	const std::size_t seq_at = kTagOffset + kTagSeqOff;

	put_bytes(f, 0, orig);
	f.len = orig.size();

	const std::uint32_t ifindex = load_be32(f, ifindex_at);
	const std::uint32_t seq = load_be32(f, seq_at);
	switch (in.ordinal % 8) {
	case 0:
		f.variant = "unchanged";
		break;
	case 1:
		put_be32(f, seq_at, seq + 1);
		f.variant = "seq_next";
		break;
	case 2:
		put_be32(f, seq_at, seq - 1);
		f.variant = "seq_prev";
		break;
	case 3:
		put_be32(f, seq_at, seq ^ (in.rng.u32() | 1));
		f.variant = "seq_random";
		break;
	case 4:
		put_be32(f, ifindex_at, ifindex + 1);
		f.variant = "ifindex_next";
		break;
	case 5:
		put_be32(f, ifindex_at, ifindex + static_cast<std::uint32_t>(in.rng.between(2, 64)));
		f.variant = "ifindex_other";
		break;
	case 6:
		put_be32(f, ifindex_at, static_cast<std::uint32_t>(in.rng.between(1, 64)));
		put_be32(f, seq_at, in.rng.u32());
		f.variant = "seq_and_ifindex";
		break;
	default: {
		const std::uint64_t bit = in.rng.below(64);
		f.bytes[kTagOffset + kTagMacOff + bit / 8] ^=
			static_cast<std::uint8_t>(1u << (bit % 8));
		f.variant = "mac_bitflip";
		break;
	}
	}
}

} // namespace arpfo::fuzz::detail
