/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Offload adapters (offload.c): adapters that answer ARP themselves.
 * Drivers use include/net/arp_failover.h; this is the module's side.
 * Under RTNL.
 */
#ifndef _ARP_FAILOVER_OFFLOAD_H
#define _ARP_FAILOVER_OFFLOAD_H

#include <linux/types.h>

struct afo_adapter;
struct afo_addr;
struct afo_net;
struct afo_offload_ops;
struct net_device;

const struct afo_offload_ops *afo_offload_ops_of(const struct net_device *dev);
void afo_offload_dev_gone(struct net_device *dev);
int afo_offload_add(struct afo_adapter *ad, __be32 ip);
bool afo_offload_place(struct afo_addr *addr);
void afo_offload_unplace(struct afo_addr *addr);
void afo_offload_vipas(struct afo_adapter *ad, bool on);
void afo_offload_vipa_gone(struct afo_net *an, __be32 ip);
void afo_offload_forget(struct afo_adapter *ad);
__be32 afo_offload_probe_ip(struct afo_adapter *ad);
bool afo_offload_heard(struct afo_adapter *rx, struct afo_adapter *prober);

#endif /* _ARP_FAILOVER_OFFLOAD_H */
