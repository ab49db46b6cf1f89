// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the membership rules (membership_rules.c). Each case starts from
 * a plain Ethernet adapter the administrator selected, changes its
 * facts, and expects the one reason the module gives for it: what a
 * device is decides before what the administrator chose, so that
 * "managed off" never hides that a device could not be managed at all.
 */
#include <kunit/test.h>
#include <linux/kernel.h>

#include "membership.h"

/* An Ethernet adapter with ARP, nobody's port, selected by default. */
static struct afo_member_facts afo_mt_plain(void)
{
	return (struct afo_member_facts){
		.ether = true,
		.manage = AFO_MANAGE_DEFAULT,
		.name_selected = true,
	};
}

static void afo_mt_plain_is_managed(struct kunit *test)
{
	struct afo_member_facts f = afo_mt_plain();

	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_MANAGED);
}

/* The facts of a plain adapter, to add one fact to. */
#define AFO_MT_PLAIN .ether = true, .name_selected = true

/* One fact of what the device is, and the reason it alone gives. */
struct afo_mt_case {
	const char *what;
	struct afo_member_facts f;
	enum arpfo_membership want;
};

static const struct afo_mt_case afo_mt_cases[] = {
	{ "being unregistered", { AFO_MT_PLAIN, .going = true },
	  ARPFO_MEMBER_GOING },
	{ "loopback", { .loopback = true, .name_selected = true },
	  ARPFO_MEMBER_LOOPBACK },
	{ "not Ethernet", { .name_selected = true },
	  ARPFO_MEMBER_NOT_ETHERNET },
	{ "IFF_NOARP", { AFO_MT_PLAIN, .noarp = true }, ARPFO_MEMBER_NO_ARP },
	{ "ipvlan in L3 mode", { AFO_MT_PLAIN, .noarp = true, .ipvlan = true },
	  ARPFO_MEMBER_IPVLAN_L3 },
	{ "bridge port",
	  { AFO_MT_PLAIN, .bridge_port = true, .foreign_master = true,
	    .rx_handler = true },
	  ARPFO_MEMBER_BRIDGE_PORT },
	{ "bond port",
	  { AFO_MT_PLAIN, .bond_port = true, .foreign_master = true,
	    .rx_handler = true },
	  ARPFO_MEMBER_BOND_PORT },
	{ "team port",
	  { AFO_MT_PLAIN, .team_port = true, .foreign_master = true,
	    .rx_handler = true },
	  ARPFO_MEMBER_TEAM_PORT },
	{ "Open vSwitch port",
	  { AFO_MT_PLAIN, .ovs_port = true, .rx_handler = true },
	  ARPFO_MEMBER_OVS_PORT },
	{ "another master", { AFO_MT_PLAIN, .foreign_master = true },
	  ARPFO_MEMBER_ENSLAVED },
	{ "another receive handler", { AFO_MT_PLAIN, .rx_handler = true },
	  ARPFO_MEMBER_RX_HANDLER },
	{ "excluded by name", { .ether = true }, ARPFO_MEMBER_EXCLUDED },
	{ "managed off", { AFO_MT_PLAIN, .manage = AFO_MANAGE_OFF },
	  ARPFO_MEMBER_OFF },
	{ "a dummy device", { AFO_MT_PLAIN, .vipa_kind = true, .noarp = true },
	  ARPFO_MEMBER_VIPA },
};

static void afo_mt_each_reason(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(afo_mt_cases); i++) {
		const struct afo_mt_case *c = &afo_mt_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, afo_member_rules(&c->f), c->want,
				    "%s", c->what);
	}
}

/*
 * What the device is wins over what the administrator chose, whichever
 * way: "managed on" cannot take a port from its master, and a port left
 * out by name is still reported as a port.
 */
static void afo_mt_device_before_admin(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(afo_mt_cases); i++) {
		const struct afo_mt_case *c = &afo_mt_cases[i];
		struct afo_member_facts on = c->f, off = c->f;

		if (c->want == ARPFO_MEMBER_EXCLUDED ||
		    c->want == ARPFO_MEMBER_OFF ||
		    c->want == ARPFO_MEMBER_VIPA)
			continue;
		on.manage = AFO_MANAGE_ON;
		off.manage = AFO_MANAGE_OFF;
		off.name_selected = false;
		KUNIT_EXPECT_EQ_MSG(test, afo_member_rules(&on), c->want,
				    "%s, on", c->what);
		KUNIT_EXPECT_EQ_MSG(test, afo_member_rules(&off), c->want,
				    "%s, off", c->what);
	}
}

/* The netlink setting wins over the include and exclude parameters. */
static void afo_mt_setting_over_names(struct kunit *test)
{
	struct afo_member_facts f = afo_mt_plain();

	f.manage = AFO_MANAGE_ON;
	f.name_selected = false;
	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_MANAGED);
	f.manage = AFO_MANAGE_OFF;
	f.name_selected = true;
	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_OFF);
}

/*
 * A VIPA device (dummy, IFF_NOARP) holds VIPAs unless left out; an
 * offload adapter (IFF_NOARP, answers ARP itself) is managed.
 */
static void afo_mt_vipa_and_offload(struct kunit *test)
{
	struct afo_member_facts f = {
		.vipa_kind = true, .ether = true, .noarp = true,
	};

	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_EXCLUDED);
	f.manage = AFO_MANAGE_ON;
	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_VIPA);
	f.manage = AFO_MANAGE_OFF;
	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_OFF);
	f.going = true;
	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_GOING);

	f = afo_mt_plain();
	f.noarp = true;
	f.offload = true;
	KUNIT_EXPECT_EQ(test, afo_member_rules(&f), ARPFO_MEMBER_MANAGED);
}

/* Every reason has its words for the log, and what a setting can change. */
static void afo_mt_words_and_settable(struct kunit *test)
{
	unsigned int m;

	for (m = ARPFO_MEMBER_MANAGED; m <= ARPFO_MEMBER_GOING; m++)
		KUNIT_EXPECT_STRNEQ_MSG(test, afo_member_str(m), "?",
					"reason %u", m);
	KUNIT_EXPECT_STREQ(test, afo_member_str(ARPFO_MEMBER_GOING + 1), "?");
	KUNIT_EXPECT_TRUE(test, afo_member_settable(ARPFO_MEMBER_EXCLUDED));
	KUNIT_EXPECT_TRUE(test, afo_member_settable(ARPFO_MEMBER_OFF));
	KUNIT_EXPECT_TRUE(test, afo_member_settable(ARPFO_MEMBER_NO_ADDRESS));
	KUNIT_EXPECT_TRUE(test, afo_member_settable(ARPFO_MEMBER_VIPA));
	KUNIT_EXPECT_FALSE(test, afo_member_settable(ARPFO_MEMBER_BOND_PORT));
	KUNIT_EXPECT_FALSE(test, afo_member_settable(ARPFO_MEMBER_IPVLAN_L3));
	KUNIT_EXPECT_FALSE(test, afo_member_settable(ARPFO_MEMBER_GOING));
}

static struct kunit_case afo_mt_test_cases[] = {
	KUNIT_CASE(afo_mt_plain_is_managed),
	KUNIT_CASE(afo_mt_each_reason),
	KUNIT_CASE(afo_mt_device_before_admin),
	KUNIT_CASE(afo_mt_setting_over_names),
	KUNIT_CASE(afo_mt_vipa_and_offload),
	KUNIT_CASE(afo_mt_words_and_settable),
	{}
};

static struct kunit_suite afo_mt_suite = {
	.name = "arp_failover_membership",
	.test_cases = afo_mt_test_cases,
};

kunit_test_suite(afo_mt_suite);
