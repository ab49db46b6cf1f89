// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <cerrno>

#include <linux/arp_failover.h>

#include "arpfo/ctrl.hpp"
#include "arpfo/errors.hpp"
#include "arpfo/requests.hpp"

using namespace arpfo;

TEST(ArpfoErrors, NetlinkErrorPrefersTheKernelsMessage)
{
	const NetlinkError with("reading the adapters", EINVAL, "bad attribute");
	const NetlinkError without("reading the adapters", EINVAL);

	EXPECT_STREQ(with.what(), "reading the adapters: bad attribute");
	EXPECT_EQ(with.error(), EINVAL);
	EXPECT_EQ(with.extack(), "bad attribute");
	EXPECT_STREQ(without.what(), "reading the adapters: Invalid argument");
}

TEST(ArpfoErrors, ModuleNotLoaded)
{
	EXPECT_EQ(module_not_loaded(),
		  "the arp_failover module is not loaded (no generic netlink family "
		  "\"arp_failover\"); load it with: modprobe arp_failover");
}

TEST(ArpfoErrors, OlderModuleRefused)
{
	const auto error_for = [](std::uint32_t version) -> std::string {
		try {
			check_module_version(Family{0x1f, version, {}});
		} catch (const IncompatibleModule &e) {
			return e.what();
		}
		return "";
	};

	EXPECT_EQ(ARPFO_GENL_VERSION, 2);
	EXPECT_EQ(error_for(1),
		  "the loaded arp_failover module speaks version 1 of the generic netlink family "
		  "\"arp_failover\", older than the version 2 this arpfo needs; load the "
		  "arp_failover module that came with this arpfo, or use the arpfo that came with "
		  "the loaded module");
	// A controller that sent no CTRL_ATTR_VERSION.
	EXPECT_NE(error_for(0).find("speaks version 0 of"), std::string::npos);
}

TEST(ArpfoErrors, SameOrNewerModuleAccepted)
{
	// Later versions only add commands and attributes.
	EXPECT_NO_THROW(check_module_version(Family{0x1f, ARPFO_GENL_VERSION, {}}));
	EXPECT_NO_THROW(check_module_version(Family{0x1f, ARPFO_GENL_VERSION + 1, {}}));
}

TEST(ArpfoErrors, SetFailures)
{
	const AdapterChange change{"eth9", 10, false};

	EXPECT_EQ(describe_change(change), "setting eth9 priority 10 managed off");
	EXPECT_EQ(describe_change({"eth0", std::nullopt, true}), "setting eth0 managed on");
	EXPECT_EQ(set_failure(change, EPERM, ""),
		  "setting eth9 priority 10 managed off: changing adapters needs "
		  "CAP_NET_ADMIN (run as root)");
	EXPECT_EQ(set_failure(change, EACCES, "whatever"),
		  "setting eth9 priority 10 managed off: changing adapters needs "
		  "CAP_NET_ADMIN (run as root)");
	EXPECT_EQ(set_failure(change, ENODEV, "no such adapter"),
		  "setting eth9 priority 10 managed off: no such adapter");
	EXPECT_EQ(set_failure(change, ENODEV, ""),
		  "setting eth9 priority 10 managed off: No such device");
}
