// SPDX-License-Identifier: GPL-2.0-only
// Ethernet/IPv4 ARP frames: building who-has requests and parsing what
// comes back. Pure functions over byte spans; no sockets.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace arpfo {

using Mac = std::array<std::uint8_t, 6>;

// An IPv4 address in network byte order, as bytes on the wire.
using Ipv4 = std::array<std::uint8_t, 4>;

inline constexpr std::size_t kEthHeaderLen = 14;
inline constexpr std::size_t kArpPayloadLen = 28;
// Ethernet's minimum frame (without FCS); shorter frames are padded.
inline constexpr std::size_t kMinFrameLen = 60;

enum class ArpOp : std::uint16_t { Request = 1, Reply = 2 };

struct ArpPacket {
	Mac eth_src{};
	Mac eth_dst{};
	ArpOp op{ArpOp::Request};
	Mac sender_mac{};
	Ipv4 sender_ip{};
	Mac target_mac{};
	Ipv4 target_ip{};
};

// Why a frame is not an Ethernet/IPv4 ARP packet.
struct ParseError {
	std::string reason;
};

using ParseResult = std::variant<ArpPacket, ParseError>;

std::array<std::uint8_t, kMinFrameLen> build_request(const Mac &src_mac,
						     const Ipv4 &src_ip,
						     const Ipv4 &target_ip);
ParseResult parse_frame(std::span<const std::uint8_t> frame);

std::string format_mac(const Mac &mac);
std::string format_ipv4(const Ipv4 &ip);
std::optional<Ipv4> parse_ipv4(std::string_view text);

} // namespace arpfo
