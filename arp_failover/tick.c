// SPDX-License-Identifier: GPL-2.0-only
/*
 * The timers of a namespace, folded into one delayed work: outcomes of
 * discovery probes, periodic re-verification, reclaim delays and repeated
 * gratuitous ARPs. Each run does what is due under RTNL and re-arms for
 * the earliest deadline left.
 *
 * Announcements: the first gratuitous ARP of a new responder goes out at
 * once, from the notifier that changed it, never held back; the repeats
 * wait in afo_net.garp_queue, oldest first, so a run of the tick looks
 * only at the repeats that are due, at most AFO_GARP_BATCH of them, and
 * leaves the rest for the next jiffy so that the devices' queues drain.
 */
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>

#include "afo.h"
#include "params.h"

/*
 * The rate limit of one address: a bucket of AFO_GARP_BURST announcements
 * that refills by one per garp_interval_ms. A takeover, or a takeover and
 * its reclaim, always find a token (the first announcement is never held
 * back); only a flapping cable empties the bucket, and then its address
 * is announced at most once per interval.
 */
#define AFO_GARP_BURST 2

static bool afo_garp_token(struct afo_addr *addr, unsigned long now)
{
	unsigned long interval = afo_garp_interval();
	unsigned long refill;

	if (!addr->garp_last) {
		addr->garp_credit = AFO_GARP_BURST;
	} else if (interval) {
		refill = (now - addr->garp_last) / interval;
		addr->garp_credit = min_t(unsigned long, AFO_GARP_BURST,
					  addr->garp_credit + refill);
	}
	return addr->garp_credit > 0;
}

/* Send one gratuitous ARP for @addr from @by and take its token. */
static void afo_garp(struct afo_port *by, struct afo_addr *addr)
{
	if (!afo_send_garp(by->dev, addr->ip))
		atomic_long_inc(&by->stats.announcements);
	if (addr->garp_credit)
		addr->garp_credit--;
	addr->garp_last = jiffies | 1;
}

/* Repeats the tick sends in one run; the rest wait a jiffy. */
#define AFO_GARP_BATCH 256

/**
 * afo_announce_cancel - drop the repeats still due for @addr
 * @addr: an adapter's address
 */
void afo_announce_cancel(struct afo_addr *addr)
{
	addr->garp_left = 0;
	list_del_init(&addr->garp_node);
}

/* Queue the next repeat of @addr, after every repeat queued before it. */
static void afo_announce_queue(struct afo_addr *addr)
{
	addr->garp_next = jiffies + afo_garp_interval();
	list_move_tail(&addr->garp_node, &addr->owner->an->garp_queue);
}

/**
 * afo_announce - announce an address from the adapter that now answers
 * @by:   the responder
 * @addr: the address
 *
 * Sends the first gratuitous ARP at once, so that peers move without
 * waiting for the work to be scheduled, and queues the repeats, one per
 * garp_interval_ms, replacing those of an earlier announcement. Only an
 * address whose adapters flap faster than its bucket refills
 * (afo_garp_token()) waits: the tick then announces it when a token is
 * back, from whichever adapter answers at that moment.
 */
void afo_announce(struct afo_port *by, struct afo_addr *addr)
{
	unsigned int count = afo_garp_count();

	ASSERT_RTNL();
	afo_announce_cancel(addr);
	if (afo_offload_place(addr, by))
		return;		/* the offload adapter announces it */
	if (!count || !by->core.carrier)
		return;
	addr->garp_left = count;
	if (afo_garp_token(addr, jiffies)) {
		afo_garp(by, addr);
		addr->garp_left--;
	}
	if (addr->garp_left)
		afo_announce_queue(addr);
}

/* Announce every VIPA from @by, the holder of its pnet's VIPA duty. */
static void afo_garp_vipas(struct afo_port *by)
{
	struct afo_addr *vipa;

	list_for_each_entry(vipa, &by->an->vipas, port_node)
		if (!afo_send_garp(by->dev, vipa->ip))
			atomic_long_inc(&by->stats.announcements);
}

/**
 * afo_announce_vipas - announce the VIPAs from their new holder
 * @by: the adapter that took the VIPA duty of its pnet, or that holds it
 *      when a VIPA was added
 *
 * As afo_announce(), for all VIPAs at once: the first round now, the
 * repeats from the tick.
 */
void afo_announce_vipas(struct afo_port *by)
{
	unsigned int count = afo_garp_count();

	ASSERT_RTNL();
	by->vipa_garp_left = 0;
	if (by->offload) {
		afo_offload_vipas(by, true);	/* the adapter announces them */
		return;
	}
	if (!count || !by->core.carrier || list_empty(&by->an->vipas))
		return;
	afo_garp_vipas(by);
	by->vipa_garp_left = count - 1;
	by->vipa_garp_next = jiffies + afo_garp_interval();
}

/**
 * struct afo_next - the earliest deadline seen in one run of the tick
 * @when: that deadline
 * @set:  whether any was seen
 */
struct afo_next {
	unsigned long when;
	bool set;
};

static void afo_earliest(struct afo_next *next, unsigned long when)
{
	if (!next->set || time_before(when, next->when))
		next->when = when;
	next->set = true;
}

/*
 * Repeats of gratuitous ARPs that are due: the queue is in the order they
 * fall due, so the walk stops at the first that is not.
 */
static void afo_tick_announce(struct afo_net *an, struct afo_next *next)
{
	struct afo_addr *addr, *tmp;
	unsigned int sent = 0;
	struct afo_port *by;

	list_for_each_entry_safe(addr, tmp, &an->garp_queue, garp_node) {
		if (time_before(jiffies, addr->garp_next)) {
			afo_earliest(next, addr->garp_next);
			return;
		}
		if (sent++ == AFO_GARP_BATCH) {
			afo_earliest(next, jiffies + 1);
			return;
		}
		by = afo_port_find(an, afo_addr_responder(addr));
		if (!by || !by->core.carrier) {
			afo_announce_cancel(addr);
			continue;
		}
		if (!afo_garp_token(addr, jiffies)) {
			afo_announce_queue(addr);	/* flapping: later */
			continue;
		}
		afo_garp(by, addr);
		if (--addr->garp_left)
			afo_announce_queue(addr);
		else
			list_del_init(&addr->garp_node);
	}
}

/* Repeated announcements of the VIPAs from their holder, when due. */
static void afo_tick_vipas(struct afo_port *port, struct afo_next *next)
{
	if (!port->vipa_garp_left)
		return;
	if (time_before(jiffies, port->vipa_garp_next)) {
		afo_earliest(next, port->vipa_garp_next);
		return;
	}
	if (!port->vipa_duty || !port->core.carrier) {
		port->vipa_garp_left = 0;
		return;
	}
	afo_garp_vipas(port);
	port->vipa_garp_left--;
	port->vipa_garp_next = jiffies + afo_garp_interval();
	if (port->vipa_garp_left)
		afo_earliest(next, port->vipa_garp_next);
}

/* Probe outcomes, re-verification and reclaim delays of one adapter. */
static bool afo_tick_port(struct afo_port *port, struct afo_next *next)
{
	unsigned long reverify = afo_reverify_interval();
	bool changed = false;

	if (port->probing && time_after_eq(jiffies, port->probe_deadline))
		afo_probe_finish(port);
	if (port->usable_at) {
		changed |= afo_port_became_usable(port);
		if (port->usable_at)
			afo_earliest(next, port->usable_at);
	}
	if (!port->probing && port->core.carrier && port->last_verified && reverify) {
		unsigned long due = port->last_verified + reverify;

		if (time_after_eq(jiffies, due))
			afo_probe_start(port);
		else
			afo_earliest(next, due);
	}
	/* Whether still out, retried or just started: wait for its outcome. */
	if (port->probing)
		afo_earliest(next, port->probe_deadline);
	return changed;
}

static void afo_tick_work(struct work_struct *work)
{
	struct afo_net *an = container_of(to_delayed_work(work),
					  struct afo_net, tick);
	struct afo_next next = { .set = false };
	bool changed = false;
	struct afo_adapter *a;

	rtnl_lock();
	if (an->dying)
		goto out;
	list_for_each_entry(a, &an->adapters, node)
		changed |= afo_tick_port(afo_port_of(a), &next);
	if (changed)
		afo_update_responders(an);
	list_for_each_entry(a, &an->adapters, node) {
		struct afo_port *port = afo_port_of(a);

		afo_probe_resume(port);
		if (port->probing)
			afo_earliest(&next, port->probe_deadline);
		afo_tick_vipas(port, &next);
	}
	afo_tick_announce(an, &next);
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
