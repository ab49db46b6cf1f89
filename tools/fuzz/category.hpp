// SPDX-License-Identifier: GPL-2.0-only
// The kinds of frames the fuzzer sends, each named for the report.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arpfo::fuzz {

enum class Category : std::uint8_t {
	Valid,		// well-formed requests/replies for the host's addresses
	BadFormat,	// wrong hardware/protocol type or address lengths
	Truncated,	// 14 to 41 bytes: Ethernet header, short ARP payload
	Oversized,	// ARP payload plus random padding up to the MTU
	BadOpcode,	// opcode 0, 3..65535 (RARP, InARP, ...)
	OurIdentity,	// the host's MACs or addresses as sender, gratuitous ARP
	ForgedProbe,	// RFC 5227 probes with made-up or misplaced tags
	ReplayedProbe,	// a captured genuine probe, unchanged or mutated
	OddMac,		// broadcast, multicast or zero MACs
	RandomPayload,	// random bytes after an ARP Ethernet header
	ForgedLive,	// liveness frames (EtherType 0x88b5) with made-up or broken tags
	ReplayedLive,	// a captured genuine liveness frame, unchanged or mutated
	// ICMPv6 Neighbor Discovery (Ethernet/IPv6), aimed at the managed
	// IPv6 addresses:
	NdValid,	// well-formed solicitations and advertisements
	NdBadHeader,	// hop limit, code, checksum, lengths, extension headers
	NdBadOptions,	// zero-length, overrunning, huge, many or odd options
	NdSpoof,	// DAD probes, overriding advertisements, odd targets
};

inline constexpr std::size_t kCategoryCount = 16;

inline constexpr std::array<Category, kCategoryCount> kAllCategories{
	Category::Valid,	 Category::BadFormat,	  Category::Truncated,
	Category::Oversized,	 Category::BadOpcode,	  Category::OurIdentity,
	Category::ForgedProbe,	 Category::ReplayedProbe, Category::OddMac,
	Category::RandomPayload, Category::ForgedLive,	  Category::ReplayedLive,
	Category::NdValid,	 Category::NdBadHeader,	  Category::NdBadOptions,
	Category::NdSpoof,
};

// Whether frames of @c are ICMPv6 Neighbor Discovery (else ARP).
inline constexpr bool is_nd(Category c)
{
	return c == Category::NdValid || c == Category::NdBadHeader ||
	       c == Category::NdBadOptions || c == Category::NdSpoof;
}

// A stable identifier (lower case, underscores) used in text and JSON.
std::string_view category_name(Category c);

inline constexpr std::size_t category_slot(Category c)
{
	return static_cast<std::size_t>(c);
}

using CategoryCounts = std::array<std::uint64_t, kCategoryCount>;

} // namespace arpfo::fuzz
