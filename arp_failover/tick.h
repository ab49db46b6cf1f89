/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one timer of a namespace (tick.c): a delayed work that runs every
 * deadline the core and the announcer have. Arm under RTNL.
 */
#ifndef _ARP_FAILOVER_TICK_H
#define _ARP_FAILOVER_TICK_H

struct afo_net;

void afo_tick_init(struct afo_net *an);
void afo_tick_arm(struct afo_net *an, unsigned long when);
void afo_tick_wake(struct afo_net *an);
void afo_tick_stop(struct afo_net *an);

#endif /* _ARP_FAILOVER_TICK_H */
