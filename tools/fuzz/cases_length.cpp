// SPDX-License-Identifier: GPL-2.0-only
// Categories that vary the frame's length: truncated, oversized and
// random_payload.
#include <algorithm>
#include <array>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {
namespace {

// Frames of 14..41 bytes: a bare Ethernet header up to one byte short of
// a complete ARP payload; 28 lengths.
constexpr std::size_t kTruncatedLengths = kArpPayloadLen;

void write_tag(Frame &f, std::size_t off, Rng &rng)
{
	std::array<std::uint8_t, kTagLen> tag;

	rng.fill(tag);
	tag[0] = static_cast<std::uint8_t>(kProbeMagic >> 8);
	tag[1] = static_cast<std::uint8_t>(kProbeMagic);
	put_bytes(f, off, tag);
	f.len = std::max(f.len, off + kTagLen);
}

} // namespace

void make_truncated(const CaseInput &in, Frame &f)
{
	// Every length in turn, so a short run already covers all of them.
	const std::size_t len = kEthHeaderLen + in.ordinal % kTruncatedLengths;
	ArpFields a = request_for_host(in);

	switch (in.ordinal / kTruncatedLengths % 3) {
	case 0:
		write_arp(f, a);
		f.variant = "request_prefix";
		break;
	case 1:
		a.op = 2;
		a.eth_dst = a.tha = host_mac(in);
		write_arp(f, a);
		f.variant = "reply_prefix";
		break;
	default:
		write_eth(f, a.eth_dst, a.eth_src, kEthPArp);
		pad_random(f, kEthHeaderLen + kArpPayloadLen, in.rng);
		f.variant = "random_prefix";
		break;
	}
	f.len = len;
}

void make_oversized(const CaseInput &in, Frame &f)
{
	const std::size_t max = in.ctx.max_frame_len;
	// The largest frame every fourth time, any length past the minimum else.
	const std::size_t len = (in.ordinal / 3) % 4 == 0 ? max : in.rng.between(kMinFrameLen + 1, max);
	ArpFields a = request_for_host(in);

	switch (in.ordinal % 3) {
	case 0:
		write_arp(f, a);
		f.variant = "request";
		break;
	case 1:
		a.op = 2;
		a.eth_dst = a.tha = host_mac(in);
		write_arp(f, a);
		f.variant = "reply";
		break;
	default: // a probe-looking tag with more behind it
		write_arp(f, probe_shape(in, in.rng.one_in(2) ? host_mac(in)
							       : random_unicast_mac(in.rng)));
		write_tag(f, kTagOffset, in.rng);
		f.variant = "tagged_probe";
		break;
	}
	pad_random(f, len, in.rng);
}

void make_random_payload(const CaseInput &in, Frame &f)
{
	const std::size_t max = in.ctx.max_frame_len;
	// Short frames half of the time: parsers give up early on long ones.
	const std::size_t len = in.rng.one_in(2) ? in.rng.between(kEthHeaderLen, kMinFrameLen + 4)
						 : in.rng.between(kEthHeaderLen, max);
	const Mac dst = in.rng.one_in(4) ? host_mac(in) : kBroadcast;

	write_eth(f, dst, in.ctx.client_mac, kEthPArp);
	if (in.ordinal % 2 == 0) {
		f.variant = "random";
	} else {
		// Ethernet/IPv4 ARP's fixed header, then random: gets past the
		// first checks of every parser.
		static constexpr std::array<std::uint8_t, 6> kHead{0x00, 0x01, 0x08, 0x00, 6, 4};
		put_bytes(f, kEthHeaderLen, kHead);
		f.len = kEthHeaderLen + kHead.size();
		f.variant = "random_after_header";
	}
	pad_random(f, len, in.rng);
}

} // namespace arpfo::fuzz::detail
