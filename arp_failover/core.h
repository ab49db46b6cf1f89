/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision core of arp_failover: plain data in, decisions out.
 *
 * Nothing here touches a net_device, an skb, a timer or a lock, so that
 * every rule can be exercised by KUnit on UML without a network. The
 * kernel glue copies what it knows of each adapter into a struct
 * afo_adapter and asks the core who must answer ARP.
 */
#ifndef _ARP_FAILOVER_CORE_H
#define _ARP_FAILOVER_CORE_H

#include <linux/types.h>

/* Identifies a physical network; AFO_PNET_NONE while undiscovered. */
#define AFO_PNET_NONE	0

/**
 * struct afo_adapter - what the core knows of one managed adapter
 * @ifindex:  the adapter's interface index, unique in its namespace
 * @pnet:     the physical network it sits on, or %AFO_PNET_NONE
 * @priority: preference for backup duty; higher wins
 * @healthy:  administratively up with carrier
 */
struct afo_adapter {
	int ifindex;
	u32 pnet;
	u32 priority;
	bool healthy;
};

bool afo_better_backup(const struct afo_adapter *a,
		       const struct afo_adapter *b);
const struct afo_adapter *afo_choose_responder(const struct afo_adapter *owner,
					       const struct afo_adapter *all,
					       size_t count);

#endif /* _ARP_FAILOVER_CORE_H */
