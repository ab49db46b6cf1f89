// SPDX-License-Identifier: GPL-2.0-only
/*
 * Liveness: the frames and facts of silent-failure detection. The rule
 * that judges a path is the core's (core_live.c).
 *
 * Every round (liveness_ms) each adapter with carrier, on a pnet of two
 * or more, sends a liveness frame to the next two members of its pnet in
 * a ring ordered by ifindex, unicast to their MACs: each adapter sends
 * two frames and hears two per round whatever the pnet's size, so 64
 * siblings cost 128 frames a round and no broadcast. The frame is not
 * ARP (live_frame.c, uapi/linux/arp_failover_probe.h): its MAC binds
 * sender, receiver, pnet and L3 domain, so forged or reflected ones fail
 * it, and only frames of the last liveness_misses rounds are accepted,
 * each as evidence of its own round (afo_live_record()), so a replay
 * proves nothing after that. A frame heard makes two facts fresh:
 * the hearer hears a sibling, the sender is heard.
 *
 * Where siblings may not decide, an adapter also asks its target (its
 * gateway, found with no configuration: live_target.c) through itself;
 * the answer is the third fact. It asks only once it heard nothing
 * either way for a round, or while it is judged: two adapters that lose
 * each other learn from their targets which one failed, a target that
 * answers vetoes the judgement of the lone side of a split segment by
 * the time the siblings' evidence is complete, and an idle host whose
 * frames flow sends no target probe at all.
 *
 * Rounds are counted, not timed: staleness is "nothing in the last
 * liveness_misses rounds", so a stalled timer or a busy RTNL delays the
 * judgement and never causes one.
 *
 * A round runs in its own work (afo_net.live_work), and a steady one
 * takes no RTNL: a round that ends with no path judged and no target
 * asked leaves its ordered members as a plan (struct afo_live_plan,
 * RCU). The next round, while the plan stands, checks under RCU alone
 * that every member heard or was heard in the round just past (so no
 * judgement could change and no target is to be asked) and that a
 * target refresh due would find the same target, then sends the frames.
 * Anything else, and every step of the core (afo_step_begin() drops the
 * plan), makes the round a full one under RTNL, as before.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <uapi/linux/arp_failover_probe.h>

#include "adapter.h"
#include "apply.h"
#include "discovery.h"
#include "live_frame.h"
#include "live_target.h"
#include "liveness.h"
#include "netns.h"
#include "params.h"
#include "trace.h"
#include "xmit.h"

/* Siblings each adapter sends to per round. */
#define AFO_LIVE_FANOUT 2

/**
 * struct afo_live_plan - the members of a steady round, for the next
 * @rcu: frees it after the rounds that may read it
 * @n:   how many
 * @v:   every adapter with carrier that hears frames, ordered by
 *       afo_live_sort(): each pnet's members in a row
 *
 * Published under RTNL by a full round that judged no path and asked no
 * target (afo_live_run()); dropped by every step of the core and before
 * an adapter is freed (afo_live_plan_drop()), so that a round reading it
 * under RCU never reaches a freed adapter.
 */
struct afo_live_plan {
	struct rcu_head rcu;
	unsigned int n;
	struct afo_core_adapter *v[];
};

/**
 * afo_live_fresh - @ad starts afresh: nothing it missed so far counts
 * @ad: the adapter (carrier back, another pnet, just managed)
 */
void afo_live_fresh(struct afo_adapter *ad)
{
	u32 round = READ_ONCE(ad->an->live_round);

	WRITE_ONCE(ad->live.rx, round);
	WRITE_ONCE(ad->live.tx, round);
	WRITE_ONCE(ad->live.since, round);
	WRITE_ONCE(ad->live.target_on, false);	/* a streak starts afresh */
}

/*
 * Move the round *@last up to @at, never back: frames of several rounds
 * may be recorded at once on several CPUs.
 */
static bool afo_live_advance(u32 *last, u32 at)
{
	u32 old = READ_ONCE(*last), cur;

	while ((s32)(at - old) > 0) {
		cur = cmpxchg(last, old, at);
		if (cur == old)
			return true;
		old = cur;
	}
	return false;
}

/**
 * afo_live_record - a genuine liveness frame of @from arrived on @rx
 * @an:   the namespace
 * @rx:   the adapter that heard it
 * @from: its sender, another adapter
 * @seq:  its round
 *
 * Runs in softirq under RCU. A frame proves the path worked in its own
 * round: one that arrives late (an input backlog behind a burst of our
 * own announcements, a slow kernel) counts as heard in the round after
 * it was sent, at most, so that congestion delays a judgement and never
 * causes one. Frames up to liveness_misses rounds old count: an older
 * one could not have kept a path from being judged anyway, and a replay
 * of one taken before a path failed is refused by the time it is judged.
 *
 * Return: false when the round is more than liveness_misses rounds old,
 * or not yet begun: stale or replayed.
 */
bool afo_live_record(struct afo_net *an, struct afo_adapter *rx,
		     struct afo_adapter *from, u32 seq)
{
	u32 round = READ_ONCE(an->live_round);
	unsigned long now = jiffies | 1;	/* 0 means "never" */
	u32 at = round == seq ? round : seq + 1;

	if (round - seq > afo_liveness_misses())
		return false;
	if (afo_live_advance(&rx->live.rx, at))
		WRITE_ONCE(rx->live.rx_at, now);
	if (afo_live_advance(&from->live.tx, at))
		WRITE_ONCE(from->live.tx_at, now);
	atomic_long_inc(&rx->stats.live_heard);
	return true;
}

/*
 * One liveness frame of @from's round @seq to @to. It needs no address:
 * an adapter without IPv4 sends and hears them too.
 */
static void afo_live_send(struct afo_adapter *from, struct afo_adapter *to,
			  u32 seq)
{
	if (!afo_live_frame_send(from, to, seq))
		atomic_long_inc(&from->stats.live_sent);
}

/* Whether something was heard in the last @misses rounds before @round. */
static bool afo_live_recent(u32 round, u32 last, unsigned int misses)
{
	return (s32)(round - 1 - last) < (s32)misses;
}

/**
 * afo_live_segment_heard - ARP of another host of its segment reached @rx
 * @an: the namespace
 * @rx: the adapter
 *
 * Runs in softirq under RCU, for ARP from a host that is not ours
 * (afo_target_heard()): a port on another segment than its pnet still
 * hears its segment's hosts ask and answer; a blocked one hears no ARP
 * at all (only a switch's own frames, BPDUs or LLDP, which are not ARP),
 * and a port cut off from its siblings may still hear their
 * announcements, which prove nothing of its segment.
 */
void afo_live_segment_heard(struct afo_net *an, struct afo_adapter *rx)
{
	WRITE_ONCE(rx->live.wire_rx, READ_ONCE(an->live_round));
}

/*
 * The facts of @a's own path: whether evidence of it came in the round
 * just past (the core repairs a judged path only after a run of such
 * rounds), and whether it heard its segment's ARP lately.
 */
static void afo_live_own_facts(struct afo_core_adapter *a, u32 round,
			       unsigned int misses)
{
	struct afo_live *live = &afo_adapter_of(a)->live;

	a->fresh = (!a->young &&
		    (afo_live_recent(round, READ_ONCE(live->rx), 1) ||
		     afo_live_recent(round, READ_ONCE(live->tx), 1))) ||
		   (a->target == AFO_TARGET_UP &&
		    afo_live_recent(round, READ_ONCE(live->target_rx), 1));
	a->wire = afo_live_recent(round, READ_ONCE(live->wire_rx), misses);
}

/*
 * Rounds an adapter asks its target, unanswered, before the target
 * counts as lost. Its streak begins at the first round with nothing
 * heard in the round before (afo_live_quiet()), two rounds after the
 * last frame, so that the target's verdict comes in the same round as
 * its siblings' would (afo_live_facts(): nothing for @misses rounds):
 * a pair, which has only its targets to tell which side failed, is
 * judged as soon as a pnet of three. At least two: three probes, the
 * last two broadcast, for a target that moved.
 */
static unsigned int afo_live_target_asks(unsigned int misses)
{
	return max(misses, 4U) - 2;
}

/* The facts of @a for the round @round. */
static void afo_live_facts(struct afo_core_adapter *a, u32 round,
			   unsigned int misses)
{
	struct afo_live *live = &afo_adapter_of(a)->live;

	a->hears = afo_live_recent(round, READ_ONCE(live->rx), misses);
	a->heard_by = afo_live_recent(round, READ_ONCE(live->tx), misses);
	a->young = afo_live_recent(round, READ_ONCE(live->since), misses);
	if (!live->target_on)	/* only with a target (afo_target_probe()) */
		a->target = AFO_TARGET_NONE;
	else if (afo_live_recent(round, READ_ONCE(live->target_rx), misses))
		a->target = AFO_TARGET_UP;
	else if (!afo_live_recent(round, live->target_from,
				  afo_live_target_asks(misses)))
		a->target = AFO_TARGET_DOWN;	/* asked often enough */
	else
		a->target = AFO_TARGET_NONE;
	afo_live_own_facts(a, round, misses);
}

/* Whether @a heard nothing, either way, in the last round. */
static bool afo_live_quiet(const struct afo_adapter *ad, u32 round)
{
	return !afo_live_recent(round, READ_ONCE(ad->live.rx), 1) &&
	       !afo_live_recent(round, READ_ONCE(ad->live.tx), 1);
}

/* A full round: @from asks its target when its evidence is missing. */
static void afo_live_ask(struct afo_adapter *from, u32 round,
			 unsigned int misses, __be32 peer)
{
	afo_target_probe(from, afo_live_quiet(from, round) || from->core.judged,
			 round, misses, peer);
}

/*
 * The end of the pnet whose members start at @v[@i]: read once per
 * member, as a round without RTNL reads it while a step may change it
 * (a frame that races with a new pnet is merely taken as stale).
 */
static unsigned int afo_live_pnet_end(struct afo_core_adapter **v,
				      unsigned int n, unsigned int i)
{
	u32 pnet = READ_ONCE(v[i]->pnet);
	unsigned int j;

	for (j = i + 1; j < n && READ_ONCE(v[j]->pnet) == pnet; j++)
		;
	return j;
}

/*
 * Each member of each pnet in @v sends this round's frames; with @ask,
 * those without evidence ask their targets (a full round, under RTNL).
 */
static void afo_live_send_all(struct afo_core_adapter **v, unsigned int n,
			      u32 round, unsigned int misses, bool ask)
{
	unsigned int i, j, k, f, size;
	__be32 peer = 0;

	for (i = 0; i < n; i = j) {
		j = afo_live_pnet_end(v, n, i);
		size = j - i;
		if (size < 2) {
			/* Alone: nothing to miss until it has siblings. */
			afo_live_fresh(afo_adapter_of(v[i]));
			continue;
		}
		if (ask)
			peer = afo_target_pnet_peer(v + i, size);
		for (k = 0; k < size; k++) {
			struct afo_adapter *from = afo_adapter_of(v[i + k]);
			struct afo_adapter *to;

			for (f = 1; f <= min(AFO_LIVE_FANOUT, size - 1); f++) {
				to = afo_adapter_of(v[i + (k + f) % size]);
				afo_live_send(from, to, round);
			}
			if (ask)
				afo_live_ask(from, round, misses, peer);
		}
	}
}

/*
 * Whether the round @round of the plan @v can run without RTNL: every
 * member of a pnet of two heard or was heard in the round just past, so
 * no judgement changes and no target is to be asked, and a target
 * refresh due finds what it has. Under RCU.
 */
static bool afo_live_steady(struct afo_core_adapter **v, unsigned int n,
			    u32 round, const struct afo_target_named *named)
{
	bool refresh = afo_target_refresh_due(round);
	unsigned int i, j, k;
	__be32 peer = 0;

	for (i = 0; i < n; i = j) {
		j = afo_live_pnet_end(v, n, i);
		if (j - i < 2)
			continue;
		if (refresh)
			peer = afo_target_pnet_peer(v + i, j - i);
		for (k = i; k < j; k++) {
			struct afo_adapter *ad = afo_adapter_of(v[k]);

			if (afo_live_quiet(ad, round) ||
			    (refresh && !afo_target_unchanged(ad, named, peer)))
				return false;
		}
	}
	return true;
}

/*
 * A round with no RTNL, when a plan stands and the round is steady
 * (afo_live_steady()). Return: whether it ran; else a full round must.
 */
static bool afo_live_fast(struct afo_net *an)
{
	/* live_round is written only by this work: no race with itself */
	u32 round = an->live_round + 1;
	struct afo_target_named named;
	struct afo_live_plan *plan;
	bool ran = false;

	if (afo_target_refresh_due(round))
		afo_target_named_read(&named);	/* a mutex: not under RCU */
	rcu_read_lock();
	plan = rcu_dereference(an->live_plan);
	if (plan && afo_live_steady(plan->v, plan->n, round, &named)) {
		WRITE_ONCE(an->live_round, round);
		afo_live_send_all(plan->v, plan->n, round,
				  afo_liveness_misses(), false);
		trace_arp_failover_live_round(an->net->ns.inum, round,
					      plan->n, false);
		ran = true;
	}
	rcu_read_unlock();
	return ran;
}

/**
 * afo_live_plan_drop - the next round is a full one, under RTNL
 * @an: the namespace
 *
 * At every step of the core, and before an adapter is freed: the plan
 * may no longer say who takes part, nor be read once they are gone.
 */
void afo_live_plan_drop(struct afo_net *an)
{
	struct afo_live_plan *plan;

	plan = rcu_replace_pointer(an->live_plan, NULL, lockdep_rtnl_is_held());
	if (plan)
		kfree_rcu(plan, rcu);
}

/*
 * Keep @plan, the full round's members, for the next rounds when the
 * round left nothing judged, no target asked and no member of a pnet of
 * two young (alone, a member is always young: afo_live_fresh()): the
 * facts the core keeps of a member (afo_live_evidence(), for discovery
 * and re-verification) are then the ones every steady round would give.
 * Else free it.
 */
static void afo_live_plan_keep(struct afo_net *an, struct afo_live_plan *plan)
{
	unsigned int i, j, k;

	for (i = 0; i < plan->n; i = j) {
		j = afo_live_pnet_end(plan->v, plan->n, i);
		for (k = i; k < j && j - i >= 2; k++) {
			struct afo_core_adapter *a = plan->v[k];

			if (a->judged || a->young ||
			    READ_ONCE(afo_adapter_of(a)->live.target_on)) {
				kfree(plan);
				return;
			}
		}
	}
	rcu_assign_pointer(an->live_plan, plan);
}

/*
 * Liveness paused (off, or no pnet with two members that can take part):
 * with nobody to compare with, no path stays judged.
 */
static void afo_live_pause(struct afo_net *an, struct afo_step *s)
{
	struct afo_core_adapter *a;

	if (!an->live_on)
		return;
	afo_core_liveness_off(&an->core, s);
	list_for_each_entry(a, &an->core.adapters, node)
		afo_target_stop(afo_adapter_of(a));
	an->live_on = false;
}

/* Resumed: nobody is blamed for the rounds that did not run. */
static void afo_live_resume(struct afo_net *an)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->core.adapters, node)
		afo_live_fresh(afo_adapter_of(a));
	an->live_on = true;
}

/*
 * One full round, under RTNL: judge every path on the facts of the
 * rounds so far, then send this round's frames and ask the targets.
 */
static void afo_live_run(struct afo_net *an, struct afo_step *s)
{
	unsigned int misses = afo_liveness_misses();
	struct afo_live_plan *plan;
	struct afo_core_adapter *a;
	u32 round;

	plan = kmalloc(struct_size(plan, v, an->slot_bound), GFP_KERNEL);
	if (!plan)
		return;		/* the round did not happen: blames nobody */
	plan->n = 0;
	if (!an->live_on)
		afo_live_resume(an);
	round = an->live_round + 1;
	WRITE_ONCE(an->live_round, round);
	list_for_each_entry(a, &an->core.adapters, node) {
		if (!a->carrier || a->deaf || plan->n == an->slot_bound)
			continue;
		afo_live_facts(a, round, misses);
		plan->v[plan->n++] = a;
	}
	afo_live_sort(plan->v, plan->n);
	afo_core_liveness(&an->core, plan->v, plan->n, s);
	afo_live_send_all(plan->v, plan->n, round, misses, true);
	trace_arp_failover_live_round(an->net->ns.inum, round, plan->n, true);
	afo_live_plan_keep(an, plan);
}

/*
 * A full round, or a pause: rounds run while liveness is on and some
 * pnet has two members with carrier that hear frames
 * (afo_core_live_idle()): a host with one adapter, with two on two LANs,
 * or a thousand containers with a veth or two each, runs none.
 */
static void afo_live_full(struct afo_net *an)
{
	struct afo_core_params p;
	struct afo_step s;

	afo_step_begin(an, &s, &p);
	if (!afo_liveness_interval() || afo_core_live_idle(&an->core))
		afo_live_pause(an, &s);
	else
		afo_live_run(an, &s);
	afo_step_commit(an, &s);
}

static void afo_live_work(struct work_struct *work)
{
	struct afo_net *an = container_of(to_delayed_work(work),
					  struct afo_net, live_work);
	unsigned long interval = afo_liveness_interval();

	WRITE_ONCE(an->live_next, jiffies + interval);
	/* liveness turned off: the full round pauses it */
	if (!interval || !afo_live_fast(an)) {
		rtnl_lock();
		if (!an->dying)
			afo_live_full(an);
		rtnl_unlock();
	}
	/* paused: the step that gives a pnet two members starts it again */
	if (READ_ONCE(an->live_on) && interval && !READ_ONCE(an->dying))
		queue_delayed_work(afo_wq, &an->live_work, interval);
}

/**
 * afo_live_deadline - keep the rounds coming
 * @an: the namespace
 * @s:  a step about to be committed
 *
 * After an event that may have given a pnet two members with carrier, or
 * may have left none: the next round starts or pauses them. The work
 * never runs early: a running round re-arms itself.
 */
void afo_live_deadline(struct afo_net *an, struct afo_step *s)
{
	long delay = 0;

	if (!afo_liveness_interval() ||
	    (afo_core_live_idle(&an->core) && !an->live_on))
		return;
	if (an->live_on)
		delay = max(0L, (long)(READ_ONCE(an->live_next) - s->now));
	queue_delayed_work(afo_wq, &an->live_work, delay);
}

/**
 * afo_live_init - the namespace's liveness work
 * @an: the namespace
 */
void afo_live_init(struct afo_net *an)
{
	INIT_DELAYED_WORK(&an->live_work, afo_live_work);
}

/**
 * afo_live_stop - no more rounds
 * @an: the namespace; the caller set an->dying under RTNL and dropped
 *      the plan, and does not hold RTNL here
 *
 * A round that runs re-arms itself: cancel_delayed_work_sync() stops
 * that too.
 */
void afo_live_stop(struct afo_net *an)
{
	cancel_delayed_work_sync(&an->live_work);
}
