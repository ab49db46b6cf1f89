/* SPDX-License-Identifier: GPL-2.0-only */
/* Egress of adapters with a silent path (egress.c). */
#ifndef _ARP_FAILOVER_EGRESS_H
#define _ARP_FAILOVER_EGRESS_H

#include <linux/types.h>

struct afo_adapter;

void afo_egress_silent(struct afo_adapter *ad, bool divert);

#endif /* _ARP_FAILOVER_EGRESS_H */
