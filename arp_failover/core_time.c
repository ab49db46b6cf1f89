// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision core, timing: flap damping of the reclaim delay, and the
 * trains of gratuitous ARPs with their rate limit, one struct for an
 * address's announcements and for a holder's VIPA rounds alike. Pure.
 */
#include <linux/jiffies.h>
#include <linux/typecheck.h>
#include <linux/minmax.h>

#include "core.h"

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

/**
 * afo_flap_regain - carrier came back: the reclaim delay to wait now
 * @f:    the adapter's flap history, updated
 * @now:  the time of the regain
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
	unsigned long window;

	if (!base)
		return 0;
	window = 10 * afo_damped_delay(base, f->flaps);
	if (f->last_regain && time_before(now, f->last_regain + window))
		f->flaps = min_t(unsigned int, f->flaps + 1,
				 AFO_MAX_DAMPING_SHIFT);
	else
		f->flaps = 0;
	f->last_regain = now | 1;	/* 0 means "never" */
	return afo_damped_delay(base, f->flaps);
}

/*
 * Refill the bucket by one token per interval since it was last refilled;
 * a full bucket banks nothing.
 */
static void afo_train_refill(struct afo_train *t, const struct afo_step *s)
{
	unsigned long interval = s->p->garp_interval;
	unsigned long n;

	if (!t->primed || !interval) {
		t->primed = true;
		t->credit = AFO_TRAIN_BURST;
		t->last = s->now;
		return;
	}
	n = (s->now - t->last) / interval;
	if (!n)
		return;
	if (t->credit + n >= AFO_TRAIN_BURST) {
		t->credit = AFO_TRAIN_BURST;
		t->last = s->now;
	} else {
		t->credit += n;
		t->last += n * interval;
	}
}

/**
 * afo_train_may_send - whether the rate limit lets one frame go now
 * @t: the train
 * @s: the step (time and interval)
 *
 * Each announcement takes a token from a bucket of %AFO_TRAIN_BURST that
 * refills by one per garp_interval: the repeats of a train, one interval
 * apart, never run dry; a takeover and its reclaim in quick succession
 * both find one; a flapping cable empties it, and is then announced at
 * most once per interval.
 *
 * Return: true if a token was taken and the frame may go.
 */
bool afo_train_may_send(struct afo_train *t, const struct afo_step *s)
{
	afo_train_refill(t, s);
	return t->credit > 0;
}

/**
 * afo_train_start - a new train of garp_count announcements
 * @t: the train; what was left of an earlier one is replaced
 * @s: the step
 *
 * Return: true when the first goes out now; false when there is nothing
 * to send (@t->left is 0) or the rate limit defers it to @t->next.
 */
bool afo_train_start(struct afo_train *t, const struct afo_step *s)
{
	t->left = s->p->garp_count;
	if (!t->left)
		return false;
	if (afo_train_may_send(t, s))
		return true;
	t->next = s->now + s->p->garp_interval;
	return false;
}

/**
 * afo_train_due - whether the next announcement of @t is due at @now
 * @t:   the train
 * @now: the time
 *
 * Return: true if @t has repeats left and the next is due.
 */
bool afo_train_due(const struct afo_train *t, unsigned long now)
{
	return t->left && time_after_eq(now, t->next);
}

/**
 * afo_train_sent - one announcement went out
 * @t: the train
 * @s: the step
 *
 * Return: true when another is due, at @t->next.
 */
bool afo_train_sent(struct afo_train *t, const struct afo_step *s)
{
	if (t->credit)
		t->credit--;
	t->next = s->now + s->p->garp_interval;
	if (t->left)
		t->left--;
	return t->left;
}

/**
 * afo_train_defer - the rate limit held the next announcement back
 * @t: the train
 * @s: the step: it is due again one interval later
 */
void afo_train_defer(struct afo_train *t, const struct afo_step *s)
{
	t->next = s->now + s->p->garp_interval;
}

/**
 * afo_train_stop - nothing more to send for @t
 * @t: the train; its rate limit is kept
 */
void afo_train_stop(struct afo_train *t)
{
	t->left = 0;
}
