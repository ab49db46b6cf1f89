/* SPDX-License-Identifier: GPL-2.0-only */
/* IPv6 addresses and their solicited-node groups (addrs6.c). */
#ifndef _ARP_FAILOVER_ADDRS6_H
#define _ARP_FAILOVER_ADDRS6_H

#include <linux/netdevice.h>
#include <linux/in6.h>

struct afo_addr;
struct afo_adapter;
struct afo_net;

bool afo_dev_has_ip6(struct net_device *dev);
bool afo_ip6_held(struct net_device *dev, const struct in6_addr *ip6);
bool afo_ip6_failed(struct net_device *dev, const struct in6_addr *ip6);
void afo_ip6_each(struct net_device *dev,
		  void (*fn)(void *arg, const struct in6_addr *ip6), void *arg);
bool afo_ip6_enabled(const struct net_device *dev);
bool afo_addr6_ready(const struct afo_addr *addr);
unsigned long afo_addr6_dad_time(const struct afo_addr *addr);
void afo_nd_place(struct afo_addr *addr);
void afo_nd_unplace(struct afo_addr *addr);
void afo_nd_dev_changed(struct net_device *dev);
void afo_nd_vipa_groups(struct afo_adapter *ad, bool join);
void afo_nd_vipa_each_holder(struct afo_net *an, struct afo_addr *vipa,
			     bool join);
void afo_ip6_net_init(struct afo_net *an);
void afo_ip6_net_stop(struct afo_net *an);
int afo_ip6_notifier_register(void);
void afo_ip6_notifier_unregister(void);

#endif /* _ARP_FAILOVER_ADDRS6_H */
