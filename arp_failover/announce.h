/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The announcer (announce.c): gratuitous ARPs, paced and rate-limited.
 * Under RTNL.
 */
#ifndef _ARP_FAILOVER_ANNOUNCE_H
#define _ARP_FAILOVER_ANNOUNCE_H

#include <linux/types.h>

struct afo_adapter;
struct afo_addr;
struct afo_net;
struct afo_step;

void afo_announce(struct afo_adapter *by, struct afo_addr *addr,
		  struct afo_step *s);
void afo_announce_cancel(struct afo_addr *addr);
void afo_announce_run(struct afo_net *an, struct afo_step *s);
void afo_announce_vipas(struct afo_adapter *by, struct afo_step *s);
void afo_announce_vipa_new(struct afo_net *an, const struct afo_addr *vipa);
void afo_announce_vipas_run(struct afo_adapter *ad, struct afo_step *s);

#endif /* _ARP_FAILOVER_ANNOUNCE_H */
