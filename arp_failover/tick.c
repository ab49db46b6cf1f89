// SPDX-License-Identifier: GPL-2.0-only
/*
 * The timers of a namespace, folded into one delayed work: outcomes of
 * discovery probes, periodic re-verification, reclaim delays and repeated
 * gratuitous ARPs (announce.c). Each run does what is due under RTNL and
 * re-arms for the earliest deadline left.
 */
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>

#include "afo.h"
#include "params.h"

/* Probe outcomes, re-verification and reclaim delays of one adapter. */
static bool afo_tick_port(struct afo_adapter *ad, struct afo_next *next)
{
	unsigned long reverify = afo_reverify_interval();
	bool changed = false;

	if (ad->probing && time_after_eq(jiffies, ad->probe_deadline))
		afo_probe_finish(ad);
	if (ad->usable_at) {
		changed |= afo_adapter_became_usable(ad);
		if (ad->usable_at)
			afo_earliest(next, ad->usable_at);
	}
	if (!ad->probing && ad->core.carrier && ad->last_verified && reverify) {
		unsigned long due = ad->last_verified + reverify;

		if (time_after_eq(jiffies, due))
			afo_probe_start(ad);
		else
			afo_earliest(next, due);
	}
	/* Whether still out, retried or just started: wait for its outcome. */
	if (ad->probing)
		afo_earliest(next, ad->probe_deadline);
	return changed;
}

static void afo_tick_work(struct work_struct *work)
{
	struct afo_net *an = container_of(to_delayed_work(work),
					  struct afo_net, tick);
	struct afo_next next = { .set = false };
	bool changed = false;
	struct afo_core_adapter *a;

	rtnl_lock();
	if (an->dying)
		goto out;
	list_for_each_entry(a, &an->adapters, node)
		changed |= afo_tick_port(afo_adapter_of(a), &next);
	if (changed)
		afo_update_responders(an);
	list_for_each_entry(a, &an->adapters, node) {
		struct afo_adapter *ad = afo_adapter_of(a);

		afo_probe_resume(ad);
		if (ad->probing)
			afo_earliest(&next, ad->probe_deadline);
		afo_announce_vipas_run(ad, &next);
	}
	afo_announce_run(an, &next);
	if (next.set)
		mod_delayed_work(system_wq, &an->tick,
				 time_after(next.when, jiffies) ? next.when - jiffies : 0);
out:
	rtnl_unlock();
}

void afo_tick_init(struct afo_net *an)
{
	INIT_DELAYED_WORK(&an->tick, afo_tick_work);
}

/* Something changed: let the tick look at all deadlines again now. */
void afo_tick_kick(struct afo_net *an)
{
	ASSERT_RTNL();
	if (!an->dying)
		mod_delayed_work(system_wq, &an->tick, 0);
}

/* Caller has set an->dying under RTNL and must not hold RTNL here. */
void afo_tick_stop(struct afo_net *an)
{
	cancel_delayed_work_sync(&an->tick);
}
