// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_devices.hpp"

#include <algorithm>
#include <charconv>

#include <linux/arp_failover.h>

namespace arpfo::check {
namespace {

constexpr std::string_view kSysNet = "/sys/class/net/";
// ARPHRD_ETHER, as /sys/class/net/DEV/type shows it.
constexpr std::string_view kEthernet = "1";

std::optional<std::size_t> pnet_size(std::span<const Pnet> pnets, std::uint32_t id)
{
	const auto p =
		std::find_if(pnets.begin(), pnets.end(), [&](const Pnet &x) { return x.id == id; });

	if (p == pnets.end())
		return std::nullopt;
	return p->members.size();
}

void add_adapter(DeviceFacts &d, const Adapter &a, std::span<const Pnet> pnets)
{
	d.mac = a.mac;
	d.pnet = a.pnet;
	d.pnet_size = pnet_size(pnets, a.pnet);
}

std::string name_of(std::span<const Device> devices, std::uint32_t ifindex)
{
	const auto d = std::find_if(devices.begin(), devices.end(),
				    [&](const Device &x) { return x.ifindex == ifindex; });

	if (d == devices.end() || d->ifname.empty())
		return "if" + std::to_string(ifindex);
	return d->ifname;
}

std::optional<std::uint32_t> sysfs_membership(const HostFs &fs, const std::string &master)
{
	if (master.empty())
		return std::nullopt;
	if (fs.is_dir(std::string(kSysNet) + master + "/bridge"))
		return ARPFO_MEMBER_BRIDGE_PORT;
	if (fs.is_dir(std::string(kSysNet) + master + "/bonding"))
		return ARPFO_MEMBER_BOND_PORT;
	return std::nullopt; // a VRF, or a master the module would name
}

} // namespace

std::optional<Mac> parse_mac(std::string_view text)
{
	Mac mac{};

	if (text.size() != 17)
		return std::nullopt;
	for (std::size_t i = 0; i < mac.size(); i++) {
		const std::string_view byte = text.substr(i * 3, 2);
		if (i < 5 && text[i * 3 + 2] != ':')
			return std::nullopt;
		const auto [next, ec] =
			std::from_chars(byte.data(), byte.data() + byte.size(), mac[i], 16);
		if (ec != std::errc{} || next != byte.data() + byte.size())
			return std::nullopt;
	}
	return mac;
}

std::vector<DeviceFacts> module_devices(std::span<const Device> devices,
					std::span<const Adapter> adapters,
					std::span<const Pnet> pnets)
{
	std::vector<DeviceFacts> out;

	for (const auto &dev : devices) {
		DeviceFacts d;
		d.ifindex = dev.ifindex;
		d.name = dev.ifname.empty() ? "if" + std::to_string(dev.ifindex) : dev.ifname;
		d.membership = dev.membership;
		d.master = dev.master ? name_of(devices, dev.master) : "";
		const auto a =
			std::find_if(adapters.begin(), adapters.end(),
				     [&](const Adapter &x) { return x.ifindex == dev.ifindex; });
		if (a != adapters.end())
			add_adapter(d, *a, pnets);
		out.push_back(std::move(d));
	}
	std::sort(out.begin(), out.end(),
		  [](const DeviceFacts &a, const DeviceFacts &b) { return a.ifindex < b.ifindex; });
	return out;
}

std::vector<DeviceFacts> adapter_devices(std::span<const Adapter> adapters,
					 std::span<const Pnet> pnets)
{
	std::vector<DeviceFacts> out;

	for (const auto &a : adapters) {
		DeviceFacts d;
		d.ifindex = a.ifindex;
		d.name = a.ifname.empty() ? "if" + std::to_string(a.ifindex) : a.ifname;
		d.membership = ARPFO_MEMBER_MANAGED;
		add_adapter(d, a, pnets);
		out.push_back(std::move(d));
	}
	std::sort(out.begin(), out.end(),
		  [](const DeviceFacts &a, const DeviceFacts &b) { return a.ifindex < b.ifindex; });
	return out;
}

std::vector<DeviceFacts> sysfs_devices(const HostFs &fs)
{
	std::vector<DeviceFacts> out;

	for (const auto &name : fs.list(kSysNet)) {
		const std::string dir = std::string(kSysNet) + name;
		if (read_line(fs, dir + "/type") != kEthernet)
			continue;
		DeviceFacts d;
		const std::string index = read_line(fs, dir + "/ifindex").value_or("0");
		std::from_chars(index.data(), index.data() + index.size(), d.ifindex);
		d.name = name;
		d.mac = parse_mac(read_line(fs, dir + "/address").value_or(""));
		d.master = fs.link_name(dir + "/master");
		d.membership = sysfs_membership(fs, d.master);
		out.push_back(std::move(d));
	}
	std::sort(out.begin(), out.end(),
		  [](const DeviceFacts &a, const DeviceFacts &b) { return a.ifindex < b.ifindex; });
	return out;
}

} // namespace arpfo::check
