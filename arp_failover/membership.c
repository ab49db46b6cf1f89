// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which network devices arp_failover manages, and why not: the facts of
 * one device, gathered here under RTNL and judged by the rules of
 * membership_rules.c. Every place that decides (the notifiers, the
 * address events, netlink) and every place that tells (the log, the
 * device dump that arpfo check reads) asks afo_membership(), so that what
 * the module does and what it says are one.
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "addrs6.h"
#include "adapter.h"
#include "membership.h"
#include "netns.h"
#include "offload.h"
#include "params.h"
#include "settings.h"

/* Whether @dev was made by the rtnl_link_ops of @kind ("ip link add type"). */
static bool afo_dev_kind_is(const struct net_device *dev, const char *kind)
{
	return dev->rtnl_link_ops && !strcmp(dev->rtnl_link_ops->kind, kind);
}

/* A dummy device, or one the vipa parameter names. */
static bool afo_dev_vipa_kind(const struct net_device *dev)
{
	return afo_dev_kind_is(dev, "dummy") || afo_name_vipa(dev->name);
}

/*
 * Drivers set the master or the receive handler in either order before
 * NETDEV_CHANGEUPPER, so by that event either one tells that a device is
 * taken.
 */
static void afo_member_facts(struct net_device *dev, struct afo_member_facts *f)
{
	struct net_device *master = netdev_master_upper_dev_get(dev);

	f->going = dev->reg_state != NETREG_REGISTERED;
	f->vipa_kind = afo_dev_vipa_kind(dev);
	f->manage = afo_dev_manage_setting(dev);
	f->name_selected = f->manage == AFO_MANAGE_DEFAULT &&
			   afo_name_selected(dev->name);
	f->ether = dev->type == ARPHRD_ETHER && dev->addr_len == ETH_ALEN;
	f->loopback = dev->flags & IFF_LOOPBACK;
	f->noarp = dev->flags & IFF_NOARP;
	f->offload = f->noarp && afo_offload_ops_of(dev);
	f->ipvlan = afo_dev_kind_is(dev, "ipvlan") ||
		    afo_dev_kind_is(dev, "ipvtap");
	f->bridge_port = netif_is_bridge_port(dev);
	f->bond_port = netif_is_bond_slave(dev);
	f->team_port = netif_is_team_port(dev);
	f->ovs_port = netif_is_ovs_port(dev);
	f->foreign_master = master && !netif_is_l3_master(master);
	f->rx_handler = netdev_is_rx_handler_busy(dev);
}

/**
 * afo_dev_has_addrs - whether @dev has an address we would manage
 * @dev: any network device (under RTNL)
 *
 * An IPv4 address, or a global or unique-local IPv6 one.
 *
 * Return: true if @dev has at least one such address.
 */
bool afo_dev_has_addrs(struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	return (in_dev && in_dev->ifa_list) || afo_dev_has_ip6(dev);
}

/*
 * An adapter whose addresses were removed while a sibling answered for
 * it stays managed, with none, until it is healthy again (apply.c): arpfo
 * show goes on marking it, and the addresses a network manager puts back
 * when carrier returns are reclaimed without a new discovery.
 */
static bool afo_dev_held(struct net_device *dev)
{
	struct afo_adapter *ad = afo_adapter_find(afo_net(dev_net(dev)),
						  dev->ifindex);

	return ad && ad->addrs_lost;
}

/**
 * afo_membership - whether we manage @dev, and if not, why
 * @dev: any network device
 *
 * Caller holds RTNL. Costs a few flag tests, the name parameters' mutex
 * and, for an adapter we could manage, a look at its address lists.
 *
 * Return: ARPFO_MEMBER_MANAGED for an adapter we manage (or should),
 * ARPFO_MEMBER_VIPA for a device whose addresses are VIPAs, else the
 * reason it is left alone.
 */
enum arpfo_membership afo_membership(struct net_device *dev)
{
	struct afo_member_facts f;
	enum arpfo_membership m;

	ASSERT_RTNL();
	afo_member_facts(dev, &f);
	m = afo_member_rules(&f);
	if (m == ARPFO_MEMBER_MANAGED && !afo_dev_has_addrs(dev) &&
	    !afo_dev_held(dev))
		return ARPFO_MEMBER_NO_ADDRESS;
	return m;
}

/**
 * afo_dev_release_pending - whether @dev is being let go by its master
 * @dev: any network device
 *
 * No master any more, but still a receive handler or the Open vSwitch
 * flag: team unlinks its port before it drops the handler, Open vSwitch
 * clears its flag last, and no notification follows either. Caller holds
 * RTNL.
 *
 * Return: true while the master is letting @dev go.
 */
bool afo_dev_release_pending(struct net_device *dev)
{
	ASSERT_RTNL();
	return !netdev_master_upper_dev_get(dev) &&
	       (netdev_is_rx_handler_busy(dev) || netif_is_ovs_port(dev));
}
