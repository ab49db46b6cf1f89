// SPDX-License-Identifier: GPL-2.0-only
/*
 * Properties of the arp_failover decision core over generated event
 * sequences: 8 adapters on 3 segments, 10,000 random carrier changes,
 * priority changes, lost probe frames and clock jumps, with the glue's
 * announcer simulated on the responder actions. After every step:
 *  - every address has at most one responder, on its owner's pnet;
 *  - never a responder without carrier while a healthy sibling exists;
 *  - never fail closed: an owner with carrier always has a responder;
 *  - each pnet with carrier has exactly one VIPA holder, none without;
 *  - a reclaim delay, when one starts, is the base doubled per flap;
 * over the whole run, announcements stay within the rate limit; and
 * once the network is quiet, the pnets the core found are the segments.
 */
#include <linux/prandom.h>

#include "core_harness.h"

#define AFO_P_ADAPTERS 8
#define AFO_P_EVENTS 10000
#define AFO_P_FRAMES 4096

/**
 * struct afo_p_addr - one address per adapter, as the announcer sees it
 * @train: its announcements
 * @at:    when each went out (the first AFO_P_FRAMES)
 * @n:     how many went out
 */
struct afo_p_addr {
	struct afo_train train;
	unsigned long at[AFO_P_FRAMES];
	unsigned int n;
};

struct afo_p {
	struct kunit *test;
	struct afo_t *t;
	struct afo_p_addr *addr;
	struct rnd_state rnd;
};

static void afo_p_frame(struct afo_p *p, int i, struct afo_step *s)
{
	struct afo_p_addr *addr = &p->addr[i];

	if (addr->n < AFO_P_FRAMES)
		addr->at[addr->n] = s->now;
	addr->n++;
	afo_train_sent(&addr->train, s);
}

/* The announcer: a responder change starts a train, due repeats go. */
static void afo_p_announce(struct afo_p *p, struct afo_step *s, bool changed[])
{
	int i;

	for (i = 0; i < AFO_P_ADAPTERS; i++) {
		struct afo_p_addr *addr = &p->addr[i];

		if (changed[i]) {
			afo_train_stop(&addr->train);
			if (p->t->a[i].responder &&
			    afo_train_start(&addr->train, s))
				afo_p_frame(p, i, s);
			continue;
		}
		if (!afo_train_due(&addr->train, s->now))
			continue;
		if (afo_train_may_send(&addr->train, s))
			afo_p_frame(p, i, s);
		else
			afo_train_defer(&addr->train, s);
	}
}

/* Apply a step, noting whose responder changed, then announce. */
static void afo_p_apply(struct afo_p *p, struct afo_step *s)
{
	bool changed[AFO_P_ADAPTERS] = { false };
	struct afo_core_adapter *a;

	list_for_each_entry(a, &s->changed, step_node)
		if (a->todo & AFO_DO_RESPONDER)
			changed[a - p->t->a] = true;
	afo_t_apply(p->t, s);
	afo_p_announce(p, s, changed);
}

static void afo_p_check(struct kunit *test, struct afo_p *p, int event)
{
	struct afo_t *t = p->t;
	int i, j;

	for (i = 0; i < AFO_P_ADAPTERS; i++) {
		struct afo_core_adapter *o = &t->a[i], *r = NULL;
		bool healthy_sibling = false;
		int holders = 0, carriers = 0;

		for (j = 0; j < AFO_P_ADAPTERS; j++) {
			struct afo_core_adapter *b = &t->a[j];

			if (b->ifindex == o->responder)
				r = b;
			if (b->pnet != o->pnet)
				continue;
			healthy_sibling |= j != i && b->healthy;
			holders += b->vipa_duty;
			carriers += b->carrier;
		}
		KUNIT_ASSERT_EQ_MSG(test, o->responder != 0, !!r,
				    "event %d", event);
		if (r) {
			KUNIT_ASSERT_EQ_MSG(test, r->pnet, o->pnet,
					    "event %d", event);
			KUNIT_ASSERT_TRUE_MSG(test, r->carrier,
					      "event %d", event);
			if (healthy_sibling || o->healthy)
				KUNIT_ASSERT_TRUE_MSG(test, r->healthy,
						      "event %d: %d answers for %d",
						      event, r->ifindex,
						      o->ifindex);
		}
		if (o->carrier)
			KUNIT_ASSERT_NE_MSG(test, o->responder, 0,
					    "event %d", event);
		KUNIT_ASSERT_EQ_MSG(test, holders, carriers ? 1 : 0,
				    "event %d, pnet %u", event, o->pnet);
		KUNIT_ASSERT_FALSE(test, o->todo);
	}
}

/* In every window of k intervals, at most AFO_TRAIN_BURST + k frames. */
static void afo_p_check_rate(struct kunit *test, struct afo_p *p)
{
	unsigned long interval = p->t->p.garp_interval;
	unsigned int i, f, g, k, total = 0;

	for (i = 0; i < AFO_P_ADAPTERS; i++) {
		struct afo_p_addr *addr = &p->addr[i];
		unsigned int n = min_t(unsigned int, addr->n, AFO_P_FRAMES);

		total += addr->n;
		for (f = 0; f < n; f++) {
			for (k = 0; k <= 4; k++) {
				unsigned long end = addr->at[f] + k * interval;
				unsigned int in = 0;

				for (g = f; g < n &&
				     time_before(addr->at[g], end); g++)
					in++;
				KUNIT_ASSERT_LE_MSG(test, in,
						    AFO_TRAIN_BURST + k,
						    "adapter %u, frame %u",
						    i, f);
			}
		}
	}
	KUNIT_EXPECT_GT(test, total, 0u);
}

static void afo_p_carrier(struct afo_p *p, int i, bool carrier)
{
	struct afo_t *t = p->t;
	struct afo_step s;
	bool sibling_answered = t->a[i].responder &&
				t->a[i].responder != t->a[i].ifindex;
	unsigned int flaps = t->a[i].flaps.flaps;
	unsigned long last = t->a[i].flaps.last_regain;

	afo_step_init(&s, t->now, &t->p);
	afo_core_carrier(&t->c, &t->a[i], carrier, &s);
	/* Reclaim delay: doubled per flap, reset after a quiet spell. */
	if (carrier && sibling_answered && t->a[i].usable_at) {
		unsigned long base = t->p.reclaim_delay;
		unsigned int want = 0;

		if (last && time_before(t->now, last + 10 *
					afo_damped_delay(base, flaps)))
			want = min_t(unsigned int, flaps + 1,
				     AFO_MAX_DAMPING_SHIFT);
		KUNIT_ASSERT_EQ(p->test, t->a[i].flaps.flaps, want);
		KUNIT_ASSERT_EQ(p->test, t->a[i].usable_at,
				(t->now + afo_damped_delay(base, want)) | 1);
	}
	afo_p_apply(p, &s);
}

/* The tick as the glue runs it, with the segments deciding who hears. */
static void afo_p_tick(struct afo_p *p, unsigned long dt)
{
	struct afo_step s;

	afo_t_tick_decide(p->t, dt, &s);
	afo_p_apply(p, &s);
}

static void afo_core_random_events(struct kunit *test)
{
	struct afo_p p = { };
	struct afo_t *t;
	int e, i;

	p.test = test;
	t = afo_t_new(test, AFO_P_ADAPTERS);
	p.t = t;
	p.addr = kunit_kcalloc(test, AFO_P_ADAPTERS, sizeof(*p.addr),
			       GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p.addr);
	prandom_seed_state(&p.rnd, 0xaf01);
	t->p.reverify = 500;
	for (i = 0; i < AFO_P_ADAPTERS; i++)
		t->seg[i] = i % 3;

	for (e = 0; e < AFO_P_EVENTS; e++) {
		u32 r = prandom_u32_state(&p.rnd);
		int i = r % AFO_P_ADAPTERS;

		switch ((r >> 8) % 8) {
		case 0: case 1: case 2:
			afo_p_carrier(&p, i, !t->a[i].carrier);
			break;
		case 3:
			AFO_T_STEP(t, afo_core_priority(&t->c, &t->a[i],
							(r >> 16) % 3, &s_));
			break;
		case 4:	/* a frame lost here and there */
			t->lossy = (r >> 12) % 4 ?
				   0 : BIT((r >> 16) % AFO_P_ADAPTERS);
			break;
		default:
			afo_p_tick(&p, (r >> 16) % 64);
			break;
		}
		afo_p_check(test, &p, e);
	}
	afo_p_check_rate(test, &p);

	/* Quiet: everyone up, no loss, two verifications: pnets = segments. */
	t->lossy = 0;
	for (i = 0; i < AFO_P_ADAPTERS; i++)
		if (!t->a[i].carrier)
			afo_p_carrier(&p, i, true);
	for (e = 0; e < 2 * 500 + 200; e++)
		afo_p_tick(&p, 1);
	for (i = 0; i < AFO_P_ADAPTERS; i++) {
		int j;

		for (j = 0; j < AFO_P_ADAPTERS; j++)
			KUNIT_EXPECT_EQ_MSG(test, t->a[i].pnet == t->a[j].pnet,
					    t->seg[i] == t->seg[j],
					    "adapters %d and %d", i, j);
	}
	afo_p_check(test, &p, AFO_P_EVENTS);
}

static struct kunit_case afo_core_property_cases[] = {
	KUNIT_CASE(afo_core_random_events),
	{}
};

static struct kunit_suite afo_core_property_suite = {
	.name = "arp_failover_core_properties",
	.test_cases = afo_core_property_cases,
};

kunit_test_suite(afo_core_property_suite);
