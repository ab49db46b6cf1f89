// SPDX-License-Identifier: GPL-2.0-only
// What a probe saw, and how it is shown to people and to scripts.
#pragma once

#include <string>
#include <vector>

#include "probe/arp_frame.hpp"

namespace arpfo {

struct ProbeReply {
	Mac mac{};
	double latency_ms = 0;
};

struct ProbeResult {
	std::string iface;
	Ipv4 target{};
	unsigned int requests_sent = 0;
	std::vector<ProbeReply> replies;
};

enum class Verdict { None, Single, Multiple };

// Distinct answering MACs, in the order they were first seen.
std::vector<Mac> distinct_macs(const ProbeResult &r);
Verdict verdict(const ProbeResult &r);
int exit_code(const ProbeResult &r);
std::string render_text(const ProbeResult &r);
std::string render_json(const ProbeResult &r);

// Whether a parsed frame answers a who-has for target.
bool answers(const ArpPacket &p, const Ipv4 &target);

} // namespace arpfo
