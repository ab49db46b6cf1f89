/* SPDX-License-Identifier: GPL-2.0-only */
/* The NF_ARP_IN and NF_ARP_OUT hooks (hook.c), one pair per namespace. */
#ifndef _ARP_FAILOVER_HOOK_H
#define _ARP_FAILOVER_HOOK_H

struct net;

int afo_hooks_register(struct net *net);
void afo_hooks_unregister(struct net *net);

#endif /* _ARP_FAILOVER_HOOK_H */
