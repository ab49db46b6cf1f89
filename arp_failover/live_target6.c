// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPv6 liveness targets: for an adapter with no IPv4 target (an IPv6-only
 * host), the default router of its table, as router advertisements
 * taught the kernel, asked with neighbour solicitations.
 *
 * The router is the one the kernel's own output lookup of the default
 * route picks in the adapter's table (its VRF's, or main). Router
 * advertisements put a route on the device that heard them, possibly on
 * one adapter only, but a router on the pnet's segment is on the link of
 * every member, and its link-local address is valid on each: it counts
 * for every member whose pnet holds the route's device, as the IPv4
 * gateway does (live_target.c).
 *
 * A probe is a neighbour solicitation from the adapter's link-local
 * address, sent through the adapter itself past the IPv6 output hooks
 * (nd.c): unicast to the MAC the router last answered from, to its
 * solicited-node group once an answer is missed. An answer counts only
 * bound to such a probe: a solicited advertisement whose target is the
 * router, to a link-local address of the adapter, received on it (an L2
 * ipvlan adapter gets it from its lower device by its address) while its
 * probes are out.
 *
 * The answers are heard by the ND hook (nd.c), which each adapter keeps
 * registered, as one of its users, while its IPv6 probes are out
 * (afo_live.target_hooked): an idle host has no hook for them.
 *
 * Locking: the router, the probes and the hook's users change under RTNL
 * in the liveness round; the hook reads the router and the adapter's
 * facts under RCU in softirq. The router is 16 bytes, read while RTNL may
 * change it: a torn read only fails to match an answer (the probe is
 * sent again next round) or matches an advertisement for an address that
 * is neither router's, which nobody sends to our probe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>

#include "addrs6.h"
#include "adapter.h"
#include "live_target.h"
#include "nd.h"
#include "nd_parse.h"
#include "netns.h"

/*
 * Whether @via, the device of a route in @ad's table, is on @ad's link:
 * @ad itself, or a member of its pnet. Under RTNL or RCU.
 */
static bool afo_target6_link(struct afo_adapter *ad, struct net_device *via)
{
	struct afo_adapter *sib;

	if (via == ad->dev)
		return true;
	sib = afo_adapter_find(ad->an, via->ifindex);
	return sib && READ_ONCE(ad->core.pnet) &&
	       READ_ONCE(sib->core.pnet) == READ_ONCE(ad->core.pnet) &&
	       sib->l3dev == ad->l3dev;
}

/**
 * afo_target6_router - the default router @ad may ask
 * @ad:     the adapter
 * @router: gets its address
 *
 * Looked up as the kernel's output lookup of the default route does, in
 * @ad's table; a router on a device of another segment does not count.
 * Under RTNL, or under RCU in a steady liveness round.
 *
 * Return: true when there is one.
 */
bool afo_target6_router(struct afo_adapter *ad, struct in6_addr *router)
{
	struct flowi6 fl6 = {
		.flowi6_oif = ad->l3dev,
		.flowi6_proto = IPPROTO_ICMPV6,
	};
	const struct rt6_info *rt;
	struct dst_entry *dst;
	bool found = false;

	if (!afo_ip6_enabled(ad->dev))
		return false;
	/* daddr :: : the default route (::/0) unless a longer one holds :: */
	dst = ip6_route_output(dev_net(ad->dev), NULL, &fl6);
	rt = container_of(dst, struct rt6_info, dst);
	if (!dst->error && dst->dev && rt->rt6i_flags & RTF_GATEWAY &&
	    !rt->rt6i_dst.plen && afo_target6_link(ad, dst->dev)) {
		*router = rt->rt6i_gateway;
		found = true;
	}
	dst_release(dst);
	return found;
}

/**
 * afo_target6_hook - keep the ND hook for @ad's answers, or let it go
 * @ad:   the adapter
 * @want: its IPv6 target probes are out
 *
 * Under RTNL. One user of the hook per adapter that asks its router.
 *
 * Return: false when @want and the hook cannot be had: its answers would
 * go unheard, so the router must not be asked.
 */
bool afo_target6_hook(struct afo_adapter *ad, bool want)
{
	struct afo_live *live = &ad->live;

	ASSERT_RTNL();
	if (want == live->target_hooked)
		return true;
	if (!want) {
		afo_nd_hook_put(ad->an);
		WRITE_ONCE(live->target_hooked, false);
		return true;
	}
	if (afo_nd_hook_get(ad->an)) {
		afo_nd_hook_put(ad->an);
		return false;
	}
	/* a steady liveness round reads it without RTNL */
	WRITE_ONCE(live->target_hooked, true);
	return true;
}

/**
 * afo_target6_source - the address @ad asks its router from
 * @ad:    the adapter; its router in afo_live.target6
 * @saddr: gets it
 *
 * A link-local address of @ad's that is done with DAD, as the kernel's
 * own solicitations use (ndisc_send_ns()): the router answers it
 * whatever the scope of the router's address, and an optimistic one
 * must not go with a source link-layer option (RFC 4429, 3.3). Chosen
 * as for the solicitation's link-scope destination, the router's
 * solicited-node group (ipv6_get_lladdr(), which would say it directly,
 * is not exported). None while its link-local is in DAD, failed it, or
 * was never made (addr_gen_mode none): the router cannot be asked then.
 * Under RTNL.
 *
 * Return: true when there is one.
 */
bool afo_target6_source(struct afo_adapter *ad, struct in6_addr *saddr)
{
	struct net *net = dev_net(ad->dev);
	struct in6_addr group;

	addrconf_addr_solict_mult(&ad->live.target6, &group);
	return !ipv6_dev_get_saddr(net, ad->dev, &group, 0, saddr) &&
	       ipv6_addr_type(saddr) & IPV6_ADDR_LINKLOCAL &&
	       ipv6_chk_addr_and_flags(net, saddr, ad->dev, false, 0,
				       IFA_F_TENTATIVE | IFA_F_OPTIMISTIC);
}

/**
 * afo_target6_send - ask @ad's router
 * @ad:  the adapter; its router in afo_live.target6
 * @mac: the router's last MAC, NULL: its solicited-node group
 *
 * Under RTNL.
 *
 * Return: 0 when sent, else a negative errno (no link-local address).
 */
int afo_target6_send(struct afo_adapter *ad, const u8 *mac)
{
	struct in6_addr saddr;

	if (!afo_target6_source(ad, &saddr))
		return -EADDRNOTAVAIL;
	return afo_send_ns(ad->dev, &saddr, &ad->live.target6, mac);
}

/**
 * afo_target6_heard - an ND message other than a solicitation reached @rx
 * @an:  the namespace
 * @rx:  the adapter it arrived on
 * @skb: the packet, at NF_INET_LOCAL_IN
 *
 * Runs in softirq under RCU (the ND hook). Counts the answer of @rx's
 * router to a probe of @rx's.
 */
void afo_target6_heard(struct afo_net *an, struct afo_adapter *rx,
		       struct sk_buff *skb)
{
	struct afo_live *live = &rx->live;
	struct afo_na na;

	if (!READ_ONCE(live->target_on) || READ_ONCE(live->target) ||
	    !afo_na_parse(skb, &na) || !na.solicited ||
	    !ipv6_addr_equal(&na.target, &live->target6) ||
	    !(ipv6_addr_type(&na.daddr) & IPV6_ADDR_LINKLOCAL) ||
	    !ipv6_chk_addr(an->net, &na.daddr, rx->dev, 0))
		return;
	afo_target_answered(an, rx, na.lladdr);
}
