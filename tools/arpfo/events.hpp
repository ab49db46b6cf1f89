// SPDX-License-Identifier: GPL-2.0-only
// `arpfo monitor`: one line of text or one JSON object per event.
// Pure functions; the caller supplies the timestamp text.
#pragma once

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>

#include "arpfo/model.hpp"
#include "arpfo/names.hpp"

namespace arpfo {

enum class EventKind {
	AdapterNew,
	AdapterDel,
	Carrier,
	Healthy,
	Takeover,   // RESPONDER with NEW another adapter
	Reclaim,    // RESPONDER with NEW == IFINDEX, OLD another adapter
	Answering,  // RESPONDER with NEW == IFINDEX, OLD 0: first answer
	Unanswered, // RESPONDER with NEW == 0
	PnetChange,
	ProbeRejected,
	AddrNew,
	AddrDel,
	VipaDuty, // NEW 1: answers for the host's VIPAs on its pnet, 0: no longer
	Judged,	  // OLD -> NEW enum arpfo_judgement: how its path was judged
	AddrLost, // ADDR left it while NEW answered for it (path judged OLD)
	Unknown,
};

EventKind classify(const Event &e);
// adapter_new, ..., vipa_duty, judged; "unknown(N)" for an unknown type.
std::string event_name(const Event &e);

// "2026-11-26T00:41:02.123": @tm with @ms milliseconds.
std::string format_time(const std::tm &tm, unsigned int ms);
// @t in the local time zone.
std::string format_local_time(std::chrono::system_clock::time_point t);

// "TIME IFNAME what happened\n". The event's own IFNAME names IFINDEX;
// @names resolves the other ifindexes (responders).
std::string render_event_line(const Event &e, std::string_view time, const Names &names,
			      bool color);
// One JSON object and a newline.
std::string render_event_json(const Event &e, std::string_view time, const Names &names);

} // namespace arpfo
