// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading ND messages for the ND hook (nd.c): the solicitations it may
 * answer and the advertisements that answer a liveness target probe
 * (live_target6.c), checked as the kernel's own ND checks them. Softirq,
 * no locks; KUnit feeds it hostile frames (kunit/nd_parse_test.c).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "nd_parse.h"

/*
 * The options of a solicitation, checked as ndisc_parse_options() and
 * ndisc_opt_addr_data() do: each has a length, none runs past the end,
 * the source link-layer option is 8 bytes on Ethernet. Copies the first
 * such option's MAC into @ns->lladdr (the kernel ignores duplicates).
 * Return: false when the kernel would drop the solicitation.
 */
static bool afo_ns_options(const u8 *opt, unsigned int len, struct afo_ns *ns)
{
	bool sllao = false;

	while (len) {
		unsigned int l;

		if (len < 2)
			return false;
		l = opt[1] << 3;
		if (!l || l > len)
			return false;
		/* Exactly 8 bytes on Ethernet; a duplicate is ignored. */
		if (opt[0] == ND_OPT_SOURCE_LL_ADDR && !sllao) {
			if (l != 8)
				return false;
			memcpy(ns->lladdr, opt + 2, ETH_ALEN);
			sllao = true;
		}
		opt += l;
		len -= l;
	}
	return true;
}

/*
 * The ND message of @type in @skb, whole in its linear part, validated as
 * ndisc_rcv() would: an Ethernet frame, hop limit 255, code 0, checksum,
 * length, a unicast target; no extension header before the ICMPv6 one.
 * Its length goes to @len. Return: NULL for anything else.
 */
static const struct nd_msg *afo_nd_valid(struct sk_buff *skb, u8 type,
					 unsigned int *len)
{
	unsigned int off = skb_network_offset(skb) + sizeof(struct ipv6hdr);
	const struct ipv6hdr *ip6;
	const struct nd_msg *msg;

	/*
	 * An Ethernet frame, whole: ND drops a message reassembled from
	 * fragments (RFC 6980, ndisc_suppress_frag_ndisc()).
	 */
	if (skb->dev->type != ARPHRD_ETHER || !skb_mac_header_was_set(skb) ||
	    skb_mac_header_len(skb) < ETH_HLEN ||
	    IP6CB(skb)->flags & IP6SKB_FRAGMENTED ||
	    !pskb_may_pull(skb, off + sizeof(struct nd_msg)))
		return NULL;
	ip6 = ipv6_hdr(skb);
	if (ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255)
		return NULL;
	*len = ntohs(ip6->payload_len);
	if (*len < sizeof(struct nd_msg) || off + *len > skb->len)
		return NULL;
	msg = (const struct nd_msg *)(skb->data + off);
	if (msg->icmph.icmp6_type != type || msg->icmph.icmp6_code ||
	    ipv6_addr_is_multicast(&msg->target))
		return NULL;
	if (!pskb_may_pull(skb, off + *len))
		return NULL;
	ip6 = ipv6_hdr(skb);
	if (csum_ipv6_magic(&ip6->saddr, &ip6->daddr, *len, IPPROTO_ICMPV6,
			    skb_checksum(skb, off, *len, 0)))
		return NULL;
	return (const struct nd_msg *)(skb->data + off);
}

/**
 * afo_ns_parse - read a neighbour solicitation we may answer
 * @skb: an IPv6 packet at NF_INET_LOCAL_IN (network header set)
 * @ns:  filled in when it is one
 *
 * Validated as ndisc_rcv() and ndisc_recv_ns() would (afo_nd_valid()),
 * with well-formed options.
 *
 * Return: false for anything else, which is the kernel's to judge; for
 * a DAD probe (source ::), which only the holder of the address may
 * answer; and for a sender's MAC no unicast answer could go to (zero,
 * multicast or broadcast): an answer to a group would reach every node
 * of the link, the address's holder too, which fails its DAD on it.
 */
bool afo_ns_parse(struct sk_buff *skb, struct afo_ns *ns)
{
	const struct ipv6hdr *ip6;
	const struct nd_msg *msg;
	unsigned int len;

	msg = afo_nd_valid(skb, NDISC_NEIGHBOUR_SOLICITATION, &len);
	if (!msg)
		return false;
	ip6 = ipv6_hdr(skb);
	if (ipv6_addr_any(&ip6->saddr) ||
	    ipv6_addr_type(&ip6->saddr) & IPV6_ADDR_MULTICAST)
		return false;
	ns->saddr = ip6->saddr;
	ns->target = msg->target;
	memcpy(ns->lladdr, eth_hdr(skb)->h_source, ETH_ALEN);
	return afo_ns_options(msg->opt, len - sizeof(*msg), ns) &&
	       is_valid_ether_addr(ns->lladdr);
}

/**
 * afo_na_parse - read a neighbour advertisement
 * @skb: an IPv6 packet at NF_INET_LOCAL_IN (network header set)
 * @na:  filled in when it is one
 *
 * Validated as ndisc_rcv() would (afo_nd_valid()); its options are
 * not read: the MAC that counts is the one it came from.
 *
 * Return: false for anything else, and for an Ethernet source no probe
 * could be unicast to.
 */
bool afo_na_parse(struct sk_buff *skb, struct afo_na *na)
{
	const struct nd_msg *msg;
	unsigned int len;

	msg = afo_nd_valid(skb, NDISC_NEIGHBOUR_ADVERTISEMENT, &len);
	if (!msg)
		return false;
	na->daddr = ipv6_hdr(skb)->daddr;
	na->target = msg->target;
	na->solicited = msg->icmph.icmp6_solicited;
	memcpy(na->lladdr, eth_hdr(skb)->h_source, ETH_ALEN);
	return is_valid_ether_addr(na->lladdr);
}
