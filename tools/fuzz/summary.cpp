// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/summary.hpp"

#include <cstdio>

namespace arpfo::fuzz {
namespace {

std::string fixed(double v, int decimals)
{
	char buf[48];

	std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	return buf;
}

// Error messages are ours (interface names, strerror), but may still
// carry a '"' or '\\' from an interface name.
std::string json_string(const std::string &s)
{
	std::string out = "\"";

	for (char c : s) {
		if (c == '\\' || c == '"') {
			out += '\\';
			out += c;
		} else if (static_cast<unsigned char>(c) < 0x20) {
			char buf[8];
			std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned int>(c));
			out += buf;
		} else {
			out += c;
		}
	}
	return out + "\"";
}

} // namespace

int exit_code(const FuzzReport &r)
{
	return r.run.sent == r.requested && r.error.empty() ? 0 : 1;
}

double frames_per_second(const RunStats &s)
{
	return s.seconds > 0 ? static_cast<double>(s.sent) / s.seconds : 0;
}

std::string render_progress(const RunStats &s, std::uint64_t requested)
{
	const double pct = requested ? 100.0 * static_cast<double>(s.sent) /
					       static_cast<double>(requested)
				     : 100.0;

	return "arpfo-fuzz: " + std::to_string(s.sent) + "/" + std::to_string(requested) +
	       " frames (" + fixed(pct, 0) + "%), " + fixed(frames_per_second(s), 0) +
	       " frames/s\n";
}

std::string render_text(const FuzzReport &r)
{
	std::string out = "arpfo-fuzz: seed " + std::to_string(r.seed) + ", " +
			  std::to_string(r.requested) + " frames requested on " + r.iface + "\n";
	std::string counts;

	for (Category c : kAllCategories) {
		const std::string name(category_name(c));
		const std::string n = std::to_string(r.run.per_category[category_slot(c)]);
		std::string pad(name.size() < 16 ? 16 - name.size() : 1, ' ');
		out += "arpfo-fuzz:   " + name + pad + n + "\n";
		counts += (counts.empty() ? "" : ", ") + name + " " + n;
	}
	out += "arpfo-fuzz: " + fixed(frames_per_second(r.run), 0) + " frames/s, " +
	       std::to_string(r.run.backoffs) + " back-offs on a full queue, " +
	       (r.link_dropped ? std::to_string(*r.link_dropped) : std::string("unknown")) +
	       " dropped by " + r.iface + " after sending\n";
	out += "arpfo-fuzz: sent " + std::to_string(r.run.sent) + " frames (" + counts + ") in " +
	       fixed(r.run.seconds, 3) + " s\n";
	return out;
}

std::string render_json(const FuzzReport &r)
{
	std::string out = "{\"interface\":" + json_string(r.iface) +
			  ",\"seed\":" + std::to_string(r.seed) +
			  ",\"requested\":" + std::to_string(r.requested) +
			  ",\"sent\":" + std::to_string(r.run.sent) + ",\"categories\":{";

	for (std::size_t i = 0; i < kAllCategories.size(); i++)
		out += std::string(i ? "," : "") + "\"" +
		       std::string(category_name(kAllCategories[i])) +
		       "\":" + std::to_string(r.run.per_category[i]);
	out += "},\"seconds\":" + fixed(r.run.seconds, 3) +
	       ",\"frames_per_second\":" + fixed(frames_per_second(r.run), 0) +
	       ",\"backoffs\":" + std::to_string(r.run.backoffs) + ",\"link_dropped\":" +
	       (r.link_dropped ? std::to_string(*r.link_dropped) : std::string("null")) +
	       ",\"error\":" + (r.error.empty() ? std::string("null") : json_string(r.error)) +
	       "}\n";
	return out;
}

} // namespace arpfo::fuzz
