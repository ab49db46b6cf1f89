// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic netlink family "arp_failover": dumps of a namespace's
 * physical networks, adapters, addresses and devices (managed or why
 * not), per-adapter settings, and the "events" multicast group.
 * Documentation/netlink/specs/arp_failover.yaml describes it.
 *
 * Any user of the namespace may dump; the dumps of pnets, adapters and
 * addresses read the tables the ARP hooks read, under RCU, so that a loop
 * of dumps from many sockets never contends RTNL with the rest of the
 * system. The device dump asks the membership predicate, which reads
 * state only RTNL protects (masters, in_device): it alone takes RTNL,
 * once per part of the dump, as `ip link show` does. The set command
 * needs CAP_NET_ADMIN and takes RTNL.
 *
 * Events are built where the transition happens (under RTNL, or in the
 * ARP hook for rejected probes) and only when someone listens; only
 * CAP_NET_ADMIN in the namespace's user namespace may listen, where the
 * kernel can tell (AFO_GENL_MCGRP_ADMIN, compat.h): a listener makes the
 * hook build a message in softirq for frames anyone on the segment can
 * send, which a monitoring tool of the administrator is worth and an
 * unprivileged process is not.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include <uapi/linux/arp_failover.h>

#include "adapter.h"
#include "compat.h"
#include "liveness.h"
#include "membership.h"
#include "netlink.h"
#include "netns.h"
#include "settings.h"
#include "params.h"

static struct genl_family afo_genl_family;

enum afo_mcgrp {
	AFO_MCGRP_EVENTS,
};

static const struct genl_multicast_group afo_mcgrps[] = {
	[AFO_MCGRP_EVENTS] = {
		.name = ARPFO_MCGRP_EVENTS,
		AFO_GENL_MCGRP_ADMIN
	},
};

/*
 * The dumps read the core's fields under RCU while RTNL writers change
 * them: each once (READ_ONCE), so that a dump racing with a change shows
 * either value of a field, never a torn one; two fields may be of two
 * moments, as the hooks see them.
 */
static u32 afo_adapter_state(const struct afo_adapter *ad)
{
	if (READ_ONCE(ad->core.healthy))
		return ARPFO_STATE_HEALTHY;
	if (!READ_ONCE(ad->core.carrier))
		return ARPFO_STATE_DOWN;
	return READ_ONCE(ad->core.judged) ? ARPFO_STATE_FAILED :
					    ARPFO_STATE_DELAYED;
}

static int afo_put_stats(struct sk_buff *skb, const struct afo_stats *st)
{
	static const struct {
		int attr;
		size_t off;
	} counters[] = {
		{ ARPFO_A_STATS_PROBES_SENT,
		  offsetof(struct afo_stats, probes_sent) },
		{ ARPFO_A_STATS_PROBES_HEARD,
		  offsetof(struct afo_stats, probes_heard) },
		{ ARPFO_A_STATS_PROBES_REJECTED,
		  offsetof(struct afo_stats, probes_rejected) },
		{ ARPFO_A_STATS_ANNOUNCEMENTS,
		  offsetof(struct afo_stats, announcements) },
		{ ARPFO_A_STATS_REPLIES,
		  offsetof(struct afo_stats, replies) },
		{ ARPFO_A_STATS_DROPPED,
		  offsetof(struct afo_stats, dropped) },
		{ ARPFO_A_STATS_TAKEOVERS,
		  offsetof(struct afo_stats, takeovers) },
		{ ARPFO_A_STATS_RECLAIMS,
		  offsetof(struct afo_stats, reclaims) },
		{ ARPFO_A_STATS_LIVE_SENT,
		  offsetof(struct afo_stats, live_sent) },
		{ ARPFO_A_STATS_LIVE_HEARD,
		  offsetof(struct afo_stats, live_heard) },
		{ ARPFO_A_STATS_TARGET_SENT,
		  offsetof(struct afo_stats, target_sent) },
		{ ARPFO_A_STATS_TARGET_HEARD,
		  offsetof(struct afo_stats, target_heard) },
		{ ARPFO_A_STATS_ADDRS_LOST,
		  offsetof(struct afo_stats, addrs_lost) },
	};
	struct nlattr *nest = nla_nest_start(skb, ARPFO_A_ADAPTER_STATS);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(counters); i++) {
		const atomic_long_t *v = (const void *)st + counters[i].off;

		if (nla_put_u64_64bit(skb, counters[i].attr,
				      atomic_long_read(v), ARPFO_A_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Milliseconds since @at, when @at is set (0: never). */
static int afo_put_ago(struct sk_buff *skb, int attr, unsigned long at)
{
	if (!at)
		return 0;
	return nla_put_u32(skb, attr, jiffies_to_msecs(jiffies - at));
}

/* How its path was judged, and the evidence. */
static int afo_put_live(struct sk_buff *skb, const struct afo_adapter *ad)
{
	const struct afo_live *live = &ad->live;
	__be32 target = READ_ONCE(live->target);
	struct in6_addr target6 = live->target6;	/* torn: shown once */
	int err;

	if (nla_put_u32(skb, ARPFO_A_ADAPTER_JUDGED,
			READ_ONCE(ad->core.carrier) ?
			afo_judged_uapi(READ_ONCE(ad->core.judged)) :
			ARPFO_JUDGED_NO_CARRIER) ||
	    afo_put_ago(skb, ARPFO_A_ADAPTER_HEARS_MS,
			READ_ONCE(live->rx_at)) ||
	    afo_put_ago(skb, ARPFO_A_ADAPTER_HEARD_MS,
			READ_ONCE(live->tx_at)))
		return -EMSGSIZE;
	if (target)
		err = nla_put_in_addr(skb, ARPFO_A_ADAPTER_TARGET, target);
	else if (!ipv6_addr_any(&target6))
		err = nla_put_in6_addr(skb, ARPFO_A_ADAPTER_TARGET6, &target6);
	else
		return 0;
	if (err ||
	    nla_put_u8(skb, ARPFO_A_ADAPTER_TARGET_SRC,
		       READ_ONCE(live->target_src)) ||
	    afo_put_ago(skb, ARPFO_A_ADAPTER_TARGET_MS,
			READ_ONCE(live->target_at)))
		return -EMSGSIZE;
	return 0;
}

static int afo_fill_adapter(struct sk_buff *skb, const struct afo_adapter *ad)
{
	const struct net_device *dev = ad->dev;

	if (nla_put_u32(skb, ARPFO_A_ADAPTER_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, ARPFO_A_ADAPTER_IFNAME, dev->name) ||
	    nla_put(skb, ARPFO_A_ADAPTER_MAC, ETH_ALEN, dev->dev_addr) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_PNET, READ_ONCE(ad->core.pnet)) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_STATE, afo_adapter_state(ad)) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_PROBING,
			READ_ONCE(ad->core.probing)) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_RESPONDER,
			READ_ONCE(ad->core.responder)) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_PRIORITY,
			READ_ONCE(ad->core.priority)) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_KIND,
			ad->offload ? ARPFO_KIND_OFFLOAD : ARPFO_KIND_HOST) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_VIPA_DUTY,
			READ_ONCE(ad->core.vipa_duty)) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_L3DEV, ad->l3dev) ||
	    nla_put_u32(skb, ARPFO_A_ADAPTER_ADDRS_LOST,
			READ_ONCE(ad->addrs_lost)) ||
	    afo_put_live(skb, ad))
		return -EMSGSIZE;
	return afo_put_stats(skb, &ad->stats);
}

/*
 * A shared address is answered by each holder, the kernel's way. Under
 * RCU: its owner is freed after it (afo_adapter_free()).
 */
static int afo_fill_addr(struct sk_buff *skb, const struct afo_addr *addr)
{
	bool shared = READ_ONCE(addr->shared);

	if ((addr->v6 ? nla_put_in6_addr(skb, ARPFO_A_ADDR_ADDR6, &addr->ip6) :
			nla_put_in_addr(skb, ARPFO_A_ADDR_ADDR, addr->ip)) ||
	    nla_put_u32(skb, ARPFO_A_ADDR_OWNER, afo_addr_holder(addr)) ||
	    nla_put_u32(skb, ARPFO_A_ADDR_L3DEV, addr->l3dev) ||
	    (shared && nla_put_flag(skb, ARPFO_A_ADDR_SHARED)))
		return -EMSGSIZE;
	if (addr->vipa_dev)
		return nla_put_flag(skb, ARPFO_A_ADDR_VIPA) ? -EMSGSIZE : 0;
	return nla_put_u32(skb, ARPFO_A_ADDR_RESPONDER,
			   shared ? addr->owner->core.ifindex :
				    READ_ONCE(addr->owner->core.responder)) ?
	       -EMSGSIZE : 0;
}

/* Under RCU: the members of @pnet as the adapter table has them now. */
static int afo_fill_pnet(struct sk_buff *skb, struct afo_net *an, u32 pnet)
{
	u32 healthy = 0, holder = 0;
	struct afo_adapter *ad;
	unsigned int bkt;

	if (nla_put_u32(skb, ARPFO_A_PNET_ID, pnet))
		return -EMSGSIZE;
	hash_for_each_rcu(an->by_ifindex, bkt, ad, hnode) {
		if (READ_ONCE(ad->core.pnet) != pnet)
			continue;
		healthy += READ_ONCE(ad->core.healthy);
		if (READ_ONCE(ad->core.vipa_duty))
			holder = ad->core.ifindex;
		if (nla_put_u32(skb, ARPFO_A_PNET_MEMBER, ad->core.ifindex))
			return -EMSGSIZE;
	}
	if (nla_put_u32(skb, ARPFO_A_PNET_HEALTHY, healthy) ||
	    nla_put_u32(skb, ARPFO_A_PNET_VIPA_HOLDER, holder))
		return -EMSGSIZE;
	return 0;
}

/*
 * One dump message per object. cb->args[0] counts the objects already
 * sent, so that a dump spread over several skbs resumes where it stopped;
 * objects that come and go in between may be missed or repeated, as in
 * every netlink dump.
 */
struct afo_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long idx;
	bool full;
};

/* Whether the next object went out in an earlier part of the dump. */
static bool afo_dump_skip(struct afo_dump *d)
{
	return d->idx++ < d->cb->args[0];
}

static void *afo_dump_put(struct afo_dump *d, u8 cmd)
{
	return genlmsg_put(d->skb, NETLINK_CB(d->cb->skb).portid,
			   d->cb->nlh->nlmsg_seq, &afo_genl_family,
			   NLM_F_MULTI, cmd);
}

/* Nonzero when the skb is full: the object goes in the next part. */
static int afo_dump_end(struct afo_dump *d, void *hdr, int err)
{
	if (hdr && !err) {
		genlmsg_end(d->skb, hdr);
		return 0;
	}
	if (hdr)
		genlmsg_cancel(d->skb, hdr);
	d->idx--;
	d->full = true;
	return -EMSGSIZE;
}

/*
 * An object that does not fit even an empty skb would end the dump
 * silently (a zero length means "done"): say so instead.
 */
static int afo_dump_finish(struct afo_dump *d)
{
	d->cb->args[0] = d->idx;
	if (d->full && !d->skb->len)
		return -EMSGSIZE;
	return d->skb->len;
}

/*
 * Under RCU: whether @ad comes first among the adapters on @pnet in the
 * table's order, so that each pnet is visited once.
 */
static bool afo_pnet_first_rcu(struct afo_net *an,
			       const struct afo_adapter *ad, u32 pnet)
{
	struct afo_adapter *b;
	unsigned int bkt;

	hash_for_each_rcu(an->by_ifindex, bkt, b, hnode) {
		if (b == ad)
			return true;
		if (READ_ONCE(b->core.pnet) == pnet)
			return false;
	}
	return true;
}

/* The pnets: a handful of adapters each, so a quadratic walk is cheap. */
static int afo_nl_pnet_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct afo_net *an = afo_net(sock_net(skb->sk));
	struct afo_dump d = { .skb = skb, .cb = cb };
	struct afo_adapter *ad;
	unsigned int bkt;
	void *hdr;
	u32 pnet;
	int err;

	rcu_read_lock();
	hash_for_each_rcu(an->by_ifindex, bkt, ad, hnode) {
		pnet = READ_ONCE(ad->core.pnet);
		if (!afo_pnet_first_rcu(an, ad, pnet) || afo_dump_skip(&d))
			continue;
		hdr = afo_dump_put(&d, ARPFO_CMD_PNET_GET);
		err = hdr ? afo_fill_pnet(skb, an, pnet) : 0;
		if (afo_dump_end(&d, hdr, err))
			break;
	}
	rcu_read_unlock();
	return afo_dump_finish(&d);
}

static int afo_nl_adapter_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct afo_net *an = afo_net(sock_net(skb->sk));
	struct afo_dump d = { .skb = skb, .cb = cb };
	struct afo_adapter *ad;
	unsigned int bkt;
	void *hdr;

	rcu_read_lock();
	hash_for_each_rcu(an->by_ifindex, bkt, ad, hnode) {
		if (afo_dump_skip(&d))
			continue;
		hdr = afo_dump_put(&d, ARPFO_CMD_ADAPTER_GET);
		if (afo_dump_end(&d, hdr, hdr ? afo_fill_adapter(skb, ad) : 0))
			break;
	}
	rcu_read_unlock();
	return afo_dump_finish(&d);
}

/* One address of the dump; nonzero when the skb is full. */
static int afo_dump_addr(struct afo_dump *d, const struct afo_addr *addr)
{
	void *hdr;

	if (afo_dump_skip(d))
		return 0;
	hdr = afo_dump_put(d, ARPFO_CMD_ADDR_GET);
	return afo_dump_end(d, hdr, hdr ? afo_fill_addr(d->skb, addr) : 0);
}

/* The adapters' addresses and the VIPAs: one table holds them all. */
static int afo_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct afo_net *an = afo_net(sock_net(skb->sk));
	struct afo_dump d = { .skb = skb, .cb = cb };
	struct hlist_head *t;
	struct afo_addr *addr;
	unsigned int bkt;

	rcu_read_lock();
	t = rcu_dereference(an->addrs);
	for (bkt = 0; t && bkt < (1U << AFO_ADDRS_BITS); bkt++)
		hlist_for_each_entry_rcu(addr, &t[bkt], hnode)
			if (afo_dump_addr(&d, addr))
				goto out;
out:
	rcu_read_unlock();
	return afo_dump_finish(&d);
}

/* One network device: managed, or why not (membership.c). */
static int afo_fill_device(struct sk_buff *skb, struct net_device *dev)
{
	struct net_device *master = netdev_master_upper_dev_get(dev);

	if (nla_put_u32(skb, ARPFO_A_DEVICE_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, ARPFO_A_DEVICE_IFNAME, dev->name) ||
	    nla_put_u32(skb, ARPFO_A_DEVICE_MEMBERSHIP, afo_membership(dev)) ||
	    (master &&
	     nla_put_u32(skb, ARPFO_A_DEVICE_MASTER, master->ifindex)))
		return -EMSGSIZE;
	return 0;
}

/* The loopback is left out: it is never an adapter, and always there. */
static int afo_nl_device_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct afo_dump d = { .skb = skb, .cb = cb };
	struct net_device *dev;
	void *hdr;

	rtnl_lock();
	for_each_netdev(sock_net(skb->sk), dev) {
		if (dev->flags & IFF_LOOPBACK || afo_dump_skip(&d))
			continue;
		hdr = afo_dump_put(&d, ARPFO_CMD_DEVICE_GET);
		if (afo_dump_end(&d, hdr, hdr ? afo_fill_device(skb, dev) : 0))
			break;
	}
	rtnl_unlock();
	return afo_dump_finish(&d);
}

static struct net_device *afo_nl_find_dev(struct net *net,
					  struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct net_device *dev = NULL;
	struct nlattr *attr;

	if (tb[ARPFO_A_ADAPTER_IFINDEX]) {
		attr = tb[ARPFO_A_ADAPTER_IFINDEX];
		dev = __dev_get_by_index(net, nla_get_u32(attr));
	} else if (tb[ARPFO_A_ADAPTER_IFNAME]) {
		attr = tb[ARPFO_A_ADAPTER_IFNAME];
		dev = __dev_get_by_name(net, nla_data(attr));
	} else {
		GENL_SET_ERR_MSG(info, "an ifindex or an ifname is required");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "no such device in this namespace");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

static int afo_nl_adapter_set(struct sk_buff *skb, struct genl_info *info)
{
	struct afo_net *an = afo_net(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct afo_setting set = {};
	struct net_device *dev;
	int err;

	if (tb[ARPFO_A_ADAPTER_PRIORITY]) {
		set.has_priority = true;
		set.priority = nla_get_u32(tb[ARPFO_A_ADAPTER_PRIORITY]);
	}
	if (tb[ARPFO_A_ADAPTER_MANAGED])
		set.manage = nla_get_u32(tb[ARPFO_A_ADAPTER_MANAGED]) ?
			     AFO_MANAGE_ON : AFO_MANAGE_OFF;
	if (!set.has_priority && set.manage == AFO_MANAGE_DEFAULT) {
		GENL_SET_ERR_MSG(info,
				 "nothing to set: give a priority or managed");
		return -EINVAL;
	}

	rtnl_lock();
	dev = afo_nl_find_dev(an->net, info);
	err = PTR_ERR_OR_ZERO(dev);
	if (!err && !afo_member_settable(afo_membership(dev))) {
		GENL_SET_ERR_MSG(info,
				 "not an adapter or VIPA device arp_failover can manage: Ethernet with ARP, not enslaved");
		err = -EOPNOTSUPP;
	}
	if (!err)
		err = afo_setting_apply(dev, &set);
	if (err == -ENOMEM)
		GENL_SET_ERR_MSG(info, "out of memory");
	rtnl_unlock();
	return err;
}

/*
 * Validation. Every command is at or above the family's resv_start_op,
 * left at 0 (unset: the field is new in 6.1) as new families should: the
 * core validates every request strictly (unknown or malformed
 * attributes, reserved genlmsghdr bits and nlmsg_flags other than
 * REQUEST, ACK, ECHO and DUMP are refused), dumps included, and no op may
 * ask for less (GENL_DONT_VALIDATE_*). Kernels before 6.1 check the
 * attributes only: the AFO_GENL_*_COMPAT of compat.h do the rest there.
 *
 * Policies are per operation rather than one for the family, on purpose.
 * In 6.1 a family policy is the policy of every op that has none of its
 * own (genl_op_from_full()): the dumps, which take no attribute, would
 * parse their requests in the adapter attribute space and accept an
 * ifindex, a name or a priority only to ignore it, and the controller's
 * policy dump (CTRL_CMD_GETPOLICY) would offer them as dump filters; and
 * the commands speak three attribute spaces (pnet, adapter, addr), which
 * no one policy can describe. So ARPFO_CMD_ADAPTER_SET has the policy
 * below, which holds its request attributes and nothing else (state, mac
 * and the other reply attributes are refused, not ignored), and the dumps
 * have none: the core then gives them its reject-all policy (compat.h
 * before 6.1), so any attribute in a dump request is an error. The spec
 * says the same (kernel-policy: per-op); scripts/check-spec compares them.
 */
/* Not const: struct nla_policy of 6.1 points to a non-const range. */
static struct netlink_range_validation afo_ifindex_range = {
	.min = 1,
	.max = INT_MAX,
};

static const struct nla_policy
afo_adapter_set_policy[ARPFO_A_ADAPTER_MAX + 1] = {
	[ARPFO_A_ADAPTER_IFINDEX]  =
		NLA_POLICY_FULL_RANGE(NLA_U32, &afo_ifindex_range),
	[ARPFO_A_ADAPTER_IFNAME]   = { .type = NLA_NUL_STRING,
				       .len = IFNAMSIZ - 1 },
	[ARPFO_A_ADAPTER_PRIORITY] = { .type = NLA_U32 },
	[ARPFO_A_ADAPTER_MANAGED]  = NLA_POLICY_MAX(NLA_U32, 1),
};

static const struct genl_ops afo_genl_ops[] = {
	{
		.cmd = ARPFO_CMD_PNET_GET,
		.dumpit = afo_nl_pnet_dump,
		AFO_GENL_DUMP_COMPAT
	},
	{
		.cmd = ARPFO_CMD_ADAPTER_GET,
		.dumpit = afo_nl_adapter_dump,
		AFO_GENL_DUMP_COMPAT
	},
	{
		.cmd = ARPFO_CMD_ADDR_GET,
		.dumpit = afo_nl_addr_dump,
		AFO_GENL_DUMP_COMPAT
	},
	{
		.cmd = ARPFO_CMD_DEVICE_GET,
		.dumpit = afo_nl_device_dump,
		AFO_GENL_DUMP_COMPAT
	},
	{
		.cmd = ARPFO_CMD_ADAPTER_SET,
		.flags = GENL_UNS_ADMIN_PERM,
		.policy = afo_adapter_set_policy,
		.maxattr = ARPFO_A_ADAPTER_MAX,
		.doit = afo_nl_adapter_set,
	},
};

static struct genl_family afo_genl_family __ro_after_init = {
	.name = ARPFO_GENL_NAME,
	.version = ARPFO_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = afo_genl_ops,
	.n_ops = ARRAY_SIZE(afo_genl_ops),
	AFO_GENL_FAMILY_COMPAT
	.mcgrps = afo_mcgrps,
	.n_mcgrps = ARRAY_SIZE(afo_mcgrps),
};

/* The family is registered: events can be sent (set and read locklessly). */
static bool afo_genl_live;

/**
 * afo_event - tell the "events" group about a transition
 * @dev: the adapter it concerns
 * @ev:  what happened
 * @gfp: allocation context (GFP_ATOMIC from the ARP hook)
 *
 * Costs nothing when nobody listens. A full socket buffer on the
 * listener's side loses the event there (the listener sees ENOBUFS).
 */
void afo_event(struct net_device *dev, const struct afo_event_info *ev,
	       gfp_t gfp)
{
	struct net *net = dev_net(dev);
	struct sk_buff *skb;
	void *hdr;

	if (!READ_ONCE(afo_genl_live) ||
	    !genl_has_listeners(&afo_genl_family, net, AFO_MCGRP_EVENTS))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &afo_genl_family, 0, ARPFO_CMD_EVENT_NTF);
	if (!hdr)
		goto err;
	if (nla_put_u32(skb, ARPFO_A_EVENT_TYPE, ev->type) ||
	    nla_put_u32(skb, ARPFO_A_EVENT_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, ARPFO_A_EVENT_IFNAME, dev->name) ||
	    nla_put_u32(skb, ARPFO_A_EVENT_OLD, ev->old) ||
	    nla_put_u32(skb, ARPFO_A_EVENT_NEW, ev->new) ||
	    (ev->ip && nla_put_in_addr(skb, ARPFO_A_EVENT_ADDR, ev->ip)) ||
	    (ev->ip6 && nla_put_in6_addr(skb, ARPFO_A_EVENT_ADDR6, ev->ip6)) ||
	    (ev->mac && nla_put(skb, ARPFO_A_EVENT_MAC, ETH_ALEN, ev->mac)) ||
	    (ev->reason && nla_put_u32(skb, ARPFO_A_EVENT_REASON, ev->reason)))
		goto err;
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&afo_genl_family, net, skb, 0,
				AFO_MCGRP_EVENTS, gfp);
	return;
err:
	nlmsg_free(skb);
}

int afo_netlink_register(void)
{
	int err = genl_register_family(&afo_genl_family);

	WRITE_ONCE(afo_genl_live, !err);
	return err;
}

void afo_netlink_unregister(void)
{
	WRITE_ONCE(afo_genl_live, false);
	genl_unregister_family(&afo_genl_family);
}
