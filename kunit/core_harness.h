/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A host for the decision core's KUnit tests: adapters on segments (the
 * truth the core has to discover), a clock, and the glue's half of each
 * step (apply counts the actions). Probes are heard by every adapter with
 * carrier on the prober's segment, unless a test says otherwise.
 */
#ifndef _ARP_FAILOVER_CORE_HARNESS_H
#define _ARP_FAILOVER_CORE_HARNESS_H

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/typecheck.h>

#include "../arp_failover/core.h"

#define AFO_T_MAX 8
#define AFO_T_ACTIONS 7		/* bits of enum afo_action */

/**
 * struct afo_t - a host as the tests drive it
 * @c:      the core's state
 * @a:      the adapters; a[i] has ifindex i + 2
 * @seg:    the segment each adapter is plugged into
 * @lossy:  probes are not heard by the adapters in this mask
 * @quiet:  the adapters in this mask send no ARP of their own (an idle
 *          host): their siblings on their segment do not hear them
 * @p:      the parameters
 * @now:    the clock
 * @next:   the earliest deadline of the last step (if @next_set)
 * @next_set: whether it had one
 * @acts:   actions applied, per bit of enum afo_action
 * @probes: probes sent, per adapter
 */
struct afo_t {
	struct afo_core c;
	struct afo_core_adapter a[AFO_T_MAX];
	int seg[AFO_T_MAX];
	unsigned long lossy;
	unsigned long quiet;
	struct afo_core_params p;
	unsigned long now;
	unsigned long next;
	bool next_set;
	unsigned int acts[AFO_T_ACTIONS];
	unsigned int probes[AFO_T_MAX];
};

static inline int afo_t_ifindex(int i)
{
	return i + 2;
}

/* The glue's apply: count what the core asked for. */
static inline void afo_t_apply(struct afo_t *t, struct afo_step *s)
{
	struct afo_core_adapter *a;
	int i;

	while ((a = afo_step_pop(s))) {
		for (i = 0; i < AFO_T_ACTIONS; i++)
			if (a->todo & BIT(i))
				t->acts[i]++;
		if (a->todo & AFO_DO_PROBE)
			t->probes[a - t->a]++;
		a->todo = 0;
	}
	/* As afo_tick_arm(): a step only ever brings the tick forward. */
	if (s->next_set && (!t->next_set || time_before(s->next, t->next))) {
		t->next = s->next;
		t->next_set = true;
	}
}

#define AFO_T_STEP(t, call) do {					\
	struct afo_t *t_ = (t);						\
	struct afo_step s_;						\
									\
	afo_step_init(&s_, t_->now, &t_->p);				\
	call;								\
	afo_t_apply(t_, &s_);						\
} while (0)

static inline unsigned int afo_t_acts(struct afo_t *t, unsigned int action)
{
	return t->acts[__builtin_ctz(action)];
}

/* @n adapters, each on a segment of its own, without carrier. */
static inline struct afo_t *afo_t_new(struct kunit *test, int n)
{
	struct afo_t *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->p = (struct afo_core_params) {
		.reclaim_delay = 100, .probe_timeout = 10, .reverify = 1000,
		.garp_count = 3, .garp_interval = 20,
	};
	t->now = 1000;
	afo_core_init(&t->c);
	for (i = 0; i < n; i++) {
		afo_core_add(&t->c, &t->a[i], afo_t_ifindex(i), 0, false);
		t->seg[i] = i;
	}
	return t;
}

static inline void afo_t_carrier(struct afo_t *t, int i, bool carrier)
{
	AFO_T_STEP(t, afo_core_carrier(&t->c, &t->a[i], carrier, &s_));
}

/* Who heard adapter @prober: carrier, same segment, not lossy, not deaf. */
static inline void afo_t_hearing(struct afo_t *t, int prober)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &t->c.adapters, node) {
		int i = a - t->a;

		a->heard = i != prober && a->carrier && !a->deaf &&
			   t->seg[i] == t->seg[prober] && !(t->lossy & BIT(i));
	}
}

/*
 * The hooks' half of afo_sibling_heard(): an adapter hears the ARP of
 * every sibling with carrier on its segment that is not quiet, and notes
 * it when the sibling is on another pnet and the news is of use.
 */
static inline void afo_t_siblings(struct afo_t *t)
{
	struct afo_core_adapter *a, *b;

	list_for_each_entry(a, &t->c.adapters, node)
		list_for_each_entry(b, &t->c.adapters, node)
			if (a != b && a->carrier && b->carrier &&
			    t->seg[a - t->a] == t->seg[b - t->a] &&
			    a->pnet != b->pnet && !(t->quiet & BIT(b - t->a)) &&
			    !afo_core_reverify_wanted(a))
				a->sibling_seen = true;
}

/*
 * Advance the clock by @dt and decide what the tick decides, as the glue
 * does: what the hooks heard, due probes with the segments' facts, then
 * the rest. The caller applies @s.
 */
static inline void afo_t_tick_decide(struct afo_t *t, unsigned long dt,
				     struct afo_step *s)
{
	struct afo_core_adapter *a;

	t->now += dt;
	t->next_set = false;	/* the tick computes every deadline again */
	afo_step_init(s, t->now, &t->p);
	afo_t_siblings(t);
	list_for_each_entry(a, &t->c.adapters, node) {
		if (!afo_core_probe_due(a, t->now))
			continue;
		afo_t_hearing(t, a - t->a);
		afo_core_probe_done(&t->c, a, s);
	}
	afo_core_tick(&t->c, s);
}

/* Advance the clock by @dt and run the tick. */
static inline void afo_t_tick(struct afo_t *t, unsigned long dt)
{
	struct afo_step s;

	afo_t_tick_decide(t, dt, &s);
	afo_t_apply(t, &s);
}

/* Run the tick at each deadline until @dt has passed. */
static inline void afo_t_run(struct afo_t *t, unsigned long dt)
{
	unsigned long end = t->now + dt;
	int k;

	for (k = 0; k < 100000 && time_before(t->now, end); k++) {
		unsigned long step = end - t->now;

		if (t->next_set && time_before(t->next, end))
			step = time_after(t->next, t->now) ?
			       t->next - t->now : 1;
		afo_t_tick(t, step);
	}
}

/*
 * Decide a probe of @prober with exactly the adapters in @heard hearing
 * it, retries included: the outcome of one whole verification.
 */
static inline void afo_t_probe(struct afo_t *t, int prober, unsigned long heard)
{
	int k, i;

	for (k = 0; k < AFO_PROBE_TRIES; k++) {
		for (i = 0; i < AFO_T_MAX; i++)
			t->a[i].heard = heard & BIT(i);
		AFO_T_STEP(t, afo_core_probe_done(&t->c, &t->a[prober], &s_));
		if (!t->a[prober].probing)
			return;
	}
}

/* Everyone up; segments 0..2 -> one, 3 alone; discovered. */
static inline struct afo_t *afo_t_segments(struct kunit *test)
{
	struct afo_t *t = afo_t_new(test, 4);
	int i;

	t->seg[1] = 0;
	t->seg[2] = 0;
	for (i = 0; i < 4; i++)
		afo_t_carrier(t, i, true);
	afo_t_run(t, 100);
	return t;
}

#endif /* _ARP_FAILOVER_CORE_HARNESS_H */
