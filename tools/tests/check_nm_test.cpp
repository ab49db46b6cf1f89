// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: NetworkManager over captured configurations.
#include <gtest/gtest.h>

#include "arpfo/check_nm.hpp"
#include "arpfo/check_nm_spec.hpp"
#include "check_fixture.hpp"

using namespace arpfo::check;
using namespace arpfo::check::test;

namespace {

const std::string kNmcli = "eth0:connected\neth1:connected\neth2:unmanaged\nlo:unmanaged\n";

} // namespace

// Debian/Ubuntu desktop defaults, NetworkManager running and connected on
// both adapters: it deconfigures them after carrier-wait-timeout. One
// drop-in naming both fixes it.
TEST(CheckNetworkManager, DefaultsDeconfigureAfterCarrierLoss)
{
	const Report r = check("nm-default", two_adapters(), kNmcli);
	const Finding eth0 = one(r, "eth0", "NetworkManager");

	EXPECT_EQ(eth0.severity, Severity::Error);
	EXPECT_EQ(
		eth0.text,
		"runs, manages it (nmcli: connected) with no ignore-carrier: about 6 s after "
		"carrier loss it deconfigures the device, removing every IPv4 and IPv6 address "
		"and route and setting disable_ipv6; a takeover finds nothing left to answer for");
	const Fix expected{Fix::Action::Create,
			   "/etc/NetworkManager/conf.d/90-arp-failover.conf",
			   {"[device-arp-failover]",
			    "match-device=interface-name:eth0;interface-name:eth1",
			    "ignore-carrier=yes"},
			   {"nmcli general reload"}};
	EXPECT_EQ(eth0.fix, expected);
	EXPECT_EQ(one(r, "eth1", "NetworkManager").fix, expected);
	EXPECT_EQ(exit_status(r), 1);
}

// What nmcli says wins; without nmcli the empty file in /etc shadows
// /usr/lib's unmanaged-devices=*, so NetworkManager manages eth0, while its
// ifupdown plugin leaves eth2 (in /etc/network/interfaces) alone.
TEST(CheckNetworkManager, WhoManagesWhat)
{
	std::vector<DeviceFacts> three = two_adapters();
	three.push_back(adapter(4, "eth2"));

	const Report with_nmcli = check("nm-default", three, kNmcli);
	EXPECT_EQ(one(with_nmcli, "eth2", "NetworkManager").text,
		  "runs but does not manage it (nmcli: unmanaged)");
	const Report without = check("nm-default", three);
	EXPECT_EQ(one(without, "eth0", "NetworkManager").severity, Severity::Error);
	EXPECT_TRUE(says(one(without, "eth0", "NetworkManager"), "manages it (by default)"));
	EXPECT_EQ(one(without, "eth2", "NetworkManager").text,
		  "runs but does not manage it (its ifupdown plugin leaves devices of "
		  "/etc/network/interfaces alone)");
	const Report unlisted = check("nm-default", three, "eth0:connected\n");
	EXPECT_EQ(one(unlisted, "eth1", "NetworkManager").text,
		  "runs but does not manage it (nmcli does not list it)");
}

TEST(CheckNetworkManager, DropinIgnoresTheCarrier)
{
	const Report r = check("nm-fixed", two_adapters(), kNmcli);
	const Finding eth1 = one(r, "eth1", "NetworkManager");

	EXPECT_EQ(eth1.severity, Severity::Ok);
	EXPECT_EQ(eth1.text,
		  "runs, manages it (nmcli: connected) and ignores its carrier (ignore-carrier in "
		  "[device-arp-failover] of /etc/NetworkManager/conf.d/90-arp-failover.conf): it "
		  "keeps its addresses on carrier loss");
	EXPECT_FALSE(eth1.fix);
	EXPECT_EQ(exit_status(r), 0);
}

// RHEL servers install NetworkManager-config-server: [main]
// ignore-carrier=*, deprecated but honoured. NetworkManager is enabled,
// not running (as in an image).
TEST(CheckNetworkManager, RhelConfigServerIsFine)
{
	const Report r = check("nm-rhel-server");
	const Finding eth0 = one(r, "eth0", "NetworkManager");

	EXPECT_EQ(eth0.severity, Severity::Ok);
	EXPECT_EQ(eth0.text,
		  "is enabled (not running now), manages it (by default) and ignores its carrier "
		  "(ignore-carrier in [main] of /usr/lib/NetworkManager/conf.d/00-server.conf, "
		  "deprecated but honoured): it keeps its addresses on carrier loss");
	EXPECT_EQ(exit_status(r), 0);
}

// Later files first, top-down within a file, [device] last in its file,
// stop-match ends the search, [.config] enable=false drops a file, /run
// shadows /usr/lib, managed=0 and the device state file unmanage.
TEST(CheckNetworkManager, SectionPrecedence)
{
	DeviceFacts eth4 = adapter(6, "eth4");
	eth4.mac = arpfo::Mac{0x02, 0, 0, 0, 0, 0x0e};
	const Report r =
		check("nm-sections", {adapter(2, "eth0"), adapter(3, "eth1"), adapter(4, "eth2"),
				      adapter(5, "eth3"), eth4, adapter(7, "eth5")});

	// stop-match in [device-eth0-stop]; "eth*" in [main] is no glob.
	EXPECT_TRUE(says(one(r, "eth0", "NetworkManager"), "with no ignore-carrier:"));
	EXPECT_TRUE(says(one(r, "eth1", "NetworkManager"),
			 "with ignore-carrier=false in [device-eth1] of "
			 "/etc/NetworkManager/conf.d/60-later.conf:"));
	EXPECT_TRUE(says(one(r, "eth2", "NetworkManager"),
			 "with ignore-carrier=no in [device] of "
			 "/etc/NetworkManager/NetworkManager.conf:"));
	EXPECT_TRUE(says(one(r, "eth3", "NetworkManager"),
			 "(ignore-carrier in [device-all-eth] of "
			 "/etc/NetworkManager/conf.d/50-first.conf)"))
		<< one(r, "eth3", "NetworkManager").text;
	EXPECT_EQ(one(r, "eth4", "NetworkManager").text,
		  "runs but does not manage it (managed=0 in [device-eth4] of "
		  "/etc/NetworkManager/conf.d/60-later.conf)");
	EXPECT_EQ(one(r, "eth5", "NetworkManager").text,
		  "runs but does not manage it (managed=false in /run/NetworkManager/devices/7)");
	// The fix names every device it manages, the fine ones too.
	EXPECT_EQ(one(r, "eth0", "NetworkManager").fix->lines[1],
		  "match-device=interface-name:eth0;interface-name:eth1;interface-name:eth2;"
		  "interface-name:eth3");
}

TEST(CheckNetworkManager, ConfigOrderAndLists)
{
	const auto config = nm_config(fixture("nm-sections"));
	std::vector<std::string> paths;

	for (const auto &f : config)
		paths.push_back(f.path);
	EXPECT_EQ(paths, (std::vector<std::string>{"/run/NetworkManager/conf.d/20-shadowed.conf",
						   "/etc/NetworkManager/NetworkManager.conf",
						   "/etc/NetworkManager/conf.d/50-first.conf",
						   "/etc/NetworkManager/conf.d/60-later.conf"}));

	const std::vector<NmConfigFile> lists{
		{"/a.conf",
		 parse_ini("[keyfile]\nunmanaged-devices=eth0,eth1\n", IniDialect::KeyFile)},
		{"/b.conf",
		 parse_ini("[keyfile]\nunmanaged-devices+=eth2\nunmanaged-devices-=eth0\n",
			   IniDialect::KeyFile)}};
	const auto v = nm_list(lists, "keyfile", "unmanaged-devices");
	ASSERT_TRUE(v);
	EXPECT_EQ(v->value, "eth1,eth2");
	EXPECT_EQ(v->file, "/b.conf");
	EXPECT_FALSE(nm_list(lists, "main", "ignore-carrier"));
}

TEST(CheckNetworkManager, DeviceSpecs)
{
	const std::optional<arpfo::Mac> mac = arpfo::Mac{0x02, 0, 0, 0, 0, 0xab};

	EXPECT_EQ(nm_specs(" a , b;c\\,d ;"), (std::vector<std::string>{"a", "b", "c,d"}));
	EXPECT_TRUE(nm_spec_match("*", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("interface-name:eth0", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("interface-name:eth*", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("interface-name:~et?0", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("interface-name:=eth*", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("interface-name:=eth*", "eth*", mac));
	EXPECT_TRUE(nm_spec_match("eth0", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("eth*", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("mac:02:00:00:00:00:AB", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("02:00:00:00:00:ab", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("mac:02:00:00:00:00:ab", "eth0", std::nullopt));
	EXPECT_TRUE(nm_spec_match("type:ethernet", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("type:wifi", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("driver:e1000e", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("*,except:interface-name:eth0", "eth0", mac));
	EXPECT_TRUE(nm_spec_match("*,except:interface-name:eth0", "eth1", mac));
	// Only except: specs: every device none of them names.
	EXPECT_TRUE(nm_spec_match("except:type:wifi", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("except:type:ethernet", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("", "eth0", mac));
	EXPECT_FALSE(nm_spec_match("interface-name:eth1;interface-name:eth2", "eth0", mac));
}

// NetworkManager installed and enabled, not running: in an image that is
// what will run (an error); on the running host it acts on nothing now, so
// what it would do is worth knowing (info), with the same fix.
TEST(CheckNetworkManager, EnabledButNotRunning)
{
	const Report image = check("nm-enabled");
	const Finding in_image = one(image, "eth0", "NetworkManager");
	EXPECT_EQ(in_image.severity, Severity::Error);
	EXPECT_TRUE(says(in_image, "is enabled (not running now), manages it (by default)"))
		<< in_image.text;

	const HostFs live(std::string(ARPFO_CHECK_DATA) + "/nm-enabled", true);
	const Report now = run_checks(live, {ModuleState::Loaded, two_adapters(), std::nullopt, std::nullopt});
	const Finding running_host = one(now, "eth0", "NetworkManager");
	EXPECT_EQ(running_host.severity, Severity::Info);
	EXPECT_EQ(running_host.fix, in_image.fix);
	EXPECT_TRUE(running_host.fix);
	EXPECT_EQ(exit_status(now), 0);
}

TEST(CheckNetworkManager, Weigh)
{
	EXPECT_EQ(weigh(Severity::Error, Presence::Enabled, true), Severity::Info);
	EXPECT_EQ(weigh(Severity::Warn, Presence::Enabled, true), Severity::Info);
	EXPECT_EQ(weigh(Severity::Ok, Presence::Enabled, true), Severity::Ok);
	EXPECT_EQ(weigh(Severity::Error, Presence::Enabled, false), Severity::Error);
	EXPECT_EQ(weigh(Severity::Error, Presence::Running, true), Severity::Error);
}
