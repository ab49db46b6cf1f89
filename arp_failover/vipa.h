/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual IP addresses (vipa.c): which devices hold them, and their
 * mirror in the namespace's address table. Who answers for them is the
 * core's VIPA duty. Under RTNL.
 */
#ifndef _ARP_FAILOVER_VIPA_H
#define _ARP_FAILOVER_VIPA_H

#include <linux/in6.h>
#include <linux/types.h>

struct afo_net;
struct afo_step;
struct net_device;

void afo_sync_vipas(struct net_device *dev, bool want, struct afo_step *s);
void afo_vipa_added(struct net_device *dev, __be32 ip);
void afo_vipa_removed(struct net_device *dev, __be32 ip);
void afo_vipa6_changed(struct net_device *dev, const struct in6_addr *ip6,
		       bool held);
void afo_vipas_drop(struct net_device *dev);
void afo_vipas_free(struct afo_net *an);

#endif /* _ARP_FAILOVER_VIPA_H */
