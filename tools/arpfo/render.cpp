// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/render.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>
#include <linux/arp_failover.h>

#include "arpfo/json.hpp"
#include "arpfo/membership.hpp"
#include "arpfo/table.hpp"

namespace arpfo {
namespace {

Paint state_paint(std::uint32_t state)
{
	switch (state) {
	case ARPFO_STATE_HEALTHY:
		return Paint::Good;
	case ARPFO_STATE_DELAYED:
		return Paint::Warn;
	case ARPFO_STATE_DOWN:
	case ARPFO_STATE_FAILED:
		return Paint::Bad;
	default:
		return Paint::None;
	}
}

// A path judged anything but ok does not work, whatever its carrier says.
Paint judged_paint(std::uint32_t judged)
{
	return judged == ARPFO_JUDGED_OK ? Paint::Good : Paint::Bad;
}

Paint pnet_paint(const Pnet &p)
{
	const std::string s = pnet_state(p);

	return s == "ok" ? Paint::Good : s == "failed" ? Paint::Bad : Paint::Warn;
}

// Who answers for @owner's addresses: "-" (in red) when nobody does,
// highlighted when another adapter took them over.
Cell responder_cell(std::uint32_t responder, std::uint32_t owner, const Names &names)
{
	if (responder == 0)
		return {"-", Paint::Bad};
	return {names(responder), responder == owner ? Paint::None : Paint::Moved};
}

// The pnets that have a VIPA holder, by id.
std::vector<const Pnet *> vipa_held(std::span<const Pnet> pnets)
{
	std::vector<const Pnet *> out;

	for (const auto &p : pnets)
		if (p.vipa_holder != 0)
			out.push_back(&p);
	std::stable_sort(out.begin(), out.end(),
			 [](const Pnet *a, const Pnet *b) { return a->id < b->id; });
	return out;
}

// Who answers for a VIPA: the holder of each pnet, "eth0 (pnet 1), eth2
// (pnet 2)"; "-" (in red) when no pnet has one.
Cell vipa_cell(std::span<const Pnet> pnets, const Names &names)
{
	std::string out;

	for (const Pnet *p : vipa_held(pnets))
		out += (out.empty() ? "" : ", ") + names(p->vipa_holder) + " (pnet " +
		       std::to_string(p->id) + ")";
	if (out.empty())
		return {"-", Paint::Bad};
	return {out};
}

// The name of the L3 master device @l3dev (a VRF), "-" for none.
std::string l3dev_text(std::uint32_t l3dev, const Names &names)
{
	return l3dev == 0 ? "-" : names(l3dev);
}

// An age in milliseconds, "40ms"; "-" for never.
std::string age_text(std::optional<std::uint32_t> ms)
{
	return ms ? std::to_string(*ms) + "ms" : "-";
}

// What it hears of its siblings and they of it: "40ms/120ms", each part
// "-" for never.
std::string heard_text(const Adapter &a)
{
	return age_text(a.hears_ms) + "/" + age_text(a.heard_ms);
}

// The target it probes, where it came from and when it last answered:
// "10.0.0.254 (gateway, 40ms)", "10.0.0.254 (never)" from a module that
// does not say where; "-" for no target.
std::string target_text(const Adapter &a)
{
	if (!a.target)
		return "-";
	const std::string src = target_src_name(a.target_src);
	return a.target->str() + " (" + (src.empty() ? "" : src + ", ") +
	       (a.target_ms ? age_text(a.target_ms) : "never") + ")";
}

// Marks an adapter whose addresses were removed while a sibling answered
// for it; a footnote under the table says what it means.
constexpr std::string_view kLostMark = "!";

// Its name, marked (in red) when it lost addresses during a takeover.
Cell adapter_name_cell(const Adapter &a, const Names &names)
{
	if (a.addrs_lost == 0)
		return {names(a.ifindex)};
	return {names(a.ifindex) + std::string(kLostMark), Paint::Bad};
}

// "! eth0: 2 addresses removed while eth1 answers for it: ..." for each
// marked adapter, one line each; "" when none is marked.
std::string lost_footnotes(std::span<const Adapter> adapters, const Names &names)
{
	std::string out;

	for (const auto &a : adapters) {
		if (a.addrs_lost == 0)
			continue;
		const std::string n = std::to_string(a.addrs_lost);
		out += std::string(kLostMark) + " " + names(a.ifindex) + ": " + n +
		       (a.addrs_lost == 1 ? " address" : " addresses") + " removed while " +
		       (a.responder ? names(a.responder) : "a sibling") +
		       " answers for it: the takeover cannot hold them. A network manager "
		       "deconfigured them? See \"Network managers\" in the admin guide.\n";
	}
	return out;
}

// The cell of @field for adapter @a.
Cell adapter_cell(const Adapter &a, AdapterField field, const Names &names)
{
	const auto &s = a.stats;

	switch (field) {
	case AdapterField::Adapter:
		return adapter_name_cell(a, names);
	case AdapterField::Pnet:
		return {std::to_string(a.pnet)};
	case AdapterField::State:
		return {state_name(a.state), state_paint(a.state)};
	case AdapterField::Probing:
		return {a.probing ? "yes" : "no"};
	case AdapterField::AnsweredBy:
		return responder_cell(a.responder, a.ifindex, names);
	case AdapterField::Priority:
		return {std::to_string(a.priority)};
	case AdapterField::Kind:
		return {kind_name(a.kind)};
	case AdapterField::Vipa:
		return {a.vipa_duty ? "yes" : "no"};
	case AdapterField::MacAddress:
		return {a.mac ? format_mac(*a.mac) : "-"};
	case AdapterField::Takeovers:
		return {std::to_string(s.takeovers)};
	case AdapterField::Reclaims:
		return {std::to_string(s.reclaims)};
	case AdapterField::Replies:
		return {std::to_string(s.replies)};
	case AdapterField::Dropped:
		return {std::to_string(s.dropped)};
	case AdapterField::Probes:
		return {std::to_string(s.probes_sent) + "/" + std::to_string(s.probes_heard)};
	case AdapterField::Rejected:
		return {std::to_string(s.probes_rejected)};
	case AdapterField::Announced:
		return {std::to_string(s.announcements)};
	case AdapterField::Vrf:
		return {l3dev_text(a.l3dev, names)};
	case AdapterField::Judged:
		return {judgement_name(a.judged), judged_paint(a.judged)};
	case AdapterField::Heard:
		return {heard_text(a)};
	case AdapterField::Target:
		return {target_text(a)};
	}
	return {};
}

std::string members_of(const Pnet &p, const Names &names)
{
	std::string out;

	for (const auto m : p.members)
		out += (out.empty() ? "" : " ") + names(m);
	return out.empty() ? "-" : out;
}

// The name of @responder (any ifindex, an L3 master's too), null for 0.
void json_responder(JsonWriter &w, std::uint32_t responder, const Names &names)
{
	if (responder == 0)
		w.null();
	else
		w.string(names(responder));
}

// Every adapter answering ARP for @a: the VIPA holders of all pnets by
// pnet id for a VIPA, else its responder (none when it has none).
void json_answered_by(JsonWriter &w, const Address &a, std::span<const Pnet> pnets,
		      const Names &names)
{
	w.key("answered_by").begin_array();
	if (a.vipa) {
		for (const Pnet *p : vipa_held(pnets))
			w.string(names(p->vipa_holder));
	} else if (a.responder != 0) {
		w.string(names(a.responder));
	}
	w.end_array();
}

// "@key": @v as a number, null when absent.
void json_optional(JsonWriter &w, std::string_view key, std::optional<std::uint32_t> v)
{
	w.key(key);
	if (v)
		w.number(*v);
	else
		w.null();
}

void json_pnets(JsonWriter &w, std::span<const Pnet> pnets, const Names &names)
{
	w.key("pnets").begin_array();
	for (const auto &p : pnets) {
		w.begin_object();
		w.key("id").number(p.id);
		w.key("state").string(pnet_state(p));
		w.key("healthy").number(p.healthy);
		w.key("members").begin_array();
		for (const auto m : p.members)
			w.string(names(m));
		w.end_array();
		w.key("vipa_holder");
		json_responder(w, p.vipa_holder, names);
		w.end_object();
	}
	w.end_array();
}

void json_stats(JsonWriter &w, const AdapterStats &s)
{
	w.key("stats").begin_object();
	w.key("probes_sent").number(s.probes_sent);
	w.key("probes_heard").number(s.probes_heard);
	w.key("probes_rejected").number(s.probes_rejected);
	w.key("announcements").number(s.announcements);
	w.key("replies").number(s.replies);
	w.key("dropped").number(s.dropped);
	w.key("takeovers").number(s.takeovers);
	w.key("reclaims").number(s.reclaims);
	w.key("live_sent").number(s.live_sent);
	w.key("live_heard").number(s.live_heard);
	w.key("target_sent").number(s.target_sent);
	w.key("target_heard").number(s.target_heard);
	w.key("addrs_lost").number(s.addrs_lost);
	w.end_object();
}

void json_adapters(JsonWriter &w, std::span<const Adapter> adapters, const Names &names)
{
	w.key("adapters").begin_array();
	for (const auto &a : adapters) {
		w.begin_object();
		w.key("ifindex").number(a.ifindex);
		w.key("ifname").string(names(a.ifindex));
		w.key("mac");
		if (a.mac)
			w.string(format_mac(*a.mac));
		else
			w.null();
		w.key("pnet").number(a.pnet);
		w.key("state").string(state_name(a.state));
		w.key("probing").boolean(a.probing);
		w.key("responder");
		json_responder(w, a.responder, names);
		w.key("priority").number(a.priority);
		w.key("kind").string(kind_name(a.kind));
		w.key("vipa_duty").boolean(a.vipa_duty);
		json_stats(w, a.stats);
		w.key("l3dev");
		json_responder(w, a.l3dev, names);
		w.key("judged").string(judgement_name(a.judged));
		json_optional(w, "hears_ms", a.hears_ms);
		json_optional(w, "heard_ms", a.heard_ms);
		w.key("target");
		if (a.target)
			w.string(a.target->str());
		else
			w.null();
		json_optional(w, "target_ms", a.target_ms);
		w.key("target_src");
		if (a.target && a.target_src != ARPFO_TARGET_SRC_NONE)
			w.string(target_src_name(a.target_src));
		else
			w.null();
		w.key("addrs_lost").number(a.addrs_lost);
		w.end_object();
	}
	w.end_array();
}

void json_addresses(JsonWriter &w, std::span<const Address> addresses,
		    std::span<const Pnet> pnets, const Names &names)
{
	w.key("addresses").begin_array();
	for (const auto &a : addresses) {
		w.begin_object();
		w.key("address").string(a.addr.str());
		w.key("family").string(a.addr.family_name());
		w.key("owner").string(names(a.owner));
		w.key("responder");
		json_responder(w, a.vipa ? 0 : a.responder, names);
		w.key("vipa").boolean(a.vipa);
		json_answered_by(w, a, pnets, names);
		w.key("l3dev");
		json_responder(w, a.l3dev, names);
		w.key("shared").boolean(a.shared);
		w.end_object();
	}
	w.end_array();
}

// "master": its name, null for none; "reason": null when managed.
void json_devices(JsonWriter &w, std::span<const Device> devices, const Names &names)
{
	w.key("devices").begin_array();
	for (const auto &d : devices) {
		const std::string master = d.master ? names(d.master) : "";
		w.begin_object();
		w.key("ifindex").number(d.ifindex);
		w.key("ifname").string(d.ifname.empty() ? names(d.ifindex) : d.ifname);
		w.key("membership").string(membership_name(d.membership));
		w.key("master");
		json_responder(w, d.master, names);
		w.key("reason");
		if (d.membership == ARPFO_MEMBER_MANAGED)
			w.null();
		else
			w.string(membership_reason(d.membership, master));
		w.end_object();
	}
	w.end_array();
}

} // namespace

std::string state_name(std::uint32_t state)
{
	switch (state) {
	case ARPFO_STATE_DOWN:
		return "down";
	case ARPFO_STATE_DELAYED:
		return "delayed";
	case ARPFO_STATE_HEALTHY:
		return "healthy";
	case ARPFO_STATE_FAILED:
		return "failed";
	default:
		return "unknown(" + std::to_string(state) + ")";
	}
}

std::string kind_name(std::uint32_t kind)
{
	switch (kind) {
	case ARPFO_KIND_HOST:
		return "host";
	case ARPFO_KIND_OFFLOAD:
		return "offload";
	default:
		return "unknown(" + std::to_string(kind) + ")";
	}
}

std::string target_src_name(std::uint8_t src)
{
	switch (src) {
	case ARPFO_TARGET_SRC_NONE:
		return "";
	case ARPFO_TARGET_SRC_NAMED:
		return "named";
	case ARPFO_TARGET_SRC_GATEWAY:
		return "gateway";
	case ARPFO_TARGET_SRC_NEIGHBOUR:
		return "neighbour";
	default:
		return std::to_string(src);
	}
}

std::string judgement_name(std::uint32_t judged)
{
	switch (judged) {
	case ARPFO_JUDGED_OK:
		return "ok";
	case ARPFO_JUDGED_NO_CARRIER:
		return "no-carrier";
	case ARPFO_JUDGED_SILENT:
		return "silent";
	case ARPFO_JUDGED_TARGET_LOST:
		return "target-lost";
	default:
		return std::to_string(judged);
	}
}

std::string pnet_state(const Pnet &p)
{
	if (p.healthy == 0)
		return "failed";
	return p.healthy >= p.members.size() ? "ok" : "degraded";
}

std::string render_groups(std::span<const Pnet> pnets, const Names &names, bool color)
{
	static constexpr Column kColumns[] = {
		{"PNET", true}, {"STATE"}, {"HEALTHY", true}, {"ADAPTERS"}, {"VIPA-HOLDER"},
	};
	std::vector<Row> rows;

	for (const auto &p : pnets)
		rows.push_back({
			{std::to_string(p.id)},
			{pnet_state(p), pnet_paint(p)},
			{std::to_string(p.healthy) + "/" + std::to_string(p.members.size())},
			{members_of(p, names)},
			{p.vipa_holder ? names(p.vipa_holder) : "-"},
		});
	return render_table(kColumns, rows, color);
}

std::string render_adapters(std::span<const Adapter> adapters, const Names &names, bool color,
			    std::span<const AdapterField> fields)
{
	std::vector<Column> columns;
	std::vector<Row> rows;

	for (const auto f : fields)
		columns.push_back(adapter_field(f).column);
	for (const auto &a : adapters) {
		Row row;
		for (const auto f : fields)
			row.push_back(adapter_cell(a, f, names));
		rows.push_back(std::move(row));
	}
	return render_table(columns, rows, color) + lost_footnotes(adapters, names);
}

std::string render_addresses(std::span<const Address> addresses, std::span<const Pnet> pnets,
			     const Names &names, bool color)
{
	static constexpr Column kColumns[] = {
		{"ADDRESS"}, {"OWNER"}, {"ANSWERED-BY"}, {"VIPA"}, {"VRF"}, {"SHARED"},
	};
	std::vector<Row> rows;

	for (const auto &a : addresses)
		rows.push_back({
			{a.addr.str()},
			{names(a.owner)},
			a.vipa ? vipa_cell(pnets, names)
			       : responder_cell(a.responder, a.owner, names),
			{a.vipa ? "yes" : "no"},
			{l3dev_text(a.l3dev, names)},
			{a.shared ? "yes" : "no"},
		});
	return render_table(kColumns, rows, color);
}

std::string render_devices(std::span<const Device> devices, const Names &names, bool color)
{
	static constexpr Column kColumns[] = {
		{"DEVICE"}, {"IFINDEX", true}, {"MEMBERSHIP"}, {"MASTER"}, {"WHY"},
	};
	std::vector<Row> rows;

	for (const auto &d : devices) {
		const std::string master = d.master ? names(d.master) : "";
		const bool managed = d.membership == ARPFO_MEMBER_MANAGED;
		rows.push_back({
			{d.ifname.empty() ? names(d.ifindex) : d.ifname},
			{std::to_string(d.ifindex)},
			{membership_name(d.membership), managed ? Paint::Good : Paint::None},
			{master.empty() ? "-" : master},
			{managed ? "-" : membership_reason(d.membership, master)},
		});
	}
	return render_table(kColumns, rows, color);
}

std::string render_tables(const Snapshot &s, const Selection &sel, const Names &names,
			  bool color)
{
	std::string out;
	const auto add = [&out](const std::string &table) {
		out += (out.empty() ? "" : "\n") + table;
	};

	if (sel.groups)
		add(render_groups(s.pnets, names, color));
	if (sel.adapters)
		add(render_adapters(s.adapters, names, color, sel.adapter_fields));
	if (sel.addresses)
		add(render_addresses(s.addresses, s.pnets, names, color));
	if (sel.devices)
		add(render_devices(s.devices, names, color));
	return out;
}

std::string render_show_json(const Snapshot &s, const Selection &sel, const Names &names)
{
	JsonWriter w;

	w.begin_object();
	if (sel.groups)
		json_pnets(w, s.pnets, names);
	if (sel.adapters)
		json_adapters(w, s.adapters, names);
	if (sel.addresses)
		json_addresses(w, s.addresses, s.pnets, names);
	if (sel.devices)
		json_devices(w, s.devices, names);
	w.end_object();
	return w.str() + "\n";
}

void sort_snapshot(Snapshot &s)
{
	std::stable_sort(s.pnets.begin(), s.pnets.end(),
			 [](const Pnet &a, const Pnet &b) { return a.id < b.id; });
	// The module lists a pnet's members in the order of its hash table.
	for (auto &p : s.pnets)
		std::sort(p.members.begin(), p.members.end());
	std::stable_sort(s.adapters.begin(), s.adapters.end(),
			 [](const Adapter &a, const Adapter &b) { return a.ifindex < b.ifindex; });
	std::stable_sort(s.devices.begin(), s.devices.end(),
			 [](const Device &a, const Device &b) { return a.ifindex < b.ifindex; });
	// One address in two L3 domains is two addresses, and a shared one has
	// an entry per holder: by domain, then holder, whatever the dump's order.
	std::stable_sort(s.addresses.begin(), s.addresses.end(),
			 [](const Address &a, const Address &b) {
				 return std::tie(a.addr, a.l3dev, a.owner) <
					std::tie(b.addr, b.l3dev, b.owner);
			 });
}

} // namespace arpfo
