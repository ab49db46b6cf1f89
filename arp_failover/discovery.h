/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Discovery probes out and in (discovery.c). The core decides when an
 * adapter probes and what a probe proves; this sends them and hears them.
 */
#ifndef _ARP_FAILOVER_DISCOVERY_H
#define _ARP_FAILOVER_DISCOVERY_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct afo_adapter;
struct afo_addr;
struct afo_net;

bool afo_probe_send(struct afo_adapter *ad);
void afo_probe_collect(struct afo_adapter *ad);
void afo_round_free(struct afo_adapter *ad);
bool afo_probe_received(struct afo_net *an, struct sk_buff *skb,
			struct afo_adapter *rx, const u8 *sha, __be32 sip,
			__be32 tip);
void afo_probe_reject(struct afo_adapter *rx, const u8 *sha, u8 reason,
		      bool live);
void afo_announcement_received(struct afo_net *an, struct afo_adapter *rx,
			       const u8 *sha, __be32 sip, __be32 tip);
void afo_sibling_heard(struct afo_net *an, struct afo_adapter *rx,
		       const u8 *sha, const struct afo_addr *addr);
void afo_sibling_news(struct afo_adapter *ad);

#endif /* _ARP_FAILOVER_DISCOVERY_H */
