// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_nm.hpp"

#include <algorithm>
#include <set>

#include "arpfo/check_nm_spec.hpp"
#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kSystemDir = "/usr/lib/NetworkManager/conf.d";
constexpr std::string_view kRunDir = "/run/NetworkManager/conf.d";
constexpr std::string_view kEtcDir = "/etc/NetworkManager/conf.d";
constexpr std::string_view kMain = "/etc/NetworkManager/NetworkManager.conf";
constexpr std::string_view kIntern = "/var/lib/NetworkManager/NetworkManager-intern.conf";
constexpr std::string_view kDropin = "/etc/NetworkManager/conf.d/90-arp-failover.conf";

std::vector<std::string> conf_names(const HostFs &fs, std::string_view dir)
{
	std::vector<std::string> out;

	for (const auto &name : fs.list(dir))
		if (name.ends_with(".conf"))
			out.push_back(name);
	return out;
}

bool contains(const std::vector<std::string> &v, const std::string &s)
{
	return std::find(v.begin(), v.end(), s) != v.end();
}

void add_file(const HostFs &fs, const std::string &path, std::vector<NmConfigFile> &out)
{
	const auto text = fs.read(path);

	if (!text)
		return;
	NmConfigFile f{path, parse_ini(*text, IniDialect::KeyFile)};
	const auto enable = ini_last(f.ini, ".config", "enable");
	if (enable && parse_boolean(*enable) == false)
		return;
	out.push_back(std::move(f));
}

// [device*] sections of one file in the order NetworkManager searches
// them: named ones top-down, then [device].
std::vector<const IniSection *> device_sections(const NmConfigFile &f)
{
	std::vector<const IniSection *> out;

	for (const auto &s : f.ini)
		if (s.name.starts_with("device-"))
			out.push_back(&s);
	for (const auto &s : f.ini)
		if (s.name == "device")
			out.push_back(&s);
	return out;
}

const IniEntry *find_entry(const IniSection &s, std::string_view key)
{
	const IniEntry *out = nullptr;

	for (const auto &e : s.entries)
		if (e.key == key)
			out = &e;
	return out;
}

// The managed state NetworkManager itself reports for @name in
// `nmcli -t -f DEVICE,STATE device`; nullopt when it lists no such device.
std::optional<std::string> nmcli_state(const std::string &nmcli, const std::string &name)
{
	for (const auto &line : split(nmcli, "\n")) {
		const std::size_t colon = line.find(':');
		if (colon != std::string::npos && line.substr(0, colon) == name)
			return line.substr(colon + 1);
	}
	return std::nullopt;
}

// Whether NetworkManager's ifupdown plugin leaves @d to ifupdown: it does
// for every device /etc/network/interfaces configures, unless
// [ifupdown] managed=true.
bool ifupdown_leaves(std::span<const NmConfigFile> config, const DeviceFacts &d,
		     const Interfaces &interfaces)
{
	const auto plugins = nm_list(config, "main", "plugins");
	bool managed = false;

	if (!plugins || !contains(nm_specs(plugins->value), "ifupdown"))
		return false;
	for (const auto &f : config)
		if (const auto v = ini_last(f.ini, "ifupdown", "managed"))
			managed = parse_boolean(*v).value_or(false);
	return !managed && interfaces.configures(d.name);
}

Presence nm_presence(const HostFs &fs)
{
	if (process_running(fs, "NetworkManager"))
		return Presence::Running;
	if (unit_enabled(fs, "NetworkManager.service"))
		return Presence::Enabled;
	return Presence::Absent;
}

// What ignore-carrier says for @d, and where; nullopt: NetworkManager's
// default (it does not ignore the carrier).
std::optional<NmSetting> ignore_carrier(std::span<const NmConfigFile> config, const DeviceFacts &d)
{
	if (auto s = nm_device_property(config, "ignore-carrier", d))
		return s;
	// Deprecated, but honoured where no [device*] section says.
	const auto main = nm_list(config, "main", "ignore-carrier");
	if (main && nm_spec_match(main->value, d.name, d.mac))
		return NmSetting{"yes", main->file, "main"};
	return std::nullopt;
}

Finding device_finding(std::span<const NmConfigFile> config, const DeviceFacts &d,
		       const NmManaged &m, const std::string &present)
{
	const std::string who = "NetworkManager";
	const auto ignore = ignore_carrier(config, d);

	if (ignore && parse_boolean(ignore->value).value_or(false)) {
		const std::string deprecated =
			ignore->section == "main" ? ", deprecated but honoured" : "";
		return {Severity::Ok, d.name, who,
			present + ", manages it (" + m.how +
				") and ignores its carrier (ignore-carrier in [" + ignore->section +
				"] of " + ignore->file + deprecated +
				"): it keeps its addresses on carrier loss",
			std::nullopt};
	}
	const std::string set = ignore ? "ignore-carrier=" + ignore->value + " in [" +
						 ignore->section + "] of " + ignore->file
				       : "no ignore-carrier";
	return {Severity::Error, d.name, who,
		present + ", manages it (" + m.how + ") with " + set +
			": about 6 s after carrier loss it deconfigures the device, removing every "
			"IPv4 and IPv6 address and route and setting disable_ipv6; a takeover "
			"finds nothing left to answer for",
		std::nullopt};
}

} // namespace

std::vector<NmConfigFile> nm_config(const HostFs &fs)
{
	const auto system = conf_names(fs, kSystemDir);
	const auto run = conf_names(fs, kRunDir);
	const auto etc = conf_names(fs, kEtcDir);
	std::vector<NmConfigFile> out;

	for (const auto &n : system)
		if (!contains(run, n) && !contains(etc, n))
			add_file(fs, std::string(kSystemDir) + "/" + n, out);
	for (const auto &n : run)
		if (!contains(etc, n))
			add_file(fs, std::string(kRunDir) + "/" + n, out);
	add_file(fs, std::string(kMain), out);
	for (const auto &n : etc)
		add_file(fs, std::string(kEtcDir) + "/" + n, out);
	add_file(fs, std::string(kIntern), out);
	return out;
}

std::optional<NmSetting> nm_device_property(std::span<const NmConfigFile> config,
					    std::string_view key, const DeviceFacts &d)
{
	for (auto f = config.rbegin(); f != config.rend(); ++f)
		for (const IniSection *s : device_sections(*f)) {
			const IniEntry *match = find_entry(*s, "match-device");
			if (match && !nm_spec_match(match->value, d.name, d.mac))
				continue;
			if (const IniEntry *e = find_entry(*s, key))
				return NmSetting{e->value, f->path, s->name};
			const IniEntry *stop = find_entry(*s, "stop-match");
			if (stop && parse_boolean(stop->value).value_or(false))
				return std::nullopt;
		}
	return std::nullopt;
}

std::optional<NmSetting> nm_list(std::span<const NmConfigFile> config, std::string_view section,
				 std::string_view key)
{
	std::optional<NmSetting> out;

	for (const auto &f : config)
		for (const auto &s : f.ini) {
			if (s.name != section)
				continue;
			for (const auto &e : s.entries) {
				if (e.key != key)
					continue;
				std::vector<std::string> items =
					out ? nm_specs(out->value) : std::vector<std::string>{};
				const auto given = nm_specs(e.value);
				if (e.op == IniEntry::Op::Set)
					items = given;
				else if (e.op == IniEntry::Op::Add)
					items.insert(items.end(), given.begin(), given.end());
				else
					std::erase_if(items, [&](const std::string &i) {
						return contains(given, i);
					});
				std::string joined;
				for (const auto &i : items)
					joined += (joined.empty() ? "" : ",") + i;
				out = NmSetting{joined, f.path, s.name};
			}
		}
	return out;
}

NmManaged nm_manages(const HostFs &fs, std::span<const NmConfigFile> config, const DeviceFacts &d,
		     const std::optional<std::string> &nmcli, const Interfaces &interfaces)
{
	if (nmcli) {
		const auto state = nmcli_state(*nmcli, d.name);
		if (!state)
			return {false, "nmcli does not list it"};
		return {*state != "unmanaged", "nmcli: " + *state};
	}
	const std::string device_state = "/run/NetworkManager/devices/" + std::to_string(d.ifindex);
	if (const auto text = fs.read(device_state)) {
		const auto value =
			ini_last(parse_ini(*text, IniDialect::KeyFile), "device", "managed");
		const auto managed = value ? parse_boolean(*value) : std::nullopt;
		if (managed)
			return {*managed, "managed=" + *value + " in " + device_state};
	}
	const auto unmanaged = nm_list(config, "keyfile", "unmanaged-devices");
	if (unmanaged && nm_spec_match(unmanaged->value, d.name, d.mac))
		return {false, "unmanaged-devices in " + unmanaged->file};
	if (const auto m = nm_device_property(config, "managed", d))
		if (parse_boolean(m->value) == false)
			return {false,
				"managed=" + m->value + " in [" + m->section + "] of " + m->file};
	if (ifupdown_leaves(config, d, interfaces))
		return {false,
			"its ifupdown plugin leaves devices of /etc/network/interfaces alone"};
	return {true, "by default"};
}

Fix nm_fix(std::span<const std::string> devices)
{
	std::string match;

	for (const auto &d : devices)
		match += (match.empty() ? "" : ";") + std::string("interface-name:") + d;
	return {Fix::Action::Create,
		std::string(kDropin),
		{"[device-arp-failover]", "match-device=" + match, "ignore-carrier=yes"},
		{"nmcli general reload"}};
}

std::vector<Finding> check_networkmanager(const HostFs &fs, std::span<const DeviceFacts> devices,
					  const std::optional<std::string> &nmcli,
					  const Interfaces &interfaces)
{
	const std::string who = "NetworkManager";
	const Presence presence = nm_presence(fs);
	const std::string present =
		presence == Presence::Running ? "runs" : "is enabled (not running now)";
	std::vector<Finding> out;
	std::vector<std::string> managed;
	std::vector<std::size_t> needing;

	if (presence == Presence::Absent)
		return out;
	const auto config = nm_config(fs);
	for (const auto &d : devices) {
		const NmManaged m = nm_manages(fs, config, d, nmcli, interfaces);
		if (!m.managed) {
			out.push_back({Severity::Ok, d.name, who,
				       present + " but does not manage it (" + m.how + ")",
				       std::nullopt});
			continue;
		}
		managed.push_back(d.name);
		Finding f = device_finding(config, d, m, present);
		if (f.severity == Severity::Error)
			needing.push_back(out.size());
		f.severity = weigh(f.severity, presence, fs.live());
		out.push_back(std::move(f));
	}
	// One drop-in naming every device it manages, so that writing it again
	// for a new adapter keeps the others covered.
	for (const auto i : needing)
		out[i].fix = nm_fix(managed);
	return out;
}

} // namespace arpfo::check
