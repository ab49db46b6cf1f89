/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Module parameters: the global defaults, writable at runtime under
 * /sys/module/arp_failover/parameters/, validated on every write.
 */
#ifndef _ARP_FAILOVER_PARAMS_H
#define _ARP_FAILOVER_PARAMS_H

#include <linux/types.h>

struct afo_core_params;
struct net_device;

unsigned int afo_garp_count(void);
unsigned long afo_garp_interval(void);
unsigned long afo_probe_timeout(void);
unsigned long afo_reverify_interval(void);
unsigned long afo_reclaim_delay(void);
unsigned long afo_liveness_interval(void);
unsigned int afo_liveness_misses(void);
unsigned int afo_liveness_targets(__be32 *out, unsigned int max);
void afo_core_params_now(struct afo_core_params *p);

bool afo_name_selected(const char *ifname);
u32 afo_name_priority(const char *ifname);
bool afo_name_vipa(const char *ifname);

void afo_params_start(void);
void afo_params_stop(void);

#endif /* _ARP_FAILOVER_PARAMS_H */
