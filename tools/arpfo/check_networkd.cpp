// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_networkd.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

#include "arpfo/check_netplan.hpp"
#include "arpfo/check_text.hpp"

namespace arpfo::check {

const std::vector<std::string> kNetworkDirs = {
	"/etc/systemd/network",	    "/run/systemd/network", "/usr/local/lib/systemd/network",
	"/usr/lib/systemd/network", "/lib/systemd/network",
};

namespace {

constexpr std::uint64_t kInfinity = std::numeric_limits<std::uint64_t>::max();

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

std::string base_name(const std::string &path)
{
	return path.substr(path.rfind('/') + 1);
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

// One unit of a time span: its suffixes and length in microseconds.
struct TimeUnit {
	std::string_view suffix;
	std::uint64_t usec;
};

constexpr std::uint64_t kSec = 1000000;
constexpr TimeUnit kUnits[] = {
	{"usec", 1},
	{"us", 1},
	{"µs", 1},
	{"msec", 1000},
	{"ms", 1000},
	{"seconds", kSec},
	{"second", kSec},
	{"sec", kSec},
	{"s", kSec},
	{"minutes", 60 * kSec},
	{"minute", 60 * kSec},
	{"min", 60 * kSec},
	{"months", 2629800 * kSec},
	{"month", 2629800 * kSec},
	{"M", 2629800 * kSec},
	{"m", 60 * kSec},
	{"hours", 3600 * kSec},
	{"hour", 3600 * kSec},
	{"hr", 3600 * kSec},
	{"h", 3600 * kSec},
	{"days", 86400 * kSec},
	{"day", 86400 * kSec},
	{"d", 86400 * kSec},
	{"weeks", 604800 * kSec},
	{"week", 604800 * kSec},
	{"w", 604800 * kSec},
	{"years", 31557600 * kSec},
	{"year", 31557600 * kSec},
	{"y", 31557600 * kSec},
};

// IgnoreCarrierLoss= follows ConfigureWithoutCarrier= unless set.
CarrierLoss carrier_loss_default(const std::optional<NetworkFile::Setting> &without,
				 const std::string &why)
{
	using K = CarrierLoss::Kind;

	if (!without)
		return {K::DropsAtOnce, "", why + " and no ConfigureWithoutCarrier=yes"};
	const std::string also =
		why + ", ConfigureWithoutCarrier=" + without->value + " in " + without->file;
	return {parse_boolean(without->value).value_or(false) ? K::Keeps : K::DropsAtOnce, "",
		also};
}

// The networkd state file of link @ifindex: KEY=value lines.
std::optional<std::string> link_state(const HostFs &fs, std::uint32_t ifindex, std::string_view key)
{
	const auto text = fs.read("/run/systemd/netif/links/" + std::to_string(ifindex));

	if (!text)
		return std::nullopt;
	for (const auto &line : split(*text, "\n"))
		if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == '=')
			return line.substr(key.size() + 1);
	return std::nullopt;
}

// Whether networkd runs (it keeps a state file per link it knows) or
// starts at boot.
Presence networkd_presence(const HostFs &fs, const DeviceFacts &d)
{
	if (fs.exists("/run/systemd/netif/links/" + std::to_string(d.ifindex)) ||
	    process_running(fs, "systemd-network"))
		return Presence::Running;
	if (unit_enabled(fs, "systemd-networkd.service"))
		return Presence::Enabled;
	return Presence::Absent;
}

// How a finding starts, for networkd that is not running.
std::string presence_text(Presence p)
{
	switch (p) {
	case Presence::Running:
		return "";
	case Presence::Enabled:
		return "is enabled but not running; once started, it ";
	case Presence::Absent:
		break;
	}
	return "is neither running nor enabled; if started, it ";
}

struct Chosen {
	NetworkFile file;
	MatchResult match; // empty when networkd itself said which file
};

// networkd's own choice when it runs and has configured @d, else ours.
std::optional<Chosen> file_of(const HostFs &fs, const DeviceFacts &d)
{
	const auto chosen = link_state(fs, d.ifindex, "NETWORK_FILE");

	if (chosen && !chosen->empty() && fs.exists(*chosen))
		return Chosen{load_network(fs, *chosen), {true, {}}};
	auto f = network_for(fs, d);
	if (!f)
		return std::nullopt;
	MatchResult m = match_network(*f, d);
	return Chosen{std::move(*f), std::move(m)};
}

Fix dropin_fix(const NetworkFile &f)
{
	return {Fix::Action::Create,
		"/etc/systemd/network/" + base_name(f.path) + ".d/arp-failover.conf",
		{"[Network]", "IgnoreCarrierLoss=yes"},
		{"networkctl reload"}};
}

std::string assumed_text(const MatchResult &m)
{
	if (m.assumed.empty())
		return "";
	std::string keys;
	for (const auto &k : m.assumed)
		keys += (keys.empty() ? "" : ", ") + k + "=";
	return " (assuming its " + keys + " holds)";
}

} // namespace

std::string carrier_loss_text(const CarrierLoss &loss)
{
	switch (loss.kind) {
	case CarrierLoss::Kind::Keeps:
		return "keeps its addresses on carrier loss (" + loss.reason + ")";
	case CarrierLoss::Kind::DropsAfter:
		return "removes every address and route it configured " + loss.after +
		       " after carrier loss (" + loss.reason + "): a takeover holds only that long";
	case CarrierLoss::Kind::DropsAtOnce:
		break;
	}
	return "removes every address and route it configured as soon as carrier is lost (" +
	       loss.reason + "): a takeover finds nothing left to answer for";
}

namespace {

Severity loss_severity(const CarrierLoss &loss, Presence p, bool live)
{
	if (loss.kind == CarrierLoss::Kind::Keeps)
		return Severity::Ok;
	if (p == Presence::Absent)
		return Severity::Info;
	return weigh(loss.kind == CarrierLoss::Kind::DropsAfter ? Severity::Warn : Severity::Error,
		     p, live);
}

// The finding for @d configured by @f; nullopt when none is worth saying.
Finding network_finding(const HostFs &fs, const DeviceFacts &d, const NetworkFile &f,
			Presence present, const MatchResult &m)
{
	const std::string who = "systemd-networkd";
	const auto unmanaged = f.last("Link", "Unmanaged");

	if (unmanaged && parse_boolean(unmanaged->value).value_or(false))
		return {Severity::Ok, d.name, who,
			"leaves it alone (Unmanaged=" + unmanaged->value + " in " +
				unmanaged->file + ")",
			std::nullopt};
	const CarrierLoss loss = carrier_loss(f);
	const std::string state = presence_text(present);
	Finding out{loss_severity(loss, present, fs.live()), d.name, who,
		    state + "configures it with " + f.path + assumed_text(m) + " and " +
			    carrier_loss_text(loss),
		    std::nullopt};
	if (loss.kind != CarrierLoss::Kind::Keeps)
		out.fix = dropin_fix(f);
	return out;
}

} // namespace

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

std::optional<std::uint64_t> parse_timespan_usec(std::string_view s)
{
	const std::string t = trim(s);
	std::uint64_t total = 0;

	if (t == "infinity")
		return kInfinity;
	std::string_view rest = t;
	if (rest.empty())
		return std::nullopt;
	while (!rest.empty()) {
		std::uint64_t n = 0;
		const auto [next, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
		if (ec != std::errc{})
			return std::nullopt;
		rest.remove_prefix(static_cast<std::size_t>(next - rest.data()));
		const std::size_t word = std::min(rest.find_first_of(" \t0123456789"), rest.size());
		const std::string_view unit = rest.substr(0, word);
		std::uint64_t scale = kSec;
		if (!unit.empty()) {
			const auto u =
				std::find_if(std::begin(kUnits), std::end(kUnits),
					     [&](const TimeUnit &x) { return x.suffix == unit; });
			if (u == std::end(kUnits))
				return std::nullopt;
			scale = u->usec;
		}
		total += n * scale;
		rest.remove_prefix(word);
		while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
			rest.remove_prefix(1);
	}
	return total;
}

CarrierLoss carrier_loss(const NetworkFile &f)
{
	const auto policy = f.last("Link", "ActivationPolicy");
	const auto ignore = f.last("Network", "IgnoreCarrierLoss");
	const auto without = f.last("Network", "ConfigureWithoutCarrier");
	using K = CarrierLoss::Kind;

	// networkd forces IgnoreCarrierLoss=yes for links it keeps up.
	if (policy && policy->value == "always-up")
		return {K::Keeps, "", "ActivationPolicy=always-up in " + policy->file};
	if (ignore) {
		const std::string why =
			"IgnoreCarrierLoss=" + ignore->value + " in " + ignore->file;
		if (const auto b = parse_boolean(ignore->value))
			return {*b ? K::Keeps : K::DropsAtOnce, "", why};
		const auto usec = parse_timespan_usec(ignore->value);
		if (!usec) // networkd ignores a value it cannot parse
			return carrier_loss_default(without, why + ", which networkd ignores");
		if (*usec == kInfinity)
			return {K::Keeps, "", why};
		if (*usec == 0)
			return {K::DropsAtOnce, "", why};
		return {K::DropsAfter, ignore->value, why};
	}
	return carrier_loss_default(without, "no IgnoreCarrierLoss=");
}

std::vector<Finding> check_networkd(const HostFs &fs, std::span<const DeviceFacts> devices)
{
	const std::string who = "systemd-networkd";
	std::vector<Finding> out;
	std::vector<std::string> netplan_ids;
	std::vector<std::size_t> netplan_at;

	for (const auto &d : devices) {
		const Presence present = networkd_presence(fs, d);
		if (link_state(fs, d.ifindex, "ADMIN_STATE") == "unmanaged") {
			out.push_back({Severity::Ok, d.name, who,
				       "runs but leaves it alone (no .network file matches it)",
				       std::nullopt});
			continue;
		}
		const auto chosen = file_of(fs, d);
		if (!chosen) {
			if (present == Presence::Running)
				out.push_back({Severity::Ok, d.name, who,
					       "runs, but no .network file matches it: it leaves "
					       "it alone",
					       std::nullopt});
			continue;
		}
		Finding f = network_finding(fs, d, chosen->file, present, chosen->match);
		if (f.fix && rendered_by_netplan(chosen->file.path)) {
			f = netplan_finding(fs, d, chosen->file.path, f.severity,
					    carrier_loss_text(carrier_loss(chosen->file)));
			netplan_ids.push_back(netplan_id(chosen->file.path));
			netplan_at.push_back(out.size());
		}
		out.push_back(std::move(f));
	}
	// One netplan drop-in for every device that needs it.
	for (const auto i : netplan_at)
		out[i].fix = netplan_fix(netplan_ids);
	return out;
}

} // namespace arpfo::check
