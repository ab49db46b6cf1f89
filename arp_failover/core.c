// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision core: which adapter answers ARP for an address.
 */
#include "core.h"

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
bool afo_better_backup(const struct afo_adapter *a,
		       const struct afo_adapter *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority;
	return a->ifindex < b->ifindex;
}

/**
 * afo_choose_responder - pick the adapter that answers for @owner's addresses
 * @owner: the adapter that holds the addresses
 * @all:   every managed adapter of the namespace, @owner included
 * @count: number of entries in @all
 *
 * The owner answers while it is healthy. Otherwise the best healthy
 * sibling on the owner's physical network takes over. An owner whose
 * network is not yet known has no siblings.
 *
 * Return: the responder, or NULL when no healthy adapter can answer.
 */
const struct afo_adapter *afo_choose_responder(const struct afo_adapter *owner,
					       const struct afo_adapter *all,
					       size_t count)
{
	const struct afo_adapter *best = NULL;
	size_t i;

	if (owner->healthy)
		return owner;
	if (owner->pnet == AFO_PNET_NONE)
		return NULL;

	for (i = 0; i < count; i++) {
		const struct afo_adapter *cand = &all[i];

		if (cand == owner || !cand->healthy || cand->pnet != owner->pnet)
			continue;
		if (!best || afo_better_backup(cand, best))
			best = cand;
	}
	return best;
}
