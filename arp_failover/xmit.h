/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frames the module sends (xmit.c), from process context or the hooks.
 */
#ifndef _ARP_FAILOVER_XMIT_H
#define _ARP_FAILOVER_XMIT_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct net_device;

bool afo_skb_is_ours(const struct sk_buff *skb);
int afo_send_garp(struct net_device *dev, __be32 ip);
int afo_send_reply(struct net_device *dev, __be32 sip, __be32 tip,
		   const u8 *tha);
int afo_send_probe(struct net_device *dev, __be32 tip, const void *tag,
		   unsigned int tag_len, const u8 *dest_hw);

#endif /* _ARP_FAILOVER_XMIT_H */
