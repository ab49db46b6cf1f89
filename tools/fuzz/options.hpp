// SPDX-License-Identifier: GPL-2.0-only
// Command line of arpfo-fuzz.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz/frame.hpp"
#include "probe/arp_frame.hpp"

namespace arpfo::fuzz {

struct FuzzOptions {
	std::string iface;
	std::uint64_t count = 0;	      // frames to send, required
	std::optional<std::uint64_t> seed;    // default: a random one, reported
	std::vector<Mac> target_macs;	      // --target-mac, repeatable
	std::vector<Ipv4> target_ips;	      // --target-ip IPv4, repeatable
	std::vector<Ipv6> target_ip6s;	      // --target-ip IPv6, repeatable
	Ipv4 unrelated_ip{192, 0, 2, 1};      // --unrelated-ip IPv4
	Ipv6 unrelated_ip6 = FuzzContext{}.unrelated_ip6; // --unrelated-ip IPv6
	std::string replay_path;	      // --replay, empty when none
	std::uint64_t rate = 0;		      // frames per second, 0: no limit
	bool json = false;
};

struct UsageError {
	std::string message;
};

using OptionsResult = std::variant<FuzzOptions, UsageError>;

inline constexpr std::uint64_t kMaxCount = 1'000'000'000'000;
inline constexpr std::uint64_t kMaxRate = 100'000'000;

OptionsResult parse_fuzz_options(std::span<const std::string_view> args);
std::string_view fuzz_usage();

// "02:00:00:aa:bb:01" (or with '-'), any case.
std::optional<Mac> parse_mac(std::string_view text);
// "2001:db8::1", as inet_pton(3) reads it.
std::optional<Ipv6> parse_ipv6(std::string_view text);
// Decimal, or hexadecimal with a 0x prefix.
std::optional<std::uint64_t> parse_u64(std::string_view text);

} // namespace arpfo::fuzz
