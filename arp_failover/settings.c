// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-adapter settings made over netlink: whether to manage an adapter
 * and its backup priority. They override the name-based module
 * parameters (include, exclude, priority) for one adapter of one
 * namespace, and live as long as the adapter stays registered there.
 * Everything here runs under RTNL, which protects afo_net.settings.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "adapter.h"
#include "netns.h"
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
 * afo_dev_manage_setting - whether the administrator said to manage @dev
 * @dev: any network device
 *
 * Return: AFO_MANAGE_DEFAULT when no netlink setting says (the include
 * and exclude parameters decide, membership.c).
 */
enum afo_manage afo_dev_manage_setting(struct net_device *dev)
{
	struct afo_setting *s = afo_setting_find(afo_net(dev_net(dev)),
						 dev->ifindex);

	return s ? s->manage : AFO_MANAGE_DEFAULT;
}

/**
 * afo_dev_priority - the backup priority of @dev
 * @dev: any network device
 *
 * A netlink setting wins over the priority parameter.
 *
 * Return: the netlink setting, else the priority parameter's, else 0.
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
 * @dev: an adapter or VIPA device a setting can change (afo_member_settable())
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
