// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPv6 addresses. The global and unique-local addresses of adapters and
 * VIPA devices are mirrored into the address table beside their IPv4
 * ones (adapters.c, vipa.c), so that the same rules move them; nd.c
 * answers solicitations for them. Link-local addresses are never
 * managed: they belong to one link, and no sibling may answer for them.
 *
 * The kernel tells of IPv6 addresses on an atomic notifier chain, from
 * softirq (SLAAC) as well as from process context: the notifier only
 * records the device, and a work mirrors its addresses under RTNL.
 *
 * Linux answers a solicitation only on the device that holds the
 * address, so an adapter answering for a sibling's address, or a VIPA's,
 * joins the address's solicited-node group: switches that snoop MLD then
 * send it the solicitations, and its IPv6 input accepts them for nd.c.
 */
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

#include "addrs6.h"
#include "adapter.h"
#include "netns.h"
#include "notify.h"

/* Whether @ifp is an address we manage: global or unique-local unicast. */
static bool afo_ip6_manageable(const struct inet6_ifaddr *ifp)
{
	int type = ipv6_addr_type(&ifp->addr);

	if (ifp->flags & IFA_F_DADFAILED)
		return false;
	return (type & IPV6_ADDR_UNICAST) &&
	       !(type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
			 IPV6_ADDR_MAPPED | IPV6_ADDR_SITELOCAL));
}

/*
 * Copy up to @max of @dev's manageable addresses into @v. Return: how
 * many it has (more than @max: call again with more room).
 */
static unsigned int afo_ip6_list(struct net_device *dev, struct in6_addr *v,
				 unsigned int max)
{
	struct inet6_dev *idev = __in6_dev_get(dev);
	const struct inet6_ifaddr *ifp;
	unsigned int n = 0;

	if (!idev)
		return 0;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		if (!afo_ip6_manageable(ifp))
			continue;
		if (n < max)
			v[n] = ifp->addr;
		n++;
	}
	read_unlock_bh(&idev->lock);
	return n;
}

/**
 * afo_dev_has_ip6 - whether @dev has an IPv6 address we would manage
 * @dev: any network device (under RTNL)
 */
bool afo_dev_has_ip6(struct net_device *dev)
{
	return afo_ip6_list(dev, NULL, 0) > 0;
}

/**
 * afo_ip6_each - call @fn for each manageable IPv6 address of @dev
 * @dev: the device (under RTNL)
 * @fn:  what to do with one address; may sleep
 * @arg: its argument
 *
 * The addresses are copied first: the list is not ours to hold while
 * @fn sleeps. One added meanwhile comes with a notifier event of its own.
 */
void afo_ip6_each(struct net_device *dev,
		  void (*fn)(void *arg, const struct in6_addr *ip6), void *arg)
{
	unsigned int n = afo_ip6_list(dev, NULL, 0), i;
	struct in6_addr *v;

	ASSERT_RTNL();
	if (!n)
		return;
	v = kvmalloc_array(n, sizeof(*v), GFP_KERNEL);
	if (!v)
		return;		/* unmanaged: the kernel answers, as without us */
	n = min(n, afo_ip6_list(dev, v, n));
	for (i = 0; i < n; i++)
		fn(arg, &v[i]);
	kvfree(v);
}

/**
 * afo_addr6_ready - whether peers may be told @addr is at some MAC now
 * @addr: an IPv6 address of ours (under RCU or RTNL)
 *
 * Not while its holder runs duplicate address detection on it (tentative,
 * optimistic too) with carrier: a neighbour advertisement for it, even
 * from the holder's sibling, would make the holder give it up as a
 * duplicate. A holder without carrier hears nothing: a takeover is
 * announced at once, although its kept addresses are marked tentative.
 */
bool afo_addr6_ready(const struct afo_addr *addr)
{
	struct net_device *dev;

	if (addr->vipa_dev)
		return true;	/* a VIPA's device runs no DAD (IFF_NOARP) */
	dev = addr->owner->dev;
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		return true;
	return ipv6_chk_addr_and_flags(dev_net(dev), &addr->ip6, dev, false, 1,
				       IFA_F_TENTATIVE | IFA_F_OPTIMISTIC |
				       IFA_F_DADFAILED);
}

/* The solicited-node group of @addr, joined on @ifindex, or left. */
static void afo_nd_group(struct afo_net *an, const struct afo_addr *addr,
			 int ifindex, bool join)
{
	struct net_device *dev = __dev_get_by_index(an->net, ifindex);
	struct in6_addr group;

	if (!dev)
		return;
	addrconf_addr_solict_mult(&addr->ip6, &group);
	if (join)
		ipv6_dev_mc_inc(dev, &group);
	else
		ipv6_dev_mc_dec(dev, &group);
}

/* The adapter that must hear solicitations for @addr, 0: its holder. */
static int afo_nd_listener(const struct afo_addr *addr)
{
	if (addr->shared || addr->vipa_dev)
		return 0;	/* VIPAs: each duty holder joins (vipa.c) */
	if (addr->owner->core.responder == addr->owner->core.ifindex)
		return 0;
	return addr->owner->core.responder;
}

/**
 * afo_nd_place - join @addr's solicited-node group where it is answered
 * @addr: a managed address (nothing for an IPv4 one or a VIPA)
 *
 * Called wherever its responder may have changed (apply.c, adapters.c).
 * The holder is a member already: the kernel joined when it added it.
 */
void afo_nd_place(struct afo_addr *addr)
{
	int to;

	ASSERT_RTNL();
	if (!addr->v6)
		return;
	to = afo_nd_listener(addr);
	if (addr->mc_dev == to)
		return;
	if (addr->mc_dev)
		afo_nd_group(addr->owner->an, addr, addr->mc_dev, false);
	addr->mc_dev = to;
	if (to)
		afo_nd_group(addr->owner->an, addr, to, true);
}

/**
 * afo_nd_unplace - leave @addr's group before it goes away
 * @addr: a managed address
 */
void afo_nd_unplace(struct afo_addr *addr)
{
	ASSERT_RTNL();
	if (addr->v6 && addr->mc_dev)
		afo_nd_group(addr->owner->an, addr, addr->mc_dev, false);
	addr->mc_dev = 0;
}

/**
 * afo_nd_vipa_groups - a duty holder joins or leaves the VIPAs' groups
 * @ad:   the adapter that took (@join) or lost the VIPA duty
 * @join: which
 */
void afo_nd_vipa_groups(struct afo_adapter *ad, bool join)
{
	struct afo_addr *vipa;

	ASSERT_RTNL();
	if (ad->vipa_groups == join)
		return;
	ad->vipa_groups = join;
	list_for_each_entry(vipa, &ad->an->vipas, port_node)
		if (vipa->v6 && afo_vipa_for(vipa, ad))
			afo_nd_group(ad->an, vipa, ad->core.ifindex, join);
}

/**
 * afo_nd_vipa_each_holder - an IPv6 VIPA came or goes: its duty holders
 *                           join or leave its group
 * @an:   the namespace
 * @vipa: the VIPA
 * @join: joined (it came), or left (it goes)
 */
void afo_nd_vipa_each_holder(struct afo_net *an, struct afo_addr *vipa,
			     bool join)
{
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	if (!vipa->v6)
		return;
	list_for_each_entry(a, &an->core.adapters, node) {
		struct afo_adapter *ad = afo_adapter_of(a);

		if (ad->vipa_groups && afo_vipa_for(vipa, ad))
			afo_nd_group(an, vipa, a->ifindex, join);
	}
}

/*
 * The notifier: record the device whose addresses changed and let the
 * work mirror it. A burst larger than the record syncs every device.
 */
static void afo_ip6_pending_add(struct afo_net *an, int ifindex)
{
	unsigned int i;

	spin_lock_bh(&an->ip6_lock);
	for (i = 0; i < an->ip6_npending; i++)
		if (an->ip6_pending[i] == ifindex)
			goto out;
	if (an->ip6_npending < ARRAY_SIZE(an->ip6_pending))
		an->ip6_pending[an->ip6_npending++] = ifindex;
	else
		an->ip6_overflow = true;
out:
	spin_unlock_bh(&an->ip6_lock);
	queue_work(afo_wq, &an->ip6_sync);
}

static void afo_ip6_sync_work(struct work_struct *work)
{
	struct afo_net *an = container_of(work, struct afo_net, ip6_sync);
	int pending[ARRAY_SIZE(an->ip6_pending)];
	struct net_device *dev;
	unsigned int i, n;
	bool all;

	rtnl_lock();
	spin_lock_bh(&an->ip6_lock);
	n = an->ip6_npending;
	memcpy(pending, an->ip6_pending, n * sizeof(*pending));
	all = an->ip6_overflow;
	an->ip6_npending = 0;
	an->ip6_overflow = false;
	spin_unlock_bh(&an->ip6_lock);
	if (an->dying || afo_unloading_now()) {
		rtnl_unlock();
		return;
	}
	if (all) {
		for_each_netdev(an->net, dev)
			afo_sync_dev(dev);
	} else {
		for (i = 0; i < n; i++) {
			dev = __dev_get_by_index(an->net, pending[i]);
			if (dev)
				afo_sync_dev(dev);
		}
	}
	rtnl_unlock();
}

static int afo_inet6addr_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct inet6_ifaddr *ifp = ptr;
	struct net_device *dev = ifp->idev->dev;

	if (afo_unloading_now() || (event != NETDEV_UP && event != NETDEV_DOWN))
		return NOTIFY_DONE;
	if (ipv6_addr_type(&ifp->addr) & IPV6_ADDR_LINKLOCAL)
		return NOTIFY_DONE;
	afo_ip6_pending_add(afo_net(dev_net(dev)), dev->ifindex);
	return NOTIFY_DONE;
}

static struct notifier_block afo_inet6addr_nb = {
	.notifier_call = afo_inet6addr_event,
};

void afo_ip6_net_init(struct afo_net *an)
{
	spin_lock_init(&an->ip6_lock);
	INIT_WORK(&an->ip6_sync, afo_ip6_sync_work);
}

/* Caller has set an->dying under RTNL and must not hold RTNL here. */
void afo_ip6_net_stop(struct afo_net *an)
{
	cancel_work_sync(&an->ip6_sync);
}

int afo_ip6_notifier_register(void)
{
	return register_inet6addr_notifier(&afo_inet6addr_nb);
}

void afo_ip6_notifier_unregister(void)
{
	unregister_inet6addr_notifier(&afo_inet6addr_nb);
}
