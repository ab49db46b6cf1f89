/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Liveness frames and target probes out and in (liveness.c); the rule
 * that judges paths by them is the core's (core_live.c).
 */
#ifndef _ARP_FAILOVER_LIVENESS_H
#define _ARP_FAILOVER_LIVENESS_H

#include <linux/types.h>
#include <uapi/linux/arp_failover.h>

#include "core.h"

struct afo_adapter;
struct afo_net;
struct afo_step;

bool afo_live_record(struct afo_net *an, struct afo_adapter *rx,
		     struct afo_adapter *from, u32 seq);
void afo_live_segment_heard(struct afo_net *an, struct afo_adapter *rx);
void afo_live_fresh(struct afo_adapter *ad);
void afo_live_deadline(struct afo_net *an, struct afo_step *s);
void afo_live_plan_drop(struct afo_net *an);
void afo_live_init(struct afo_net *an);
void afo_live_stop(struct afo_net *an);

/* enum afo_judged of an adapter with carrier, as the uapi says it. */
static inline u32 afo_judged_uapi(u8 judged)
{
	switch (judged) {
	case AFO_JUDGED_SILENT:
		return ARPFO_JUDGED_SILENT;
	case AFO_JUDGED_TARGET:
		return ARPFO_JUDGED_TARGET_LOST;
	default:
		return ARPFO_JUDGED_OK;
	}
}

#endif /* _ARP_FAILOVER_LIVENESS_H */
