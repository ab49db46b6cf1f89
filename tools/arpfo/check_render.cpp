// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_render.hpp"

#include <algorithm>

#include <linux/arp_failover.h>

#include "arpfo/color.hpp"
#include "arpfo/json.hpp"
#include "arpfo/membership.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kFixIndent = "         ";
// Findings are wrapped to fit a terminal of this width.
constexpr std::size_t kWidth = 100;

Paint severity_paint(Severity s)
{
	switch (s) {
	case Severity::Ok:
		return Paint::Good;
	case Severity::Warn:
		return Paint::Warn;
	case Severity::Error:
		return Paint::Bad;
	case Severity::Info:
		break;
	}
	return Paint::None;
}

std::string module_text(ModuleState m)
{
	switch (m) {
	case ModuleState::Loaded:
		return "loaded";
	case ModuleState::NoDevices:
		return "loaded, too old to list devices";
	case ModuleState::Missing:
		break;
	}
	return "not loaded";
}

std::string module_json(ModuleState m)
{
	switch (m) {
	case ModuleState::Loaded:
		return "loaded";
	case ModuleState::NoDevices:
		return "too-old";
	case ModuleState::Missing:
		break;
	}
	return "not-loaded";
}

// Devices that are no candidates at all are left out of the text.
bool listed(const DeviceFacts &d)
{
	return !d.membership || (*d.membership != ARPFO_MEMBER_NOT_ETHERNET &&
				 *d.membership != ARPFO_MEMBER_LOOPBACK);
}

std::string membership_text(const DeviceFacts &d)
{
	if (!d.membership)
		return "checked as if managed";
	if (*d.membership == ARPFO_MEMBER_MANAGED)
		return "managed";
	return "not managed: " + membership_reason(*d.membership, d.master);
}

std::string devices_text(const Report &r)
{
	std::size_t width = 0;
	std::string out = "devices:\n";

	for (const auto &d : r.devices)
		if (listed(d))
			width = std::max(width, d.name.size());
	if (width == 0)
		return "devices: none\n";
	for (const auto &d : r.devices) {
		if (!listed(d))
			continue;
		std::string name = d.name;
		name.resize(width, ' ');
		out += "  " + name + "  " + membership_text(d) + "\n";
	}
	return out;
}

std::string action_text(const Fix &f)
{
	switch (f.action) {
	case Fix::Action::Create:
		return "create " + f.path + " with:";
	case Fix::Action::Append:
		return "append to " + f.path + ":";
	case Fix::Action::Set:
		break;
	}
	return "in " + f.path + ", set:";
}

std::string fix_text(const Fix &f)
{
	const std::string pad(kFixIndent);
	std::string out;

	if (!f.path.empty()) {
		out += pad + "fix: " + action_text(f) + "\n";
		for (const auto &l : f.lines)
			out += pad + "       " + l + "\n";
	}
	for (std::size_t i = 0; i < f.then.size(); i++)
		out += pad + (f.path.empty() && i == 0 ? "fix: run: " : "     then: ") + f.then[i] +
		       "\n";
	return out;
}

// @text broken between words so that no line passes kWidth, the first
// line already @used columns wide, the others indented by kFixIndent. A
// word longer than a line (a path) gets a line of its own.
std::string wrap(std::string_view text, std::size_t used)
{
	std::string out;
	std::size_t col = used;

	for (bool first = true; !text.empty(); first = false) {
		const std::size_t end = text.find(' ');
		const std::string_view word = text.substr(0, end);
		if (!first) {
			if (col + 1 + word.size() > kWidth) {
				out += "\n" + std::string(kFixIndent);
				col = kFixIndent.size();
			} else {
				out += " ";
				col++;
			}
		}
		out += word;
		col += word.size();
		text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
	}
	return out;
}

std::string findings_text(const Report &r, bool color)
{
	std::string out;
	std::string heading = "-";
	std::vector<std::pair<Fix, std::string>> shown; // a fix and where it was shown

	for (const auto &f : r.findings) {
		const std::string here = f.device.empty() ? "host" : f.device;
		if (here != heading) {
			out += "\n" + here + ":\n";
			heading = here;
		}
		const std::string sev(severity_name(f.severity));
		const std::string pad(6 - sev.size(), ' ');
		const std::string lead = f.topic + ":";
		out += "  " + paint(sev, severity_paint(f.severity), color) + pad + " " + lead +
		       " " + wrap(f.text, kFixIndent.size() + lead.size() + 1) + "\n";
		if (!f.fix)
			continue;
		const auto same = std::find_if(shown.begin(), shown.end(),
					       [&](const auto &s) { return s.first == *f.fix; });
		if (same != shown.end()) {
			out += std::string(kFixIndent) + "fix: the one shown for " + same->second +
			       " covers it\n";
			continue;
		}
		out += fix_text(*f.fix);
		shown.emplace_back(*f.fix, here);
	}
	return out;
}

std::size_t count(const Report &r, Severity s)
{
	return static_cast<std::size_t>(
		std::count_if(r.findings.begin(), r.findings.end(),
			      [&](const Finding &f) { return f.severity == s; }));
}

std::string plural(std::size_t n, const std::string &what)
{
	return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// The devices with an error or a warning, "eth0, eth1".
std::string troubled(const Report &r)
{
	std::vector<std::string> names;

	for (const auto &f : r.findings)
		if ((f.severity == Severity::Error || f.severity == Severity::Warn) &&
		    std::find(names.begin(), names.end(), f.device) == names.end())
			names.push_back(f.device.empty() ? "the host" : f.device);
	std::string out;
	for (const auto &n : names)
		out += (out.empty() ? "" : ", ") + n;
	return out;
}

std::string summary_text(const Report &r)
{
	const std::size_t errors = count(r, Severity::Error);
	const std::size_t warnings = count(r, Severity::Warn);

	if (exit_status(r) == 0)
		return "\nall well: nothing found that defeats a takeover\n";
	return "\n" + plural(errors, "error") + ", " + plural(warnings, "warning") + ": a takeover " +
	       (errors ? "will" : "may") + " not hold (" + troubled(r) + ")\n";
}

void json_fix(JsonWriter &w, const Fix &f)
{
	static constexpr std::string_view kActions[] = {"create", "append", "set"};

	w.begin_object();
	w.key("action").string(kActions[static_cast<std::size_t>(f.action)]);
	w.key("path");
	if (f.path.empty())
		w.null();
	else
		w.string(f.path);
	w.key("lines").begin_array();
	for (const auto &l : f.lines)
		w.string(l);
	w.end_array();
	w.key("then").begin_array();
	for (const auto &t : f.then)
		w.string(t);
	w.end_array();
	w.end_object();
}

void json_devices(JsonWriter &w, const Report &r)
{
	w.key("devices").begin_array();
	for (const auto &d : r.devices) {
		w.begin_object();
		w.key("ifindex").number(d.ifindex);
		w.key("ifname").string(d.name);
		w.key("membership");
		if (d.membership)
			w.string(membership_name(*d.membership));
		else
			w.null();
		w.key("master");
		if (d.master.empty())
			w.null();
		else
			w.string(d.master);
		w.key("reason");
		if (d.membership && *d.membership != ARPFO_MEMBER_MANAGED)
			w.string(membership_reason(*d.membership, d.master));
		else
			w.null();
		w.key("checked").boolean(checked(d));
		w.end_object();
	}
	w.end_array();
}

void json_findings(JsonWriter &w, const Report &r)
{
	w.key("findings").begin_array();
	for (const auto &f : r.findings) {
		w.begin_object();
		w.key("severity").string(severity_name(f.severity));
		w.key("device");
		if (f.device.empty())
			w.null();
		else
			w.string(f.device);
		w.key("topic").string(f.topic);
		w.key("text").string(f.text);
		w.key("fix");
		if (f.fix)
			json_fix(w, *f.fix);
		else
			w.null();
		w.end_object();
	}
	w.end_array();
}

} // namespace

std::string render_check(const Report &r, bool color)
{
	return "arp_failover: " + module_text(r.module) + "\n" + devices_text(r) +
	       findings_text(r, color) + summary_text(r);
}

std::string render_check_json(const Report &r)
{
	JsonWriter w;

	w.begin_object();
	w.key("module").string(module_json(r.module));
	json_devices(w, r);
	json_findings(w, r);
	w.key("errors").number(count(r, Severity::Error));
	w.key("warnings").number(count(r, Severity::Warn));
	w.key("status").number(static_cast<std::uint64_t>(exit_status(r)));
	w.end_object();
	return w.str() + "\n";
}

} // namespace arpfo::check
