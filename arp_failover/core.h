/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision core of arp_failover: facts and time in, actions out.
 *
 * Nothing here touches a net_device, an skb, a timer or a lock, so that
 * every rule can be exercised by KUnit on UML without a network, hours of
 * flapping in microseconds. The flow of every event, as bonding's
 * inspect/commit split:
 *
 *   event -> the glue writes facts (carrier, heard probes) into the
 *            adapters' struct afo_core_adapter and opens a struct afo_step
 *            with the time and the parameters
 *         -> one core entry point decides: it updates the decisions
 *            (responder, VIPA duty, pnet, health, probing) and puts every
 *            adapter it changed on the step's list with a bit per action
 *         -> the glue applies each action under RTNL (adapters.c) and one
 *            notify helper reports it (trace, netlink, log, counter)
 *         -> the glue re-arms its one timer for the step's next deadline.
 *
 * Times are in jiffies, or any unit that wraps alike.
 */
#ifndef _ARP_FAILOVER_CORE_H
#define _ARP_FAILOVER_CORE_H

#include <linux/list.h>
#include <linux/types.h>

/* Identifies a physical network ("pnet"); never held by an adapter. */
#define AFO_PNET_NONE	0

/* Flap damping doubles the reclaim delay at most this many times. */
#define AFO_MAX_DAMPING_SHIFT 6

/*
 * A probe nobody heard is weak evidence: right after carrier comes back
 * the switch port may not forward yet. Only this many unheard probes in
 * a row, each a probe timeout apart, make an adapter alone.
 */
#define AFO_PROBE_TRIES 3

/*
 * A member with carrier that did not hear a sibling's probe may have lost
 * one frame: only this many misses in a row split it off its pnet.
 */
#define AFO_SPLIT_MISSES 2

/*
 * The rate limit of announcements (afo_train_may_send()): a bucket of
 * this many that refills by one per announcement interval.
 */
#define AFO_TRAIN_BURST 2

/*
 * Hysteresis of the liveness rule: a judged path is repaired only after
 * this many rounds in a row with evidence of its own (a frame heard
 * either way, or its target's answer), as illumos IPMP wants 10 probe
 * answers in a row. A path losing a share q of its frames passes with a
 * chance of (1 - q)^10 per try: about 10^-7 per round on a failing optic
 * dropping 90% each way, where one frame of either kind gets through in a
 * round about once in five; one try in eight at 50% loss, which is back
 * within a second or two. At the default 50 ms rounds: half a second.
 */
#define AFO_LIVE_REPAIR_ROUNDS 10

/*
 * The least reclaim delay after a liveness judgement clears, in rounds,
 * whatever reclaim_delay_ms says: the flap damping of afo_flap_regain()
 * doubles a delay, and 0 doubled stays 0. One second at the defaults:
 * a path judged again within ten of these waits twice as long, and so on.
 */
#define AFO_LIVE_RECLAIM_ROUNDS 20

/**
 * struct afo_core_params - the module parameters, in the core's units
 * @reclaim_delay: wait after carrier returns before taking addresses back
 * @judged_reclaim: the least wait after a liveness judgement clears
 * @probe_timeout: how long a probe waits for siblings to hear it
 * @reverify:      how often an adapter probes again; 0: never
 * @garp_count:    announcements per address that changed hands; 0: none
 * @garp_interval: between two of them, and the bucket's refill period
 */
struct afo_core_params {
	unsigned long reclaim_delay;
	unsigned long judged_reclaim;
	unsigned long probe_timeout;
	unsigned long reverify;
	unsigned int garp_count;
	unsigned long garp_interval;
};

/* Bits of afo_core_adapter.todo: what the glue must apply and report. */
enum afo_action {
	AFO_DO_CARRIER		= 1 << 0,	/* report the carrier */
	AFO_DO_HEALTHY		= 1 << 1,	/* report the health */
	AFO_DO_RESPONDER	= 1 << 2,	/* move, announce */
	AFO_DO_VIPA_DUTY	= 1 << 3,	/* take/drop VIPA duty */
	AFO_DO_PNET		= 1 << 4,	/* report the pnet */
	AFO_DO_PROBE		= 1 << 5,	/* probe now */
	AFO_DO_JUDGED		= 1 << 6,	/* report the judgement */
};

/*
 * Whether an adapter with carrier has a working path, by the liveness
 * frames of its pnet (core_live.c). Without carrier it is AFO_JUDGED_OK:
 * carrier is the first judge, and its loss is reported as such.
 */
enum afo_judged {
	AFO_JUDGED_OK,		/* no evidence against its path */
	AFO_JUDGED_SILENT,	/* hears no sibling, none hears it, and
				 * its siblings still hear each other
				 */
	AFO_JUDGED_TARGET,	/* hears no sibling, none hears it, its
				 * target is lost and a sibling's is not
				 */
};

/* What the probes of an adapter's target (its gateway) say. */
enum afo_target {
	AFO_TARGET_NONE,	/* no target, or not asked long enough */
	AFO_TARGET_UP,		/* it answered within the last rounds */
	AFO_TARGET_DOWN,	/* it did not, to as many probes */
};

/**
 * struct afo_flaps - an adapter's recent carrier regains (flap damping)
 * @last_regain: when carrier last came back (0: never)
 * @flaps:       regains in a row, each soon after the previous one
 */
struct afo_flaps {
	unsigned long last_regain;
	unsigned int flaps;
};

/**
 * struct afo_core_adapter - what the core knows and decided of one adapter
 * @node:           in afo_core.adapters
 * @step_node:      in afo_step.changed while @todo is not empty
 * @ifindex:        the adapter's interface index, unique in its namespace
 * @priority:       preference for backup duty; higher wins (fact)
 * @carrier:        up with carrier: can send and hear probes (fact)
 * @deaf:           cannot hear sibling probes (an offload adapter): its
 *                  silence proves nothing (fact)
 * @heard:          heard the probe being decided (fact, per probe)
 * @pnet:           the physical network it sits on
 * @healthy:        has carrier and is past any reclaim delay: may answer
 * @responder:      ifindex answering for its addresses, 0: none can (the
 *                  kernel's own ARP answers); read by the ARP hooks
 * @vipa_duty:      answers for the VIPAs of its pnet; read by the hooks
 * @usable_at:      end of the reclaim delay (0: none running)
 * @flaps:          flap damping
 * @probing:        a probe of its is out; read by the hooks
 * @probe_deadline: when that probe's outcome is decided
 * @probe_tries:    probes left before an unheard adapter counts as alone
 * @probe_skipped:  its last probe was skipped: no sibling had carrier
 * @probe_live:     liveness frames flowed between it and its pnet when
 *                  its probe began: unheard, it was cut off, not moved
 * @misses:         sibling probes of its pnet it missed in a row
 * @last_verified:  when its pnet was last verified (0: never)
 * @spread:         where in the last quarter of the interval its
 *                  re-verification falls (0 to U16_MAX: none to a
 *                  quarter early), set at random by the glue
 * @hears:          heard a sibling's liveness frame lately (fact); also
 *                  keeps discovery from splitting it off on lost probes
 * @heard_by:       a sibling heard its liveness frame lately (fact)
 * @live_member:    counted in afo_core.live_members at its pnet's last
 *                  settling (the hooks read it)
 * @young:          it started afresh (carrier back, another pnet) within
 *                  the last rounds: @hears and @heard_by are the benefit
 *                  of the doubt, not evidence for discovery (fact)
 * @target:         enum afo_target: its target's answers (fact)
 * @fresh:          evidence of its own path came in the last round: it
 *                  heard a sibling or was heard (not @young), or its
 *                  target answered (fact)
 * @wire:           it heard ARP of its segment lately, not ours (fact):
 *                  a blocked port hears none
 * @repairs:        rounds in a row with @fresh, up to
 *                  %AFO_LIVE_REPAIR_ROUNDS
 * @pnet_seen:      liveness frames flowed between it and its pnet since
 *                  it was last verified
 * @wire_seen:      it heard ARP of its segment since it was last verified
 * @up_seen:        its target answered since then
 * @down_seen:      its target was lost at some round since then
 * @sibling_seen:   ARP of a sibling on another pnet reached it since then
 *                  (fact; the hooks read it): alone on its pnet, it
 *                  verifies again only after that
 *                  (afo_core_reverify_wanted())
 * @strayed:        a probe's outcome took it off a pnet it shared, and it
 *                  is alone since: it re-verifies every interval, as a
 *                  member does, until it shares a pnet again
 * @judged:         enum afo_judged: its path, by the liveness rule
 * @todo:           enum afo_action bits the glue has still to apply
 * @old_responder:  @responder before the step, for the report
 * @old_pnet:       @pnet before the step, for the report
 * @old_judged:     @judged before the step, for the report
 */
struct afo_core_adapter {
	struct list_head node;
	struct list_head step_node;
	int ifindex;
	u32 priority;
	bool carrier;
	bool deaf;
	bool heard;
	u32 pnet;
	bool healthy;
	int responder;
	bool vipa_duty;
	unsigned long usable_at;
	struct afo_flaps flaps;
	bool probing;
	unsigned long probe_deadline;
	unsigned int probe_tries;
	bool probe_skipped;
	bool probe_live;
	unsigned int misses;
	unsigned long last_verified;
	u16 spread;
	bool hears;
	bool heard_by;
	bool live_member;
	bool young;
	u8 target;
	bool fresh;
	bool wire;
	u8 repairs;
	bool pnet_seen;
	bool wire_seen;
	bool up_seen;
	bool down_seen;
	bool sibling_seen;
	bool strayed;
	u8 judged;
	unsigned int todo;
	int old_responder;
	u32 old_pnet;
	u8 old_judged;
};

/**
 * struct afo_core - the core's state of one namespace
 * @adapters:  every managed adapter (afo_core_adapter.node)
 * @next_pnet: the next pnet identifier to try
 * @carriers:  adapters with carrier
 * @live_members: adapters with carrier that hear frames (not deaf) on a
 *             pnet with another such: liveness rounds run while there is
 *             one (afo_core_live_idle())
 */
struct afo_core {
	struct list_head adapters;
	u32 next_pnet;
	unsigned int carriers;
	unsigned int live_members;
};

/**
 * struct afo_step - one decision: its inputs and the actions it produced
 * @now:      the time of the event (input)
 * @p:        the parameters (input)
 * @changed:  adapters with actions to apply (afo_core_adapter.step_node)
 * @next:     the earliest deadline the core has (output, if @next_set)
 * @next_set: whether it has one
 */
struct afo_step {
	unsigned long now;
	const struct afo_core_params *p;
	struct list_head changed;
	unsigned long next;
	bool next_set;
};

void afo_step_init(struct afo_step *s, unsigned long now,
		   const struct afo_core_params *p);
void afo_step_deadline(struct afo_step *s, unsigned long when);
void afo_step_mark(struct afo_step *s, struct afo_core_adapter *a,
		   unsigned int bit, bool toggle);
struct afo_core_adapter *afo_step_pop(struct afo_step *s);

/* Events: each decides and records what to do in @s. */
void afo_core_init(struct afo_core *c);
void afo_core_add(struct afo_core *c, struct afo_core_adapter *a, int ifindex,
		  u32 priority, bool deaf);
void afo_core_forget(struct afo_core *c, struct afo_core_adapter *a);
void afo_core_remove(struct afo_core *c, struct afo_core_adapter *a,
		     struct afo_step *s);
void afo_core_carrier(struct afo_core *c, struct afo_core_adapter *a,
		      bool carrier, struct afo_step *s);
void afo_core_priority(struct afo_core *c, struct afo_core_adapter *a,
		       u32 priority, struct afo_step *s);
void afo_core_probe_start(struct afo_core *c, struct afo_core_adapter *a,
			  struct afo_step *s);
void afo_core_reverify(struct afo_core *c, struct afo_core_adapter *a,
		       struct afo_step *s);
void afo_core_probe_unsent(struct afo_core_adapter *a);
bool afo_core_probe_due(const struct afo_core_adapter *a, unsigned long now);
void afo_core_probe_done(struct afo_core *c, struct afo_core_adapter *a,
			 struct afo_step *s);
void afo_core_tick(struct afo_core *c, struct afo_step *s);
void afo_core_settle_all(struct afo_core *c, struct afo_step *s);
void afo_core_liveness(struct afo_core *c, struct afo_core_adapter **v,
		       unsigned int n, struct afo_step *s);
void afo_core_liveness_off(struct afo_core *c, struct afo_step *s);

/* Rules, exported for the glue's reports and for KUnit. */
bool afo_better_backup(const struct afo_core_adapter *a,
		       const struct afo_core_adapter *b);
u32 afo_pnet_new(struct afo_core *c);
unsigned int afo_pnet_size(const struct afo_core *c, u32 pnet);
bool afo_pnet_first(const struct afo_core *c, const struct afo_core_adapter *a);
unsigned long afo_damped_delay(unsigned long base, unsigned int flaps);
unsigned long afo_flap_regain(struct afo_flaps *f, unsigned long now,
			      unsigned long base);
void afo_live_sort(struct afo_core_adapter **v, unsigned int n);
enum afo_judged afo_live_judge(const struct afo_core_adapter *a,
			       unsigned int n_ok, unsigned int n_up);

/* Internal to the core (core.c, core_live.c). */
void afo_settle(struct afo_core *c, u32 pnet, struct afo_step *s);
void afo_usable_update(struct afo_core_adapter *a, bool was,
		       unsigned long base, struct afo_step *s);
void afo_live_unjudge(struct afo_core_adapter *a, struct afo_step *s);

unsigned long afo_core_reverify_due(const struct afo_core_adapter *a,
				    const struct afo_core_params *p);
bool afo_core_reverify_wanted(const struct afo_core_adapter *a);

/*
 * Whether no pnet has two members with carrier that hear frames: a
 * liveness round would have nobody to compare, so none runs.
 */
static inline bool afo_core_live_idle(const struct afo_core *c)
{
	return !c->live_members;
}

/* Whether liveness frames flow between @a and its pnet, as evidence. */
static inline bool afo_live_evidence(const struct afo_core_adapter *a)
{
	return (a->hears || a->heard_by) && !a->young;
}

/*
 * Whether @a may answer once past any reclaim delay: carrier, and no
 * liveness evidence against its path.
 */
static inline bool afo_core_usable(const struct afo_core_adapter *a)
{
	return a->carrier && a->judged == AFO_JUDGED_OK;
}

/**
 * struct afo_train - the announcements of one address (or of the VIPAs
 *                    of one holder): what is left and the rate limit
 * @left:   announcements still to send
 * @next:   when the next is due
 * @last:   when the bucket was last refilled
 * @credit: announcements it may send now (the rate limit's bucket)
 * @primed: @last and @credit are set; a train never used has a full bucket
 */
struct afo_train {
	unsigned int left;
	unsigned long next;
	unsigned long last;
	unsigned int credit;
	bool primed;
};

bool afo_train_start(struct afo_train *t, const struct afo_step *s);
bool afo_train_may_send(struct afo_train *t, const struct afo_step *s);
bool afo_train_due(const struct afo_train *t, unsigned long now);
bool afo_train_sent(struct afo_train *t, const struct afo_step *s);
void afo_train_defer(struct afo_train *t, const struct afo_step *s);
void afo_train_stop(struct afo_train *t);

#endif /* _ARP_FAILOVER_CORE_H */
