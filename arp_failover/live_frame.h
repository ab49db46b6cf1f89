/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Liveness frames on the wire (live_frame.c): built, sent, heard and
 * checked. What a genuine one proves is liveness.c's.
 */
#ifndef _ARP_FAILOVER_LIVE_FRAME_H
#define _ARP_FAILOVER_LIVE_FRAME_H

#include <linux/types.h>

struct afo_adapter;

int afo_live_frame_send(const struct afo_adapter *from,
			const struct afo_adapter *to, u32 seq);
void afo_live_frame_start(void);
void afo_live_frame_stop(void);

#endif /* _ARP_FAILOVER_LIVE_FRAME_H */
