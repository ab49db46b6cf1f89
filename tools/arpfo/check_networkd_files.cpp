// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_networkd_files.hpp"

#include <algorithm>
#include <map>

#include "arpfo/check_text.hpp"

namespace arpfo::check {

const std::vector<std::string> kNetworkDirs = {
	"/etc/systemd/network",	    "/run/systemd/network", "/usr/local/lib/systemd/network",
	"/usr/lib/systemd/network", "/lib/systemd/network",
};

namespace {

// The files named *@suffix in @dirs, each name from the first directory
// that has it, masked ones left out, by name.
std::vector<std::string> effective_files(const HostFs &fs, const std::vector<std::string> &dirs,
					 std::string_view suffix)
{
	std::map<std::string, std::string> first; // name -> path, sorted by name

	for (const auto &dir : dirs)
		for (const auto &name : fs.list(dir))
			if (name.ends_with(suffix) && !first.contains(name))
				first[name] = dir + "/" + name;
	std::vector<std::string> out;
	for (const auto &[name, path] : first)
		if (!fs.masked(path))
			out.push_back(path);
	return out;
}

// A list-valued [Match] key: every assignment adds words, an empty one
// resets the list, a leading '!' negates every word of its line.
std::vector<std::string> match_list(const NetworkFile &f, std::string_view key)
{
	std::vector<std::string> out;

	for (const auto &[file, ini] : f.parts)
		for (const auto &s : ini)
			if (s.name == "Match")
				for (const auto &e : s.entries) {
					if (e.key != key)
						continue;
					if (e.value.empty()) {
						out.clear();
						continue;
					}
					const bool negate = e.value.starts_with("!");
					for (const auto &w :
					     split(negate ? e.value.substr(1) : e.value))
						out.push_back(negate ? "!" + w : w);
				}
	return out;
}

// As systemd's net_condition_test_strv(): no pattern holds for all; a
// negative pattern that matches fails; else one positive must match, if
// there is one.
bool test_patterns(const std::vector<std::string> &patterns, std::string_view value,
		   bool glob = true)
{
	bool positive = false;
	bool matched = false;

	for (const auto &p : patterns) {
		const bool negate = p.starts_with("!");
		const std::string_view pattern = std::string_view(p).substr(negate ? 1 : 0);
		const bool hit = glob ? glob_match(pattern, value) : lower(pattern) == lower(value);
		if (!negate)
			positive = true;
		if (hit && negate)
			return false;
		matched = matched || (hit && !negate);
	}
	return positive ? matched : true;
}

// The [Match] keys this tool evaluates.
constexpr std::string_view kEvaluated[] = {"Name", "MACAddress", "Type"};

} // namespace

std::string base_name(const std::string &path)
{
	return path.substr(path.rfind('/') + 1);
}

std::optional<NetworkFile::Setting> NetworkFile::last(std::string_view section,
						      std::string_view key) const
{
	std::optional<Setting> out;

	for (const auto &[file, ini] : parts)
		for (const auto &s : ini)
			if (s.name == section)
				for (const auto &e : s.entries)
					if (e.key == key)
						out = Setting{e.value, file};
	return out;
}

NetworkFile load_network(const HostFs &fs, const std::string &path)
{
	NetworkFile f;
	std::vector<std::string> dirs;

	for (const auto &dir : kNetworkDirs)
		dirs.push_back(dir + "/" + base_name(path) + ".d");
	f.path = path;
	f.dropins = effective_files(fs, dirs, ".conf");
	f.parts.emplace_back(path, parse_ini(fs.read(path).value_or(""), IniDialect::Systemd));
	for (const auto &d : f.dropins)
		f.parts.emplace_back(d, parse_ini(fs.read(d).value_or(""), IniDialect::Systemd));
	return f;
}

MatchResult match_network(const NetworkFile &f, const DeviceFacts &d)
{
	MatchResult r;
	bool any = false;

	for (const auto &[file, ini] : f.parts)
		for (const auto &s : ini)
			if (s.name == "Match")
				for (const auto &e : s.entries) {
					any = true;
					const bool ours = std::find(std::begin(kEvaluated),
								    std::end(kEvaluated),
								    e.key) != std::end(kEvaluated);
					if (!ours && std::find(r.assumed.begin(), r.assumed.end(),
							       e.key) == r.assumed.end())
						r.assumed.push_back(e.key);
				}
	// networkd ignores a file without match conditions.
	if (!any)
		return r;
	const auto macs = match_list(f, "MACAddress");
	if (!test_patterns(match_list(f, "Name"), d.name) ||
	    !test_patterns(match_list(f, "Type"), "ether"))
		return r;
	if (!macs.empty()) {
		if (!d.mac)
			r.assumed.push_back("MACAddress");
		else if (!test_patterns(macs, format_mac(*d.mac), false))
			return r;
	}
	r.matches = true;
	return r;
}

std::optional<NetworkFile> network_for(const HostFs &fs, const DeviceFacts &d)
{
	for (const auto &path : effective_files(fs, kNetworkDirs, ".network")) {
		NetworkFile f = load_network(fs, path);
		if (match_network(f, d).matches)
			return f;
	}
	return std::nullopt;
}

} // namespace arpfo::check
