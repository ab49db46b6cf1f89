/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The commit half of every decision (apply.c): a step opened at the
 * current time, the core's actions applied and reported. Under RTNL.
 */
#ifndef _ARP_FAILOVER_APPLY_H
#define _ARP_FAILOVER_APPLY_H

#include "core.h"

struct afo_net;
struct afo_adapter;
struct afo_addr;

void afo_step_begin(struct afo_net *an, struct afo_step *s,
		    struct afo_core_params *p);
void afo_apply(struct afo_net *an, struct afo_step *s);
void afo_step_commit(struct afo_net *an, struct afo_step *s);
void afo_egress_divert(struct afo_adapter *ad, bool divert);
void afo_report_addr_lost(struct afo_adapter *ad, const struct afo_addr *addr);

#endif /* _ARP_FAILOVER_APPLY_H */
