// SPDX-License-Identifier: GPL-2.0-only
// Categories aimed at discovery: forged_probe (tags made up, broken or
// misplaced) and replayed_probe (captured genuine probes sent again).
//
// The module reports a probe as forged only when it claims the receiving
// namespace's origin and fails the check; one with another origin is
// another host's or namespace's and is consumed quietly, whatever its
// sender MAC. The origin is public: a forger learns it from any probe it
// hears, so forgeries claim the origin of a captured probe when there is
// one.
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {

std::array<std::uint8_t, kTagLen> tag_bytes(const Tag &t)
{
	Frame scratch;

	put_be16(scratch, 0, t.magic);
	put_be32(scratch, kTagOriginOff, t.origin);
	put_be32(scratch, kTagIfindexOff, t.ifindex);
	put_be32(scratch, kTagSeqOff, t.seq);
	put_bytes(scratch, kTagMacOff, t.mac);

	std::array<std::uint8_t, kTagLen> out;
	std::copy_n(scratch.bytes.begin(), kTagLen, out.begin());
	return out;
}

Tag plausible_tag(Rng &rng)
{
	Tag t;

	t.origin = rng.u32();
	t.ifindex = static_cast<std::uint32_t>(rng.between(1, 32));
	t.seq = rng.one_in(2) ? static_cast<std::uint32_t>(rng.between(1, 4096)) : rng.u32();
	rng.fill(t.mac);
	return t;
}

std::uint32_t load_be32(std::span<const std::uint8_t> bytes, std::size_t off)
{
	return static_cast<std::uint32_t>(bytes[off]) << 24 |
	       static_cast<std::uint32_t>(bytes[off + 1]) << 16 |
	       static_cast<std::uint32_t>(bytes[off + 2]) << 8 | bytes[off + 3];
}

// The generator checked that each frame holds a whole tag.
std::optional<std::uint32_t> captured_origin(const FuzzContext &ctx)
{
	if (!ctx.replay.empty())
		return load_be32(ctx.replay.front(), kTagOffset + kTagOriginOff);
	if (!ctx.replay_live.empty())
		return load_be32(ctx.replay_live.front(), kLiveOffset + kTagOriginOff);
	return std::nullopt;
}

std::uint32_t other_origin(Rng &rng, std::optional<std::uint32_t> ours)
{
	const std::uint32_t o = rng.u32();

	return o == ours ? o + 1 : o;
}

void make_forged_probe(const CaseInput &in, Frame &f)
{
	const std::uint64_t variant = in.ordinal % 9;
	const std::uint64_t round = in.ordinal / 9;
	// In the host's name, mostly: its origin (when a captured probe tells
	// it) and one of its MACs; those are the ones the module reports.
	// Variant 1 is another arp_failover host's probe, as far as anyone
	// can tell: consumed quietly.
	const bool ours = variant == 0 || (variant != 1 && !in.rng.one_in(4));
	const Mac sha = ours || variant == 8 ? host_mac(in) : random_unicast_mac(in.rng);
	const std::optional<std::uint32_t> our_origin = captured_origin(in.ctx);
	Tag t = plausible_tag(in.rng);
	std::size_t tag_off = kTagOffset;
	std::size_t tag_len = kTagLen;

	// Without a captured probe the forger guesses (plausible_tag()).
	if (ours && our_origin)
		t.origin = *our_origin;
	else if (!ours)
		t.origin = other_origin(in.rng, our_origin);
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
		// 0xaf01: the tag before the origin, as an older module sends it.
		static constexpr std::array<std::uint16_t, 6> kWrong{0x01af, 0xaf00, 0xaf01,
								     0x02af, 0x0000, 0xffff};
		static_assert(std::find(kWrong.begin(), kWrong.end(), kProbeMagic) == kWrong.end());
		const std::uint16_t r = in.rng.u16();
		t.magic = round % 7 < kWrong.size() ? kWrong[round % 7]
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
	case 7: {
		static constexpr std::array<std::uint32_t, 3> kEdge{1, 0x80000000, 0xffffffff};
		t.seq = kEdge[round % kEdge.size()];
		f.variant = "tag_seq_edge";
		break;
	}
	default: {
		// Another origin in a host MAC's name: a MAC shared with another
		// host (a virtual MAC, an anycast gateway), not an attack.
		static constexpr std::array<std::uint32_t, 5> kWild{0, 1, 0x7fffffff, 0x80000000,
								    0xffffffff};
		t.origin = round % 6 < kWild.size() ? kWild[round % 6]
						    : other_origin(in.rng, our_origin);
		if (t.origin == our_origin)
			t.origin = other_origin(in.rng, our_origin);
		f.variant = "tag_origin_wild";
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
	const auto &orig = in.ctx.replay[(in.ordinal / 10) % in.ctx.replay.size()];
	const std::size_t origin_at = kTagOffset + kTagOriginOff;
	const std::size_t ifindex_at = kTagOffset + kTagIfindexOff;
	const std::size_t seq_at = kTagOffset + kTagSeqOff;

	put_bytes(f, 0, orig);
	f.len = orig.size();

	const std::uint32_t origin = load_be32(f.data(), origin_at);
	const std::uint32_t ifindex = load_be32(f.data(), ifindex_at);
	const std::uint32_t seq = load_be32(f.data(), seq_at);
	// The origin stays the captured one, so the module checks the rest and
	// reports what fails, except where the variant says otherwise.
	switch (in.ordinal % 10) {
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
	case 7: {
		const std::uint64_t bit = in.rng.below(64);
		f.bytes[kTagOffset + kTagMacOff + bit / 8] ^=
			static_cast<std::uint8_t>(1u << (bit % 8));
		f.variant = "mac_bitflip";
		break;
	}
	case 8: {
		// Only the origin kept: ifindex, sequence number and MAC made up,
		// a forgery in the host's name.
		Tag t = plausible_tag(in.rng);
		t.origin = origin;
		const auto tag = tag_bytes(t);
		put_bytes(f, kTagOffset, tag);
		f.variant = "origin_kept";
		break;
	}
	default:
		// The genuine probe under another origin: another namespace's as
		// far as the module can tell, consumed quietly.
		put_be32(f, origin_at,
			 in.rng.one_in(2) ? origin + 1 : other_origin(in.rng, origin));
		f.variant = "origin_other";
		break;
	}
}

} // namespace arpfo::fuzz::detail
