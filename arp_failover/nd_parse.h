/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading neighbour solicitations (nd_parse.c). */
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

bool afo_ns_parse(struct sk_buff *skb, struct afo_ns *ns);

#endif /* _ARP_FAILOVER_ND_PARSE_H */
