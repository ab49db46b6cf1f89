/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State shared by the kernel glue of arp_failover.
 */
#ifndef _ARP_FAILOVER_AFO_H
#define _ARP_FAILOVER_AFO_H

#include <net/net_namespace.h>

#define AFO_VERSION "0.1.0"

/**
 * struct afo_net - arp_failover state of one network namespace
 * @net: the namespace this state belongs to
 */
struct afo_net {
	struct net *net;
};

extern unsigned int afo_net_id;

#endif /* _ARP_FAILOVER_AFO_H */
