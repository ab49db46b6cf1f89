// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-adapter settings made over netlink: whether to manage an adapter
 * and its backup priority. They override the name-based module
 * parameters (include, exclude, priority) for one adapter of one
 * namespace, and live as long as the adapter stays registered there.
 * Everything here runs under RTNL, which protects afo_net.settings.
 */
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "adapter.h"
#include "netns.h"
#include "offload.h"
#include "settings.h"
#include "params.h"

static struct afo_setting *afo_setting_find(struct afo_net *an, int ifindex)
{
	struct afo_setting *s;

	ASSERT_RTNL();
	list_for_each_entry(s, &an->settings, node)
		if (s->ifindex == ifindex)
			return s;
	return NULL;
}

/**
 * afo_dev_manageable - whether @dev is an adapter we could ever manage
 * @dev: any network device
 *
 * An Ethernet adapter whose ARP the host answers, or an offload adapter
 * (offload.c), that nothing else claims: not enslaved to a master (a
 * bridge, bond, team, Open vSwitch; a VRF is fine, it only scopes routes)
 * and no receive handler on it (team, OVS, macvlan and the like take its
 * frames). Drivers set the master or the handler in either order before
 * NETDEV_CHANGEUPPER, so by that event either one tells. Caller holds RTNL.
 */
bool afo_dev_manageable(const struct net_device *dev)
{
	struct net_device *master;

	ASSERT_RTNL();
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    dev->flags & IFF_LOOPBACK)
		return false;
	if (dev->flags & IFF_NOARP && !afo_offload_ops_of(dev))
		return false;
	master = netdev_master_upper_dev_get((struct net_device *)dev);
	if (master && !netif_is_l3_master(master))
		return false;
	return !netif_is_bridge_port(dev) && !netif_is_lag_port(dev) &&
	       !netif_is_ovs_port(dev) &&
	       !netdev_is_rx_handler_busy((struct net_device *)dev);
}

/**
 * afo_dev_release_pending - whether @dev is being let go by its master
 * @dev: any network device
 *
 * No master any more, but still a receive handler or the Open vSwitch
 * flag: team unlinks its port before it drops the handler, Open vSwitch
 * clears its flag last, and no notification follows either. Caller holds
 * RTNL.
 */
bool afo_dev_release_pending(struct net_device *dev)
{
	ASSERT_RTNL();
	return !netdev_master_upper_dev_get(dev) &&
	       (netdev_is_rx_handler_busy(dev) || netif_is_ovs_port(dev));
}

/**
 * afo_dev_selected - whether the administrator wants @dev managed
 * @dev: any network device
 *
 * A netlink setting wins over the include and exclude parameters.
 */
bool afo_dev_selected(struct net_device *dev)
{
	struct afo_setting *s = afo_setting_find(afo_net(dev_net(dev)),
						 dev->ifindex);

	if (s && s->manage != AFO_MANAGE_DEFAULT)
		return s->manage == AFO_MANAGE_ON;
	return afo_name_selected(dev->name);
}

/**
 * afo_dev_priority - the backup priority of @dev
 * @dev: any network device
 *
 * A netlink setting wins over the priority parameter.
 */
u32 afo_dev_priority(struct net_device *dev)
{
	struct afo_setting *s = afo_setting_find(afo_net(dev_net(dev)),
						 dev->ifindex);

	if (s && s->has_priority)
		return s->priority;
	return afo_name_priority(dev->name);
}

/**
 * afo_setting_apply - merge a netlink setting for @dev and act on it
 * @dev: a manageable adapter
 * @set: what to change: @set->manage unless AFO_MANAGE_DEFAULT, the
 *       priority when @set->has_priority
 *
 * Return: 0, or -ENOMEM.
 */
int afo_setting_apply(struct net_device *dev, const struct afo_setting *set)
{
	struct afo_net *an = afo_net(dev_net(dev));
	struct afo_setting *s = afo_setting_find(an, dev->ifindex);

	if (!s) {
		s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
		if (!s)
			return -ENOMEM;
		s->ifindex = dev->ifindex;
		list_add_tail(&s->node, &an->settings);
	}
	if (set->manage != AFO_MANAGE_DEFAULT)
		s->manage = set->manage;
	if (set->has_priority) {
		s->has_priority = true;
		s->priority = set->priority;
	}
	afo_sync_dev(dev);
	return 0;
}

/**
 * afo_setting_drop - forget the settings of an adapter
 * @an:      its namespace
 * @ifindex: its ifindex, which another adapter may get next
 */
void afo_setting_drop(struct afo_net *an, int ifindex)
{
	struct afo_setting *s = afo_setting_find(an, ifindex);

	if (s) {
		list_del(&s->node);
		kfree(s);
	}
}

/**
 * afo_settings_free - forget every setting of a namespace
 * @an: the namespace
 */
void afo_settings_free(struct afo_net *an)
{
	struct afo_setting *s, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(s, tmp, &an->settings, node) {
		list_del(&s->node);
		kfree(s);
	}
}
