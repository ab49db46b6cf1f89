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
 * never defend an address whose holder is probing for it, nor advertise
 * it while the holder does. It also hears the routers' answers to the
 * liveness target probes of IPv6-only adapters (live_target6.c), which
 * it leaves to the kernel too. The hook is registered only while some
 * sibling or VIPA holder answers, or some adapter asks its router
 * (afo_nd_hook_get()); the advertisements and those probes pass the
 * IPv6 output hooks as the kernel's own ND does.
 *
 * Runs in softirq under rcu_read_lock(); reads only what netns.h lists.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>

#include "addrs6.h"
#include "adapter.h"
#include "announce.h"
#include "live_target.h"
#include "nd.h"
#include "nd_parse.h"
#include "netns.h"
#include "trace.h"

/*
 * An NA with a target link-layer address option, or an NS with a source
 * one, after the IPv6 header.
 */
#define AFO_NA_LEN (sizeof(struct nd_msg) + 8)

/**
 * struct afo_nd_cb - an advertisement on its way through the output hooks
 * @h:    the IPv6 layer's part, which the hooks may use
 * @dmac: its Ethernet destination, the asker's MAC or a group's
 */
struct afo_nd_cb {
	struct inet6_skb_parm h;
	u8 dmac[ETH_ALEN];
};

static struct afo_nd_cb *afo_nd_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct afo_nd_cb) > sizeof(skb->cb));
	return (struct afo_nd_cb *)skb->cb;
}

/* After POST_ROUTING: to the MAC chosen before the hooks, on skb->dev. */
static int afo_nd_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	int ret;

	if (dev_hard_header(skb, dev, ETH_P_IPV6, afo_nd_cb(skb)->dmac,
			    dev->dev_addr, skb->len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	ret = dev_queue_xmit(skb);
	if (ret == NET_XMIT_DROP)
		return -ENOBUFS;
	return ret == NET_XMIT_CN ? 0 : min(ret, 0);
}

static int afo_nd_post(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return NF_HOOK(NFPROTO_IPV6, NF_INET_POST_ROUTING, net, sk, skb, NULL,
		       skb->dev, afo_nd_finish);
}

/*
 * A route for @skb to @daddr out of @dev, which the output hooks expect
 * (a rule that changes the mark reroutes from it). The advertisement
 * leaves through @dev whatever the route says, as the kernel's own ND
 * does with a route made for the device: to the destination when @dev
 * has one, else the all-nodes group's, which every device with IPv6 has.
 */
static int afo_nd_route(struct sk_buff *skb, struct net_device *dev,
			const struct in6_addr *daddr)
{
	struct flowi6 fl6 = {
		.flowi6_oif = dev->ifindex,
		.flowi6_proto = IPPROTO_ICMPV6,
		.daddr = *daddr,
	};
	struct dst_entry *dst;

	dst = ip6_route_output(dev_net(dev), NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		fl6.daddr = in6addr_linklocal_allnodes;
		dst = ip6_route_output(dev_net(dev), NULL, &fl6);
		if (dst->error) {
			int err = dst->error;

			dst_release(dst);
			return err;
		}
	}
	skb_dst_set(skb, dst);
	return 0;
}

/*
 * An ND message of @type from @saddr to @daddr about @target, carrying
 * @dev's MAC in an option of @opt (source or target link-layer address),
 * for the Ethernet destination @dmac. The caller sets the flags, then
 * sends it with afo_nd_out().
 */
static struct sk_buff *afo_nd_build(struct net_device *dev, u8 type, u8 opt,
				    const struct in6_addr *saddr,
				    const struct in6_addr *daddr,
				    const struct in6_addr *target,
				    const u8 *dmac)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	struct ipv6hdr *ip6;
	struct nd_msg *msg;
	u8 *o;

	skb = alloc_skb(hlen + sizeof(*ip6) + AFO_NA_LEN + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	skb_set_transport_header(skb, sizeof(*ip6));
	msg = skb_put_zero(skb, AFO_NA_LEN);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IPV6);
	skb->priority = TC_PRIO_CONTROL;
	ether_addr_copy(afo_nd_cb(skb)->dmac, dmac);

	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(AFO_NA_LEN);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *saddr;
	ip6->daddr = *daddr;

	msg->icmph.icmp6_type = type;
	msg->target = *target;
	o = (u8 *)(msg + 1);
	o[0] = opt;
	o[1] = 1;			/* in units of 8 octets */
	memcpy(o + 2, dev->dev_addr, ETH_ALEN);
	return skb;
}

/*
 * Checksum @skb (afo_nd_build()) and send it out of its device through
 * the IPv6 LOCAL_OUT and POST_ROUTING hooks, as the kernel's own ND
 * does, so that the administrator's ip6tables and nft output rules apply
 * to it. Return: as afo_nd_xmit().
 */
static int afo_nd_out(struct sk_buff *skb)
{
	struct ipv6hdr *ip6 = ipv6_hdr(skb);
	struct nd_msg *msg = (struct nd_msg *)skb_transport_header(skb);
	struct net_device *dev = skb->dev;
	int ret;

	msg->icmph.icmp6_cksum =
		csum_ipv6_magic(&ip6->saddr, &ip6->daddr, AFO_NA_LEN,
				IPPROTO_ICMPV6,
				csum_partial(msg, AFO_NA_LEN, 0));
	ret = afo_nd_route(skb, dev, &ip6->daddr);
	if (ret) {
		kfree_skb(skb);
		return ret;
	}
	ret = NF_HOOK(NFPROTO_IPV6, NF_INET_LOCAL_OUT, dev_net(dev), NULL, skb,
		      NULL, dev, afo_nd_post);
	return ret == -EPERM ? 0 : ret;
}

/**
 * afo_nd_xmit - build and send one neighbour advertisement
 * @dev:    the adapter; its MAC is the target link-layer address
 * @target: the address advertised, also the source address
 * @daddr:  the IPv6 destination
 * @dmac:   the Ethernet destination
 * @solicited: an answer to a solicitation (else unsolicited)
 * @router: the router flag: whether the address's holder forwards
 *
 * Override is always set: the point is to move peers to @dev. It passes
 * the IPv6 output hooks (afo_nd_out()). Softirq (answers) or process
 * context (announcements).
 *
 * Return: 0, or a negative errno (-ENOBUFS: the queue was full). One an
 * output rule dropped counts as sent: that is the administrator's call.
 */
static int afo_nd_xmit(struct net_device *dev, const struct in6_addr *target,
		       const struct in6_addr *daddr, const u8 *dmac,
		       bool solicited, bool router)
{
	struct sk_buff *skb;
	struct nd_msg *msg;

	skb = afo_nd_build(dev, NDISC_NEIGHBOUR_ADVERTISEMENT,
			   ND_OPT_TARGET_LL_ADDR, target, daddr, target, dmac);
	if (!skb)
		return -ENOMEM;
	/* An announcement: the announcer counts it in flight until freed. */
	if (!solicited)
		afo_garp_own(skb);
	msg = (struct nd_msg *)skb_transport_header(skb);
	msg->icmph.icmp6_router = router;
	msg->icmph.icmp6_solicited = solicited;
	msg->icmph.icmp6_override = 1;
	return afo_nd_out(skb);
}

/**
 * afo_send_ns - a neighbour solicitation for @target out of @dev
 * @dev:    the adapter; its MAC is the source link-layer address
 * @saddr:  the source, a link-local address of @dev's
 * @target: the address solicited
 * @mac:    @target's MAC, NULL: its solicited-node group
 *
 * A liveness target probe (live_target6.c): it passes the IPv6 output
 * hooks as the advertisements do. Process context.
 *
 * Return: as afo_nd_xmit().
 */
int afo_send_ns(struct net_device *dev, const struct in6_addr *saddr,
		const struct in6_addr *target, const u8 *mac)
{
	struct in6_addr daddr = *target;
	struct sk_buff *skb;
	u8 group[ETH_ALEN];

	if (!mac) {
		addrconf_addr_solict_mult(target, &daddr);
		ipv6_eth_mc_map(&daddr, group);
		mac = group;
	}
	skb = afo_nd_build(dev, NDISC_NEIGHBOUR_SOLICITATION,
			   ND_OPT_SOURCE_LL_ADDR, saddr, &daddr, target, mac);
	return skb ? afo_nd_out(skb) : -ENOMEM;
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

/*
 * Whether adapter @ad, not the holder, may answer @ns for @addr now.
 * The address must still be held, as the packet finds it, and its holder
 * must not be running DAD on it (afo_addr6_ready()): an advertisement
 * reaching the holder then fails its DAD, and the asker chooses where the
 * answer goes. So the answer never goes to one of our adapters (the
 * sender's MAC is ours) nor to one of our addresses (a local source),
 * whatever the solicitation says; the kernel's ND answers those, as
 * without us, from the holder. Under RCU.
 */
static bool afo_nd_may_answer(struct afo_net *an, const struct afo_addr *addr,
			      const struct afo_adapter *ad,
			      const struct afo_ns *ns)
{
	if (!afo_nd_responder_ok(an, addr, ad->core.ifindex))
		return false;
	if (addr->vipa_dev) {
		struct net_device *vdev;

		vdev = dev_get_by_index_rcu(an->net, addr->vipa_dev);
		if (!vdev || !afo_ip6_held(vdev, &addr->ip6))
			return false;
	} else if (!afo_addr6_ready(addr)) {
		return false;
	}
	return !afo_adapter_by_mac(an, ns->lladdr) &&
	       !ipv6_chk_addr_and_flags(an->net, &ns->saddr, NULL, true, 0, 0);
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
	if (!ad)
		return NF_ACCEPT;
	if (!afo_ns_parse(skb, &ns)) {
		/* perhaps the answer to a liveness target probe */
		afo_target6_heard(an, ad, skb);
		return NF_ACCEPT;
	}
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
	if (!afo_nd_may_answer(an, addr, ad, &ns))
		return NF_ACCEPT;
	/* Unicast to the asker, which is none of ours. */
	if (!afo_nd_xmit(skb->dev, &ns.target, &ns.saddr, ns.lladdr, true,
			 afo_nd_router(addr, skb->dev)))
		atomic_long_inc(&ad->stats.replies);
	return NF_ACCEPT;	/* the kernel sees it and answers nothing */
}

/* After the administrator's input rules, whatever priority they chose. */
static const struct nf_hook_ops afo_nd_ops = {
	.hook     = afo_nd_in,
	.pf       = NFPROTO_IPV6,
	.hooknum  = NF_INET_LOCAL_IN,
	.priority = INT_MAX - 1,
};

/**
 * afo_nd_hook_get - the namespace needs the ND hook: one more user
 * @an: the namespace
 *
 * Users are the addresses whose solicited-node group a sibling joined to
 * answer for them (addrs6.c) and the IPv6 VIPAs: only then has the hook
 * anything to answer or drop, and every other IPv6 packet of the
 * namespace is spared it. Under RTNL.
 *
 * Return: 0 when the hook is registered, else a negative errno (memory;
 * logged): the user is counted all the same, and the next one tries again.
 */
int afo_nd_hook_get(struct afo_net *an)
{
	int err;

	ASSERT_RTNL();
	an->nd_users++;
	if (an->nd_hooked)
		return 0;
	if (an->nd_closed)
		return -ENODEV;	/* the namespace is going away */
	err = nf_register_net_hook(an->net, &afo_nd_ops);
	if (err) {
		pr_warn_ratelimited("cannot register the IPv6 hook: error %d\n",
				    err);
		return err;
	}
	an->nd_hooked = true;
	return 0;
}

/**
 * afo_nd_hook_put - one user of the ND hook fewer; the last unregisters it
 * @an: the namespace (under RTNL)
 */
void afo_nd_hook_put(struct afo_net *an)
{
	ASSERT_RTNL();
	if (WARN_ON_ONCE(!an->nd_users))
		return;
	if (--an->nd_users || !an->nd_hooked)
		return;
	nf_unregister_net_hook(an->net, &afo_nd_ops);
	an->nd_hooked = false;
}

/**
 * afo_nd_hooks_close - the namespace is going away: no ND hook from now on
 * @net: the namespace (pre_exit: its devices, and our users, still exist)
 *
 * Takes RTNL. The hook goes with the ARP hooks, before the grace period
 * that precedes the namespace's exit; the users left are put then.
 */
void afo_nd_hooks_close(struct net *net)
{
	struct afo_net *an = afo_net(net);

	rtnl_lock();
	an->nd_closed = true;
	if (an->nd_hooked)
		nf_unregister_net_hook(net, &afo_nd_ops);
	an->nd_hooked = false;
	rtnl_unlock();
}
