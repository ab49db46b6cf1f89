// SPDX-License-Identifier: GPL-2.0-only
/*
 * Egress of an adapter whose path is judged silent. Without carrier,
 * ignore_routes_with_linkdown moves routes off an adapter (apply.c); a
 * silent path keeps carrier, so its routes stay in use and traffic from
 * its addresses would still leave into the dead path. While any adapter
 * of the namespace is silent and answered for by a sibling, a
 * NF_INET_LOCAL_OUT hook per family routes the host's own packets bound
 * for it again through that sibling, as ip_route_me_harder() and
 * ip6_route_me_harder() do for a rerouting rule: with the packet's whole
 * key, so that policy rules apply, and by the sibling's own routes. The
 * hooks are registered only for that time: no packet pays for them
 * otherwise. Forwarded packets are not the host's addresses' and are
 * left alone.
 */
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/rtnetlink.h>
#include <net/flow_dissector.h>
#include <net/inet_sock.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ip_fib.h>
#include <net/l3mdev.h>
#include <net/ndisc.h>
#include <net/route.h>
#include <net/sock.h>

#include "adapter.h"
#include "compat.h"
#include "egress.h"
#include "netns.h"

/*
 * Whether @sk chose the device its packets leave by, and the responder
 * @to does not satisfy that choice: bound to @failed itself
 * (SO_BINDTODEVICE, or IP_UNICAST_IF for datagrams), or to an L3 master
 * @to is not in. Such packets keep their route: the socket asked for that
 * device, and a move would be silent. (IP_PKTINFO's per-packet ifindex
 * leaves no trace here: those packets move.)
 */
static bool afo_sk_keeps_dev(struct afo_net *an, const struct sock *sk,
			     int failed, int to)
{
	const struct afo_adapter *resp;
	int bound;

	if (!sk || (sk->sk_family != AF_INET && sk->sk_family != AF_INET6))
		return false;
	if (READ_ONCE(inet_sk(sk)->uc_index) == failed)
		return true;
	bound = READ_ONCE(sk->sk_bound_dev_if);
	if (!bound)
		return false;
	if (bound == failed)
		return true;
	resp = afo_adapter_find(an, to);
	return !resp || resp->l3dev != bound;
}

/*
 * The key of @skb's route through @to, as ip_route_me_harder() builds
 * it: with mark, uid, TOS and, where rules ask for them, protocol and
 * ports, so that the administrator's policy rules apply to the diverted
 * packet. The source is the packet's own, whatever it is: a transparent
 * socket's non-local one too, and any other the stack let through when
 * it routed the packet first.
 */
static void afo_egress_key(struct flowi4 *fl4, struct net *net,
			   struct sk_buff *skb, const struct sock *sk, int to)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct flow_keys flkeys;

	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = iph->daddr;
	fl4->saddr = iph->saddr;
	fl4->flowi4_oif = to;
	fl4->flowi4_iif = LOOPBACK_IFINDEX;	/* as every output lookup */
	fl4->flowi4_mark = skb->mark;
	fl4->flowi4_uid = sock_net_uid(net, sk);
	fl4->flowi4_flags = FLOWI_FLAG_ANYSRC;
	afo_flowi4_set_dsfield(fl4, iph->tos);
	fib4_rules_early_flow_dissect(net, skb, fl4, &flkeys);
}

/*
 * Whether the FIB routes @fl4 through its oif, as afo_target_route()
 * (live_target.c) asks: with the oif set, the output lookup never fails
 * but assumes a destination it has no route for is on the oif's link,
 * and would ARP for every remote peer on the sibling's segment. 0, or
 * the FIB's error for the destination (-ENETUNREACH: no route through
 * the sibling).
 */
static int afo_egress_fib(struct net *net, struct flowi4 *fl4)
{
	struct fib_result res;
	int err;

	err = fib_lookup(net, fl4, &res, FIB_LOOKUP_NOREF);
	if (err)
		return err;
	if (res.type != RTN_UNICAST || !res.nhc || !res.nhc->nhc_dev ||
	    res.nhc->nhc_dev->ifindex != fl4->flowi4_oif)
		return -ENETUNREACH;
	return 0;
}

/*
 * Where the host's packet that @dst routes goes instead: through the
 * responder of the adapter @dst leaves by, while that adapter's path is
 * judged silent, unless the packet's socket chose the device. Sets *@skp
 * to the packet's full socket, or NULL. Runs under RCU.
 *
 * Return: the responder's ifindex; 0 to leave the packet alone.
 */
static int afo_egress_to(struct afo_net *an, const struct dst_entry *dst,
			 const struct nf_hook_state *state, struct sock **skp)
{
	struct afo_adapter *ad;
	struct sock *sk;
	int to;

	*skp = NULL;
	ad = afo_adapter_find(an, dst->dev->ifindex);
	if (!ad || !READ_ONCE(ad->diverted))
		return 0;
	to = READ_ONCE(ad->core.responder);
	if (!to || to == ad->core.ifindex)
		return 0;
	sk = sk_to_full_sk(state->sk);
	if (sk && !sk_fullsock(sk))
		sk = NULL;
	*skp = sk;
	return afo_sk_keeps_dev(an, sk, ad->core.ifindex, to) ? 0 : to;
}

/*
 * The host's packet, routed out of an adapter: through the adapter's
 * responder while its path is judged silent. A packet with no route
 * through the responder is refused with the FIB's error, as carrier loss
 * (ignore_routes_with_linkdown) refuses one that only the failed
 * adapter's routes reach. Runs under RCU.
 */
static unsigned int afo_local_out(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	struct dst_entry *dst = skb_dst(skb);
	struct sock *sk;
	struct flowi4 fl4;
	struct rtable *rt;
	int to, err;

	/*
	 * A packet under an IPsec policy passes here twice: first in clear,
	 * its dst the xfrm bundle (whose dev is the real one); then
	 * transformed, its dst the plain route the bundle ends in. Only the
	 * second is diverted, by the addresses it leaves with: a plain route
	 * for the first would send it in clear.
	 */
	if (!dst || dst_xfrm(dst) || !dst->dev ||
	    skb_rtable(skb)->rt_type != RTN_UNICAST)
		return NF_ACCEPT;
	to = afo_egress_to(afo_net(state->net), dst, state, &sk);
	if (!to)
		return NF_ACCEPT;
	afo_egress_key(&fl4, state->net, skb, sk, to);
	err = afo_egress_fib(state->net, &fl4);
	if (err)
		return NF_DROP_ERR(err);
	/* Not ip_route_output_key(): with a protocol set it does xfrm too. */
	rt = ip_route_output_key_hash(state->net, &fl4, skb);
	if (IS_ERR(rt))
		return NF_DROP_ERR(PTR_ERR(rt));
	skb_dst_drop(skb);
	skb_dst_set(skb, &rt->dst);
	return NF_ACCEPT;
}

/*
 * Whether @skb is Neighbor Discovery: the module's own solicitations of
 * a silent adapter's router (live_target6.c) must leave by that adapter,
 * since they test its path, and the kernel's are bound to their link.
 */
static bool afo_egress_is_nd(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 type;

	if (ip6h->nexthdr != IPPROTO_ICMPV6 ||
	    skb_copy_bits(skb, skb_network_offset(skb) + sizeof(*ip6h),
			  &type, sizeof(type)) < 0)
		return false;
	return type >= NDISC_ROUTER_SOLICITATION && type <= NDISC_REDIRECT;
}

/* IPv6 destinations that belong to their link. */
#define AFO_EGRESS_LINK6 \
	(IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK)

/*
 * The IPv6 side of afo_local_out(), as ip6_route_me_harder() keys the
 * route: mark, uid and, where rules ask for them, protocol and ports.
 * Multicast and link-local destinations belong to their link, and ND to
 * its adapter: left alone. The lookup is strict about the responder (a
 * route of another device is no route through it).
 */
static unsigned int afo_local_out6(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	struct dst_entry *dst = skb_dst(skb), *ndst;
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct flow_keys flkeys;
	struct flowi6 fl6;
	struct sock *sk;
	int to, err;

	if (!dst || dst_xfrm(dst) || !dst->dev ||
	    (ipv6_addr_type(&ip6h->daddr) & AFO_EGRESS_LINK6) ||
	    afo_egress_is_nd(skb))
		return NF_ACCEPT;
	to = afo_egress_to(afo_net(state->net), dst, state, &sk);
	if (!to)
		return NF_ACCEPT;
	memset(&fl6, 0, sizeof(fl6));
	fl6.daddr = ip6h->daddr;
	fl6.saddr = ip6h->saddr;
	fl6.flowi6_oif = to;
	fl6.flowi6_mark = skb->mark;
	fl6.flowi6_uid = sock_net_uid(state->net, sk);
	fib6_rules_early_flow_dissect(state->net, skb, &fl6, &flkeys);
	ndst = ip6_route_output_flags(state->net, sk, &fl6,
				      RT6_LOOKUP_F_IFACE);
	err = ndst->error;
	if (!err && (!ndst->dev || ndst->dev->ifindex != to))
		err = -ENETUNREACH;
	if (err) {
		dst_release(ndst);
		return NF_DROP_ERR(err);
	}
	skb_dst_drop(skb);
	skb_dst_set(skb, ndst);
	return NF_ACCEPT;
}

/* After the administrator's own rerouting rules, whatever their priority. */
static const struct nf_hook_ops afo_out_ops[] = {
	{
		.hook     = afo_local_out,
		.pf       = NFPROTO_IPV4,
		.hooknum  = NF_INET_LOCAL_OUT,
		.priority = INT_MAX - 1,
	},
	{
		.hook     = afo_local_out6,
		.pf       = NFPROTO_IPV6,
		.hooknum  = NF_INET_LOCAL_OUT,
		.priority = INT_MAX - 1,
	},
};

/**
 * afo_egress_silent - route @ad's egress through its responder, or stop
 * @ad:     the adapter
 * @divert: its path is judged silent and a sibling answers for it
 *
 * Under RTNL. A hook that cannot be registered (memory) leaves egress
 * where the routes put it, as before the module: logged once.
 */
void afo_egress_silent(struct afo_adapter *ad, bool divert)
{
	struct afo_net *an = ad->an;

	ASSERT_RTNL();
	if (ad->diverted == divert)
		return;
	if (divert && !an->ndiverted &&
	    nf_register_net_hooks(an->net, afo_out_ops,
				  ARRAY_SIZE(afo_out_ops))) {
		afo_warn(ad->dev, "cannot divert egress from its addresses\n");
		return;
	}
	WRITE_ONCE(ad->diverted, divert);
	an->ndiverted += divert ? 1 : -1;
	if (!an->ndiverted)
		nf_unregister_net_hooks(an->net, afo_out_ops,
					ARRAY_SIZE(afo_out_ops));
}
