// SPDX-License-Identifier: GPL-2.0-only
// Internal to the generator: the builders of each category and the
// frame-writing helpers they share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "fuzz/frame.hpp"
#include "fuzz/rng.hpp"

namespace arpfo::fuzz::detail {

struct CaseInput {
	const FuzzContext &ctx;
	Rng &rng;
	// How many frames of the same category come before this one; cycles
	// the variants so that each occurs, in a fixed order.
	std::uint64_t ordinal;
};

inline constexpr Mac kBroadcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
inline constexpr Mac kZeroMac{};
inline constexpr Ipv4 kZeroIp{};

// The usual Ethernet/IPv4 ARP payload fields; the defaults are well formed.
struct ArpFields {
	Mac eth_dst = kBroadcast;
	Mac eth_src{};
	std::uint16_t ethertype = kEthPArp;
	std::uint16_t hrd = 1;
	std::uint16_t pro = 0x0800;
	std::uint8_t hln = 6;
	std::uint8_t pln = 4;
	std::uint16_t op = 1;
	Mac sha{};
	Ipv4 spa{};
	Mac tha{};
	Ipv4 tpa{};
};

void put_be16(Frame &f, std::size_t off, std::uint16_t v);
void put_be32(Frame &f, std::size_t off, std::uint32_t v);
void put_bytes(Frame &f, std::size_t off, std::span<const std::uint8_t> v);
void write_eth(Frame &f, const Mac &dst, const Mac &src, std::uint16_t type);
// Ethernet header and 28-byte ARP payload; sets the length to 42.
void write_arp(Frame &f, const ArpFields &a);
// Grows the frame to @len with zeroes / random bytes (never shrinks it).
void pad_zero(Frame &f, std::size_t len);
void pad_random(Frame &f, std::size_t len, Rng &rng);

Mac host_mac(const CaseInput &in);	// one of the host's, or random
Ipv4 host_ip(const CaseInput &in);	// one of the host's, or random
Mac random_unicast_mac(Rng &rng);	// locally administered
Mac random_multicast_mac(Rng &rng);
Ipv4 random_ip(Rng &rng);
// A plausible stranger: a random or the unrelated address.
Ipv4 stranger_ip(const CaseInput &in);
// A well-formed request for one of the host's addresses from a stranger.
ArpFields request_for_host(const CaseInput &in);
// A probe's ARP part: who-has a host address, sender address 0.0.0.0.
ArpFields probe_shape(const CaseInput &in, const Mac &sha);
// Zero-pads to the Ethernet minimum half of the time, as a NIC would.
void maybe_pad_to_minimum(Frame &f, Rng &rng);

// The fields of struct arpfo_probe_tag (<linux/arp_failover_probe.h>),
// in host byte order; tag_bytes() lays them out as the header does. The
// same tag serves discovery probes and liveness frames (their magic).
struct Tag {
	std::uint16_t magic = kProbeMagic;
	std::uint32_t origin = 0;
	std::uint32_t ifindex = 0;
	std::uint32_t seq = 0;
	std::array<std::uint8_t, sizeof(arpfo_probe_tag::mac)> mac{};
};

inline constexpr std::size_t kTagOriginOff = offsetof(arpfo_probe_tag, origin);
inline constexpr std::size_t kTagIfindexOff = offsetof(arpfo_probe_tag, ifindex);
inline constexpr std::size_t kTagSeqOff = offsetof(arpfo_probe_tag, seq);
inline constexpr std::size_t kTagMacOff = offsetof(arpfo_probe_tag, mac);
static_assert(offsetof(arpfo_probe_tag, magic) == 0);

std::array<std::uint8_t, kTagLen> tag_bytes(const Tag &t);
// What a forger would guess: a small ifindex, a young sequence number, a
// random origin (the caller's to replace) and MAC; the probe magic.
Tag plausible_tag(Rng &rng);
std::uint32_t load_be32(std::span<const std::uint8_t> bytes, std::size_t off);
// The origin of the host's namespace, as its captured probes or liveness
// frames carry it; none without --replay.
std::optional<std::uint32_t> captured_origin(const FuzzContext &ctx);
// A random origin other than @ours.
std::uint32_t other_origin(Rng &rng, std::optional<std::uint32_t> ours);

void make_valid(const CaseInput &in, Frame &f);
void make_bad_format(const CaseInput &in, Frame &f);
void make_truncated(const CaseInput &in, Frame &f);
void make_oversized(const CaseInput &in, Frame &f);
void make_bad_opcode(const CaseInput &in, Frame &f);
void make_our_identity(const CaseInput &in, Frame &f);
void make_forged_probe(const CaseInput &in, Frame &f);
void make_replayed_probe(const CaseInput &in, Frame &f);
void make_forged_live(const CaseInput &in, Frame &f);
void make_replayed_live(const CaseInput &in, Frame &f);
void make_odd_mac(const CaseInput &in, Frame &f);
void make_random_payload(const CaseInput &in, Frame &f);
// ICMPv6 Neighbor Discovery (nd_frame.hpp has their helpers).
void make_nd_valid(const CaseInput &in, Frame &f);
void make_nd_bad_header(const CaseInput &in, Frame &f);
void make_nd_bad_options(const CaseInput &in, Frame &f);
void make_nd_spoof(const CaseInput &in, Frame &f);

} // namespace arpfo::fuzz::detail
