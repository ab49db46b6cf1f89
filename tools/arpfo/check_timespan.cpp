// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_timespan.hpp"

#include <algorithm>
#include <charconv>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

// One unit of a time span: its suffixes and length in microseconds.
struct TimeUnit {
	std::string_view suffix;
	std::uint64_t usec;
};

constexpr std::uint64_t kSec = 1000000;
constexpr TimeUnit kUnits[] = {
	{"usec", 1},
	{"us", 1},
	{"µs", 1},
	{"msec", 1000},
	{"ms", 1000},
	{"seconds", kSec},
	{"second", kSec},
	{"sec", kSec},
	{"s", kSec},
	{"minutes", 60 * kSec},
	{"minute", 60 * kSec},
	{"min", 60 * kSec},
	{"months", 2629800 * kSec},
	{"month", 2629800 * kSec},
	{"M", 2629800 * kSec},
	{"m", 60 * kSec},
	{"hours", 3600 * kSec},
	{"hour", 3600 * kSec},
	{"hr", 3600 * kSec},
	{"h", 3600 * kSec},
	{"days", 86400 * kSec},
	{"day", 86400 * kSec},
	{"d", 86400 * kSec},
	{"weeks", 604800 * kSec},
	{"week", 604800 * kSec},
	{"w", 604800 * kSec},
	{"years", 31557600 * kSec},
	{"year", 31557600 * kSec},
	{"y", 31557600 * kSec},
};

} // namespace

std::optional<std::uint64_t> parse_timespan_usec(std::string_view s)
{
	const std::string t = trim(s);
	std::uint64_t total = 0;

	if (t == "infinity")
		return kTimespanInfinity;
	std::string_view rest = t;
	if (rest.empty())
		return std::nullopt;
	while (!rest.empty()) {
		std::uint64_t n = 0;
		const auto [next, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
		if (ec != std::errc{})
			return std::nullopt;
		rest.remove_prefix(static_cast<std::size_t>(next - rest.data()));
		const std::size_t word = std::min(rest.find_first_of(" \t0123456789"), rest.size());
		const std::string_view unit = rest.substr(0, word);
		std::uint64_t scale = kSec;
		if (!unit.empty()) {
			const auto u =
				std::find_if(std::begin(kUnits), std::end(kUnits),
					     [&](const TimeUnit &x) { return x.suffix == unit; });
			if (u == std::end(kUnits))
				return std::nullopt;
			scale = u->usec;
		}
		total += n * scale;
		rest.remove_prefix(word);
		while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
			rest.remove_prefix(1);
	}
	return total;
}

} // namespace arpfo::check
