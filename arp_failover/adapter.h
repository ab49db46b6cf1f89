/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Managed adapters and addresses (adapters.c): what the glue keeps of
 * each, the lookups the hooks use, and the events that change them.
 * Locking: netns.h.
 */
#ifndef _ARP_FAILOVER_ADAPTER_H
#define _ARP_FAILOVER_ADAPTER_H

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <net/ipv6.h>

#include "compat.h"
#include "core.h"

struct afo_net;
struct afo_offload_ops;

/*
 * Log lines about an adapter are netdev's, so that the record carries the
 * device (journalctl -k _KERNEL_DEVICE=n3 finds them) and says when it is
 * being unregistered; the module's name follows the adapter's, because
 * the adapter's driver heads the line on real hardware: "eth0:
 * arp_failover: takeover: ...", "ixgbe 0000:03:00.0 eth0: arp_failover:
 * ...". Callers rate-limit.
 */
#define afo_info(dev, fmt, ...) \
	netdev_info(dev, KBUILD_MODNAME ": " fmt, ##__VA_ARGS__)
#define afo_warn(dev, fmt, ...) \
	netdev_warn(dev, KBUILD_MODNAME ": " fmt, ##__VA_ARGS__)

/**
 * struct afo_round - the siblings that heard one discovery probe
 * @seq:      the probe's sequence number
 * @nbits:    size of @heard_by: the namespace's slot bound when it went out
 * @gen:      the namespace's afo_net.adapter_gen when it went out
 * @rcu:      frees the round after the hooks are done with it
 * @heard_by: bit afo_adapter.slot of each adapter that heard it
 *
 * One bit per (prober, hearer) pair: a replayed probe sets a bit that is
 * already set, so no number of replays or siblings can push evidence out.
 * A slot is handed out again as soon as its adapter goes, while rounds
 * armed before may still carry its bit (set by the adapter that went,
 * possibly by a hook that found it just before it was unhashed): only
 * adapters that existed when the round went out (@gen) are read from it.
 */
struct afo_round {
	u32 seq;
	unsigned int nbits;
	u64 gen;
	struct rcu_head rcu;
	unsigned long heard_by[];
};

/**
 * struct afo_stats - counters of one adapter, updated without locks
 * @probes_sent:     discovery probes sent from it
 * @probes_heard:    sibling probes heard on it
 * @probes_rejected: probes with a bad tag or replayed, heard on it
 * @announcements:   gratuitous ARPs sent from it
 * @replies:         ARP replies it sent for managed addresses
 * @dropped:         requests for managed addresses it did not answer
 * @takeovers:       times another adapter took over its addresses
 * @reclaims:        times it took its addresses back
 * @live_sent:       liveness frames sent from it
 * @live_heard:      sibling liveness frames heard on it
 * @target_sent:     probes of its target sent from it
 * @target_heard:    answers of its target heard on it
 * @addrs_lost:      its addresses removed while a sibling answered for them
 */
struct afo_stats {
	atomic_long_t probes_sent;
	atomic_long_t probes_heard;
	atomic_long_t probes_rejected;
	atomic_long_t announcements;
	atomic_long_t replies;
	atomic_long_t dropped;
	atomic_long_t takeovers;
	atomic_long_t reclaims;
	atomic_long_t live_sent;
	atomic_long_t live_heard;
	atomic_long_t target_sent;
	atomic_long_t target_heard;
	atomic_long_t addrs_lost;
};

/**
 * struct afo_live - an adapter's liveness evidence (liveness.c)
 * @rx:        liveness round in which it last heard a sibling
 * @tx:        round in which a sibling last heard it
 * @target_rx: round in which its target last answered it
 * @rx_at:     jiffies of @rx, for the status (0: never)
 * @tx_at:     jiffies of @tx (0: never)
 * @target_at: jiffies of @target_rx (0: never)
 * @target:    the target it probes, 0: none (WRITE_ONCE, read by the hook)
 * @target6:   without @target, the IPv6 router it probes, :: for none
 *             (RTNL; read by the ND hook and dumps: live_target6.c says
 *             why a torn read is harmless)
 * @target_hooked: it is a user of the ND hook, which hears its router's
 *             answers, while its IPv6 probes are out and until the
 *             next target refresh after, or until liveness pauses or
 *             it goes away (RTNL)
 * @target_from: round its current streak of target probes began (RTNL)
 * @target_on: it is probing its target (WRITE_ONCE, read by the hook)
 * @target_src: enum arpfo_target_src: where @target came from (RTNL;
 *             WRITE_ONCE, read by dumps)
 * @target_mac: the MAC its target last answered from, 0: none
 *             (ether_addr_to_u64(); a torn read on 32 bits only makes
 *             the next probe go to a wrong MAC, then broadcast)
 * @peer:      the last host heard on its segment: a target where there
 *             is no gateway
 * @peer_at:   jiffies when @peer was last heard (0: never)
 * @since:     round it last started afresh (RTNL)
 * @wire_rx:   round in which it last heard an ARP frame of its segment,
 *             not a probe of ours (WRITE_ONCE, by the hook)
 *
 * The rounds and times are written by the ARP hook (WRITE_ONCE) as frames
 * arrive and read under RTNL by the round, which also resets them when
 * an adapter starts afresh (carrier back, another pnet, another target).
 */
struct afo_live {
	u32 rx;
	u32 tx;
	u32 target_rx;
	unsigned long rx_at;
	unsigned long tx_at;
	unsigned long target_at;
	__be32 target;
	struct in6_addr target6;
	bool target_hooked;
	u32 target_from;
	bool target_on;
	u8 target_src;
	u64 target_mac;
	__be32 peer;
	unsigned long peer_at;
	u32 since;
	u32 wire_rx;
};

/**
 * struct afo_adapter - one managed adapter
 * @core:           what the decision core knows and decided of it; on
 *                  afo_net.core.adapters
 * @hnode:          in afo_net.by_ifindex (RCU)
 * @mac_node:       in afo_net.by_mac, keyed by the adapter's MAC (RCU)
 * @slot:           its bit in the probe rounds of its siblings
 * @gen:            afo_net.adapter_gen when it came: the rounds armed
 *                  before (struct afo_round) do not count it, whatever
 *                  their bit in its slot says
 * @an:             the namespace state this adapter belongs to
 * @dev:            the adapter
 * @dev_tracker:    tracks our reference on @dev
 * @l3dev:          ifindex of its L3 master (a VRF), 0: none. Fixed for
 *                  the adapter's life: a move to another VRF manages it
 *                  afresh (afo_sync_dev())
 * @addrs:          its managed addresses (afo_addr.port_node)
 * @naddrs:         how many
 * @sync_gen:       generation of the last full address sync
 * @saved_linkdown: its ignore_routes_with_linkdown before we set it
 * @saved_linkdown6: the same for IPv6
 * @round:          its probe's sequence number and hearers (RCU)
 * @sibling_mail:   bit 0: the hooks heard ARP of a sibling on another
 *                  pnet and woke the tick, which hands it to the core
 *                  (afo_sibling_heard())
 * @offload:        the driver's ops when it is an offload adapter, else NULL
 * @offload_addrs:  the addresses registered with it (afo_addr.offload_node)
 * @probe_ip:       the address an offload adapter announced to probe
 *                  (WRITE_ONCE, read by the hooks)
 * @probe_started:  when that announcement went out
 * @probe_wait:     an offload adapter's probe waits for an address to be
 *                  registered with it (the tick retries)
 * @vipas_registered: the VIPAs are registered with this offload adapter
 * @vipa_train:     the VIPA announcements still due from it
 * @vipa_round:     a round of them is under way: from @vipa_next on, the
 *                  VIPAs are still to be announced (announce.c)
 * @vipa_catchup:   that round is no train's: it catches up with VIPAs
 *                  added while the stack had no room
 * @vipa_next:      the next VIPA of the round, NULL: none left
 * @vipa_groups:    it joined the solicited-node groups of the IPv6 VIPAs
 * @live:           its liveness evidence
 * @diverted:       its egress goes through its responder by the LOCAL_OUT
 *                  hook (a silent path keeps carrier, so the routes stay)
 * @addrs_lost:     its addresses removed while a sibling answered for them,
 *                  since it was last healthy (apply.c); nonzero keeps it
 *                  managed without addresses (membership.c)
 * @addrs_lost_said: that loss is in the log already
 * @stats:          counters
 * @rcu:            frees the adapter after the hooks are done with it
 */
struct afo_adapter {
	struct afo_core_adapter core;
	struct hlist_node hnode;
	struct hlist_node mac_node;
	unsigned int slot;
	u64 gen;
	struct afo_net *an;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	int l3dev;
	struct list_head addrs;
	unsigned int naddrs;
	unsigned int sync_gen;
	int saved_linkdown;
	int saved_linkdown6;
	struct afo_round __rcu *round;
	unsigned long sibling_mail;
	const struct afo_offload_ops *offload;
	struct list_head offload_addrs;
	__be32 probe_ip;
	unsigned long probe_started;
	bool probe_wait;
	bool vipas_registered;
	struct afo_train vipa_train;
	bool vipa_round;
	bool vipa_catchup;
	struct afo_addr *vipa_next;
	bool vipa_groups;
	struct afo_live live;
	bool diverted;
	unsigned int addrs_lost;
	bool addrs_lost_said;
	struct afo_stats stats;
	struct rcu_head rcu;
};

/**
 * struct afo_addr - one managed address, an adapter's or a VIPA
 * @hnode:      in afo_net.addrs, keyed by @l3dev and @ip (RCU); one entry
 *              per device holding it
 * @port_node:  in the owner's afo_adapter.addrs, or in afo_net.vipas
 * @garp_node:  in afo_net.garp_first or .garp_queue while announcements
 *              are still due
 * @ip:         the IPv4 address, 0 for an IPv6 one
 * @ip6:        the IPv6 address when @v6 (nd.c answers for it)
 * @v6:         an IPv6 address: Neighbor Discovery, not ARP
 * @mc_dev:     the adapter that joined @ip6's solicited-node group to
 *              hear solicitations for it (an adapter's address answered
 *              by a sibling, or a VIPA by the duty holder), 0: none
 * @l3dev:      its L3 domain: ifindex of its device's L3 master, 0: none
 * @shared:     other devices of its L3 domain hold it too: the kernel
 *              answers for it from each, as without the module
 *              (WRITE_ONCE, read by the hooks)
 * @owner:      the adapter that holds it; NULL for a VIPA
 * @vipa_dev:   ifindex of the device holding a VIPA; 0 otherwise
 * @offload_reg: ifindex of the offload adapter it is registered with, 0:
 *              none (an adapter's address; VIPAs: afo_adapter.vipas_registered)
 * @offload_node: in that adapter's afo_adapter.offload_addrs while
 *              registered
 * @sync_gen:   the generation (afo_adapter.sync_gen, afo_net.vipa_gen) of
 *              the last sync that saw it on its device
 * @train:      its announcements still due, and their rate limit
 * @dad_since:  when its announcements began to wait for its holder's
 *              duplicate address detection (IPv6), 0: they do not
 * @rcu:        frees the address after the hooks are done with it
 */
struct afo_addr {
	struct hlist_node hnode;
	struct list_head port_node;
	struct list_head garp_node;
	__be32 ip;
	struct in6_addr ip6;
	bool v6;
	int mc_dev;
	int l3dev;
	bool shared;
	struct afo_adapter *owner;
	int vipa_dev;
	int offload_reg;
	struct list_head offload_node;
	unsigned int sync_gen;
	struct afo_train train;
	unsigned long dad_since;
	struct rcu_head rcu;
};

static inline struct afo_adapter *afo_adapter_of(struct afo_core_adapter *a)
{
	return container_of(a, struct afo_adapter, core);
}

struct afo_adapter *afo_adapter_find(struct afo_net *an, int ifindex);
struct afo_adapter *afo_adapter_by_mac(struct afo_net *an, const u8 *mac);
struct afo_addr *afo_addr_find(struct afo_net *an, int l3dev, __be32 ip);
struct afo_addr *afo_addr_find_held(struct afo_net *an, int l3dev, __be32 ip,
				    int holder);
struct afo_addr *afo_addr6_find(struct afo_net *an, int l3dev,
				const struct in6_addr *ip6);
struct afo_addr *afo_addr6_find_held(struct afo_net *an, int l3dev,
				     const struct in6_addr *ip6, int holder);
int afo_addrs_alloc(struct afo_net *an);
void afo_addr_hash(struct afo_net *an, struct afo_addr *addr);
void afo_addr_unhash(struct afo_net *an, struct afo_addr *addr);
void afo_sync_dev(struct net_device *dev);
bool afo_sync_dev_quiet(struct net_device *dev);
void afo_addr_added(struct net_device *dev, __be32 ip);
void afo_addr_removed(struct net_device *dev, __be32 ip);
void afo_addr6_changed(struct net_device *dev, const struct in6_addr *ip6,
		       bool dadfailed);
void afo_dev_gone(struct net_device *dev);
void afo_dev_changed(struct net_device *dev);
void afo_dev_mac_changed(struct net_device *dev);
void afo_settle_all(struct afo_net *an);
void afo_release_all(struct afo_net *an);

/* The adapter answering ARP for @addr, 0: none (under RCU or RTNL). */
static inline int afo_addr_responder(const struct afo_addr *addr)
{
	return READ_ONCE(addr->owner->core.responder);
}

/*
 * Whether adapter @rx answers ARP for @addr (under RCU or RTNL). An
 * adapter's address that no adapter can answer for is left to the
 * kernel's own ARP, as without the module (never fail closed); VIPAs
 * follow the duty, which every pnet with carrier has a holder for.
 */
static inline bool afo_answers(const struct afo_addr *addr,
			       const struct afo_adapter *rx)
{
	if (addr->vipa_dev)
		return READ_ONCE(rx->core.vipa_duty);
	return afo_addr_responder(addr) == rx->core.ifindex;
}

/*
 * Whether the kernel's own ARP answers for @addr: nobody of ours can, or
 * several devices hold it (under RCU or RTNL).
 */
static inline bool afo_addr_unclaimed(const struct afo_addr *addr)
{
	return READ_ONCE(addr->shared) ||
	       (!addr->vipa_dev && !afo_addr_responder(addr));
}

/* The device holding @addr: its adapter, or the VIPA's device. */
static inline int afo_addr_holder(const struct afo_addr *addr)
{
	return addr->vipa_dev ?: addr->owner->core.ifindex;
}

/* Whether @ad, holding the VIPA duty, answers and announces @vipa. */
static inline bool afo_vipa_for(const struct afo_addr *vipa,
				const struct afo_adapter *ad)
{
	return vipa->l3dev == ad->l3dev && !READ_ONCE(vipa->shared);
}

/* Room for afo_addr_str(): an IPv6 address and its NUL. */
#define AFO_ADDR_STRLEN 48

/* @addr's address as text, in @buf (AFO_ADDR_STRLEN bytes), for logs. */
static inline const char *afo_addr_str(const struct afo_addr *addr, char *buf)
{
	if (addr->v6)
		snprintf(buf, AFO_ADDR_STRLEN, "%pI6c", &addr->ip6);
	else
		snprintf(buf, AFO_ADDR_STRLEN, "%pI4", &addr->ip);
	return buf;
}

static inline u32 afo_mac_hash(const u8 *mac)
{
	u64 v = ether_addr_to_u64(mac);

	return (u32)v ^ (u32)(v >> 32);
}

#endif /* _ARP_FAILOVER_ADAPTER_H */
