// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision core, discovery: when an adapter probes, and which
 * adapters share a physical network ("pnet") once a probe is decided.
 * Pure: called by the glue under RTNL, or by KUnit.
 */
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/typecheck.h>

#include "core.h"

static bool afo_pnet_in_use(const struct afo_core *c, u32 pnet)
{
	const struct afo_core_adapter *a;

	list_for_each_entry(a, &c->adapters, node)
		if (a->pnet == pnet)
			return true;
	return false;
}

/**
 * afo_pnet_new - hand out a fresh physical network identifier
 * @c: the namespace
 *
 * Identifiers count up; once they wrap, those still held are skipped.
 * There are fewer adapters than identifiers, so one is always free.
 *
 * Return: an identifier no adapter holds, never %AFO_PNET_NONE.
 */
u32 afo_pnet_new(struct afo_core *c)
{
	u32 id;

	do {
		if (c->next_pnet == AFO_PNET_NONE)
			c->next_pnet++;
		id = c->next_pnet++;
	} while (afo_pnet_in_use(c, id));
	return id;
}

/**
 * afo_pnet_size - how many adapters sit on @pnet
 * @c:    the namespace
 * @pnet: the pnet
 *
 * Return: the number of adapters whose pnet is @pnet.
 */
unsigned int afo_pnet_size(const struct afo_core *c, u32 pnet)
{
	const struct afo_core_adapter *a;
	unsigned int n = 0;

	list_for_each_entry(a, &c->adapters, node)
		n += a->pnet == pnet;
	return n;
}

/**
 * afo_core_reverify_due - when @a's pnet is to be verified again
 * @a: the adapter, verified before
 * @p: the parameters
 *
 * The interval less up to a quarter of it, by @a's spread: adapters
 * managed in the same instant (one insmod for a thousand namespaces, a
 * host's boot) would otherwise probe, and take RTNL, in one burst every
 * interval, forever.
 *
 * Return: the deadline, in jiffies.
 */
unsigned long afo_core_reverify_due(const struct afo_core_adapter *a,
				    const struct afo_core_params *p)
{
	u64 early = (u64)(p->reverify / 4) * a->spread;

	return a->last_verified + p->reverify - (unsigned long)(early >> 16);
}

/**
 * afo_core_reverify_wanted - whether @a is to verify its pnet again
 * @a: the adapter
 *
 * A member of a pnet of two that take part in liveness rounds, and an
 * offload adapter (it hears no probe, so only its own keep its pnet
 * right), verify at every interval: an unheard probe may split them. An
 * adapter alone on its pnet learns nothing from an unheard probe; only a
 * heard one changes anything, and it can be heard only where ARP of a
 * sibling reaches it too (@sibling_seen, which the hooks set). So a host
 * or container with adapters on separate LANs probes, and takes RTNL,
 * only when one of them starts hearing another's segment: nothing while
 * they stay apart. One that @strayed from a pnet keeps verifying: probes
 * lost to a slow or congested path split it as well as a moved cable
 * does, and siblings split into pnets of one each might not hear each
 * other's ARP for a long time. The hooks read this too (under RCU), and
 * raise @sibling_seen only while it is false.
 *
 * Return: true if @a re-verifies when afo_core_reverify_due() comes.
 */
bool afo_core_reverify_wanted(const struct afo_core_adapter *a)
{
	return READ_ONCE(a->live_member) || a->deaf ||
	       READ_ONCE(a->strayed) || READ_ONCE(a->sibling_seen);
}

/*
 * @a's pnet was verified now: verify it again after the interval, if it
 * wants to, and gather the evidence of afo_core_elsewhere() and
 * afo_core_reverify_wanted() afresh until then.
 */
static void afo_verified(struct afo_core_adapter *a, struct afo_step *s)
{
	a->last_verified = s->now | 1;	/* 0 means "never" */
	a->pnet_seen = false;
	a->wire_seen = false;
	a->up_seen = false;
	a->down_seen = false;
	WRITE_ONCE(a->sibling_seen, false);
	if (s->p->reverify && afo_core_reverify_wanted(a))
		afo_step_deadline(s, afo_core_reverify_due(a, s->p));
}

/**
 * afo_pnet_first - whether @a comes first on its pnet in the list
 * @c: the namespace
 * @a: one of its adapters
 *
 * Visits each pnet once when iterating over the adapters.
 *
 * Return: true if no adapter before @a in the list is on @a's pnet.
 */
bool afo_pnet_first(const struct afo_core *c, const struct afo_core_adapter *a)
{
	const struct afo_core_adapter *b;

	list_for_each_entry(b, &c->adapters, node) {
		if (b == a)
			return true;
		if (b->pnet == a->pnet)
			return false;
	}
	return true;
}

/*
 * One probe of a verification. A lone adapter (no other has carrier)
 * stays quiet, so that a thousand single-adapter containers on one
 * bridge send nothing; it probes when a sibling appears
 * (afo_core_carrier()), whose own probe reaches it anyway.
 */
static void afo_probe_send(struct afo_core *c, struct afo_core_adapter *a,
			   struct afo_step *s)
{
	if (!a->carrier)
		return;
	if (c->carriers <= 1) {
		a->probe_skipped = true;
		afo_verified(a, s);	/* look again later */
		return;
	}
	a->probe_skipped = false;
	WRITE_ONCE(a->probing, true);	/* the hooks read it */
	a->probe_deadline = s->now + s->p->probe_timeout;
	afo_step_deadline(s, a->probe_deadline);
	afo_step_mark(s, a, AFO_DO_PROBE, false);
}

/* A verification of @a's pnet, with @tries probes while unheard. */
static void afo_probe_begin(struct afo_core *c, struct afo_core_adapter *a,
			    unsigned int tries, struct afo_step *s)
{
	a->probe_tries = tries;
	a->probe_live = afo_live_evidence(a);
	afo_probe_send(c, a, s);
}

/**
 * afo_core_probe_start - verify an adapter's physical network
 * @c: the namespace
 * @a: the adapter
 * @s: the step: %AFO_DO_PROBE asks the glue to send the probe
 */
void afo_core_probe_start(struct afo_core *c, struct afo_core_adapter *a,
			  struct afo_step *s)
{
	afo_probe_begin(c, a, AFO_PROBE_TRIES, s);
}

/*
 * Whether @a has a pnet-mate that could hear its probe: carrier, not
 * deaf, its path not judged (afo_pnet_alone() counts the same ones).
 */
static bool afo_pnet_has_mates(const struct afo_core *c,
			       const struct afo_core_adapter *a)
{
	const struct afo_core_adapter *b;

	list_for_each_entry(b, &c->adapters, node)
		if (b != a && b->carrier && !b->deaf && !b->judged &&
		    b->pnet == a->pnet)
			return true;
	return false;
}

/**
 * afo_core_reverify - the periodic re-verification of @a's pnet
 * @c: the namespace
 * @a: the adapter, its re-verification due (afo_core_reverify_due())
 * @s: the step
 *
 * A probe, as afo_core_probe_start(). Alone on its pnet, though, an
 * unheard probe changes nothing (afo_pnet_alone()), so it is not tried
 * again: an adapter that heard a sibling's ARP sends one probe for it,
 * not %AFO_PROBE_TRIES. A merge that a lost probe missed is found by
 * the other adapter's probe or when ARP of the sibling reaches it again
 * (at most once per interval); a probe at carrier up, when a cable may
 * just have moved, keeps every try.
 */
void afo_core_reverify(struct afo_core *c, struct afo_core_adapter *a,
		       struct afo_step *s)
{
	afo_probe_begin(c, a, afo_pnet_has_mates(c, a) ? AFO_PROBE_TRIES : 1,
			s);
}

/**
 * afo_core_probe_unsent - the glue could not send the probe it was asked to
 * @a: the adapter (no address to probe with, or memory was short)
 *
 * It keeps its pnet; the next event or re-verification tries again.
 */
void afo_core_probe_unsent(struct afo_core_adapter *a)
{
	WRITE_ONCE(a->probing, false);
}

/**
 * afo_core_probe_due - whether the probe of @a is to be decided now
 * @a:   the adapter
 * @now: the time
 *
 * The glue then sets afo_core_adapter.heard on every adapter that heard
 * it and calls afo_core_probe_done().
 *
 * Return: true if @a is probing and its deadline has come at @now.
 */
bool afo_core_probe_due(const struct afo_core_adapter *a, unsigned long now)
{
	return a->probing && time_after_eq(now, a->probe_deadline);
}

/*
 * Whether @a, whose probe nobody heard, sits on another segment than its
 * pnet: since it was last verified no liveness frame flowed between them
 * either way, yet its own path works: its target answers through it, or
 * frames reach it from its segment while its target never went
 * unanswered. An adapter merged by a transient leak, or by a relayed
 * probe, heals so. A blocked port hears nothing at all, a failing one
 * still hears its siblings now and then, and a port put in a wrong VLAN
 * hears that VLAN's frames but not the pnet's gateway: all stay where
 * they are, judged, their addresses answered on their pnet.
 */
static bool afo_elsewhere(const struct afo_core_adapter *a)
{
	return !a->pnet_seen &&
	       (a->up_seen || (a->wire_seen && !a->down_seen));
}

/*
 * The pnets a probe outcome touches: the prober's and every hearer's.
 * Bounded; a namespace with more distinct pnets than this among one
 * probe's hearers merges only the first ones and catches up with the
 * next probe.
 */
#define AFO_MAX_INVOLVED 16

struct afo_pnet_set {
	u32 id[AFO_MAX_INVOLVED];
	unsigned int n;
};

static bool afo_pnet_set_has(const struct afo_pnet_set *set, u32 pnet)
{
	unsigned int i;

	for (i = 0; i < set->n; i++)
		if (set->id[i] == pnet)
			return true;
	return false;
}

static void afo_pnet_set_add(struct afo_pnet_set *set, u32 pnet)
{
	if (!afo_pnet_set_has(set, pnet) && set->n < AFO_MAX_INVOLVED)
		set->id[set->n++] = pnet;
}

/* Old pnet -> fresh pnet for adapters that split off it together. */
struct afo_pnet_map {
	u32 from[AFO_MAX_INVOLVED];
	u32 to[AFO_MAX_INVOLVED];
	unsigned int n;
};

static u32 afo_pnet_split(struct afo_pnet_map *map, u32 old,
			  struct afo_core *c)
{
	unsigned int i;

	for (i = 0; i < map->n; i++)
		if (map->from[i] == old)
			return map->to[i];
	if (map->n == AFO_MAX_INVOLVED)
		return afo_pnet_new(c);
	map->from[map->n] = old;
	map->to[map->n] = afo_pnet_new(c);
	return map->to[map->n++];
}

/*
 * The prober was heard nowhere: it is alone on a network of its own,
 * unless the only siblings that could have heard it are deaf or have a
 * path judged silent: their silence proves nothing.
 */
static void afo_pnet_alone(struct afo_core *c, struct afo_core_adapter *prober)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &c->adapters, node) {
		if (a != prober && a->carrier && !a->deaf && !a->judged &&
		    a->pnet == prober->pnet) {
			prober->pnet = afo_pnet_new(c);
			return;
		}
	}
}

/*
 * Whether member @a of a pnet the probe touched, that did not hear it,
 * leaves the prober's network. Without carrier, deaf (an offload
 * adapter, whose ARP never reaches the host) or with a silent path, it
 * could not hear: it follows the merge as the best guess. When the probe
 * merges nothing (all hearers are the prober's pnet-mates), one frame
 * lost is the likelier story than a split segment: only AFO_SPLIT_MISSES
 * misses in a row split it, and never while liveness frames still flow
 * between it and its pnet. When pnets merge, the prober may have moved:
 * the silent ones split off at once.
 */
static bool afo_pnet_leaves(struct afo_core_adapter *a, bool merging)
{
	if (a->heard || !a->carrier || a->deaf || a->judged)
		return false;
	/* Liveness frames still flow between it and its pnet: lost probes. */
	if (!merging && afo_live_evidence(a))
		return false;
	if (!merging && ++a->misses < AFO_SPLIT_MISSES)
		return false;
	a->misses = 0;
	return true;
}

/*
 * Apply the outcome of one probe to the pnets. The prober and every
 * adapter that heard it share one pnet afterwards: the lowest identifier
 * among the hearers', so that merges are stable. Members of the pnets
 * involved that leave (afo_pnet_leaves()) stay siblings of each other
 * under a fresh identifier per old pnet.
 */
static void afo_pnet_decide(struct afo_core *c, struct afo_core_adapter *prober)
{
	struct afo_pnet_set involved = { .n = 0 };
	struct afo_pnet_map splits = { .n = 0 };
	u32 target = AFO_PNET_NONE;
	struct afo_core_adapter *a;
	bool merging;

	afo_pnet_set_add(&involved, prober->pnet);
	list_for_each_entry(a, &c->adapters, node) {
		if (!a->heard || a == prober)
			continue;
		a->misses = 0;
		afo_pnet_set_add(&involved, a->pnet);
		if (target == AFO_PNET_NONE || a->pnet < target)
			target = a->pnet;
	}
	if (target == AFO_PNET_NONE) {
		afo_pnet_alone(c, prober);
		return;
	}
	merging = involved.n > 1;
	list_for_each_entry(a, &c->adapters, node) {
		if (a == prober || !afo_pnet_set_has(&involved, a->pnet))
			continue;
		if (afo_pnet_leaves(a, merging))
			a->pnet = afo_pnet_split(&splits, a->pnet, c);
		else
			a->pnet = target;
	}
	prober->pnet = target;
}

/**
 * afo_core_probe_done - decide one discovery probe
 * @c:      the namespace
 * @prober: the adapter whose probe timed out
 * @s:      the step
 *
 * Before the call the glue sets @heard on every adapter that heard the
 * probe; the flags are cleared. An unheard probe is retried
 * (%AFO_PROBE_TRIES in all, or as afo_core_reverify() set) before the
 * prober counts as alone. Every
 * adapter whose pnet changed is reported (%AFO_DO_PNET), and every pnet
 * is settled again.
 */
void afo_core_probe_done(struct afo_core *c, struct afo_core_adapter *prober,
			 struct afo_step *s)
{
	struct afo_core_adapter *a;
	bool any = false;
	u32 was;

	WRITE_ONCE(prober->probing, false);
	prober->heard = false;
	list_for_each_entry(a, &c->adapters, node) {
		any |= a->heard;
		if (!(a->todo & AFO_DO_PNET))
			a->old_pnet = a->pnet;
	}
	/*
	 * A silent path hears nothing: that proves no move. It still
	 * probes, so that a cable moved (or a port put in another VLAN)
	 * next to other siblings is found there; unheard, it stays, unless
	 * its own path works elsewhere.
	 */
	if (!any && prober->judged && !afo_elsewhere(prober)) {
		afo_verified(prober, s);
		return;
	}
	if (!any && --prober->probe_tries) {
		afo_probe_send(c, prober, s);
		return;
	}
	/*
	 * Unheard every time, yet its liveness frames are heard: lost. Or
	 * they were when the probe began, and stopped while it was out (it
	 * is not judged meanwhile): a path cut off with carrier, which the
	 * next round judges silent. A move comes with a carrier change,
	 * which makes it young: no evidence.
	 */
	if (!any && (prober->probe_live || afo_live_evidence(prober))) {
		afo_verified(prober, s);
		return;
	}
	was = prober->pnet;
	afo_pnet_decide(c, prober);
	/* On another pnet: what it was judged on the old one is void. */
	if (prober->pnet != was)
		afo_live_unjudge(prober, s);
	afo_verified(prober, s);
	list_for_each_entry(a, &c->adapters, node) {
		a->heard = false;
		if (a->pnet == a->old_pnet) {
			a->todo &= ~AFO_DO_PNET;
			continue;
		}
		WRITE_ONCE(a->strayed, afo_pnet_size(c, a->pnet) == 1);
		afo_step_mark(s, a, AFO_DO_PNET, false);
	}
	afo_core_settle_all(c, s);
}
