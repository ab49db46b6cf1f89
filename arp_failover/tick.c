// SPDX-License-Identifier: GPL-2.0-only
/*
 * The timer of a namespace's decisions: a delayed work that runs, under
 * RTNL, every deadline there is but the liveness rounds (which have a
 * work of their own: liveness.c): outcomes of discovery probes,
 * re-verification and reclaim delays (the core's), waiting offload
 * probes, and repeated gratuitous ARPs (the announcer's). Each run is one
 * step of the core (core.h): facts gathered, decided, applied; then it
 * re-arms for the earliest deadline left.
 */
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>

#include "adapter.h"
#include "announce.h"
#include "apply.h"
#include "discovery.h"
#include "liveness.h"
#include "netns.h"
#include "tick.h"

/* Decide every probe whose timeout ran out, with the facts of its round. */
static void afo_tick_probes(struct afo_net *an, struct afo_step *s)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->core.adapters, node) {
		if (!afo_core_probe_due(a, s->now))
			continue;
		afo_probe_collect(afo_adapter_of(a));
		afo_core_probe_done(&an->core, a, s);
	}
}

/* What the hooks heard of siblings since the last run (discovery.c). */
static void afo_tick_news(struct afo_net *an)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->core.adapters, node)
		afo_sibling_news(afo_adapter_of(a));
}

/* Offload adapters that had nothing to probe with try again. */
static void afo_tick_waiting(struct afo_net *an, struct afo_step *s)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->core.adapters, node)
		if (afo_adapter_of(a)->probe_wait && !a->probing)
			afo_core_probe_start(&an->core, a, s);
}

static void afo_tick_work(struct work_struct *work)
{
	struct afo_net *an = container_of(to_delayed_work(work),
					  struct afo_net, tick);
	struct afo_core_params p;
	struct afo_step s;

	rtnl_lock();
	if (an->dying)
		goto out;
	afo_step_begin(an, &s, &p);
	afo_tick_news(an);
	afo_tick_probes(an, &s);
	afo_core_tick(&an->core, &s);
	afo_tick_waiting(an, &s);
	afo_apply(an, &s);
	afo_live_deadline(an, &s);	/* a probe may have joined two */
	afo_announce_run(an, &s);
	if (s.next_set)
		afo_tick_arm(an, s.next);
out:
	rtnl_unlock();
}

void afo_tick_init(struct afo_net *an)
{
	INIT_DELAYED_WORK(&an->tick, afo_tick_work);
}

/**
 * afo_tick_arm - make sure the tick runs by @when
 * @an:   the namespace
 * @when: the deadline (jiffies); one already past runs it at once
 *
 * Only ever brings the tick forward: each run computes every deadline
 * again, so a later one is never lost.
 */
void afo_tick_arm(struct afo_net *an, unsigned long when)
{
	unsigned long now = jiffies;

	ASSERT_RTNL();
	if (an->dying)
		return;
	if (time_before(when, now))
		when = now;
	if (delayed_work_pending(&an->tick) && !time_before(when, an->tick_at))
		return;
	an->tick_at = when;
	mod_delayed_work(afo_wq, &an->tick, when - now);
}

/**
 * afo_tick_wake - run the tick soon, from the hooks
 * @an: the namespace; its hooks are registered (afo_net_pre_exit()
 *      unregisters them, and a grace period passes, before
 *      afo_tick_stop())
 *
 * Never moves a tick that is already armed: the news waits for it, as
 * any fact does. An idle tick runs at once; afo_tick_arm(), which keeps
 * its bookkeeping under RTNL, then finds it pending sooner than it asks.
 */
void afo_tick_wake(struct afo_net *an)
{
	queue_delayed_work(afo_wq, &an->tick, 0);
}

/* Caller has set an->dying under RTNL and must not hold RTNL here. */
void afo_tick_stop(struct afo_net *an)
{
	cancel_delayed_work_sync(&an->tick);
}
