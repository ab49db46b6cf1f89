// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_dhcpcd.hpp"

#include <algorithm>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kConf = "/etc/dhcpcd.conf";

bool any_glob(const std::vector<std::string> &patterns, std::string_view name)
{
	return std::any_of(patterns.begin(), patterns.end(),
			   [&](const std::string &p) { return glob_match(p, name); });
}

// The dhcpcd processes, and for which devices each runs (none listed:
// every device, dhcpcd's manager mode).
struct Dhcpcd {
	std::string conf = std::string(kConf); // -f FILE
	bool nolink = false;		       // -K, --nolink
	std::vector<std::string> devices;
};

Dhcpcd from_argv(const std::vector<std::string> &argv, std::span<const DeviceFacts> known)
{
	Dhcpcd out;

	for (std::size_t i = 1; i < argv.size(); i++) {
		const std::string &a = argv[i];
		if ((a == "-f" || a == "--config") && i + 1 < argv.size())
			out.conf = argv[++i];
		else if (a.starts_with("--config="))
			out.conf = a.substr(9);
		else if (a == "-K" || a == "--nolink")
			out.nolink = true;
		else if (std::any_of(known.begin(), known.end(),
				     [&](const DeviceFacts &d) { return d.name == a; }))
			out.devices.push_back(a);
	}
	return out;
}

std::vector<Dhcpcd> running(const HostFs &fs, std::span<const DeviceFacts> known)
{
	std::vector<Dhcpcd> out;

	for (const auto &p : fs.processes())
		if (p.comm == "dhcpcd")
			out.push_back(from_argv(p.argv, known));
	return out;
}

// Why dhcpcd acts on a device, and what its command line says.
struct Acting {
	std::string why;
	Presence presence = Presence::Running;
	std::string conf = std::string(kConf);
	bool nolink = false;
};

// Whether dhcpcd acts on @d: a process runs for it, ifupdown starts it
// for it, or its unit starts at boot.
std::optional<Acting> acting_on(const HostFs &fs, const DeviceFacts &d,
				std::span<const DeviceFacts> known, const Interfaces &interfaces)
{
	for (const auto &p : running(fs, known)) {
		const bool all = p.devices.empty();
		if (all || std::find(p.devices.begin(), p.devices.end(), d.name) != p.devices.end())
			return Acting{all ? "it runs for every device" : "it runs for " + d.name,
				      Presence::Running, p.conf, p.nolink};
	}
	// ifup starts it whenever the adapter comes up.
	for (const auto &s : interfaces.of(d.name))
		if (s.method == "dhcp" && ifupdown_dhcp_client(fs) == "dhcpcd")
			return Acting{"ifupdown starts it for 'iface " + d.name + " " + s.family +
				      " dhcp'"};
	if (unit_enabled(fs, "dhcpcd.service"))
		return Acting{"dhcpcd.service is enabled, not running now", Presence::Enabled};
	return std::nullopt;
}

Fix nolink_fix(const std::string &conf, std::span<const std::string> devices)
{
	Fix f{Fix::Action::Append, conf, {}, {"dhcpcd -n"}};

	for (const auto &d : devices) {
		f.lines.push_back("interface " + d);
		f.lines.push_back("nolink");
	}
	return f;
}

} // namespace

DhcpcdConf dhcpcd_conf(std::string_view text, std::string_view device)
{
	DhcpcdConf out;
	std::vector<std::string> deny, allow;
	bool global = true;
	bool ours = false;

	for (const auto &raw : split(text, "\n")) {
		const auto words = split(raw.substr(0, raw.find('#')));
		if (words.empty())
			continue;
		const std::string &w = words[0];
		if (w == "interface" || w == "ssid" || w == "profile") {
			global = false;
			ours = w == "interface" && words.size() >= 2 && words[1] == device;
		} else if (w == "nolink" && (global || ours) && !out.nolink) {
			out.nolink = true;
			out.nolink_where = global ? "globally" : "in its interface block";
		} else if (global && w == "denyinterfaces") {
			deny.insert(deny.end(), words.begin() + 1, words.end());
		} else if (global && w == "allowinterfaces") {
			allow.insert(allow.end(), words.begin() + 1, words.end());
		}
	}
	out.denied = any_glob(deny, device) || (!allow.empty() && !any_glob(allow, device));
	return out;
}

std::vector<Finding> check_dhcpcd(const HostFs &fs, std::span<const DeviceFacts> devices,
				  const Interfaces &interfaces)
{
	const std::string who = "dhcpcd";
	std::vector<Finding> out;
	std::vector<std::string> failing;
	std::vector<std::size_t> needing;
	std::string fix_conf = std::string(kConf);

	for (const auto &d : devices) {
		const auto a = acting_on(fs, d, devices, interfaces);
		if (!a)
			continue;
		const DhcpcdConf c = dhcpcd_conf(fs.read(a->conf).value_or(""), d.name);
		if (c.denied) {
			out.push_back({Severity::Ok, d.name, who,
				       "leaves it alone (denyinterfaces or allowinterfaces in " +
					       a->conf + ")",
				       std::nullopt});
		} else if (a->nolink || c.nolink) {
			const std::string where = a->nolink ? "on its command line"
							    : c.nolink_where + " in " + a->conf;
			out.push_back({Severity::Ok, d.name, who,
				       "runs for it (" + a->why + ") with nolink " + where +
					       ": it keeps its addresses on carrier loss",
				       std::nullopt});
		} else {
			needing.push_back(out.size());
			out.push_back({weigh(Severity::Error, a->presence, fs.live()), d.name, who,
				       "runs for it (" + a->why + ") without nolink in " + a->conf +
					       ": as soon as carrier is lost it drops its leases "
					       "and the static addresses it set; a takeover finds "
					       "nothing left to answer for",
				       std::nullopt});
			failing.push_back(d.name);
			fix_conf = a->conf;
		}
	}
	for (const auto i : needing)
		out[i].fix = nolink_fix(fix_conf, failing);
	return out;
}

} // namespace arpfo::check
