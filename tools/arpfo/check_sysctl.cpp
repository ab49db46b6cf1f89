// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_sysctl.hpp"

#include <algorithm>
#include <charconv>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kDropin = "/etc/sysctl.d/90-arp-failover.conf";
// /proc/net/if_inet6's scope of global (and unique-local) addresses.
constexpr std::string_view kScopeGlobal = "00";

// The file of net.@proto.conf.@device.@name.
std::string conf_path(std::string_view proto, std::string_view device, std::string_view name)
{
	return "/proc/sys/net/" + std::string(proto) + "/conf/" + std::string(device) + "/" +
	       std::string(name);
}

// Its key for sysctl.d: a '.' in a device name (a VLAN) is written '/'.
std::string conf_key(std::string_view proto, std::string_view device, std::string_view name)
{
	std::string dev(device);

	std::replace(dev.begin(), dev.end(), '.', '/');
	return "net." + std::string(proto) + ".conf." + dev + "." + std::string(name);
}

Fix sysctl_fix(std::vector<std::string> lines)
{
	return {Fix::Action::Append, std::string(kDropin), std::move(lines), {"sysctl --system"}};
}

std::optional<Finding> keep_addr(const HostFs &fs, const DeviceFacts &d)
{
	if (!has_global_ipv6(fs, d.name))
		return std::nullopt;
	const auto keep = effective_keep_addr_on_down(fs, d.name);
	if (!keep)
		return std::nullopt;
	if (*keep > 0)
		return Finding{Severity::Ok, d.name, "IPv6",
			       "keep_addr_on_down is on: an administrative down keeps its IPv6 "
			       "addresses",
			       std::nullopt};
	return Finding{Severity::Warn, d.name, "IPv6",
		       "keep_addr_on_down is off: an administrative down (ip link set " + d.name +
			       " down, ifdown) removes its IPv6 addresses, so a takeover has "
			       "none to answer for and they do not come back on up unless "
			       "something adds them again",
		       std::nullopt};
}

std::optional<Finding> rp_filter(const HostFs &fs, const DeviceFacts &d)
{
	const auto rpf = effective_rp_filter(fs, d.name);

	if (!rpf || *rpf != 1)
		return std::nullopt;
	return Finding{Severity::Info, d.name, "rp_filter",
		       "strict reverse-path filtering (rp_filter=1, the larger of all and " +
			       d.name +
			       "): traffic for an address that arrives on an adapter other than "
			       "the one of the preferred route back to its sender is dropped, with "
			       "or without the module; a takeover works where each address's own "
			       "adapter holds that route (Limits in the admin guide); rp_filter=2 "
			       "has no such condition",
		       std::nullopt};
}

} // namespace

std::optional<long> sysctl_value(const HostFs &fs, std::string_view path)
{
	const auto line = read_line(fs, path);
	long v = 0;

	if (!line || line->empty())
		return std::nullopt;
	const auto [next, ec] = std::from_chars(line->data(), line->data() + line->size(), v);
	if (ec != std::errc{} || next != line->data() + line->size())
		return std::nullopt;
	return v;
}

bool has_global_ipv6(const HostFs &fs, std::string_view device)
{
	for (const auto &line : split(fs.read("/proc/net/if_inet6").value_or(""), "\n")) {
		const auto f = split(line);
		// address, ifindex, prefix length, scope, flags, name
		if (f.size() == 6 && f[5] == device && f[3] == kScopeGlobal)
			return true;
	}
	return false;
}

std::optional<long> effective_keep_addr_on_down(const HostFs &fs, std::string_view device)
{
	const auto all = sysctl_value(fs, conf_path("ipv6", "all", "keep_addr_on_down"));

	if (all && *all != 0)
		return all;
	return sysctl_value(fs, conf_path("ipv6", device, "keep_addr_on_down"));
}

std::optional<long> effective_rp_filter(const HostFs &fs, std::string_view device)
{
	const auto all = sysctl_value(fs, conf_path("ipv4", "all", "rp_filter"));
	const auto dev = sysctl_value(fs, conf_path("ipv4", device, "rp_filter"));

	if (!all || !dev)
		return dev ? dev : all;
	return std::max(*all, *dev);
}

std::vector<Finding> check_sysctls(const HostFs &fs, std::span<const DeviceFacts> devices)
{
	std::vector<Finding> out;
	std::vector<std::string> rpf_lines;

	for (const auto &d : devices) {
		if (auto f = keep_addr(fs, d))
			out.push_back(std::move(*f));
		if (auto f = rp_filter(fs, d)) {
			rpf_lines.push_back(conf_key("ipv4", d.name, "rp_filter") + " = 2");
			out.push_back(std::move(*f));
		}
	}
	// "all" wins over each device's keep_addr_on_down when set (and covers
	// adapters that appear later); rp_filter takes the larger of the two,
	// so only each device's own can loosen it.
	for (auto &f : out) {
		if (f.severity == Severity::Warn)
			f.fix = sysctl_fix({conf_key("ipv6", "all", "keep_addr_on_down") + " = 1"});
		else if (f.topic == "rp_filter")
			f.fix = sysctl_fix(rpf_lines);
	}
	return out;
}

} // namespace arpfo::check
