// SPDX-License-Identifier: GPL-2.0-only
// Internal to the generator: the Ethernet/IPv6/ICMPv6 Neighbor Discovery
// frames of the nd_* categories, and the addresses they use.
//
// NdFields describes one frame; its defaults are a well-formed neighbour
// solicitation (hop limit 255, code 0, right checksum). Each hostile
// variant changes one or a few fields: the ICMPv6 checksum stays right
// unless bad_checksum says otherwise, so that the frame gets past the
// checksum check and reaches the option parser.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {

inline constexpr std::uint8_t kProtoHopOpts = 0;
inline constexpr std::uint8_t kProtoRouting = 43;
inline constexpr std::uint8_t kProtoFragment = 44;
inline constexpr std::uint8_t kProtoIcmpv6 = 58;
inline constexpr std::uint8_t kProtoDstOpts = 60;

inline constexpr std::uint8_t kNdNs = 135; // neighbour solicitation
inline constexpr std::uint8_t kNdNa = 136; // neighbour advertisement
inline constexpr std::uint8_t kOptSourceLl = 1;
inline constexpr std::uint8_t kOptTargetLl = 2;
inline constexpr std::uint8_t kOptNonce = 14;
// The flags of an advertisement, in the 32 bits after the checksum.
inline constexpr std::uint32_t kNaRouter = 0x80000000;
inline constexpr std::uint32_t kNaSolicited = 0x40000000;
inline constexpr std::uint32_t kNaOverride = 0x20000000;

inline constexpr std::size_t kIpv6HeaderLen = 40;
inline constexpr std::size_t kIpv6PayloadOff = kEthHeaderLen + kIpv6HeaderLen;
// Type, code, checksum, flags or reserved, target: an NS or NA without
// options.
inline constexpr std::size_t kNdMsgLen = 24;

inline constexpr Ipv6 kIp6Any{};
inline constexpr Ipv6 kIp6Loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
inline constexpr Ipv6 kIp6AllNodes{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

// An extension header before the ICMPv6 message: its protocol number and
// its bytes, the first of which (next header) write_nd() fills in.
struct ExtHeader {
	std::uint8_t proto;
	std::vector<std::uint8_t> bytes;
};

// How a wrong checksum is wrong; it never equals the right one (nor its
// other one's-complement form: 0x0000 for 0xffff and back).
enum class BadChecksum : std::uint8_t {
	None,
	Zero,
	AllOnes,
	OffByOne,
	Swapped, // the right one with its bytes swapped
	Random,	 // the right one xor checksum_noise
};

struct NdFields {
	Mac eth_dst{};
	Mac eth_src{};
	std::uint8_t version = 6;
	std::uint32_t flow = 0; // traffic class and flow label: the low 28 bits
	std::uint8_t hop_limit = 255;
	Ipv6 src{};
	Ipv6 dst{};
	std::vector<ExtHeader> ext;
	std::uint8_t type = kNdNs;
	std::uint8_t code = 0;
	std::uint32_t flags = 0; // an NA's R, S, O; reserved in an NS
	Ipv6 target{};
	// Cut to what fits the frame (max_len).
	std::vector<std::uint8_t> options;
	// The ICMPv6 message cut after this many bytes: shorter than an NS.
	std::optional<std::size_t> msg_len;
	// The IPv6 payload length claimed, instead of the true one.
	std::optional<std::uint16_t> payload_len;
	// Bytes after the IPv6 payload, in the frame but outside the length.
	std::vector<std::uint8_t> trailer;
	// The frame cut after this many bytes, after the checksum was taken.
	std::optional<std::size_t> frame_len;
	BadChecksum bad_checksum = BadChecksum::None;
	std::uint16_t checksum_noise = 0x5555; // for Random; nonzero
};

// The ICMPv6 checksum of @msg (its checksum field zero) for a message of
// @len bytes (the pseudo-header's upper-layer length) from @src to @dst;
// bytes of @len beyond @msg count as zeroes.
std::uint16_t icmpv6_checksum(const Ipv6 &src, const Ipv6 &dst, std::uint32_t len,
			      std::span<const std::uint8_t> msg);

// Writes the frame @n describes, at most @max_len bytes. The checksum
// covers the ICMPv6 message as the IPv6 header delimits it (the claimed
// payload length less the extension headers), as far as the frame holds
// it: a receiver that trims the payload to its length finds it right.
void write_nd(Frame &f, const NdFields &n, std::size_t max_len);

// write_nd() at the context's maximum length, then zero padding to the
// Ethernet minimum half of the time, as a NIC would (but after a cut).
void finish_nd(const CaseInput &in, Frame &f, const NdFields &n);

// Addresses.
Ipv6 host_ip6(const CaseInput &in);		// one of the host's, or random
Ipv6 random_ip6(Rng &rng);			// in 2001:db8::/32 (RFC 3849)
Ipv6 random_link_local(Rng &rng);		// fe80::/64, random interface ID
Ipv6 random_multicast6(Rng &rng);		// ff0X::, any flags and scope
// A plausible stranger: the unrelated address, or a random interface ID
// in the /64 of a host address (never one of the host's own).
Ipv6 stranger_ip6(const CaseInput &in);
Ipv6 solicited_node(const Ipv6 &target);	// ff02::1:ffXX:XXXX
Mac multicast_mac(const Ipv6 &group);		// 33:33 and the group's low 32 bits
Ipv6 link_local_of(const Mac &mac);		// fe80:: and the MAC's EUI-64
Ipv6 v4_mapped(const Ipv4 &ip);			// ::ffff:a.b.c.d

// A link-layer address option (source or target) of @units * 8 bytes:
// the MAC, then zeroes.
std::vector<std::uint8_t> lladdr_option(std::uint8_t type, const Mac &mac,
					std::uint8_t units = 1);
void append(std::vector<std::uint8_t> &to, std::span<const std::uint8_t> bytes);

// A well-formed solicitation of a host address from a stranger (a random
// address and MAC, source link-layer option), to the target's
// solicited-node group three times in four, else unicast to a host MAC.
NdFields ns_for_host(const CaseInput &in);
// A stranger's well-formed answer to the host: solicited, override half
// of the time, unicast to a host MAC and address.
NdFields na_from_stranger(const CaseInput &in);
// Sends @n to its target's solicited-node group, or unicast to a host MAC
// and @n.target.
void to_group(NdFields &n);
void to_host(const CaseInput &in, NdFields &n);
// The IPv6 payload length @n would have (extension headers and message),
// before any cut to the frame.
std::size_t nd_payload_len(const NdFields &n);
// How many option bytes fit a frame of @max_len after an NS without
// extension headers.
std::size_t nd_option_room(std::size_t max_len);

// A variant of a category: its name, and what it does to a well-formed
// frame (or builds instead).
struct NdCase {
	const char *name;
	void (*shape)(const CaseInput &in, NdFields &n);
};

template <typename T, std::size_t N>
const T &nd_cycle(const std::array<T, N> &variants, std::uint64_t ordinal)
{
	return variants[ordinal % N];
}

} // namespace arpfo::fuzz::detail
