// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual IP addresses: addresses of the host rather than of an adapter,
 * held by a dummy device (or a device the vipa parameter names). On each
 * pnet one adapter answers ARP for all of them: the VIPA duty, which the
 * core gives (core.c) and the announcer announces. This file mirrors
 * which addresses are VIPAs. Everything here runs under RTNL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/l3mdev.h>
#include <net/rtnetlink.h>

#include "addrs6.h"
#include "adapter.h"
#include "announce.h"
#include "netlink.h"
#include "netns.h"
#include "offload.h"
#include "vipa.h"

static void afo_vipa_free(struct afo_net *an, struct afo_addr *vipa)
{
	afo_announce_vipa_gone(an, vipa);
	afo_nd_vipa_each_holder(an, vipa, false);
	an->nvipas--;
	afo_addr_unhash(an, vipa);
	list_del(&vipa->port_node);
	kfree_rcu(vipa, rcu);
}

static void afo_vipa_event(struct net_device *dev, u8 type,
			   const struct afo_addr *vipa)
{
	struct afo_event_info ev = {
		.type = type, .ip = vipa->ip,
		.ip6 = vipa->v6 ? &vipa->ip6 : NULL,
	};

	afo_event(dev, &ev, GFP_KERNEL);
}

/*
 * A VIPA of @dev with the address of @key, in the L3 domain of @dev. Held
 * by another device of that domain too, it is shared: left to the kernel.
 */
static struct afo_addr *afo_vipa_new(struct afo_net *an, struct net_device *dev,
				     const struct afo_addr *key)
{
	struct afo_addr *vipa;

	if (afo_addrs_alloc(an))
		return NULL;	/* unmanaged: the kernel answers as usual */
	vipa = kzalloc(sizeof(*vipa), GFP_KERNEL_ACCOUNT);
	if (!vipa)
		return NULL;
	vipa->ip = key->ip;
	vipa->ip6 = key->ip6;
	vipa->v6 = key->v6;
	vipa->l3dev = l3mdev_master_ifindex(dev);
	vipa->vipa_dev = dev->ifindex;
	INIT_LIST_HEAD(&vipa->garp_node);
	list_add_tail(&vipa->port_node, &an->vipas);
	an->nvipas++;
	afo_addr_hash(an, vipa);
	afo_nd_vipa_each_holder(an, vipa, true);
	return vipa;
}

/* Forget VIPA @vipa of @dev, which the kernel no longer holds. */
static void afo_vipa_del(struct afo_net *an, struct net_device *dev,
			 struct afo_addr *vipa)
{
	afo_vipa_event(dev, ARPFO_EVENT_ADDR_DEL, vipa);
	if (!vipa->v6)
		afo_offload_vipa_gone(an, vipa->ip);
	afo_vipa_free(an, vipa);
}

/**
 * struct afo_vipa_sync - one pass of afo_vipas_mirror() over a device
 * @an:    the namespace
 * @dev:   the device
 * @gen:   the generation that marks what it still holds
 * @added: a VIPA was added
 */
struct afo_vipa_sync {
	struct afo_net *an;
	struct net_device *dev;
	unsigned int gen;
	bool added;
};

/* Mark (or add) the VIPA with the address of @key. */
static void afo_vipa_sync_one(struct afo_vipa_sync *vs,
			      const struct afo_addr *key)
{
	int l3dev = key->l3dev, holder = vs->dev->ifindex;
	struct afo_addr *vipa;

	vipa = key->v6 ? afo_addr6_find_held(vs->an, l3dev, &key->ip6, holder) :
			 afo_addr_find_held(vs->an, l3dev, key->ip, holder);
	if (!vipa) {
		vipa = afo_vipa_new(vs->an, vs->dev, key);
		if (!vipa)
			return;
		afo_vipa_event(vs->dev, ARPFO_EVENT_ADDR_NEW, vipa);
		vs->added = true;
	}
	vipa->sync_gen = vs->gen;
}

static void afo_vipa_sync_one6(void *arg, const struct in6_addr *ip6)
{
	struct afo_vipa_sync *vs = arg;
	struct afo_addr key = {
		.ip6 = *ip6, .v6 = true,
		.l3dev = l3mdev_master_ifindex(vs->dev),
	};

	afo_vipa_sync_one(vs, &key);
}

/*
 * Mirror the addresses of @dev into the VIPA list: @want says whether
 * they are VIPAs at all. One pass over each (hash lookups, a generation
 * mark for what the device still holds). Return: whether a VIPA was added.
 */
static bool afo_vipas_mirror(struct afo_net *an, struct net_device *dev,
			     bool want)
{
	struct afo_vipa_sync vs = {
		.an = an, .dev = dev, .gen = ++an->vipa_gen,
	};
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct afo_addr *vipa, *tmp;
	const struct in_ifaddr *ifa;

	/* A VIPA that moved to another VRF is a new one there. */
	if (want && in_dev) {
		in_dev_for_each_ifa_rtnl(ifa, in_dev) {
			struct afo_addr key = {
				.ip = ifa->ifa_local,
				.l3dev = l3mdev_master_ifindex(dev),
			};

			afo_vipa_sync_one(&vs, &key);
		}
	}
	if (want)
		afo_ip6_each(dev, afo_vipa_sync_one6, &vs);
	list_for_each_entry_safe(vipa, tmp, &an->vipas, port_node)
		if (vipa->vipa_dev == dev->ifindex && vipa->sync_gen != vs.gen)
			afo_vipa_del(an, dev, vipa);
	return vs.added;
}

/* Every pnet's holder announces the VIPAs (one was added). */
static void afo_vipas_announce_all(struct afo_net *an, struct afo_step *s)
{
	struct afo_core_adapter *a;

	list_for_each_entry(a, &an->core.adapters, node)
		if (a->vipa_duty)
			afo_announce_vipas(afo_adapter_of(a), s);
}

/* A VIPA the kernel added to @dev at runtime: managed, announced once. */
static void afo_vipa_add(struct afo_net *an, struct net_device *dev,
			 const struct afo_addr *key)
{
	struct afo_addr *vipa = afo_vipa_new(an, dev, key);

	if (!vipa)
		return;
	afo_vipa_event(dev, ARPFO_EVENT_ADDR_NEW, vipa);
	afo_announce_vipa_new(an, vipa);
}

/**
 * afo_vipa_added - the kernel added @ip to VIPA device @dev
 * @dev: a device whose addresses are VIPAs
 * @ip:  the address
 */
void afo_vipa_added(struct net_device *dev, __be32 ip)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_addr key = { .ip = ip, .l3dev = l3mdev_master_ifindex(dev) };

	ASSERT_RTNL();
	if (!an->dying && !afo_addr_find_held(an, key.l3dev, ip, dev->ifindex))
		afo_vipa_add(an, dev, &key);
}

/**
 * afo_vipa_removed - the kernel removed @ip from @dev
 * @dev: any device that is not a managed adapter
 * @ip:  the address
 */
void afo_vipa_removed(struct net_device *dev, __be32 ip)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_addr *vipa;

	ASSERT_RTNL();
	vipa = afo_addr_find_held(an, l3mdev_master_ifindex(dev), ip,
				  dev->ifindex);
	if (vipa)
		afo_vipa_del(an, dev, vipa);
}

/**
 * afo_vipa6_changed - IPv6 address @ip6 of VIPA device @dev came or went
 * @dev:  a device whose addresses are VIPAs
 * @ip6:  the address
 * @held: whether @dev holds it now
 */
void afo_vipa6_changed(struct net_device *dev, const struct in6_addr *ip6,
		       bool held)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_addr key = {
		.ip6 = *ip6, .v6 = true, .l3dev = l3mdev_master_ifindex(dev),
	};
	struct afo_addr *vipa;

	ASSERT_RTNL();
	vipa = afo_addr6_find_held(an, key.l3dev, ip6, dev->ifindex);
	if (!held) {
		if (vipa)
			afo_vipa_del(an, dev, vipa);
		return;
	}
	if (!an->dying && !vipa)
		afo_vipa_add(an, dev, &key);
}

/**
 * afo_sync_vipas - bring the VIPAs of one device in line with the kernel's
 * @dev:  any network device
 * @want: whether its addresses are VIPAs (ARPFO_MEMBER_VIPA)
 * @s:    the step of the sync
 *
 * New VIPAs are announced at once by every pnet's VIPA holder.
 */
void afo_sync_vipas(struct net_device *dev, bool want, struct afo_step *s)
{
	struct afo_net *an = afo_net(dev_net(dev));

	ASSERT_RTNL();
	if (afo_vipas_mirror(an, dev, want))
		afo_vipas_announce_all(an, s);
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
		afo_vipa_free(an, vipa);
}
