// SPDX-License-Identifier: GPL-2.0-only
/*
 * The announcer: gratuitous ARPs and unsolicited neighbour advertisements
 * that move peers to a new responder, of adapters' addresses and of
 * VIPAs. Everything here runs under RTNL.
 *
 * Pacing: a frame is in flight from dev_queue_xmit() until whoever
 * consumes it frees it: a NIC's transmit completion, or on a veth the
 * peer's stack, once it has taken the frame off its input backlog (a
 * software bridge floods it from there to every port). Each frame is
 * owned by the namespace's announcer socket (afo_garp_own()), so the
 * socket's write allocation says what the stack has not consumed yet,
 * with no look at another subsystem's queues. Frames in flight are kept
 * within %AFO_GARP_COPIES copies, each counted once per adapter of ours
 * with carrier (and once for a peer), the copies a flood makes on one
 * segment. A device that refuses a frame (NET_XMIT_DROP) stops the burst
 * as well. Each run sends at most %AFO_GARP_BATCH frames or MLD joins,
 * and lets others run between every %AFO_GARP_RESCHED.
 *
 * First announcements of an IPv4 address go out at once while there is
 * room. An IPv6 address first joins its solicited-node group on its new
 * responder (addrs6.c: one MLD join, and a filter update of the device),
 * so all of its first announcements wait in afo_net.garp_first, behind
 * the IPv4 ones, and the tick does join and advertisement together, paced
 * as the frames are. Whatever found no room waits there too and goes a
 * jiffy later, before any repeat. Repeats wait in afo_net.garp_queue in
 * the order they fall due, so a run of the tick looks only at what is
 * due. The VIPAs of a duty holder go in rounds, one VIPA after the other
 * from a cursor (afo_adapter.vipa_next), paced the same way.
 */
#include <linux/jiffies.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/sock.h>

#include "addrs6.h"
#include "adapter.h"
#include "announce.h"
#include "netns.h"
#include "offload.h"
#include "nd.h"
#include "params.h"
#include "tick.h"
#include "xmit.h"

/*
 * How long an IPv6 address's announcements wait for its holder's DAD at
 * least; at most twice as long as that DAD may last, if more: timers
 * slip on a busy host.
 */
#define AFO_DAD_WAIT (10 * HZ)

/* Frames (and MLD joins) one run sends at most; the rest wait a jiffy. */
#define AFO_GARP_BATCH 256

/* A run lets other tasks (and the softirqs it raised) in this often. */
#define AFO_GARP_RESCHED 32

/*
 * Copies of announcement frames in flight at most: a quarter of the
 * default input backlog of a CPU (netdev_max_backlog, 1000), which every
 * copy a veth delivers passes through.
 */
#define AFO_GARP_COPIES 256

/**
 * afo_announce_net_init - the announcer socket of a new namespace
 * @an: the namespace
 *
 * A kernel socket that only owns frames (skb_set_owner_w()) while they
 * are in flight: its destructor is the kernel's, and the socket lives on
 * until the last of them is freed, however long after the namespace or
 * the module is gone.
 *
 * Return: 0 or a negative errno.
 */
int afo_announce_net_init(struct afo_net *an)
{
	return sock_create_kern(an->net, PF_INET, SOCK_DGRAM, IPPROTO_UDP,
				&an->garp_sock);
}

/**
 * afo_announce_net_exit - let the announcer socket go
 * @an: the namespace, whose tick has stopped
 */
void afo_announce_net_exit(struct afo_net *an)
{
	sock_release(an->garp_sock);
	an->garp_sock = NULL;
}

/**
 * afo_garp_own - count an announcement frame in flight until it is freed
 * @skb: a gratuitous ARP or unsolicited advertisement, @skb->dev set,
 *       before it is sent (under RTNL)
 */
void afo_garp_own(struct sk_buff *skb)
{
	struct afo_net *an = afo_net(dev_net(skb->dev));

	ASSERT_RTNL();		/* @an->garp_truesize */
	skb_set_owner_w(skb, an->garp_sock->sk);
	an->garp_truesize = skb->truesize;
}

/*
 * Whether the stack has room for another announcement: its frames in
 * flight, times the copies a flood makes of each, within
 * %AFO_GARP_COPIES; one at least, however many adapters there are.
 */
static bool afo_garp_room(const struct afo_net *an)
{
	unsigned int inflight = sk_wmem_alloc_get(an->garp_sock->sk) /
				max(an->garp_truesize, 1U);

	return !inflight ||
	       (inflight + 1) * (an->core.carriers + 1) <= AFO_GARP_COPIES;
}

/* One unit of a run's budget spent; now and then, others run. */
static void afo_garp_spend(unsigned int *budget)
{
	(*budget)--;
	if (!(*budget % AFO_GARP_RESCHED))
		cond_resched();
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
 * for as long as the holder's DAD may last: the train is kept, not spent.
 * Without an interval to wait by, or when DAD never ends (the address
 * failed it, which the kernel reports), give up; peers then learn the
 * address's new place only when their entries expire, which is said.
 */
static void afo_dad_wait(struct afo_addr *addr, struct afo_step *s)
{
	unsigned long wait = max_t(unsigned long, AFO_DAD_WAIT,
				   2 * afo_addr6_dad_time(addr));
	struct net_device *dev = addr->owner->dev;

	if (!addr->dad_since)
		addr->dad_since = s->now ?: 1;
	if (!s->p->garp_interval)
		goto cancel;
	if (time_after(s->now, addr->dad_since + wait)) {
		if (afo_ip6_held(dev, &addr->ip6) && net_ratelimit())
			afo_warn(dev, "%pI6c not announced: its duplicate address detection outlasted %u ms\n",
				 &addr->ip6, jiffies_to_msecs(wait));
		goto cancel;
	}
	afo_train_defer(&addr->train, s);
	afo_repeat_queue(addr, s);
	return;
cancel:
	afo_announce_cancel(addr);
}

/*
 * Send the next announcement of @addr from @by and count it against the
 * train; an IPv6 address joins its group on @by first (afo_nd_place()).
 * Return: false when there was no room for it (nothing was taken).
 */
static bool afo_garp(struct afo_adapter *by, struct afo_addr *addr,
		     struct afo_step *s)
{
	if (!afo_garp_room(by->an))
		return false;
	if (addr->v6) {
		afo_nd_place(addr);
		if (!afo_addr6_ready(addr)) {
			afo_dad_wait(addr, s);
			return true;
		}
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
 * A train of garp_count gratuitous ARPs (IPv6: advertisements),
 * garp_interval_ms apart (afo_train_start()): peers hold the old MAC,
 * and one frame lost must not leave them there. The first of an IPv4
 * address goes out at once, so that peers move without waiting for the
 * work to be scheduled, unless the stack is full (see the top of this
 * file); that of an IPv6 address from the tick, after its group join.
 * The train replaces an earlier one. An address whose adapters flap
 * faster than the rate limit allows waits: the tick announces it when it
 * may, from whichever adapter answers then. An offload responder gets it
 * registered instead, and announces it. An IPv6 address not announced
 * now is placed at once (afo_nd_place()).
 */
void afo_announce(struct afo_adapter *by, struct afo_addr *addr,
		  struct afo_step *s)
{
	struct afo_net *an = addr->owner->an;

	ASSERT_RTNL();
	afo_announce_cancel(addr);
	if (afo_offload_place(addr) || addr->shared || !by ||
	    !by->core.carrier || !afo_train_start(&addr->train, s)) {
		afo_nd_place(addr);
		if (addr->train.left)		/* rate-limited: later */
			afo_repeat_queue(addr, s);
		return;
	}
	if (addr->v6 || !list_empty(&an->garp_first) ||
	    !afo_garp(by, addr, s)) {
		list_add_tail(&addr->garp_node, &an->garp_first);
		afo_step_deadline(s, s->now);
	}
}

/*
 * Send what is due of @list, within *@budget frames and joins. Return:
 * false when the stack had no room or the budget ran out (try again in a
 * jiffy).
 */
static bool afo_announce_list(struct afo_net *an, struct list_head *list,
			      unsigned int *budget, struct afo_step *s)
{
	struct afo_addr *addr, *tmp;
	struct afo_adapter *by;
	int placed;

	list_for_each_entry_safe(addr, tmp, list, garp_node) {
		if (list == &an->garp_queue &&
		    !afo_train_due(&addr->train, s->now)) {
			afo_step_deadline(s, addr->train.next);
			return true;
		}
		by = afo_adapter_find(an, afo_addr_responder(addr));
		if (!by || !by->core.carrier) {
			afo_nd_place(addr);	/* its join waited here too */
			afo_announce_cancel(addr);
			continue;
		}
		if (!afo_train_may_send(&addr->train, s)) {
			afo_nd_place(addr);
			afo_train_defer(&addr->train, s);	/* flapping */
			afo_repeat_queue(addr, s);
			continue;
		}
		placed = addr->mc_dev;
		if (*budget < 2 || !afo_garp(by, addr, s))
			return false;
		if (addr->mc_dev != placed)
			afo_garp_spend(budget);		/* an MLD join */
		afo_garp_spend(budget);
	}
	return true;
}

/*
 * Send what is left of @by's VIPA round, from its cursor on, within
 * *@budget frames. Return: true when the round is complete.
 */
static bool afo_vipas_send(struct afo_adapter *by, unsigned int *budget)
{
	struct afo_addr *vipa = by->vipa_next;

	if (!vipa)			/* the last one went away */
		goto done;
	list_for_each_entry_from(vipa, &by->an->vipas, port_node) {
		if (!afo_vipa_for(vipa, by))
			continue;
		if (!*budget || !afo_garp_room(by->an) ||
		    afo_garp_send(by, vipa) == -ENOBUFS) {
			by->vipa_next = vipa;
			return false;
		}
		afo_garp_spend(budget);
	}
done:
	by->vipa_round = false;
	return true;
}

/* A round of every VIPA from @by, from the first, counted or not. */
static void afo_vipas_round(struct afo_adapter *by, bool catchup)
{
	by->vipa_round = true;
	by->vipa_catchup = catchup;
	by->vipa_next = list_first_entry_or_null(&by->an->vipas,
						 struct afo_addr, port_node);
}

/*
 * Carry on with @ad's VIPA round, or begin the next of its train when it
 * is due, within *@budget. Return: false when the stack had no room or
 * the budget ran out.
 */
static bool afo_vipas_run_one(struct afo_adapter *ad, unsigned int *budget,
			      struct afo_step *s)
{
	struct afo_train *t = &ad->vipa_train;

	if (!ad->core.vipa_duty || !ad->core.carrier) {
		afo_train_stop(t);
		ad->vipa_round = false;
		return true;
	}
	if (!ad->vipa_round) {
		if (!t->left)
			return true;
		if (!afo_train_due(t, s->now)) {
			afo_step_deadline(s, t->next);
			return true;
		}
		if (!afo_train_may_send(t, s)) {
			afo_train_defer(t, s);
			afo_step_deadline(s, t->next);
			return true;
		}
		afo_vipas_round(ad, false);
	}
	if (!afo_vipas_send(ad, budget))
		return false;
	if (!ad->vipa_catchup && afo_train_sent(t, s))
		afo_step_deadline(s, t->next);
	return true;
}

/* The VIPA rounds of every holder, within *@budget. */
static bool afo_vipas_run(struct afo_net *an, unsigned int *budget,
			  struct afo_step *s)
{
	struct afo_core_adapter *a;
	bool done = true;

	list_for_each_entry(a, &an->core.adapters, node)
		if (!afo_vipas_run_one(afo_adapter_of(a), budget, s))
			done = false;
	return done;
}

/**
 * afo_announce_run - send the announcements that are due
 * @an: the namespace
 * @s:  the tick's step, which collects the next deadline
 *
 * First announcements that waited for room go first, then the VIPA
 * rounds, then the repeats; at most %AFO_GARP_BATCH frames and joins.
 */
void afo_announce_run(struct afo_net *an, struct afo_step *s)
{
	unsigned int budget = AFO_GARP_BATCH;

	ASSERT_RTNL();
	if (!afo_announce_list(an, &an->garp_first, &budget, s) ||
	    !afo_vipas_run(an, &budget, s) ||
	    !afo_announce_list(an, &an->garp_queue, &budget, s))
		afo_step_deadline(s, s->now + 1);
}

/**
 * afo_announce_vipas - announce the VIPAs from their new holder
 * @by: the adapter that took the VIPA duty of its pnet, or that holds it
 *      when its MAC changed
 * @s:  the step
 *
 * As afo_announce(), for all VIPAs at once, one train of rounds: the
 * first round begins now (unless rate-limited) as far as the stack has
 * room, the rest and the repeats from the tick. An offload holder gets
 * them registered instead.
 */
void afo_announce_vipas(struct afo_adapter *by, struct afo_step *s)
{
	unsigned int budget = AFO_GARP_BATCH;

	ASSERT_RTNL();
	afo_train_stop(&by->vipa_train);
	by->vipa_round = false;
	if (by->offload) {
		afo_offload_vipas(by, true);	/* the adapter announces them */
		return;
	}
	if (!by->core.carrier || list_empty(&by->an->vipas))
		return;
	if (!afo_train_start(&by->vipa_train, s)) {
		if (by->vipa_train.left)
			afo_step_deadline(s, by->vipa_train.next);
		return;
	}
	afo_vipas_round(by, false);
	if (!afo_vipas_run_one(by, &budget, s))
		afo_step_deadline(s, s->now);
}

/**
 * afo_announce_vipa_new - a VIPA was added: each holder announces it once
 * @an:   the namespace
 * @vipa: the new VIPA, last on the list of VIPAs
 *
 * Only the new one, once (an offload holder gets it registered): adding
 * thousands of VIPAs must not cost a round of all of them each. A round
 * under way reaches it anyway; without room, a catch-up round from it
 * takes it and those added after it, from the tick.
 */
void afo_announce_vipa_new(struct afo_net *an, struct afo_addr *vipa)
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
		} else if (a->carrier && afo_garp_count() && !by->vipa_round &&
			   (!afo_garp_room(an) ||
			    afo_garp_send(by, vipa) == -ENOBUFS)) {
			by->vipa_round = true;
			by->vipa_catchup = true;
			by->vipa_next = vipa;
			afo_tick_arm(an, jiffies);
		}
	}
}

/**
 * afo_announce_vipa_gone - a VIPA goes away: no round stops at it
 * @an:   the namespace
 * @vipa: the VIPA, still on the list of VIPAs
 */
void afo_announce_vipa_gone(struct afo_net *an, struct afo_addr *vipa)
{
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	list_for_each_entry(a, &an->core.adapters, node) {
		struct afo_adapter *ad = afo_adapter_of(a);

		if (!ad->vipa_round || ad->vipa_next != vipa)
			continue;
		if (list_is_last(&vipa->port_node, &an->vipas))
			ad->vipa_next = NULL;
		else
			ad->vipa_next = list_next_entry(vipa, port_node);
	}
}
