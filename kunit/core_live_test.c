// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the liveness rule (core_live.c): every combination of
 * one adapter's facts (carrier, heard by siblings, hears siblings, target
 * none/up/down) against its siblings' (hearing each other or not, their
 * targets up, down or none), on pnets of 2, 3 and 64 adapters, and what
 * follows from the judgement: who answers, who holds the VIPA duty, and
 * the reclaim once it is heard again.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "../arp_failover/core.h"

/**
 * struct afo_lt - one pnet of @n adapters, all with carrier
 * @c: the core
 * @a: the adapters; a[i] has ifindex i + 2, a[0] is the one under test
 * @v: room for the liveness round's list
 * @n: how many
 * @p: the parameters
 * @now: the clock
 */
struct afo_lt {
	struct afo_core c;
	struct afo_core_adapter *a;
	struct afo_core_adapter **v;
	unsigned int n;
	struct afo_core_params p;
	unsigned long now;
};

static void afo_lt_drain(struct afo_step *s)
{
	struct afo_core_adapter *a;

	while ((a = afo_step_pop(s)))
		a->todo = 0;
}

static struct afo_lt *afo_lt_new(struct kunit *test, unsigned int n)
{
	struct afo_lt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct afo_step s;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->a = kunit_kcalloc(test, n, sizeof(*t->a), GFP_KERNEL);
	t->v = kunit_kcalloc(test, n, sizeof(*t->v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->a);
	KUNIT_ASSERT_NOT_NULL(test, t->v);
	t->n = n;
	t->p = (struct afo_core_params) {
		.reclaim_delay = 100, .probe_timeout = 10, .reverify = 1000,
		.garp_count = 3, .garp_interval = 20,
	};
	t->now = 1000;
	afo_core_init(&t->c);
	afo_step_init(&s, t->now, &t->p);
	for (i = 0; i < n; i++) {
		afo_core_add(&t->c, &t->a[i], i + 2, 0, false);
		afo_core_carrier(&t->c, &t->a[i], true, &s);
	}
	for (i = 0; i < n; i++) {
		t->a[i].pnet = 1;	/* then discovered: one segment */
		t->a[i].probing = false;
	}
	afo_core_settle_all(&t->c, &s);
	afo_lt_drain(&s);
	return t;
}

/* One liveness round with the facts as set, as the glue runs it. */
static void afo_lt_round(struct afo_lt *t)
{
	unsigned int i, n = 0;
	struct afo_step s;

	afo_step_init(&s, t->now, &t->p);
	for (i = 0; i < t->n; i++)
		if (t->a[i].carrier)
			t->v[n++] = &t->a[i];
	afo_live_sort(t->v, n);
	afo_core_liveness(&t->c, t->v, n, &s);
	afo_lt_drain(&s);
}

static void afo_lt_carrier(struct afo_lt *t, unsigned int i, bool carrier)
{
	struct afo_step s;

	afo_step_init(&s, t->now, &t->p);
	afo_core_carrier(&t->c, &t->a[i], carrier, &s);
	afo_lt_drain(&s);
}

static void afo_lt_tick(struct afo_lt *t, unsigned long dt)
{
	struct afo_step s;

	t->now += dt;
	afo_step_init(&s, t->now, &t->p);
	afo_core_tick(&t->c, &s);
	afo_lt_drain(&s);
}

/* Every member hears and is heard, and reaches @target. */
static void afo_lt_all_fine(struct afo_lt *t, u8 target)
{
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		t->a[i].hears = true;
		t->a[i].heard_by = true;
		t->a[i].young = false;
		t->a[i].target = target;
		t->a[i].fresh = true;
		t->a[i].wire = true;
	}
}

/* Adapter @i hears nothing at all: its port passes no frame. */
static void afo_lt_cut(struct afo_lt *t, unsigned int i)
{
	t->a[i].hears = false;
	t->a[i].heard_by = false;
	t->a[i].fresh = false;
	t->a[i].wire = false;
	if (t->a[i].target == AFO_TARGET_UP)
		t->a[i].target = AFO_TARGET_DOWN;
}

/* Adapter @i is heard again, with a fresh frame every round. */
static void afo_lt_heal(struct afo_lt *t, unsigned int i)
{
	t->a[i].hears = true;
	t->a[i].heard_by = true;
	t->a[i].fresh = true;
	t->a[i].wire = true;
}

/* @n liveness rounds, @dt apart, with the reclaim delays they run out. */
static void afo_lt_rounds(struct afo_lt *t, unsigned int n, unsigned long dt)
{
	while (n--) {
		afo_lt_tick(t, dt);
		afo_lt_round(t);
	}
}

/* Decide a probe of @i that nobody heard, every try of it. */
static void afo_lt_probe_unheard(struct afo_lt *t, unsigned int i)
{
	struct afo_step s;
	int k;

	for (k = 0; k < AFO_PROBE_TRIES && t->a[i].probing; k++) {
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[i], &s);
		afo_lt_drain(&s);
	}
}

/* Re-verify adapter @i when due: every member was verified at the start. */
static void afo_lt_reverify(struct afo_lt *t, unsigned int i)
{
	unsigned int k;

	for (k = 0; k < t->n; k++)
		if (!t->a[k].last_verified)
			t->a[k].last_verified = t->now - 1;
	t->a[i].last_verified = (t->now - t->p.reverify) | 1;
	afo_lt_tick(t, 1);
	afo_lt_probe_unheard(t, i);
}

/**
 * struct afo_lt_case - the facts of adapter 0 and of its siblings
 * @carrier:  adapter 0 has carrier
 * @hears:    it heard a sibling lately
 * @heard_by: a sibling heard it lately
 * @target:   its target (enum afo_target)
 * @sib_live: the siblings hear each other (and are heard)
 * @sib_target: the siblings' targets
 */
struct afo_lt_case {
	bool carrier, hears, heard_by;
	u8 target;
	bool sib_live;
	u8 sib_target;
};

/*
 * The rule, as the issue states it, for adapter 0 (with carrier): it has
 * failed when it hears none and is heard by none while its siblings
 * still hear each other; where they do not either, the target decides:
 * its own lost while a sibling's answers. A target that answers proves
 * its way out works. Siblings that hear each other are judged fine.
 */
static enum afo_judged afo_lt_expect(const struct afo_lt_case *k)
{
	if (k->hears || k->heard_by || k->target == AFO_TARGET_UP)
		return AFO_JUDGED_OK;
	if (k->sib_live)
		return AFO_JUDGED_SILENT;
	if (k->target == AFO_TARGET_DOWN && k->sib_target == AFO_TARGET_UP)
		return AFO_JUDGED_TARGET;
	return AFO_JUDGED_OK;
}

static void afo_lt_set(struct afo_lt *t, const struct afo_lt_case *k)
{
	unsigned int i;

	if (!k->carrier)
		afo_lt_carrier(t, 0, false);
	t->a[0].hears = k->hears;
	t->a[0].heard_by = k->heard_by;
	t->a[0].target = k->target;
	for (i = 1; i < t->n; i++) {
		t->a[i].hears = k->sib_live;
		t->a[i].heard_by = k->sib_live;
		t->a[i].target = k->sib_target;
	}
}

/* What must hold after any round, whatever the judgements. */
static void afo_lt_invariants(struct kunit *test, struct afo_lt *t)
{
	const struct afo_core_adapter *healthy = NULL, *holder = NULL;
	unsigned int i, holders = 0;

	for (i = 0; i < t->n; i++) {
		const struct afo_core_adapter *a = &t->a[i];

		KUNIT_EXPECT_EQ(test, a->healthy, afo_core_usable(a));
		if (a->healthy && (!healthy || afo_better_backup(a, healthy)))
			healthy = a;
		if (a->vipa_duty) {
			holders++;
			holder = a;
		}
	}
	KUNIT_EXPECT_EQ(test, holders, 1U);
	if (healthy && holder)
		KUNIT_EXPECT_TRUE(test, holder->healthy);
	for (i = 0; i < t->n; i++) {
		const struct afo_core_adapter *a = &t->a[i];

		if (a->healthy)
			KUNIT_EXPECT_EQ(test, a->responder, a->ifindex);
		else if (healthy)	/* the best healthy sibling answers */
			KUNIT_EXPECT_EQ(test, a->responder, healthy->ifindex);
		else			/* never fail closed */
			KUNIT_EXPECT_EQ(test, a->responder,
					a->carrier ? a->ifindex : 0);
	}
}

static void afo_lt_combinations(struct kunit *test, unsigned int n)
{
	static const u8 targets[] = {
		AFO_TARGET_NONE, AFO_TARGET_UP, AFO_TARGET_DOWN,
	};
	unsigned int i, checked = 0;

	/* i: 3 bits of facts, target, siblings hear, siblings' target */
	for (i = 0; i < 8 * 3 * 2 * 3; i++) {
		unsigned int bits = i % 8, ti = i / 8 % 3, sl = i / 24 % 2;
		unsigned int si = i / 48;
		struct afo_lt_case k = {
			.carrier = bits & 1, .hears = bits & 2,
			.heard_by = bits & 4, .target = targets[ti],
			.sib_live = sl, .sib_target = targets[si],
		};
		struct afo_lt *t = afo_lt_new(test, n);
		enum afo_judged want;

		afo_lt_set(t, &k);
		afo_lt_round(t);
		want = k.carrier ? afo_lt_expect(&k) : AFO_JUDGED_OK;
		KUNIT_EXPECT_EQ_MSG(test, t->a[0].judged, want,
				    "n=%u carrier=%d hears=%d heard_by=%d target=%u sib_live=%u sib_target=%u",
				    n, k.carrier, k.hears, k.heard_by, k.target,
				    sl, k.sib_target);
		/* Moved exactly as on carrier loss: another adapter answers. */
		if (k.carrier && want != AFO_JUDGED_OK && k.sib_live)
			KUNIT_EXPECT_NE(test, t->a[0].responder,
					t->a[0].ifindex);
		if (k.sib_live)	/* siblings that hear each other are fine */
			KUNIT_EXPECT_EQ(test, t->a[n - 1].judged,
					AFO_JUDGED_OK);
		afo_lt_invariants(test, t);
		checked++;
	}
	KUNIT_EXPECT_EQ(test, checked, 8U * 3 * 2 * 3);
}

static void afo_live_every_combination_2(struct kunit *test)
{
	afo_lt_combinations(test, 2);
}

static void afo_live_every_combination_3(struct kunit *test)
{
	afo_lt_combinations(test, 3);
}

static void afo_live_every_combination_64(struct kunit *test)
{
	afo_lt_combinations(test, 64);
}

/* A pnet of one has nobody to compare with: never judged. */
static void afo_live_alone_never_judged(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 1);

	t->a[0].target = AFO_TARGET_DOWN;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_OK);
	KUNIT_EXPECT_TRUE(test, t->a[0].healthy);
}

/*
 * Silent, then heard again: the sibling answers at once, the adapter
 * answers again only after the reclaim delay, and a second silence soon
 * after doubles it (flap damping), as for carrier.
 */
static void afo_live_reclaim_after_damped_delay(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	int self = t->a[0].ifindex;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	afo_lt_cut(t, 0);
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_SILENT);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[1].ifindex);

	t->a[0].heard_by = true;
	t->a[0].fresh = true;
	afo_lt_rounds(t, AFO_LIVE_REPAIR_ROUNDS, 0);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_OK);
	KUNIT_EXPECT_NE(test, t->a[0].responder, self);
	afo_lt_tick(t, t->p.reclaim_delay - 1);
	KUNIT_EXPECT_NE(test, t->a[0].responder, self);
	afo_lt_tick(t, 2);	/* deadlines are odd: 0 means none */
	KUNIT_EXPECT_EQ(test, t->a[0].responder, self);

	t->a[0].heard_by = false;
	t->a[0].fresh = false;
	afo_lt_round(t);
	KUNIT_EXPECT_NE(test, t->a[0].responder, self);
	t->a[0].heard_by = true;
	t->a[0].fresh = true;
	afo_lt_rounds(t, AFO_LIVE_REPAIR_ROUNDS, 0);
	afo_lt_tick(t, t->p.reclaim_delay + 1);
	KUNIT_EXPECT_NE(test, t->a[0].responder, self);	/* damped: 2x */
	afo_lt_tick(t, t->p.reclaim_delay + 1);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, self);
}

/* The VIPA duty leaves a silent holder, as it leaves one without carrier. */
static void afo_live_vipa_duty_moves(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	unsigned int i;

	afo_lt_all_fine(t, AFO_TARGET_UP);
	for (i = 0; i < t->n && !t->a[i].vipa_duty; i++)
		;
	KUNIT_ASSERT_LT(test, i, t->n);
	t->a[i].hears = false;
	t->a[i].heard_by = false;
	t->a[i].target = AFO_TARGET_DOWN;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[i].judged, AFO_JUDGED_SILENT);
	KUNIT_EXPECT_FALSE(test, t->a[i].vipa_duty);
	afo_lt_invariants(test, t);
}

/* Two adapters that lose each other and the target: nobody moves. */
static void afo_live_all_lose_target_keep_responders(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 2);

	afo_lt_all_fine(t, AFO_TARGET_DOWN);
	t->a[0].hears = false;
	t->a[0].heard_by = false;
	t->a[1].hears = false;
	t->a[1].heard_by = false;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[0].ifindex);
	KUNIT_EXPECT_EQ(test, t->a[1].responder, t->a[1].ifindex);
}

/*
 * Never two responders for one address: of two adapters that lose each
 * other, only the one whose target is lost moves, and to the other.
 */
static void afo_live_target_decides_pair(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 2);

	afo_lt_all_fine(t, AFO_TARGET_UP);
	t->a[0].hears = false;
	t->a[0].heard_by = false;
	t->a[1].hears = false;
	t->a[1].heard_by = false;
	t->a[1].target = AFO_TARGET_DOWN;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_OK);
	KUNIT_EXPECT_EQ(test, t->a[1].judged, AFO_JUDGED_TARGET);
	KUNIT_EXPECT_EQ(test, t->a[1].responder, t->a[0].ifindex);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[0].ifindex);
}

/* Losing carrier ends a judgement; turning liveness off clears them all. */
static void afo_live_carrier_and_off_clear(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	struct afo_step s;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	t->a[0].hears = false;
	t->a[0].heard_by = false;
	t->a[1].hears = false;
	t->a[1].heard_by = false;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_SILENT);
	KUNIT_EXPECT_EQ(test, t->a[1].judged, AFO_JUDGED_SILENT);
	afo_lt_carrier(t, 0, false);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_OK);
	afo_step_init(&s, t->now, &t->p);
	afo_core_liveness_off(&t->c, &s);
	afo_lt_drain(&s);
	KUNIT_EXPECT_EQ(test, t->a[1].judged, AFO_JUDGED_OK);
	KUNIT_EXPECT_TRUE(test, afo_core_usable(&t->a[1]));
	afo_lt_tick(t, t->p.reclaim_delay + 1);
	KUNIT_EXPECT_TRUE(test, t->a[1].healthy);
}

/* A silent adapter does not split off its pnet, unless heard elsewhere. */
static void afo_live_silent_keeps_pnet(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	struct afo_step s;
	int k;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	afo_lt_cut(t, 2);
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
	/* a sibling's probes, unheard by it, again and again */
	for (k = 0; k < 2 * AFO_SPLIT_MISSES; k++) {
		t->a[0].probing = true;
		t->a[1].heard = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[0], &s);
		afo_lt_drain(&s);
	}
	/* its own probe, heard by nobody */
	t->a[2].probing = true;
	afo_step_init(&s, t->now, &t->p);
	afo_core_probe_done(&t->c, &t->a[2], &s);
	afo_lt_drain(&s);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
	KUNIT_EXPECT_FALSE(test, t->a[2].probing);
	/* it still re-verifies, and a probe heard on another pnet moves it */
	afo_lt_tick(t, 10 * t->p.reverify);
	KUNIT_ASSERT_TRUE(test, t->a[2].probing);
	t->a[1].pnet = 7;
	t->a[1].heard = true;
	afo_step_init(&s, t->now, &t->p);
	afo_core_probe_done(&t->c, &t->a[2], &s);
	afo_lt_drain(&s);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, 7U);
}

/*
 * Of a pair, the member whose sibling is silent is heard by nobody when
 * it re-verifies: that is no reason to leave the silent one's pnet,
 * which would undo the takeover.
 */
static void afo_live_pair_survives_reverify(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 2);
	struct afo_step s;
	int k;

	afo_lt_all_fine(t, AFO_TARGET_UP);
	t->a[1].hears = false;
	t->a[1].heard_by = false;
	t->a[0].hears = false;
	t->a[0].heard_by = false;
	t->a[1].target = AFO_TARGET_DOWN;
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[1].judged, AFO_JUDGED_TARGET);
	for (k = 0; k < AFO_PROBE_TRIES; k++) {
		t->a[0].probing = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[0], &s);
		afo_lt_drain(&s);
	}
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->a[1].responder, t->a[0].ifindex);
}

/*
 * Once judged, only evidence of its own path clears a judgement: its
 * sibling's target evidence lost for a round (a lossy link) or the
 * siblings going quiet change nothing.
 */
static void afo_live_judgement_needs_own_evidence(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 2);

	afo_lt_all_fine(t, AFO_TARGET_UP);
	afo_lt_cut(t, 0);
	t->a[1].hears = false;
	t->a[1].heard_by = false;
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);
	t->a[1].target = AFO_TARGET_NONE;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);
	t->a[1].target = AFO_TARGET_DOWN;
	t->a[0].target = AFO_TARGET_NONE;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[1].ifindex);
	t->a[0].target = AFO_TARGET_UP;
	t->a[0].fresh = true;
	afo_lt_rounds(t, AFO_LIVE_REPAIR_ROUNDS, 0);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_OK);
}

/*
 * Hysteresis: a frame that gets through a failing path repairs nothing,
 * nor do AFO_LIVE_REPAIR_ROUNDS - 1 rounds of evidence broken by one
 * without; AFO_LIVE_REPAIR_ROUNDS in a row do.
 */
static void afo_live_one_frame_repairs_nothing(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 2);
	unsigned int k;

	afo_lt_all_fine(t, AFO_TARGET_UP);
	afo_lt_cut(t, 0);
	t->a[1].hears = false;
	t->a[1].heard_by = false;
	t->a[1].fresh = false;
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);

	/* one frame each way, heard for liveness_misses rounds */
	afo_lt_heal(t, 0);
	afo_lt_round(t);
	t->a[0].fresh = false;
	afo_lt_rounds(t, 3, 1);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[1].ifindex);
	afo_lt_cut(t, 0);
	afo_lt_round(t);

	/* a run one round short, then a round without */
	afo_lt_heal(t, 0);
	afo_lt_rounds(t, AFO_LIVE_REPAIR_ROUNDS - 1, 1);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);
	t->a[0].fresh = false;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[0].judged, AFO_JUDGED_TARGET);

	/* the full run */
	for (k = 1; k <= AFO_LIVE_REPAIR_ROUNDS; k++) {
		t->a[0].fresh = true;
		afo_lt_round(t);
		KUNIT_EXPECT_EQ_MSG(test, t->a[0].judged,
				    k < AFO_LIVE_REPAIR_ROUNDS ?
				    AFO_JUDGED_TARGET : AFO_JUDGED_OK,
				    "round %u of evidence", k);
	}
	afo_lt_tick(t, t->p.reclaim_delay + 1);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[0].ifindex);
	afo_lt_invariants(test, t);
}

/*
 * At reclaim_delay 0, a path that works again still waits judged_reclaim
 * before it takes its addresses back, and that wait doubles while the
 * path keeps failing again soon after: a failing optic that passes a run
 * of frames now and then moves the addresses rarely. A carrier regain at
 * reclaim_delay 0 still answers at once.
 */
static void afo_live_judged_reclaim_damped(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	int self = t->a[0].ifindex;
	unsigned long base = 40, wait = base;
	unsigned int flip;

	t->p.reclaim_delay = 0;
	t->p.judged_reclaim = base;
	afo_lt_all_fine(t, AFO_TARGET_NONE);
	for (flip = 0; flip < 4; flip++, wait *= 2) {
		afo_lt_cut(t, 0);
		afo_lt_round(t);
		KUNIT_ASSERT_EQ(test, t->a[0].judged, AFO_JUDGED_SILENT);
		KUNIT_EXPECT_NE(test, t->a[0].responder, self);
		afo_lt_heal(t, 0);
		afo_lt_rounds(t, AFO_LIVE_REPAIR_ROUNDS, 0);
		KUNIT_ASSERT_EQ(test, t->a[0].judged, AFO_JUDGED_OK);
		afo_lt_tick(t, wait - 1);
		KUNIT_EXPECT_NE_MSG(test, t->a[0].responder, self,
				    "flip %u reclaims before %lu", flip, wait);
		afo_lt_tick(t, 2);
		KUNIT_EXPECT_EQ_MSG(test, t->a[0].responder, self,
				    "flip %u does not reclaim at %lu", flip,
				    wait);
		afo_lt_invariants(test, t);
	}

	/* carrier is damped by reclaim_delay alone, as before */
	t->now += 100 * wait;	/* quiet long enough: damping starts over */
	afo_lt_carrier(t, 0, false);
	KUNIT_EXPECT_NE(test, t->a[0].responder, self);
	afo_lt_carrier(t, 0, true);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, self);
}

/* Adapter 2 left the pnet of 0 and 1: each pnet answers on its own. */
static void afo_lt_two_pnets(struct kunit *test, struct afo_lt *t)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[0].pnet);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_TRUE(test, t->a[i].healthy);
		KUNIT_EXPECT_EQ(test, t->a[i].judged, AFO_JUDGED_OK);
		KUNIT_EXPECT_EQ(test, t->a[i].responder, t->a[i].ifindex);
	}
	KUNIT_EXPECT_TRUE(test, t->a[2].vipa_duty);
	KUNIT_EXPECT_EQ(test, t->a[0].vipa_duty + t->a[1].vipa_duty, 1);
}

/*
 * A false merge heals: adapter 2 of a pnet of three, merged by a leak
 * that ended, hears none of its pnet. Without a target of its own it is
 * judged silent; frames of its own segment still reach it. Its next
 * re-verification still saw the leak's liveness frames: it stays. At the
 * one after, nobody hears it and it heard none of its pnet: it leaves
 * for a pnet of its own, judged no more, and answers for its addresses.
 */
static void afo_live_false_merge_heals(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	int self = t->a[2].ifindex;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	afo_lt_round(t);
	afo_lt_cut(t, 2);
	t->a[2].wire = true;		/* its own segment's broadcasts */
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
	KUNIT_ASSERT_EQ(test, t->a[2].responder, t->a[0].ifindex);

	afo_lt_reverify(t, 2);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);

	afo_lt_rounds(t, 5, 1);
	afo_lt_reverify(t, 2);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[0].pnet);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_OK);
	KUNIT_EXPECT_EQ(test, t->a[2].responder, self);
	KUNIT_EXPECT_EQ(test, t->a[0].pnet, t->a[1].pnet);
	KUNIT_EXPECT_EQ(test, t->a[0].responder, t->a[0].ifindex);
	afo_lt_round(t);	/* alone: nothing to judge */
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_OK);
	afo_lt_tick(t, t->p.reclaim_delay + 1);
	KUNIT_EXPECT_TRUE(test, t->a[2].healthy);
	afo_lt_two_pnets(test, t);
}

/*
 * The same with a target: its target answers through it while it hears
 * none of its pnet. Its path is repaired by the target's answers, and it
 * leaves the pnet at its next re-verification, not judged.
 */
static void afo_live_target_up_leaves_pnet(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	unsigned int k;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	afo_lt_round(t);
	afo_lt_cut(t, 2);
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
	afo_lt_reverify(t, 2);	/* the leak's frames are still news */
	KUNIT_ASSERT_EQ(test, t->a[2].pnet, t->a[0].pnet);

	/* answers in every other round: too few to repair the path */
	t->a[2].target = AFO_TARGET_UP;
	for (k = 0; k < 4 * AFO_LIVE_REPAIR_ROUNDS; k++) {
		t->a[2].fresh = k % 2;
		afo_lt_rounds(t, 1, 1);
	}
	KUNIT_ASSERT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
	afo_lt_reverify(t, 2);
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_OK);
	KUNIT_EXPECT_EQ(test, t->a[2].responder, t->a[2].ifindex);
	afo_lt_tick(t, t->p.reclaim_delay + 1);
	afo_lt_two_pnets(test, t);
}

/*
 * A port put in a wrong VLAN hears that VLAN's frames, but not the
 * pnet's gateway it probes: not shown to be elsewhere, it stays judged
 * through re-verifications, its address answered on its pnet.
 */
static void afo_live_wrong_vlan_holds(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	unsigned int r;

	afo_lt_all_fine(t, AFO_TARGET_UP);
	afo_lt_round(t);
	afo_lt_cut(t, 2);
	t->a[2].wire = true;
	afo_lt_round(t);
	KUNIT_ASSERT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
	for (r = 0; r < 4; r++) {
		afo_lt_rounds(t, 5, 1);
		afo_lt_reverify(t, 2);
		KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
		KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
		KUNIT_EXPECT_EQ(test, t->a[2].responder, t->a[0].ifindex);
	}
}

/*
 * A true failure holds: a blocked port hears nothing at all, and a
 * failing one hears its pnet now and then. Through many re-verifications
 * of every member, each stays judged on its pnet, its addresses on a
 * sibling, and its siblings stay with it.
 */
static void afo_live_blocked_port_holds(struct kunit *test)
{
	static const unsigned int sizes[] = { 2, 3 };
	unsigned int z, i, r;

	for (z = 0; z < ARRAY_SIZE(sizes); z++) {
		struct afo_lt *t = afo_lt_new(test, sizes[z]);
		unsigned int n = sizes[z];
		u8 want = n == 2 ? AFO_JUDGED_TARGET : AFO_JUDGED_SILENT;

		afo_lt_all_fine(t, n == 2 ? AFO_TARGET_UP : AFO_TARGET_NONE);
		afo_lt_round(t);
		for (i = 0; i < n; i++)	/* each re-verifies every reverify */
			t->a[i].last_verified = t->now - i;
		afo_lt_cut(t, 0);
		if (n == 2) {	/* its sibling hears nobody either */
			t->a[1].hears = false;
			t->a[1].heard_by = false;
			t->a[1].fresh = false;
		}
		for (r = 0; r < 8; r++) {
			/* a failing optic: a frame gets through now and then */
			t->a[0].wire = z && r % 2;
			t->a[0].hears = z && r % 2;
			afo_lt_rounds(t, 3, t->p.reverify / 3);
			t->a[0].hears = false;
			afo_lt_round(t);
			for (i = 0; i < n; i++)
				if (t->a[i].probing)
					afo_lt_probe_unheard(t, i);
			for (i = 1; i < n; i++)
				KUNIT_EXPECT_EQ(test, t->a[i].pnet,
						t->a[0].pnet);
			KUNIT_EXPECT_EQ_MSG(test, t->a[0].judged, want,
					    "n=%u re-verification %u", n, r);
			KUNIT_EXPECT_EQ(test, t->a[0].responder,
					t->a[1].ifindex);
			afo_lt_invariants(test, t);
		}
	}
}

/*
 * Lost probes on a lossy segment split nobody while liveness frames
 * still flow: neither a member that misses probes nor a prober unheard.
 */
static void afo_live_frames_keep_pnet_under_loss(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	struct afo_step s;
	int k;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	afo_lt_round(t);
	for (k = 0; k < 2 * AFO_SPLIT_MISSES; k++) {	/* a2 misses them */
		t->a[0].probing = true;
		t->a[1].heard = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[0], &s);
		afo_lt_drain(&s);
	}
	t->a[1].probe_tries = AFO_PROBE_TRIES;
	for (k = 0; k < AFO_PROBE_TRIES; k++) {		/* nobody hears a1 */
		t->a[1].probing = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[1], &s);
		afo_lt_drain(&s);
	}
	KUNIT_EXPECT_EQ(test, t->a[1].pnet, t->a[0].pnet);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
	/* a young adapter's fresh facts are no evidence: a1 splits off */
	t->a[1].young = true;
	t->a[1].probe_tries = AFO_PROBE_TRIES;	/* as afo_core_probe_start() */
	for (k = 0; k < AFO_PROBE_TRIES; k++) {
		t->a[1].probing = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[1], &s);
		afo_lt_drain(&s);
	}
	KUNIT_EXPECT_NE(test, t->a[1].pnet, t->a[0].pnet);
	/* liveness off: discovery alone judges again, and a2 splits off */
	afo_step_init(&s, t->now, &t->p);
	afo_core_liveness_off(&t->c, &s);
	afo_lt_drain(&s);
	for (k = 0; k < AFO_SPLIT_MISSES; k++) {
		t->a[0].probing = true;
		t->a[1].heard = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[0], &s);
		afo_lt_drain(&s);
	}
	KUNIT_EXPECT_NE(test, t->a[2].pnet, t->a[0].pnet);
}

/*
 * A cable moved (carrier down, up elsewhere) hears nobody: while its
 * probe is out it is not judged, so that discovery can find it alone and
 * let it answer for itself there.
 */
static void afo_live_probing_not_judged(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	t->a[2].hears = false;
	t->a[2].heard_by = false;
	t->a[2].probing = true;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_OK);
	t->a[2].probing = false;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
}

/*
 * Cut off while its re-verification probe is out (begun while liveness
 * frames flowed): judged silent at once, so that its siblings' probes,
 * unheard meanwhile, split nothing; its own probe, unheard, keeps its
 * pnet too.
 */
static void afo_live_cut_while_probing(struct kunit *test)
{
	struct afo_lt *t = afo_lt_new(test, 3);
	struct afo_step s;
	int k;

	afo_lt_all_fine(t, AFO_TARGET_NONE);
	afo_lt_round(t);
	afo_step_init(&s, t->now, &t->p);
	afo_core_probe_start(&t->c, &t->a[2], &s);
	afo_lt_drain(&s);
	KUNIT_ASSERT_TRUE(test, t->a[2].probing);
	t->a[2].hears = false;
	t->a[2].heard_by = false;
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
	KUNIT_EXPECT_NE(test, t->a[2].responder, t->a[2].ifindex);
	for (k = 0; k < 2 * AFO_SPLIT_MISSES; k++) {	/* a0's, unheard */
		t->a[0].probing = true;
		t->a[1].heard = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[0], &s);
		afo_lt_drain(&s);
	}
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
	for (k = 0; k < AFO_PROBE_TRIES; k++) {
		t->a[2].probing = true;
		afo_step_init(&s, t->now, &t->p);
		afo_core_probe_done(&t->c, &t->a[2], &s);
		afo_lt_drain(&s);
	}
	KUNIT_EXPECT_FALSE(test, t->a[2].probing);
	KUNIT_EXPECT_EQ(test, t->a[2].pnet, t->a[0].pnet);
	afo_lt_round(t);
	KUNIT_EXPECT_EQ(test, t->a[2].judged, AFO_JUDGED_SILENT);
}

/* Sorting groups each pnet's members, in ifindex order. */
static void afo_live_sort_groups(struct kunit *test)
{
	struct afo_core_adapter a[5] = { };
	struct afo_core_adapter *v[5];
	static const u32 pnet[] = { 3, 1, 3, 2, 1 };
	unsigned int i;

	for (i = 0; i < 5; i++) {
		a[i].ifindex = 10 - i;
		a[i].pnet = pnet[i];
		v[i] = &a[i];
	}
	afo_live_sort(v, 5);
	for (i = 1; i < 5; i++)
		KUNIT_EXPECT_TRUE(test, v[i - 1]->pnet < v[i]->pnet ||
				  (v[i - 1]->pnet == v[i]->pnet &&
				   v[i - 1]->ifindex < v[i]->ifindex));
}

static struct kunit_case afo_live_cases[] = {
	KUNIT_CASE(afo_live_every_combination_2),
	KUNIT_CASE(afo_live_every_combination_3),
	KUNIT_CASE(afo_live_every_combination_64),
	KUNIT_CASE(afo_live_alone_never_judged),
	KUNIT_CASE(afo_live_reclaim_after_damped_delay),
	KUNIT_CASE(afo_live_vipa_duty_moves),
	KUNIT_CASE(afo_live_all_lose_target_keep_responders),
	KUNIT_CASE(afo_live_target_decides_pair),
	KUNIT_CASE(afo_live_carrier_and_off_clear),
	KUNIT_CASE(afo_live_silent_keeps_pnet),
	KUNIT_CASE(afo_live_pair_survives_reverify),
	KUNIT_CASE(afo_live_judgement_needs_own_evidence),
	KUNIT_CASE(afo_live_one_frame_repairs_nothing),
	KUNIT_CASE(afo_live_judged_reclaim_damped),
	KUNIT_CASE(afo_live_false_merge_heals),
	KUNIT_CASE(afo_live_target_up_leaves_pnet),
	KUNIT_CASE(afo_live_wrong_vlan_holds),
	KUNIT_CASE(afo_live_blocked_port_holds),
	KUNIT_CASE(afo_live_frames_keep_pnet_under_loss),
	KUNIT_CASE(afo_live_probing_not_judged),
	KUNIT_CASE(afo_live_cut_while_probing),
	KUNIT_CASE(afo_live_sort_groups),
	{}
};

static struct kunit_suite afo_live_suite = {
	.name = "arp_failover_liveness",
	.test_cases = afo_live_cases,
};

kunit_test_suite(afo_live_suite);
