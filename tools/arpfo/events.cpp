// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/events.hpp"

#include <cstdio>
#include <linux/arp_failover.h>

#include "arpfo/color.hpp"
#include "arpfo/json.hpp"
#include "arpfo/render.hpp"

namespace arpfo {
namespace {

// The name of @ifindex as this event tells it, else as @names resolve it.
std::string name_in(const Event &e, std::uint32_t ifindex, const Names &names)
{
	if (ifindex == e.ifindex && e.ifname && !e.ifname->empty())
		return *e.ifname;
	return names(ifindex);
}

std::string responder_text(const Event &e, std::uint32_t ifindex, const Names &names)
{
	return ifindex == 0 ? "none" : name_in(e, ifindex, names);
}

std::string reject_reason(const Event &e)
{
	if (!e.reason)
		return "";
	switch (*e.reason) {
	case ARPFO_REJECT_FORGED:
		return "forged";
	case ARPFO_REJECT_STALE:
		return "stale";
	default:
		return "unknown(" + std::to_string(*e.reason) + ")";
	}
}

struct Description {
	std::string text;
	Paint paint = Paint::None;
};

Description describe(const Event &e, const Names &names)
{
	const std::uint32_t old_v = e.old_value.value_or(0);
	const std::uint32_t new_v = e.new_value.value_or(0);

	switch (classify(e)) {
	case EventKind::AdapterNew:
		return {"managed"};
	case EventKind::AdapterDel:
		return {"no longer managed"};
	case EventKind::Carrier:
		return new_v ? Description{"carrier up", Paint::Good}
			     : Description{"carrier down", Paint::Bad};
	case EventKind::Healthy:
		return new_v ? Description{"healthy", Paint::Good}
			     : Description{"not healthy", Paint::Warn};
	case EventKind::Takeover:
		return {"takeover: " + name_in(e, new_v, names) + " answers for it (was " +
				responder_text(e, old_v, names) + ")",
			Paint::Moved};
	case EventKind::Reclaim:
		return {"reclaim: answers for its addresses again (was " +
				responder_text(e, old_v, names) + ")",
			Paint::Good};
	case EventKind::Answering:
		return {"answers for its addresses", Paint::Good};
	case EventKind::Unanswered:
		return {"no healthy adapter: its addresses go unanswered", Paint::Bad};
	case EventKind::PnetChange:
		return {"pnet " + std::to_string(old_v) + " -> " + std::to_string(new_v)};
	case EventKind::ProbeRejected: {
		const std::string mac = e.mac ? format_mac(*e.mac) : "?";
		const std::string reason = reject_reason(e);
		if (reason == "forged")
			return {"dropped a forged probe from " + mac, Paint::Warn};
		if (reason == "stale")
			return {"dropped a stale or replayed probe from " + mac, Paint::Warn};
		return {"dropped a probe from " + mac +
				(reason.empty() ? "" : " (reason " + reason + ")"),
			Paint::Warn};
	}
	case EventKind::AddrNew:
		return {"address " + e.addr.value_or(IpAddr()).str() + " managed"};
	case EventKind::AddrDel:
		return {"address " + e.addr.value_or(IpAddr()).str() + " withdrawn"};
	case EventKind::VipaDuty:
		// Losing the duty is no failure by itself: a sibling's gain follows.
		return new_v ? Description{"VIPA duty: answers for the host's VIPAs on its pnet",
					   Paint::Good}
			     : Description{"VIPA duty: no longer answers for the VIPAs"};
	case EventKind::Judged:
		return {"judged " + judgement_name(old_v) + " -> " + judgement_name(new_v),
			new_v == ARPFO_JUDGED_OK ? Paint::Good : Paint::Bad};
	case EventKind::AddrLost:
		return {"address " + e.addr.value_or(IpAddr()).str() + " removed while " +
				responder_text(e, new_v, names) + " answers for it (" +
				judgement_name(old_v) + "): the takeover cannot hold it",
			Paint::Bad};
	case EventKind::Unknown:
		break;
	}
	return {"unknown event " + std::to_string(e.type)};
}

void json_ifname(JsonWriter &w, std::string_view key, const Event &e, std::uint32_t ifindex,
		 const Names &names)
{
	w.key(key);
	if (ifindex == 0)
		w.null();
	else
		w.string(name_in(e, ifindex, names));
}

} // namespace

EventKind classify(const Event &e)
{
	switch (e.type) {
	case ARPFO_EVENT_ADAPTER_NEW:
		return EventKind::AdapterNew;
	case ARPFO_EVENT_ADAPTER_DEL:
		return EventKind::AdapterDel;
	case ARPFO_EVENT_CARRIER:
		return EventKind::Carrier;
	case ARPFO_EVENT_HEALTHY:
		return EventKind::Healthy;
	case ARPFO_EVENT_RESPONDER: {
		const std::uint32_t n = e.new_value.value_or(0);
		if (n == 0)
			return EventKind::Unanswered;
		if (n != e.ifindex)
			return EventKind::Takeover;
		return e.old_value.value_or(0) ? EventKind::Reclaim : EventKind::Answering;
	}
	case ARPFO_EVENT_PNET:
		return EventKind::PnetChange;
	case ARPFO_EVENT_PROBE_REJECTED:
		return EventKind::ProbeRejected;
	case ARPFO_EVENT_ADDR_NEW:
		return EventKind::AddrNew;
	case ARPFO_EVENT_ADDR_DEL:
		return EventKind::AddrDel;
	case ARPFO_EVENT_VIPA_DUTY:
		return EventKind::VipaDuty;
	case ARPFO_EVENT_JUDGED:
		return EventKind::Judged;
	case ARPFO_EVENT_ADDR_LOST:
		return EventKind::AddrLost;
	default:
		return EventKind::Unknown;
	}
}

std::string event_name(const Event &e)
{
	switch (classify(e)) {
	case EventKind::AdapterNew:
		return "adapter_new";
	case EventKind::AdapterDel:
		return "adapter_del";
	case EventKind::Carrier:
		return "carrier";
	case EventKind::Healthy:
		return "healthy";
	case EventKind::Takeover:
		return "takeover";
	case EventKind::Reclaim:
		return "reclaim";
	case EventKind::Answering:
		return "answering";
	case EventKind::Unanswered:
		return "unanswered";
	case EventKind::PnetChange:
		return "pnet";
	case EventKind::ProbeRejected:
		return "probe_rejected";
	case EventKind::AddrNew:
		return "addr_new";
	case EventKind::AddrDel:
		return "addr_del";
	case EventKind::VipaDuty:
		return "vipa_duty";
	case EventKind::Judged:
		return "judged";
	case EventKind::AddrLost:
		return "addr_lost";
	case EventKind::Unknown:
		break;
	}
	return "unknown(" + std::to_string(e.type) + ")";
}

std::string format_time(const std::tm &tm, unsigned int ms)
{
	char buf[64];
	char out[80];

	if (std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		buf[0] = '\0';
	std::snprintf(out, sizeof(out), "%s.%03u", buf, ms % 1000);
	return out;
}

std::string format_local_time(std::chrono::system_clock::time_point t)
{
	using namespace std::chrono;
	const auto since = t.time_since_epoch();
	const auto secs = floor<seconds>(since);
	const std::time_t tt = static_cast<std::time_t>(secs.count());
	std::tm tm{};

	localtime_r(&tt, &tm);
	return format_time(tm, static_cast<unsigned int>(duration_cast<milliseconds>(since - secs).count()));
}

std::string render_event_line(const Event &e, std::string_view time, const Names &names,
			      bool color)
{
	const Description d = describe(e, names);

	return std::string(time) + " " + name_in(e, e.ifindex, names) + " " +
	       paint(d.text, d.paint, color) + "\n";
}

std::string render_event_json(const Event &e, std::string_view time, const Names &names)
{
	JsonWriter w;
	const EventKind kind = classify(e);
	const bool responder = kind == EventKind::Takeover || kind == EventKind::Reclaim ||
			       kind == EventKind::Unanswered;

	w.begin_object();
	w.key("time").string(time);
	w.key("event").string(event_name(e));
	w.key("ifname").string(name_in(e, e.ifindex, names));
	w.key("ifindex").number(e.ifindex);
	if (e.old_value)
		w.key("old").number(*e.old_value);
	if (e.new_value)
		w.key("new").number(*e.new_value);
	if (responder) {
		json_ifname(w, "old_ifname", e, e.old_value.value_or(0), names);
		json_ifname(w, "new_ifname", e, e.new_value.value_or(0), names);
	}
	if (kind == EventKind::AddrLost) {
		json_ifname(w, "answered_by", e, e.new_value.value_or(0), names);
		w.key("judged").string(judgement_name(e.old_value.value_or(0)));
	}
	if (kind == EventKind::Judged) {
		w.key("old_judged").string(judgement_name(e.old_value.value_or(0)));
		w.key("new_judged").string(judgement_name(e.new_value.value_or(0)));
	}
	if (e.addr) {
		w.key("address").string(e.addr->str());
		w.key("family").string(e.addr->family_name());
	}
	if (e.mac)
		w.key("mac").string(format_mac(*e.mac));
	if (kind == EventKind::ProbeRejected && e.reason)
		w.key("reason").string(reject_reason(e));
	w.end_object();
	return w.str() + "\n";
}

} // namespace arpfo
