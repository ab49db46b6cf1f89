// SPDX-License-Identifier: GPL-2.0-only
#include "probe/options.hpp"

#include <charconv>
#include <net/if.h>

namespace arpfo {
namespace {

std::optional<unsigned int> parse_uint(std::string_view text, unsigned int min,
				       unsigned int max)
{
	unsigned int v = 0;
	auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), v);

	if (ec != std::errc{} || next != text.data() + text.size() || v < min || v > max)
		return std::nullopt;
	return v;
}

struct NumberOption {
	std::string_view name;
	unsigned int ProbeOptions::*field;
	unsigned int min;
	unsigned int max;
};

constexpr NumberOption kNumberOptions[] = {
	{"--count", &ProbeOptions::count, 1, 100000},
	{"--interval", &ProbeOptions::interval_ms, 1, 60000},
	{"--timeout", &ProbeOptions::timeout_ms, 0, 600000},
};

} // namespace

std::string probe_usage(std::string_view prog)
{
	const std::string head = "usage: " + std::string(prog) + " ";

	return head + "IFACE IP [--count N] [--interval MS] [--timeout MS]\n" +
	       std::string(head.size(), ' ') + "[--source IP] [--json]\n" +
	       "Sends N ARP who-has requests for IP from IFACE and reports every reply.\n"
	       "Exit status: 0 when exactly one MAC answered, 1 when none or several\n"
	       "did, 2 on a usage or system error.\n";
}

OptionsResult parse_probe_options(std::span<const std::string_view> args)
{
	ProbeOptions o;
	std::size_t positional = 0;

	for (std::size_t i = 0; i < args.size(); i++) {
		const std::string_view arg = args[i];

		if (arg == "--json") {
			o.json = true;
			continue;
		}
		if (arg.starts_with("--")) {
			if (i + 1 >= args.size())
				return UsageError{std::string(arg) + " needs a value"};
			const std::string_view val = args[++i];
			if (arg == "--source") {
				o.source = parse_ipv4(val);
				if (!o.source)
					return UsageError{"--source: not an IPv4 address: " + std::string(val)};
				continue;
			}
			bool known = false;
			for (const auto &n : kNumberOptions) {
				if (arg != n.name)
					continue;
				auto v = parse_uint(val, n.min, n.max);
				if (!v)
					return UsageError{std::string(arg) + ": expected a number from " +
							  std::to_string(n.min) + " to " +
							  std::to_string(n.max) + ", got '" +
							  std::string(val) + "'"};
				o.*n.field = *v;
				known = true;
			}
			if (!known)
				return UsageError{"unknown option " + std::string(arg)};
			continue;
		}
		if (positional == 0) {
			if (arg.empty() || arg.size() >= IF_NAMESIZE)
				return UsageError{"bad interface name '" + std::string(arg) + "'"};
			o.iface = arg;
		} else if (positional == 1) {
			auto ip = parse_ipv4(arg);
			if (!ip)
				return UsageError{"not an IPv4 address: " + std::string(arg)};
			o.target = *ip;
		} else {
			return UsageError{"unexpected argument '" + std::string(arg) + "'"};
		}
		positional++;
	}
	if (positional < 2)
		return UsageError{"IFACE and IP are required"};
	return o;
}

} // namespace arpfo
