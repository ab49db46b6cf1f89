// SPDX-License-Identifier: GPL-2.0-only
/*
 * Managed adapters and addresses: which adapters we manage and which of
 * their addresses, mirrored from the kernel's tables; each event about
 * them becomes one decision of the core (core.h), applied by apply.c.
 * Everything here runs under RTNL, but the lookups, which the hooks use
 * under RCU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/l3mdev.h>

#include "addrs6.h"
#include "adapter.h"
#include "announce.h"
#include "apply.h"
#include "discovery.h"
#include "egress.h"
#include "live_target.h"
#include "liveness.h"
#include "membership.h"
#include "netlink.h"
#include "netns.h"
#include "notify.h"
#include "offload.h"
#include "settings.h"
#include "tick.h"
#include "vipa.h"

/**
 * afo_adapter_find - the managed adapter with an ifindex
 * @an:      the namespace
 * @ifindex: the adapter's ifindex
 *
 * Caller holds rcu_read_lock() (the hooks) or RTNL.
 *
 * Return: the adapter, or NULL when it is not managed.
 */
struct afo_adapter *afo_adapter_find(struct afo_net *an, int ifindex)
{
	struct afo_adapter *ad;

	hash_for_each_possible_rcu(an->by_ifindex, ad, hnode, ifindex,
				   lockdep_rtnl_is_held())
		if (ad->core.ifindex == ifindex)
			return ad;
	return NULL;
}

/**
 * afo_adapter_by_mac - a managed adapter with a MAC
 * @an:  the namespace
 * @mac: the MAC
 *
 * Caller holds rcu_read_lock() (the hooks). Adapters may share a MAC
 * (VLANs of one NIC): any one of them.
 *
 * Return: the adapter, or NULL when none has @mac.
 */
struct afo_adapter *afo_adapter_by_mac(struct afo_net *an, const u8 *mac)
{
	struct afo_adapter *ad;

	hash_for_each_possible_rcu(an->by_mac, ad, mac_node, afo_mac_hash(mac))
		if (ether_addr_equal(ad->dev->dev_addr, mac))
			return ad;
	return NULL;
}

/* Re-hash @ad under its device's current MAC. */
static void afo_adapter_hash_mac(struct afo_adapter *ad)
{
	hash_del_rcu(&ad->mac_node);
	hash_add_rcu(ad->an->by_mac, &ad->mac_node,
		     afo_mac_hash(ad->dev->dev_addr));
}

/* Addresses are keyed by L3 domain and address: one per VRF. */
static u32 afo_addr_key(int l3dev, __be32 ip)
{
	return jhash_2words((__force u32)ip, l3dev, 0);
}

static u32 afo_addr6_key(int l3dev, const struct in6_addr *ip6)
{
	return jhash2((const u32 *)ip6, 4, l3dev);
}

static u32 afo_addr_hkey(const struct afo_addr *addr)
{
	return addr->v6 ? afo_addr6_key(addr->l3dev, &addr->ip6) :
			  afo_addr_key(addr->l3dev, addr->ip);
}

/*
 * The bucket of @key in the address table, or NULL while there is no
 * table (no address yet). Under rcu_read_lock() or RTNL.
 */
static struct hlist_head *afo_addrs_bucket(struct afo_net *an, u32 key)
{
	struct hlist_head *t = rcu_dereference_rtnl(an->addrs);

	return t ? &t[hash_32(key, AFO_ADDRS_BITS)] : NULL;
}

/**
 * afo_addrs_alloc - the address table of @an, made when first needed
 * @an: the namespace
 *
 * A namespace that manages no address (no Ethernet device with one, no
 * VIPA) has none: 8 kB saved each. Charged to the memory cgroup of the
 * task whose event brought the first address. Caller holds RTNL; the
 * table stays until the namespace goes.
 *
 * Return: 0, or -ENOMEM: the address stays the kernel's.
 */
int afo_addrs_alloc(struct afo_net *an)
{
	struct hlist_head *t;

	ASSERT_RTNL();
	if (rtnl_dereference(an->addrs))
		return 0;
	/* zeroed: every bucket an empty hlist_head */
	t = kvcalloc(1 << AFO_ADDRS_BITS, sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return -ENOMEM;
	rcu_assign_pointer(an->addrs, t);
	return 0;
}

static bool afo_addr_is(const struct afo_addr *addr, int l3dev, __be32 ip)
{
	return !addr->v6 && addr->ip == ip && addr->l3dev == l3dev;
}

static bool afo_addr6_is(const struct afo_addr *addr, int l3dev,
			 const struct in6_addr *ip6)
{
	return addr->v6 && ipv6_addr_equal(&addr->ip6, ip6) &&
	       addr->l3dev == l3dev;
}

/* Whether @a and @b are the same address of the same L3 domain. */
static bool afo_addr_same(const struct afo_addr *a, const struct afo_addr *b)
{
	return a->v6 ? afo_addr6_is(b, a->l3dev, &a->ip6) :
		       afo_addr_is(b, a->l3dev, a->ip);
}

/**
 * afo_addr_find - a managed address @ip of an L3 domain
 * @an:    the namespace
 * @l3dev: the L3 domain: ifindex of the VRF device, 0 for none
 * @ip:    the address
 *
 * Caller holds rcu_read_lock() (the hooks) or RTNL. When several devices
 * hold @ip, any of their entries is returned: each is marked shared.
 *
 * Return: the address, or NULL when it is not managed.
 */
struct afo_addr *afo_addr_find(struct afo_net *an, int l3dev, __be32 ip)
{
	struct hlist_head *b = afo_addrs_bucket(an, afo_addr_key(l3dev, ip));
	struct afo_addr *addr;

	if (!b)
		return NULL;
	hlist_for_each_entry_rcu(addr, b, hnode, lockdep_rtnl_is_held())
		if (afo_addr_is(addr, l3dev, ip))
			return addr;
	return NULL;
}

/**
 * afo_addr_find_held - the entry of @ip that one device holds
 * @an:     the namespace
 * @l3dev:  the L3 domain
 * @ip:     the address
 * @holder: ifindex of the device (an adapter, or a VIPA's device)
 *
 * Caller holds RTNL.
 *
 * Return: the address, or NULL.
 */
struct afo_addr *afo_addr_find_held(struct afo_net *an, int l3dev, __be32 ip,
				    int holder)
{
	struct hlist_head *b = afo_addrs_bucket(an, afo_addr_key(l3dev, ip));
	struct afo_addr *addr;

	ASSERT_RTNL();
	if (!b)
		return NULL;
	hlist_for_each_entry(addr, b, hnode)
		if (afo_addr_is(addr, l3dev, ip) &&
		    afo_addr_holder(addr) == holder)
			return addr;
	return NULL;
}

/**
 * afo_addr6_find - a managed IPv6 address of an L3 domain
 * @an:    the namespace
 * @l3dev: the L3 domain
 * @ip6:   the address
 *
 * As afo_addr_find(), for the Neighbor Discovery hook.
 *
 * Return: the address, or NULL when it is not managed.
 */
struct afo_addr *afo_addr6_find(struct afo_net *an, int l3dev,
				const struct in6_addr *ip6)
{
	struct hlist_head *b = afo_addrs_bucket(an, afo_addr6_key(l3dev, ip6));
	struct afo_addr *addr;

	if (!b)
		return NULL;
	hlist_for_each_entry_rcu(addr, b, hnode, lockdep_rtnl_is_held())
		if (afo_addr6_is(addr, l3dev, ip6))
			return addr;
	return NULL;
}

/**
 * afo_addr6_find_held - the entry of IPv6 address @ip6 that one device holds
 * @an:     the namespace
 * @l3dev:  the L3 domain
 * @ip6:    the address
 * @holder: ifindex of the device
 *
 * Caller holds RTNL.
 *
 * Return: the address, or NULL.
 */
struct afo_addr *afo_addr6_find_held(struct afo_net *an, int l3dev,
				     const struct in6_addr *ip6, int holder)
{
	struct hlist_head *b = afo_addrs_bucket(an, afo_addr6_key(l3dev, ip6));
	struct afo_addr *addr;

	ASSERT_RTNL();
	if (!b)
		return NULL;
	hlist_for_each_entry(addr, b, hnode)
		if (afo_addr6_is(addr, l3dev, ip6) &&
		    afo_addr_holder(addr) == holder)
			return addr;
	return NULL;
}

static const char *afo_holder_name(struct afo_net *an,
				   const struct afo_addr *addr)
{
	struct net_device *dev;

	dev = __dev_get_by_index(an->net, afo_addr_holder(addr));
	return dev ? dev->name : "?";
}

/*
 * Mark every entry of @ref's address shared or not, by how many devices
 * hold it: one walk of one hash bucket, when a holder comes or goes; an
 * entry whose mark changes is placed again (offload), the others stay. A
 * shared address (anycast, or a mistake) is the kernel's: it answers from
 * every holder, and we announce nothing for it. Said once, when it starts.
 */
static void afo_addr_share_update(struct afo_net *an,
				  const struct afo_addr *ref)
{
	struct hlist_head *b = afo_addrs_bucket(an, afo_addr_hkey(ref));
	struct afo_addr *addr, *first = NULL;
	char buf[AFO_ADDR_STRLEN];
	unsigned int n = 0;
	bool was = false, now;

	hlist_for_each_entry(addr, b, hnode) {
		if (!afo_addr_same(ref, addr))
			continue;
		was |= addr->shared;
		if (!n++)
			first = addr;
	}
	now = n > 1;
	hlist_for_each_entry(addr, b, hnode) {
		if (!afo_addr_same(ref, addr) || addr->shared == now)
			continue;
		WRITE_ONCE(addr->shared, now);
		if (now)
			afo_announce_cancel(addr);
		if (!addr->vipa_dev)
			afo_offload_place(addr);
		afo_nd_place(addr);
		if (now && !was && addr != first)
			pr_info("%s is held by %s and %s: the kernel answers for it from each, as without the module\n",
				afo_addr_str(addr, buf),
				afo_holder_name(an, first),
				afo_holder_name(an, addr));
	}
}

/**
 * afo_addr_hash - make @addr visible to the hooks
 * @an:   the namespace
 * @addr: a new address, its @ip, @l3dev and holder set
 *
 * The caller made sure the table exists (afo_addrs_alloc()).
 */
void afo_addr_hash(struct afo_net *an, struct afo_addr *addr)
{
	ASSERT_RTNL();
	hlist_add_head_rcu(&addr->hnode,
			   afo_addrs_bucket(an, afo_addr_hkey(addr)));
	afo_addr_share_update(an, addr);
	/* Placed already when it became shared. */
	if (!addr->vipa_dev && !addr->shared)
		afo_offload_place(addr);
	if (!addr->shared)
		afo_nd_place(addr);
}

/**
 * afo_addr_unhash - hide @addr from the hooks, before it is freed
 * @an:   the namespace
 * @addr: the address
 */
void afo_addr_unhash(struct afo_net *an, struct afo_addr *addr)
{
	ASSERT_RTNL();
	hash_del_rcu(&addr->hnode);
	afo_nd_unplace(addr);
	afo_addr_share_update(an, addr);
}

static bool afo_dev_has_carrier(const struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev);
}

static void afo_addr_free(struct afo_addr *addr)
{
	afo_offload_unplace(addr);
	afo_announce_cancel(addr);
	afo_addr_unhash(addr->owner->an, addr);
	list_del(&addr->port_node);
	addr->owner->naddrs--;
	kfree_rcu(addr, rcu);
}

static void afo_addr_event(struct afo_adapter *ad, u8 type,
			   const struct afo_addr *addr)
{
	struct afo_event_info ev = {
		.type = type, .ip = addr->ip,
		.ip6 = addr->v6 ? &addr->ip6 : NULL,
	};

	afo_event(ad->dev, &ev, GFP_KERNEL);
}

/* The entry of @key's address that @holder holds, of either family. */
static struct afo_addr *afo_addr_find_like(struct afo_net *an,
					   const struct afo_addr *key,
					   int holder)
{
	return key->v6 ?
	       afo_addr6_find_held(an, key->l3dev, &key->ip6, holder) :
	       afo_addr_find_held(an, key->l3dev, key->ip, holder);
}

/*
 * Start managing address @ip of @ad: it is answered by the adapter's
 * responder from now on. Not announced: the kernel announces nothing when
 * an address is added, peers learn it when they ask, and adding thousands
 * of addresses must cost what it costs without the module. NULL when
 * @ad has it already or memory is short; either way the kernel keeps
 * answering for it. Held by another device of its L3 domain too, it is
 * shared: left to the kernel.
 */
static struct afo_addr *afo_adapter_addr_new(struct afo_adapter *ad,
					     const struct afo_addr *key)
{
	struct afo_net *an = ad->an;
	struct afo_addr *addr;

	if (afo_addr_find_like(an, key, ad->core.ifindex) ||
	    afo_addrs_alloc(an))
		return NULL;
	addr = kzalloc(sizeof(*addr), GFP_KERNEL_ACCOUNT);
	if (!addr)
		return NULL;
	addr->ip = key->ip;
	addr->ip6 = key->ip6;
	addr->v6 = key->v6;
	addr->l3dev = ad->l3dev;
	addr->owner = ad;
	INIT_LIST_HEAD(&addr->garp_node);
	INIT_LIST_HEAD(&addr->offload_node);
	list_add_tail(&addr->port_node, &ad->addrs);
	ad->naddrs++;
	afo_addr_event(ad, ARPFO_EVENT_ADDR_NEW, addr);
	/* Also placed with an offload responder, which answers only that. */
	afo_addr_hash(an, addr);
	return addr;
}

static struct afo_addr *afo_adapter_addr4_new(struct afo_adapter *ad,
					      __be32 ip)
{
	struct afo_addr key = { .ip = ip, .l3dev = ad->l3dev };

	return afo_adapter_addr_new(ad, &key);
}

static void afo_adapter_addr_del(struct afo_addr *addr)
{
	afo_addr_event(addr->owner, ARPFO_EVENT_ADDR_DEL, addr);
	afo_addr_free(addr);
}

/*
 * The kernel removed @addr from its adapter. While a sibling answers for
 * the adapter, that defeats the takeover: said before it is forgotten.
 * Not for a shared address (its other holder answers), one that failed
 * DAD (@dadfailed: another node's, never answered), nor for a device
 * being unregistered (its addresses go with it).
 */
static void afo_adapter_addr_removed(struct afo_addr *addr, bool dadfailed)
{
	struct afo_adapter *ad = addr->owner;
	int responder = ad->core.responder;

	if (responder && responder != ad->core.ifindex && !addr->shared &&
	    !dadfailed && ad->dev->reg_state == NETREG_REGISTERED)
		afo_report_addr_lost(ad, addr);
	afo_adapter_addr_del(addr);
}

/* Mark (or add) one address of the adapter being synced. */
static void afo_sync_one(struct afo_adapter *ad, const struct afo_addr *key)
{
	struct afo_addr *addr = afo_addr_find_like(ad->an, key,
						   ad->core.ifindex);

	if (!addr)
		addr = afo_adapter_addr_new(ad, key);
	if (addr)
		addr->sync_gen = ad->sync_gen;
}

static void afo_sync_one6(void *arg, const struct in6_addr *ip6)
{
	struct afo_adapter *ad = arg;
	struct afo_addr key = { .ip6 = *ip6, .v6 = true, .l3dev = ad->l3dev };

	afo_sync_one(ad, &key);
}

/*
 * Mirror the adapter's IPv4 and IPv6 addresses into our table, in one
 * pass over each (hash lookups, a generation mark for what is still
 * there).
 */
static void afo_sync_addrs(struct afo_adapter *ad)
{
	struct in_device *in_dev = __in_dev_get_rtnl(ad->dev);
	unsigned int gen = ++ad->sync_gen;
	struct afo_addr *addr, *tmp;
	const struct in_ifaddr *ifa;

	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		struct afo_addr key = {
			.ip = ifa->ifa_local,
			.l3dev = ad->l3dev,
		};

		afo_sync_one(ad, &key);
	}
	afo_ip6_each(ad->dev, afo_sync_one6, ad);
	list_for_each_entry_safe(addr, tmp, &ad->addrs, port_node) {
		if (addr->sync_gen == gen)
			continue;
		afo_adapter_addr_removed(addr, addr->v6 &&
					 afo_ip6_failed(ad->dev, &addr->ip6));
	}
}

static struct afo_adapter *afo_adapter_new(struct afo_net *an,
					   struct net_device *dev)
{
	struct afo_adapter *ad = kzalloc(sizeof(*ad), GFP_KERNEL_ACCOUNT);
	int slot;

	if (!ad)
		return NULL;
	slot = ida_alloc(&an->slots, GFP_KERNEL);
	if (slot < 0) {
		kfree(ad);
		return NULL;
	}
	ad->slot = slot;
	an->slot_bound = max(an->slot_bound, ad->slot + 1);
	ad->gen = ++an->adapter_gen;
	ad->an = an;
	ad->dev = dev;
	ad->l3dev = l3mdev_master_ifindex(dev);
	netdev_hold(dev, &ad->dev_tracker, GFP_KERNEL);
	ad->offload = afo_offload_ops_of(dev);
	ad->saved_linkdown = -1;
	ad->saved_linkdown6 = -1;
	INIT_LIST_HEAD(&ad->addrs);
	INIT_LIST_HEAD(&ad->offload_addrs);
	afo_core_add(&an->core, &ad->core, dev->ifindex,
		     afo_dev_priority(dev), !!ad->offload);
	ad->core.spread = get_random_u32() & U16_MAX;
	afo_live_fresh(ad);
	hash_add_rcu(an->by_ifindex, &ad->hnode, dev->ifindex);
	afo_adapter_hash_mac(ad);
	return ad;
}

/*
 * Put back what we changed and let go of @ad, which the core no longer
 * knows (afo_core_remove(), afo_core_forget()). Sends nothing.
 */
static void afo_adapter_free(struct afo_adapter *ad)
{
	struct afo_addr *addr, *tmp;

	afo_live_plan_drop(ad->an);	/* no round reads @ad past its free */
	afo_egress_divert(ad, false);
	afo_egress_silent(ad, false);
	afo_nd_vipa_groups(ad, false);
	afo_target_stop(ad);
	afo_offload_forget(ad);
	list_for_each_entry_safe(addr, tmp, &ad->addrs, port_node)
		afo_addr_free(addr);
	afo_round_free(ad);
	hash_del_rcu(&ad->hnode);
	hash_del_rcu(&ad->mac_node);
	ida_free(&ad->an->slots, ad->slot);
	netdev_put(ad->dev, &ad->dev_tracker);
	kfree_rcu(ad, rcu);
}

/*
 * Stop managing @ad, for the reason @why: its siblings answer for what it
 * answered for.
 */
static void afo_adapter_release(struct afo_adapter *ad, const char *why,
				struct afo_step *s)
{
	struct afo_net *an = ad->an;

	if (net_ratelimit())
		afo_info(ad->dev, "no longer managed: %s\n", why);
	afo_notify(ad->dev, ARPFO_EVENT_ADAPTER_DEL, ad->core.pnet, 0);
	afo_core_remove(&an->core, &ad->core, s);
	afo_adapter_free(ad);
}

/* Start managing @dev: a fresh pnet of its own until it has probed. */
static void afo_adapter_manage(struct afo_net *an, struct net_device *dev,
			       struct afo_step *s)
{
	struct afo_adapter *ad = afo_adapter_new(an, dev);

	if (!ad)
		return;
	afo_notify(dev, ARPFO_EVENT_ADAPTER_NEW, 0, ad->core.pnet);
	afo_sync_addrs(ad);
	afo_core_carrier(&an->core, &ad->core, afo_dev_has_carrier(dev), s);
	if (net_ratelimit())
		afo_info(dev, "managed: %s, pnet %u\n",
			 ad->core.carrier ? "carrier" : "no carrier",
			 ad->core.pnet);
}

/**
 * afo_sync_dev - bring our view of one device in line with the kernel's
 * @dev: any network device
 *
 * Starts or stops managing @dev as an adapter or as a VIPA device,
 * mirrors its addresses and priority, in one pass over them, and applies
 * what the core decides.
 */
void afo_sync_dev(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	enum arpfo_membership m = afo_membership(dev);
	struct afo_core_params p;
	const char *why = NULL;
	struct afo_step s;

	if (an->dying)
		why = "its namespace is going away";
	else if (afo_unloading_now())
		why = "the module is unloading";
	else if (m != ARPFO_MEMBER_MANAGED)
		why = afo_member_str(m);
	else if (ad && ad->l3dev != l3mdev_master_ifindex(dev))
		why = "moved to another VRF, managed afresh";
	afo_step_begin(an, &s, &p);
	/*
	 * A device's addresses are an adapter's or VIPAs, never both: let go
	 * of them first as an adapter, then as VIPAs, so that either can take
	 * them over when the vipa parameter changes.
	 */
	if (ad && why) {
		afo_adapter_release(ad, why, &s);
		ad = NULL;
	}
	afo_sync_vipas(dev, !an->dying && m == ARPFO_MEMBER_VIPA, &s);
	if (ad) {
		afo_core_priority(&an->core, &ad->core, afo_dev_priority(dev),
				  &s);
		afo_sync_addrs(ad);
	} else if (!why) {
		afo_adapter_manage(an, dev, &s);
	}
	afo_step_commit(an, &s);
}

/**
 * afo_settle_all - apply every rule again after a parameter changed
 * @an: the namespace
 */
void afo_settle_all(struct afo_net *an)
{
	struct afo_core_params p;
	struct afo_step s;

	afo_step_begin(an, &s, &p);
	afo_core_settle_all(&an->core, &s);
	afo_step_commit(an, &s);
	/* New intervals: let the tick compute every deadline again now. */
	afo_tick_arm(an, s.now);
}

/**
 * afo_addr_added - the kernel added IPv4 address @ip to @dev
 * @dev: any network device
 * @ip:  the address
 *
 * Costs one hash lookup for a device we manage already: the notifier
 * names the address, so nothing else is looked at.
 */
void afo_addr_added(struct net_device *dev, __be32 ip)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	enum arpfo_membership m;

	ASSERT_RTNL();
	if (ad) {
		afo_adapter_addr4_new(ad, ip);
		if (ad->probe_wait)	/* something to probe with at last */
			afo_tick_arm(an, jiffies);
		return;
	}
	m = afo_membership(dev);
	if (m == ARPFO_MEMBER_VIPA)
		afo_vipa_added(dev, ip);
	else if (m == ARPFO_MEMBER_MANAGED)
		afo_sync_dev(dev);	/* first address: managed from now */
}

/**
 * afo_addr_removed - the kernel removed IPv4 address @ip from @dev
 * @dev: any network device
 * @ip:  the address
 */
void afo_addr_removed(struct net_device *dev, __be32 ip)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	struct afo_addr *addr;

	ASSERT_RTNL();
	if (!ad) {
		afo_vipa_removed(dev, ip);
		return;
	}
	addr = afo_addr_find_held(an, ad->l3dev, ip, ad->core.ifindex);
	if (addr)
		afo_adapter_addr_removed(addr, false);
	if (!afo_dev_has_addrs(dev))
		afo_sync_dev(dev);	/* its last address: released */
}

/**
 * afo_addr6_changed - IPv6 address @ip6 of @dev came or went
 * @dev:       any network device
 * @ip6:       the address
 * @dadfailed: it had failed duplicate address detection when it went
 *
 * From the work that applies the IPv6 notifier's record (addrs6.c): the
 * kernel's state now decides, one hash lookup for a managed adapter.
 */
void afo_addr6_changed(struct net_device *dev, const struct in6_addr *ip6,
		       bool dadfailed)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	struct afo_addr *addr, key = { .ip6 = *ip6, .v6 = true };
	bool held = afo_ip6_held(dev, ip6);

	ASSERT_RTNL();
	if (!ad) {
		enum arpfo_membership m = afo_membership(dev);

		if (m == ARPFO_MEMBER_VIPA)
			afo_vipa6_changed(dev, ip6, held);
		else if (held && m == ARPFO_MEMBER_MANAGED)
			afo_sync_dev(dev);	/* its first address */
		return;
	}
	key.l3dev = ad->l3dev;
	addr = afo_addr_find_like(an, &key, ad->core.ifindex);
	if (held && !addr) {
		afo_adapter_addr_new(ad, &key);
		if (ad->probe_wait)	/* something to probe with at last */
			afo_tick_arm(an, jiffies);
	} else if (!held && addr) {
		afo_adapter_addr_removed(addr, dadfailed ||
					 afo_ip6_failed(dev, ip6));
		if (!afo_dev_has_addrs(dev))
			afo_sync_dev(dev);	/* its last address: released */
	}
}

/**
 * afo_dev_changed - an adapter went up or down or changed carrier
 * @dev: the adapter
 */
void afo_dev_changed(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	struct afo_core_params p;
	struct afo_step s;

	/* A namespace being dismantled: its devices go away next, quietly. */
	if (!check_net(dev_net(dev)))
		return;
	/*
	 * Not ours yet, or no longer: ipvlan's L3 mode sets IFF_NOARP when
	 * the device opens, with no event of its own.
	 */
	if (!ad || afo_membership(dev) != ARPFO_MEMBER_MANAGED) {
		afo_sync_dev(dev);
		return;
	}
	afo_step_begin(an, &s, &p);
	afo_core_carrier(&an->core, &ad->core, afo_dev_has_carrier(dev), &s);
	afo_step_commit(an, &s);
}

/**
 * afo_dev_gone - an adapter is being unregistered or leaves the namespace
 * @dev: the adapter
 */
void afo_dev_gone(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);

	afo_setting_drop(an, dev->ifindex);
	afo_vipas_drop(dev);
	if (ad) {
		struct afo_core_params p;
		struct afo_step s;

		afo_step_begin(an, &s, &p);
		afo_adapter_release(ad,
				    "unregistered or left the namespace", &s);
		afo_step_commit(an, &s);
	}
	afo_offload_dev_gone(dev);
}

/**
 * afo_dev_mac_changed - an adapter got a new MAC address
 * @dev: the adapter
 *
 * Peers hold the old MAC for every address it answers for: announce them
 * all again, and re-probe its network.
 */
void afo_dev_mac_changed(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	struct afo_core_adapter *a;
	struct afo_core_params p;
	struct afo_addr *addr;
	struct afo_step s;

	if (!ad)
		return;
	afo_adapter_hash_mac(ad);
	afo_step_begin(an, &s, &p);
	list_for_each_entry(a, &an->core.adapters, node) {
		if (a->responder != dev->ifindex)
			continue;
		list_for_each_entry(addr, &afo_adapter_of(a)->addrs, port_node)
			afo_announce(ad, addr, &s);
	}
	if (ad->core.vipa_duty)
		afo_announce_vipas(ad, &s);
	afo_core_probe_start(&an->core, &ad->core, &s);
	afo_step_commit(an, &s);
}

/**
 * afo_release_all - stop managing every adapter of a namespace
 * @an: the namespace
 *
 * Puts back what we changed; sends nothing.
 */
void afo_release_all(struct afo_net *an)
{
	struct afo_core_adapter *a, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(a, tmp, &an->core.adapters, node) {
		afo_core_forget(&an->core, a);
		afo_adapter_free(afo_adapter_of(a));
	}
	afo_vipas_free(an);
}
