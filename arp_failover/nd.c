// SPDX-License-Identifier: GPL-2.0-only
/*
 * Neighbor Discovery for managed IPv6 addresses: the IPv6 twin of the
 * NF_ARP_IN hook, and the advertisements the module sends.
 *
 * Linux answers a neighbour solicitation only on the device that holds
 * the address, so there is no flux to fix: while an address's holder
 * answers for itself, the kernel does. While a sibling answers for it
 * (takeover) or the pnet's VIPA holder does, the hook answers on that
 * adapter with its own MAC and the override flag, and the holder, if it
 * hears the solicitation, stays silent: one answer per address.
 *
 * The hook runs at NF_INET_LOCAL_IN after every other hook, so the
 * administrator's ip6tables/nft input rules apply as to the kernel's own
 * ND; the answering adapter joined the address's solicited-node group
 * (addrs6.c), so the solicitation gets that far. It validates a
 * solicitation as ndisc_rcv() and ndisc_recv_ns() do and leaves anything
 * else, and every DAD probe (source ::), to the kernel: a sibling must
 * never defend an address whose holder is probing for it.
 *
 * Runs in softirq under rcu_read_lock(); reads only what netns.h lists.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "addrs6.h"
#include "adapter.h"
#include "nd.h"
#include "nd_parse.h"
#include "netns.h"
#include "trace.h"

/* An NA with a target link-layer address option, after the IPv6 header. */
#define AFO_NA_LEN (sizeof(struct nd_msg) + 8)

/**
 * afo_nd_xmit - build and send one neighbour advertisement
 * @dev:    the adapter; its MAC is the target link-layer address
 * @target: the address advertised, also the source address
 * @daddr:  the IPv6 destination
 * @dmac:   the Ethernet destination
 * @solicited: an answer to a solicitation (else unsolicited)
 * @router: the router flag: whether the address's holder forwards
 *
 * Override is always set: the point is to move peers to @dev.
 *
 * Return: 0, or a negative errno (-ENOBUFS: the queue was full).
 */
static int afo_nd_xmit(struct net_device *dev, const struct in6_addr *target,
		       const struct in6_addr *daddr, const u8 *dmac,
		       bool solicited, bool router)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	struct ipv6hdr *ip6;
	struct nd_msg *msg;
	u8 *opt;
	int ret;

	skb = alloc_skb(hlen + sizeof(*ip6) + AFO_NA_LEN + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	skb_set_transport_header(skb, sizeof(*ip6));
	msg = skb_put_zero(skb, AFO_NA_LEN);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IPV6);
	skb->priority = TC_PRIO_CONTROL;

	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(AFO_NA_LEN);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *target;
	ip6->daddr = *daddr;

	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	msg->icmph.icmp6_router = router;
	msg->icmph.icmp6_solicited = solicited;
	msg->icmph.icmp6_override = 1;
	msg->target = *target;
	opt = (u8 *)(msg + 1);
	opt[0] = ND_OPT_TARGET_LL_ADDR;
	opt[1] = 1;			/* in units of 8 octets */
	memcpy(opt + 2, dev->dev_addr, ETH_ALEN);
	msg->icmph.icmp6_cksum =
		csum_ipv6_magic(&ip6->saddr, &ip6->daddr, AFO_NA_LEN,
				IPPROTO_ICMPV6, csum_partial(msg, AFO_NA_LEN, 0));

	if (dev_hard_header(skb, dev, ETH_P_IPV6, dmac, dev->dev_addr,
			    skb->len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	ret = dev_queue_xmit(skb);
	if (ret == NET_XMIT_DROP)
		return -ENOBUFS;
	return ret == NET_XMIT_CN ? 0 : min(ret, 0);
}

/*
 * The router flag the kernel would set for @addr: whether its holder
 * forwards (a VIPA's dummy device: whether @dev does). Under RCU or RTNL.
 */
static bool afo_nd_router(const struct afo_addr *addr, struct net_device *dev)
{
	const struct inet6_dev *idev;

	idev = __in6_dev_get(addr->vipa_dev ? dev : addr->owner->dev);
	return idev && READ_ONCE(idev->cnf.forwarding) > 0;
}

/**
 * afo_send_una - an unsolicited advertisement of @addr at @dev's MAC
 * @dev:  the adapter
 * @addr: an IPv6 address of ours
 *
 * To all nodes, override set: peers holding an entry for the address
 * update it, as a gratuitous ARP moves IPv4 peers.
 *
 * Return: as afo_nd_xmit().
 */
int afo_send_una(struct net_device *dev, const struct afo_addr *addr)
{
	static const u8 all_nodes_mac[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };

	trace_arp_failover_una(dev, &addr->ip6);
	return afo_nd_xmit(dev, &addr->ip6, &in6addr_linklocal_allnodes,
			   all_nodes_mac, false, afo_nd_router(addr, dev));
}

/*
 * Whether @ifindex, an address's responder, can answer solicitations for
 * @addr: it joined the address's group (the join may have failed) and
 * has IPv6 enabled. Under RCU. Otherwise the holder answers as without
 * us: never fewer answers than the stock kernel.
 */
static bool afo_nd_responder_ok(struct afo_net *an, const struct afo_addr *addr,
				int ifindex)
{
	const struct afo_adapter *resp = afo_adapter_find(an, ifindex);

	if (!resp || (!addr->vipa_dev && READ_ONCE(addr->mc_dev) != ifindex))
		return false;
	return afo_ip6_enabled(resp->dev);
}

static unsigned int afo_nd_in(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	struct afo_adapter *ad;
	struct afo_addr *addr;
	struct afo_net *an;
	struct afo_ns ns;
	int holder;

	/* Every packet the host receives over IPv6 passes: one compare. */
	if (ipv6_hdr(skb)->nexthdr != IPPROTO_ICMPV6)
		return NF_ACCEPT;
	an = afo_net(state->net);
	ad = afo_adapter_find(an, skb->dev->ifindex);
	if (!ad || !afo_ns_parse(skb, &ns))
		return NF_ACCEPT;
	addr = afo_addr6_find(an, ad->l3dev, &ns.target);
	if (!addr || afo_addr_unclaimed(addr))
		return NF_ACCEPT;	/* the kernel answers, as without us */
	holder = afo_addr_holder(addr);
	if (!afo_answers(addr, ad)) {
		/* Its holder, while a sibling answers: one answer only. */
		if (holder != ad->core.ifindex ||
		    !afo_nd_responder_ok(an, addr, afo_addr_responder(addr)))
			return NF_ACCEPT;
		atomic_long_inc(&ad->stats.dropped);
		return NF_DROP;
	}
	if (holder == ad->core.ifindex)
		return NF_ACCEPT;	/* its own: the kernel answers */
	/* Still held, and not given up after a failed DAD. */
	if (!addr->vipa_dev && !afo_ip6_held(addr->owner->dev, &ns.target))
		return NF_ACCEPT;
	/* Unicast to the asker: never heard by a holder running DAD. */
	if (!afo_nd_xmit(skb->dev, &ns.target, &ns.saddr, ns.lladdr, true,
			 afo_nd_router(addr, skb->dev)))
		atomic_long_inc(&ad->stats.replies);
	return NF_ACCEPT;	/* the kernel sees it and answers nothing */
}

/* After the administrator's input rules, whatever priority they chose. */
static const struct nf_hook_ops afo_nd_ops[] = {
	{
		.hook     = afo_nd_in,
		.pf       = NFPROTO_IPV6,
		.hooknum  = NF_INET_LOCAL_IN,
		.priority = INT_MAX - 1,
	},
};

int afo_nd_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, afo_nd_ops, ARRAY_SIZE(afo_nd_ops));
}

void afo_nd_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, afo_nd_ops, ARRAY_SIZE(afo_nd_ops));
}
