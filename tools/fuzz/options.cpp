// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/options.hpp"

#include <charconv>
#include <string>

#include <arpa/inet.h>
#include <net/if.h>

namespace arpfo::fuzz {
namespace {

std::optional<std::uint64_t> number_in(std::string_view text, std::uint64_t min,
				       std::uint64_t max)
{
	auto v = parse_u64(text);

	if (!v || *v < min || *v > max)
		return std::nullopt;
	return v;
}

UsageError range_error(std::string_view opt, std::uint64_t min, std::uint64_t max,
		       std::string_view got)
{
	return UsageError{std::string(opt) + ": expected a number from " + std::to_string(min) +
			  " to " + std::to_string(max) + ", got '" + std::string(got) + "'"};
}

bool takes_value(std::string_view opt)
{
	static constexpr std::string_view kOptions[] = {
		"--count", "--seed", "--rate", "--target-mac", "--target-ip", "--unrelated-ip",
		"--replay",
	};

	for (auto known : kOptions)
		if (opt == known)
			return true;
	return false;
}

// Applies one option that takes a value; the error, if any.
std::optional<UsageError> apply(FuzzOptions &o, std::string_view opt, std::string_view val)
{
	if (opt == "--count") {
		auto v = number_in(val, 1, kMaxCount);
		if (!v)
			return range_error(opt, 1, kMaxCount, val);
		o.count = *v;
	} else if (opt == "--seed") {
		o.seed = parse_u64(val);
		if (!o.seed)
			return UsageError{"--seed: expected a 64-bit number, got '" +
					  std::string(val) + "'"};
	} else if (opt == "--rate") {
		auto v = number_in(val, 1, kMaxRate);
		if (!v)
			return range_error(opt, 1, kMaxRate, val);
		o.rate = *v;
	} else if (opt == "--target-mac") {
		auto mac = parse_mac(val);
		if (!mac)
			return UsageError{"--target-mac: not a MAC address: '" + std::string(val) + "'"};
		o.target_macs.push_back(*mac);
	} else if (opt == "--target-ip" || opt == "--unrelated-ip") {
		const bool target = opt == "--target-ip";
		if (auto ip = parse_ipv4(val)) {
			if (target)
				o.target_ips.push_back(*ip);
			else
				o.unrelated_ip = *ip;
		} else if (auto ip6 = parse_ipv6(val)) {
			if (target)
				o.target_ip6s.push_back(*ip6);
			else
				o.unrelated_ip6 = *ip6;
		} else {
			return UsageError{std::string(opt) + ": not an IPv4 or IPv6 address: '" +
					  std::string(val) + "'"};
		}
	} else if (opt == "--replay") {
		if (val.empty())
			return UsageError{"--replay: empty file name"};
		o.replay_path = val;
	} else {
		return UsageError{"unknown option " + std::string(opt)};
	}
	return std::nullopt;
}

} // namespace

std::string_view fuzz_usage()
{
	return "usage: arpfo-fuzz IFACE --count N [--seed S] [--target-mac MAC]...\n"
	       "                  [--target-ip IP]... [--unrelated-ip IP] [--replay HEXFILE]\n"
	       "                  [--rate PPS] [--json]\n"
	       "Sends N malformed, hostile and valid-looking ARP and ICMPv6 Neighbor\n"
	       "Discovery frames on IFACE, aimed at the given MACs and addresses (IPv4 or\n"
	       "IPv6; each option is repeatable) of an arp_failover host. The same seed\n"
	       "sends the same frames. HEXFILE holds captured probes and liveness frames,\n"
	       "one per line in hex.\n"
	       "Exit status: 0 when every frame was sent, 1 when sending failed, 2 on a\n"
	       "usage or setup error.\n";
}

std::optional<std::uint64_t> parse_u64(std::string_view text)
{
	int base = 10;
	std::uint64_t v = 0;

	if (text.starts_with("0x") || text.starts_with("0X")) {
		text.remove_prefix(2);
		base = 16;
	}
	if (text.empty())
		return std::nullopt;
	auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
	if (ec != std::errc{} || next != text.data() + text.size())
		return std::nullopt;
	return v;
}

std::optional<Ipv6> parse_ipv6(std::string_view text)
{
	const std::string s(text);
	Ipv6 ip{};

	// inet_pton() takes no scope ("%eth0") and no prefix length.
	if (s.empty() || inet_pton(AF_INET6, s.c_str(), ip.data()) != 1)
		return std::nullopt;
	return ip;
}

std::optional<Mac> parse_mac(std::string_view text)
{
	Mac mac{};

	if (text.size() != 17)
		return std::nullopt;
	for (std::size_t i = 0; i < mac.size(); i++) {
		const char *p = text.data() + 3 * i;
		if (i > 0 && p[-1] != ':' && p[-1] != '-')
			return std::nullopt;
		auto [next, ec] = std::from_chars(p, p + 2, mac[i], 16);
		if (ec != std::errc{} || next != p + 2)
			return std::nullopt;
	}
	return mac;
}

OptionsResult parse_fuzz_options(std::span<const std::string_view> args)
{
	FuzzOptions o;
	bool have_iface = false;

	for (std::size_t i = 0; i < args.size(); i++) {
		const std::string_view arg = args[i];

		if (arg == "--json") {
			o.json = true;
			continue;
		}
		if (arg.starts_with("-")) {
			if (!takes_value(arg))
				return UsageError{"unknown option " + std::string(arg)};
			if (i + 1 >= args.size())
				return UsageError{std::string(arg) + " needs a value"};
			if (auto err = apply(o, arg, args[++i]))
				return *err;
			continue;
		}
		if (have_iface)
			return UsageError{"unexpected argument '" + std::string(arg) + "'"};
		if (arg.empty() || arg.size() >= IF_NAMESIZE)
			return UsageError{"bad interface name '" + std::string(arg) + "'"};
		o.iface = arg;
		have_iface = true;
	}
	if (!have_iface)
		return UsageError{"IFACE is required"};
	if (o.count == 0)
		return UsageError{"--count N is required"};
	return o;
}

} // namespace arpfo::fuzz
