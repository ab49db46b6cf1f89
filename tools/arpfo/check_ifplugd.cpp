// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_ifplugd.hpp"

#include <algorithm>
#include <charconv>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kDefaults = "/etc/default/ifplugd";
constexpr unsigned kDefaultDelay = 5;

bool has(const std::vector<std::string> &v, std::string_view s)
{
	return std::find(v.begin(), v.end(), s) != v.end();
}

std::string unquote(std::string v)
{
	if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
		return v.substr(1, v.size() - 2);
	return v;
}

std::optional<unsigned> number(std::string_view s)
{
	unsigned n = 0;
	const auto [next, ec] = std::from_chars(s.data(), s.data() + s.size(), n);

	if (ec != std::errc{} || next != s.data() + s.size())
		return std::nullopt;
	return n;
}

// The device an ifplugd process watches ("-i eth0", "-ieth0", "--iface=eth0").
std::string watched(const std::vector<std::string> &argv)
{
	for (std::size_t i = 1; i < argv.size(); i++) {
		const std::string &a = argv[i];
		if ((a == "-i" || a == "--iface") && i + 1 < argv.size())
			return argv[i + 1];
		if (a.starts_with("--iface="))
			return a.substr(8);
		if (a.starts_with("-i") && a.size() > 2 && a[1] == 'i')
			return a.substr(2);
	}
	return "";
}

struct Watch {
	std::string how;
	unsigned delay = kDefaultDelay;
	bool in_config = false;
};

// Why ifplugd watches @d, from its processes and /etc/default/ifplugd.
std::optional<Watch> watches(const HostFs &fs, const DeviceFacts &d, const Interfaces &interfaces,
			     const std::string &defaults)
{
	const auto args = split(shell_variable(defaults, "ARGS").value_or(""));

	for (const auto &p : fs.processes())
		if (p.comm == "ifplugd" && watched(p.argv) == d.name)
			return Watch{"an ifplugd process watches it", ifplugd_delay(p.argv),
				     !defaults.empty()};
	const auto list = split(shell_variable(defaults, "INTERFACES").value_or(""));
	const auto hotplug = split(shell_variable(defaults, "HOTPLUG_INTERFACES").value_or(""));
	const std::string file = std::string(kDefaults);
	if (has(list, d.name))
		return Watch{"INTERFACES in " + file + " names it", ifplugd_delay(args), true};
	if (has(list, "auto") && has(interfaces.autos, d.name))
		return Watch{"INTERFACES=auto in " + file + " and 'auto " + d.name + "'",
			     ifplugd_delay(args), true};
	if (has(hotplug, d.name) || has(hotplug, "all"))
		return Watch{"HOTPLUG_INTERFACES in " + file + " covers it", ifplugd_delay(args),
			     true};
	return std::nullopt;
}

// @words without @drop, as the value of a shell variable.
std::string without(const std::vector<std::string> &words, std::span<const std::string> drop)
{
	std::string out;

	for (const auto &w : words)
		if (std::find(drop.begin(), drop.end(), w) == drop.end() && w != "all")
			out += (out.empty() ? "" : " ") + w;
	return out;
}

// /etc/default/ifplugd with @devices taken out of both lists; "auto"
// becomes the auto devices but them.
Fix leave_out(const std::string &defaults, std::span<const std::string> devices,
	      const Interfaces &interfaces)
{
	auto list = split(shell_variable(defaults, "INTERFACES").value_or(""));
	const auto hotplug = split(shell_variable(defaults, "HOTPLUG_INTERFACES").value_or(""));

	if (has(list, "auto")) {
		std::erase(list, "auto");
		list.insert(list.end(), interfaces.autos.begin(), interfaces.autos.end());
		std::erase(list, "lo");
	}
	return {Fix::Action::Set,
		std::string(kDefaults),
		{"INTERFACES=\"" + without(list, devices) + "\"",
		 "HOTPLUG_INTERFACES=\"" + without(hotplug, devices) + "\""},
		{"/etc/init.d/ifplugd restart"}};
}

} // namespace

std::optional<std::string> shell_variable(std::string_view text, std::string_view name)
{
	std::optional<std::string> out;

	for (const auto &raw : split(text, "\n")) {
		std::string line = trim(raw);
		if (line.starts_with("export "))
			line = trim(std::string_view(line).substr(7));
		if (line.starts_with(std::string(name) + "="))
			out = unquote(trim(std::string_view(line).substr(name.size() + 1)));
	}
	return out;
}

unsigned ifplugd_delay(const std::vector<std::string> &args)
{
	for (std::size_t i = 0; i < args.size(); i++) {
		const std::string &a = args[i];
		std::optional<unsigned> n;
		if (a == "-d" && i + 1 < args.size())
			n = number(args[i + 1]);
		else if (a.starts_with("--delay-down="))
			n = number(std::string_view(a).substr(13));
		else if (a.starts_with("-d"))
			n = number(std::string_view(a).substr(2));
		if (n)
			return *n;
	}
	return kDefaultDelay;
}

std::vector<Finding> check_ifplugd(const HostFs &fs, std::span<const DeviceFacts> devices,
				   const Interfaces &interfaces)
{
	const std::string who = "ifplugd";
	const bool installed = fs.exists("/usr/sbin/ifplugd") || fs.exists("/sbin/ifplugd") ||
			       process_running(fs, "ifplugd");
	const std::string defaults = fs.read(kDefaults).value_or("");
	std::vector<Finding> out;
	std::vector<std::string> failing;
	bool from_config = false;

	if (!installed)
		return out;
	for (const auto &d : devices) {
		const auto w = watches(fs, d, interfaces, defaults);
		if (!w)
			continue;
		out.push_back({Severity::Error, d.name, who,
			       w->how + ": " + std::to_string(w->delay) +
				       " s after carrier loss it runs ifdown, which removes its "
				       "addresses; a takeover holds only that long",
			       std::nullopt});
		failing.push_back(d.name);
		from_config = from_config || w->in_config;
	}
	for (auto &f : out)
		f.fix = from_config ? leave_out(defaults, failing, interfaces)
				    : Fix{Fix::Action::Set, "", {}, {"ifplugd -k -i " + f.device}};
	return out;
}

} // namespace arpfo::check
