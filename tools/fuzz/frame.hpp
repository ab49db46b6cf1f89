// SPDX-License-Identifier: GPL-2.0-only
// One generated frame, and what the generator knows about the segment.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <linux/arp_failover_probe.h>

#include "fuzz/category.hpp"
#include "probe/arp_frame.hpp"

namespace arpfo {

// An IPv6 address in network byte order, as bytes on the wire (the same
// alias as arpfo/ip_addr.hpp's).
using Ipv6 = std::array<std::uint8_t, 16>;

} // namespace arpfo

namespace arpfo::fuzz {

// Ethernet header and a 1500-byte MTU payload, without FCS.
inline constexpr std::size_t kMaxFrameLen = kEthHeaderLen + 1500;
// Where an arp_failover probe tag starts: right after the ARP payload.
inline constexpr std::size_t kTagOffset = kEthHeaderLen + kArpPayloadLen;
// The tag's length and magic, as the module's uapi header defines them.
inline constexpr std::size_t kTagLen = ARPFO_PROBE_TAG_LEN;
inline constexpr std::uint16_t kProbeMagic = ARPFO_PROBE_MAGIC;
static_assert(sizeof(arpfo_probe_tag) == kTagLen, "struct arpfo_probe_tag is the whole tag");
// A liveness frame: not ARP, EtherType ARPFO_LIVE_ETHERTYPE; the Ethernet
// header, struct arpfo_live_frame (a probe's tag under its own magic,
// the receiver's ifindex and the pnet), zeroes to the Ethernet minimum.
inline constexpr std::uint16_t kLiveMagic = ARPFO_LIVE_MAGIC;
inline constexpr std::uint16_t kEthPLive = ARPFO_LIVE_ETHERTYPE;
inline constexpr std::size_t kLiveOffset = kEthHeaderLen;
inline constexpr std::size_t kLiveLen = ARPFO_LIVE_FRAME_LEN;
inline constexpr std::size_t kLiveRxIfindexOff = offsetof(arpfo_live_frame, rx_ifindex);
inline constexpr std::size_t kLivePnetOff = offsetof(arpfo_live_frame, pnet);
static_assert(sizeof(arpfo_live_frame) == kLiveLen, "struct arpfo_live_frame is the whole frame");
static_assert(offsetof(arpfo_live_frame, tag) == 0);
// The magic of the ARP-shaped liveness frames of earlier versions: now a
// tag the module does not know, the frame an RFC 5227 probe.
inline constexpr std::uint16_t kOldLiveMagic = 0xaf03;
inline constexpr std::uint16_t kEthPArp = 0x0806;
inline constexpr std::uint16_t kEthPIpv6 = 0x86dd;

struct Frame {
	std::array<std::uint8_t, kMaxFrameLen> bytes{};
	std::size_t len = 0;
	Category category{};
	// Which shape of its category, e.g. "hln_255"; a static string.
	std::string_view variant;

	std::span<const std::uint8_t> data() const { return {bytes.data(), len}; }
};

// The targets of the fuzzing. Empty lists are allowed: random addresses
// stand in for them.
struct FuzzContext {
	std::vector<Mac> host_macs;	 // the host's adapters
	std::vector<Ipv4> host_ips;	 // the host's managed addresses
	Ipv4 unrelated_ip{192, 0, 2, 1}; // an address nobody manages (RFC 5737)
	// The host's managed IPv6 addresses (global or unique-local), which
	// the Neighbor Discovery categories solicit and advertise, and one
	// nobody manages (2001:db8:ffff::1, RFC 3849).
	std::vector<Ipv6> host_ip6s;
	Ipv6 unrelated_ip6{0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	Mac client_mac{};		 // Ethernet source of every generated frame
	std::size_t max_frame_len = kMaxFrameLen; // 60..1514: MTU + 14
	// Genuine probe frames to replay; each at least kTagOffset + kTagLen
	// bytes and at most max_frame_len. The first one's origin is the
	// host's, which forged probes and liveness frames claim.
	std::vector<std::vector<std::uint8_t>> replay;
	// Genuine liveness frames to replay: each at least kLiveOffset +
	// kLiveLen bytes and at most max_frame_len (their origin is the
	// host's too when there is no probe).
	std::vector<std::vector<std::uint8_t>> replay_live;
};

} // namespace arpfo::fuzz
