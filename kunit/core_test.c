// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the arp_failover decision core.
 */
#include <kunit/test.h>

#include "../arp_failover/core.h"

/* Three adapters on pnet 1 and one alone on pnet 2. */
static void afo_topology(struct afo_adapter *a)
{
	a[0] = (struct afo_adapter){ .ifindex = 2, .pnet = 1, .healthy = true };
	a[1] = (struct afo_adapter){ .ifindex = 3, .pnet = 1, .healthy = true };
	a[2] = (struct afo_adapter){ .ifindex = 4, .pnet = 1, .healthy = true };
	a[3] = (struct afo_adapter){ .ifindex = 5, .pnet = 2, .healthy = true };
}

static void afo_healthy_owner_answers(struct kunit *test)
{
	struct afo_adapter a[4];
	int i;

	afo_topology(a);
	for (i = 0; i < ARRAY_SIZE(a); i++)
		KUNIT_EXPECT_PTR_EQ(test, afo_choose_responder(&a[i], a, 4),
				    (const struct afo_adapter *)&a[i]);
}

static void afo_failed_owner_lowest_ifindex(struct kunit *test)
{
	struct afo_adapter a[4];

	afo_topology(a);
	a[0].healthy = false;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_responder(&a[0], a, 4),
			    (const struct afo_adapter *)&a[1]);
}

static void afo_failed_owner_priority_wins(struct kunit *test)
{
	struct afo_adapter a[4];

	afo_topology(a);
	a[0].healthy = false;
	a[2].priority = 10;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_responder(&a[0], a, 4),
			    (const struct afo_adapter *)&a[2]);
}

static void afo_backup_must_be_healthy(struct kunit *test)
{
	struct afo_adapter a[4];

	afo_topology(a);
	a[0].healthy = false;
	a[1].healthy = false;
	a[1].priority = 10;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_responder(&a[0], a, 4),
			    (const struct afo_adapter *)&a[2]);
	a[2].healthy = false;
	KUNIT_EXPECT_NULL(test, afo_choose_responder(&a[0], a, 4));
}

static void afo_backup_stays_on_pnet(struct kunit *test)
{
	struct afo_adapter a[4];

	afo_topology(a);
	a[3].healthy = false;
	KUNIT_EXPECT_NULL(test, afo_choose_responder(&a[3], a, 4));
}

static void afo_undiscovered_has_no_backup(struct kunit *test)
{
	struct afo_adapter a[4];

	afo_topology(a);
	a[0].healthy = false;
	a[0].pnet = AFO_PNET_NONE;
	a[1].pnet = AFO_PNET_NONE;
	KUNIT_EXPECT_NULL(test, afo_choose_responder(&a[0], a, 4));
}

static struct kunit_case afo_core_cases[] = {
	KUNIT_CASE(afo_healthy_owner_answers),
	KUNIT_CASE(afo_failed_owner_lowest_ifindex),
	KUNIT_CASE(afo_failed_owner_priority_wins),
	KUNIT_CASE(afo_backup_must_be_healthy),
	KUNIT_CASE(afo_backup_stays_on_pnet),
	KUNIT_CASE(afo_undiscovered_has_no_backup),
	{}
};

static struct kunit_suite afo_core_suite = {
	.name = "arp_failover_core",
	.test_cases = afo_core_cases,
};

kunit_test_suite(afo_core_suite);
