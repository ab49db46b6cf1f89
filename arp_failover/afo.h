/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State shared by the kernel glue of arp_failover.
 *
 * Locking, in order of acquisition:
 *  - RTNL protects every managed adapter (struct afo_port) and address
 *    (struct afo_addr) and every field not listed below: they change only
 *    in netdev/inetaddr notifiers, in the tick work and on namespace exit,
 *    all of which hold RTNL.
 *  - RCU: the ARP hooks run in softirq and look ports and addresses up in
 *    the hash tables under rcu_read_lock(); entries are unhashed under
 *    RTNL and freed after a grace period. The fields the hooks read are
 *    written with WRITE_ONCE() and read with READ_ONCE().
 *  - The bitmap of a probe round (struct afo_round) is written by the ARP
 *    hook with atomic bit operations and read under RTNL once the round
 *    is over; the round itself is replaced under RTNL and freed after a
 *    grace period.
 */
#ifndef _ARP_FAILOVER_AFO_H
#define _ARP_FAILOVER_AFO_H

#include <linux/etherdevice.h>
#include <linux/hashtable.h>
#include <linux/idr.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/siphash.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <net/arp_failover.h>
#include <uapi/linux/arp_failover.h>
#include <uapi/linux/arp_failover_probe.h>

#include "core.h"

#define AFO_VERSION "0.3.0"

/**
 * struct afo_round - the siblings that heard one discovery probe
 * @seq:      the probe's sequence number
 * @nbits:    size of @heard_by: the namespace's slot bound when it went out
 * @rcu:      frees the round after the hooks are done with it
 * @heard_by: bit afo_port.slot of each adapter that heard it
 *
 * One bit per (prober, hearer) pair: a replayed probe sets a bit that is
 * already set, so no number of replays or siblings can push evidence out.
 */
struct afo_round {
	u32 seq;
	unsigned int nbits;
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
};

struct afo_net;

/* struct afo_setting.manage */
enum afo_manage {
	AFO_MANAGE_DEFAULT,	/* the include and exclude parameters decide */
	AFO_MANAGE_ON,
	AFO_MANAGE_OFF,
};

/**
 * struct afo_setting - netlink settings of one adapter (settings.c)
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

/**
 * struct afo_event_info - one transition for the netlink "events" group
 * @type:   enum arpfo_event_type
 * @old:    value before, where the type has one
 * @new:    value after
 * @ip:     the address concerned, or 0
 * @mac:    the MAC concerned, or NULL
 * @reason: enum arpfo_reject_reason, or 0
 */
struct afo_event_info {
	u8 type;
	u32 old;
	u32 new;
	__be32 ip;
	const u8 *mac;
	u8 reason;
};

/**
 * struct afo_port - one managed adapter
 * @core:           what the decision core sees; on afo_net.adapters
 * @hnode:          in afo_net.ports, keyed by ifindex (RCU)
 * @mac_node:       in afo_net.macs, keyed by the adapter's MAC (RCU)
 * @slot:           its bit in the probe rounds of its siblings
 * @an:             the namespace state this adapter belongs to
 * @dev:            the adapter
 * @dev_tracker:    tracks our reference on @dev
 * @addrs:          its managed addresses (afo_addr.port_node)
 * @naddrs:         how many
 * @sync_gen:       generation of the last full address sync
 * @responder:      ifindex of the adapter answering for its addresses, 0
 *                  when none can
 * @saved_linkdown: its ignore_routes_with_linkdown before we set it
 * @probing:        a discovery probe is out (WRITE_ONCE, read by the hook)
 * @round:          that probe's sequence number and hearers (RCU)
 * @probe_deadline: when that probe's outcome is decided
 * @probe_tries:    probes left before an unheard adapter counts as alone
 * @probe_skipped:  its last probe was skipped: no sibling had carrier
 * @last_verified:  when its pnet was last verified (0: never)
 * @usable_at:      end of the reclaim delay after carrier came back
 * @flaps:          recent carrier regains (flap damping)
 * @pnet_logged:    the pnet last reported in the log
 * @offload:        the driver's ops when it is an offload adapter, else NULL
 * @probe_ip:       the address an offload adapter announced to probe
 *                  (WRITE_ONCE, read by the hooks)
 * @probe_started:  when that announcement went out
 * @probe_wait:     an offload adapter's probe waits for an address to be
 *                  registered with it (the tick retries)
 * @vipas_registered: the VIPAs are registered with this offload adapter
 * @vipa_duty:      answers for the VIPAs on its pnet (WRITE_ONCE, read
 *                  by the hooks)
 * @vipa_garp_left: announcements of all VIPAs still to send from it
 * @vipa_garp_next: when to send the next round
 * @stats:          counters
 * @rcu:            frees the port after the hooks are done with it
 */
struct afo_port {
	struct afo_adapter core;
	struct hlist_node hnode;
	struct hlist_node mac_node;
	unsigned int slot;
	struct afo_net *an;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct list_head addrs;
	unsigned int naddrs;
	unsigned int sync_gen;
	int responder;
	int saved_linkdown;
	bool probing;
	struct afo_round __rcu *round;
	unsigned long probe_deadline;
	unsigned int probe_tries;
	bool probe_skipped;
	unsigned long last_verified;
	unsigned long usable_at;
	struct afo_flaps flaps;
	u32 pnet_logged;
	const struct afo_offload_ops *offload;
	__be32 probe_ip;
	unsigned long probe_started;
	bool probe_wait;
	bool vipas_registered;
	bool vipa_duty;
	unsigned int vipa_garp_left;
	unsigned long vipa_garp_next;
	struct afo_stats stats;
	struct rcu_head rcu;
};

/**
 * struct afo_addr - one managed IPv4 address, an adapter's or a VIPA
 * @hnode:      in afo_net.addrs, keyed by @ip (RCU)
 * @port_node:  in the owner's afo_port.addrs, or in afo_net.vipas
 * @garp_node:  in afo_net.garp_first or .garp_queue while announcements
 *              are still due
 * @ip:         the address
 * @owner:      the adapter that holds it; NULL for a VIPA
 * @vipa_dev:   ifindex of the device holding a VIPA; 0 otherwise
 * @offload_reg: ifindex of the offload adapter it is registered with, 0:
 *              none (an adapter's address; VIPAs: afo_port.vipas_registered)
 * @sync_gen:   the generation (afo_port.sync_gen, afo_net.vipa_gen) of
 *              the last sync that saw it on its device
 * @garp_left:  gratuitous ARPs still to send for it
 * @garp_next:  when to send the next one
 * @garp_last:  when the last one went out (0: never), for the rate limit
 * @garp_credit: announcements it may send now (the rate limit's bucket)
 * @rcu:        frees the address after the hooks are done with it
 */
struct afo_addr {
	struct hlist_node hnode;
	struct list_head port_node;
	struct list_head garp_node;
	__be32 ip;
	struct afo_port *owner;
	int vipa_dev;
	int offload_reg;
	unsigned int sync_gen;
	unsigned int garp_left;
	unsigned long garp_next;
	unsigned long garp_last;
	unsigned int garp_credit;
	struct rcu_head rcu;
};

/**
 * struct afo_net - arp_failover state of one network namespace
 * @net:        the namespace
 * @adapters:   managed adapters (afo_adapter.node of each afo_port)
 * @settings:   netlink settings of adapters (struct afo_setting)
 * @vipas:      the VIPAs (afo_addr.port_node), also in @addrs
 * @garp_first: addresses whose first announcement waits for room in the
 *              stack (afo_addr.garp_node)
 * @garp_queue: addresses with repeats still due, in due order (likewise)
 * @ports:      managed adapters by ifindex, for the hooks
 * @macs:       managed adapters by MAC, for the hooks
 * @addrs:      managed addresses by address, for the hooks
 * @slots:      allocator of afo_port.slot
 * @slot_bound: one more than the highest slot handed out
 * @carriers:   managed adapters with carrier (each hears every broadcast
 *              we send on a segment they share)
 * @vipa_gen:   generation of the last VIPA sync of a device
 * @pnets:      physical network identifier allocator
 * @probe_key:  secret key of this namespace's probe tags (read-only)
 * @probe_seq:  last probe sequence number handed out
 * @tick:       timers of the namespace: probe outcomes, re-verification,
 *              reclaim delays, repeated announcements
 * @resync:     syncs every device again after a master let one go
 * @dying:      set on namespace exit; the tick no longer re-arms
 */
struct afo_net {
	struct net *net;
	struct list_head adapters;
	struct list_head settings;
	struct list_head vipas;
	struct list_head garp_first;
	struct list_head garp_queue;
	DECLARE_HASHTABLE(ports, 6);
	DECLARE_HASHTABLE(macs, 6);
	DECLARE_HASHTABLE(addrs, 10);
	struct ida slots;
	unsigned int slot_bound;
	unsigned int carriers;
	unsigned int vipa_gen;
	struct afo_pnets pnets;
	siphash_key_t probe_key;
	u32 probe_seq;
	struct delayed_work tick;
	struct work_struct resync;
	bool dying;
};

extern unsigned int afo_net_id;

/*
 * Log lines name the module and the adapter, whatever driver the adapter
 * has: "arp_failover: eth0: takeover: ...". Files that log define pr_fmt
 * as KBUILD_MODNAME ": ". Callers rate-limit.
 */
#define afo_info(dev, fmt, ...) pr_info("%s: " fmt, netdev_name(dev), ##__VA_ARGS__)
#define afo_warn(dev, fmt, ...) pr_warn("%s: " fmt, netdev_name(dev), ##__VA_ARGS__)

static inline struct afo_net *afo_net(const struct net *net)
{
	return net_generic(net, afo_net_id);
}

static inline struct afo_port *afo_port_of(struct afo_adapter *a)
{
	return container_of(a, struct afo_port, core);
}

/* ports.c: managed adapters and addresses */
struct afo_port *afo_port_find(struct afo_net *an, int ifindex);
struct afo_port *afo_port_find_mac(struct afo_net *an, const u8 *mac);
struct afo_addr *afo_addr_find(struct afo_net *an, __be32 ip);
void afo_sync_dev(struct net_device *dev);
bool afo_sync_dev_quiet(struct net_device *dev);
void afo_addr_added(struct net_device *dev, __be32 ip);
void afo_addr_removed(struct net_device *dev, __be32 ip);
void afo_dev_gone(struct net_device *dev);
void afo_dev_changed(struct net_device *dev);
void afo_dev_mac_changed(struct net_device *dev);
void afo_update_responders(struct afo_net *an);
bool afo_port_became_usable(struct afo_port *port);
void afo_release_all(struct afo_net *an);
bool afo_first_of_pnet(const struct afo_net *an, const struct afo_adapter *a);

/* vipa.c: virtual IP addresses and the VIPA duty of each pnet */
bool afo_dev_is_vipa(struct net_device *dev);
bool afo_dev_vipa_kind(const struct net_device *dev);
void afo_sync_vipas(struct net_device *dev);
void afo_vipa_added(struct net_device *dev, __be32 ip);
void afo_vipa_removed(struct net_device *dev, __be32 ip);
void afo_vipas_drop(struct net_device *dev);
void afo_vipas_free(struct afo_net *an);
void afo_update_vipa_duty(struct afo_net *an);

/* offload.c: adapters that answer ARP themselves */
const struct afo_offload_ops *afo_offload_ops_of(const struct net_device *dev);
void afo_offload_dev_gone(struct net_device *dev);
int afo_offload_add(struct afo_port *port, __be32 ip);
bool afo_offload_place(struct afo_addr *addr, struct afo_port *by);
void afo_offload_vipas(struct afo_port *port, bool on);
void afo_offload_vipa_gone(struct afo_net *an, __be32 ip);
void afo_offload_forget(struct afo_port *port);
__be32 afo_offload_probe_ip(struct afo_port *port);
bool afo_offload_heard(struct afo_port *rx, struct afo_port *prober);

/* The adapter answering ARP for @addr, 0: none (under RCU or RTNL). */
static inline int afo_addr_responder(const struct afo_addr *addr)
{
	return READ_ONCE(addr->owner->responder);
}

/*
 * Whether adapter @rx answers ARP for @addr (under RCU or RTNL). An
 * adapter's address that no adapter can answer for is left to the
 * kernel's own ARP, as without the module (never fail closed); VIPAs
 * follow the duty, which every pnet with carrier has a holder for.
 */
static inline bool afo_answers(const struct afo_addr *addr,
			       const struct afo_port *rx)
{
	if (addr->vipa_dev)
		return READ_ONCE(rx->vipa_duty);
	return afo_addr_responder(addr) == rx->core.ifindex;
}

/* Whether the kernel's own ARP answers for @addr: nobody of ours can. */
static inline bool afo_addr_unclaimed(const struct afo_addr *addr)
{
	return !addr->vipa_dev && !afo_addr_responder(addr);
}

static inline u32 afo_mac_hash(const u8 *mac)
{
	return (u32)ether_addr_to_u64(mac) ^ (u32)(ether_addr_to_u64(mac) >> 32);
}

/* settings.c: netlink settings of adapters */
bool afo_dev_manageable(const struct net_device *dev);
bool afo_dev_selected(struct net_device *dev);
bool afo_dev_release_pending(struct net_device *dev);
u32 afo_dev_priority(struct net_device *dev);
int afo_setting_apply(struct net_device *dev, const struct afo_setting *set);
void afo_setting_drop(struct afo_net *an, int ifindex);
void afo_settings_free(struct afo_net *an);

/* netlink.c: the generic netlink family */
void afo_event(struct net_device *dev, const struct afo_event_info *ev,
	       gfp_t gfp);
int afo_netlink_register(void);

/* A transition of @dev with an old and a new value, from process context. */
static inline void afo_notify(struct net_device *dev, u8 type, u32 old, u32 new)
{
	struct afo_event_info ev = { .type = type, .old = old, .new = new };

	afo_event(dev, &ev, GFP_KERNEL);
}

void afo_netlink_unregister(void);

/**
 * struct afo_next - the earliest deadline seen in one run of the tick
 * @when: that deadline
 * @set:  whether any was seen
 */
struct afo_next {
	unsigned long when;
	bool set;
};

static inline void afo_earliest(struct afo_next *next, unsigned long when)
{
	if (!next->set || time_before(when, next->when))
		next->when = when;
	next->set = true;
}

/* announce.c: gratuitous ARPs, paced */
void afo_announce(struct afo_port *by, struct afo_addr *addr);
void afo_announce_cancel(struct afo_addr *addr);
void afo_announce_run(struct afo_net *an, struct afo_next *next);
void afo_announce_vipas(struct afo_port *by);
void afo_announce_vipa_new(struct afo_net *an, __be32 ip);
void afo_announce_vipas_run(struct afo_port *port, struct afo_next *next);

/* tick.c: the namespace's timers */
void afo_tick_init(struct afo_net *an);
void afo_tick_kick(struct afo_net *an);
void afo_tick_stop(struct afo_net *an);

/* discovery.c: probes out and in */
void afo_probe_start(struct afo_port *port);
void afo_probe_resume(struct afo_port *port);
void afo_probe_finish(struct afo_port *port);
void afo_probe_stop(struct afo_port *port);
void afo_probe_skipped_start(struct afo_net *an);
bool afo_probe_received(struct afo_net *an, struct sk_buff *skb,
			struct afo_port *rx, const u8 *sha, __be32 sip,
			__be32 tip);
void afo_announcement_received(struct afo_net *an, struct afo_port *rx,
			       const u8 *sha, __be32 sip, __be32 tip);

/* xmit.c: frames we send */
bool afo_skb_is_ours(const struct sk_buff *skb);
int afo_send_garp(struct net_device *dev, __be32 ip);
int afo_send_reply(struct net_device *dev, __be32 sip, __be32 tip,
		   const u8 *tha);
int afo_send_probe(struct net_device *dev, __be32 tip,
		   const void *tag, unsigned int tag_len);

/* hook.c: NF_ARP_IN and NF_ARP_OUT */
int afo_hooks_register(struct net *net);
void afo_hooks_unregister(struct net *net);

/* notify.c: netdev and inetaddr notifiers */
void afo_resync_init(struct afo_net *an);
void afo_resync_stop(struct afo_net *an);
int afo_notifiers_register(void);
void afo_notifiers_unregister(void);

#endif /* _ARP_FAILOVER_AFO_H */
