/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * arp_failover: the generic netlink family, shared by the module and the
 * userspace tools. The discovery probe's wire format is in
 * <linux/arp_failover_probe.h>.
 */
#ifndef _UAPI_LINUX_ARP_FAILOVER_H
#define _UAPI_LINUX_ARP_FAILOVER_H

#include <linux/types.h>

/*
 * Generic netlink family "arp_failover", version 2, per network namespace.
 * Documentation/netlink/specs/arp_failover.yaml describes it; this header
 * and that spec must agree (make check compares them).
 *
 * Version 2 is the first version fit to freeze: every request is
 * validated strictly (unknown attributes, values out of range and
 * reserved bits are refused, dumps included), enumerations and booleans
 * are u32, and every name starts with ARPFO_ or arpfo_. Version 1 had u8
 * attributes, its dumps ignored any attribute, and no request had its
 * flags or reserved bits checked. A later version may only add commands
 * and attributes.
 *
 * Dumps: ARPFO_CMD_PNET_GET, ARPFO_CMD_ADAPTER_GET and ARPFO_CMD_ADDR_GET
 * (NLM_F_DUMP) answer one message per physical network, managed adapter
 * and managed address of the caller's namespace; ARPFO_CMD_DEVICE_GET
 * one per network device but the loopback, managed or why not.
 * ARPFO_CMD_ADAPTER_SET (CAP_NET_ADMIN in the namespace) changes one
 * adapter, named by ARPFO_A_ADAPTER_IFINDEX or ARPFO_A_ADAPTER_IFNAME.
 * The multicast group ARPFO_MCGRP_EVENTS carries one ARPFO_CMD_EVENT_NTF
 * per transition.
 */
#define ARPFO_GENL_NAME		"arp_failover"
#define ARPFO_GENL_VERSION	2
#define ARPFO_MCGRP_EVENTS	"events"

enum arpfo_cmd {
	ARPFO_CMD_UNSPEC,
	ARPFO_CMD_PNET_GET,
	ARPFO_CMD_ADAPTER_GET,
	ARPFO_CMD_ADAPTER_SET,
	ARPFO_CMD_ADDR_GET,
	ARPFO_CMD_EVENT_NTF,
	ARPFO_CMD_DEVICE_GET,

	__ARPFO_CMD_MAX,
	ARPFO_CMD_MAX = (__ARPFO_CMD_MAX - 1)
};

/*
 * Attributes. The comment of each starts with its type; scripts/check-spec
 * compares it with the spec. Enumerations and booleans that may grow are
 * u32, so that a later value never needs a new attribute.
 */

/* One physical network: the adapters that hear each other's probes. */
enum arpfo_attr_pnet {
	ARPFO_A_PNET_UNSPEC,
	ARPFO_A_PNET_ID,		/* u32 */
	ARPFO_A_PNET_MEMBER,		/* u32 ifindex, one per adapter */
	ARPFO_A_PNET_HEALTHY,		/* u32: members that may answer */
	ARPFO_A_PNET_VIPA_HOLDER,	/* u32 ifindex answering for the VIPAs
					 * on this pnet, 0: none
					 */

	__ARPFO_A_PNET_MAX,
	ARPFO_A_PNET_MAX = (__ARPFO_A_PNET_MAX - 1)
};

/* ARPFO_A_ADAPTER_STATE */
enum arpfo_adapter_state {
	ARPFO_STATE_DOWN,		/* no carrier, or admin down */
	ARPFO_STATE_DELAYED,		/* carrier back, reclaim delay runs */
	ARPFO_STATE_HEALTHY,		/* may answer ARP */
	ARPFO_STATE_FAILED,		/* carrier, but its path is judged
					 * failed (ARPFO_A_ADAPTER_JUDGED)
					 */
};

/*
 * ARPFO_A_ADAPTER_JUDGED: whether its path works. Carrier is the first
 * judge; with carrier, the liveness frames its siblings exchange are the
 * second, and a target reachable through it (its gateway) the third.
 */
enum arpfo_judgement {
	ARPFO_JUDGED_OK,		/* its path lets it answer */
	ARPFO_JUDGED_NO_CARRIER,	/* no carrier */
	ARPFO_JUDGED_SILENT,		/* carrier, but it hears none of its
					 * siblings and none hears it, while
					 * they hear each other
					 */
	ARPFO_JUDGED_TARGET_LOST,	/* carrier, hears and is heard by no
					 * sibling, and its target does not
					 * answer while a sibling's does
					 */
};

/*
 * ARPFO_A_ADAPTER_TARGET_SRC: where an adapter's target (the host it asks
 * through itself when liveness frames cannot decide) came from.
 */
enum arpfo_target_src {
	ARPFO_TARGET_SRC_NONE,		/* no target */
	ARPFO_TARGET_SRC_NAMED,		/* the liveness_targets parameter */
	ARPFO_TARGET_SRC_GATEWAY,	/* the gateway of the default route
					 * of its table, on its link; without
					 * one, its IPv6 default router
					 * (ARPFO_A_ADAPTER_TARGET6)
					 */
	ARPFO_TARGET_SRC_NEIGHBOUR,	/* a host lately heard on its
					 * segment (no gateway)
					 */
};

/* ARPFO_A_ADAPTER_KIND */
enum arpfo_adapter_kind {
	ARPFO_KIND_HOST,		/* the host answers ARP on it */
	ARPFO_KIND_OFFLOAD,		/* the adapter answers ARP itself */
};

/*
 * One managed adapter; also the request of ARPFO_CMD_ADAPTER_SET, which
 * takes IFINDEX (1..INT_MAX) or IFNAME (at most IFNAMSIZ - 1 bytes), then
 * PRIORITY and/or MANAGED (0 or 1), and nothing else.
 *
 * PROBING is a u32 rather than a flag: a dump says "no probe out" as 0
 * rather than by an absence, which a reader cannot tell from a module
 * that does not report it, and the value may later say more (which of the
 * retried probes is out) without a new attribute. Read it as nonzero:
 * a probe is out.
 */
enum arpfo_attr_adapter {
	ARPFO_A_ADAPTER_UNSPEC,
	ARPFO_A_ADAPTER_IFINDEX,	/* u32 */
	ARPFO_A_ADAPTER_IFNAME,		/* string */
	ARPFO_A_ADAPTER_MAC,		/* binary, ETH_ALEN */
	ARPFO_A_ADAPTER_PNET,		/* u32 */
	ARPFO_A_ADAPTER_STATE,		/* u32, enum arpfo_adapter_state */
	ARPFO_A_ADAPTER_PROBING,	/* u32, nonzero: discovery probe out */
	ARPFO_A_ADAPTER_RESPONDER,	/* u32 ifindex answering for it,
					 * 0: none
					 */
	ARPFO_A_ADAPTER_PRIORITY,	/* u32 backup preference, higher wins */
	ARPFO_A_ADAPTER_KIND,		/* u32, enum arpfo_adapter_kind */
	ARPFO_A_ADAPTER_MANAGED,	/* u32, set only: 0 stops managing it */
	ARPFO_A_ADAPTER_STATS,		/* nest, enum arpfo_attr_stats */
	ARPFO_A_ADAPTER_VIPA_DUTY,	/* u32, 1: answers for the VIPAs on
					 * its pnet
					 */
	ARPFO_A_ADAPTER_L3DEV,		/* u32 ifindex of its L3 master (a
					 * VRF device), 0: none. Adapters of
					 * different L3 domains are never on
					 * one pnet.
					 */
	ARPFO_A_ADAPTER_JUDGED,		/* u32, enum arpfo_judgement: how its
					 * path was judged
					 */
	ARPFO_A_ADAPTER_HEARS_MS,	/* u32 ms since it last heard a
					 * sibling's liveness frame; absent:
					 * never since carrier came back
					 */
	ARPFO_A_ADAPTER_HEARD_MS,	/* u32 ms since a sibling last heard
					 * its liveness frame; absent: never
					 */
	ARPFO_A_ADAPTER_TARGET,		/* u32, network byte order: the
					 * target it probes; absent: none
					 */
	ARPFO_A_ADAPTER_TARGET_MS,	/* u32 ms since the target last
					 * answered it; absent: never
					 */
	ARPFO_A_ADAPTER_ADDRS_LOST,	/* u32: its addresses removed from it
					 * while a sibling answered for them
					 * (ARPFO_EVENT_ADDR_LOST), since it
					 * was last healthy; 0 once healthy
					 */
	ARPFO_A_ADAPTER_TARGET_SRC,	/* u8, enum arpfo_target_src: where
					 * ARPFO_A_ADAPTER_TARGET (or _TARGET6)
					 * came from
					 */
	ARPFO_A_ADAPTER_TARGET6,	/* binary, 16 bytes: in place of
					 * ARPFO_A_ADAPTER_TARGET, the IPv6
					 * router it probes (usually
					 * link-local, on its link); absent:
					 * none
					 */

	__ARPFO_A_ADAPTER_MAX,
	ARPFO_A_ADAPTER_MAX = (__ARPFO_A_ADAPTER_MAX - 1)
};

/* Counters of one adapter since it became managed. */
enum arpfo_attr_stats {
	ARPFO_A_STATS_UNSPEC,
	ARPFO_A_STATS_PAD,		/* pad */
	ARPFO_A_STATS_PROBES_SENT,	/* u64: discovery probes sent */
	ARPFO_A_STATS_PROBES_HEARD,	/* u64: sibling probes heard */
	ARPFO_A_STATS_PROBES_REJECTED,	/* u64: forged or replayed probes
					 * dropped
					 */
	ARPFO_A_STATS_ANNOUNCEMENTS,	/* u64: gratuitous ARPs sent */
	ARPFO_A_STATS_REPLIES,		/* u64: ARP replies sent */
	ARPFO_A_STATS_DROPPED,		/* u64: requests left to another
					 * adapter
					 */
	ARPFO_A_STATS_TAKEOVERS,	/* u64: its addresses moved away */
	ARPFO_A_STATS_RECLAIMS,		/* u64: its addresses came back */
	ARPFO_A_STATS_LIVE_SENT,	/* u64: liveness frames sent */
	ARPFO_A_STATS_LIVE_HEARD,	/* u64: sibling liveness frames heard */
	ARPFO_A_STATS_TARGET_SENT,	/* u64: probes of its target sent */
	ARPFO_A_STATS_TARGET_HEARD,	/* u64: answers of its target heard */
	ARPFO_A_STATS_ADDRS_LOST,	/* u64: its addresses removed while a
					 * sibling answered for them
					 */

	__ARPFO_A_STATS_MAX,
	ARPFO_A_STATS_MAX = (__ARPFO_A_STATS_MAX - 1)
};

/* One managed address: IPv4 (ADDR) or IPv6 (ADDR6). */
enum arpfo_attr_addr {
	ARPFO_A_ADDR_UNSPEC,
	ARPFO_A_ADDR_ADDR,		/* u32, network byte order; absent
					 * for an IPv6 address
					 */
	ARPFO_A_ADDR_OWNER,		/* u32 ifindex of the holding device */
	ARPFO_A_ADDR_RESPONDER,		/* u32 ifindex answering ARP, 0: none.
					 * Not sent for a VIPA, which one
					 * adapter per pnet answers
					 * (ARPFO_A_PNET_VIPA_HOLDER).
					 */
	ARPFO_A_ADDR_VIPA,		/* flag: a virtual IP address */
	ARPFO_A_ADDR_L3DEV,		/* u32 ifindex of its L3 master (a VRF
					 * device), 0: none. One address in
					 * two L3 domains is two addresses.
					 */
	ARPFO_A_ADDR_SHARED,		/* flag: several devices of its L3
					 * domain hold it (anycast, or a
					 * mistake): the kernel answers from
					 * each, as without the module
					 */
	ARPFO_A_ADDR_ADDR6,		/* binary, 16 bytes: an IPv6 address
					 * (global or unique-local), answered
					 * by Neighbor Discovery
					 */

	__ARPFO_A_ADDR_MAX,
	ARPFO_A_ADDR_MAX = (__ARPFO_A_ADDR_MAX - 1)
};

/* ARPFO_A_EVENT_TYPE */
enum arpfo_event_type {
	ARPFO_EVENT_UNSPEC,
	ARPFO_EVENT_ADAPTER_NEW,	/* started managing IFINDEX */
	ARPFO_EVENT_ADAPTER_DEL,	/* stopped managing IFINDEX */
	ARPFO_EVENT_CARRIER,		/* NEW: 1 carrier, 0 lost */
	ARPFO_EVENT_HEALTHY,		/* NEW: 1 may answer, 0 may not */
	/*
	 * OLD -> NEW ifindex answering for IFINDEX's addresses: a takeover
	 * when NEW is another adapter, a reclaim when NEW is IFINDEX again,
	 * nobody when NEW is 0.
	 */
	ARPFO_EVENT_RESPONDER,
	ARPFO_EVENT_PNET,		/* OLD -> NEW pnet of IFINDEX */
	/* A forged or replayed probe arrived on IFINDEX from MAC (REASON) */
	ARPFO_EVENT_PROBE_REJECTED,
	ARPFO_EVENT_ADDR_NEW,		/* ADDR on IFINDEX became managed */
	ARPFO_EVENT_ADDR_DEL,		/* ADDR on IFINDEX no longer managed */
	ARPFO_EVENT_VIPA_DUTY,		/* NEW: 1 IFINDEX now answers for the
					 * VIPAs on its pnet, 0 no longer
					 */
	ARPFO_EVENT_JUDGED,		/* OLD -> NEW enum arpfo_judgement of
					 * IFINDEX
					 */
	/*
	 * ADDR (or ADDR6) was removed from IFINDEX while adapter NEW
	 * answered for it, IFINDEX's path judged OLD (enum
	 * arpfo_judgement): the takeover cannot hold for that address,
	 * most likely because a network manager deconfigured it on
	 * carrier loss.
	 */
	ARPFO_EVENT_ADDR_LOST,
};

/* ARPFO_A_EVENT_REASON of ARPFO_EVENT_PROBE_REJECTED */
enum arpfo_reject_reason {
	ARPFO_REJECT_FORGED = 1,	/* the tag does not verify */
	ARPFO_REJECT_STALE,		/* valid tag nobody awaits: replayed */
};

/* One transition, ARPFO_CMD_EVENT_NTF. */
enum arpfo_attr_event {
	ARPFO_A_EVENT_UNSPEC,
	ARPFO_A_EVENT_TYPE,		/* u32, enum arpfo_event_type */
	ARPFO_A_EVENT_IFINDEX,		/* u32 */
	ARPFO_A_EVENT_IFNAME,		/* string */
	ARPFO_A_EVENT_OLD,		/* u32 */
	ARPFO_A_EVENT_NEW,		/* u32 */
	ARPFO_A_EVENT_ADDR,		/* u32, network byte order */
	ARPFO_A_EVENT_MAC,		/* binary, ETH_ALEN */
	ARPFO_A_EVENT_REASON,		/* u32, enum arpfo_reject_reason */
	ARPFO_A_EVENT_ADDR6,		/* binary, 16 bytes: ADDR_NEW and
					 * ADDR_DEL of an IPv6 address
					 */

	__ARPFO_A_EVENT_MAX,
	ARPFO_A_EVENT_MAX = (__ARPFO_A_EVENT_MAX - 1)
};

/*
 * ARPFO_A_DEVICE_MEMBERSHIP: whether a network device is managed, or the
 * one reason why not (the first that applies, in the module's order).
 * Later versions may add reasons: read an unknown one as "not managed".
 */
enum arpfo_membership {
	ARPFO_MEMBER_MANAGED,		/* a managed adapter */
	ARPFO_MEMBER_VIPA,		/* holds VIPAs (a dummy device, or one
					 * the vipa parameter names): its
					 * addresses are managed, not it
					 */
	ARPFO_MEMBER_NOT_ETHERNET,	/* not an Ethernet device */
	ARPFO_MEMBER_LOOPBACK,		/* a loopback device */
	ARPFO_MEMBER_IPVLAN_L3,		/* an ipvlan in L3 mode: no ARP */
	ARPFO_MEMBER_NO_ARP,		/* IFF_NOARP, not an offload adapter */
	ARPFO_MEMBER_BRIDGE_PORT,	/* a port of a bridge */
	ARPFO_MEMBER_BOND_PORT,		/* a port of a bond */
	ARPFO_MEMBER_TEAM_PORT,		/* a port of a team */
	ARPFO_MEMBER_OVS_PORT,		/* a port of Open vSwitch */
	ARPFO_MEMBER_ENSLAVED,		/* another master (not a VRF) */
	ARPFO_MEMBER_RX_HANDLER,	/* another device takes its frames (a
					 * macvlan or ipvlan on it, or a
					 * master letting it go)
					 */
	ARPFO_MEMBER_EXCLUDED,		/* the include or exclude parameter
					 * leaves it out
					 */
	ARPFO_MEMBER_OFF,		/* managed off: ARPFO_CMD_ADAPTER_SET */
	ARPFO_MEMBER_NO_ADDRESS,	/* no IPv4 address, no global or
					 * unique-local IPv6 one
					 */
	ARPFO_MEMBER_GOING,		/* being unregistered */
};

/* One network device, ARPFO_CMD_DEVICE_GET. */
enum arpfo_attr_device {
	ARPFO_A_DEVICE_UNSPEC,
	ARPFO_A_DEVICE_IFINDEX,		/* u32 */
	ARPFO_A_DEVICE_IFNAME,		/* string */
	ARPFO_A_DEVICE_MEMBERSHIP,	/* u32, enum arpfo_membership */
	ARPFO_A_DEVICE_MASTER,		/* u32 ifindex of its master device
					 * (bridge, bond, team, Open vSwitch,
					 * VRF); absent: none
					 */

	__ARPFO_A_DEVICE_MAX,
	ARPFO_A_DEVICE_MAX = (__ARPFO_A_DEVICE_MAX - 1)
};

#endif /* _UAPI_LINUX_ARP_FAILOVER_H */
