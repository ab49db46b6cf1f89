/* SPDX-License-Identifier: GPL-2.0-only */
/* Netdev and inetaddr notifiers, and the resync work (notify.c). */
#ifndef _ARP_FAILOVER_NOTIFY_H
#define _ARP_FAILOVER_NOTIFY_H

struct afo_net;

void afo_resync_init(struct afo_net *an);
void afo_resync_stop(struct afo_net *an);
int afo_notifiers_register(void);
bool afo_unloading_now(void);
void afo_notifiers_unregister(void);

#endif /* _ARP_FAILOVER_NOTIFY_H */
