// SPDX-License-Identifier: GPL-2.0-only
/*
 * Managed adapters and addresses: which adapters we manage, their health,
 * and who answers for each address. Everything here runs under RTNL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "afo.h"
#include "params.h"
#include "trace.h"

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
 * afo_adapter_find_mac - a managed adapter with MAC @mac
 * @an:  the namespace
 * @mac: the MAC
 *
 * Caller holds rcu_read_lock() (the hooks) or RTNL. Several adapters may
 * share a MAC; any of them is returned.
 *
 * Return: the adapter, or NULL.
 */
struct afo_adapter *afo_adapter_find_mac(struct afo_net *an, const u8 *mac)
{
	struct afo_adapter *ad;

	hash_for_each_possible_rcu(an->by_mac, ad, mac_node, afo_mac_hash(mac),
				   lockdep_rtnl_is_held())
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

/**
 * afo_addr_find - the managed address @ip
 * @an: the namespace
 * @ip: the address
 *
 * Caller holds rcu_read_lock() (the hooks) or RTNL.
 *
 * Return: the address, or NULL when it is not managed.
 */
struct afo_addr *afo_addr_find(struct afo_net *an, __be32 ip)
{
	struct afo_addr *addr;

	hash_for_each_possible_rcu(an->addrs, addr, hnode, (__force u32)ip,
				   lockdep_rtnl_is_held())
		if (addr->ip == ip)
			return addr;
	return NULL;
}

/* Manageable adapters with IPv4 addresses that the administrator selected. */
static bool afo_dev_eligible(struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	if (!afo_dev_manageable(dev) || dev->reg_state != NETREG_REGISTERED ||
	    afo_dev_is_vipa(dev))
		return false;
	if (!in_dev || !in_dev->ifa_list)
		return false;
	return afo_dev_selected(dev);
}

static bool afo_dev_has_carrier(const struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev);
}

/*
 * Not ipv4_devconf_set(): that also marks the value as the administrator's
 * own, after which writes to net.ipv4.conf.default no longer reach the
 * adapter. (Listeners get no RTM_NEWNETCONF for our writes: the helper
 * that sends it is not exported to modules.)
 */
static void afo_linkdown_write(struct in_device *in_dev, int val)
{
	WRITE_ONCE(in_dev->cnf.data[IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN - 1],
		   val);
}

/*
 * While another adapter answers for this one's addresses, traffic from
 * them must leave through that adapter too. Linux keeps using a route over
 * an adapter without carrier unless ignore_routes_with_linkdown is set on
 * it, so set it for the duration of the takeover and put back what the
 * administrator had.
 */
static void afo_egress_divert(struct afo_adapter *ad, bool divert)
{
	struct in_device *in_dev = __in_dev_get_rtnl(ad->dev);
	const int attr = IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN;

	if (!in_dev)
		return;
	if (divert && ad->saved_linkdown < 0) {
		ad->saved_linkdown = ipv4_devconf_get(in_dev, attr);
		afo_linkdown_write(in_dev, 1);
		rt_genid_bump_ipv4(dev_net(ad->dev));	/* cached routes */
	} else if (!divert && ad->saved_linkdown >= 0) {
		if (ipv4_devconf_get(in_dev, attr) == 1)
			afo_linkdown_write(in_dev, ad->saved_linkdown);
		ad->saved_linkdown = -1;
		rt_genid_bump_ipv4(dev_net(ad->dev));	/* cached routes */
	}
}

static const char *afo_ifname(struct afo_net *an, int ifindex)
{
	struct afo_adapter *ad = ifindex ? afo_adapter_find(an, ifindex) : NULL;

	return ad ? ad->dev->name : "none";
}

/* One rate-limited line per change of who answers for @ad. */
static void afo_log_responder(struct afo_adapter *ad, int old, int new)
{
	struct afo_net *an = ad->an;
	int self = ad->core.ifindex;

	trace_arp_failover_responder(ad->dev, old, new);
	afo_notify(ad->dev, ARPFO_EVENT_RESPONDER, old, new);
	if (new == self && old && old != self) {
		atomic_long_inc(&ad->stats.reclaims);
		if (net_ratelimit())
			afo_info(ad->dev, "reclaim: answers for its addresses again (was %s)\n",
				 afo_ifname(an, old));
	} else if (new && new != self) {
		if (old == self || !old)
			atomic_long_inc(&ad->stats.takeovers);
		if (net_ratelimit())
			afo_info(ad->dev, "takeover: %s answers for its %u addresses (was %s)\n",
				 afo_ifname(an, new), ad->naddrs,
				 afo_ifname(an, old));
	} else if (!new && old && net_ratelimit()) {
		afo_warn(ad->dev, "no adapter on its network can answer: the kernel's own ARP answers for its addresses\n");
	}
}

/*
 * Point every address of @ad at the new responder (one store: the hooks
 * read the owner's responder) and announce each from it, first
 * announcements at once.
 */
static void afo_set_responder(struct afo_adapter *ad, int responder)
{
	struct afo_net *an = ad->an;
	struct afo_addr *addr;
	struct afo_adapter *by;
	unsigned int n = 0;

	afo_log_responder(ad, ad->responder, responder);
	WRITE_ONCE(ad->responder, responder);
	afo_egress_divert(ad, responder && responder != ad->core.ifindex);
	by = responder ? afo_adapter_find(an, responder) : NULL;
	list_for_each_entry(addr, &ad->addrs, port_node) {
		if (by)
			afo_announce(by, addr);
		else
			afo_offload_place(addr, NULL);
		/* Let the stack drain what we queued (softirqs, other tasks). */
		if (!(++n % 64))
			cond_resched();
	}
}

/**
 * afo_update_responders - ask the core who answers for every adapter
 * @an: the namespace
 *
 * Applies every change: the hooks see the new responder at once, the new
 * responder announces each address, egress follows.
 */
void afo_update_responders(struct afo_net *an)
{
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	list_for_each_entry(a, &an->adapters, node) {
		const struct afo_core_adapter *r = afo_choose_responder(a, &an->adapters);
		int responder = r ? r->ifindex : 0;

		if (responder != afo_adapter_of(a)->responder)
			afo_set_responder(afo_adapter_of(a), responder);
	}
	afo_update_vipa_duty(an);
	afo_tick_kick(an);
}

static void afo_addr_free(struct afo_addr *addr)
{
	afo_offload_place(addr, NULL);
	afo_announce_cancel(addr);
	hash_del_rcu(&addr->hnode);
	list_del(&addr->port_node);
	addr->owner->naddrs--;
	kfree_rcu(addr, rcu);
}

static void afo_addr_event(struct afo_adapter *ad, u8 type, __be32 ip)
{
	struct afo_event_info ev = { .type = type, .ip = ip };

	afo_event(ad->dev, &ev, GFP_KERNEL);
}

/*
 * Start managing address @ip of @ad: it is answered by the adapter's
 * responder from now on. Not announced: the kernel announces nothing when
 * an address is added, peers learn it when they ask, and adding thousands
 * of addresses must cost what it costs without the module. NULL when the
 * address is managed already (by @ad, or held by another adapter too)
 * or memory is short; either way the kernel keeps answering for it.
 */
static struct afo_addr *afo_adapter_addr_new(struct afo_adapter *ad, __be32 ip)
{
	struct afo_net *an = ad->an;
	struct afo_addr *addr;

	if (afo_addr_find(an, ip))
		return NULL;
	addr = kzalloc(sizeof(*addr), GFP_KERNEL_ACCOUNT);
	if (!addr)
		return NULL;
	addr->ip = ip;
	addr->owner = ad;
	INIT_LIST_HEAD(&addr->garp_node);
	list_add_tail(&addr->port_node, &ad->addrs);
	ad->naddrs++;
	hash_add_rcu(an->addrs, &addr->hnode, (__force u32)ip);
	afo_addr_event(ad, ARPFO_EVENT_ADDR_NEW, ip);
	/* An offload responder answers only what is registered with it. */
	if (ad->responder)
		afo_offload_place(addr, afo_adapter_find(an, ad->responder));
	return addr;
}

static void afo_adapter_addr_del(struct afo_addr *addr)
{
	afo_addr_event(addr->owner, ARPFO_EVENT_ADDR_DEL, addr->ip);
	afo_addr_free(addr);
}

/*
 * Mirror the adapter's IPv4 addresses into our table, in one pass over
 * each (hash lookups, a generation mark for what is still there).
 */
static void afo_sync_addrs(struct afo_adapter *ad)
{
	struct in_device *in_dev = __in_dev_get_rtnl(ad->dev);
	unsigned int gen = ++ad->sync_gen;
	struct afo_addr *addr, *tmp;
	const struct in_ifaddr *ifa;

	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		addr = afo_addr_find(ad->an, ifa->ifa_local);
		if (!addr)
			addr = afo_adapter_addr_new(ad, ifa->ifa_local);
		if (addr && addr->owner == ad)
			addr->sync_gen = gen;
	}
	list_for_each_entry_safe(addr, tmp, &ad->addrs, port_node)
		if (addr->sync_gen != gen)
			afo_adapter_addr_del(addr);
}

static void afo_adapter_set_healthy(struct afo_adapter *ad, bool healthy)
{
	if (ad->core.healthy == healthy)
		return;
	ad->core.healthy = healthy;
	afo_notify(ad->dev, ARPFO_EVENT_HEALTHY, !healthy, healthy);
}

/*
 * Carrier and reclaim delay. Returns true when the adapter's eligibility
 * to answer changed.
 */
static bool afo_adapter_eval_health(struct afo_adapter *ad)
{
	bool carrier = afo_dev_has_carrier(ad->dev);
	bool was_healthy = ad->core.healthy;
	unsigned long delay = 0;

	if (carrier == ad->core.carrier)
		return false;
	/*
	 * A reclaim delay only where there is something to reclaim: a sibling
	 * answers for this adapter now. An adapter nobody answered for (alone,
	 * or newly managed: no responder yet) answers at once, as without the
	 * module.
	 */
	if (carrier && ad->responder &&
	    ad->responder != ad->core.ifindex)
		delay = afo_flap_regain(&ad->flaps, jiffies, afo_reclaim_delay());
	trace_arp_failover_carrier(ad->dev, carrier);
	afo_notify(ad->dev, ARPFO_EVENT_CARRIER, !carrier, carrier);
	ad->core.carrier = carrier;
	ad->an->carriers += carrier ? 1 : -1;
	ad->usable_at = 0;
	if (!carrier) {
		afo_adapter_set_healthy(ad, false);
		afo_probe_stop(ad);
	} else if (delay) {
		ad->usable_at = (jiffies + delay) | 1;
	} else {
		afo_adapter_set_healthy(ad, true);
	}
	if (carrier) {
		/* The first sibling with carrier: the lone one probes too. */
		if (ad->an->carriers == 2)
			afo_probe_skipped_start(ad->an);
		afo_probe_start(ad);
	}
	return was_healthy != ad->core.healthy;
}

static struct afo_adapter *afo_adapter_new(struct afo_net *an, struct net_device *dev)
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
	ad->an = an;
	ad->dev = dev;
	netdev_hold(dev, &ad->dev_tracker, GFP_KERNEL);
	ad->core.ifindex = dev->ifindex;
	ad->core.pnet = afo_pnet_new(&an->pnets);
	ad->pnet_logged = ad->core.pnet;
	ad->core.priority = afo_dev_priority(dev);
	ad->offload = afo_offload_ops_of(dev);
	ad->core.deaf = !!ad->offload;
	ad->saved_linkdown = -1;
	INIT_LIST_HEAD(&ad->addrs);
	list_add_tail(&ad->core.node, &an->adapters);
	hash_add_rcu(an->by_ifindex, &ad->hnode, dev->ifindex);
	afo_adapter_hash_mac(ad);
	return ad;
}

static void afo_adapter_free(struct afo_adapter *ad)
{
	struct afo_addr *addr, *tmp;

	afo_egress_divert(ad, false);
	afo_offload_forget(ad);
	list_for_each_entry_safe(addr, tmp, &ad->addrs, port_node)
		afo_addr_free(addr);
	afo_probe_stop(ad);
	if (ad->core.carrier)
		ad->an->carriers--;
	list_del(&ad->core.node);
	hash_del_rcu(&ad->hnode);
	hash_del_rcu(&ad->mac_node);
	ida_free(&ad->an->slots, ad->slot);
	netdev_put(ad->dev, &ad->dev_tracker);
	kfree_rcu(ad, rcu);
}

static void afo_adapter_release(struct afo_adapter *ad)
{
	struct afo_net *an = ad->an;

	if (net_ratelimit())
		afo_info(ad->dev, "no longer managed\n");
	afo_notify(ad->dev, ARPFO_EVENT_ADAPTER_DEL, ad->core.pnet, 0);
	afo_adapter_free(ad);
	afo_update_responders(an);
}

/**
 * afo_sync_dev_quiet - bring our view of one adapter in line with the kernel's
 * @dev: any network device
 *
 * Starts or stops managing @dev, mirrors its addresses and priority, in
 * one pass over them. The caller updates the responders once for all the
 * devices it syncs (afo_update_responders()).
 *
 * Return: whether @dev is managed, as an adapter or as a VIPA device.
 */
bool afo_sync_dev_quiet(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);
	bool eligible = !an->dying && afo_dev_eligible(dev);

	ASSERT_RTNL();
	/*
	 * A device's addresses are an adapter's or VIPAs, never both: let go
	 * of them first as an adapter, then as VIPAs, so that either can take
	 * them over when the vipa parameter changes.
	 */
	if (ad && !eligible) {
		afo_adapter_release(ad);
		ad = NULL;
	}
	afo_sync_vipas(dev);
	if (!eligible)
		return false;
	if (ad) {
		ad->core.priority = afo_dev_priority(dev);
		afo_sync_addrs(ad);
		return true;
	}
	ad = afo_adapter_new(an, dev);
	if (!ad)
		return false;
	afo_notify(dev, ARPFO_EVENT_ADAPTER_NEW, 0, ad->core.pnet);
	afo_sync_addrs(ad);
	afo_adapter_eval_health(ad);
	if (net_ratelimit())
		afo_info(dev, "managed: %s, pnet %u\n",
			 ad->core.carrier ? "carrier" : "no carrier",
			 ad->core.pnet);
	return true;
}

/**
 * afo_sync_dev - afo_sync_dev_quiet() for one device, then apply
 * @dev: any network device
 */
void afo_sync_dev(struct net_device *dev)
{
	afo_sync_dev_quiet(dev);
	afo_update_responders(afo_net(dev_net(dev)));
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

	ASSERT_RTNL();
	if (ad) {
		afo_adapter_addr_new(ad, ip);
		afo_tick_kick(an);
	} else if (afo_dev_is_vipa(dev)) {
		afo_vipa_added(dev, ip);
	} else if (afo_dev_eligible(dev)) {
		afo_sync_dev(dev);	/* its first address: managed from now */
	}
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
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct afo_addr *addr = afo_addr_find(an, ip);

	ASSERT_RTNL();
	if (!ad) {
		afo_vipa_removed(dev, ip);
		return;
	}
	if (addr && addr->owner == ad)
		afo_adapter_addr_del(addr);
	if (!in_dev || !in_dev->ifa_list)
		afo_sync_dev(dev);	/* its last address: released */
}

/**
 * afo_dev_changed - an adapter went up or down or changed carrier
 * @dev: the adapter
 */
void afo_dev_changed(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_adapter *ad = afo_adapter_find(an, dev->ifindex);

	/* A namespace being dismantled: its devices go away next, quietly. */
	if (!check_net(dev_net(dev)))
		return;
	if (!ad) {
		afo_sync_dev(dev);
		return;
	}
	if (afo_adapter_eval_health(ad))
		afo_update_responders(an);
	afo_tick_kick(an);
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
	if (ad)
		afo_adapter_release(ad);
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
	struct afo_addr *addr;

	if (!ad)
		return;
	afo_adapter_hash_mac(ad);
	list_for_each_entry(a, &an->adapters, node) {
		if (afo_adapter_of(a)->responder != dev->ifindex)
			continue;
		list_for_each_entry(addr, &afo_adapter_of(a)->addrs, port_node)
			afo_announce(ad, addr);
	}
	if (ad->vipa_duty)
		afo_announce_vipas(ad);
	if (ad->core.carrier)
		afo_probe_start(ad);
	afo_tick_kick(an);
}

/**
 * afo_adapter_became_usable - the reclaim delay of an adapter ran out
 * @ad: the adapter
 *
 * Return: true when it may answer again (caller updates responders).
 */
bool afo_adapter_became_usable(struct afo_adapter *ad)
{
	if (!ad->usable_at || time_before(jiffies, ad->usable_at))
		return false;
	ad->usable_at = 0;
	afo_adapter_set_healthy(ad, ad->core.carrier);
	return ad->core.healthy;
}

/**
 * afo_first_of_pnet - whether @a is the first adapter of the list on its pnet
 * @an: the namespace
 * @a:  one of its adapters
 *
 * Visits each pnet once when iterating over the adapters.
 */
bool afo_first_of_pnet(const struct afo_net *an, const struct afo_core_adapter *a)
{
	const struct afo_core_adapter *b;

	list_for_each_entry(b, &an->adapters, node) {
		if (b == a)
			return true;
		if (b->pnet == a->pnet)
			return false;
	}
	return true;
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
	list_for_each_entry_safe(a, tmp, &an->adapters, node)
		afo_adapter_free(afo_adapter_of(a));
	afo_vipas_free(an);
}
