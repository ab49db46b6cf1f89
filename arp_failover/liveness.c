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
 * it, and only the current and the previous round are accepted, so a
 * replay proves nothing after that. A frame heard makes two facts fresh:
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
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <uapi/linux/arp_failover_probe.h>

#include "adapter.h"
#include "discovery.h"
#include "live_frame.h"
#include "live_target.h"
#include "liveness.h"
#include "netns.h"
#include "params.h"
#include "xmit.h"

/* Siblings each adapter sends to per round. */
#define AFO_LIVE_FANOUT 2

/**
 * afo_live_fresh - @ad starts afresh: nothing it missed so far counts
 * @ad: the adapter (carrier back, another pnet, just managed)
 */
void afo_live_fresh(struct afo_adapter *ad)
{
	u32 round = ad->an->live_round;

	WRITE_ONCE(ad->live.rx, round);
	WRITE_ONCE(ad->live.tx, round);
	ad->live.since = round;
	WRITE_ONCE(ad->live.target_on, false);	/* a streak starts afresh */
}

/**
 * afo_live_record - a genuine liveness frame of @from arrived on @rx
 * @an:   the namespace
 * @rx:   the adapter that heard it
 * @from: its sender, another adapter
 * @seq:  its round
 *
 * Runs in softirq under RCU.
 *
 * Return: false when the round is neither the current one nor the one
 * before: stale or replayed.
 */
bool afo_live_record(struct afo_net *an, struct afo_adapter *rx,
		     struct afo_adapter *from, u32 seq)
{
	u32 round = READ_ONCE(an->live_round);
	unsigned long now = jiffies | 1;	/* 0 means "never" */

	if (round - seq > 1)
		return false;
	WRITE_ONCE(rx->live.rx, round);
	WRITE_ONCE(rx->live.rx_at, now);
	WRITE_ONCE(from->live.tx, round);
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

/* The facts of @a for the round @round. */
static void afo_live_facts(struct afo_core_adapter *a, u32 round,
			   unsigned int misses)
{
	struct afo_live *live = &afo_adapter_of(a)->live;

	a->hears = afo_live_recent(round, READ_ONCE(live->rx), misses);
	a->heard_by = afo_live_recent(round, READ_ONCE(live->tx), misses);
	a->young = afo_live_recent(round, live->since, misses);
	if (!live->target_on)	/* only with a target (afo_target_probe()) */
		a->target = AFO_TARGET_NONE;
	else if (afo_live_recent(round, READ_ONCE(live->target_rx), misses))
		a->target = AFO_TARGET_UP;
	else if (!afo_live_recent(round, live->target_from, misses))
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

/* Each member of each pnet in @v sends this round's frames. */
static void afo_live_send_all(struct afo_core_adapter **v, unsigned int n,
			      u32 round, unsigned int misses)
{
	unsigned int i, j, k, f, size;
	__be32 peer;

	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j]->pnet == v[i]->pnet; j++)
			;
		size = j - i;
		if (size < 2) {
			/* Alone: nothing to miss until it has siblings. */
			afo_live_fresh(afo_adapter_of(v[i]));
			continue;
		}
		peer = afo_target_pnet_peer(v + i, size);
		for (k = 0; k < size; k++) {
			struct afo_adapter *from = afo_adapter_of(v[i + k]);
			struct afo_adapter *to;

			for (f = 1; f <= min(AFO_LIVE_FANOUT, size - 1); f++) {
				to = afo_adapter_of(v[i + (k + f) % size]);
				afo_live_send(from, to, round);
			}
			afo_target_probe(from, afo_live_quiet(from, round) ||
					 from->core.judged, round, misses,
					 peer);
		}
	}
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
 * One round: judge every path on the facts of the rounds so far, then
 * send this round's frames.
 */
static void afo_live_run(struct afo_net *an, struct afo_step *s)
{
	unsigned int misses = afo_liveness_misses(), n = 0;
	struct afo_core_adapter **v, *a;
	u32 round;

	v = kmalloc_array(an->slot_bound, sizeof(*v), GFP_KERNEL);
	if (!v)
		return;		/* the round did not happen: blames nobody */
	if (!an->live_on)
		afo_live_resume(an);
	round = an->live_round + 1;
	WRITE_ONCE(an->live_round, round);
	list_for_each_entry(a, &an->core.adapters, node) {
		if (!a->carrier || a->deaf || n == an->slot_bound)
			continue;
		afo_live_facts(a, round, misses);
		v[n++] = a;
	}
	afo_live_sort(v, n);
	afo_core_liveness(&an->core, v, n, s);
	afo_live_send_all(v, n, round, misses);
	kfree(v);
}

/**
 * afo_live_tick - run a liveness round when one is due
 * @an: the namespace
 * @s:  the step; gets the next round's deadline
 *
 * Rounds run while liveness is on and some pnet has two members with
 * carrier that hear frames (afo_core_live_idle()): a host with one
 * adapter, with two on two LANs, or a thousand containers with a veth or
 * two each, runs none and takes no RTNL for them.
 */
void afo_live_tick(struct afo_net *an, struct afo_step *s)
{
	unsigned long interval = afo_liveness_interval();

	ASSERT_RTNL();
	if (!interval || afo_core_live_idle(&an->core)) {
		afo_live_pause(an, s);
		return;
	}
	if (an->live_on && time_before(s->now, an->live_next)) {
		afo_step_deadline(s, an->live_next);
		return;
	}
	afo_live_run(an, s);
	an->live_next = s->now + interval;
	afo_step_deadline(s, an->live_next);
}

/**
 * afo_live_deadline - keep the tick coming for liveness rounds
 * @an: the namespace
 * @s:  a step about to be committed
 *
 * After an event that may have given a pnet two members with carrier.
 */
void afo_live_deadline(struct afo_net *an, struct afo_step *s)
{
	if (afo_core_live_idle(&an->core) || !afo_liveness_interval())
		return;
	afo_step_deadline(s, an->live_on ? an->live_next : s->now);
}
