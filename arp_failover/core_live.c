// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision core, liveness: whether an adapter with carrier still has
 * a working path. Pure: called by the glue under RTNL, or by KUnit.
 *
 * The siblings of a pnet send each other liveness frames every round
 * (liveness.c). Per adapter the glue turns them into two facts, "hears a
 * sibling" and "is heard by a sibling" within the last rounds, and a
 * third from the ARP probes of its target (its gateway): up, down, or
 * none. The rule, per member of a pnet of two or more:
 *
 *   hears or is heard                         -> ok
 *   neither, but its target answers           -> ok (the segment split;
 *                                                its side reaches out)
 *   neither, and some sibling hears or is
 *   heard                                     -> silent
 *   neither, nobody hears anybody, its target
 *   is down and a sibling's is up             -> target lost
 *   otherwise                                 -> ok (nothing decides:
 *                                                never move on a guess)
 *
 * A judgement holds until the adapter's own path shows again (it is
 * heard, hears, or reaches its target) for %AFO_LIVE_REPAIR_ROUNDS rounds
 * in a row: one frame that gets through a failing optic repairs nothing.
 *
 * A silent or target-lost adapter no longer answers, exactly as without
 * carrier; repaired, it reclaims after the reclaim delay, at least
 * %AFO_LIVE_RECLAIM_ROUNDS rounds, damped as a carrier flap.
 */
#include <linux/minmax.h>
#include <linux/sort.h>

#include "core.h"

static int afo_live_cmp(const void *x, const void *y)
{
	const struct afo_core_adapter *a =
		*(const struct afo_core_adapter * const *)x;
	const struct afo_core_adapter *b =
		*(const struct afo_core_adapter * const *)y;

	if (a->pnet != b->pnet)
		return a->pnet < b->pnet ? -1 : 1;
	return a->ifindex - b->ifindex;
}

/**
 * afo_live_sort - order adapters by pnet, then ifindex
 * @v: the adapters taking part in liveness
 * @n: how many
 *
 * Each pnet's members are then consecutive, in an order that is the same
 * every round: the glue's ring of liveness frames, and afo_core_liveness().
 */
void afo_live_sort(struct afo_core_adapter **v, unsigned int n)
{
	sort(v, n, sizeof(*v), afo_live_cmp, NULL);
}

/**
 * afo_live_judge - the liveness rule for one member of a pnet
 * @a:    the member, with carrier, on a pnet of two or more
 * @n_ok: members of the pnet that hear a sibling or are heard by one
 * @n_up: members of the pnet whose target answers
 *
 * Return: the judgement of @a's path.
 */
enum afo_judged afo_live_judge(const struct afo_core_adapter *a,
			       unsigned int n_ok, unsigned int n_up)
{
	bool own = a->hears || a->heard_by || a->target == AFO_TARGET_UP;

	/*
	 * Only evidence of its own path clears a judgement, and only when
	 * it keeps coming: a sibling's evidence that flickers (its target's
	 * answers lost to a lossy link) must not hand the addresses back to
	 * a dead path, nor must a frame that got through a failing one.
	 */
	if (a->judged)
		return own && a->repairs >= AFO_LIVE_REPAIR_ROUNDS ?
		       AFO_JUDGED_OK : a->judged;
	if (own)
		return AFO_JUDGED_OK;
	/*
	 * A probe of its, begun without liveness evidence, is out (carrier
	 * came back, a cable may have moved): discovery says first where it
	 * is; alone elsewhere, it answers. A re-verification begun while
	 * frames flowed waits for nothing: in the meantime its siblings'
	 * unheard probes would split it off.
	 */
	if (a->probing && !a->probe_live)
		return AFO_JUDGED_OK;
	/* @a counts in neither number now: these are its siblings. */
	if (n_ok)
		return AFO_JUDGED_SILENT;
	if (a->target == AFO_TARGET_DOWN && n_up)
		return AFO_JUDGED_TARGET;
	return AFO_JUDGED_OK;
}

/*
 * Record a judgement; return: whether @a may answer changed. A path that
 * works again waits at least judged_reclaim before it takes its addresses
 * back, so that flap damping has a delay to double.
 */
static bool afo_set_judged(struct afo_core_adapter *a, enum afo_judged judged,
			   struct afo_step *s)
{
	unsigned long base = max(s->p->reclaim_delay, s->p->judged_reclaim);
	bool was = afo_core_usable(a);

	if (a->judged == judged)
		return false;
	if (!(a->todo & AFO_DO_JUDGED))
		a->old_judged = a->judged;
	a->judged = judged;
	afo_step_mark(s, a, AFO_DO_JUDGED, false);
	if (a->judged == a->old_judged)
		a->todo &= ~AFO_DO_JUDGED;
	afo_usable_update(a, was, base, s);
	return afo_core_usable(a) != was;
}

/*
 * Count the rounds in a row with evidence of @a's own path, and note
 * what it showed since its pnet was last verified (core_pnet.c).
 */
static void afo_live_note(struct afo_core_adapter *a)
{
	if (!a->fresh)
		a->repairs = 0;
	else if (a->repairs < AFO_LIVE_REPAIR_ROUNDS)
		a->repairs++;
	a->pnet_seen |= afo_live_evidence(a);
	a->wire_seen |= a->wire;
	a->up_seen |= a->target == AFO_TARGET_UP;
	a->down_seen |= a->target == AFO_TARGET_DOWN;
}

/**
 * afo_core_liveness - judge every path after a round of liveness frames
 * @c: the namespace
 * @v: every adapter with carrier that hears frames (not deaf), with its
 *     facts (hears, heard_by, young, target, fresh, wire) set, sorted
 *     by afo_live_sort()
 * @n: how many
 * @s: the step
 *
 * One pass over each pnet's members to count, one to judge; a pnet where
 * someone's right to answer changed is settled again.
 */
void afo_core_liveness(struct afo_core *c, struct afo_core_adapter **v,
		       unsigned int n, struct afo_step *s)
{
	unsigned int i, j, k, n_ok, n_up;
	bool changed;

	for (i = 0; i < n; i = j) {
		n_ok = 0;
		n_up = 0;
		for (j = i; j < n && v[j]->pnet == v[i]->pnet; j++) {
			afo_live_note(v[j]);
			n_ok += v[j]->hears || v[j]->heard_by;
			n_up += v[j]->target == AFO_TARGET_UP;
		}
		changed = false;
		for (k = i; k < j; k++) {
			enum afo_judged judged = j - i < 2 ? AFO_JUDGED_OK :
				    afo_live_judge(v[k], n_ok, n_up);

			changed |= afo_set_judged(v[k], judged, s);
		}
		if (changed)
			afo_settle(c, v[i]->pnet, s);
	}
}

/**
 * afo_live_unjudge - @a left its pnet: it has no siblings to compare with
 * @a: the adapter
 * @s: the step; the caller settles @a's pnets, old and new
 *
 * Whatever it was judged on its old pnet is void on its new one, as on a
 * carrier regain: it answers for its addresses there at once.
 */
void afo_live_unjudge(struct afo_core_adapter *a, struct afo_step *s)
{
	a->repairs = 0;
	afo_set_judged(a, AFO_JUDGED_OK, s);
}

/**
 * afo_core_liveness_off - liveness was turned off: no path is judged
 * @c: the namespace
 * @s: the step
 */
void afo_core_liveness_off(struct afo_core *c, struct afo_step *s)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &c->adapters, node) {
		a->hears = false;	/* no evidence for discovery either */
		a->heard_by = false;
		a->fresh = false;
		a->wire = false;
		a->repairs = 0;
		if (afo_set_judged(a, AFO_JUDGED_OK, s))
			afo_settle(c, a->pnet, s);
	}
}
