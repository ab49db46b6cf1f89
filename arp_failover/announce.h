/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The announcer (announce.c): gratuitous ARPs and unsolicited neighbour
 * advertisements, paced by the frames in flight and rate-limited. Under
 * RTNL.
 */
#ifndef _ARP_FAILOVER_ANNOUNCE_H
#define _ARP_FAILOVER_ANNOUNCE_H

#include <linux/types.h>

struct afo_adapter;
struct afo_addr;
struct afo_net;
struct afo_step;
struct sk_buff;

int afo_announce_net_init(struct afo_net *an);
void afo_announce_net_exit(struct afo_net *an);
void afo_garp_own(struct sk_buff *skb);
void afo_announce(struct afo_adapter *by, struct afo_addr *addr,
		  struct afo_step *s);
void afo_announce_cancel(struct afo_addr *addr);
void afo_announce_run(struct afo_net *an, struct afo_step *s);
void afo_announce_vipas(struct afo_adapter *by, struct afo_step *s);
void afo_announce_vipa_new(struct afo_net *an, struct afo_addr *vipa);
void afo_announce_vipa_gone(struct afo_net *an, struct afo_addr *vipa);

#endif /* _ARP_FAILOVER_ANNOUNCE_H */
