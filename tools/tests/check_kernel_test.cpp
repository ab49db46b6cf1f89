// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: the kernel's settings (keep_addr_on_down, rp_filter), the
// devices from sysfs and from the module, and reading the host's files.
#include <gtest/gtest.h>

#include "arpfo/check_devices.hpp"
#include "arpfo/check_sysctl.hpp"
#include "check_fixture.hpp"

using namespace arpfo::check;
using namespace arpfo::check::test;

// eth0 has a global IPv6 address and keep_addr_on_down off: an
// administrative down loses it (warn). eth1 has a link-local one only:
// nothing to say.
TEST(CheckSysctl, KeepAddrOnDown)
{
	const Report r = check("none");
	const Finding eth0 = one(r, "eth0", "IPv6");

	EXPECT_EQ(eth0.severity, Severity::Warn);
	EXPECT_TRUE(says(eth0, "keep_addr_on_down is off: an administrative down (ip link set eth0 "
			       "down, ifdown) removes its IPv6 addresses"))
		<< eth0.text;
	EXPECT_EQ(eth0.fix, (Fix{Fix::Action::Append,
				 "/etc/sysctl.d/90-arp-failover.conf",
				 {"net.ipv6.conf.all.keep_addr_on_down = 1"},
				 {"sysctl --system"}}));
	EXPECT_TRUE(about(r, "eth1", "IPv6").empty());
	EXPECT_EQ(exit_status(r), 1);
}

// Strict rp_filter is worth knowing, not an error (takeover works with
// every value, on the condition the admin guide gives); loose is silent.
TEST(CheckSysctl, StrictRpFilterIsInfo)
{
	const Report r = check("none");
	const Finding eth0 = one(r, "eth0", "rp_filter");

	EXPECT_EQ(eth0.severity, Severity::Info);
	EXPECT_TRUE(says(eth0, "rp_filter=1, the larger of all and eth0")) << eth0.text;
	EXPECT_EQ(eth0.fix->lines, std::vector<std::string>{"net.ipv4.conf.eth0.rp_filter = 2"});
	EXPECT_TRUE(about(r, "eth1", "rp_filter").empty());
}

TEST(CheckSysctl, EffectiveValues)
{
	const HostFs fs = fixture("none");

	EXPECT_EQ(effective_rp_filter(fs, "eth0"), 1);
	EXPECT_EQ(effective_rp_filter(fs, "eth1"), 2);
	EXPECT_EQ(effective_rp_filter(fs, "eth9"), 0); // "all" alone
	EXPECT_EQ(effective_keep_addr_on_down(fs, "eth0"), 0);
	EXPECT_FALSE(effective_keep_addr_on_down(fs, "eth9"));
	EXPECT_TRUE(has_global_ipv6(fs, "eth0"));
	EXPECT_FALSE(has_global_ipv6(fs, "eth1"));
	EXPECT_FALSE(has_global_ipv6(fs, "lo"));
	EXPECT_EQ(sysctl_value(fs, "/proc/sys/net/ipv4/conf/eth1/rp_filter"), 2);
	EXPECT_FALSE(sysctl_value(fs, "/proc/sys/net/ipv4/conf/eth1/nosuch"));
}

// Without the module: every Ethernet device of sysfs, ports of a bond or
// bridge marked as the module would mark them, others unknown.
TEST(CheckDevices, FromSysfs)
{
	const auto devices = sysfs_devices(fixture("none"));

	ASSERT_EQ(devices.size(), 4u);
	EXPECT_EQ(devices[0].name, "eth0");
	EXPECT_EQ(devices[0].ifindex, 2u);
	EXPECT_EQ(devices[0].mac, parse_mac("02:00:00:00:00:02"));
	EXPECT_FALSE(devices[0].membership);
	EXPECT_EQ(devices[2].name, "bond0");
	EXPECT_EQ(devices[3].name, "eth2");
	EXPECT_EQ(devices[3].master, "bond0");
	EXPECT_EQ(devices[3].membership, ARPFO_MEMBER_BOND_PORT);
	EXPECT_FALSE(checked(devices[3]));
	EXPECT_TRUE(checked(devices[0]));
}

TEST(CheckDevices, FromTheModule)
{
	const std::vector<arpfo::Device> devices{{5, "eth2", ARPFO_MEMBER_BOND_PORT, 4},
						 {2, "eth0", ARPFO_MEMBER_MANAGED, 0},
						 {4, "bond0", ARPFO_MEMBER_MANAGED, 0},
						 {3, "", ARPFO_MEMBER_NO_ADDRESS, 0}};
	arpfo::Adapter eth0;
	eth0.ifindex = 2;
	eth0.pnet = 7;
	eth0.mac = arpfo::Mac{2, 0, 0, 0, 0, 2};
	const std::vector<arpfo::Adapter> adapters{eth0};
	const std::vector<arpfo::Pnet> pnets{{7, {2}, 1, 0}};

	const auto d = module_devices(devices, adapters, pnets);
	ASSERT_EQ(d.size(), 4u);
	EXPECT_EQ(d[0].name, "eth0");
	EXPECT_EQ(d[0].pnet_size, 1u);
	EXPECT_EQ(d[0].mac, eth0.mac);
	EXPECT_EQ(d[1].name, "if3");
	EXPECT_EQ(d[3].master, "bond0");
	EXPECT_FALSE(d[2].pnet_size);

	const auto only = adapter_devices(adapters, pnets);
	ASSERT_EQ(only.size(), 1u);
	EXPECT_EQ(only[0].membership, ARPFO_MEMBER_MANAGED);
	EXPECT_EQ(only[0].name, "if2");
}

TEST(CheckDevices, Macs)
{
	EXPECT_EQ(parse_mac("02:00:0A:bc:00:ff"), (arpfo::Mac{2, 0, 0x0a, 0xbc, 0, 0xff}));
	EXPECT_FALSE(parse_mac("02:00:0A:bc:00"));
	EXPECT_FALSE(parse_mac("02-00-0A-bc-00-ff"));
	EXPECT_FALSE(parse_mac("02:00:0A:bc:00:fg"));
}

// Links resolve inside the root, absolute ones too; a link to /dev/null
// or an empty file masks; a link counts as a unit's wants.
TEST(CheckHost, ReadsInsideTheRoot)
{
	const HostFs fs = fixture("networkd-match");

	EXPECT_TRUE(fs.masked("/etc/systemd/network/50-all.network"));
	EXPECT_FALSE(fs.masked("/usr/lib/systemd/network/50-all.network"));
	EXPECT_TRUE(unit_enabled(fs, "systemd-networkd.service"));
	EXPECT_FALSE(unit_enabled(fs, "NetworkManager.service"));
	EXPECT_EQ(fs.link_name("/etc/systemd/network/50-all.network"), "null");
	EXPECT_FALSE(fs.read("/etc/systemd/network/nosuch.network"));
	EXPECT_FALSE(fs.read("/etc/systemd/network"));
	EXPECT_EQ(fs.list("/run/systemd/network"),
		  (std::vector<std::string>{"30-eth.network", "30-eth.network.d",
					    "40-vlan.network"}));

	const HostFs none = fixture("none");
	EXPECT_EQ(read_line(none, "/sys/class/net/eth2/master/bonding/mode"), "active-backup 1");
	EXPECT_EQ(read_line(none, "/sys/class/net/eth2/../eth1/ifindex"), "3");
	// An absolute link (an image's) points into the root, not the host.
	EXPECT_EQ(read_line(none, "/etc/sysfs-link/eth0/ifindex"), "2");
	EXPECT_EQ(none.list("/etc/sysfs-link").size(), 6u);
	EXPECT_TRUE(none.processes().empty());

	const HostFs netplan = fixture("netplan");
	const auto procs = netplan.processes();
	ASSERT_EQ(procs.size(), 1u);
	EXPECT_EQ(procs[0].pid, 100);
	EXPECT_EQ(procs[0].comm, "systemd-network");
	EXPECT_EQ(procs[0].argv, std::vector<std::string>{"/lib/systemd/systemd-networkd"});
}
