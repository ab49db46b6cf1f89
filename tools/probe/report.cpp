// SPDX-License-Identifier: GPL-2.0-only
#include "probe/report.hpp"

#include <algorithm>
#include <cstdio>

namespace arpfo {
namespace {

std::string fixed3(double v)
{
	char buf[32];

	std::snprintf(buf, sizeof(buf), "%.3f", v);
	return buf;
}

std::string_view verdict_name(Verdict v)
{
	switch (v) {
	case Verdict::None:
		return "none";
	case Verdict::Single:
		return "single";
	case Verdict::Multiple:
		return "multiple";
	}
	return "unknown";
}

} // namespace

bool answers(const ArpPacket &p, const Ipv4 &target)
{
	return p.op == ArpOp::Reply && p.sender_ip == target;
}

std::vector<Mac> distinct_macs(const ProbeResult &r)
{
	std::vector<Mac> macs;

	for (const auto &reply : r.replies)
		if (std::find(macs.begin(), macs.end(), reply.mac) == macs.end())
			macs.push_back(reply.mac);
	return macs;
}

Verdict verdict(const ProbeResult &r)
{
	const std::size_t n = distinct_macs(r).size();

	return n == 0 ? Verdict::None : n == 1 ? Verdict::Single : Verdict::Multiple;
}

int exit_code(const ProbeResult &r)
{
	return verdict(r) == Verdict::Single ? 0 : 1;
}

std::string render_text(const ProbeResult &r)
{
	std::string out = "who-has " + format_ipv4(r.target) + " on " + r.iface + ": " +
			  std::to_string(r.requests_sent) + " requests, " +
			  std::to_string(r.replies.size()) + " replies\n";

	for (const auto &reply : r.replies)
		out += "  reply from " + format_mac(reply.mac) + "  " +
		       fixed3(reply.latency_ms) + " ms\n";

	const auto macs = distinct_macs(r);
	out += std::to_string(macs.size()) + " distinct MAC" + (macs.size() == 1 ? "" : "s");
	for (const auto &m : macs)
		out += " " + format_mac(m);
	out += " (" + std::string(verdict_name(verdict(r))) + ")\n";
	return out;
}

std::string render_json(const ProbeResult &r)
{
	// Interface names are at most 15 bytes and cannot hold '"', '/' or
	// whitespace, but may hold '\\'; escape it and control characters.
	std::string iface;
	for (char c : r.iface) {
		if (c == '\\' || c == '"') {
			iface += '\\';
			iface += c;
		} else if (static_cast<unsigned char>(c) < 0x20) {
			char buf[8];
			std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned int>(c));
			iface += buf;
		} else {
			iface += c;
		}
	}

	std::string out = "{\"interface\":\"" + iface + "\",\"target\":\"" +
			  format_ipv4(r.target) + "\",\"requests\":" +
			  std::to_string(r.requests_sent) + ",\"replies\":[";
	for (std::size_t i = 0; i < r.replies.size(); i++)
		out += std::string(i ? "," : "") + "{\"mac\":\"" + format_mac(r.replies[i].mac) +
		       "\",\"latency_ms\":" + fixed3(r.replies[i].latency_ms) + "}";
	out += "],\"macs\":[";
	const auto macs = distinct_macs(r);
	for (std::size_t i = 0; i < macs.size(); i++)
		out += std::string(i ? "," : "") + "\"" + format_mac(macs[i]) + "\"";
	out += "],\"verdict\":\"" + std::string(verdict_name(verdict(r))) + "\"}\n";
	return out;
}

} // namespace arpfo
