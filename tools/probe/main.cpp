// SPDX-License-Identifier: GPL-2.0-only
// arpfo-probe: ask who-has IP on an interface and report every answer.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "probe/link_socket.hpp"
#include "probe/options.hpp"
#include "probe/report.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point from, Clock::time_point to)
{
	return std::chrono::duration<double, std::milli>(to - from).count();
}

// Collects replies until the deadline; latency counts from the newest
// request sent before the reply arrived.
void collect(arpfo::LinkSocket &sock, const arpfo::ProbeOptions &o,
	     Clock::time_point sent_at, Clock::time_point deadline,
	     arpfo::ProbeResult &result)
{
	while (auto frame = sock.receive(deadline)) {
		const auto parsed = arpfo::parse_frame(*frame);
		const auto *pkt = std::get_if<arpfo::ArpPacket>(&parsed);

		if (pkt && arpfo::answers(*pkt, o.target))
			result.replies.push_back({pkt->sender_mac, ms_between(sent_at, Clock::now())});
	}
}

arpfo::ProbeResult run(const arpfo::ProbeOptions &o)
{
	arpfo::LinkSocket sock(o.iface);
	const auto frame = arpfo::build_request(sock.mac(), o.source.value_or(sock.ipv4()),
						o.target);
	arpfo::ProbeResult result{o.iface, o.target, 0, {}};

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

int main(int argc, char **argv)
{
	const std::vector<std::string_view> args(argv + 1, argv + argc);
	const auto parsed = arpfo::parse_probe_options(args);

	if (const auto *err = std::get_if<arpfo::UsageError>(&parsed)) {
		std::fprintf(stderr, "arpfo-probe: %s\n%s", err->message.c_str(),
			     arpfo::probe_usage().data());
		return 2;
	}
	const auto &opts = std::get<arpfo::ProbeOptions>(parsed);
	try {
		const auto result = run(opts);
		const std::string out = opts.json ? arpfo::render_json(result)
						  : arpfo::render_text(result);
		std::fputs(out.c_str(), stdout);
		return arpfo::exit_code(result);
	} catch (const std::system_error &e) {
		std::fprintf(stderr, "arpfo-probe: %s\n", e.what());
		return 2;
	}
}
