// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the arp_failover decision core, one table of cases per
 * rule: responders, the VIPA duty, discovery (probe retries, merges,
 * splits), the reclaim delay and flap damping, the announcement rate
 * limit, and the actions each step records. Every case drives the core
 * through its entry points with a clock of its own (core_harness.h).
 */
#include "core_harness.h"

static int afo_resp(struct afo_t *t, int i)
{
	return t->a[i].responder;
}

#define IFX(i) afo_t_ifindex(i)

/* --- responders --------------------------------------------------------- */

static void afo_healthy_owner_answers(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, afo_resp(t, i), IFX(i));
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[2].pnet);
	KUNIT_EXPECT_NE(test, t->a[0].pnet, t->a[3].pnet);
}

static void afo_failed_owner_lowest_ifindex(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));
	afo_t_carrier(t, 1, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(2));
	KUNIT_EXPECT_EQ(test, afo_resp(t, 1), IFX(2));
}

static void afo_failed_owner_priority_wins(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	AFO_T_STEP(t, afo_core_priority(&t->c, &t->a[2], 10, &s_));
	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(2));
	KUNIT_EXPECT_TRUE(test, afo_better_backup(&t->a[2], &t->a[1]));
	KUNIT_EXPECT_FALSE(test, afo_better_backup(&t->a[1], &t->a[2]));
	/* A priority change alone moves a takeover to the better sibling. */
	AFO_T_STEP(t, afo_core_priority(&t->c, &t->a[1], 20, &s_));
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));
}

static void afo_backup_must_be_healthy(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 1, false);
	afo_t_carrier(t, 1, true);	/* in its reclaim delay now */
	AFO_T_STEP(t, afo_core_priority(&t->c, &t->a[1], 10, &s_));
	KUNIT_EXPECT_FALSE(test, t->a[1].healthy);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(2));
	afo_t_carrier(t, 2, false);
	/* Nobody healthy: 1, with carrier, still answers for itself only. */
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), 0);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 1), IFX(1));
}

static void afo_backup_stays_on_pnet(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 3, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 3), 0);
}

static void afo_removed_backup_replaced(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));
	AFO_T_STEP(t, afo_core_remove(&t->c, &t->a[1], &s_));
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(2));
}

/* --- reclaim delay and flap damping -------------------------------------- */

static void afo_reclaim_after_delay(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));
	afo_t_carrier(t, 0, true);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));	/* not yet */
	KUNIT_EXPECT_TRUE(test, t->next_set);
	afo_t_run(t, 99);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));
	afo_t_run(t, 2);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(0));
	KUNIT_EXPECT_TRUE(test, t->a[0].healthy);
}

static void afo_no_delay_without_sibling(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	/* 3 is alone: nobody answered while it was down, so no delay. */
	afo_t_carrier(t, 3, false);
	afo_t_carrier(t, 3, true);
	KUNIT_EXPECT_TRUE(test, t->a[3].healthy);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 3), IFX(3));
}

static void afo_owner_in_delay_answers_when_alone(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 0, true);		/* delay runs: 1 answers */
	afo_t_carrier(t, 1, false);
	afo_t_carrier(t, 2, false);
	/* Never fail closed: no healthy sibling, so 0 answers itself. */
	KUNIT_EXPECT_FALSE(test, t->a[0].healthy);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(0));
	KUNIT_EXPECT_TRUE(test, t->a[0].vipa_duty);
}

static void afo_flapping_doubles_delay(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	unsigned long want = 100;
	int i;

	for (i = 0; i < 8; i++) {
		afo_t_carrier(t, 0, false);
		afo_t_run(t, 5);
		afo_t_carrier(t, 0, true);
		KUNIT_EXPECT_EQ(test, t->a[0].usable_at, (t->now + want) | 1);
		want = min(want * 2, 100ul << AFO_MAX_DAMPING_SHIFT);
		afo_t_run(t, 5);
	}
	/* Quiet for ten damped delays: the delay starts over. */
	afo_t_run(t, 10 * (100ul << AFO_MAX_DAMPING_SHIFT) + 1);
	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 0, true);
	KUNIT_EXPECT_EQ(test, t->a[0].usable_at, (t->now + 100) | 1);
}

static void afo_damping_table(struct kunit *test)
{
	static const struct {
		unsigned long base;
		unsigned int flaps;
		unsigned long want;
	} cases[] = {
		{ 100, 0, 100 }, { 100, 1, 200 }, { 100, 3, 800 },
		{ 100, AFO_MAX_DAMPING_SHIFT, 6400 }, { 100, 1000, 6400 },
		{ 0, 5, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ(test,
				afo_damped_delay(cases[i].base, cases[i].flaps),
				cases[i].want);
}

static void afo_flap_regain_table(struct kunit *test)
{
	struct afo_flaps f = { 0 };

	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, 1000, 100), 100ul);
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, 1500, 100), 200ul);
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, 2500, 100), 400ul);
	/* 10 x 400 later: quiet, start over. */
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, 2500 + 4001, 100), 100ul);
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, 9999, 0), 0ul);
	/* Time wraps like jiffies. */
	f = (struct afo_flaps) { 0 };
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, ULONG_MAX - 10, 100), 100ul);
	KUNIT_EXPECT_EQ(test, afo_flap_regain(&f, 50, 100), 200ul);
}

/* --- VIPA duty ------------------------------------------------------------ */

static int afo_holders(struct afo_t *t, u32 pnet)
{
	int i, n = 0;

	for (i = 0; i < AFO_T_MAX; i++)
		n += t->a[i].pnet == pnet && t->a[i].vipa_duty;
	return n;
}

static void afo_vipa_holder_per_pnet(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	KUNIT_EXPECT_TRUE(test, t->a[0].vipa_duty);
	KUNIT_EXPECT_TRUE(test, t->a[3].vipa_duty);
	KUNIT_EXPECT_EQ(test, afo_holders(t, t->a[0].pnet), 1);
	KUNIT_EXPECT_EQ(test, afo_holders(t, t->a[3].pnet), 1);
}

static void afo_vipa_holder_stays(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_TRUE(test, t->a[1].vipa_duty);
	afo_t_carrier(t, 0, true);
	afo_t_run(t, 200);
	/* 0 is back and better, but the duty stays where it is. */
	KUNIT_EXPECT_TRUE(test, t->a[1].vipa_duty);
	KUNIT_EXPECT_FALSE(test, t->a[0].vipa_duty);
}

static void afo_vipa_holder_none(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 3, false);
	KUNIT_EXPECT_EQ(test, afo_holders(t, t->a[3].pnet), 0);
	afo_t_carrier(t, 3, true);
	KUNIT_EXPECT_TRUE(test, t->a[3].vipa_duty);
}

static void afo_vipa_holder_in_delay(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 0, true);	/* delay */
	afo_t_carrier(t, 1, false);
	afo_t_carrier(t, 2, false);
	/* Only 0 has carrier, in its delay: it holds the duty anyway. */
	KUNIT_EXPECT_TRUE(test, t->a[0].vipa_duty);
	KUNIT_EXPECT_EQ(test, afo_holders(t, t->a[0].pnet), 1);
}

static void afo_vipa_holder_merge_keeps_one(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	/* 3's cable moves onto segment 0: two holders meet, one stays. */
	t->seg[3] = 0;
	afo_t_carrier(t, 3, false);
	afo_t_carrier(t, 3, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_EQ(test, t->a[3].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, afo_holders(t, t->a[0].pnet), 1);
}

/* --- discovery ------------------------------------------------------------ */

static void afo_pnet_ids_are_fresh(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 3);

	KUNIT_EXPECT_EQ(test, t->a[0].pnet, 1u);
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, 2u);
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&t->c), 4u);
}

static void afo_pnet_ids_skip_live_after_wrap(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 3);

	t->c.next_pnet = U32_MAX;
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&t->c), U32_MAX);
	/* 0 is never handed out; 1, 2 and 3 are held. */
	KUNIT_EXPECT_EQ(test, afo_pnet_new(&t->c), 4u);
}

static void afo_lone_adapter_skips_probe(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);

	afo_t_carrier(t, 0, true);
	KUNIT_EXPECT_EQ(test, t->probes[0], 0u);
	KUNIT_EXPECT_TRUE(test, t->a[0].probe_skipped);
	afo_t_carrier(t, 1, true);
	/* A sibling appeared: both probe now. */
	KUNIT_EXPECT_EQ(test, t->probes[0], 1u);
	KUNIT_EXPECT_EQ(test, t->probes[1], 1u);
}

static void afo_probe_retries_then_alone(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	unsigned int before = t->probes[3];
	u32 old = t->a[3].pnet;

	afo_t_carrier(t, 3, false);
	afo_t_carrier(t, 3, true);
	afo_t_run(t, 100);
	/* Unheard: AFO_PROBE_TRIES probes, then it keeps its own pnet. */
	KUNIT_EXPECT_EQ(test, t->probes[3] - before,
			(unsigned int)AFO_PROBE_TRIES);
	KUNIT_EXPECT_FALSE(test, t->a[3].probing);
	KUNIT_EXPECT_EQ(test, t->a[3].pnet, old);
}

static void afo_probe_heard_once_is_enough(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	unsigned int before = t->probes[0];

	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 0, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_EQ(test, t->probes[0] - before, 1u);
}

static void afo_reverify_periodically(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	unsigned int before = t->probes[1];

	afo_t_run(t, 3 * t->p.reverify + 50);
	KUNIT_EXPECT_EQ(test, t->probes[1] - before, 3u);
	t->p.reverify = 0;
	before = t->probes[1];
	afo_t_run(t, 3 * 1000);
	KUNIT_EXPECT_EQ(test, t->probes[1], before);
}

/*
 * An adapter alone on its pnet verifies it again only once ARP of a
 * sibling on another pnet reaches it: two adapters on two LANs, or on one
 * whose host sends nothing, never probe after carrier up. When one starts
 * hearing the other, it probes once (an unheard probe of a lone adapter
 * changes nothing) and they merge. A member of a pnet of two still
 * re-verifies every interval, and tries AFO_PROBE_TRIES times before an
 * unheard probe splits it off.
 */
static void afo_reverify_alone_waits_for_a_sibling(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);
	unsigned int before[2];

	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_run(t, 100);
	before[0] = t->probes[0];
	before[1] = t->probes[1];
	afo_t_run(t, 3 * t->p.reverify);
	KUNIT_EXPECT_EQ(test, t->probes[0], before[0]);
	KUNIT_EXPECT_EQ(test, t->probes[1], before[1]);

	/* a1 moves next to a0, carrier up; both quiet: nothing to go by */
	t->seg[1] = 0;
	t->quiet = BIT(0) | BIT(1);
	afo_t_run(t, 3 * t->p.reverify);
	KUNIT_EXPECT_EQ(test, t->probes[0], before[0]);
	KUNIT_EXPECT_EQ(test, t->probes[1], before[1]);
	KUNIT_EXPECT_NE(test, t->a[0].pnet, t->a[1].pnet);

	/* a0 talks: a1 hears it, probes once, and they are one pnet */
	t->quiet = BIT(1);
	afo_t_run(t, 50);
	afo_t_run(t, 50);
	KUNIT_EXPECT_EQ(test, t->probes[1] - before[1], 1u);
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[1].pnet);

	/* members now: each re-verifies every interval */
	before[0] = t->probes[0];
	before[1] = t->probes[1];
	afo_t_run(t, 3 * t->p.reverify + 50);
	KUNIT_EXPECT_GE(test, t->probes[0] - before[0], 3u);
	KUNIT_EXPECT_LE(test, t->probes[0] - before[0], 4u);
	KUNIT_EXPECT_GE(test, t->probes[1] - before[1], 3u);
	KUNIT_EXPECT_LE(test, t->probes[1] - before[1], 4u);
}

/*
 * However much a lone adapter hears of a sibling, it probes at most once
 * per interval: here nobody hears the probes, so it stays alone and the
 * sibling's ARP keeps coming.
 */
static void afo_reverify_alone_at_most_once_per_interval(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);
	unsigned int before, k;

	t->seg[1] = 0;
	t->lossy = BIT(0) | BIT(1);
	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_run(t, 100);
	KUNIT_ASSERT_NE(test, t->a[0].pnet, t->a[1].pnet);
	before = t->probes[1];
	/* its ARP wakes the tick again and again */
	for (k = 0; k < 4 * t->p.reverify / 50; k++)
		afo_t_run(t, 50);
	KUNIT_EXPECT_GE(test, t->probes[1] - before, 3u);
	KUNIT_EXPECT_LE(test, t->probes[1] - before, 4u);
	KUNIT_EXPECT_NE(test, t->a[0].pnet, t->a[1].pnet);
}

/*
 * Probes lost on a pair's quiet segment split it into two pnets of one
 * that hear no ARP of each other: the one that strayed keeps verifying
 * every interval, and they are one pnet again once probes get through.
 */
static void afo_reverify_strayed_keeps_probing(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);
	int k;

	t->seg[1] = 0;
	t->quiet = BIT(0) | BIT(1);
	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_run(t, 100);
	KUNIT_ASSERT_EQ(test, t->a[0].pnet, t->a[1].pnet);

	t->lossy = BIT(0) | BIT(1);
	for (k = 0; k < 10 && t->a[0].pnet == t->a[1].pnet; k++)
		afo_t_run(t, t->p.reverify);
	KUNIT_ASSERT_NE(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_TRUE(test, t->a[0].strayed || t->a[1].strayed);

	t->lossy = 0;
	afo_t_run(t, t->p.reverify + 50);
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_FALSE(test, t->a[0].strayed || t->a[1].strayed);
}

/* A member moved with its carrier up tries every time before it splits. */
static void afo_reverify_member_tries_all(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	unsigned int mate;

	t->seg[1] = 5;
	mate = t->probes[1];
	afo_t_run(t, t->p.reverify + 50);
	KUNIT_EXPECT_EQ(test, t->probes[1] - mate,
			(unsigned int)AFO_PROBE_TRIES);
	KUNIT_EXPECT_NE(test, t->a[1].pnet, t->a[0].pnet);
}

/*
 * Adapters verified together re-verify spread over the last quarter of
 * the interval, each by its own spread, so a thousand of them never
 * probe in one burst.
 */
static void afo_reverify_spread(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 4);
	unsigned int before[4];
	int i;

	t->seg[1] = 0;
	t->seg[2] = 0;
	t->a[1].spread = U16_MAX;	/* a quarter early: at about 750 */
	t->a[2].spread = U16_MAX / 2;	/* an eighth early: at about 875 */
	for (i = 0; i < 4; i++)
		afo_t_carrier(t, i, true);
	afo_t_run(t, 100);
	for (i = 0; i < 4; i++)
		before[i] = t->probes[i];
	afo_t_run(t, 600);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, t->probes[i], before[i]);
	afo_t_run(t, 120);	/* 820 */
	KUNIT_EXPECT_EQ(test, t->probes[1] - before[1], 1u);
	KUNIT_EXPECT_EQ(test, t->probes[2], before[2]);
	KUNIT_EXPECT_EQ(test, t->probes[0], before[0]);
	afo_t_run(t, 120);	/* 940 */
	KUNIT_EXPECT_EQ(test, t->probes[2] - before[2], 1u);
	KUNIT_EXPECT_EQ(test, t->probes[0], before[0]);
	afo_t_run(t, 200);	/* 1140: every member once, none twice */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_GE(test, t->probes[i] - before[i], 1u);
	KUNIT_EXPECT_EQ(test, t->probes[1] - before[1], 1u);
	/* a3, alone on its segment, hears no sibling: it never probes */
	KUNIT_EXPECT_EQ(test, t->probes[3], before[3]);
}

static void afo_pnet_merge_takes_lowest(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 4);
	int i;

	for (i = 0; i < 4; i++)
		t->a[i].carrier = true;
	t->c.carriers = 4;
	afo_t_probe(t, 3, BIT(1) | BIT(2));
	KUNIT_EXPECT_EQ(test, t->a[3].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, 2u);
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, 1u);
	KUNIT_EXPECT_FALSE(test, t->a[1].heard || t->a[2].heard);
	/* Reported: 2 and 3 changed pnet, 1 kept its own. */
	KUNIT_EXPECT_EQ(test, afo_t_acts(t, AFO_DO_PNET), 2u);
}

static void afo_pnet_merge_pulls_whole_pnets(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 4);
	int i;

	for (i = 0; i < 4; i++)
		t->a[i].carrier = true;
	t->c.carriers = 4;
	afo_t_probe(t, 0, BIT(1));		/* {0,1} */
	afo_t_probe(t, 2, BIT(3));		/* {2,3} */
	afo_t_carrier(t, 3, false);
	afo_t_probe(t, 1, BIT(0) | BIT(2));	/* one network after all */
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[1].pnet);
	/* Without carrier, 3 follows its old pnet into the merge. */
	KUNIT_EXPECT_EQ(test, t->a[3].pnet, t->a[1].pnet);
}

static void afo_pnet_moved_prober_splits(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	u32 old = t->a[0].pnet;

	t->seg[1] = 7;				/* cable of 1 moved */
	afo_t_carrier(t, 1, false);
	afo_t_carrier(t, 1, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_NE(test, t->a[1].pnet, old);
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, old);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, old);
	afo_t_carrier(t, 1, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 1), 0);
}

static void afo_pnet_one_miss_is_not_a_split(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	u32 old = t->a[0].pnet;

	/* 2 has carrier but missed one probe of 0: one lost frame. */
	afo_t_probe(t, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, old);
	KUNIT_EXPECT_EQ(test, t->a[2].misses, 1u);
	/* Heard the next one: the miss is forgotten. */
	afo_t_probe(t, 1, BIT(0) | BIT(2));
	KUNIT_EXPECT_EQ(test, t->a[2].misses, 0u);
	afo_t_probe(t, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, old);
}

static void afo_pnet_misses_split_off(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	u32 old = t->a[0].pnet;
	int k;

	for (k = 0; k < AFO_SPLIT_MISSES; k++)
		afo_t_probe(t, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, old);
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, old);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, old);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[3].pnet);
}

static void afo_pnet_silent_members_stay_together(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 5);
	int i, k;

	for (i = 0; i < 5; i++)
		t->a[i].carrier = true;
	t->c.carriers = 5;
	afo_t_probe(t, 0, BIT(1) | BIT(2) | BIT(3));
	for (k = 0; k < AFO_SPLIT_MISSES; k++)
		afo_t_probe(t, 0, BIT(1));	/* 2 and 3 moved together */
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[3].pnet);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, t->a[0].pnet);
}

static void afo_pnet_down_member_not_split(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	u32 old = t->a[0].pnet;
	int k;

	afo_t_carrier(t, 2, false);
	for (k = 0; k < AFO_SPLIT_MISSES; k++)
		afo_t_probe(t, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, old);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 2), IFX(0));
}

static void afo_pnet_moved_cable_joins_other(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	t->seg[2] = 3;				/* 2 now on 3's segment */
	afo_t_carrier(t, 2, false);
	afo_t_carrier(t, 2, true);
	afo_t_run(t, 200);			/* probed, delay over */
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[3].pnet);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[0].pnet);
	afo_t_carrier(t, 3, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 3), IFX(2));
	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, afo_resp(t, 0), IFX(1));
}

static void afo_pnet_deaf_member_not_split(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	u32 old = t->a[0].pnet;
	int k;

	t->a[2].deaf = true;
	for (k = 0; k < AFO_SPLIT_MISSES; k++)
		afo_t_probe(t, 0, BIT(1));
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, old);
}

static void afo_pnet_deaf_sibling_no_evidence(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);

	t->a[1].deaf = true;
	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_probe(t, 0, 0);
	/* The deaf sibling heard nothing: that proves nothing either way. */
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, 1u);
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, 2u);
}

static void afo_pnet_deaf_prober_heard_joins(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);

	t->a[1].deaf = true;
	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_probe(t, 1, BIT(0));
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, t->a[0].pnet);
}

/* --- liveness rounds only where a pnet has two members -------------------- */

static void afo_live_members_two_lans_idle(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 3);

	/* Two adapters with carrier on two LANs: nothing to compare. */
	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_NE(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 0u);
	KUNIT_EXPECT_TRUE(test, afo_core_live_idle(&t->c));
	/* A third on the first one's LAN: a pnet of two. */
	t->seg[2] = 0;
	afo_t_carrier(t, 2, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 2u);
	KUNIT_EXPECT_FALSE(test, afo_core_live_idle(&t->c));
	KUNIT_EXPECT_FALSE(test, t->a[1].live_member);
	/* Its carrier goes: the first is alone again. */
	afo_t_carrier(t, 2, false);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 0u);
	afo_t_carrier(t, 2, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 2u);
	/* Removed: the one left has nobody. */
	AFO_T_STEP(t, afo_core_remove(&t->c, &t->a[0], &s_));
	KUNIT_EXPECT_EQ(test, t->c.live_members, 0u);
}

static void afo_live_members_follow_moves(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);	/* 0..2 one pnet, 3 alone */

	KUNIT_EXPECT_EQ(test, t->c.live_members, 3u);
	/* 2 moves to 3's LAN: two pnets of two. */
	t->seg[2] = 3;
	afo_t_carrier(t, 2, false);
	afo_t_carrier(t, 2, true);
	afo_t_run(t, 100);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[3].pnet);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 4u);
	/* 0 and 2 go: two pnets of one. */
	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 2, false);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 0u);
	afo_core_forget(&t->c, &t->a[1]);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 0u);
}

static void afo_live_members_deaf_not_counted(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 2);

	/* An offload adapter hears no frame: no round for it. */
	t->a[1].deaf = true;
	t->seg[1] = 0;
	afo_t_carrier(t, 0, true);
	afo_t_carrier(t, 1, true);
	afo_t_probe(t, 1, BIT(0));
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, t->c.live_members, 0u);
}

/* --- actions and deadlines ------------------------------------------------ */

static void afo_actions_report_changes_once(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	unsigned int resp = afo_t_acts(t, AFO_DO_RESPONDER);
	unsigned int carrier = afo_t_acts(t, AFO_DO_CARRIER);

	afo_t_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, afo_t_acts(t, AFO_DO_RESPONDER) - resp, 1u);
	KUNIT_EXPECT_EQ(test, afo_t_acts(t, AFO_DO_CARRIER) - carrier, 1u);
	/* Down and up in one step: the flags flip back, nothing to report. */
	resp = afo_t_acts(t, AFO_DO_RESPONDER);
	carrier = afo_t_acts(t, AFO_DO_CARRIER);
	AFO_T_STEP(t, ({
		afo_core_carrier(&t->c, &t->a[3], false, &s_);
		afo_core_carrier(&t->c, &t->a[3], true, &s_);
	}));
	KUNIT_EXPECT_EQ(test, afo_t_acts(t, AFO_DO_CARRIER), carrier);
	KUNIT_EXPECT_EQ(test, afo_t_acts(t, AFO_DO_RESPONDER), resp);
}

static void afo_actions_old_values(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);
	struct afo_core_adapter *a;
	struct afo_step s;

	afo_step_init(&s, t->now, &t->p);
	afo_core_carrier(&t->c, &t->a[0], false, &s);
	a = afo_step_pop(&s);
	KUNIT_ASSERT_PTR_EQ(test, a, &t->a[0]);
	KUNIT_EXPECT_TRUE(test, a->todo & AFO_DO_RESPONDER);
	KUNIT_EXPECT_EQ(test, a->old_responder, IFX(0));
	KUNIT_EXPECT_EQ(test, a->responder, IFX(1));
	a->todo = 0;
	afo_t_apply(t, &s);
}

static void afo_tick_deadlines(struct kunit *test)
{
	struct afo_t *t = afo_t_segments(test);

	afo_t_carrier(t, 0, false);
	afo_t_carrier(t, 0, true);
	/* The probe's outcome first, then the end of the reclaim delay. */
	KUNIT_EXPECT_TRUE(test, t->next_set);
	KUNIT_EXPECT_EQ(test, t->next, t->now + t->p.probe_timeout);
	afo_t_tick(t, t->p.probe_timeout);
	KUNIT_EXPECT_EQ(test, t->next, t->a[0].usable_at);
}

/* --- announcement trains and their rate limit ----------------------------- */

static void afo_train_repeats(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 1);
	struct afo_train tr = { 0 };
	struct afo_step s;
	int sent = 0;

	afo_step_init(&s, t->now, &t->p);
	KUNIT_ASSERT_TRUE(test, afo_train_start(&tr, &s));
	while (tr.left) {
		KUNIT_ASSERT_TRUE(test, afo_train_may_send(&tr, &s));
		sent++;
		if (!afo_train_sent(&tr, &s))
			break;
		KUNIT_EXPECT_FALSE(test, afo_train_due(&tr, s.now + 19));
		s.now = tr.next;
		KUNIT_EXPECT_TRUE(test, afo_train_due(&tr, s.now));
	}
	KUNIT_EXPECT_EQ(test, sent, 3);
}

static void afo_train_burst_then_limited(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 1);
	struct afo_train tr = { 0 };
	struct afo_step s;

	afo_step_init(&s, t->now, &t->p);
	/* A takeover and its reclaim at once: both go out. */
	KUNIT_EXPECT_TRUE(test, afo_train_start(&tr, &s));
	afo_train_sent(&tr, &s);
	KUNIT_EXPECT_TRUE(test, afo_train_start(&tr, &s));
	afo_train_sent(&tr, &s);
	/* A third change in the same instant waits an interval. */
	KUNIT_EXPECT_FALSE(test, afo_train_start(&tr, &s));
	KUNIT_EXPECT_EQ(test, tr.left, 3u);
	KUNIT_EXPECT_EQ(test, tr.next, s.now + 20);
	s.now += 20;
	KUNIT_EXPECT_TRUE(test, afo_train_may_send(&tr, &s));
	/* garp_count 0: no train at all. */
	t->p.garp_count = 0;
	KUNIT_EXPECT_FALSE(test, afo_train_start(&tr, &s));
	KUNIT_EXPECT_EQ(test, tr.left, 0u);
}

static void afo_train_full_bucket_banks_nothing(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 1);
	struct afo_train tr = { 0 };
	struct afo_step s;
	int n = 0;

	afo_step_init(&s, t->now, &t->p);
	afo_train_may_send(&tr, &s);
	s.now += 100 * 20;		/* long quiet */
	while (afo_train_may_send(&tr, &s) && n < 10) {
		afo_train_sent(&tr, &s);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, AFO_TRAIN_BURST);
}

static struct kunit_case afo_core_cases[] = {
	KUNIT_CASE(afo_healthy_owner_answers),
	KUNIT_CASE(afo_failed_owner_lowest_ifindex),
	KUNIT_CASE(afo_failed_owner_priority_wins),
	KUNIT_CASE(afo_backup_must_be_healthy),
	KUNIT_CASE(afo_backup_stays_on_pnet),
	KUNIT_CASE(afo_removed_backup_replaced),
	KUNIT_CASE(afo_reclaim_after_delay),
	KUNIT_CASE(afo_no_delay_without_sibling),
	KUNIT_CASE(afo_owner_in_delay_answers_when_alone),
	KUNIT_CASE(afo_flapping_doubles_delay),
	KUNIT_CASE(afo_damping_table),
	KUNIT_CASE(afo_flap_regain_table),
	KUNIT_CASE(afo_vipa_holder_per_pnet),
	KUNIT_CASE(afo_vipa_holder_stays),
	KUNIT_CASE(afo_vipa_holder_none),
	KUNIT_CASE(afo_vipa_holder_in_delay),
	KUNIT_CASE(afo_vipa_holder_merge_keeps_one),
	KUNIT_CASE(afo_pnet_ids_are_fresh),
	KUNIT_CASE(afo_pnet_ids_skip_live_after_wrap),
	KUNIT_CASE(afo_lone_adapter_skips_probe),
	KUNIT_CASE(afo_probe_retries_then_alone),
	KUNIT_CASE(afo_probe_heard_once_is_enough),
	KUNIT_CASE(afo_reverify_periodically),
	KUNIT_CASE(afo_reverify_alone_waits_for_a_sibling),
	KUNIT_CASE(afo_reverify_alone_at_most_once_per_interval),
	KUNIT_CASE(afo_reverify_member_tries_all),
	KUNIT_CASE(afo_reverify_strayed_keeps_probing),
	KUNIT_CASE(afo_reverify_spread),
	KUNIT_CASE(afo_pnet_merge_takes_lowest),
	KUNIT_CASE(afo_pnet_merge_pulls_whole_pnets),
	KUNIT_CASE(afo_pnet_moved_prober_splits),
	KUNIT_CASE(afo_pnet_one_miss_is_not_a_split),
	KUNIT_CASE(afo_pnet_misses_split_off),
	KUNIT_CASE(afo_pnet_silent_members_stay_together),
	KUNIT_CASE(afo_pnet_down_member_not_split),
	KUNIT_CASE(afo_pnet_moved_cable_joins_other),
	KUNIT_CASE(afo_pnet_deaf_member_not_split),
	KUNIT_CASE(afo_pnet_deaf_sibling_no_evidence),
	KUNIT_CASE(afo_pnet_deaf_prober_heard_joins),
	KUNIT_CASE(afo_live_members_two_lans_idle),
	KUNIT_CASE(afo_live_members_follow_moves),
	KUNIT_CASE(afo_live_members_deaf_not_counted),
	KUNIT_CASE(afo_actions_report_changes_once),
	KUNIT_CASE(afo_actions_old_values),
	KUNIT_CASE(afo_tick_deadlines),
	KUNIT_CASE(afo_train_repeats),
	KUNIT_CASE(afo_train_burst_then_limited),
	KUNIT_CASE(afo_train_full_bucket_banks_nothing),
	{}
};

static struct kunit_suite afo_core_suite = {
	.name = "arp_failover_core",
	.test_cases = afo_core_cases,
};

kunit_test_suite(afo_core_suite);

MODULE_LICENSE("GPL");
