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
 * records the address and its device, and a work applies the change
 * under RTNL, one hash lookup each, as for IPv4.
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
#include "nd.h"
#include "netns.h"
#include "notify.h"

/* Whether @ip6 is of a kind we manage: global or unique-local unicast. */
static bool afo_ip6_kind(const struct in6_addr *ip6)
{
	int type = ipv6_addr_type(ip6);

	return (type & IPV6_ADDR_UNICAST) &&
	       !(type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
			 IPV6_ADDR_MAPPED | IPV6_ADDR_SITELOCAL));
}

/* Whether @ifp is an address we manage: of our kind, not failed by DAD. */
static bool afo_ip6_manageable(const struct inet6_ifaddr *ifp)
{
	return !(ifp->flags & IFA_F_DADFAILED) && afo_ip6_kind(&ifp->addr);
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
 *
 * Return: true when it has one.
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
		return;	/* unmanaged: the kernel answers, as without us */
	n = min(n, afo_ip6_list(dev, v, n));
	for (i = 0; i < n; i++)
		fn(arg, &v[i]);
	kvfree(v);
}

/**
 * afo_ip6_enabled - whether @dev takes IPv6 (under RCU or RTNL)
 * @dev: an adapter
 *
 * An adapter with IPv6 disabled drops what it would draw by answering
 * or advertising an IPv6 address: it does neither.
 *
 * Return: true when IPv6 is enabled on it.
 */
bool afo_ip6_enabled(const struct net_device *dev)
{
	const struct inet6_dev *idev = __in6_dev_get(dev);

	return idev && !READ_ONCE(idev->cnf.disable_ipv6);
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
 * An address that failed DAD (it stays, marked, without an event) is
 * another node's: never ready.
 *
 * Return: true when it may be advertised.
 */
bool afo_addr6_ready(const struct afo_addr *addr)
{
	struct net_device *dev;

	if (addr->vipa_dev)
		return true;	/* a VIPA's device runs no DAD (IFF_NOARP) */
	dev = addr->owner->dev;
	/* Given up after a failed DAD (or gone): never to be advertised. */
	if (!afo_ip6_held(dev, &addr->ip6))
		return false;
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		return true;
	return ipv6_chk_addr_and_flags(dev_net(dev), &addr->ip6, dev, false, 1,
				       IFA_F_TENTATIVE | IFA_F_OPTIMISTIC |
				       IFA_F_DADFAILED);
}

/* Longer DADs than this are waited for this long: jiffies stay sane. */
#define AFO_DAD_TIME_MAX (10 * 60 * HZ)

/**
 * afo_addr6_dad_time - how long its holder's DAD on @addr may last
 * @addr: an IPv6 address of ours, not a VIPA's (under RTNL)
 *
 * The holder's own configuration: its random delay before the first
 * probe (rtr_solicit_delay at most), then dad_transmits probes
 * retrans_time apart, the last one waited for as long. A network
 * manager or an administrator may make that far longer than the usual
 * second.
 *
 * Return: the time in jiffies, at most AFO_DAD_TIME_MAX; 0 when the
 * holder has no IPv6 state.
 */
unsigned long afo_addr6_dad_time(const struct afo_addr *addr)
{
	struct inet6_dev *idev = __in6_dev_get(addr->owner->dev);
	u64 t;

	if (!idev)
		return 0;
	t = (u64)max(READ_ONCE(idev->cnf.dad_transmits), 1) *
	    max(NEIGH_VAR(idev->nd_parms, RETRANS_TIME), 0) +
	    max(READ_ONCE(idev->cnf.rtr_solicit_delay), 0);
	return min_t(u64, t, AFO_DAD_TIME_MAX);
}

/*
 * The solicited-node group of @addr, joined on @ifindex, or left.
 * Return: 0 when it was joined (left), else a negative errno.
 */
static int afo_nd_group(struct afo_net *an, const struct afo_addr *addr,
			int ifindex, bool join)
{
	struct net_device *dev = __dev_get_by_index(an->net, ifindex);
	struct in6_addr group;

	if (!dev)
		return -ENODEV;
	addrconf_addr_solict_mult(&addr->ip6, &group);
	return join ? ipv6_dev_mc_inc(dev, &group) :
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
 * Each address with a group joined is a user of the ND hook (nd.c),
 * taken before the join, so that what the join draws finds the hook.
 */
void afo_nd_place(struct afo_addr *addr)
{
	struct afo_net *an;
	int to, from;

	ASSERT_RTNL();
	if (!addr->v6)
		return;
	to = afo_nd_listener(addr);
	from = addr->mc_dev;
	if (from == to)
		return;
	an = addr->owner->an;
	/*
	 * A join that failed is not left later (the group may be one the
	 * kernel joined for another address), and the hook lets the holder
	 * answer, as without us, while nobody else can.
	 */
	if (to && afo_nd_hook_get(an)) {
		afo_nd_hook_put(an);
		to = 0;
	} else if (to && afo_nd_group(an, addr, to, true)) {
		afo_nd_hook_put(an);
		to = 0;
	}
	if (from) {
		afo_nd_group(an, addr, from, false);
		afo_nd_hook_put(an);
	}
	WRITE_ONCE(addr->mc_dev, to);
}

/**
 * afo_nd_unplace - leave @addr's group before it goes away
 * @addr: a managed address
 */
void afo_nd_unplace(struct afo_addr *addr)
{
	ASSERT_RTNL();
	if (!addr->v6 || !addr->mc_dev)
		return;
	afo_nd_group(addr->owner->an, addr, addr->mc_dev, false);
	WRITE_ONCE(addr->mc_dev, 0);
	afo_nd_hook_put(addr->owner->an);
}

/*
 * The IPv6 state of @ad's device went away (its MTU went below 1280)
 * with every group joined there: nothing to leave. Its VIPAs' groups and
 * those of the addresses it answered for are marked lost, so that the
 * holders answer again (the hook checks mc_dev), until the state is back.
 */
static void afo_nd_groups_lost(struct afo_adapter *ad)
{
	struct afo_net *an = ad->an;
	struct afo_core_adapter *a;
	struct afo_addr *addr;

	ad->vipa_groups = false;
	list_for_each_entry(a, &an->core.adapters, node) {
		struct afo_adapter *holder = afo_adapter_of(a);

		list_for_each_entry(addr, &holder->addrs, port_node) {
			if (!addr->v6 || addr->mc_dev != ad->core.ifindex)
				continue;
			WRITE_ONCE(addr->mc_dev, 0);
			afo_nd_hook_put(an);
		}
	}
}

/**
 * afo_nd_dev_changed - join again the groups an adapter's IPv6 state lost
 * @dev: a device that came up or changed its MTU, after addrconf saw it
 *
 * An MTU below the IPv6 minimum destroys the device's IPv6 state, group
 * memberships included, and one at or above it builds a new one: the
 * groups it joined as a responder, or a VIPA holder, are joined again.
 * Under RTNL.
 */
void afo_nd_dev_changed(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_core_adapter *a;
	struct afo_adapter *ad;
	struct afo_addr *addr;

	ASSERT_RTNL();
	ad = afo_adapter_find(an, dev->ifindex);
	if (!ad)
		return;
	if (!__in6_dev_get(dev)) {
		afo_nd_groups_lost(ad);
		return;
	}
	afo_nd_vipa_groups(ad, ad->core.vipa_duty);
	list_for_each_entry(a, &an->core.adapters, node) {
		if (a->responder != dev->ifindex)
			continue;
		list_for_each_entry(addr, &afo_adapter_of(a)->addrs, port_node)
			afo_nd_place(addr);
	}
}

/*
 * Whether duty holder @ad is in the group of @vipa: an IPv6 VIPA of its
 * L3 domain, shared or not (a mark that changes must not unbalance the
 * joins and leaves; the hook leaves a shared one to the kernel).
 */
static bool afo_nd_vipa_of(const struct afo_addr *vipa,
			   const struct afo_adapter *ad)
{
	return vipa->v6 && vipa->l3dev == ad->l3dev;
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
	/*
	 * A failed join is left all the same: rare (memory), and the cost
	 * is a solicited-node group of the adapter's own that it leaves.
	 */
	list_for_each_entry(vipa, &ad->an->vipas, port_node)
		if (afo_nd_vipa_of(vipa, ad))
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
	/* An IPv6 VIPA is a user of the ND hook for its whole life. */
	if (join)
		afo_nd_hook_get(an);
	else
		afo_nd_hook_put(an);
	list_for_each_entry(a, &an->core.adapters, node) {
		struct afo_adapter *ad = afo_adapter_of(a);

		if (ad->vipa_groups && afo_nd_vipa_of(vipa, ad))
			afo_nd_group(an, vipa, a->ifindex, join);
	}
}

/*
 * The notifier records each changed address once (the work reads the
 * kernel's state of it), with whether it failed DAD, or when the record
 * is full, the device whose addresses to sync whole; beyond that, every
 * device.
 */
static void afo_ip6_record(struct afo_ip6_queue *q, int ifindex,
			   const struct in6_addr *ip6, bool dadfailed)
{
	unsigned int i;

	if (q->all)
		return;
	for (i = 0; i < q->ndevs; i++)
		if (q->devs[i] == ifindex)
			return;		/* synced whole anyway */
	for (i = 0; i < q->n; i++) {
		if (q->changes[i].ifindex == ifindex &&
		    ipv6_addr_equal(&q->changes[i].ip6, ip6)) {
			q->changes[i].dadfailed = dadfailed;
			return;
		}
	}
	if (q->n < ARRAY_SIZE(q->changes)) {
		q->changes[q->n].ifindex = ifindex;
		q->changes[q->n].dadfailed = dadfailed;
		q->changes[q->n++].ip6 = *ip6;
	} else if (q->ndevs < ARRAY_SIZE(q->devs)) {
		q->devs[q->ndevs++] = ifindex;
	} else {
		q->all = true;
	}
}

static bool afo_ip6_whole(const struct afo_ip6_queue *q, int ifindex)
{
	unsigned int i;

	for (i = 0; i < q->ndevs; i++)
		if (q->devs[i] == ifindex)
			return true;
	return false;
}

/* Apply what the notifier recorded (@q, the work's copy), under RTNL. */
static void afo_ip6_apply(struct afo_net *an, const struct afo_ip6_queue *q)
{
	struct net_device *dev;
	unsigned int i;

	if (q->all) {
		for_each_netdev(an->net, dev)
			afo_sync_dev(dev);
		return;
	}
	for (i = 0; i < q->ndevs; i++) {
		dev = __dev_get_by_index(an->net, q->devs[i]);
		if (dev)
			afo_sync_dev(dev);
	}
	for (i = 0; i < q->n; i++) {
		if (afo_ip6_whole(q, q->changes[i].ifindex))
			continue;
		dev = __dev_get_by_index(an->net, q->changes[i].ifindex);
		if (dev)
			afo_addr6_changed(dev, &q->changes[i].ip6,
					  q->changes[i].dadfailed);
	}
}

static void afo_ip6_sync_work(struct work_struct *work)
{
	struct afo_net *an = container_of(work, struct afo_net, ip6_sync);

	rtnl_lock();
	spin_lock_bh(&an->ip6_lock);
	an->ip6_work = an->ip6_queue;	/* the work runs one at a time */
	memset(&an->ip6_queue, 0, sizeof(an->ip6_queue));
	spin_unlock_bh(&an->ip6_lock);
	if (!an->dying && !afo_unloading_now())
		afo_ip6_apply(an, &an->ip6_work);
	rtnl_unlock();
}

/**
 * afo_ip6_failed - whether @dev holds @ip6, failed by DAD
 * @dev: the device (under RTNL)
 * @ip6: the address
 *
 * Such an address stays, marked, and is no longer ours: dropping it is
 * no loss.
 *
 * Return: true when @dev holds it and it failed DAD.
 */
bool afo_ip6_failed(struct net_device *dev, const struct in6_addr *ip6)
{
	return ipv6_chk_addr_and_flags(dev_net(dev), ip6, dev, false, 1, 0) &&
	       !ipv6_chk_addr_and_flags(dev_net(dev), ip6, dev, false, 1,
					IFA_F_DADFAILED);
}

/**
 * afo_ip6_held - whether @dev holds @ip6 as an address we would manage
 * @dev: the device (under RTNL or RCU)
 * @ip6: the address
 *
 * Tentative (in DAD) counts; failed by DAD does not.
 *
 * Return: true when @dev holds it so.
 */
bool afo_ip6_held(struct net_device *dev, const struct in6_addr *ip6)
{
	return afo_ip6_kind(ip6) &&
	       ipv6_chk_addr_and_flags(dev_net(dev), ip6, dev, false, 1,
				       IFA_F_DADFAILED);
}

static int afo_inet6addr_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct inet6_ifaddr *ifp = ptr;
	struct net_device *dev = ifp->idev->dev;
	struct afo_net *an;

	if (afo_unloading_now() || (event != NETDEV_UP && event != NETDEV_DOWN))
		return NOTIFY_DONE;
	if (ipv6_addr_type(&ifp->addr) & IPV6_ADDR_LINKLOCAL)
		return NOTIFY_DONE;
	an = afo_net(dev_net(dev));
	spin_lock_bh(&an->ip6_lock);
	afo_ip6_record(&an->ip6_queue, dev->ifindex, &ifp->addr,
		       ifp->flags & IFA_F_DADFAILED);
	spin_unlock_bh(&an->ip6_lock);
	queue_work(afo_wq, &an->ip6_sync);
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
