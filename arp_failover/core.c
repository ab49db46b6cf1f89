// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision core: which adapter answers ARP for an address, and which
 * adapters share a physical network.
 */
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/typecheck.h>

#include "core.h"

static bool afo_pnet_in_use(const struct afo_pnets *pnets, u32 pnet)
{
	const struct afo_core_adapter *a;

	if (!pnets->adapters)
		return false;
	list_for_each_entry(a, pnets->adapters, node)
		if (a->pnet == pnet)
			return true;
	return false;
}

/**
 * afo_pnet_new - hand out a fresh physical network identifier
 * @pnets: the namespace's allocator
 *
 * Identifiers count up; once they wrap, those still held are skipped.
 * There are fewer adapters than identifiers, so one is always free.
 *
 * Return: an identifier no adapter holds, never %AFO_PNET_NONE.
 */
u32 afo_pnet_new(struct afo_pnets *pnets)
{
	u32 id;

	do {
		if (pnets->next == AFO_PNET_NONE)
			pnets->next++;
		id = pnets->next++;
	} while (afo_pnet_in_use(pnets, id));
	return id;
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

/**
 * afo_choose_responder - pick the adapter that answers for @owner's addresses
 * @owner:    the adapter that holds the addresses
 * @adapters: every managed adapter of the namespace, @owner included
 *
 * The owner answers while it is healthy. Otherwise the best healthy
 * sibling on the owner's physical network takes over. An owner whose
 * network is not yet known has no siblings.
 *
 * Never fail closed: an owner that has carrier but is still in its
 * reclaim delay answers for itself when no healthy sibling can, as the
 * kernel would without us; the delay only keeps it from taking its
 * addresses back from a sibling too early.
 *
 * Return: the responder, or NULL when no adapter can answer (the glue
 * then leaves the address to the kernel's own ARP).
 */
const struct afo_core_adapter *afo_choose_responder(const struct afo_core_adapter *owner,
					       const struct list_head *adapters)
{
	const struct afo_core_adapter *best = NULL, *cand;

	if (owner->healthy)
		return owner;
	if (owner->pnet != AFO_PNET_NONE) {
		list_for_each_entry(cand, adapters, node) {
			if (cand == owner || !cand->healthy ||
			    cand->pnet != owner->pnet)
				continue;
			if (!best || afo_better_backup(cand, best))
				best = cand;
		}
	}
	if (!best && owner->carrier)
		return owner;
	return best;
}

/**
 * afo_choose_vipa_holder - pick the adapter answering for the VIPAs of a pnet
 * @holder:   the adapter holding the duty now, or NULL
 * @pnet:     the physical network
 * @adapters: every managed adapter of the namespace
 *
 * The duty stays where it is while its holder is healthy and on @pnet: a
 * VIPA belongs to no adapter, so moving it back when a better adapter
 * returns would only cost peers another update. Otherwise the best healthy
 * adapter of @pnet (afo_better_backup()) takes it.
 *
 * Never fail closed: when no adapter of @pnet is healthy, the best one
 * with carrier (in its reclaim delay) holds the duty rather than none.
 *
 * Return: the holder, or NULL when no adapter of @pnet has carrier.
 */
const struct afo_core_adapter *afo_choose_vipa_holder(const struct afo_core_adapter *holder,
						 u32 pnet,
						 const struct list_head *adapters)
{
	const struct afo_core_adapter *best = NULL, *cand;

	if (holder && holder->healthy && holder->pnet == pnet)
		return holder;
	list_for_each_entry(cand, adapters, node) {
		if (!cand->carrier || cand->pnet != pnet)
			continue;
		if (!best || cand->healthy > best->healthy ||
		    (cand->healthy == best->healthy &&
		     afo_better_backup(cand, best)))
			best = cand;
	}
	return best;
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
			  struct afo_pnets *pnets)
{
	unsigned int i;

	for (i = 0; i < map->n; i++)
		if (map->from[i] == old)
			return map->to[i];
	if (map->n == AFO_MAX_INVOLVED)
		return afo_pnet_new(pnets);
	map->from[map->n] = old;
	map->to[map->n] = afo_pnet_new(pnets);
	return map->to[map->n++];
}

/* The prober was heard nowhere: it is alone on a network of its own. */
static void afo_pnet_alone(struct list_head *adapters,
			   struct afo_core_adapter *prober, struct afo_pnets *pnets)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, adapters, node) {
		if (a != prober && a->carrier && !a->deaf && a->pnet == prober->pnet) {
			prober->pnet = afo_pnet_new(pnets);
			return;
		}
	}
	if (prober->pnet == AFO_PNET_NONE)
		prober->pnet = afo_pnet_new(pnets);
}

/**
 * afo_pnet_probe_done - apply the outcome of one discovery probe
 * @adapters: every managed adapter of the namespace
 * @prober:   the adapter whose probe just timed out
 * @pnets:    the namespace's pnet identifier allocator
 *
 * Before the call, the glue sets @heard on every adapter that heard the
 * probe. Afterwards the prober and every adapter that heard it share one
 * pnet (the lowest identifier among the hearers', so that merges are
 * stable). Members of the pnets involved that have carrier but did not
 * hear it are not on the prober's network any more: they stay siblings
 * of each other under a fresh identifier per old pnet. Adapters without
 * carrier, and deaf ones (offload adapters, whose ARP never reaches the
 * host), cannot hear anything: they follow the merge as the best guess
 * and never count as evidence that the prober moved. The @heard flags
 * are cleared.
 */
void afo_pnet_probe_done(struct list_head *adapters,
			 struct afo_core_adapter *prober, struct afo_pnets *pnets)
{
	struct afo_pnet_set involved = { .n = 0 };
	struct afo_pnet_map splits = { .n = 0 };
	u32 target = AFO_PNET_NONE;
	struct afo_core_adapter *a;

	prober->heard = false;
	afo_pnet_set_add(&involved, prober->pnet);
	list_for_each_entry(a, adapters, node) {
		if (!a->heard)
			continue;
		afo_pnet_set_add(&involved, a->pnet);
		if (target == AFO_PNET_NONE || a->pnet < target)
			target = a->pnet;
	}

	if (target == AFO_PNET_NONE) {
		afo_pnet_alone(adapters, prober, pnets);
		return;
	}

	list_for_each_entry(a, adapters, node) {
		if (a == prober || !afo_pnet_set_has(&involved, a->pnet))
			continue;
		if (a->heard || !a->carrier || a->deaf)
			a->pnet = target;
		else
			a->pnet = afo_pnet_split(&splits, a->pnet, pnets);
	}
	prober->pnet = target;
	list_for_each_entry(a, adapters, node)
		a->heard = false;
}

/**
 * afo_flap_regain - carrier came back: the reclaim delay to wait now
 * @f:    the adapter's flap history, updated
 * @now:  the time of the regain (jiffies, or any unit that wraps alike)
 * @base: the configured reclaim delay, in the same unit
 *
 * A regain within ten (damped) delays of the previous one is a flap, and
 * each flap in a row doubles the delay (afo_damped_delay()); a regain
 * after a quiet period starts over at @base.
 *
 * Return: the delay before the adapter may answer again.
 */
unsigned long afo_flap_regain(struct afo_flaps *f, unsigned long now,
			      unsigned long base)
{
	if (!base)
		return 0;
	if (f->last_regain &&
	    time_before(now, f->last_regain + 10 * afo_damped_delay(base, f->flaps)))
		f->flaps = min_t(unsigned int, f->flaps + 1, AFO_MAX_DAMPING_SHIFT);
	else
		f->flaps = 0;
	f->last_regain = now | 1;	/* 0 means "never" */
	return afo_damped_delay(base, f->flaps);
}

/**
 * afo_damped_delay - reclaim delay of an adapter that keeps flapping
 * @base:  the configured reclaim delay (any unit)
 * @flaps: carrier regains in a row, each soon after the previous one
 *
 * Each flap doubles the delay, so that a flapping adapter stops pulling
 * its addresses back and forth; the doubling stops at 64 times @base.
 *
 * Return: the delay to wait before the adapter answers again.
 */
unsigned long afo_damped_delay(unsigned long base, unsigned int flaps)
{
	return base << min_t(unsigned int, flaps, AFO_MAX_DAMPING_SHIFT);
}
