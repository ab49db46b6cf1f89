// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual IP addresses: addresses of the host rather than of an adapter,
 * held by a dummy device (or a device the vipa parameter names). On each
 * pnet exactly one healthy adapter answers ARP for all of them (the VIPA
 * duty); the others stay silent. Everything here runs under RTNL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "afo.h"
#include "params.h"
#include "trace.h"

/**
 * afo_dev_is_vipa - whether the IPv4 addresses of @dev are VIPAs
 * @dev: any network device
 *
 * Dummy devices and those the vipa parameter names, unless the
 * administrator excluded them (include/exclude, netlink "managed off").
 */
bool afo_dev_is_vipa(struct net_device *dev)
{
	return afo_dev_vipa_kind(dev) && dev->reg_state == NETREG_REGISTERED &&
	       afo_dev_selected(dev);
}

/**
 * afo_dev_vipa_kind - whether @dev holds VIPAs unless excluded
 * @dev: any network device
 *
 * A dummy device, or one the vipa parameter names.
 */
bool afo_dev_vipa_kind(const struct net_device *dev)
{
	bool dummy = dev->rtnl_link_ops &&
		     !strcmp(dev->rtnl_link_ops->kind, "dummy");

	return dummy || afo_name_vipa(dev->name);
}

static void afo_vipa_free(struct afo_addr *vipa)
{
	hash_del_rcu(&vipa->hnode);
	list_del(&vipa->port_node);
	kfree_rcu(vipa, rcu);
}

static void afo_vipa_event(struct net_device *dev, u8 type, __be32 ip)
{
	struct afo_event_info ev = { .type = type, .ip = ip };

	afo_event(dev, &ev, GFP_KERNEL);
}

static struct afo_addr *afo_vipa_new(struct afo_net *an, int ifindex, __be32 ip)
{
	struct afo_addr *vipa = kzalloc(sizeof(*vipa), GFP_KERNEL_ACCOUNT);

	if (!vipa)
		return NULL;	/* stays unmanaged: the kernel answers as usual */
	vipa->ip = ip;
	vipa->vipa_dev = ifindex;
	INIT_LIST_HEAD(&vipa->garp_node);
	list_add_tail(&vipa->port_node, &an->vipas);
	hash_add_rcu(an->addrs, &vipa->hnode, (__force u32)ip);
	return vipa;
}

/* Forget VIPA @vipa of @dev, which the kernel no longer holds. */
static void afo_vipa_del(struct afo_net *an, struct net_device *dev,
			 struct afo_addr *vipa)
{
	afo_vipa_event(dev, ARPFO_EVENT_ADDR_DEL, vipa->ip);
	afo_offload_vipa_gone(an, vipa->ip);
	afo_vipa_free(vipa);
}

/*
 * Mirror the addresses of @dev into the VIPA list: @want says whether
 * they are VIPAs at all. One pass over each (hash lookups, a generation
 * mark for what the device still holds). Return: whether a VIPA was added.
 */
static bool afo_vipas_mirror(struct afo_net *an, struct net_device *dev,
			     bool want)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	unsigned int gen = ++an->vipa_gen;
	struct afo_addr *vipa, *tmp;
	const struct in_ifaddr *ifa;
	bool added = false;

	if (want && in_dev) {
		in_dev_for_each_ifa_rtnl(ifa, in_dev) {
			vipa = afo_addr_find(an, ifa->ifa_local);
			if (!vipa) {
				vipa = afo_vipa_new(an, dev->ifindex, ifa->ifa_local);
				if (!vipa)
					continue;
				afo_vipa_event(dev, ARPFO_EVENT_ADDR_NEW, vipa->ip);
				added = true;
			}
			if (vipa->vipa_dev == dev->ifindex)
				vipa->sync_gen = gen;
		}
	}
	list_for_each_entry_safe(vipa, tmp, &an->vipas, port_node)
		if (vipa->vipa_dev == dev->ifindex && vipa->sync_gen != gen)
			afo_vipa_del(an, dev, vipa);
	return added;
}

/* Every pnet's holder announces the VIPAs (one was added). */
static void afo_vipas_announce_all(struct afo_net *an)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->adapters, node)
		if (afo_adapter_of(a)->vipa_duty)
			afo_announce_vipas(afo_adapter_of(a));
	afo_tick_kick(an);
}

/**
 * afo_vipa_added - the kernel added @ip to VIPA device @dev
 * @dev: a device whose addresses are VIPAs
 * @ip:  the address
 */
void afo_vipa_added(struct net_device *dev, __be32 ip)
{
	struct afo_net *an = afo_net(dev_net(dev));

	ASSERT_RTNL();
	if (an->dying || afo_addr_find(an, ip) ||
	    !afo_vipa_new(an, dev->ifindex, ip))
		return;
	afo_vipa_event(dev, ARPFO_EVENT_ADDR_NEW, ip);
	afo_announce_vipa_new(an, ip);
}

/**
 * afo_vipa_removed - the kernel removed @ip from @dev
 * @dev: any device that is not a managed adapter
 * @ip:  the address
 */
void afo_vipa_removed(struct net_device *dev, __be32 ip)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_addr *vipa = afo_addr_find(an, ip);

	ASSERT_RTNL();
	if (vipa && vipa->vipa_dev == dev->ifindex)
		afo_vipa_del(an, dev, vipa);
}

/**
 * afo_sync_vipas - bring the VIPAs of one device in line with the kernel's
 * @dev: any network device
 *
 * New VIPAs are announced at once by every pnet's VIPA holder.
 */
void afo_sync_vipas(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	bool want = !an->dying && afo_dev_is_vipa(dev);

	ASSERT_RTNL();
	if (afo_vipas_mirror(an, dev, want))
		afo_vipas_announce_all(an);
}

/**
 * afo_vipas_drop - forget the VIPAs of a device that goes away
 * @dev: the device
 */
void afo_vipas_drop(struct net_device *dev)
{
	afo_vipas_mirror(afo_net(dev_net(dev)), dev, false);
}

/**
 * afo_vipas_free - forget every VIPA of a namespace, quietly
 * @an: the namespace
 */
void afo_vipas_free(struct afo_net *an)
{
	struct afo_addr *vipa, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(vipa, tmp, &an->vipas, port_node)
		afo_vipa_free(vipa);
}

static unsigned int afo_vipa_count(const struct afo_net *an)
{
	const struct afo_addr *vipa;
	unsigned int n = 0;

	list_for_each_entry(vipa, &an->vipas, port_node)
		n++;
	return n;
}

static void afo_set_vipa_duty(struct afo_adapter *ad, bool duty)
{
	struct afo_net *an = ad->an;

	if (ad->vipa_duty == duty)
		return;
	WRITE_ONCE(ad->vipa_duty, duty);
	trace_arp_failover_vipa_duty(ad->dev, !duty, duty);
	afo_notify(ad->dev, ARPFO_EVENT_VIPA_DUTY, !duty, duty);
	if (!duty) {
		ad->vipa_garp_left = 0;
		if (ad->vipas_registered)
			afo_offload_vipas(ad, false);
		return;
	}
	if (!list_empty(&an->vipas) && net_ratelimit())
		afo_info(ad->dev, "answers for the %u VIPAs on pnet %u\n",
			 afo_vipa_count(an), ad->core.pnet);
	afo_announce_vipas(ad);
}

/* The adapter of pnet @pnet holding the VIPA duty now; the best of several. */
static struct afo_core_adapter *afo_vipa_holder(struct afo_net *an, u32 pnet)
{
	struct afo_core_adapter *a, *holder = NULL;

	list_for_each_entry(a, &an->adapters, node)
		if (a->pnet == pnet && afo_adapter_of(a)->vipa_duty &&
		    (!holder || afo_better_backup(a, holder)))
			holder = a;
	return holder;
}

/**
 * afo_update_vipa_duty - give each pnet exactly one VIPA holder
 * @an: the namespace
 *
 * Asks the core for each pnet, moves the duty where it changed (the new
 * holder announces every VIPA), and takes it from every other adapter,
 * among them those of pnets that merged.
 */
void afo_update_vipa_duty(struct afo_net *an)
{
	const struct afo_core_adapter *holder;
	struct afo_core_adapter *a, *b;

	ASSERT_RTNL();
	list_for_each_entry(a, &an->adapters, node) {
		if (!afo_first_of_pnet(an, a))
			continue;
		holder = afo_choose_vipa_holder(afo_vipa_holder(an, a->pnet),
						a->pnet, &an->adapters);
		/* Losers first, so that a trace shows the duty leave, then arrive. */
		list_for_each_entry(b, &an->adapters, node)
			if (b->pnet == a->pnet && b != holder)
				afo_set_vipa_duty(afo_adapter_of(b), false);
		if (holder)
			afo_set_vipa_duty(afo_adapter_find(an, holder->ifindex), true);
	}
}
