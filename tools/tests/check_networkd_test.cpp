// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: systemd-networkd and netplan over captured configurations.
#include <gtest/gtest.h>

#include "arpfo/check_networkd.hpp"
#include "arpfo/check_netplan.hpp"
#include "arpfo/check_timespan.hpp"
#include "check_fixture.hpp"

using namespace arpfo::check;
using namespace arpfo::check::test;

// Debian 12 with one plain .network file per adapter, networkd running:
// both lose their addresses at once on carrier loss. The fix is a drop-in
// beside each file, and networkctl reload.
TEST(CheckNetworkd, PlainFilesRemoveAddressesAtOnce)
{
	const Report r = check("networkd");
	const Finding eth0 = one(r, "eth0", "systemd-networkd");
	const Finding eth1 = one(r, "eth1", "systemd-networkd");

	EXPECT_EQ(eth0.severity, Severity::Error);
	EXPECT_EQ(eth0.text,
		  "configures it with /etc/systemd/network/10-eth0.network and removes every "
		  "address and route it configured as soon as carrier is lost (no "
		  "IgnoreCarrierLoss= and no ConfigureWithoutCarrier=yes): a takeover finds "
		  "nothing left to answer for");
	ASSERT_TRUE(eth0.fix);
	EXPECT_EQ(*eth0.fix, (Fix{Fix::Action::Create,
				  "/etc/systemd/network/10-eth0.network.d/arp-failover.conf",
				  {"[Network]", "IgnoreCarrierLoss=yes"},
				  {"networkctl reload"}}));
	EXPECT_EQ(eth1.severity, Severity::Error);
	EXPECT_EQ(eth1.fix->path, "/etc/systemd/network/20-eth1.network.d/arp-failover.conf");
	EXPECT_EQ(exit_status(r), 1);
}

// The same host with the fix: a drop-in for eth0, ConfigureWithoutCarrier
// (which IgnoreCarrierLoss= follows) for eth1.
TEST(CheckNetworkd, DropinOrConfigureWithoutCarrierKeepsThem)
{
	const Report r = check("networkd-fixed");
	const Finding eth0 = one(r, "eth0", "systemd-networkd");
	const Finding eth1 = one(r, "eth1", "systemd-networkd");

	EXPECT_EQ(eth0.severity, Severity::Ok);
	EXPECT_TRUE(says(eth0, "keeps its addresses on carrier loss (IgnoreCarrierLoss=yes in "
			       "/etc/systemd/network/10-eth0.network.d/arp-failover.conf)"))
		<< eth0.text;
	EXPECT_FALSE(eth0.fix);
	EXPECT_EQ(eth1.severity, Severity::Ok);
	EXPECT_TRUE(
		says(eth1, "ConfigureWithoutCarrier=yes in /etc/systemd/network/20-eth1.network"))
		<< eth1.text;
	EXPECT_EQ(exit_status(r), 0);
}

// Without networkd's state files the file is chosen as networkd does:
// the first by name across the directories whose [Match] holds; files
// without [Match] and masked ones do not count; /run shadows /lib.
TEST(CheckNetworkd, PicksTheFileAsNetworkdDoes)
{
	const HostFs fs = fixture("networkd-match");
	DeviceFacts eth2 = adapter(7, "eth2");
	eth2.mac = arpfo::Mac{0x02, 0, 0, 0, 0, 0x09};

	const auto eth0 = network_for(fs, adapter(2, "eth0"));
	ASSERT_TRUE(eth0);
	EXPECT_EQ(eth0->path, "/run/systemd/network/30-eth.network");
	EXPECT_EQ(eth0->dropins, (std::vector<std::string>{
					 "/etc/systemd/network/30-eth.network.d/10-base.conf",
					 "/run/systemd/network/30-eth.network.d/20-grace.conf"}));
	const auto eth1 = network_for(fs, adapter(3, "eth1"));
	ASSERT_TRUE(eth1);
	EXPECT_EQ(eth1->path, "/etc/systemd/network/20-not-eth0.network");
	// 20-not-eth0 excludes eth2; its MAC matches 25-mac.network, whose
	// Driver= this tool assumes.
	const auto mac = network_for(fs, eth2);
	ASSERT_TRUE(mac);
	EXPECT_EQ(mac->path, "/etc/systemd/network/25-mac.network");
	EXPECT_EQ(match_network(*mac, eth2).assumed, std::vector<std::string>{"Driver"});
	eth2.mac = arpfo::Mac{0x02, 0, 0, 0, 0, 0x0a};
	EXPECT_EQ(network_for(fs, eth2)->path, "/run/systemd/network/30-eth.network");
	// 20-not-eth0 excludes wlan*; 50-all.network is masked in /etc.
	EXPECT_FALSE(network_for(fs, adapter(8, "wlan0")));
	// /etc shadows /run, /usr/lib shadows /lib.
	EXPECT_EQ(network_for(fs, adapter(11, "vlan5"))->path,
		  "/etc/systemd/network/40-vlan.network");
	EXPECT_EQ(network_for(fs, adapter(12, "usr0"))->path,
		  "/usr/lib/systemd/network/45-usr.network");
}

// The drop-ins decide: ConfigureWithoutCarrier=yes from /etc, then
// IgnoreCarrierLoss=5s from /run: addresses go 5 s after carrier loss.
TEST(CheckNetworkd, TimespanIsAWarningWithTheFix)
{
	const Report r = check("networkd-match", {adapter(2, "eth0"), adapter(3, "eth1")});
	const Finding eth0 = one(r, "eth0", "systemd-networkd");

	EXPECT_EQ(eth0.severity, Severity::Warn);
	EXPECT_TRUE(says(eth0, "it configured 5s after carrier loss (IgnoreCarrierLoss=5s in "
			       "/run/systemd/network/30-eth.network.d/20-grace.conf): a takeover "
			       "holds only that long"))
		<< eth0.text;
	ASSERT_TRUE(eth0.fix);
	EXPECT_EQ(eth0.fix->path, "/etc/systemd/network/30-eth.network.d/arp-failover.conf");
	EXPECT_EQ(one(r, "eth1", "systemd-networkd").severity, Severity::Error);
}

TEST(CheckNetworkd, CarrierLossSettings)
{
	const auto loss = [](const std::string &network) {
		NetworkFile f;
		f.path = "/etc/systemd/network/x.network";
		f.parts.emplace_back(f.path, parse_ini(network, IniDialect::Systemd));
		return carrier_loss(f).kind;
	};
	using K = CarrierLoss::Kind;

	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=true\n"), K::Keeps);
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=1\n"), K::Keeps);
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=infinity\n"), K::Keeps);
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=0\n"), K::DropsAtOnce);
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=0s\n"), K::DropsAtOnce);
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=1min 30s\n"), K::DropsAfter);
	EXPECT_EQ(loss("[Network]\nConfigureWithoutCarrier=yes\n"), K::Keeps);
	// An explicit IgnoreCarrierLoss= wins over ConfigureWithoutCarrier=.
	EXPECT_EQ(loss("[Network]\nConfigureWithoutCarrier=yes\nIgnoreCarrierLoss=no\n"),
		  K::DropsAtOnce);
	// The last assignment wins; a bad value is ignored.
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=yes\nIgnoreCarrierLoss=no\n"), K::DropsAtOnce);
	EXPECT_EQ(loss("[Network]\nIgnoreCarrierLoss=sometimes\n"), K::DropsAtOnce);
	EXPECT_EQ(loss("[Link]\nActivationPolicy=always-up\n"), K::Keeps);
	EXPECT_EQ(loss("[Network]\nDHCP=yes\n"), K::DropsAtOnce);
}

TEST(CheckNetworkd, Timespans)
{
	EXPECT_EQ(parse_timespan_usec("5s"), 5000000u);
	EXPECT_EQ(parse_timespan_usec("5"), 5000000u);
	EXPECT_EQ(parse_timespan_usec("500ms"), 500000u);
	EXPECT_EQ(parse_timespan_usec("1min 30s"), 90000000u);
	EXPECT_EQ(parse_timespan_usec("2h"), 7200000000u);
	EXPECT_EQ(parse_timespan_usec("1m"), 60000000u);
	EXPECT_EQ(parse_timespan_usec("0"), 0u);
	EXPECT_EQ(parse_timespan_usec("infinity"), kTimespanInfinity);
	EXPECT_FALSE(parse_timespan_usec(""));
	EXPECT_FALSE(parse_timespan_usec("soon"));
	EXPECT_FALSE(parse_timespan_usec("5 fortnights"));
}

// [Match] lists: a line starting with '!' negates each of its words, an
// empty assignment resets, a file without conditions matches nothing.
TEST(CheckNetworkd, MatchLists)
{
	const auto matches = [](const std::string &network, const std::string &dev) {
		NetworkFile f;
		f.path = "/etc/systemd/network/x.network";
		f.parts.emplace_back(f.path, parse_ini(network, IniDialect::Systemd));
		return match_network(f, adapter(2, dev)).matches;
	};

	EXPECT_TRUE(matches("[Match]\nName=eth0 eth1\n", "eth1"));
	EXPECT_FALSE(matches("[Match]\nName=eth0 eth1\n", "eth2"));
	EXPECT_TRUE(matches("[Match]\nName=en* eth?\n", "eth7"));
	EXPECT_FALSE(matches("[Match]\nName=!eth0 eth1\n", "eth1"));
	EXPECT_TRUE(matches("[Match]\nName=!eth0 eth1\n", "eth2"));
	EXPECT_TRUE(matches("[Match]\nName=eth0\nName=\nName=eth1\n", "eth1"));
	EXPECT_FALSE(matches("[Match]\nName=eth0\nName=\nName=eth1\n", "eth0"));
	EXPECT_FALSE(matches("[Network]\nDHCP=yes\n", "eth0"));
	EXPECT_TRUE(matches("[Match]\nMACAddress=02:00:00:00:00:01 02:00:00:00:00:02\n", "eth0"));
	EXPECT_FALSE(matches("[Match]\nMACAddress=02:00:00:00:00:01\n", "eth0"));
	EXPECT_FALSE(matches("[Match]\nType=wlan\n", "eth0"));
	EXPECT_TRUE(matches("[Match]\nType=!wlan\nName=eth0\n", "eth0"));
	// A continued line.
	EXPECT_TRUE(matches("[Match]\nName=eth9 \\\n  eth0\n", "eth0"));
}

// netplan renders plain ethernets without a carrier option; the fix is
// one netplan drop-in naming each definition (its ID, "lan1" for the
// device it renames eth1), then netplan apply.
TEST(CheckNetplan, RenderedFilesGetTheNetplanFix)
{
	const Report r = check("netplan");
	const Finding eth0 = one(r, "eth0", "netplan");
	const Finding eth1 = one(r, "eth1", "netplan");

	EXPECT_TRUE(about(r, "eth0", "systemd-networkd").empty());
	EXPECT_EQ(eth0.severity, Severity::Error);
	EXPECT_EQ(eth0.text,
		  "renders ethernet 'eth0' from /etc/netplan/50-cloud-init.yaml into "
		  "/run/systemd/network/10-netplan-eth0.network without ignore-carrier, and "
		  "systemd-networkd removes every address and route it configured as soon as "
		  "carrier is lost (no IgnoreCarrierLoss= and no ConfigureWithoutCarrier=yes): a "
		  "takeover finds nothing left to answer for");
	EXPECT_TRUE(says(eth1, "renders ethernet 'lan1' from /etc/netplan/50-cloud-init.yaml"))
		<< eth1.text;
	const Fix expected{Fix::Action::Create,
			   "/etc/netplan/90-arp-failover.yaml",
			   {"network:", "  version: 2",
			    "  ethernets:", "    eth0:", "      ignore-carrier: true",
			    "    lan1:", "      ignore-carrier: true"},
			   {"chmod 600 /etc/netplan/90-arp-failover.yaml", "netplan apply"}};
	EXPECT_EQ(eth0.fix, expected);
	EXPECT_EQ(eth1.fix, expected);
}

TEST(CheckNetplan, Names)
{
	EXPECT_TRUE(rendered_by_netplan("/run/systemd/network/10-netplan-eth0.network"));
	EXPECT_FALSE(rendered_by_netplan("/etc/systemd/network/10-netplan-eth0.network"));
	EXPECT_FALSE(rendered_by_netplan("/run/systemd/network/10-netplan-.network"));
	EXPECT_EQ(netplan_id("/run/systemd/network/10-netplan-lan1.network"), "lan1");
	EXPECT_EQ(netplan_source(fixture("netplan"), "eth0"), "/etc/netplan/50-cloud-init.yaml");
	EXPECT_EQ(netplan_source(fixture("netplan"), "eth9"), "");
}
