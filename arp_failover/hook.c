// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARP hooks. NF_ARP_IN: of the managed adapters, only an address's
 * responder answers a request for it, and the module answers itself so
 * that the reply does not depend on arp_ignore/arp_filter; sibling probes
 * are consumed. NF_ARP_OUT: nothing the host's own ARP code sends binds a
 * managed address to a MAC other than its responder's.
 *
 * Both run after every other ARP hook of the namespace (arptables, nft
 * "arp" tables at any usual priority): a request the administrator's rules
 * drop never reaches us and is not answered.
 *
 * Both run in softirq (or in the sender's context for NF_ARP_OUT) under
 * rcu_read_lock(), and read only what netns.h lists as read by the hooks.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netfilter.h>
#include <linux/netfilter_arp.h>
#include <linux/skbuff.h>

#include "adapter.h"
#include "discovery.h"
#include "hook.h"
#include "live_target.h"
#include "liveness.h"
#include "nd.h"
#include "netns.h"
#include "xmit.h"

/**
 * struct afo_arp - the fields of an Ethernet/IPv4 ARP frame we act on
 * @op:  operation, host order
 * @sha: sender hardware address (points into the skb)
 * @tha: target hardware address (likewise)
 * @sip: sender protocol address
 * @tip: target protocol address
 */
struct afo_arp {
	u16 op;
	const u8 *sha;
	const u8 *tha;
	__be32 sip;
	__be32 tip;
};

/* Offset of the sender protocol address in the ARP header. */
#define AFO_ARP_SIP_OFF (sizeof(struct arphdr) + ETH_ALEN)

/*
 * Validates the frame as arp_rcv() does and reads its addresses. Frames
 * that are not Ethernet/IPv4 ARP are not ours to judge.
 */
static bool afo_arp_parse(struct sk_buff *skb, struct afo_arp *a)
{
	unsigned int off = skb_network_offset(skb);
	const struct arphdr *arp;
	const u8 *p;

	if (skb->dev->type != ARPHRD_ETHER ||
	    !pskb_may_pull(skb, off + arp_hdr_len(skb->dev)))
		return false;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != 4)
		return false;
	p = (const u8 *)(arp + 1);
	a->op = ntohs(arp->ar_op);
	a->sha = p;
	a->tha = p + ETH_ALEN + 4;
	memcpy(&a->sip, p + ETH_ALEN, 4);
	memcpy(&a->tip, p + 2 * ETH_ALEN + 4, 4);
	return true;
}

/*
 * A sender only the kernel's own rules can judge: a loopback address is
 * fine with route_localnet=1, the others are dropped by arp_process()
 * under rules of its own. For these the responder leaves the request, and
 * its reply, to the kernel: never answer less, or more, than it would.
 */
static bool afo_sender_for_kernel(__be32 sip, const u8 *sha)
{
	return ipv4_is_multicast(sip) || ipv4_is_loopback(sip) ||
	       is_multicast_ether_addr(sha);
}

static unsigned int afo_arp_in(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	struct afo_net *an = afo_net(state->net);
	struct afo_adapter *ad;
	struct afo_addr *addr;
	struct afo_arp arp;

	ad = afo_adapter_find(an, skb->dev->ifindex);
	if (!ad || !afo_arp_parse(skb, &arp))
		return NF_ACCEPT;
	if (afo_probe_received(an, skb, ad, arp.sha, arp.sip, arp.tip))
		return NF_DROP;
	afo_announcement_received(an, ad, arp.sha, arp.sip, arp.tip);
	afo_target_heard(an, ad, arp.op, arp.sha, arp.sip, arp.tha, arp.tip);
	addr = arp.op == ARPOP_REQUEST ?
	       afo_addr_find(an, ad->l3dev, arp.tip) : NULL;
	afo_sibling_heard(an, ad, arp.sha, addr);
	if (arp.op != ARPOP_REQUEST)
		return NF_ACCEPT;
	if (!addr || afo_addr_unclaimed(addr))
		return NF_ACCEPT;	/* the kernel answers, as without us */

	if (!afo_answers(addr, ad)) {
		atomic_long_inc(&ad->stats.dropped);
		return NF_DROP;
	}
	if (afo_sender_for_kernel(arp.sip, arp.sha))
		return NF_ACCEPT;
	/*
	 * Answer ourselves; the kernel still sees the request (and may learn
	 * the sender), but its own reply is dropped on the way out.
	 */
	if (!afo_send_reply(skb->dev, arp.tip, arp.sip, arp.sha))
		atomic_long_inc(&ad->stats.replies);
	return NF_ACCEPT;
}

/* Turn the request into an RFC 5227 probe: the peer answers, learns nothing. */
static unsigned int afo_arp_anonymize(struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb) + AFO_ARP_SIP_OFF;

	if (skb_ensure_writable(skb, off + 4))
		return NF_DROP;
	memset(skb->data + off, 0, 4);
	return NF_ACCEPT;
}

static unsigned int afo_arp_out(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct afo_net *an = afo_net(state->net);
	struct afo_adapter *ad;
	struct afo_addr *addr;
	struct afo_arp arp;

	if (afo_skb_is_ours(skb))
		return NF_ACCEPT;
	ad = afo_adapter_find(an, skb->dev->ifindex);
	if (!ad || !afo_arp_parse(skb, &arp))
		return NF_ACCEPT;
	addr = afo_addr_find(an, ad->l3dev, arp.sip);
	if (!addr || afo_addr_unclaimed(addr))
		return NF_ACCEPT;
	/*
	 * Replies for managed addresses are ours (let through above), but
	 * for the senders we leave to the kernel, its responder's reply.
	 */
	if (arp.op == ARPOP_REPLY)
		return afo_answers(addr, ad) &&
		       afo_sender_for_kernel(arp.tip, arp.tha) ?
		       NF_ACCEPT : NF_DROP;
	if (afo_answers(addr, ad))
		return NF_ACCEPT;
	/* A gratuitous ARP from the wrong adapter would move peers there. */
	if (arp.sip == arp.tip)
		return NF_DROP;
	return afo_arp_anonymize(skb);
}

/* After the administrator's ARP rules, whatever priority they chose. */
#define AFO_NF_PRIORITY (INT_MAX - 1)

static const struct nf_hook_ops afo_nf_ops[] = {
	{
		.hook     = afo_arp_in,
		.pf       = NFPROTO_ARP,
		.hooknum  = NF_ARP_IN,
		.priority = AFO_NF_PRIORITY,
	},
	{
		.hook     = afo_arp_out,
		.pf       = NFPROTO_ARP,
		.hooknum  = NF_ARP_OUT,
		.priority = AFO_NF_PRIORITY,
	},
};

int afo_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, afo_nf_ops, ARRAY_SIZE(afo_nf_ops));
}

/* The IPv6 hook too, which nd.c registers while it has users. */
void afo_hooks_unregister(struct net *net)
{
	afo_nd_hooks_close(net);
	nf_unregister_net_hooks(net, afo_nf_ops, ARRAY_SIZE(afo_nf_ops));
}
