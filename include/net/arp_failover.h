/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arp_failover: the interface for drivers of offload adapters, adapters
 * that answer ARP themselves ("in firmware") rather than leaving it to
 * the host. Such devices are ARPHRD_ETHER with IFF_NOARP towards the
 * host. A driver registers its ops for each such device; arp_failover
 * then manages the device like any adapter, but never sends ARP frames
 * on it: it registers addresses with the adapter instead, for the
 * adapter to announce and answer on the wire.
 *
 * Upstream, @ops would be a pointer in struct net_device (as ethtool_ops
 * is) and this registration would go away.
 */
#ifndef _NET_ARP_FAILOVER_H
#define _NET_ARP_FAILOVER_H

#include <linux/netdevice.h>
#include <linux/types.h>

/**
 * struct afo_offload_ops - what an offload adapter does for arp_failover
 * @add_addr: from now on, answer ARP requests for @ip on the wire with the
 *            adapter's MAC, and announce it (a gratuitous ARP) now. Adding
 *            an address already added announces it again. Return 0 or a
 *            negative errno.
 * @del_addr: stop answering for @ip; a no-op for an address not added.
 * @query:    optional: the MAC the adapter last saw on the wire for @ip
 *            (from any ARP frame with @ip as sender) and when (jiffies).
 *            Return 0, or -ENOENT when it saw none.
 *
 * All are called under RTNL, from process context, with carrier or
 * without; they may sleep.
 */
struct afo_offload_ops {
	int (*add_addr)(struct net_device *dev, __be32 ip);
	void (*del_addr)(struct net_device *dev, __be32 ip);
	int (*query)(struct net_device *dev, __be32 ip, u8 *mac,
		     unsigned long *seen);
};

/*
 * Caller holds RTNL. afo_offload_unregister() must come before the
 * device is freed; arp_failover calls @del_addr for every address it
 * added before it returns.
 */
int afo_offload_register(struct net_device *dev,
			 const struct afo_offload_ops *ops);
void afo_offload_unregister(struct net_device *dev);

#endif /* _NET_ARP_FAILOVER_H */
