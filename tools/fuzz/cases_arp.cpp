// SPDX-License-Identifier: GPL-2.0-only
// Categories that vary the ARP fields of otherwise complete frames:
// valid, bad_format, bad_opcode, our_identity and odd_mac.
#include <algorithm>
#include <array>
#include <vector>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {
namespace {

template <typename T, std::size_t N>
const T &cycle(const std::array<T, N> &variants, std::uint64_t ordinal)
{
	return variants[ordinal % N];
}

// Another of the host's addresses than @ip when there is one.
Ipv4 other_host_ip(const CaseInput &in, const Ipv4 &ip)
{
	for (int tries = 0; tries < 4; tries++) {
		const Ipv4 other = host_ip(in);
		if (other != ip)
			return other;
	}
	return ip;
}

constexpr int kRandom = -1; // a random value other than the valid one

struct FormatCase {
	const char *name;
	int hrd, pro, hln, pln;
};

constexpr std::array<FormatCase, 15> kFormatCases{{
	{"hrd_zero", 0, 0x0800, 6, 4},
	// Linux's arp_rcv() accepts IEEE 802 on Ethernet; the module must not.
	{"hrd_ieee802", 6, 0x0800, 6, 4},
	{"hrd_ffff", 0xffff, 0x0800, 6, 4},
	{"hrd_random", kRandom, 0x0800, 6, 4},
	{"pro_zero", 1, 0, 6, 4},
	{"pro_ipv6", 1, 0x86dd, 6, 4},
	{"pro_arp", 1, 0x0806, 6, 4},
	{"pro_random", 1, kRandom, 6, 4},
	{"hln_zero", 1, 0x0800, 0, 4},
	{"hln_255", 1, 0x0800, 255, 4},
	{"hln_random", 1, 0x0800, kRandom, 4},
	{"pln_zero", 1, 0x0800, 6, 0},
	{"pln_16_ipv6", 1, 0x0800, 6, 16},
	{"pln_random", 1, 0x0800, 6, kRandom},
	{"all_random", kRandom, kRandom, kRandom, kRandom},
}};

std::uint16_t field16(int v, std::uint16_t valid, Rng &rng)
{
	if (v != kRandom)
		return static_cast<std::uint16_t>(v);
	const std::uint16_t r = rng.u16();
	return r == valid ? static_cast<std::uint16_t>(valid + 1) : r;
}

std::uint8_t field8(int v, std::uint8_t valid, Rng &rng)
{
	if (v != kRandom)
		return static_cast<std::uint8_t>(v);
	const std::uint8_t r = rng.byte();
	return r == valid ? static_cast<std::uint8_t>(valid + 1) : r;
}

// An address field of @len bytes holding @value's bytes first (an IPv4
// address in a 16-byte field is IPv4-mapped), then random bytes.
std::vector<std::uint8_t> address_field(std::span<const std::uint8_t> value, std::size_t len,
					Rng &rng)
{
	std::vector<std::uint8_t> out(len);

	rng.fill(out);
	if (len == 16 && value.size() == 4) {
		std::fill_n(out.begin(), 10, 0);
		out[10] = out[11] = 0xff;
		std::copy(value.begin(), value.end(), out.begin() + 12);
		return out;
	}
	std::copy_n(value.begin(), std::min(len, value.size()), out.begin());
	return out;
}

} // namespace

void make_valid(const CaseInput &in, Frame &f)
{
	ArpFields a = request_for_host(in);

	if (in.ordinal % 2 == 0) {
		f.variant = "request";
	} else {
		const Mac to = host_mac(in);
		a.op = 2;
		a.eth_dst = to;
		a.tha = to;
		f.variant = "reply";
	}
	write_arp(f, a);
	maybe_pad_to_minimum(f, in.rng);
}

void make_bad_format(const CaseInput &in, Frame &f)
{
	const FormatCase &c = cycle(kFormatCases, in.ordinal);
	const ArpFields a = request_for_host(in);
	const std::uint8_t hln = field8(c.hln, 6, in.rng);
	const std::uint8_t pln = field8(c.pln, 4, in.rng);

	write_arp(f, a);
	put_be16(f, kEthHeaderLen + 0, field16(c.hrd, 1, in.rng));
	put_be16(f, kEthHeaderLen + 2, field16(c.pro, 0x0800, in.rng));
	f.bytes[kEthHeaderLen + 4] = hln;
	f.bytes[kEthHeaderLen + 5] = pln;
	f.variant = c.name;
	if (hln != 6 || pln != 4) {
		// Lay the addresses out as the lengths say, up to the MTU.
		const std::size_t limit = in.ctx.max_frame_len;
		std::size_t off = kEthHeaderLen + 8;
		const auto append = [&](const std::vector<std::uint8_t> &field) {
			const std::size_t n = std::min(field.size(), limit - std::min(off, limit));
			put_bytes(f, off, std::span(field).first(n));
			off += n;
		};

		f.len = off;
		append(address_field(a.sha, hln, in.rng));
		append(address_field(a.spa, pln, in.rng));
		append(address_field(kZeroMac, hln, in.rng));
		append(address_field(a.tpa, pln, in.rng));
		f.len = off;
	}
	maybe_pad_to_minimum(f, in.rng);
}

void make_bad_opcode(const CaseInput &in, Frame &f)
{
	struct OpCase {
		const char *name;
		int op;
	};
	static constexpr std::array<OpCase, 12> kOps{{
		{"op_zero", 0},
		{"rarp_request", 3},
		{"rarp_reply", 4},
		{"drarp_request", 5},
		{"drarp_reply", 6},
		{"drarp_error", 7},
		{"inarp_request", 8},
		{"inarp_reply", 9},
		{"arp_nak", 10},
		{"op_max", 0xffff},
		{"op_random", kRandom},
		{"op_random", kRandom},
	}};
	const OpCase &c = cycle(kOps, in.ordinal);
	ArpFields a = request_for_host(in);

	a.op = c.op == kRandom ? static_cast<std::uint16_t>(in.rng.between(3, 0xffff))
			       : static_cast<std::uint16_t>(c.op);
	if (in.rng.one_in(2))
		a.tha = host_mac(in);
	write_arp(f, a);
	f.variant = c.name;
	maybe_pad_to_minimum(f, in.rng);
}

void make_our_identity(const CaseInput &in, Frame &f)
{
	ArpFields a = request_for_host(in);
	const Ipv4 ours = host_ip(in);

	switch (in.ordinal % 8) {
	case 0: // someone else claims an adapter's MAC
		a.sha = host_mac(in);
		f.variant = "spoof_mac";
		break;
	case 1: // someone else uses a managed address: an address conflict
		a.spa = ours;
		a.tpa = other_host_ip(in, ours);
		f.variant = "conflict_ip";
		break;
	case 2:
		a.sha = host_mac(in);
		a.spa = ours;
		f.variant = "spoof_both";
		break;
	case 3: // "ours is at my MAC", to everyone
		a.eth_dst = kBroadcast;
		a.spa = a.tpa = ours;
		f.variant = "gratuitous_request";
		break;
	case 4:
		a.eth_dst = kBroadcast;
		a.op = 2;
		a.spa = a.tpa = ours;
		a.tha = a.sha;
		f.variant = "gratuitous_reply";
		break;
	case 5: // a copy of the host's own announcement
		a.eth_dst = kBroadcast;
		a.sha = host_mac(in);
		a.spa = a.tpa = ours;
		f.variant = "announce_replica";
		break;
	case 6: // unsolicited reply binding a managed address to a stranger
		a.op = 2;
		a.eth_dst = a.tha = host_mac(in);
		a.spa = ours;
		a.tpa = other_host_ip(in, ours);
		f.variant = "reply_spoof";
		break;
	default: // an untagged RFC 5227 probe in an adapter's name
		a = probe_shape(in, host_mac(in));
		f.variant = "untagged_probe";
		break;
	}
	write_arp(f, a);
	maybe_pad_to_minimum(f, in.rng);
}

void make_odd_mac(const CaseInput &in, Frame &f)
{
	ArpFields a = request_for_host(in);

	switch (in.ordinal % 8) {
	case 0:
		a.sha = kBroadcast;
		f.variant = "sha_broadcast";
		break;
	case 1:
		a.sha = random_multicast_mac(in.rng);
		f.variant = "sha_multicast";
		break;
	case 2:
		a.sha = kZeroMac;
		f.variant = "sha_zero";
		break;
	case 3:
		a.op = 2;
		a.eth_dst = host_mac(in);
		a.tha = kBroadcast;
		f.variant = "reply_tha_broadcast";
		break;
	case 4:
		a.op = 2;
		a.eth_dst = kBroadcast;
		a.tha = in.rng.one_in(2) ? kBroadcast : host_mac(in);
		f.variant = "reply_to_broadcast";
		break;
	case 5:
		a.tha = random_multicast_mac(in.rng);
		f.variant = "tha_multicast";
		break;
	case 6: // a bridge drops these; a direct link delivers them
		a.eth_src = random_multicast_mac(in.rng);
		f.variant = "eth_src_multicast";
		break;
	default:
		a.eth_src = kZeroMac;
		a.sha = in.rng.one_in(2) ? kZeroMac : a.sha;
		f.variant = "eth_src_zero";
		break;
	}
	write_arp(f, a);
	maybe_pad_to_minimum(f, in.rng);
}

} // namespace arpfo::fuzz::detail
