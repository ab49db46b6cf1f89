// SPDX-License-Identifier: GPL-2.0-only
/*
 * Liveness frames on the wire: Ethernet frames of EtherType
 * ARPFO_LIVE_ETHERTYPE (uapi/linux/arp_failover_probe.h says why not
 * ARP), unicast from an adapter to a sibling of its pnet.
 *
 * One packet handler for every namespace hears them, registered for the
 * module's life rather than while some pnet has two members: it costs
 * nothing to frames of other EtherTypes (the stack looks handlers up by
 * type), and registering on demand would need a count of such pnets
 * over all namespaces and a synchronize_net() at every change.
 *
 * The handler runs in softirq under RCU and reads only what netns.h
 * lists as read by the hooks. An L2 ipvlan device shares its lower
 * device's MAC, and the lower device keeps the frames that are not IP
 * for itself: a frame arriving on a device we do not manage is the
 * named receiver's when that is such a device on it.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/pkt_sched.h>
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <uapi/linux/arp_failover_probe.h>

#include "adapter.h"
#include "compat.h"
#include "discovery.h"
#include "live_frame.h"
#include "liveness.h"
#include "netns.h"

afo_static_assert_packed(sizeof(struct arpfo_live_frame) ==
			 ARPFO_LIVE_FRAME_LEN);

/* Header and frame at the Ethernet minimum: the rest is zeroes. */
#define AFO_LIVE_LEN	max_t(unsigned int, ARPFO_LIVE_FRAME_LEN, \
			      ETH_ZLEN - ETH_HLEN)

/**
 * struct afo_live_id - what a liveness frame's MAC binds
 * @origin:     the namespace's origin
 * @ifindex:    the sender
 * @seq:        its round
 * @sha:        the sender's MAC
 * @rx_ifindex: the receiver
 * @rha:        the receiver's MAC
 * @pnet:       the sender's pnet
 * @l3dev:      the L3 domain of both (VRF ifindex, 0: none)
 */
struct afo_live_id {
	u32 origin;
	u32 ifindex;
	u32 seq;
	const u8 *sha;
	u32 rx_ifindex;
	const u8 *rha;
	u32 pnet;
	u32 l3dev;
};

/*
 * Five words where a discovery probe's MAC has three (discovery.c), and
 * the magic in one of them: neither verifies as the other.
 */
static u64 afo_live_mac(const struct afo_net *an, const struct afo_live_id *id)
{
	const u64 w[] = {
		(u64)id->ifindex << 32 | id->seq,
		(u64)ARPFO_LIVE_MAGIC << 48 | ether_addr_to_u64(id->sha),
		(u64)id->origin << 32 | id->pnet,
		ether_addr_to_u64(id->rha),
		(u64)id->rx_ifindex << 32 | id->l3dev,
	};

	return siphash(w, sizeof(w), &an->probe_key);
}

static void afo_live_frame_fill(struct arpfo_live_frame *lf,
				const struct afo_adapter *from,
				const struct afo_adapter *to, u32 seq)
{
	const struct afo_live_id id = {
		.origin = from->an->probe_origin,
		.ifindex = from->core.ifindex,
		.seq = seq,
		.sha = from->dev->dev_addr,
		.rx_ifindex = to->core.ifindex,
		.rha = to->dev->dev_addr,
		.pnet = from->core.pnet,
		.l3dev = from->l3dev,
	};

	lf->tag.magic = htons(ARPFO_LIVE_MAGIC);
	lf->tag.origin = htonl(id.origin);
	lf->tag.ifindex = htonl(id.ifindex);
	lf->tag.seq = htonl(seq);
	put_unaligned_be64(afo_live_mac(from->an, &id), lf->tag.mac);
	lf->rx_ifindex = htonl(id.rx_ifindex);
	lf->pnet = htonl(id.pnet);
}

/**
 * afo_live_frame_send - send @from's liveness frame of round @seq to @to
 * @from: the sender
 * @to:   a sibling on its pnet, in its L3 domain
 * @seq:  the round
 *
 * Under RTNL. At control priority, as the frames of a bond's ARP monitor:
 * a busy queue must not make a working path look silent.
 *
 * Return: 0 when the device took it, else a negative errno or a
 * NET_XMIT_ code.
 */
int afo_live_frame_send(const struct afo_adapter *from,
			const struct afo_adapter *to, u32 seq)
{
	struct net_device *dev = from->dev;
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	int ret;

	skb = alloc_skb(hlen + AFO_LIVE_LEN + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	afo_live_frame_fill(skb_put_zero(skb, AFO_LIVE_LEN), from, to, seq);
	skb->dev = dev;
	skb->protocol = htons(ARPFO_LIVE_ETHERTYPE);
	skb->priority = TC_PRIO_CONTROL;
	if (dev_hard_header(skb, dev, ARPFO_LIVE_ETHERTYPE, to->dev->dev_addr,
			    dev->dev_addr, skb->len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	/* net_xmit_eval() reads its argument twice: not a call */
	ret = dev_queue_xmit(skb);
	return net_xmit_eval(ret);
}

/*
 * The managed adapter a frame that arrived on @dev is for: @dev's own, or
 * the one it names (@rx_ifindex) when that is stacked on @dev with @dev's
 * MAC (an L2 ipvlan device). Told by the link, not by the device's kind:
 * ipvlan has no flag for it on every kernel we build for.
 */
static struct afo_adapter *afo_live_receiver(struct afo_net *an,
					     struct net_device *dev,
					     u32 rx_ifindex)
{
	struct afo_adapter *rx = afo_adapter_find(an, dev->ifindex);

	if (rx || rx_ifindex > INT_MAX)
		return rx;
	rx = afo_adapter_find(an, rx_ifindex);
	if (rx && rx->dev != dev && dev_get_iflink(rx->dev) == dev->ifindex &&
	    ether_addr_equal(rx->dev->dev_addr, dev->dev_addr))
		return rx;
	return NULL;
}

/*
 * Check the frame @lf that @rx heard from @sha and record it. Return:
 * false when it is not ours to consume (not for a managed adapter).
 */
static bool afo_live_frame_heard(struct afo_net *an, struct net_device *dev,
				 const struct arpfo_live_frame *lf,
				 const u8 *sha)
{
	struct afo_adapter *rx, *from;
	struct afo_live_id id = {
		.origin = ntohl(lf->tag.origin),
		.ifindex = ntohl(lf->tag.ifindex),
		.seq = ntohl(lf->tag.seq),
		.sha = sha,
		.pnet = ntohl(lf->pnet),
	};

	rx = afo_live_receiver(an, dev, ntohl(lf->rx_ifindex));
	if (!rx)
		return false;
	/* Another host's or namespace's, whatever MAC it comes from. */
	if (id.origin != an->probe_origin)
		return true;
	/* Bound to the receiver as it is, not as the frame says. */
	id.rx_ifindex = rx->core.ifindex;
	id.rha = rx->dev->dev_addr;
	id.l3dev = rx->l3dev;
	from = id.ifindex <= INT_MAX ? afo_adapter_find(an, id.ifindex) : NULL;
	if (!from || get_unaligned_be64(lf->tag.mac) != afo_live_mac(an, &id)) {
		afo_probe_reject(rx, sha, ARPFO_REJECT_FORGED, true);
		return true;
	}
	if (from == rx)
		return true;
	if (id.pnet != READ_ONCE(rx->core.pnet) ||
	    !afo_live_record(an, rx, from, id.seq))
		afo_probe_reject(rx, sha, ARPFO_REJECT_STALE, true);
	return true;
}

static int afo_live_frame_rcv(struct sk_buff *skb, struct net_device *dev,
			      struct packet_type *pt,
			      struct net_device *orig_dev)
{
	struct arpfo_live_frame lf;

	if (skb->pkt_type != PACKET_HOST || dev->type != ARPHRD_ETHER ||
	    !skb_mac_header_was_set(skb) ||
	    skb_copy_bits(skb, 0, &lf, sizeof(lf)) < 0 ||
	    lf.tag.magic != htons(ARPFO_LIVE_MAGIC) ||
	    !afo_live_frame_heard(afo_net(dev_net(dev)), dev, &lf,
				  eth_hdr(skb)->h_source)) {
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type afo_live_packet_type __read_mostly = {
	.type = cpu_to_be16(ARPFO_LIVE_ETHERTYPE),
	.func = afo_live_frame_rcv,
};

/**
 * afo_live_frame_start - hear liveness frames in every namespace
 *
 * Once every namespace has the module's state (register_pernet_subsys()).
 */
void afo_live_frame_start(void)
{
	dev_add_pack(&afo_live_packet_type);
}

/**
 * afo_live_frame_stop - hear them no more
 *
 * Before the namespaces' state goes: dev_remove_pack() waits until no
 * handler runs any more.
 */
void afo_live_frame_stop(void)
{
	dev_remove_pack(&afo_live_packet_type);
}
