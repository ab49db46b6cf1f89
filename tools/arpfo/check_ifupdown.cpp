// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_ifupdown.hpp"

#include <algorithm>
#include <regex>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kInterfaces = "/etc/network/interfaces";
// ifupdown stops following includes this deep, as a loop guard.
constexpr int kMaxDepth = 16;

std::string dir_of(const std::string &path)
{
	return path.substr(0, path.rfind('/'));
}

void read_file(const HostFs &fs, const std::string &path, Interfaces &out, int depth);

// "source PATTERN": every file the glob names, relative to @file's dir.
void source(const HostFs &fs, const std::string &file, const std::string &pattern, Interfaces &out,
	    int depth)
{
	const std::string full = pattern.starts_with("/") ? pattern : dir_of(file) + "/" + pattern;
	const std::string dir = dir_of(full);
	const std::string glob = full.substr(dir.size() + 1);

	for (const auto &name : fs.list(dir))
		if (glob_match(glob, name))
			read_file(fs, dir + "/" + name, out, depth + 1);
}

// "source-directory DIR": the files of DIR named by letters, digits, '_'
// and '-' only (as run-parts).
void source_directory(const HostFs &fs, const std::string &file, const std::string &dir,
		      Interfaces &out, int depth)
{
	static const std::regex kName("[a-zA-Z0-9_-]+");
	const std::string full = dir.starts_with("/") ? dir : dir_of(file) + "/" + dir;

	for (const auto &name : fs.list(full))
		if (std::regex_match(name, kName))
			read_file(fs, full + "/" + name, out, depth + 1);
}

void read_file(const HostFs &fs, const std::string &path, Interfaces &out, int depth)
{
	if (depth > kMaxDepth)
		return;
	for (const auto &raw : split(fs.read(path).value_or(""), "\n")) {
		const auto words = split(raw.substr(0, raw.find('#')));
		if (words.empty())
			continue;
		const std::string &w = words[0];
		if (w == "iface" && words.size() >= 4)
			out.ifaces.push_back({words[1], words[2], words[3], path});
		else if ((w == "auto" || w == "allow-auto") && words.size() >= 2)
			out.autos.insert(out.autos.end(), words.begin() + 1, words.end());
		else if (w == "allow-hotplug" && words.size() >= 2)
			out.hotplug.insert(out.hotplug.end(), words.begin() + 1, words.end());
		else if (w == "source" && words.size() >= 2)
			source(fs, path, words[1], out, depth);
		else if (w == "source-directory" && words.size() >= 2)
			source_directory(fs, path, words[1], out, depth);
	}
}

} // namespace

std::vector<IfaceStanza> Interfaces::of(std::string_view name) const
{
	std::vector<IfaceStanza> out;

	std::copy_if(ifaces.begin(), ifaces.end(), std::back_inserter(out),
		     [&](const IfaceStanza &s) { return s.name == name; });
	return out;
}

Interfaces read_interfaces(const HostFs &fs)
{
	Interfaces out;

	read_file(fs, std::string(kInterfaces), out, 0);
	return out;
}

std::string ifupdown_dhcp_client(const HostFs &fs)
{
	for (const char *client : {"dhclient", "dhcpcd"})
		for (const char *dir : {"/sbin/", "/usr/sbin/"})
			if (fs.exists(std::string(dir) + client))
				return client;
	return "";
}

std::vector<Finding> check_ifupdown(const HostFs &fs, std::span<const DeviceFacts> devices,
				    const Interfaces &interfaces)
{
	std::vector<Finding> out;

	for (const auto &d : devices) {
		const auto stanzas = interfaces.of(d.name);
		if (stanzas.empty())
			continue;
		std::string how;
		bool dhcp = false;
		for (const auto &s : stanzas) {
			how += (how.empty() ? "" : ", ") + s.family + " " + s.method;
			dhcp = dhcp || s.method == "dhcp";
		}
		std::string text = "configures it (" + how + " in " + stanzas.front().file +
				   ") and does nothing on carrier loss";
		if (dhcp) {
			const std::string client = ifupdown_dhcp_client(fs);
			text += client.empty() ? "; no DHCP client is installed"
					       : "; its DHCP client is " + client;
			if (client == "dhclient")
				text += ", which keeps its lease on carrier loss";
		}
		out.push_back({Severity::Ok, d.name, "ifupdown", text, std::nullopt});
	}
	return out;
}

} // namespace arpfo::check
