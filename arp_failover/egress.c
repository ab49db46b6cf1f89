// SPDX-License-Identifier: GPL-2.0-only
/*
 * Egress of an adapter whose path is judged silent. Without carrier,
 * ignore_routes_with_linkdown moves routes off an adapter (apply.c); a
 * silent path keeps carrier, so its routes stay in use and traffic from
 * its addresses would still leave into the dead path. While any adapter
 * of the namespace is silent and answered for by a sibling, a
 * NF_INET_LOCAL_OUT hook routes the host's own packets bound for it
 * again through that sibling, as ip_route_me_harder() does for a
 * rerouting rule. The hook is registered only for that time: no packet
 * pays for it otherwise. Forwarded packets are not the host's addresses'
 * and are left alone.
 */
#include <linux/ip.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/rtnetlink.h>
#include <net/route.h>

#include "adapter.h"
#include "egress.h"
#include "netns.h"

static unsigned int afo_local_out(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	struct dst_entry *dst = skb_dst(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct afo_adapter *ad;
	struct flowi4 fl4;
	struct rtable *rt;
	int to;

	if (!dst || !dst->dev || ipv4_is_multicast(iph->daddr) ||
	    ipv4_is_lbcast(iph->daddr))
		return NF_ACCEPT;
	ad = afo_adapter_find(afo_net(state->net), dst->dev->ifindex);
	if (!ad || !READ_ONCE(ad->diverted))
		return NF_ACCEPT;
	to = READ_ONCE(ad->core.responder);
	if (!to || to == ad->core.ifindex)
		return NF_ACCEPT;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = iph->daddr;
	fl4.saddr = iph->saddr;
	fl4.flowi4_oif = to;
	fl4.flowi4_mark = skb->mark;
	/*
	 * No TOS/DSCP in the key: its field differs between kernels, and a
	 * policy rule on it would not apply to the rerouted packets.
	 */
	rt = ip_route_output_key(state->net, &fl4);
	if (IS_ERR(rt))
		return NF_ACCEPT;	/* no way through it: keep the route */
	if (rt->dst.dev->ifindex != to) {
		ip_rt_put(rt);
		return NF_ACCEPT;
	}
	skb_dst_drop(skb);
	skb_dst_set(skb, &rt->dst);
	return NF_ACCEPT;
}

/* After the administrator's own rerouting rules, whatever their priority. */
static const struct nf_hook_ops afo_out_ops = {
	.hook     = afo_local_out,
	.pf       = NFPROTO_IPV4,
	.hooknum  = NF_INET_LOCAL_OUT,
	.priority = INT_MAX - 1,
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
	    nf_register_net_hook(an->net, &afo_out_ops)) {
		afo_warn(ad->dev, "cannot divert egress from its addresses\n");
		return;
	}
	WRITE_ONCE(ad->diverted, divert);
	an->ndiverted += divert ? 1 : -1;
	if (!an->ndiverted)
		nf_unregister_net_hook(an->net, &afo_out_ops);
}
