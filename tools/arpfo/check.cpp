// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check.hpp"

#include <algorithm>

#include "arpfo/check_dhcpcd.hpp"
#include "arpfo/check_ifplugd.hpp"
#include "arpfo/check_ifupdown.hpp"
#include "arpfo/check_networkd.hpp"
#include "arpfo/check_nm.hpp"
#include "arpfo/check_signature.hpp"
#include "arpfo/check_sysctl.hpp"

namespace arpfo::check {
namespace {

std::vector<Finding> module_findings(const Inputs &in, std::span<const DeviceFacts> checked)
{
	std::vector<Finding> out;

	if (in.module == ModuleState::Missing)
		out.push_back({Severity::Error, "", "module",
			       "arp_failover is not loaded: no adapter fails over; every Ethernet "
			       "device is checked below as if it were managed",
			       Fix{Fix::Action::Create,
				   "/etc/modules-load.d/arp_failover.conf",
				   {"arp_failover"},
				   {"modprobe arp_failover"}}});
	if (in.module == ModuleState::NoDevices)
		out.push_back({Severity::Info, "", "module",
			       "the loaded arp_failover is older than this arpfo and does not list "
			       "devices: only its managed adapters are checked",
			       std::nullopt});
	if (in.module != ModuleState::Missing && checked.empty())
		out.push_back({Severity::Info, "", "module",
			       "manages no adapter in this network namespace: nothing fails over",
			       std::nullopt});
	return out;
}

// A managed adapter alone on its pnet has nobody to take over for it.
std::vector<Finding> pnet_findings(std::span<const DeviceFacts> checked)
{
	std::vector<Finding> out;

	for (const auto &d : checked)
		if (d.pnet_size == 1u)
			out.push_back({Severity::Info, d.name, "pnet",
				       "alone on its physical network (pnet " +
					       std::to_string(d.pnet) +
					       "): no sibling hears its probes, so none can answer "
					       "for its addresses when it fails",
				       std::nullopt});
	return out;
}

constexpr std::string_view kManagers[] = {"systemd-networkd", "netplan", "NetworkManager",
					  "dhcpcd",	      "ifplugd", "ifupdown"};

// Says so where no network manager has anything to say about a device.
std::vector<Finding> unmanaged_findings(std::span<const DeviceFacts> checked,
					const std::vector<Finding> &found)
{
	std::vector<Finding> out;

	for (const auto &d : checked) {
		const bool said = std::any_of(found.begin(), found.end(), [&](const Finding &f) {
			return f.device == d.name &&
			       std::find(std::begin(kManagers), std::end(kManagers), f.topic) !=
				       std::end(kManagers);
		});
		if (!said)
			out.push_back(
				{Severity::Ok, d.name, "managers",
				 "no systemd-networkd, netplan, NetworkManager, dhcpcd, ifplugd "
				 "or ifupdown configuration covers it: nothing here removes its "
				 "addresses on carrier loss",
				 std::nullopt});
	}
	return out;
}

void append(std::vector<Finding> &to, std::vector<Finding> from)
{
	to.insert(to.end(), std::make_move_iterator(from.begin()),
		  std::make_move_iterator(from.end()));
}

// Host-wide findings first, then by device in the order of @devices; the
// checks' order within each.
void order(std::vector<Finding> &findings, std::span<const DeviceFacts> devices)
{
	const auto rank = [&](const Finding &f) -> std::size_t {
		if (f.device.empty())
			return 0;
		const auto d =
			std::find_if(devices.begin(), devices.end(),
				     [&](const DeviceFacts &x) { return x.name == f.device; });
		return 1 + static_cast<std::size_t>(d - devices.begin());
	};
	std::stable_sort(findings.begin(), findings.end(),
			 [&](const Finding &a, const Finding &b) { return rank(a) < rank(b); });
}

} // namespace

Report run_checks(const HostFs &fs, Inputs in)
{
	Report r;
	std::vector<DeviceFacts> targets;

	std::copy_if(in.devices.begin(), in.devices.end(), std::back_inserter(targets), checked);
	const Interfaces interfaces = read_interfaces(fs);
	append(r.findings, module_findings(in, targets));
	append(r.findings, check_signature(fs, in.module, in.kernel_log));
	append(r.findings, pnet_findings(targets));
	append(r.findings, check_networkd(fs, targets));
	append(r.findings, check_networkmanager(fs, targets, in.nmcli, interfaces));
	append(r.findings, check_dhcpcd(fs, targets, interfaces));
	append(r.findings, check_ifplugd(fs, targets, interfaces));
	append(r.findings, check_ifupdown(fs, targets, interfaces));
	append(r.findings, unmanaged_findings(targets, r.findings));
	append(r.findings, check_sysctls(fs, targets));
	order(r.findings, in.devices);
	r.module = in.module;
	r.devices = std::move(in.devices);
	return r;
}

} // namespace arpfo::check
