// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision core: who answers ARP for each adapter's addresses, which
 * adapter holds the VIPA duty of each pnet, and when an adapter is
 * healthy. Pure: called by the glue under RTNL, or by KUnit.
 */
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/typecheck.h>

#include "core.h"

/**
 * afo_step_init - open a decision
 * @s:   the step
 * @now: the time of the event
 * @p:   the parameters, in the core's units
 */
void afo_step_init(struct afo_step *s, unsigned long now,
		   const struct afo_core_params *p)
{
	s->now = now;
	s->p = p;
	INIT_LIST_HEAD(&s->changed);
	s->next_set = false;
}

/**
 * afo_step_deadline - the core has something to do at @when
 * @s:    the step
 * @when: the time; the step keeps the earliest
 */
void afo_step_deadline(struct afo_step *s, unsigned long when)
{
	if (!s->next_set || time_before(when, s->next))
		s->next = when;
	s->next_set = true;
}

/**
 * afo_step_pop - the next adapter with actions to apply
 * @s: the step
 *
 * The caller applies afo_core_adapter.todo and clears it before it asks
 * the core anything else about the adapter.
 *
 * Return: the adapter, or NULL when the step has no more.
 */
struct afo_core_adapter *afo_step_pop(struct afo_step *s)
{
	struct afo_core_adapter *a;

	a = list_first_entry_or_null(&s->changed, struct afo_core_adapter,
				     step_node);
	if (a)
		list_del_init(&a->step_node);
	return a;
}

/**
 * afo_step_mark - record an action for the glue
 * @s:      the step
 * @a:      the adapter it concerns
 * @bit:    the action (enum afo_action)
 * @toggle: the action reports a flag that flipped: flipping back within
 *          the step cancels it, so that a report never says "from x to x"
 */
void afo_step_mark(struct afo_step *s, struct afo_core_adapter *a,
		   unsigned int bit, bool toggle)
{
	if (list_empty(&a->step_node))
		list_add_tail(&a->step_node, &s->changed);
	a->todo = toggle ? a->todo ^ bit : a->todo | bit;
}

static void afo_set_healthy(struct afo_step *s, struct afo_core_adapter *a,
			    bool healthy)
{
	if (a->healthy == healthy)
		return;
	a->healthy = healthy;
	afo_step_mark(s, a, AFO_DO_HEALTHY, true);
}

static void afo_set_responder(struct afo_step *s, struct afo_core_adapter *a,
			      int responder)
{
	if (a->responder == responder)
		return;
	if (!(a->todo & AFO_DO_RESPONDER))
		a->old_responder = a->responder;
	WRITE_ONCE(a->responder, responder);	/* the hooks read it */
	afo_step_mark(s, a, AFO_DO_RESPONDER, false);
	if (a->responder == a->old_responder)
		a->todo &= ~AFO_DO_RESPONDER;
}

static void afo_set_vipa_duty(struct afo_step *s, struct afo_core_adapter *a,
			      bool duty)
{
	if (a->vipa_duty == duty)
		return;
	WRITE_ONCE(a->vipa_duty, duty);		/* the hooks read it */
	afo_step_mark(s, a, AFO_DO_VIPA_DUTY, true);
}

/**
 * afo_better_backup - order two candidates for backup duty
 * @a: candidate
 * @b: the best candidate so far
 *
 * Higher priority wins; among equals the lower ifindex wins, because it
 * is stable for the adapter's lifetime and the same on every evaluation,
 * so the choice never flips between two equal siblings.
 *
 * Return: true if @a should be preferred over @b.
 */
bool afo_better_backup(const struct afo_core_adapter *a,
		       const struct afo_core_adapter *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority;
	return a->ifindex < b->ifindex;
}

/*
 * The best candidate for the VIPA duty: healthy first, then one whose
 * path nothing speaks against (in its reclaim delay), then any with
 * carrier.
 */
static bool afo_better_holder(const struct afo_core_adapter *a,
			      const struct afo_core_adapter *b)
{
	if (a->healthy != b->healthy)
		return a->healthy;
	if (!a->judged != !b->judged)
		return !a->judged;
	return afo_better_backup(a, b);
}

/**
 * struct afo_pnet_view - one pass over the members of a pnet
 * @best:   its best healthy member (the backup), or NULL
 * @holder: the member holding the VIPA duty now (the best of several)
 * @cand:   its best member with carrier for the duty, or NULL
 */
struct afo_pnet_view {
	struct afo_core_adapter *best;
	struct afo_core_adapter *holder;
	struct afo_core_adapter *cand;
};

static void afo_pnet_look(const struct afo_core *c, u32 pnet,
			  struct afo_pnet_view *v)
{
	struct afo_core_adapter *a;

	v->best = NULL;
	v->holder = NULL;
	v->cand = NULL;
	list_for_each_entry(a, &c->adapters, node) {
		if (a->pnet != pnet)
			continue;
		if (a->healthy && (!v->best || afo_better_backup(a, v->best)))
			v->best = a;
		if (a->vipa_duty &&
		    (!v->holder || afo_better_backup(a, v->holder)))
			v->holder = a;
		if (a->carrier && (!v->cand || afo_better_holder(a, v->cand)))
			v->cand = a;
	}
}

/*
 * The responder of @a's addresses: @a while healthy, else the best
 * healthy sibling of its pnet. Never fail closed: an owner with carrier
 * that is still in its reclaim delay answers for itself when no healthy
 * sibling can, as the kernel would without us; the delay only keeps it
 * from taking its addresses back from a sibling too early. None (0): the
 * glue leaves the addresses to the kernel's own ARP.
 */
static int afo_responder_rule(const struct afo_core_adapter *a,
			      const struct afo_pnet_view *v)
{
	if (a->healthy)
		return a->ifindex;
	if (v->best)
		return v->best->ifindex;
	return a->carrier ? a->ifindex : 0;
}

/*
 * The VIPA duty of a pnet stays with its holder while that is healthy: a
 * VIPA belongs to no adapter, so moving it back when a better adapter
 * returns would only cost peers another update. Otherwise the best
 * healthy member takes it, or, never failing closed, the best one with
 * carrier (in its reclaim delay). No member with carrier: no holder.
 */
static const struct afo_core_adapter *
afo_holder_rule(const struct afo_pnet_view *v)
{
	if (v->holder && v->holder->healthy)
		return v->holder;
	return v->cand;
}

/* Whether @a can take part in liveness rounds: carrier, hears frames. */
static bool afo_live_can(const struct afo_core_adapter *a)
{
	return a->carrier && !a->deaf;
}

/*
 * Count again which members of @pnet take part in liveness rounds (two
 * or more that can). Every change of a carrier or of a pnet's members
 * ends with its pnets settled, so that counting here keeps
 * afo_core.live_members right with two passes over the adapters per
 * settled pnet, never one over every pnet. An adapter that left @pnet is
 * counted again with its new one; one removed is taken off the count by
 * afo_core_remove() and afo_core_forget().
 */
static void afo_live_count(struct afo_core *c, u32 pnet)
{
	struct afo_core_adapter *a;
	unsigned int n = 0;
	bool on;

	list_for_each_entry(a, &c->adapters, node)
		n += a->pnet == pnet && afo_live_can(a);
	list_for_each_entry(a, &c->adapters, node) {
		if (a->pnet != pnet)
			continue;
		on = n >= 2 && afo_live_can(a);
		c->live_members += (int)on - (int)a->live_member;
		WRITE_ONCE(a->live_member, on);
	}
}

/* @a is no longer managed: it takes part in no round. */
static void afo_live_uncount(struct afo_core *c, struct afo_core_adapter *a)
{
	if (a->live_member)
		c->live_members--;
	WRITE_ONCE(a->live_member, false);
}

/*
 * Apply both rules to every member of @pnet: one pass to look, one to
 * decide. Losers of the duty are marked before its winner, so that the
 * reports show the duty leave, then arrive. Then count its members in
 * liveness rounds again.
 */
void afo_settle(struct afo_core *c, u32 pnet, struct afo_step *s)
{
	const struct afo_core_adapter *holder;
	struct afo_pnet_view v;
	struct afo_core_adapter *a;

	afo_pnet_look(c, pnet, &v);
	holder = afo_holder_rule(&v);
	list_for_each_entry(a, &c->adapters, node) {
		if (a->pnet != pnet)
			continue;
		afo_set_responder(s, a, afo_responder_rule(a, &v));
		if (a != holder)
			afo_set_vipa_duty(s, a, false);
	}
	if (holder)
		afo_set_vipa_duty(s, (struct afo_core_adapter *)holder, true);
	afo_live_count(c, pnet);
}

/**
 * afo_core_settle_all - apply the answering rules to every pnet
 * @c: the namespace
 * @s: the step
 *
 * After pnets merged or split, or a parameter changed. One pass per pnet.
 */
void afo_core_settle_all(struct afo_core *c, struct afo_step *s)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &c->adapters, node)
		if (afo_pnet_first(c, a))
			afo_settle(c, a->pnet, s);
}

/**
 * afo_core_init - a namespace without adapters
 * @c: its core state
 */
void afo_core_init(struct afo_core *c)
{
	INIT_LIST_HEAD(&c->adapters);
	c->next_pnet = 1;
	c->carriers = 0;
	c->live_members = 0;
}

/**
 * afo_core_add - start managing an adapter, without carrier yet
 * @c:        the namespace
 * @a:        the adapter's core state, zeroed by the caller
 * @ifindex:  its interface index
 * @priority: its backup preference
 * @deaf:     an offload adapter: it never hears probes
 *
 * It sits alone on a fresh pnet until a probe says otherwise; the caller
 * then reports its carrier (afo_core_carrier()).
 */
void afo_core_add(struct afo_core *c, struct afo_core_adapter *a, int ifindex,
		  u32 priority, bool deaf)
{
	a->ifindex = ifindex;
	a->priority = priority;
	a->deaf = deaf;
	INIT_LIST_HEAD(&a->step_node);
	a->pnet = afo_pnet_new(c);
	list_add_tail(&a->node, &c->adapters);
}

/**
 * afo_core_remove - stop managing an adapter
 * @c: the namespace
 * @a: the adapter; the caller frees it after applying @s
 * @s: the step: its siblings answer for what it answered for
 */
void afo_core_remove(struct afo_core *c, struct afo_core_adapter *a,
		     struct afo_step *s)
{
	list_del(&a->node);
	list_del_init(&a->step_node);
	a->todo = 0;
	if (a->carrier)
		c->carriers--;
	afo_live_uncount(c, a);
	afo_settle(c, a->pnet, s);
}

/**
 * afo_core_forget - drop an adapter without deciding anything
 * @c: the namespace, being torn down
 * @a: the adapter
 */
void afo_core_forget(struct afo_core *c, struct afo_core_adapter *a)
{
	list_del(&a->node);
	list_del_init(&a->step_node);
	if (a->carrier)
		c->carriers--;
	afo_live_uncount(c, a);
}

/**
 * afo_usable_update - whether @a may answer changed with a fact
 * @a:    the adapter
 * @was:  afo_core_usable() before the fact changed
 * @base: the reclaim delay before damping
 * @s:    the step; the caller settles @a's pnet
 *
 * A reclaim delay runs only where there is something to reclaim: a
 * sibling answers for the adapter now. An adapter nobody answered for
 * (alone, or newly managed) answers at once, as without the module. The
 * delay is damped when the adapter flaps (afo_flap_regain()), whether
 * its carrier or its path (the liveness judgement) came and went.
 */
void afo_usable_update(struct afo_core_adapter *a, bool was,
		       unsigned long base, struct afo_step *s)
{
	unsigned long delay = 0;

	if (afo_core_usable(a) == was)
		return;
	a->usable_at = 0;
	if (was) {
		afo_set_healthy(s, a, false);
		return;
	}
	if (a->responder && a->responder != a->ifindex)
		delay = afo_flap_regain(&a->flaps, s->now, base);
	if (delay) {
		a->usable_at = (s->now + delay) | 1;	/* 0 means "none" */
		afo_step_deadline(s, a->usable_at);
	} else {
		afo_set_healthy(s, a, true);
	}
}

/**
 * afo_core_carrier - an adapter gained or lost carrier
 * @c:       the namespace
 * @a:       the adapter
 * @carrier: whether it can send and hear now
 * @s:       the step
 *
 * Carrier is the first judge of a path: losing it ends any liveness
 * judgement, and regaining it starts with none. Carrier back means the
 * adapter may have moved: it probes.
 */
void afo_core_carrier(struct afo_core *c, struct afo_core_adapter *a,
		      bool carrier, struct afo_step *s)
{
	bool was = afo_core_usable(a);

	if (a->carrier == carrier)
		return;
	a->carrier = carrier;
	a->judged = AFO_JUDGED_OK;
	a->hears = false;	/* liveness facts start again */
	a->heard_by = false;
	a->young = true;
	a->repairs = 0;
	c->carriers += carrier ? 1 : -1;
	afo_step_mark(s, a, AFO_DO_CARRIER, true);
	if (!carrier)
		WRITE_ONCE(a->probing, false);	/* the hooks read it */
	afo_usable_update(a, was, s->p->reclaim_delay, s);
	if (carrier) {
		struct afo_core_adapter *b;

		/* The first sibling with carrier: lone ones probe too. */
		if (c->carriers == 2)
			list_for_each_entry(b, &c->adapters, node)
				if (b != a && b->probe_skipped && b->carrier)
					afo_core_probe_start(c, b, s);
		afo_core_probe_start(c, a, s);
	}
	afo_settle(c, a->pnet, s);
}

/**
 * afo_core_priority - the administrator changed an adapter's priority
 * @c:        the namespace
 * @a:        the adapter
 * @priority: the new priority
 * @s:        the step
 */
void afo_core_priority(struct afo_core *c, struct afo_core_adapter *a,
		       u32 priority, struct afo_step *s)
{
	if (a->priority == priority)
		return;
	a->priority = priority;
	afo_settle(c, a->pnet, s);
}

/*
 * The reclaim delay of @a ran out: it may answer again. Return: true
 * when its pnet must be settled again.
 */
static bool afo_tick_delay(struct afo_core_adapter *a, struct afo_step *s)
{
	if (!a->usable_at)
		return false;
	if (time_before(s->now, a->usable_at)) {
		afo_step_deadline(s, a->usable_at);
		return false;
	}
	a->usable_at = 0;
	afo_set_healthy(s, a, afo_core_usable(a));
	return true;
}

/**
 * afo_core_tick - decide what is due at @s->now
 * @c: the namespace
 * @s: the step; its deadline is the earliest one left
 *
 * Reclaim delays that ran out, re-verifications that are due (of the
 * adapters that want one: afo_core_reverify_wanted()). The glue
 * decides due probes first (afo_core_probe_due(), afo_core_probe_done()),
 * because their outcome needs facts only it can gather.
 */
void afo_core_tick(struct afo_core *c, struct afo_step *s)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &c->adapters, node) {
		if (afo_tick_delay(a, s))
			afo_settle(c, a->pnet, s);
		if (!a->probing && a->carrier && a->last_verified &&
		    s->p->reverify && afo_core_reverify_wanted(a)) {
			unsigned long due = afo_core_reverify_due(a, s->p);

			if (time_after_eq(s->now, due))
				afo_core_reverify(c, a, s);
			else
				afo_step_deadline(s, due);
		}
		if (a->probing)
			afo_step_deadline(s, a->probe_deadline);
	}
}
