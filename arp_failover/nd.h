/* SPDX-License-Identifier: GPL-2.0-only */
/* Neighbor Discovery for managed IPv6 addresses (nd.c). */
#ifndef _ARP_FAILOVER_ND_H
#define _ARP_FAILOVER_ND_H

#include <linux/types.h>

struct afo_addr;
struct in6_addr;
struct afo_net;
struct net;
struct net_device;

int afo_send_una(struct net_device *dev, const struct afo_addr *addr);
int afo_send_ns(struct net_device *dev, const struct in6_addr *saddr,
		const struct in6_addr *target, const u8 *mac);
int afo_nd_hook_get(struct afo_net *an);
void afo_nd_hook_put(struct afo_net *an);
void afo_nd_hooks_close(struct net *net);

#endif /* _ARP_FAILOVER_ND_H */
