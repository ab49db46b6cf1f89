// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the arp_failover decision core: responder choice and
 * physical network discovery.
 */
#include <kunit/test.h>

#include "../arp_failover/core.h"

#define AFO_TEST_ADAPTERS 6

/**
 * struct afo_test_host - a namespace's adapters, as the glue keeps them
 * @a:     the adapters; a[i] has ifindex i + 2
 * @list:  all of them, in ifindex order
 * @pnets: the pnet allocator
 */
struct afo_test_host {
	struct afo_core_adapter a[AFO_TEST_ADAPTERS];
	struct list_head list;
	struct afo_pnets pnets;
};

/* @n healthy adapters, each alone on a pnet of its own (1..n). */
static struct afo_test_host *afo_host(struct kunit *test, int n)
{
	struct afo_test_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, h);
	INIT_LIST_HEAD(&h->list);
	h->pnets.adapters = &h->list;
	for (i = 0; i < n; i++) {
		h->a[i].ifindex = i + 2;
		h->a[i].pnet = afo_pnet_new(&h->pnets);
		h->a[i].carrier = true;
		h->a[i].healthy = true;
		list_add_tail(&h->a[i].node, &h->list);
	}
	return h;
}

static void afo_down(struct afo_core_adapter *a)
{
	a->carrier = false;
	a->healthy = false;
}

/* Adapter @prober probes and exactly the adapters in @heard hear it. */
static void afo_probe(struct afo_test_host *h, int prober, unsigned long heard)
{
	int i;

	for (i = 0; i < AFO_TEST_ADAPTERS; i++)
		h->a[i].heard = heard & BIT(i);
	afo_pnet_probe_done(&h->list, &h->a[prober], &h->pnets);
}

/* Adapters 0..2 on one pnet, adapter 3 alone. */
static struct afo_test_host *afo_segments(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 4);

	afo_probe(h, 0, BIT(1) | BIT(2));
	return h;
}

static const struct afo_core_adapter *afo_resp(struct afo_test_host *h, int owner)
{
	return afo_choose_responder(&h->a[owner], &h->list);
}

static void afo_healthy_owner_answers(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, i), &h->a[i]);
}

static void afo_failed_owner_lowest_ifindex(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_down(&h->a[0]);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
	afo_down(&h->a[1]);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[2]);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 1), &h->a[2]);
}

static void afo_failed_owner_priority_wins(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_down(&h->a[0]);
	h->a[2].priority = 10;
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[2]);
	KUNIT_EXPECT_TRUE(test, afo_better_backup(&h->a[2], &h->a[1]));
	KUNIT_EXPECT_FALSE(test, afo_better_backup(&h->a[1], &h->a[2]));
}

static void afo_backup_must_be_healthy(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_down(&h->a[0]);
	h->a[1].healthy = false;	/* carrier, but in its reclaim delay */
	h->a[1].priority = 10;
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[2]);
	afo_down(&h->a[2]);
	KUNIT_EXPECT_NULL(test, afo_resp(h, 0));
}

static void afo_backup_stays_on_pnet(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_down(&h->a[3]);
	KUNIT_EXPECT_NULL(test, afo_resp(h, 3));
}

static void afo_undiscovered_has_no_backup(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 2);

	h->a[0].pnet = AFO_PNET_NONE;
	h->a[1].pnet = AFO_PNET_NONE;
	afo_down(&h->a[0]);
	KUNIT_EXPECT_NULL(test, afo_resp(h, 0));
}

static void afo_reclaim_when_owner_returns(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_down(&h->a[0]);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
	h->a[0].carrier = true;		/* reclaim delay: not yet */
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
	h->a[0].healthy = true;
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[0]);
}

/*
 * An owner that flaps 100 times, a carrier regain every 900 ticks with a
 * reclaim delay of 100: the sibling answers from each loss until the
 * (damped) delay after the regain is over, never the owner in between,
 * and the delay doubles with each flap up to 64 times the base.
 */
static void afo_flapping_settles(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	struct afo_flaps f = { 0 };
	unsigned long now = 1000, delay, expect;
	int i;

	for (i = 0; i < 100; i++) {
		afo_down(&h->a[0]);
		KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
		now += 900;
		h->a[0].carrier = true;
		delay = afo_flap_regain(&f, now, 100);
		expect = 100ul << min(i, AFO_MAX_DAMPING_SHIFT);
		KUNIT_EXPECT_EQ(test, delay, expect);
		/* within the delay: carrier, not healthy, the sibling answers */
		KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
		h->a[0].healthy = true;
		KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[0]);
	}
	KUNIT_EXPECT_EQ(test, h->a[0].pnet, h->a[1].pnet);
}

/* Damping forgets a flap history after ten quiet (damped) delays. */
static void afo_flap_damping_decays(struct kunit *test)
{
	struct afo_flaps f = { 0 };
	unsigned long now = ULONG_MAX - 50;	/* across a jiffies wrap */

	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, now, 100), 100ul);
	now += 500;
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, now, 100), 200ul);
	now += 1999;	/* within ten doubled delays: still flapping */
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, now, 100), 400ul);
	now += 4001;	/* ten delays of 400 after it: quiet */
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, now, 100), 100ul);
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, now + 1, 0), 0ul);
}

/*
 * Never fail closed: an owner in its reclaim delay answers for itself
 * while no healthy sibling can, alone on its pnet or not yet discovered.
 */
static void afo_owner_in_delay_answers_when_alone(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	h->a[3].healthy = false;	/* carrier, reclaim delay, alone */
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 3), &h->a[3]);
	h->a[3].pnet = AFO_PNET_NONE;
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 3), &h->a[3]);
	/* with a healthy sibling, the delay holds */
	h->a[0].healthy = false;
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
	h->a[1].healthy = false;
	h->a[2].healthy = false;
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[0]);
}

static void afo_pnet_ids_are_fresh(struct kunit *test)
{
	struct afo_pnets p = { .next = 0 };

	KUNIT_EXPECT_EQ(test, afo_pnet_new(&p), 1u);
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&p), 2u);
	p.next = U32_MAX;
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&p), U32_MAX);
	KUNIT_EXPECT_NE(test, afo_pnet_new(&p), (u32)AFO_PNET_NONE);
}

/* After a wrap, identifiers still held by adapters are skipped. */
static void afo_pnet_ids_skip_live_after_wrap(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 4);

	h->a[2].pnet = 6;	/* pnets 1, 2, 6, 4 in use */
	h->pnets.next = U32_MAX;
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&h->pnets), U32_MAX);
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&h->pnets), 3u);
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&h->pnets), 5u);
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&h->pnets), 7u);
}

static void afo_pnet_merge_takes_lowest(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 4);

	afo_probe(h, 3, BIT(1) | BIT(2));
	KUNIT_EXPECT_EQ(test, h->a[3].pnet, h->a[1].pnet);
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, h->a[1].pnet);
	KUNIT_EXPECT_EQ(test, h->a[1].pnet, 2u);
	KUNIT_EXPECT_EQ(test, h->a[0].pnet, 1u);
	KUNIT_EXPECT_FALSE(test, h->a[1].heard || h->a[2].heard);
}

static void afo_pnet_merge_pulls_whole_pnets(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 4);

	afo_probe(h, 0, BIT(1));		/* {0,1} */
	afo_probe(h, 2, BIT(3));		/* {2,3} */
	afo_down(&h->a[3]);
	afo_probe(h, 1, BIT(0) | BIT(2));	/* one network after all */
	KUNIT_EXPECT_EQ(test, h->a[0].pnet, h->a[1].pnet);
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, h->a[1].pnet);
	/* Without carrier, 3 follows its old pnet into the merge. */
	KUNIT_EXPECT_EQ(test, h->a[3].pnet, h->a[1].pnet);
}

static void afo_pnet_unheard_prober_splits(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	u32 old = h->a[0].pnet;

	afo_probe(h, 1, 0);			/* cable of 1 moved */
	KUNIT_EXPECT_NE(test, h->a[1].pnet, old);
	KUNIT_EXPECT_EQ(test, h->a[0].pnet, old);
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, old);
	afo_down(&h->a[1]);
	KUNIT_EXPECT_NULL(test, afo_resp(h, 1));
}

static void afo_pnet_lone_keeps_its_id(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	u32 old = h->a[3].pnet;

	afo_probe(h, 3, 0);
	KUNIT_EXPECT_EQ(test, h->a[3].pnet, old);
}

static void afo_pnet_silent_member_splits_off(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	u32 old = h->a[0].pnet;

	/* 2 has carrier but did not hear 0: it is elsewhere now. */
	afo_probe(h, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, h->a[0].pnet, old);
	KUNIT_EXPECT_EQ(test, h->a[1].pnet, old);
	KUNIT_EXPECT_NE(test, h->a[2].pnet, old);
	KUNIT_EXPECT_NE(test, h->a[2].pnet, h->a[3].pnet);
}

static void afo_pnet_silent_members_stay_together(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 5);

	afo_probe(h, 0, BIT(1) | BIT(2) | BIT(3));
	afo_probe(h, 0, BIT(1));		/* 2 and 3 moved together */
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, h->a[3].pnet);
	KUNIT_EXPECT_NE(test, h->a[2].pnet, h->a[0].pnet);
	KUNIT_EXPECT_EQ(test, h->a[1].pnet, h->a[0].pnet);
}

static void afo_pnet_down_member_not_split(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	u32 old = h->a[0].pnet;

	afo_down(&h->a[2]);
	afo_probe(h, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, old);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 2), &h->a[0]);
}

static void afo_pnet_moved_cable_joins_other(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_probe(h, 2, BIT(3));		/* 2 now on 3's segment */
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, h->a[3].pnet);
	KUNIT_EXPECT_NE(test, h->a[2].pnet, h->a[0].pnet);
	afo_down(&h->a[3]);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 3), &h->a[2]);
	afo_down(&h->a[0]);
	KUNIT_EXPECT_PTR_EQ(test, afo_resp(h, 0), &h->a[1]);
}

static void afo_damping_doubles_then_stops(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, afo_damped_delay(100, 0), 100ul);
	KUNIT_EXPECT_EQ(test, afo_damped_delay(100, 1), 200ul);
	KUNIT_EXPECT_EQ(test, afo_damped_delay(100, 3), 800ul);
	KUNIT_EXPECT_EQ(test, afo_damped_delay(100, AFO_MAX_DAMPING_SHIFT), 6400ul);
	KUNIT_EXPECT_EQ(test, afo_damped_delay(100, 1000), 6400ul);
	KUNIT_EXPECT_EQ(test, afo_damped_delay(0, 5), 0ul);
}

/* VIPA duty: one healthy adapter per pnet, best first. */
static void afo_vipa_holder_per_pnet(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	h->a[1].priority = 5;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_vipa_holder(NULL, h->a[0].pnet, &h->list),
			    &h->a[1]);
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_vipa_holder(NULL, h->a[3].pnet, &h->list),
			    &h->a[3]);
}

/* The duty stays with a healthy holder, even when a better one exists. */
static void afo_vipa_holder_stays(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	KUNIT_EXPECT_PTR_EQ(test, afo_choose_vipa_holder(&h->a[2], h->a[0].pnet, &h->list),
			    &h->a[2]);
}

/* A failed holder hands the duty to the best healthy adapter of its pnet. */
static void afo_vipa_holder_moves_on_failure(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	const struct afo_core_adapter *holder;

	afo_down(&h->a[0]);
	holder = afo_choose_vipa_holder(&h->a[0], h->a[0].pnet, &h->list);
	KUNIT_EXPECT_PTR_EQ(test, holder, &h->a[1]);
	/* It comes back: the duty stays with a[1] (policy: stay). */
	h->a[0].carrier = true;
	h->a[0].healthy = true;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_vipa_holder(holder, h->a[0].pnet, &h->list),
			    &h->a[1]);
}

/* A holder that moved to another pnet gives up the duty on the old one. */
static void afo_vipa_holder_left_pnet(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	u32 old = h->a[0].pnet;

	h->a[0].pnet = h->a[3].pnet;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_vipa_holder(&h->a[0], old, &h->list),
			    &h->a[1]);
}

/* No adapter of the pnet has carrier: nobody answers for its VIPAs. */
static void afo_vipa_holder_none(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	afo_down(&h->a[3]);
	KUNIT_EXPECT_NULL(test, afo_choose_vipa_holder(&h->a[3], h->a[3].pnet, &h->list));
}

/*
 * Never fail closed: with carrier but none healthy (reclaim delays), the
 * best of those holds the duty; a healthy adapter takes it over.
 */
static void afo_vipa_holder_in_delay(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);
	const struct afo_core_adapter *holder;
	u32 pnet = h->a[0].pnet;

	h->a[0].healthy = false;
	h->a[1].healthy = false;
	afo_down(&h->a[2]);
	h->a[1].priority = 3;
	holder = afo_choose_vipa_holder(NULL, pnet, &h->list);
	KUNIT_EXPECT_PTR_EQ(test, holder, &h->a[1]);
	h->a[0].healthy = true;
	KUNIT_EXPECT_PTR_EQ(test, afo_choose_vipa_holder(holder, pnet, &h->list),
			    &h->a[0]);
}

/* A deaf (offload) member that did not hear a sibling's probe stays. */
static void afo_pnet_deaf_member_not_split(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	h->a[2].deaf = true;
	afo_probe(h, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, h->a[2].pnet, h->a[0].pnet);
}

/* A prober whose only sibling is deaf is not alone for it. */
static void afo_pnet_deaf_sibling_no_evidence(struct kunit *test)
{
	struct afo_test_host *h = afo_host(test, 2);
	u32 pnet;

	afo_probe(h, 0, BIT(1));
	pnet = h->a[0].pnet;
	h->a[1].deaf = true;
	afo_probe(h, 0, 0);
	KUNIT_EXPECT_EQ(test, h->a[0].pnet, pnet);
	KUNIT_EXPECT_EQ(test, h->a[1].pnet, pnet);
}

/* A deaf prober heard by a host sibling joins it (its announcement). */
static void afo_pnet_deaf_prober_heard_joins(struct kunit *test)
{
	struct afo_test_host *h = afo_segments(test);

	h->a[3].deaf = true;
	afo_probe(h, 3, BIT(0) | BIT(1) | BIT(2));
	KUNIT_EXPECT_EQ(test, h->a[3].pnet, h->a[0].pnet);
	KUNIT_EXPECT_EQ(test, h->a[1].pnet, h->a[0].pnet);
}

static struct kunit_case afo_core_cases[] = {
	KUNIT_CASE(afo_healthy_owner_answers),
	KUNIT_CASE(afo_failed_owner_lowest_ifindex),
	KUNIT_CASE(afo_failed_owner_priority_wins),
	KUNIT_CASE(afo_backup_must_be_healthy),
	KUNIT_CASE(afo_backup_stays_on_pnet),
	KUNIT_CASE(afo_undiscovered_has_no_backup),
	KUNIT_CASE(afo_reclaim_when_owner_returns),
	KUNIT_CASE(afo_flapping_settles),
	KUNIT_CASE(afo_flap_damping_decays),
	KUNIT_CASE(afo_owner_in_delay_answers_when_alone),
	KUNIT_CASE(afo_pnet_ids_skip_live_after_wrap),
	KUNIT_CASE(afo_vipa_holder_in_delay),
	KUNIT_CASE(afo_pnet_ids_are_fresh),
	KUNIT_CASE(afo_pnet_merge_takes_lowest),
	KUNIT_CASE(afo_pnet_merge_pulls_whole_pnets),
	KUNIT_CASE(afo_pnet_unheard_prober_splits),
	KUNIT_CASE(afo_pnet_lone_keeps_its_id),
	KUNIT_CASE(afo_pnet_silent_member_splits_off),
	KUNIT_CASE(afo_pnet_silent_members_stay_together),
	KUNIT_CASE(afo_pnet_down_member_not_split),
	KUNIT_CASE(afo_pnet_moved_cable_joins_other),
	KUNIT_CASE(afo_damping_doubles_then_stops),
	KUNIT_CASE(afo_vipa_holder_per_pnet),
	KUNIT_CASE(afo_vipa_holder_stays),
	KUNIT_CASE(afo_vipa_holder_moves_on_failure),
	KUNIT_CASE(afo_vipa_holder_left_pnet),
	KUNIT_CASE(afo_vipa_holder_none),
	KUNIT_CASE(afo_pnet_deaf_member_not_split),
	KUNIT_CASE(afo_pnet_deaf_sibling_no_evidence),
	KUNIT_CASE(afo_pnet_deaf_prober_heard_joins),
	{}
};

static struct kunit_suite afo_core_suite = {
	.name = "arp_failover_core",
	.test_cases = afo_core_cases,
};

kunit_test_suite(afo_core_suite);
