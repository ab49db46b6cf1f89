// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARP frames the module sends: gratuitous ARPs, replies on behalf of
 * the kernel, discovery probes, liveness frames and target probes. They
 * pass NF_ARP_OUT like the kernel's own, so the administrator's arptables
 * and nft "arp" rules apply to them;
 * our own NF_ARP_OUT hook, which keeps the kernel's frames consistent,
 * recognises them by a mark in skb->cb and lets them through.
 *
 * Replies go out from the NF_ARP_IN hook (softirq, under RCU); gratuitous
 * ARPs and probes from process context under RTNL.
 */
#include <linux/err.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_arp.h>
#include <linux/skbuff.h>

#include "adapter.h"
#include "announce.h"
#include "xmit.h"
#include "trace.h"

/*
 * The mark of our own frames, in the first word of skb->cb: nothing on the
 * ARP output path uses skb->cb, and alloc_skb() zeroes it for the kernel's
 * own ARP frames, so only ours carry it.
 */
#define AFO_SKB_MARK 0x41464f21	/* "AFO!" */

static void afo_skb_mark(struct sk_buff *skb)
{
	u32 mark = AFO_SKB_MARK;

	memcpy(skb->cb, &mark, sizeof(mark));
}

/**
 * afo_skb_is_ours - whether @skb is an ARP frame the module built
 * @skb: a frame in the NF_ARP_OUT hook
 *
 * Return: true if the module built @skb.
 */
bool afo_skb_is_ours(const struct sk_buff *skb)
{
	u32 mark;

	memcpy(&mark, skb->cb, sizeof(mark));
	return mark == AFO_SKB_MARK;
}

static int afo_xmit_finish(struct net *net, struct sock *sk,
			   struct sk_buff *skb)
{
	return dev_queue_xmit(skb);
}

/**
 * afo_arp_build - build one Ethernet/IPv4 ARP frame
 * @dev:     the adapter to send from; its MAC is the sender hardware address
 * @op:      ARPOP_REQUEST or ARPOP_REPLY
 * @sip:     sender protocol address
 * @tip:     target protocol address
 * @tha:     target hardware address, or NULL for zeroes
 * @dest_hw: Ethernet destination, or NULL for broadcast
 * @tail:    bytes to append after the ARP payload (a probe tag), or NULL
 * @tail_len: their length
 *
 * Return: the frame, or an ERR_PTR() (-ENOMEM, -EINVAL).
 */
static struct sk_buff *afo_arp_build(struct net_device *dev, u16 op,
				     __be32 sip, __be32 tip, const u8 *tha,
				     const u8 *dest_hw, const void *tail,
				     unsigned int tail_len)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	struct arphdr *arp;
	u8 *p;

	skb = alloc_skb(hlen + arp_hdr_len(dev) + tail_len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	afo_skb_mark(skb);
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	arp = skb_put(skb, arp_hdr_len(dev));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_ARP);

	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(op);
	p = (u8 *)(arp + 1);
	memcpy(p, dev->dev_addr, ETH_ALEN);
	memcpy(p + ETH_ALEN, &sip, 4);
	if (tha)
		memcpy(p + ETH_ALEN + 4, tha, ETH_ALEN);
	else
		memset(p + ETH_ALEN + 4, 0, ETH_ALEN);
	memcpy(p + 2 * ETH_ALEN + 4, &tip, 4);
	if (tail_len)
		skb_put_data(skb, tail, tail_len);

	if (dev_hard_header(skb, dev, ETH_P_ARP, dest_hw ?: dev->broadcast,
			    dev->dev_addr, skb->len) < 0) {
		kfree_skb(skb);
		return ERR_PTR(-EINVAL);
	}
	return skb;
}

/**
 * afo_arp_send - send a frame of afo_arp_build() through NF_ARP_OUT
 * @skb: the frame; consumed
 *
 * May run in softirq (replies) or process context.
 *
 * Return: 0; -ENOBUFS when the device's queue refused the frame (try again
 * later); another negative errno when it could not be sent. A frame an
 * administrator's NF_ARP_OUT rule dropped counts as sent: that is theirs
 * to decide.
 */
static int afo_arp_send(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	int ret;

	ret = NF_HOOK(NFPROTO_ARP, NF_ARP_OUT, dev_net(dev), NULL, skb, NULL,
		      dev, afo_xmit_finish);
	if (ret == NET_XMIT_DROP)
		return -ENOBUFS;
	return ret == -EPERM || ret == NET_XMIT_CN ? 0 : min(ret, 0);
}

/* Build and send: as afo_arp_build(), afo_arp_send(). */
static int afo_arp_xmit(struct net_device *dev, u16 op, __be32 sip, __be32 tip,
			const u8 *tha, const u8 *dest_hw,
			const void *tail, unsigned int tail_len)
{
	struct sk_buff *skb = afo_arp_build(dev, op, sip, tip, tha, dest_hw,
					    tail, tail_len);

	return IS_ERR(skb) ? PTR_ERR(skb) : afo_arp_send(skb);
}

/*
 * "IP is at my MAC", broadcast: peers holding an entry for IP update it.
 * The announcer's (under RTNL), which counts it in flight (afo_garp_own()).
 */
int afo_send_garp(struct net_device *dev, __be32 ip)
{
	struct sk_buff *skb;

	trace_arp_failover_garp(dev, ip);
	skb = afo_arp_build(dev, ARPOP_REQUEST, ip, ip, NULL, NULL, NULL, 0);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	afo_garp_own(skb);
	return afo_arp_send(skb);
}

/* Answer a who-has for @sip that came from @tip at @tha. */
int afo_send_reply(struct net_device *dev, __be32 sip, __be32 tip,
		   const u8 *tha)
{
	return afo_arp_xmit(dev, ARPOP_REPLY, sip, tip, tha, tha, NULL, 0);
}

/*
 * An RFC 5227 probe, sender address 0.0.0.0, nobody learns from it: with
 * a tag, a discovery probe or a liveness frame; without, a target probe.
 * Broadcast, or to @dest_hw.
 */
int afo_send_probe(struct net_device *dev, __be32 tip, const void *tag,
		   unsigned int tag_len, const u8 *dest_hw)
{
	return afo_arp_xmit(dev, ARPOP_REQUEST, 0, tip, NULL, dest_hw, tag,
			    tag_len);
}
