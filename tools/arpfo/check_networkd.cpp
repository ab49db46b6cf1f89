// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_networkd.hpp"

#include "arpfo/check_netplan.hpp"
#include "arpfo/check_text.hpp"
#include "arpfo/check_timespan.hpp"

namespace arpfo::check {
namespace {

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
		if (*usec == kTimespanInfinity)
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
