/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Liveness targets (live_target.c): which host an adapter asks whether
 * its path works, the probes, and the answers.
 */
#ifndef _ARP_FAILOVER_LIVE_TARGET_H
#define _ARP_FAILOVER_LIVE_TARGET_H

#include <linux/types.h>

struct afo_adapter;
struct afo_core_adapter;
struct afo_net;
struct in6_addr;
struct sk_buff;

__be32 afo_target_pnet_peer(struct afo_core_adapter **v, unsigned int n);
void afo_target_probe(struct afo_adapter *ad, bool on, u32 round,
		      unsigned int misses, __be32 peer);
void afo_target_heard(struct afo_net *an, struct afo_adapter *rx, u16 op,
		      const u8 *sha, __be32 sip, const u8 *tha, __be32 tip);
void afo_target_stop(struct afo_adapter *ad);
bool afo_target_refresh_due(u32 round);

/* Targets of liveness_targets looked at per adapter. */
#define AFO_LIVE_MAX_TARGETS 8

/**
 * struct afo_target_named - the targets of liveness_targets, read once
 * @ip: the addresses, in the order given
 * @n:  how many
 */
struct afo_target_named {
	__be32 ip[AFO_LIVE_MAX_TARGETS];
	unsigned int n;
};

void afo_target_named_read(struct afo_target_named *named);
bool afo_target_unchanged(struct afo_adapter *ad,
			  const struct afo_target_named *named, __be32 peer);

/* IPv6 routers as targets (live_target6.c). */
bool afo_target6_router(struct afo_adapter *ad, struct in6_addr *router);
bool afo_target6_hook(struct afo_adapter *ad, bool want);
void afo_target_answered(struct afo_net *an, struct afo_adapter *rx,
			 const u8 *mac);
bool afo_target6_source(struct afo_adapter *ad, struct in6_addr *saddr);
int afo_target6_send(struct afo_adapter *ad, const u8 *mac);
void afo_target6_heard(struct afo_net *an, struct afo_adapter *rx,
		       struct sk_buff *skb);

#endif /* _ARP_FAILOVER_LIVE_TARGET_H */
