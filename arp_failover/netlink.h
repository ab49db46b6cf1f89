/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The generic netlink family (netlink.c): its registration, and the
 * events every report sends to the "events" group.
 */
#ifndef _ARP_FAILOVER_NETLINK_H
#define _ARP_FAILOVER_NETLINK_H

#include <linux/gfp.h>
#include <linux/types.h>
#include <uapi/linux/arp_failover.h>

struct net_device;

/**
 * struct afo_event_info - one transition for the netlink "events" group
 * @type:   enum arpfo_event_type
 * @old:    value before, where the type has one
 * @new:    value after
 * @ip:     the IPv4 address concerned, or 0
 * @ip6:    the IPv6 address concerned, or NULL
 * @mac:    the MAC concerned, or NULL
 * @reason: enum arpfo_reject_reason, or 0
 */
struct afo_event_info {
	u8 type;
	u32 old;
	u32 new;
	__be32 ip;
	const struct in6_addr *ip6;
	const u8 *mac;
	u8 reason;
};

void afo_event(struct net_device *dev, const struct afo_event_info *ev,
	       gfp_t gfp);
int afo_netlink_register(void);
void afo_netlink_unregister(void);

/* A transition of @dev with an old and a new value, from process context. */
static inline void afo_notify(struct net_device *dev, u8 type, u32 old, u32 new)
{
	struct afo_event_info ev = { .type = type, .old = old, .new = new };

	afo_event(dev, &ev, GFP_KERNEL);
}

#endif /* _ARP_FAILOVER_NETLINK_H */
