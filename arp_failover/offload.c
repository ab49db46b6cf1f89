// SPDX-License-Identifier: GPL-2.0-only
/*
 * Offload adapters: adapters that answer ARP themselves (IFF_NOARP towards
 * the host). Their drivers register struct afo_offload_ops here; the
 * module never sends ARP frames on them but registers addresses with the
 * adapter, which then announces and answers them on the wire:
 *  - an address is registered with an offload adapter exactly while that
 *    adapter is its responder (afo_addr.offload_reg says where; the
 *    adapter's offload_addrs lists them, so that nothing walks every
 *    address to find them);
 *  - the VIPAs are registered with an offload adapter exactly while it
 *    holds the VIPA duty of its pnet (afo_adapter.vipas_registered).
 * Everything here runs under RTNL, which also protects afo_offloads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include <net/arp_failover.h>

#include "adapter.h"
#include "netns.h"
#include "offload.h"

/**
 * struct afo_offload - a device whose driver registered offload ops
 * @node: in afo_offloads
 * @dev:  the device; no reference is held: the entry goes when the device
 *        is unregistered (afo_offload_dev_gone()), if the driver did not
 *        withdraw it first
 * @ops:  what its adapter does for us
 */
struct afo_offload {
	struct list_head node;
	struct net_device *dev;
	const struct afo_offload_ops *ops;
};

static LIST_HEAD(afo_offloads);

/**
 * afo_offload_ops_of - the offload ops registered for @dev, or NULL
 * @dev: any network device
 *
 * Return: the ops, or NULL if none are registered for @dev.
 */
const struct afo_offload_ops *afo_offload_ops_of(const struct net_device *dev)
{
	struct afo_offload *o;

	ASSERT_RTNL();
	list_for_each_entry(o, &afo_offloads, node)
		if (o->dev == dev)
			return o->ops;
	return NULL;
}

/**
 * afo_offload_register - a driver offers an offload adapter
 * @dev: the adapter: ARPHRD_ETHER with IFF_NOARP
 * @ops: its operations; @ops->add_addr and @ops->del_addr are required
 *
 * Caller holds RTNL. The adapter is managed from now on, in whatever
 * namespace it is, as long as the module parameters select it.
 *
 * Return: 0, -EINVAL for incomplete @ops, -EEXIST when already
 * registered, -ENOMEM.
 */
int afo_offload_register(struct net_device *dev,
			 const struct afo_offload_ops *ops)
{
	struct afo_offload *o;

	ASSERT_RTNL();
	if (!ops || !ops->add_addr || !ops->del_addr)
		return -EINVAL;
	if (afo_offload_ops_of(dev))
		return -EEXIST;
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return -ENOMEM;
	o->dev = dev;
	o->ops = ops;
	list_add_tail(&o->node, &afo_offloads);
	afo_sync_dev(dev);
	return 0;
}
EXPORT_SYMBOL_GPL(afo_offload_register);

/**
 * afo_offload_unregister - a driver withdraws an offload adapter
 * @dev: the adapter
 *
 * Caller holds RTNL. Every address registered with the adapter is
 * unregistered first, and its addresses move to a sibling if one is
 * healthy.
 */
void afo_offload_unregister(struct net_device *dev)
{
	struct afo_offload *o;

	ASSERT_RTNL();
	list_for_each_entry(o, &afo_offloads, node) {
		if (o->dev != dev)
			continue;
		list_del(&o->node);
		kfree(o);
		afo_sync_dev(dev);	/* no longer manageable: released */
		return;
	}
}
EXPORT_SYMBOL_GPL(afo_offload_unregister);

/**
 * afo_offload_dev_gone - forget a device being unregistered
 * @dev: any network device
 *
 * A driver that never called afo_offload_unregister() leaves no stale
 * pointer behind: a new device at the same address is not an offload
 * adapter by mistake.
 */
void afo_offload_dev_gone(struct net_device *dev)
{
	struct afo_offload *o;

	ASSERT_RTNL();
	if (dev->reg_state != NETREG_UNREGISTERING)
		return;		/* moving to another namespace: it stays */
	list_for_each_entry(o, &afo_offloads, node) {
		if (o->dev == dev) {
			list_del(&o->node);
			kfree(o);
			return;
		}
	}
}

/* Register @ip with offload adapter @ad: it announces and answers it. */
int afo_offload_add(struct afo_adapter *ad, __be32 ip)
{
	int err = ad->offload->add_addr(ad->dev, ip);

	if (err && net_ratelimit())
		afo_warn(ad->dev, "offload adapter refused %pI4: %d\n",
			 &ip, err);
	return err;
}

static void afo_offload_del(struct afo_adapter *ad, __be32 ip)
{
	ad->offload->del_addr(ad->dev, ip);
}

/* Register @addr with @by, if it is an offload adapter, and nowhere else. */
static bool afo_offload_move(struct afo_addr *addr, struct afo_adapter *by)
{
	/* Offload adapters answer ARP only: IPv6 stays with the host. */
	int to = by && by->offload && !addr->v6 ? by->core.ifindex : 0;
	struct afo_adapter *old;

	if (addr->offload_reg && addr->offload_reg != to) {
		old = afo_adapter_find(addr->owner->an, addr->offload_reg);
		if (old)
			afo_offload_del(old, addr->ip);
		addr->offload_reg = 0;
		list_del_init(&addr->offload_node);
	}
	if (!to)
		return false;
	/* Registered again all the same: the adapter announces it again. */
	if (!afo_offload_add(by, addr->ip) && addr->offload_reg != to) {
		addr->offload_reg = to;
		list_add_tail(&addr->offload_node, &by->offload_addrs);
	}
	return true;
}

/**
 * afo_offload_place - register @addr where it is answered now
 * @addr: an adapter's address
 *
 * The one place that decides offload placement: an address is registered
 * with an offload adapter exactly while that adapter is its responder
 * (which then announces it), or holds it when it is shared; it is
 * unregistered from one that no longer is.
 *
 * Return: true when its responder is an offload adapter (nothing left
 * for the host to send).
 */
bool afo_offload_place(struct afo_addr *addr)
{
	/* A shared address is the kernel's: answered where it is held. */
	int responder = addr->shared ? addr->owner->core.ifindex :
				       addr->owner->core.responder;

	ASSERT_RTNL();
	return afo_offload_move(addr, responder ?
				afo_adapter_find(addr->owner->an, responder) :
				NULL);
}

/**
 * afo_offload_unplace - unregister @addr, which goes away
 * @addr: an adapter's address
 */
void afo_offload_unplace(struct afo_addr *addr)
{
	afo_offload_move(addr, NULL);
}

/**
 * afo_offload_vipas - register or unregister every VIPA with a holder
 * @ad: an offload adapter that took (@on) or lost the VIPA duty
 * @on:   which
 */
void afo_offload_vipas(struct afo_adapter *ad, bool on)
{
	struct afo_addr *vipa;

	list_for_each_entry(vipa, &ad->an->vipas, port_node) {
		if (vipa->v6)
			continue;
		if (on && afo_vipa_for(vipa, ad))
			afo_offload_add(ad, vipa->ip);
		else if (ad->vipas_registered)
			afo_offload_del(ad, vipa->ip);
	}
	ad->vipas_registered = on;
}

/**
 * afo_offload_vipa_gone - a VIPA went: unregister it from its holders
 * @an: the namespace
 * @ip: the VIPA
 */
void afo_offload_vipa_gone(struct afo_net *an, __be32 ip)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->core.adapters, node)
		if (afo_adapter_of(a)->vipas_registered)
			afo_offload_del(afo_adapter_of(a), ip);
}

/**
 * afo_offload_forget - unregister everything registered with an adapter
 * @ad: an adapter about to be released
 */
void afo_offload_forget(struct afo_adapter *ad)
{
	struct afo_addr *addr, *tmp;

	if (!ad->offload)
		return;		/* a host adapter registers nothing */
	list_for_each_entry_safe(addr, tmp, &ad->offload_addrs, offload_node) {
		afo_offload_del(ad, addr->ip);
		addr->offload_reg = 0;
		list_del_init(&addr->offload_node);
	}
	if (ad->vipas_registered)
		afo_offload_vipas(ad, false);
}

/**
 * afo_offload_probe_ip - what an offload adapter can announce to probe
 * @ad: the offload adapter
 *
 * An offload adapter cannot send a tagged probe; it can only announce an
 * address registered with it. Its siblings hearing that announcement
 * prove the pnet.
 *
 * Return: such an address, or 0 when none is registered with it.
 */
__be32 afo_offload_probe_ip(struct afo_adapter *ad)
{
	struct afo_addr *addr;

	/* Its own addresses first: registered while it answers for itself. */
	addr = list_first_entry_or_null(&ad->addrs, struct afo_addr, port_node);
	if (addr && addr->offload_reg == ad->core.ifindex)
		return addr->ip;
	addr = list_first_entry_or_null(&ad->offload_addrs, struct afo_addr,
					offload_node);
	if (addr)
		return addr->ip;
	if (ad->vipas_registered && !list_empty(&ad->an->vipas))
		return list_first_entry(&ad->an->vipas, struct afo_addr,
					port_node)->ip;
	return 0;
}

/**
 * afo_offload_heard - whether offload adapter @rx saw @prober's announcement
 * @rx:     a sibling offload adapter
 * @prober: an offload adapter that announced @prober->probe_ip
 *
 * Asks the adapter's ARP cache (the optional query op) whether it saw the
 * prober's MAC for that address since the announcement went out.
 *
 * Return: true if @rx saw the announcement.
 */
bool afo_offload_heard(struct afo_adapter *rx, struct afo_adapter *prober)
{
	unsigned long seen;
	u8 mac[ETH_ALEN];

	if (!rx->offload || !rx->offload->query ||
	    rx->offload->query(rx->dev, prober->probe_ip, mac, &seen))
		return false;
	return ether_addr_equal(mac, prober->dev->dev_addr) &&
	       time_after_eq(seen, prober->probe_started);
}
