// SPDX-License-Identifier: GPL-2.0-only
/*
 * The membership rules: a device's facts in, the one reason it is not
 * managed out (or that it is). Pure, for KUnit; membership.c gathers the
 * facts. The order of the rules decides which reason a device that has
 * several gets: the most specific first, the administrator's choice
 * last, so that "managed off" never hides that it could not be managed.
 */
#include <linux/kernel.h>

#include "membership.h"

/* What the administrator chose: the netlink setting wins over the names. */
static enum arpfo_membership afo_member_admin(const struct afo_member_facts *f)
{
	if (f->manage != AFO_MANAGE_DEFAULT)
		return f->manage == AFO_MANAGE_ON ? ARPFO_MEMBER_MANAGED :
						     ARPFO_MEMBER_OFF;
	return f->name_selected ? ARPFO_MEMBER_MANAGED : ARPFO_MEMBER_EXCLUDED;
}

/* Whose frames these are: another device's, when it is a port of one. */
static enum arpfo_membership afo_member_port(const struct afo_member_facts *f)
{
	if (f->bridge_port)
		return ARPFO_MEMBER_BRIDGE_PORT;
	if (f->bond_port)
		return ARPFO_MEMBER_BOND_PORT;
	if (f->team_port)
		return ARPFO_MEMBER_TEAM_PORT;
	if (f->ovs_port)
		return ARPFO_MEMBER_OVS_PORT;
	if (f->foreign_master)
		return ARPFO_MEMBER_ENSLAVED;
	if (f->rx_handler)
		return ARPFO_MEMBER_RX_HANDLER;
	return ARPFO_MEMBER_MANAGED;
}

/**
 * afo_member_rules - a device's membership, but for its addresses
 * @f: its facts
 *
 * A device holding VIPAs is that whatever else it is, unless the
 * administrator left it out: its addresses are the host's, not a link's.
 * Otherwise an Ethernet adapter whose ARP the host answers (or that
 * answers it itself, offload) and whose frames nothing else claims, as
 * far as the administrator selected it.
 *
 * Return: ARPFO_MEMBER_MANAGED, or the first reason why not. The caller
 * still checks that it has an address (ARPFO_MEMBER_NO_ADDRESS).
 */
enum arpfo_membership afo_member_rules(const struct afo_member_facts *f)
{
	enum arpfo_membership m;

	if (f->going)
		return ARPFO_MEMBER_GOING;
	if (f->vipa_kind) {
		m = afo_member_admin(f);
		return m == ARPFO_MEMBER_MANAGED ? ARPFO_MEMBER_VIPA : m;
	}
	if (f->loopback)
		return ARPFO_MEMBER_LOOPBACK;
	if (!f->ether)
		return ARPFO_MEMBER_NOT_ETHERNET;
	if (f->noarp && !f->offload)
		return f->ipvlan ? ARPFO_MEMBER_IPVLAN_L3 : ARPFO_MEMBER_NO_ARP;
	m = afo_member_port(f);
	return m == ARPFO_MEMBER_MANAGED ? afo_member_admin(f) : m;
}

static const char *const afo_member_text[] = {
	[ARPFO_MEMBER_MANAGED] = "managed",
	[ARPFO_MEMBER_VIPA] = "holds VIPAs",
	[ARPFO_MEMBER_NOT_ETHERNET] = "not Ethernet",
	[ARPFO_MEMBER_LOOPBACK] = "loopback",
	[ARPFO_MEMBER_IPVLAN_L3] = "an ipvlan in L3 mode: no ARP",
	[ARPFO_MEMBER_NO_ARP] = "no ARP (IFF_NOARP)",
	[ARPFO_MEMBER_BRIDGE_PORT] = "a port of a bridge",
	[ARPFO_MEMBER_BOND_PORT] = "a port of a bond",
	[ARPFO_MEMBER_TEAM_PORT] = "a port of a team",
	[ARPFO_MEMBER_OVS_PORT] = "a port of Open vSwitch",
	[ARPFO_MEMBER_ENSLAVED] = "has a master",
	[ARPFO_MEMBER_RX_HANDLER] =
		"another device takes its frames (macvlan, ipvlan, ...)",
	[ARPFO_MEMBER_EXCLUDED] =
		"left out by the include or exclude parameter",
	[ARPFO_MEMBER_OFF] = "managed off by the administrator",
	[ARPFO_MEMBER_NO_ADDRESS] = "no address",
	[ARPFO_MEMBER_GOING] = "being unregistered",
};

/**
 * afo_member_str - a membership reason for the log
 * @m: the reason
 *
 * Return: a static string, never NULL.
 */
const char *afo_member_str(enum arpfo_membership m)
{
	if ((unsigned int)m >= ARRAY_SIZE(afo_member_text) ||
	    !afo_member_text[m])
		return "?";
	return afo_member_text[m];
}

/**
 * afo_member_settable - whether a netlink setting can make it managed
 * @m: the device's membership
 *
 * The administrator's reasons and the missing address can change; what
 * the device is cannot.
 *
 * Return: true if a setting can change @m to managed.
 */
bool afo_member_settable(enum arpfo_membership m)
{
	switch (m) {
	case ARPFO_MEMBER_MANAGED:
	case ARPFO_MEMBER_VIPA:
	case ARPFO_MEMBER_EXCLUDED:
	case ARPFO_MEMBER_OFF:
	case ARPFO_MEMBER_NO_ADDRESS:
		return true;
	default:
		return false;
	}
}
