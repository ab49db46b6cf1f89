// SPDX-License-Identifier: GPL-2.0-only
// Categories aimed at silent-failure detection: forged_live (liveness
// frames with made-up, broken or misplaced tags) and replayed_live
// (captured genuine liveness frames sent again).
//
// A liveness frame is not ARP: EtherType 0x88b5, then struct
// arpfo_live_frame (a probe's tag with magic ARPFO_LIVE_MAGIC, the
// receiver's ifindex, the sender's pnet), zeroes to 60 bytes. The module
// sends it unicast to a sibling and reads only those unicast to one of
// its adapters. Its MAC covers the sender's and the receiver's ifindex
// and MAC (the Ethernet source and destination), the round, the origin,
// the pnet and the L3 domain. The module reports one as forged when it
// claims the namespace's origin and fails the check, as stale or
// replayed when it passes it but its round is neither the current nor
// the previous one (or its pnet is not the receiver's); one with another
// origin is consumed quietly. A probe's tag never verifies as a liveness
// frame's, nor the other way round.
//
// Forged frames come from the client's Ethernet address: one from a host
// adapter's would teach the switch to send that adapter's frames to the
// client, and its siblings would stop hearing it (a state change the
// fuzzing must not cause for a reason outside the module).
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

// A small number, as ifindexes and pnets are.
std::uint32_t small(Rng &rng)
{
	return static_cast<std::uint32_t>(rng.between(1, 64));
}

// The Ethernet header, @t, the receiver's ifindex and the pnet, zeroes to
// the Ethernet minimum; @len bytes of the frame after the header (less:
// truncated).
void write_live(Frame &f, const Mac &dst, const Mac &src, const Tag &t,
		std::uint32_t rx_ifindex, std::uint32_t pnet, std::size_t len = kLiveLen)
{
	write_eth(f, dst, src, kEthPLive);
	const auto tag = tag_bytes(t);
	put_bytes(f, kLiveOffset, tag);
	put_be32(f, kLiveOffset + kLiveRxIfindexOff, rx_ifindex);
	put_be32(f, kLiveOffset + kLivePnetOff, pnet);
	f.len = kLiveOffset + kLiveLen;
	pad_zero(f, kMinFrameLen);
	f.len = kLiveOffset + len;
	if (len == kLiveLen)
		f.len = kMinFrameLen;
}

// A liveness frame with a probe's tag: a captured genuine probe's.
void live_from_probe(const CaseInput &in, Frame &f, std::uint64_t round, const Tag &t)
{
	const auto &probe = in.ctx.replay[round % in.ctx.replay.size()];

	write_live(f, live_destination(in, round), in.ctx.client_mac, t, small(in.rng),
		   small(in.rng));
	std::copy(probe.begin() + static_cast<std::ptrdiff_t>(kTagOffset + 2),
		  probe.begin() + static_cast<std::ptrdiff_t>(kTagOffset + kTagLen),
		  f.bytes.begin() + static_cast<std::ptrdiff_t>(kLiveOffset + 2));
	f.variant = "live_from_probe";
}

// The ARP-shaped liveness frame of earlier versions: a probe of a host
// address under magic 0xaf03, which the module leaves to the kernel.
void live_old_shape(const CaseInput &in, Frame &f, Tag t)
{
	ArpFields a = probe_shape(in, host_mac(in));

	a.eth_dst = host_mac(in);
	t.magic = kOldLiveMagic;
	write_arp(f, a);
	const auto tag = tag_bytes(t);
	put_bytes(f, kTagOffset, tag);
	f.len = kTagOffset + kTagLen;
	f.variant = "live_old_arp";
}

} // namespace

void make_forged_live(const CaseInput &in, Frame &f)
{
	const std::uint64_t variant = in.ordinal % 10;
	const std::uint64_t round = in.ordinal / 10;
	// In the host's name, mostly: its origin. Variant 1 is another
	// host's liveness frame, 2 has a wild origin: consumed quietly.
	const bool ours = variant != 1 && variant != 2;
	const std::optional<std::uint32_t> our_origin = captured_origin(in.ctx);
	Tag t = plausible_tag(in.rng);
	std::uint32_t rx_ifindex = small(in.rng);
	std::uint32_t pnet = small(in.rng);
	std::size_t len = kLiveLen;

	t.magic = kLiveMagic;
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
	case 3: // the frame ends inside the tag or the fields after it
		len = round % kLiveLen;
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
		// The sender's or the receiver's ifindex.
		static constexpr std::array<std::uint32_t, 4> kWild{0, 0x7fffffff, 0x80000000,
								    0xffffffff};
		const std::uint32_t wild = round % 5 < kWild.size() ? kWild[round % 5]
								     : in.rng.u32();
		(round % 2 ? rx_ifindex : t.ifindex) = wild;
		f.variant = "live_ifindex_wild";
		break;
	}
	case 6:
		if (!in.ctx.replay.empty())
			return live_from_probe(in, f, round, t);
		f.variant = "live_ours";
		break;
	case 7:
		t.ifindex = 0;
		t.seq = 0;
		t.mac = {};
		rx_ifindex = 0;
		pnet = 0;
		f.variant = "live_zero_fields";
		break;
	case 8:
		return live_old_shape(in, f, t);
	default: {
		static constexpr std::array<std::uint32_t, 4> kWild{0, 0x7fffffff, 0x80000000,
								    0xffffffff};
		pnet = round % 5 < kWild.size() ? kWild[round % 5] : in.rng.u32();
		f.variant = "live_pnet_wild";
		break;
	}
	}
	write_live(f, live_destination(in, round), in.ctx.client_mac, t, rx_ifindex, pnet, len);
}

void make_replayed_live(const CaseInput &in, Frame &f)
{
	const auto &orig = in.ctx.replay_live[(in.ordinal / 10) % in.ctx.replay_live.size()];
	const std::size_t origin_at = kLiveOffset + kTagOriginOff;
	const std::size_t ifindex_at = kLiveOffset + kTagIfindexOff;
	const std::size_t seq_at = kLiveOffset + kTagSeqOff;

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
	case 3: {
		// Another receiver or another pnet: the MAC binds both.
		const std::size_t at = kLiveOffset +
				       (in.rng.one_in(2) ? kLiveRxIfindexOff : kLivePnetOff);
		put_be32(f, at, load_be32(f.data(), at) +
					static_cast<std::uint32_t>(in.rng.between(1, 64)));
		f.variant = "rx_or_pnet_other";
		break;
	}
	case 4: {
		const std::uint64_t bit = in.rng.below(64);
		f.bytes[kLiveOffset + kTagMacOff + bit / 8] ^=
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
		// Under the probe magic: never a probe (not ARP), and its tag
		// never verifies as a liveness frame's either.
		put_be16(f, kLiveOffset, kProbeMagic);
		f.variant = "as_probe";
		break;
	case 8:
		// Broadcast instead of unicast to the sibling: the same tag.
		put_bytes(f, 0, kBroadcast);
		f.variant = "broadcast";
		break;
	default: {
		// In another adapter's name (Ethernet source), the tag
		// unchanged: the MAC covers the sender MAC.
		Mac sha = host_mac(in);
		if (std::equal(sha.begin(), sha.end(), f.bytes.begin() + 6))
			sha = random_unicast_mac(in.rng);
		put_bytes(f, 6, sha);
		f.variant = "sha_other";
		break;
	}
	}
}

} // namespace arpfo::fuzz::detail
