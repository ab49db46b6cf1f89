// SPDX-License-Identifier: GPL-2.0-only
/*
 * The announcer: gratuitous ARPs that move peers to a new responder.
 * Everything here runs under RTNL.
 *
 * First announcements go out at once, as fast as the stack takes them:
 * when a device refuses a frame (its queue is full) or this CPU's input
 * backlog could not take what is queued once a bridge has flooded it to
 * every adapter of the segment (veth and other software devices deliver
 * there what we send), the rest wait in afo_net.garp_first and the tick
 * sends them a jiffy later, before any repeat. Repeats wait in
 * afo_net.garp_queue in the order they fall due, so a run of the tick
 * looks only at what is due.
 */
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "afo.h"
#include "params.h"

/* Frames one run of the tick sends at most; the rest wait a jiffy. */
#define AFO_GARP_BATCH 256

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

/*
 * Whether the stack has room for another burst frame. Each frame queued
 * on this CPU's backlog may come back once per adapter of ours on the
 * segment (and once for a peer) when a software bridge floods it: keep
 * that product within half the backlog. Only a hint: the backlog read is
 * this CPU's, without a lock, and the task may move; on a NIC with a
 * queue of its own the device says when it is full (NET_XMIT_DROP).
 */
static bool afo_garp_room(const struct afo_net *an)
{
	const struct softnet_data *sd = raw_cpu_ptr(&softnet_data);
	unsigned int queued = skb_queue_len_lockless(&sd->input_pkt_queue) +
			      skb_queue_len_lockless(&sd->process_queue);

	return (queued + 1) * (an->carriers + 1) <
	       READ_ONCE(netdev_max_backlog) / 2;
}

/* One gratuitous ARP for @ip from @by, counted when it went out. */
static int afo_garp_send(struct afo_adapter *by, __be32 ip)
{
	int err = afo_send_garp(by->dev, ip);

	if (!err)
		atomic_long_inc(&by->stats.announcements);
	return err;
}

/*
 * Send one gratuitous ARP for @addr from @by and take its token. Return:
 * false when there was no room for it (nothing was taken).
 */
static bool afo_garp(struct afo_adapter *by, struct afo_addr *addr)
{
	int err;

	if (!afo_garp_room(by->an))
		return false;
	err = afo_garp_send(by, addr->ip);
	if (err == -ENOBUFS)
		return false;
	if (addr->garp_credit)
		addr->garp_credit--;
	addr->garp_last = jiffies | 1;
	return true;
}

/**
 * afo_announce_cancel - drop the announcements still due for @addr
 * @addr: an adapter's address
 */
void afo_announce_cancel(struct afo_addr *addr)
{
	addr->garp_left = 0;
	list_del_init(&addr->garp_node);
}

/* Queue the next repeat of @addr, after every repeat queued before it. */
static void afo_repeat_queue(struct afo_addr *addr)
{
	addr->garp_next = jiffies + afo_garp_interval();
	list_move_tail(&addr->garp_node, &addr->owner->an->garp_queue);
}

/* One announcement of @addr went out: queue the next, if any. */
static void afo_garp_sent(struct afo_addr *addr)
{
	if (--addr->garp_left)
		afo_repeat_queue(addr);
	else
		list_del_init(&addr->garp_node);
}

/**
 * afo_announce - announce an address that changed hands
 * @by:   the adapter that answers for it now
 * @addr: the address
 *
 * garp_count gratuitous ARPs, garp_interval_ms apart: peers hold the old
 * MAC, and one frame lost must not leave them there. The first goes out
 * at once, so that peers move without waiting for the work to be
 * scheduled, unless the stack is full (see the top of this file); the
 * repeats replace those of an earlier announcement. An address whose
 * adapters flap faster than its bucket refills (afo_garp_token()) waits:
 * the tick announces it when a token is back, from whichever adapter
 * answers then.
 */
void afo_announce(struct afo_adapter *by, struct afo_addr *addr)
{
	struct afo_net *an = addr->owner->an;
	unsigned int count = afo_garp_count();

	ASSERT_RTNL();
	afo_announce_cancel(addr);
	if (afo_offload_place(addr, by))
		return;		/* the offload adapter announces it */
	if (!count || !by->core.carrier)
		return;
	addr->garp_left = count;
	if (!afo_garp_token(addr, jiffies)) {
		afo_repeat_queue(addr);		/* flapping: later */
	} else if (!list_empty(&an->garp_first) || !afo_garp(by, addr)) {
		list_add_tail(&addr->garp_node, &an->garp_first);
		afo_tick_kick(an);
	} else {
		afo_garp_sent(addr);
	}
}

/*
 * Send what is due of @list, at most *@budget frames. Return: false when
 * the stack had no room or the budget ran out (try again in a jiffy).
 */
static bool afo_announce_list(struct afo_net *an, struct list_head *list,
			      unsigned int *budget, struct afo_next *next)
{
	struct afo_addr *addr, *tmp;
	struct afo_adapter *by;

	list_for_each_entry_safe(addr, tmp, list, garp_node) {
		if (list == &an->garp_queue &&
		    time_before(jiffies, addr->garp_next)) {
			afo_earliest(next, addr->garp_next);
			return true;
		}
		by = afo_adapter_find(an, afo_addr_responder(addr));
		if (!by || !by->core.carrier) {
			afo_announce_cancel(addr);
			continue;
		}
		if (!afo_garp_token(addr, jiffies)) {
			afo_repeat_queue(addr);	/* flapping: later */
			continue;
		}
		if (!*budget || !afo_garp(by, addr))
			return false;
		(*budget)--;
		afo_garp_sent(addr);
	}
	return true;
}

/**
 * afo_announce_run - send the announcements that are due
 * @an:   the namespace
 * @next: where the tick collects its next deadline
 *
 * First announcements that waited for room go before any repeat.
 */
void afo_announce_run(struct afo_net *an, struct afo_next *next)
{
	unsigned int budget = AFO_GARP_BATCH;

	ASSERT_RTNL();
	if (!afo_announce_list(an, &an->garp_first, &budget, next) ||
	    !afo_announce_list(an, &an->garp_queue, &budget, next))
		afo_earliest(next, jiffies + 1);
}

/* Announce every VIPA from @by, the holder of its pnet's VIPA duty. */
static void afo_garp_vipas(struct afo_adapter *by)
{
	struct afo_addr *vipa;

	list_for_each_entry(vipa, &by->an->vipas, port_node)
		afo_garp_send(by, vipa->ip);
}

/**
 * afo_announce_vipas - announce the VIPAs from their new holder
 * @by: the adapter that took the VIPA duty of its pnet, or that holds it
 *      when a VIPA was added or its MAC changed
 *
 * As afo_announce(), for all VIPAs at once: the first round now, the
 * repeats from the tick.
 */
void afo_announce_vipas(struct afo_adapter *by)
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
 * afo_announce_vipa_new - a VIPA was added: each holder announces it once
 * @an: the namespace
 * @ip: the new VIPA
 *
 * Only the new one, once (an offload holder gets it registered): adding
 * thousands of VIPAs must not cost a round of all of them each.
 */
void afo_announce_vipa_new(struct afo_net *an, __be32 ip)
{
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	list_for_each_entry(a, &an->adapters, node) {
		struct afo_adapter *by = afo_adapter_of(a);

		if (!by->vipa_duty)
			continue;
		if (by->offload) {
			if (by->vipas_registered)
				afo_offload_add(by, ip);
		} else if (a->carrier && afo_garp_count()) {
			afo_garp_send(by, ip);
		}
	}
}

/**
 * afo_announce_vipas_run - repeat the VIPA announcements of @ad when due
 * @ad: a managed adapter
 * @next: where the tick collects its next deadline
 */
void afo_announce_vipas_run(struct afo_adapter *ad, struct afo_next *next)
{
	if (!ad->vipa_garp_left)
		return;
	if (time_before(jiffies, ad->vipa_garp_next)) {
		afo_earliest(next, ad->vipa_garp_next);
		return;
	}
	if (!ad->vipa_duty || !ad->core.carrier) {
		ad->vipa_garp_left = 0;
		return;
	}
	afo_garp_vipas(ad);
	ad->vipa_garp_left--;
	ad->vipa_garp_next = jiffies + afo_garp_interval();
	if (ad->vipa_garp_left)
		afo_earliest(next, ad->vipa_garp_next);
}
