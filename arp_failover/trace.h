/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tracepoints of arp_failover, under events/arp_failover/ in tracefs.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM arp_failover

#if !defined(_ARP_FAILOVER_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _ARP_FAILOVER_TRACE_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/tracepoint.h>

#include "compat.h"

/* An adapter gained or lost carrier, as the module saw it. */
TRACE_EVENT(arp_failover_carrier,
	TP_PROTO(const struct net_device *dev, bool carrier),
	TP_ARGS(dev, carrier),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__field(bool, carrier)
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		__entry->carrier = carrier;
	),
	TP_printk("dev=%s carrier=%d", __get_str(dev), __entry->carrier)
);

/* Something of @dev changed from @old to @new. */
DECLARE_EVENT_CLASS(arp_failover_change,
	TP_PROTO(const struct net_device *dev, u32 old, u32 new),
	TP_ARGS(dev, old, new),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__field(u32, old)
		__field(u32, new)
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		__entry->old = old;
		__entry->new = new;
	),
	TP_printk("dev=%s old=%u new=%u",
		  __get_str(dev), __entry->old, __entry->new)
);

/* The ifindex of the adapter answering for @dev's addresses (0: none). */
DEFINE_EVENT(arp_failover_change, arp_failover_responder,
	TP_PROTO(const struct net_device *dev, u32 old, u32 new),
	TP_ARGS(dev, old, new)
);

/* How @dev's path is judged: enum afo_judged (0 ok, 1 silent, 2 lost). */
DEFINE_EVENT(arp_failover_change, arp_failover_judged,
	TP_PROTO(const struct net_device *dev, u32 old, u32 new),
	TP_ARGS(dev, old, new)
);

/* The physical network @dev is on. */
DEFINE_EVENT(arp_failover_change, arp_failover_pnet,
	TP_PROTO(const struct net_device *dev, u32 old, u32 new),
	TP_ARGS(dev, old, new)
);

/* Whether @dev answers for the VIPAs on its pnet (1) or not (0). */
DEFINE_EVENT(arp_failover_change, arp_failover_vipa_duty,
	TP_PROTO(const struct net_device *dev, u32 old, u32 new),
	TP_ARGS(dev, old, new)
);

/*
 * A liveness round of the namespace @netns (its inode number) ran among
 * @members adapters: @full under RTNL, judging; else a steady one, with
 * no RTNL (liveness.c).
 */
TRACE_EVENT(arp_failover_live_round,
	TP_PROTO(u32 netns, u32 round, unsigned int members, bool full),
	TP_ARGS(netns, round, members, full),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(u32, round)
		__field(unsigned int, members)
		__field(bool, full)
	),
	TP_fast_assign(
		__entry->netns = netns;
		__entry->round = round;
		__entry->members = members;
		__entry->full = full;
	),
	TP_printk("netns=%u round=%u members=%u full=%d", __entry->netns,
		  __entry->round, __entry->members, __entry->full)
);

/* A gratuitous ARP for @ip left @dev. */
TRACE_EVENT(arp_failover_garp,
	TP_PROTO(const struct net_device *dev, __be32 ip),
	TP_ARGS(dev, ip),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__field(u32, ip)	/* network order; sparse-clean */
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		__entry->ip = (__force u32)ip;
	),
	TP_printk("dev=%s ip=%pI4", __get_str(dev), &__entry->ip)
);

/* An unsolicited neighbour advertisement for @ip6 left @dev. */
TRACE_EVENT(arp_failover_una,
	TP_PROTO(const struct net_device *dev, const struct in6_addr *ip6),
	TP_ARGS(dev, ip6),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__array(u8, ip6, 16)
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		memcpy(__entry->ip6, ip6, 16);
	),
	TP_printk("dev=%s ip6=%pI6c", __get_str(dev), __entry->ip6)
);

/*
 * An address of @dev left it while adapter @responder answered for it:
 * @ip, or @ip6 when @v6.
 */
TRACE_EVENT(arp_failover_addr_lost,
	TP_PROTO(const struct net_device *dev, u32 responder, bool v6,
		 __be32 ip, const struct in6_addr *ip6),
	TP_ARGS(dev, responder, v6, ip, ip6),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__field(u32, responder)
		__field(bool, v6)
		__field(u32, ip)	/* network order; sparse-clean */
		__array(u8, ip6, 16)
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		__entry->responder = responder;
		__entry->v6 = v6;
		__entry->ip = (__force u32)ip;
		memcpy(__entry->ip6, ip6, 16);
	),
	TP_printk("dev=%s responder=%u v6=%d ip=%pI4 ip6=%pI6c",
		  __get_str(dev), __entry->responder, __entry->v6,
		  &__entry->ip, __entry->ip6)
);

/* A discovery probe left @dev. */
TRACE_EVENT(arp_failover_probe,
	TP_PROTO(const struct net_device *dev, u32 seq),
	TP_ARGS(dev, seq),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__field(u32, seq)
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		__entry->seq = seq;
	),
	TP_printk("dev=%s seq=%u", __get_str(dev), __entry->seq)
);

/* A probe heard on @dev was not accepted. */
TRACE_EVENT(arp_failover_probe_rejected,
	TP_PROTO(const struct net_device *dev, const u8 *sha, const char *why),
	TP_ARGS(dev, sha, why),
	TP_STRUCT__entry(
		__string(dev, dev->name)
		__array(u8, sha, ETH_ALEN)
		__string(why, why)
	),
	TP_fast_assign(
		afo_assign_str(dev, dev->name);
		memcpy(__entry->sha, sha, ETH_ALEN);
		afo_assign_str(why, why);
	),
	TP_printk("dev=%s from=%pM why=%s",
		  __get_str(dev), __entry->sha, __get_str(why))
);

#endif /* _ARP_FAILOVER_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
