/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading neighbour solicitations and advertisements (nd_parse.c). */
#ifndef _ARP_FAILOVER_ND_PARSE_H
#define _ARP_FAILOVER_ND_PARSE_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/skbuff.h>

/**
 * struct afo_ns - what we act on in a neighbour solicitation
 * @saddr:  its IPv6 source (unicast: DAD probes are left alone)
 * @target: the address solicited
 * @lladdr: the sender's MAC: its source link-layer option, else the
 *          frame's Ethernet source
 */
struct afo_ns {
	struct in6_addr saddr;
	struct in6_addr target;
	u8 lladdr[ETH_ALEN];
};

/**
 * struct afo_na - what a liveness target's answer must bind
 * @daddr:     its IPv6 destination
 * @target:    the address advertised
 * @solicited: its solicited flag: an answer to a solicitation
 * @lladdr:    the MAC it came from (its Ethernet source)
 */
struct afo_na {
	struct in6_addr daddr;
	struct in6_addr target;
	bool solicited;
	u8 lladdr[ETH_ALEN];
};

bool afo_ns_parse(struct sk_buff *skb, struct afo_ns *ns);
bool afo_na_parse(struct sk_buff *skb, struct afo_na *na);

#endif /* _ARP_FAILOVER_ND_PARSE_H */
