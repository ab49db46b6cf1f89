// SPDX-License-Identifier: GPL-2.0-only
#include "probe/run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <system_error>

#include "probe/link_socket.hpp"
#include "probe/options.hpp"
#include "probe/report.hpp"

namespace arpfo {
namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point from, Clock::time_point to)
{
	return std::chrono::duration<double, std::milli>(to - from).count();
}

// Collects replies until the deadline; latency counts from the newest
// request sent before the reply arrived.
void collect(LinkSocket &sock, const ProbeOptions &o, Clock::time_point sent_at,
	     Clock::time_point deadline, ProbeResult &result)
{
	while (auto frame = sock.receive(deadline)) {
		const auto parsed = parse_frame(*frame);
		const auto *pkt = std::get_if<ArpPacket>(&parsed);

		if (pkt && answers(*pkt, o.target))
			result.replies.push_back({pkt->sender_mac, ms_between(sent_at, Clock::now())});
	}
}

ProbeResult run(const ProbeOptions &o)
{
	LinkSocket sock(o.iface);
	const auto frame = build_request(sock.mac(), o.source.value_or(sock.ipv4()), o.target);
	ProbeResult result{o.iface, o.target, 0, {}};

	for (unsigned int i = 0; i < o.count; i++) {
		const auto sent_at = Clock::now();
		sock.send(frame);
		result.requests_sent++;
		const bool last = i + 1 == o.count;
		const auto wait = std::chrono::milliseconds(last ? o.timeout_ms : o.interval_ms);
		collect(sock, o, sent_at, sent_at + wait, result);
	}
	return result;
}

} // namespace

int probe_main(std::span<const std::string_view> args, std::string_view prog,
	       std::string_view prefix)
{
	const std::string who(prefix);

	if (std::any_of(args.begin(), args.end(),
			[](std::string_view a) { return a == "--help" || a == "-h"; })) {
		std::fputs(probe_usage(prog).c_str(), stdout);
		return 0;
	}
	const auto parsed = parse_probe_options(args);
	if (const auto *err = std::get_if<UsageError>(&parsed)) {
		std::fprintf(stderr, "%s: %s\n%s", who.c_str(), err->message.c_str(),
			     probe_usage(prog).c_str());
		return 2;
	}
	const auto &opts = std::get<ProbeOptions>(parsed);
	try {
		const auto result = run(opts);
		const std::string out = opts.json ? render_json(result) : render_text(result);
		std::fputs(out.c_str(), stdout);
		return exit_code(result);
	} catch (const std::system_error &e) {
		std::fprintf(stderr, "%s: %s\n", who.c_str(), e.what());
		return 2;
	}
}

} // namespace arpfo
