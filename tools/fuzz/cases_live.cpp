// SPDX-License-Identifier: GPL-2.0-only
// Categories aimed at silent-failure detection: forged_live (liveness
// frames with made-up, broken or misplaced tags) and replayed_live
// (captured genuine liveness frames sent again).
//
// A liveness frame has a discovery probe's shape (an RFC 5227 probe: a
// request from 0.0.0.0) and tag, with magic ARPFO_LIVE_MAGIC (0xaf03), a
// MAC of its own, and the sender's liveness round as sequence number. The
// module sends it unicast to a sibling; it reads one whatever the
// destination. It reports a liveness frame as forged when it claims the
// namespace's origin and fails the check, as stale or replayed when it
// passes it but its round is neither the current nor the previous one;
// one with another origin is consumed quietly. A probe's tag never
// verifies as a liveness frame's, nor the other way round.
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {
namespace {

// Unicast to one of the host's adapters, as the module sends them, two
// times in three; broadcast the third.
Mac live_destination(const CaseInput &in, std::uint64_t round)
{
	return round % 3 == 2 ? kBroadcast : host_mac(in);
}

} // namespace

void make_forged_live(const CaseInput &in, Frame &f)
{
	const std::uint64_t variant = in.ordinal % 10;
	const std::uint64_t round = in.ordinal / 10;
	// In the host's name, mostly: its origin and one of its MACs. Variant
	// 1 is another host's liveness frame; 2 another origin from a MAC of
	// ours (a shared MAC): both consumed quietly.
	const bool ours = variant != 1 && variant != 2;
	const Mac sha = variant == 1 ? random_unicast_mac(in.rng) : host_mac(in);
	const std::optional<std::uint32_t> our_origin = captured_origin(in.ctx);
	ArpFields a = probe_shape(in, sha);
	Tag t = plausible_tag(in.rng);
	std::size_t tag_off = kTagOffset;
	std::size_t tag_len = kTagLen;

	t.magic = kLiveMagic;
	a.eth_dst = live_destination(in, round);
	if (ours && our_origin)
		t.origin = *our_origin;
	else if (!ours)
		t.origin = other_origin(in.rng, our_origin);
	switch (variant) {
	case 0:
		f.variant = "live_ours";
		break;
	case 1:
		f.variant = "live_foreign";
		break;
	case 2: {
		static constexpr std::array<std::uint32_t, 5> kWild{0, 1, 0x7fffffff, 0x80000000,
								    0xffffffff};
		t.origin = round % 6 < kWild.size() ? kWild[round % 6]
						    : other_origin(in.rng, our_origin);
		if (t.origin == our_origin)
			t.origin = other_origin(in.rng, our_origin);
		f.variant = "live_origin_wild";
		break;
	}
	case 3: // the padding ends inside the tag
		tag_len = round % kTagLen;
		f.variant = "live_truncated";
		break;
	case 4: {
		// Rounds of any age: the module counts them from 1 and wraps.
		static constexpr std::array<std::uint32_t, 6> kEdge{0, 1, 2, 0x7fffffff,
								    0x80000000, 0xffffffff};
		t.seq = round % 8 < kEdge.size() ? kEdge[round % 8] : in.rng.u32();
		f.variant = "live_seq_random";
		break;
	}
	case 5: {
		static constexpr std::array<std::uint32_t, 4> kWild{0, 0x7fffffff, 0x80000000,
								    0xffffffff};
		t.ifindex = round % 5 < kWild.size() ? kWild[round % 5] : in.rng.u32();
		f.variant = "live_ifindex_wild";
		break;
	}
	case 6:
		if (!in.ctx.replay.empty()) {
			// A genuine discovery probe under the liveness magic: its
			// MAC is a probe's, which never verifies as a liveness
			// frame's. Unicast like a liveness frame, or broadcast as
			// it was sent; from the client's Ethernet address (the
			// module reads the ARP sender's).
			const auto &orig = in.ctx.replay[round % in.ctx.replay.size()];
			put_bytes(f, 0, orig);
			f.len = orig.size();
			put_be16(f, kTagOffset, kLiveMagic);
			put_bytes(f, 0, a.eth_dst);
			put_bytes(f, 6, in.ctx.client_mac);
			f.variant = "live_from_probe";
			return;
		}
		f.variant = "live_ours";
		break;
	case 7:
		t.ifindex = 0;
		t.seq = 0;
		t.mac = {};
		f.variant = "live_zero_fields";
		break;
	case 8:
		// Not a probe's shape (a request from a stranger's address):
		// the tag is padding, and the frame the kernel's.
		a.sha = random_unicast_mac(in.rng);
		a.spa = stranger_ip(in);
		f.variant = "live_padded";
		break;
	default: // zeroes, then the tag: not where the module reads it
		tag_off = kTagOffset + 1 + round % kTagLen;
		f.variant = "live_tag_offset";
		break;
	}
	write_arp(f, a);
	pad_zero(f, tag_off);
	const auto tag = tag_bytes(t);
	put_bytes(f, tag_off, std::span(tag).first(tag_len));
	f.len = tag_off + tag_len;
}

void make_replayed_live(const CaseInput &in, Frame &f)
{
	const auto &orig = in.ctx.replay_live[(in.ordinal / 10) % in.ctx.replay_live.size()];
	const std::size_t origin_at = kTagOffset + kTagOriginOff;
	const std::size_t ifindex_at = kTagOffset + kTagIfindexOff;
	const std::size_t seq_at = kTagOffset + kTagSeqOff;

	put_bytes(f, 0, orig);
	f.len = orig.size();

	const std::uint32_t origin = load_be32(f.data(), origin_at);
	const std::uint32_t ifindex = load_be32(f.data(), ifindex_at);
	const std::uint32_t seq = load_be32(f.data(), seq_at);
	// The origin stays the captured one, so the module checks the rest:
	// an unchanged frame is stale once its round is over, a changed one
	// fails the MAC.
	switch (in.ordinal % 10) {
	case 0:
		f.variant = "unchanged";
		break;
	case 1:
		put_be32(f, seq_at, seq + 1);
		f.variant = "seq_next";
		break;
	case 2:
		// Rounds ahead: what a replay would need to pass for current.
		put_be32(f, seq_at, seq + static_cast<std::uint32_t>(in.rng.between(2, 100000)));
		f.variant = "seq_ahead";
		break;
	case 3:
		put_be32(f, seq_at, seq ^ (in.rng.u32() | 1));
		f.variant = "seq_random";
		break;
	case 4: {
		const std::uint64_t bit = in.rng.below(64);
		f.bytes[kTagOffset + kTagMacOff + bit / 8] ^=
			static_cast<std::uint8_t>(1u << (bit % 8));
		f.variant = "mac_bitflip";
		break;
	}
	case 5:
		put_be32(f, ifindex_at, ifindex + static_cast<std::uint32_t>(in.rng.between(1, 64)));
		f.variant = "ifindex_other";
		break;
	case 6:
		// Another namespace's liveness frame: consumed quietly.
		put_be32(f, origin_at,
			 in.rng.one_in(2) ? origin + 1 : other_origin(in.rng, origin));
		f.variant = "origin_other";
		break;
	case 7:
		// Under the probe magic: a liveness MAC never verifies as a
		// probe's.
		put_be16(f, kTagOffset, kProbeMagic);
		f.variant = "as_probe";
		break;
	case 8:
		// Broadcast instead of unicast to the sibling: the same tag.
		put_bytes(f, 0, kBroadcast);
		f.variant = "broadcast";
		break;
	default: {
		// In another adapter's name (sender MAC), the tag unchanged:
		// the MAC covers the sender MAC.
		Mac sha = host_mac(in);
		if (std::equal(sha.begin(), sha.end(), f.bytes.begin() + kEthHeaderLen + 8))
			sha = random_unicast_mac(in.rng);
		put_bytes(f, kEthHeaderLen + 8, sha);
		f.variant = "sha_other";
		break;
	}
	}
}

} // namespace arpfo::fuzz::detail
