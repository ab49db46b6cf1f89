// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: dhcpcd, ifplugd and ifupdown over captured configurations.
#include <gtest/gtest.h>

#include "arpfo/check_dhcpcd.hpp"
#include "arpfo/check_ifplugd.hpp"
#include "arpfo/check_ifupdown.hpp"
#include "check_fixture.hpp"

using namespace arpfo::check;
using namespace arpfo::check::test;

// Raspberry Pi OS: one dhcpcd for every device, no nolink: eth0 (DHCP)
// and eth1 (static in dhcpcd.conf) lose their addresses at once; eth2 is
// denied to it. The fix appends an interface block with nolink for each.
TEST(CheckDhcpcd, WithoutNolink)
{
	std::vector<DeviceFacts> three = two_adapters();
	three.push_back(adapter(4, "eth2"));
	const Report r = check("dhcpcd", three);
	const Finding eth0 = one(r, "eth0", "dhcpcd");

	EXPECT_EQ(eth0.severity, Severity::Error);
	EXPECT_EQ(eth0.text,
		  "runs for it (it runs for every device) without nolink in /etc/dhcpcd.conf: as "
		  "soon as carrier is lost it drops its leases and the static addresses it set; a "
		  "takeover finds nothing left to answer for");
	const Fix expected{Fix::Action::Append,
			   "/etc/dhcpcd.conf",
			   {"interface eth0", "nolink", "interface eth1", "nolink"},
			   {"dhcpcd -n"}};
	EXPECT_EQ(eth0.fix, expected);
	EXPECT_EQ(one(r, "eth1", "dhcpcd").fix, expected);
	EXPECT_EQ(one(r, "eth2", "dhcpcd").severity, Severity::Ok);
	EXPECT_TRUE(says(one(r, "eth2", "dhcpcd"), "leaves it alone"));
}

TEST(CheckDhcpcd, WithNolink)
{
	const Report r = check("dhcpcd-nolink");
	const Finding eth1 = one(r, "eth1", "dhcpcd");

	EXPECT_EQ(eth1.severity, Severity::Ok);
	EXPECT_EQ(eth1.text, "runs for it (it runs for every device) with nolink globally in "
			     "/etc/dhcpcd.conf: it keeps its addresses on carrier loss");
	EXPECT_EQ(exit_status(r), 0);
}

// Debian 13: ifupdown starts dhcpcd for "inet dhcp"; nolink only in
// eth1's interface block.
TEST(CheckDhcpcd, StartedByIfupdown)
{
	const Report r = check("dhcpcd-ifupdown");
	const Finding eth0 = one(r, "eth0", "dhcpcd");

	EXPECT_EQ(eth0.severity, Severity::Error);
	EXPECT_TRUE(says(eth0, "(ifupdown starts it for 'iface eth0 inet dhcp')")) << eth0.text;
	EXPECT_EQ(eth0.fix->lines, (std::vector<std::string>{"interface eth0", "nolink"}));
	EXPECT_TRUE(says(one(r, "eth1", "dhcpcd"), "with nolink in its interface block in "
						   "/etc/dhcpcd.conf"));
	EXPECT_EQ(one(r, "eth0", "ifupdown").text,
		  "configures it (inet dhcp, inet6 auto in /etc/network/interfaces.d/eth) and does "
		  "nothing on carrier loss; its DHCP client is dhcpcd");
}

TEST(CheckDhcpcd, ConfBlocks)
{
	const std::string conf = "nolink\ninterface eth1\n";
	EXPECT_TRUE(dhcpcd_conf(conf, "eth0").nolink);
	EXPECT_EQ(dhcpcd_conf(conf, "eth0").nolink_where, "globally");

	const std::string block = "hostname\ninterface eth1\nnolink # keep\ninterface eth2\n";
	EXPECT_TRUE(dhcpcd_conf(block, "eth1").nolink);
	EXPECT_FALSE(dhcpcd_conf(block, "eth2").nolink);
	EXPECT_FALSE(dhcpcd_conf(block, "eth0").nolink);
	// nolink in an ssid block is not this device's.
	EXPECT_FALSE(dhcpcd_conf("interface eth0\nssid home\nnolink\n", "eth0").nolink);
	EXPECT_TRUE(dhcpcd_conf("denyinterfaces eth* wlan0\n", "eth3").denied);
	EXPECT_TRUE(dhcpcd_conf("allowinterfaces wlan0\n", "eth3").denied);
	EXPECT_FALSE(dhcpcd_conf("allowinterfaces e*\n", "eth3").denied);
	// denyinterfaces inside a block is no global option.
	EXPECT_FALSE(dhcpcd_conf("interface eth0\ndenyinterfaces eth3\n", "eth3").denied);
}

// Debian's ifplugd for INTERFACES="auto": the "auto" devices of
// /etc/network/interfaces (eth0, eth3), 10 s after carrier loss.
TEST(CheckIfplugd, AutoInterfacesAreTakenDown)
{
	std::vector<DeviceFacts> three = two_adapters();
	three.push_back(adapter(5, "eth3"));
	const Report r = check("ifplugd", three);
	const Finding eth0 = one(r, "eth0", "ifplugd");

	EXPECT_EQ(eth0.severity, Severity::Error);
	EXPECT_EQ(eth0.text,
		  "INTERFACES=auto in /etc/default/ifplugd and 'auto eth0': 10 s after carrier "
		  "loss it runs ifdown, which removes its addresses; a takeover holds only that "
		  "long");
	EXPECT_TRUE(about(r, "eth1", "ifplugd").empty());
	const Fix expected{Fix::Action::Set,
			   "/etc/default/ifplugd",
			   {"INTERFACES=\"\"", "HOTPLUG_INTERFACES=\"\""},
			   {"/etc/init.d/ifplugd restart"}};
	EXPECT_EQ(eth0.fix, expected);
	EXPECT_EQ(one(r, "eth3", "ifplugd").fix, expected);
	EXPECT_EQ(
		one(r, "eth1", "ifupdown").text,
		"configures it (inet dhcp in /etc/network/interfaces) and does nothing on carrier "
		"loss; its DHCP client is dhclient, which keeps its lease on carrier loss");
}

TEST(CheckIfplugd, FileAndArguments)
{
	const std::string defaults = "# c\nINTERFACES=\"eth0 eth1\"\nexport ARGS='-d 3'\nX=1\n";
	EXPECT_EQ(shell_variable(defaults, "INTERFACES"), "eth0 eth1");
	EXPECT_EQ(shell_variable(defaults, "ARGS"), "-d 3");
	EXPECT_EQ(shell_variable(defaults, "X"), "1");
	EXPECT_FALSE(shell_variable(defaults, "SUSPEND_ACTION"));
	EXPECT_EQ(ifplugd_delay({"-q", "-d10"}), 10u);
	EXPECT_EQ(ifplugd_delay({"-d", "3"}), 3u);
	EXPECT_EQ(ifplugd_delay({"--delay-down=7"}), 7u);
	EXPECT_EQ(ifplugd_delay({"-q", "-f"}), 5u);
}

TEST(CheckIfupdown, Includes)
{
	const Interfaces i = read_interfaces(fixture("dhcpcd-ifupdown"));

	EXPECT_TRUE(i.configures("eth0"));
	EXPECT_TRUE(i.configures("lo"));
	EXPECT_FALSE(i.configures("eth5"));
	EXPECT_EQ(i.of("eth0").size(), 2u);
	EXPECT_EQ(i.hotplug, (std::vector<std::string>{"eth0", "eth1"}));
	EXPECT_EQ(i.autos, (std::vector<std::string>{"lo"}));
}

// Nothing on the host configures the adapters: said once per adapter.
TEST(CheckManagers, NoneIsSaid)
{
	const Report r = check("none");

	EXPECT_EQ(one(r, "eth0", "managers").severity, Severity::Ok);
	EXPECT_TRUE(says(one(r, "eth1", "managers"), "nothing here removes its addresses"));
	EXPECT_TRUE(about(check("dhcpcd"), "eth0", "managers").empty());
}
