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

#include "addrs6.h"
#include "adapter.h"
#include "announce.h"
#include "compat.h"
#include "netns.h"
#include "offload.h"
#include "nd.h"
#include "params.h"
#include "xmit.h"

/* How long an IPv6 address's announcements wait for its DAD at most. */
#define AFO_DAD_WAIT (10 * HZ)

/* Frames one run of the tick sends at most; the rest wait a jiffy. */
#define AFO_GARP_BATCH 256

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

	return (queued + 1) * (an->core.carriers + 1) <
	       afo_netdev_max_backlog() / 2;
}

/*
 * One announcement of @addr from @by, counted when it went out: a
 * gratuitous ARP, or for an IPv6 address an unsolicited neighbour
 * advertisement.
 */
static int afo_garp_send(struct afo_adapter *by, const struct afo_addr *addr)
{
	int err;

	/* IPv6 disabled on it: it could not take the traffic it would draw. */
	if (addr->v6 && !afo_ip6_enabled(by->dev))
		return 0;
	err = addr->v6 ? afo_send_una(by->dev, addr) :
			 afo_send_garp(by->dev, addr->ip);
	if (!err)
		atomic_long_inc(&by->stats.announcements);
	return err;
}

/*
 * Queue @addr for its next announcement (train.next), after every one due
 * before it, and make the tick run by then.
 */
static void afo_repeat_queue(struct afo_addr *addr, struct afo_step *s)
{
	list_move_tail(&addr->garp_node, &addr->owner->an->garp_queue);
	afo_step_deadline(s, addr->train.next);
}

/*
 * Its holder runs DAD on IPv6 address @addr: an advertisement now, even
 * from the holder's sibling, would fail it. Ask again one interval later,
 * for a while: the train is kept, not spent. Without an interval to wait
 * by, or when DAD never ends (the address failed it), give up.
 */
static void afo_dad_wait(struct afo_addr *addr, struct afo_step *s)
{
	if (!addr->dad_since)
		addr->dad_since = s->now ?: 1;
	if (!s->p->garp_interval ||
	    time_after(s->now, addr->dad_since + AFO_DAD_WAIT)) {
		afo_announce_cancel(addr);
		return;
	}
	afo_train_defer(&addr->train, s);
	afo_repeat_queue(addr, s);
}

/*
 * Send the next gratuitous ARP of @addr from @by and count it against
 * the train. Return: false when there was no room for it (nothing was
 * taken).
 */
static bool afo_garp(struct afo_adapter *by, struct afo_addr *addr,
		     struct afo_step *s)
{
	if (!afo_garp_room(by->an))
		return false;
	if (addr->v6 && !afo_addr6_ready(addr)) {
		afo_dad_wait(addr, s);
		return true;
	}
	addr->dad_since = 0;
	if (afo_garp_send(by, addr) == -ENOBUFS)
		return false;
	if (afo_train_sent(&addr->train, s))
		afo_repeat_queue(addr, s);
	else
		list_del_init(&addr->garp_node);
	return true;
}

/**
 * afo_announce_cancel - drop the announcements still due for @addr
 * @addr: an adapter's address
 */
void afo_announce_cancel(struct afo_addr *addr)
{
	afo_train_stop(&addr->train);
	addr->dad_since = 0;
	list_del_init(&addr->garp_node);
}

/**
 * afo_announce - announce an address that changed hands
 * @by:   the adapter that answers for it now, or NULL: the kernel does
 * @addr: the address
 * @s:    the step (time, parameters, deadlines)
 *
 * A train of garp_count gratuitous ARPs, garp_interval_ms apart
 * (afo_train_start()): peers hold the old MAC, and one frame lost must
 * not leave them there. The first goes out at once, so that peers move
 * without waiting for the work to be scheduled, unless the stack is full
 * (see the top of this file); the train replaces an earlier one. An
 * address whose adapters flap faster than the rate limit allows waits:
 * the tick announces it when it may, from whichever adapter answers then.
 * An offload responder gets it registered instead, and announces it.
 */
void afo_announce(struct afo_adapter *by, struct afo_addr *addr,
		  struct afo_step *s)
{
	struct afo_net *an = addr->owner->an;

	ASSERT_RTNL();
	afo_announce_cancel(addr);
	if (afo_offload_place(addr) || addr->shared || !by || !by->core.carrier)
		return;
	if (!afo_train_start(&addr->train, s)) {
		if (addr->train.left)		/* rate-limited: later */
			afo_repeat_queue(addr, s);
	} else if (!list_empty(&an->garp_first) || !afo_garp(by, addr, s)) {
		list_add_tail(&addr->garp_node, &an->garp_first);
		afo_step_deadline(s, s->now);
	}
}

/*
 * Send what is due of @list, at most *@budget frames. Return: false when
 * the stack had no room or the budget ran out (try again in a jiffy).
 */
static bool afo_announce_list(struct afo_net *an, struct list_head *list,
			      unsigned int *budget, struct afo_step *s)
{
	struct afo_addr *addr, *tmp;
	struct afo_adapter *by;

	list_for_each_entry_safe(addr, tmp, list, garp_node) {
		if (list == &an->garp_queue &&
		    !afo_train_due(&addr->train, s->now)) {
			afo_step_deadline(s, addr->train.next);
			return true;
		}
		by = afo_adapter_find(an, afo_addr_responder(addr));
		if (!by || !by->core.carrier) {
			afo_announce_cancel(addr);
			continue;
		}
		if (!afo_train_may_send(&addr->train, s)) {
			afo_train_defer(&addr->train, s);	/* flapping */
			afo_repeat_queue(addr, s);
			continue;
		}
		if (!*budget || !afo_garp(by, addr, s))
			return false;
		(*budget)--;
	}
	return true;
}

/**
 * afo_announce_run - send the announcements that are due
 * @an: the namespace
 * @s:  the tick's step, which collects the next deadline
 *
 * First announcements that waited for room go before any repeat.
 */
void afo_announce_run(struct afo_net *an, struct afo_step *s)
{
	unsigned int budget = AFO_GARP_BATCH;

	ASSERT_RTNL();
	if (!afo_announce_list(an, &an->garp_first, &budget, s) ||
	    !afo_announce_list(an, &an->garp_queue, &budget, s))
		afo_step_deadline(s, s->now + 1);
}

/* Announce every VIPA from @by, the holder of its pnet's VIPA duty. */
static void afo_garp_vipas(struct afo_adapter *by)
{
	struct afo_addr *vipa;

	list_for_each_entry(vipa, &by->an->vipas, port_node)
		if (afo_vipa_for(vipa, by))
			afo_garp_send(by, vipa);
}

/**
 * afo_announce_vipas - announce the VIPAs from their new holder
 * @by: the adapter that took the VIPA duty of its pnet, or that holds it
 *      when its MAC changed
 * @s:  the step
 *
 * As afo_announce(), for all VIPAs at once, one train of rounds: the
 * first round now (unless rate-limited), the repeats from the tick. An
 * offload holder gets them registered instead.
 */
void afo_announce_vipas(struct afo_adapter *by, struct afo_step *s)
{
	ASSERT_RTNL();
	afo_train_stop(&by->vipa_train);
	if (by->offload) {
		afo_offload_vipas(by, true);	/* the adapter announces them */
		return;
	}
	if (!by->core.carrier || list_empty(&by->an->vipas))
		return;
	if (afo_train_start(&by->vipa_train, s)) {
		afo_garp_vipas(by);
		afo_train_sent(&by->vipa_train, s);
	}
	if (by->vipa_train.left)
		afo_step_deadline(s, by->vipa_train.next);
}

/**
 * afo_announce_vipa_new - a VIPA was added: each holder announces it once
 * @an:   the namespace
 * @vipa: the new VIPA
 *
 * Only the new one, once (an offload holder gets it registered): adding
 * thousands of VIPAs must not cost a round of all of them each.
 */
void afo_announce_vipa_new(struct afo_net *an, const struct afo_addr *vipa)
{
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	list_for_each_entry(a, &an->core.adapters, node) {
		struct afo_adapter *by = afo_adapter_of(a);

		if (!a->vipa_duty || !afo_vipa_for(vipa, by))
			continue;
		if (by->offload) {
			if (by->vipas_registered && !vipa->v6)
				afo_offload_add(by, vipa->ip);
		} else if (a->carrier && afo_garp_count()) {
			afo_garp_send(by, vipa);
		}
	}
}

/**
 * afo_announce_vipas_run - the next VIPA round of @ad, when due
 * @ad: a managed adapter
 * @s:  the tick's step, which collects the next deadline
 */
void afo_announce_vipas_run(struct afo_adapter *ad, struct afo_step *s)
{
	struct afo_train *t = &ad->vipa_train;

	if (!t->left)
		return;
	if (!ad->core.vipa_duty || !ad->core.carrier) {
		afo_train_stop(t);
		return;
	}
	if (afo_train_due(t, s->now)) {
		if (afo_train_may_send(t, s)) {
			afo_garp_vipas(ad);
			afo_train_sent(t, s);
		} else {
			afo_train_defer(t, s);
		}
	}
	if (t->left)
		afo_step_deadline(s, t->next);
}
