/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which network devices arp_failover manages, and why not: one predicate
 * with one reason (enum arpfo_membership), which the notifiers, netlink
 * and the log all ask. The facts of a device are gathered in
 * membership.c under RTNL; the rules that turn them into a reason are
 * pure (membership_rules.c), for KUnit.
 */
#ifndef _ARP_FAILOVER_MEMBERSHIP_H
#define _ARP_FAILOVER_MEMBERSHIP_H

#include <linux/types.h>
#include <uapi/linux/arp_failover.h>

#include "settings.h"

struct net_device;

/**
 * struct afo_member_facts - what decides a device's membership, but its
 *                           addresses
 * @going:          being unregistered
 * @vipa_kind:      a dummy device, or one the vipa parameter names
 * @manage:         the administrator's netlink setting
 * @name_selected:  the include and exclude parameters let it in (read
 *                  only when @manage is AFO_MANAGE_DEFAULT)
 * @ether:          Ethernet, with an Ethernet address
 * @loopback:       a loopback device
 * @noarp:          IFF_NOARP
 * @offload:        an offload adapter: it answers ARP itself (offload.c)
 * @ipvlan:         an ipvlan device
 * @bridge_port:    a port of a bridge
 * @bond_port:      a port of a bond
 * @team_port:      a port of a team
 * @ovs_port:       a port of Open vSwitch
 * @foreign_master: it has a master that is not an L3 master (a VRF only
 *                  scopes routes)
 * @rx_handler:     a receive handler takes its frames (team, Open
 *                  vSwitch, macvlan, ipvlan, a master letting it go)
 */
struct afo_member_facts {
	bool going;
	bool vipa_kind;
	enum afo_manage manage;
	bool name_selected;
	bool ether;
	bool loopback;
	bool noarp;
	bool offload;
	bool ipvlan;
	bool bridge_port;
	bool bond_port;
	bool team_port;
	bool ovs_port;
	bool foreign_master;
	bool rx_handler;
};

enum arpfo_membership afo_member_rules(const struct afo_member_facts *f);
const char *afo_member_str(enum arpfo_membership m);
bool afo_member_settable(enum arpfo_membership m);

enum arpfo_membership afo_membership(struct net_device *dev);
bool afo_dev_has_addrs(struct net_device *dev);
bool afo_dev_release_pending(struct net_device *dev);

#endif /* _ARP_FAILOVER_MEMBERSHIP_H */
