// SPDX-License-Identifier: GPL-2.0-only
// An IP address of either family, as the module reports it: IPv4 (a u32
// in network byte order on the wire) or IPv6 (16 bytes).
#pragma once

#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "probe/arp_frame.hpp"

namespace arpfo {

// An IPv6 address in network byte order, as bytes on the wire.
using Ipv6 = std::array<std::uint8_t, 16>;

class IpAddr {
public:
	IpAddr() = default; // 0.0.0.0
	explicit IpAddr(const Ipv4 &v4) : value_(v4) {}
	explicit IpAddr(const Ipv6 &v6) : value_(v6) {}

	// From a u32 in network byte order, as netlink carries IPv4.
	static IpAddr from_be32(std::uint32_t network_order)
	{
		return IpAddr(std::bit_cast<Ipv4>(network_order));
	}
	// From exactly 16 bytes; throws std::invalid_argument otherwise.
	static IpAddr from_bytes6(std::span<const std::uint8_t> bytes);

	bool is_v6() const { return std::holds_alternative<Ipv6>(value_); }
	// "inet" or "inet6", as ip(8) names the families.
	std::string_view family_name() const { return is_v6() ? "inet6" : "inet"; }
	// "10.0.0.1"; "2001:db8::1" (compressed, as inet_ntop(3) writes it).
	std::string str() const;

	// IPv4 before IPv6, each in numeric order.
	auto operator<=>(const IpAddr &) const = default;
	bool operator==(const IpAddr &) const = default;

private:
	std::variant<Ipv4, Ipv6> value_;
};

} // namespace arpfo
