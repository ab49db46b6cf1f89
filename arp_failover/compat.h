/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What differs between the kernels arp_failover builds against (5.10 to
 * the newest, and PREEMPT_RT; scripts/kernels.list), in one place, in
 * the manner of the kernel's backports: by feature test, never by
 * version number, which enterprise kernels keep while they backport
 * (compat.mk: a macro, a header, a declaration in a header).
 * The sources use the newest kernel's interfaces, or an afo_ helper of
 * this file where the two cannot be spelled the same way.
 */
#ifndef _ARP_FAILOVER_COMPAT_H
#define _ARP_FAILOVER_COMPAT_H

#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/route.h>

/* 6.12 moved <asm/unaligned.h> to <linux/unaligned.h> (compat.mk). */
#ifdef AFO_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * 6.10 dropped __assign_str()'s source argument: __string() records it
 * (compat.mk reads the macro's parameter list).
 */
#ifdef AFO_HAVE_ASSIGN_STR_DST_ONLY
#define afo_assign_str(dst, src) __assign_str(dst)
#else
#define afo_assign_str(dst, src) __assign_str(dst, src)
#endif

/*
 * Reference trackers of net devices: the type since 5.17 (empty without
 * CONFIG_NET_DEV_REFCNT_TRACKER), netdev_hold() and netdev_put() since
 * 6.0, dev_hold_track() and dev_put_track() in between. Each by what the
 * headers declare (compat.mk): enterprise kernels have them on older
 * version numbers.
 */
#ifndef AFO_HAVE_NETDEVICE_TRACKER
typedef struct {} netdevice_tracker;
#endif

#if !defined(AFO_HAVE_NETDEV_HOLD) && defined(AFO_HAVE_DEV_HOLD_TRACK)
static inline void netdev_hold(struct net_device *dev,
			       netdevice_tracker *tracker, gfp_t gfp)
{
	dev_hold_track(dev, tracker, gfp);
}

static inline void netdev_put(struct net_device *dev,
			      netdevice_tracker *tracker)
{
	dev_put_track(dev, tracker);
}
#elif !defined(AFO_HAVE_NETDEV_HOLD)
static inline void netdev_hold(struct net_device *dev,
			       netdevice_tracker *tracker, gfp_t gfp)
{
	dev_hold(dev);
}

static inline void netdev_put(struct net_device *dev,
			      netdevice_tracker *tracker)
{
	dev_put(dev);
}
#endif

/*
 * The per-CPU software counters of a device (dev->tstats, 5.10): the
 * transmit side and the ndo_get_stats64 that reads them came in 5.11.
 */
#ifndef AFO_HAVE_SW_NETSTATS_TX_ADD
static inline void dev_sw_netstats_tx_add(struct net_device *dev,
					  unsigned int packets,
					  unsigned int len)
{
	struct pcpu_sw_netstats *tstats = this_cpu_ptr(dev->tstats);

	u64_stats_update_begin(&tstats->syncp);
	tstats->tx_bytes += len;
	tstats->tx_packets += packets;
	u64_stats_update_end(&tstats->syncp);
}
#endif

#ifndef AFO_HAVE_GET_TSTATS64
static inline void dev_get_tstats64(struct net_device *dev,
				    struct rtnl_link_stats64 *s)
{
	netdev_stats_to_stats64(s, &dev->stats);
	dev_fetch_sw_netstats(s, dev->tstats);
}
#endif

/*
 * Drops counted by the core: per-CPU since 5.18, by
 * dev_core_stats_*_inc() (made by a generator macro, which 6.12 #undefs:
 * compat.mk greps for either); before, atomic counters in the device,
 * which dev_get_stats() adds up all the same.
 */
#ifndef AFO_HAVE_CORE_STATS_INC
static inline void dev_core_stats_rx_dropped_inc(struct net_device *dev)
{
	atomic_long_inc(&dev->rx_dropped);
}

static inline void dev_core_stats_tx_dropped_inc(struct net_device *dev)
{
	atomic_long_inc(&dev->tx_dropped);
}
#endif

/*
 * The size of a packed structure, asserted for the compiler only: the
 * sparse of bullseye (0.6.3, for 5.10) lays packed structures out as
 * unpacked ones. gcc checks it for every kernel all the same.
 */
#ifdef __CHECKER__
#define afo_static_assert_packed(expr) static_assert(1)
#else
#define afo_static_assert_packed(expr) static_assert(expr)
#endif

/*
 * 6.12 made NETIF_F_LLTX (no tx lock: the driver locks itself) a field
 * of its own, dev->lltx.
 */
static inline void afo_netdev_set_lltx(struct net_device *dev)
{
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

/*
 * The DS field in an IPv4 flow key, masked as the kernel's output route
 * lookup masks it, so that a FIB lookup of the module's finds what that
 * route lookup will: the TOS bits (IPTOS_RT_MASK) on older kernels, the
 * DSCP on newer ones, which 7.x keys on in a field of its own.
 */
static inline void afo_flowi4_set_dsfield(struct flowi4 *fl4, u8 dsfield)
{
#if defined(flowi4_dscp)
	fl4->flowi4_dscp = inet_dsfield_to_dscp(dsfield);
#elif defined(IPTOS_RT_MASK)
	fl4->flowi4_tos = dsfield & IPTOS_RT_MASK;
#else
	fl4->flowi4_tos = dsfield & INET_DSCP_MASK;
#endif
}

/*
 * Strict generic netlink. Since 6.1 (struct genl_family.resv_start_op,
 * which compat.mk looks for) the core refuses, for every command
 * at or above the family's resv_start_op (0 here: all), a request with
 * genlmsghdr.reserved set or nlmsg_flags other than REQUEST, ACK, ECHO
 * and DUMP, and gives an op without a policy one that rejects every
 * attribute. Before, it did neither: the family does both itself there,
 * with the core's messages, so that every kernel answers alike
 * (tests/netlink.sh) but for one thing: a dump's start callback has no
 * extended ack there, so its refusal comes without a message.
 * AFO_GENL_FAMILY_COMPAT goes in the family, AFO_GENL_DUMP_COMPAT in
 * every op without a policy of its own.
 */
#ifndef AFO_HAVE_GENL_RESV_START_OP
static inline int afo_genl_header_check(const struct nlmsghdr *nlh,
					const struct genlmsghdr *hdr,
					struct netlink_ext_ack *extack)
{
	u16 flags = nlh->nlmsg_flags;

	if (hdr->reserved) {
		NL_SET_ERR_MSG(extack, "genlmsghdr.reserved field is not 0");
		return -EINVAL;
	}
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		NL_SET_ERR_MSG(extack,
			       "ambiguous or reserved bits set in nlmsg_flags");
		return -EINVAL;
	}
	return 0;
}

static inline int afo_genl_pre_doit(const struct genl_ops *ops,
				    struct sk_buff *skb,
				    struct genl_info *info)
{
	return afo_genl_header_check(info->nlhdr, info->genlhdr, info->extack);
}

static inline int afo_genl_dump_start(struct netlink_callback *cb)
{
	return afo_genl_header_check(cb->nlh, nlmsg_data(cb->nlh), cb->extack);
}

static const struct nla_policy afo_genl_reject_all[] __maybe_unused = {
	{ .type = NLA_REJECT },
	{ .type = NLA_REJECT },
};

#define AFO_GENL_FAMILY_COMPAT .pre_doit = afo_genl_pre_doit,
#define AFO_GENL_DUMP_COMPAT .start = afo_genl_dump_start, \
	.policy = afo_genl_reject_all, .maxattr = 1,
#else
#define AFO_GENL_FAMILY_COMPAT
#define AFO_GENL_DUMP_COMPAT
#endif

/*
 * Who may listen to the events group (netlink.c): CAP_NET_ADMIN in the
 * namespace's user namespace, checked by the core at subscription where
 * a multicast group has flags (GENL_MCAST_CAP_NET_ADMIN: 6.7, and the
 * stable updates of December 2023, Debian 12's 6.1 among them). Some
 * stable kernels got only its forerunner, a cap_sys_admin bit (Debian
 * 11's 5.10): CAP_SYS_ADMIN there. A kernel with neither gives a family
 * no say at subscription: any user of the namespace may listen there.
 * compat.mk looks for both.
 */
#if defined(AFO_HAVE_GENL_MCAST_CAP_NET_ADMIN)
#define AFO_GENL_MCGRP_ADMIN .flags = GENL_MCAST_CAP_NET_ADMIN,
#elif defined(AFO_HAVE_GENL_MCAST_CAP_SYS_ADMIN_BIT)
#define AFO_GENL_MCGRP_ADMIN .cap_sys_admin = 1,
#else
#define AFO_GENL_MCGRP_ADMIN
#endif

#endif /* _ARP_FAILOVER_COMPAT_H */
