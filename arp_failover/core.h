/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision core of arp_failover: plain data in, decisions out.
 *
 * Nothing here touches a net_device, an skb, a timer or a lock, so that
 * every rule can be exercised by KUnit on UML without a network. The
 * kernel glue keeps one struct afo_core_adapter per managed adapter on a list,
 * updates its fields from netdev events, and asks the core who must
 * answer ARP and which adapters share a physical network ("pnet").
 */
#ifndef _ARP_FAILOVER_CORE_H
#define _ARP_FAILOVER_CORE_H

#include <linux/list.h>
#include <linux/types.h>

/* Identifies a physical network; AFO_PNET_NONE while undiscovered. */
#define AFO_PNET_NONE	0

/**
 * struct afo_core_adapter - what the core knows of one managed adapter
 * @node:     entry in the namespace's list of adapters
 * @ifindex:  the adapter's interface index, unique in its namespace
 * @pnet:     the physical network it sits on, or %AFO_PNET_NONE
 * @priority: preference for backup duty; higher wins
 * @carrier:  up with carrier: can send and hear probes
 * @healthy:  has carrier and is past any reclaim delay: may answer
 * @deaf:     cannot hear sibling probes (an offload adapter): its silence
 *            proves nothing
 * @heard:    scratch for afo_pnet_probe_done(): heard the probe
 */
struct afo_core_adapter {
	struct list_head node;
	int ifindex;
	u32 pnet;
	u32 priority;
	bool carrier;
	bool healthy;
	bool deaf;
	bool heard;
};

/**
 * struct afo_pnets - allocator of physical network identifiers
 * @next:     the next identifier to try; never %AFO_PNET_NONE
 * @adapters: the adapters whose identifiers are in use (after a wrap of
 *            @next, those are skipped)
 */
struct afo_pnets {
	u32 next;
	const struct list_head *adapters;
};

u32 afo_pnet_new(struct afo_pnets *pnets);
bool afo_better_backup(const struct afo_core_adapter *a,
		       const struct afo_core_adapter *b);
const struct afo_core_adapter *afo_choose_responder(const struct afo_core_adapter *owner,
					       const struct list_head *adapters);
const struct afo_core_adapter *afo_choose_vipa_holder(const struct afo_core_adapter *holder,
						 u32 pnet,
						 const struct list_head *adapters);
void afo_pnet_probe_done(struct list_head *adapters,
			 struct afo_core_adapter *prober, struct afo_pnets *pnets);

/* Flap damping doubles the reclaim delay at most this many times. */
#define AFO_MAX_DAMPING_SHIFT 6

unsigned long afo_damped_delay(unsigned long base, unsigned int flaps);

/**
 * struct afo_flaps - an adapter's recent carrier regains (flap damping)
 * @last_regain: when carrier last came back (0: never)
 * @flaps:       regains in a row, each soon after the previous one
 */
struct afo_flaps {
	unsigned long last_regain;
	unsigned int flaps;
};

unsigned long afo_flap_regain(struct afo_flaps *f, unsigned long now,
			      unsigned long base);

#endif /* _ARP_FAILOVER_CORE_H */
