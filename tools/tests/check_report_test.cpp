// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: the report as text and JSON, its exit status, the command
// line, and the helper that runs nmcli.
#include <gtest/gtest.h>

#include <chrono>

#include "arpfo/check_command.hpp"
#include "arpfo/check_devices.hpp"
#include "arpfo/check_render.hpp"
#include "arpfo/options.hpp"
#include "arpfo/usage.hpp"
#include "check_fixture.hpp"

using namespace arpfo::check;
using namespace arpfo::check::test;

namespace {

// eth0 and eth1 managed on pnet 1, eth2 a port of bond0, lo (not listed
// in the text), on the networkd host.
Report networkd_host()
{
	std::vector<DeviceFacts> devices = two_adapters();
	DeviceFacts eth2;
	eth2.ifindex = 5;
	eth2.name = "eth2";
	eth2.membership = ARPFO_MEMBER_BOND_PORT;
	eth2.master = "bond0";
	devices.push_back(eth2);
	DeviceFacts lo;
	lo.ifindex = 1;
	lo.name = "lo";
	lo.membership = ARPFO_MEMBER_LOOPBACK;
	devices.insert(devices.begin(), lo);
	return check("networkd", devices);
}

arpfo::CommandLine parse(std::vector<std::string_view> args)
{
	return arpfo::parse_command_line(args);
}

} // namespace

TEST(CheckReport, Text)
{
	EXPECT_EQ(render_check(networkd_host(), false),
		  "arp_failover: loaded\n"
		  "devices:\n"
		  "  eth0  managed\n"
		  "  eth1  managed\n"
		  "  eth2  not managed: a port of bond bond0: its frames belong to the bond\n"
		  "\n"
		  "eth0:\n"
		  "  error  systemd-networkd: configures it with "
		  "/etc/systemd/network/10-eth0.network "
		  "and removes every\n"
		  "         address and route it configured as soon as carrier is lost (no "
		  "IgnoreCarrierLoss= and no\n"
		  "         ConfigureWithoutCarrier=yes): a takeover finds nothing left to answer "
		  "for\n"
		  "         fix: create /etc/systemd/network/10-eth0.network.d/arp-failover.conf "
		  "with:\n"
		  "                [Network]\n"
		  "                IgnoreCarrierLoss=yes\n"
		  "              then: networkctl reload\n"
		  "\n"
		  "eth1:\n"
		  "  error  systemd-networkd: configures it with "
		  "/etc/systemd/network/20-eth1.network "
		  "and removes every\n"
		  "         address and route it configured as soon as carrier is lost (no "
		  "IgnoreCarrierLoss= and no\n"
		  "         ConfigureWithoutCarrier=yes): a takeover finds nothing left to answer "
		  "for\n"
		  "         fix: create /etc/systemd/network/20-eth1.network.d/arp-failover.conf "
		  "with:\n"
		  "                [Network]\n"
		  "                IgnoreCarrierLoss=yes\n"
		  "              then: networkctl reload\n"
		  "\n"
		  "2 errors, 0 warnings: a takeover will not hold (eth0, eth1)\n");
}

// Findings are wrapped to 100 columns (a path longer than a line keeps a
// line of its own); only warnings: a takeover "may" not hold.
TEST(CheckReport, FitsOneHundredColumns)
{
	for (const char *name : {"netplan", "nm-default", "dhcpcd", "ifplugd", "none"}) {
		const std::string text = render_check(check(name), false);
		std::size_t start = 0;
		for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos;
		     start = nl + 1)
			EXPECT_LE(nl - start, 100u)
				<< name << ": " << text.substr(start, nl - start);
	}
	const std::string none = render_check(check("none"), false);
	EXPECT_TRUE(none.ends_with("0 errors, 1 warning: a takeover may not hold (eth0)\n"))
		<< none;
}

// A fix shared by several devices is shown once; colour marks severities.
TEST(CheckReport, SharedFixShownOnceAndColour)
{
	const Report r = check("nm-default", two_adapters(), "eth0:connected\neth1:connected\n");
	const std::string text = render_check(r, true);

	EXPECT_NE(text.find("\n  \033[31merror\033[0m  NetworkManager: runs, manages it"),
		  std::string::npos)
		<< text;
	EXPECT_NE(text.find("         fix: the one shown for eth0 covers it\n"), std::string::npos)
		<< text;
	EXPECT_EQ(text.find("match-device"), text.rfind("match-device")) << text;
}

TEST(CheckReport, AllWell)
{
	const Report r = check("networkd-fixed");
	const std::string text = render_check(r, false);

	EXPECT_TRUE(text.ends_with("\nall well: nothing found that defeats a takeover\n")) << text;
	EXPECT_NE(text.find("  ok     systemd-networkd: configures it with "), std::string::npos)
		<< text;
	EXPECT_EQ(exit_status(r), 0);
}

// Info and ok findings leave the exit status 0; a warning makes it 1.
TEST(CheckReport, ExitStatus)
{
	Report r;
	EXPECT_EQ(exit_status(r), 0);
	r.findings.push_back({Severity::Info, "eth0", "rp_filter", "x", std::nullopt});
	r.findings.push_back({Severity::Ok, "eth0", "ifupdown", "x", std::nullopt});
	EXPECT_EQ(exit_status(r), 0);
	r.findings.push_back({Severity::Warn, "eth0", "IPv6", "x", std::nullopt});
	EXPECT_EQ(exit_status(r), 1);
	r.findings.back().severity = Severity::Error;
	EXPECT_EQ(exit_status(r), 1);
}

TEST(CheckReport, Json)
{
	const std::string json = render_check_json(networkd_host());

	EXPECT_TRUE(json.starts_with(
		"{\"module\":\"loaded\",\"devices\":["
		"{\"ifindex\":1,\"ifname\":\"lo\",\"membership\":\"loopback\",\"master\":null,"
		"\"reason\":\"a loopback device\",\"checked\":false},"
		"{\"ifindex\":2,\"ifname\":\"eth0\",\"membership\":\"managed\",\"master\":null,"
		"\"reason\":null,\"checked\":true},"))
		<< json;
	EXPECT_NE(json.find("{\"ifindex\":5,\"ifname\":\"eth2\",\"membership\":\"bond-port\","
			    "\"master\":\"bond0\",\"reason\":\"a port of bond bond0: its frames "
			    "belong to the bond\",\"checked\":false}],"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"findings\":[{\"severity\":\"error\",\"device\":\"eth0\","
			    "\"topic\":\"systemd-networkd\",\"text\":\"configures it with "),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find("\"fix\":{\"action\":\"create\",\"path\":\"/etc/systemd/network/"
			    "10-eth0.network.d/arp-failover.conf\",\"lines\":[\"[Network]\","
			    "\"IgnoreCarrierLoss=yes\"],\"then\":[\"networkctl reload\"]}}"),
		  std::string::npos)
		<< json;
	EXPECT_TRUE(json.ends_with("],\"errors\":2,\"warnings\":0,\"status\":1}\n")) << json;
}

// Without the module every Ethernet device is checked, and the module's
// absence is itself an error with its fix.
TEST(CheckReport, ModuleMissing)
{
	const HostFs fs = fixture("none");
	const Report r = run_checks(fs, {ModuleState::Missing, sysfs_devices(fs), std::nullopt, std::nullopt});
	const std::string text = render_check(r, false);

	EXPECT_TRUE(
		text.starts_with("arp_failover: not loaded\n"
				 "devices:\n"
				 "  eth0   checked as if managed\n"
				 "  eth1   checked as if managed\n"
				 "  bond0  checked as if managed\n"
				 "  eth2   not managed: a port of bond bond0: its frames belong to "
				 "the bond\n"
				 "\n"
				 "host:\n"
				 "  error  module: arp_failover is not loaded"))
		<< text;
	EXPECT_EQ(one(r, "", "module").fix, (Fix{Fix::Action::Create,
						 "/etc/modules-load.d/arp_failover.conf",
						 {"arp_failover"},
						 {"modprobe arp_failover"}}));
	EXPECT_EQ(exit_status(r), 1);
	EXPECT_NE(
		render_check_json(r).find("{\"module\":\"not-loaded\",\"devices\":[{\"ifindex\":2,"
					  "\"ifname\":\"eth0\",\"membership\":null,"),
		std::string::npos);
}

// A module with no adapter, and one alone on its pnet, say so.
TEST(CheckReport, NothingManagedAndAlone)
{
	const Report empty = run_checks(fixture("none"), {});
	EXPECT_TRUE(says(one(empty, "", "module"), "manages no adapter"));

	DeviceFacts alone = adapter(2, "eth0");
	alone.pnet_size = 1;
	alone.pnet = 4;
	const Report r = check("none", {alone});
	EXPECT_EQ(one(r, "eth0", "pnet").text,
		  "alone on its physical network (pnet 4): no sibling hears its probes, so none "
		  "can answer for its addresses when it fails");
	EXPECT_EQ(one(r, "eth0", "pnet").severity, Severity::Info);
}

TEST(CheckReport, CommandLine)
{
	const auto plain = parse({"check"});
	ASSERT_TRUE(std::holds_alternative<arpfo::CheckCommand>(plain));
	EXPECT_EQ(std::get<arpfo::CheckCommand>(plain).root, "/");
	EXPECT_FALSE(std::get<arpfo::CheckCommand>(plain).json);

	const auto full = parse({"check", "--json", "--root", "/mnt", "--color=never"});
	ASSERT_TRUE(std::holds_alternative<arpfo::CheckCommand>(full));
	EXPECT_TRUE(std::get<arpfo::CheckCommand>(full).json);
	EXPECT_EQ(std::get<arpfo::CheckCommand>(full).root, "/mnt");
	EXPECT_EQ(std::get<arpfo::CheckCommand>(full).color, arpfo::ColorMode::Never);
	EXPECT_EQ(std::get<arpfo::CheckCommand>(parse({"check", "--root=/img"})).root, "/img");

	const auto error = [&](std::vector<std::string_view> args) {
		const auto r = parse(std::move(args));
		const auto *e = std::get_if<arpfo::CommandLineError>(&r);
		return e ? e->message : "";
	};
	EXPECT_EQ(error({"check", "--root"}), "check: --root needs a directory");
	EXPECT_EQ(error({"check", "--root="}), "check: --root needs a directory");
	EXPECT_EQ(error({"check", "-x"}), "check: unknown option '-x'");
	EXPECT_EQ(error({"check", "eth0"}), "check: unexpected argument 'eth0'");
	EXPECT_TRUE(std::holds_alternative<arpfo::HelpCommand>(parse({"check", "--help"})));
	EXPECT_EQ(std::get<arpfo::HelpCommand>(parse({"help", "check"})).topic, "check");
	EXPECT_NE(arpfo::usage("check").find("usage: arpfo check [--json] [--root DIR]"),
		  std::string::npos);
	EXPECT_NE(arpfo::usage("").find("  check [--json] [--root DIR]\n"), std::string::npos);
}

TEST(CheckCommand, RunsAndBounds)
{
	using namespace std::chrono_literals;

	EXPECT_EQ(run_command({"sh", "-c", "echo eth0:connected"}, 5s), "eth0:connected\n");
	EXPECT_FALSE(run_command({"sh", "-c", "echo partial; exit 3"}, 5s));
	EXPECT_FALSE(run_command({"/nonexistent/nmcli"}, 5s));
	EXPECT_FALSE(run_command({}, 5s));
	const auto start = std::chrono::steady_clock::now();
	EXPECT_FALSE(run_command({"sleep", "10"}, 100ms));
	EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}
