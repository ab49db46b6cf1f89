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

// Why dhcpcd runs for @d, or nullopt; @conf and @nolink get what its
// command line says.
std::optional<std::string> runs_for(const HostFs &fs, const DeviceFacts &d,
				    std::span<const DeviceFacts> known,
				    const Interfaces &interfaces, std::string &conf, bool &nolink)
{
	for (const auto &p : running(fs, known)) {
		const bool all = p.devices.empty();
		if (all ||
		    std::find(p.devices.begin(), p.devices.end(), d.name) != p.devices.end()) {
			conf = p.conf;
			nolink = p.nolink;
			return all ? "it runs for every device" : "it runs for " + d.name;
		}
	}
	if (unit_enabled(fs, "dhcpcd.service"))
		return "dhcpcd.service is enabled";
	for (const auto &s : interfaces.of(d.name))
		if (s.method == "dhcp" && ifupdown_dhcp_client(fs) == "dhcpcd")
			return "ifupdown starts it for 'iface " + d.name + " " + s.family +
			       " dhcp'";
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
	std::string fix_conf = std::string(kConf);

	for (const auto &d : devices) {
		std::string conf = std::string(kConf);
		bool cmdline_nolink = false;
		const auto why = runs_for(fs, d, devices, interfaces, conf, cmdline_nolink);
		if (!why)
			continue;
		const DhcpcdConf c = dhcpcd_conf(fs.read(conf).value_or(""), d.name);
		if (c.denied) {
			out.push_back({Severity::Ok, d.name, who,
				       "leaves it alone (denyinterfaces or allowinterfaces in " +
					       conf + ")",
				       std::nullopt});
		} else if (cmdline_nolink || c.nolink) {
			const std::string where = cmdline_nolink ? "on its command line"
								 : c.nolink_where + " in " + conf;
			out.push_back({Severity::Ok, d.name, who,
				       "runs for it (" + *why + ") with nolink " + where +
					       ": it keeps its addresses on carrier loss",
				       std::nullopt});
		} else {
			out.push_back({Severity::Error, d.name, who,
				       "runs for it (" + *why + ") without nolink in " + conf +
					       ": as soon as carrier is lost it drops its leases "
					       "and the static addresses it set; a takeover finds "
					       "nothing left to answer for",
				       std::nullopt});
			failing.push_back(d.name);
			fix_conf = conf;
		}
	}
	for (auto &f : out)
		if (f.severity == Severity::Error)
			f.fix = nolink_fix(fix_conf, failing);
	return out;
}

} // namespace arpfo::check
