/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-adapter settings made over netlink (settings.c). Under RTNL. Which
 * devices are managed is membership.h's.
 */
#ifndef _ARP_FAILOVER_SETTINGS_H
#define _ARP_FAILOVER_SETTINGS_H

#include <linux/list.h>
#include <linux/types.h>

struct afo_net;
struct net_device;

/* struct afo_setting.manage */
enum afo_manage {
	AFO_MANAGE_DEFAULT,	/* the include and exclude parameters decide */
	AFO_MANAGE_ON,
	AFO_MANAGE_OFF,
};

/**
 * struct afo_setting - netlink settings of one adapter
 * @node:         in afo_net.settings
 * @ifindex:      the adapter
 * @manage:       whether to manage it
 * @has_priority: @priority overrides the priority parameter
 * @priority:     its backup priority
 */
struct afo_setting {
	struct list_head node;
	int ifindex;
	enum afo_manage manage;
	bool has_priority;
	u32 priority;
};

enum afo_manage afo_dev_manage_setting(struct net_device *dev);
u32 afo_dev_priority(struct net_device *dev);
int afo_setting_apply(struct net_device *dev, const struct afo_setting *set);
void afo_setting_drop(struct afo_net *an, int ifindex);
void afo_settings_free(struct afo_net *an);

#endif /* _ARP_FAILOVER_SETTINGS_H */
