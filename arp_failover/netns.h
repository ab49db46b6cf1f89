/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state of arp_failover in one network namespace.
 *
 * Locking, in order of acquisition:
 *  - RTNL protects every managed adapter (struct afo_adapter), address
 *    (struct afo_addr), the decision core's state and every field not
 *    listed below: they change only in netdev/inetaddr notifiers, netlink
 *    commands, the tick and resync works and on namespace exit, all of
 *    which hold RTNL.
 *  - RCU: the ARP hooks run in softirq and look adapters and addresses up
 *    in the hash tables under rcu_read_lock(); entries are unhashed under
 *    RTNL and freed after a grace period. The fields the hooks read
 *    (afo_core_adapter.responder, .vipa_duty, .probing;
 *    afo_adapter.round, .probe_ip, .live.target, .diverted;
 *    afo_addr.shared, .mc_dev; afo_net.live_round) are
 *    written with WRITE_ONCE() or rcu_assign_pointer() and read with
 *    READ_ONCE() or rcu_dereference(). The liveness frame handler
 *    (live_frame.c) is one of these hooks; it also reads
 *    afo_core_adapter.pnet with READ_ONCE(), which the core writes as a
 *    plain aligned u32 (never torn): a frame that races with a change of
 *    pnet is merely taken as stale.
 *  - The liveness evidence (struct afo_live, other than .target) is
 *    written by the hooks with WRITE_ONCE() and read under RTNL with
 *    READ_ONCE(); a frame that races with the round counts in the next.
 *  - The liveness work (liveness.c) runs a steady round without RTNL,
 *    under RCU: it reads the plan (@live_plan), the evidence, the
 *    members' pnets (READ_ONCE) and targets, and writes @live_round,
 *    @live_next and the evidence of members alone on their pnet
 *    (afo_live_fresh(), WRITE_ONCE). Those are its only writes, and only
 *    it writes @live_round and @live_next; the plan is dropped under RTNL
 *    at every step and before an adapter is freed.
 *  - The bitmap of a probe round (struct afo_round) is written by the ARP
 *    hook with atomic bit operations and read under RTNL once the round
 *    is over; the round itself is replaced under RTNL and freed after a
 *    grace period.
 */
#ifndef _ARP_FAILOVER_NETNS_H
#define _ARP_FAILOVER_NETNS_H

#include <linux/hashtable.h>
#include <linux/idr.h>
#include <linux/in6.h>
#include <linux/siphash.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "core.h"

struct afo_live_plan;

#define AFO_VERSION "0.3.0"

/* Buckets of afo_net.addrs: 1,024 (8 kB), for hosts with thousands. */
#define AFO_ADDRS_BITS 10

/**
 * struct afo_ip6_queue - IPv6 address changes the notifier recorded
 * @changes: the address and device of each change, once each; whether
 *           it had failed duplicate address detection when it went
 * @n:       how many
 * @devs:    devices to sync whole: changes past @changes
 * @ndevs:   how many
 * @all:     more devices than @devs: sync every device
 */
struct afo_ip6_queue {
	struct {
		struct in6_addr ip6;
		int ifindex;
		bool dadfailed;
	} changes[32];
	unsigned int n;
	int devs[8];
	unsigned int ndevs;
	bool all;
};

/**
 * struct afo_net - arp_failover state of one network namespace
 * @net:        the namespace
 * @node:       in the module's list of namespaces (main.c, RTNL)
 * @core:       the decision core's state: the managed adapters (each
 *              afo_adapter.core), pnets, adapters with carrier
 * @settings:   netlink settings of adapters (struct afo_setting)
 * @vipas:      the VIPAs (afo_addr.port_node), also in @addrs
 * @nvipas:     how many
 * @garp_first: addresses whose first announcement waits for room in the
 *              stack (afo_addr.garp_node)
 * @garp_queue: addresses with announcements still due, in due order
 * @garp_sock:  owns the announcer's frames while they are in flight
 *              (announce.c): its write allocation is what the stack has
 *              not consumed of them yet
 * @garp_truesize: the true size of the last frame it owned
 * @by_ifindex: managed adapters by ifindex, for the hooks
 * @by_mac:     managed adapters by MAC, for the hooks
 * @addrs:      managed addresses by address, for the hooks: a table of
 *              1 << %AFO_ADDRS_BITS buckets, allocated with the first
 *              address (afo_addrs_alloc()) and charged to the memory
 *              cgroup; NULL before. Set once under RTNL, read under RCU
 * @slots:      allocator of afo_adapter.slot
 * @slot_bound: one more than the highest slot handed out
 * @adapter_gen: adapters managed so far (afo_adapter.gen of the newest)
 * @vipa_gen:   generation of the last VIPA sync of a device
 * @probe_key:  secret key of this namespace's probe tags (read-only)
 * @probe_origin: public random number in this namespace's probe tags:
 *              tells them from other hosts' and namespaces' (read-only)
 * @probe_seq:  last probe sequence number handed out
 * @live_round: the current liveness round (WRITE_ONCE, read by the hooks)
 * @live_next:  when the next round is due (WRITE_ONCE by the work)
 * @live_on:    liveness ran last round: turning it off clears judgements
 * @live_plan:  the members of the last full round, while it was steady:
 *              the next rounds run without RTNL (liveness.c). RCU;
 *              written under RTNL
 * @live_work:  runs the liveness rounds, every liveness_ms while on
 * @ndiverted:  adapters whose egress the LOCAL_OUT hook diverts
 * @nd_users:   addresses answered by a sibling, IPv6 VIPAs and adapters
 *              asking their router (live_target6.c): the users of the
 *              IPv6 LOCAL_IN hook (nd.c)
 * @nd_hooked:  that hook is registered
 * @nd_closed:  the namespace is going away: it is not registered again
 * @tick:       the one timer of the namespace (tick.c)
 * @tick_at:    when @tick fires, while it is pending
 * @resync:     syncs every device again after a master let one go
 * @ip6_sync:   applies the IPv6 address changes in @ip6_queue
 * @ip6_lock:   protects @ip6_queue, written by the IPv6 address notifier
 *              (any context)
 * @ip6_queue:  IPv6 address changes not applied yet
 * @ip6_work:   the work's copy of @ip6_queue (only the work uses it)
 * @dying:      set on namespace exit (WRITE_ONCE); the works no longer
 *              re-arm
 */
struct afo_net {
	struct net *net;
	struct list_head node;
	struct afo_core core;
	struct list_head settings;
	struct list_head vipas;
	unsigned int nvipas;
	struct list_head garp_first;
	struct list_head garp_queue;
	struct socket *garp_sock;
	unsigned int garp_truesize;
	DECLARE_HASHTABLE(by_ifindex, 6);
	DECLARE_HASHTABLE(by_mac, 6);
	struct hlist_head __rcu *addrs;
	struct ida slots;
	unsigned int slot_bound;
	u64 adapter_gen;
	unsigned int vipa_gen;
	siphash_key_t probe_key;
	u32 probe_origin;
	u32 probe_seq;
	u32 live_round;
	unsigned long live_next;
	bool live_on;
	struct afo_live_plan __rcu *live_plan;
	struct delayed_work live_work;
	unsigned int ndiverted;
	unsigned int nd_users;
	bool nd_hooked;
	bool nd_closed;
	struct delayed_work tick;
	unsigned long tick_at;
	struct work_struct resync;
	struct work_struct ip6_sync;
	spinlock_t ip6_lock;	/* @ip6_queue */
	struct afo_ip6_queue ip6_queue;
	struct afo_ip6_queue ip6_work;
	bool dying;
};

extern unsigned int afo_net_id;

/*
 * The module's own workqueue (unbound), for the tick, resync and rescan
 * works: exists from the start of afo_init() to the end of afo_exit().
 */
extern struct workqueue_struct *afo_wq;

void afo_release_everywhere(void);

/*
 * The namespace's state, from the start of afo_net_init() to the end of
 * afo_net_exit(). The generic slot holds only a pointer: the state is
 * allocated by afo_net_init(), charged to the memory cgroup of the task
 * that creates the namespace (net_generic()'s own allocation is not).
 */
static inline struct afo_net *afo_net(const struct net *net)
{
	return *(struct afo_net **)net_generic(net, afo_net_id);
}

#endif /* _ARP_FAILOVER_NETNS_H */
