/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * arp_failover: what crosses the boundary between the module and the
 * world. Shared by the module and the userspace tools.
 */
#ifndef _UAPI_LINUX_ARP_FAILOVER_H
#define _UAPI_LINUX_ARP_FAILOVER_H

#include <linux/types.h>

/*
 * Discovery probe. An ARP probe in the sense of RFC 5227 (a who-has
 * request with sender address 0.0.0.0, so no neighbour learns anything
 * from it) for the prober's primary address, broadcast on the probing
 * adapter. The tag below fills the Ethernet padding after the 28-byte ARP
 * payload, so the frame stays at Ethernet's 60-byte minimum. The module
 * accepts a probe only when the tag's MAC verifies under the namespace's
 * secret key and the sequence number is the one the prober is waiting
 * for: a forged or replayed probe never joins two adapters.
 */
#define AFO_PROBE_MAGIC		0xaf01

struct afo_probe_tag {
	__be16 magic;		/* AFO_PROBE_MAGIC */
	__be32 ifindex;		/* the probing adapter */
	__be32 seq;		/* per-namespace sequence number */
	__u8 mac[8];		/* SipHash-2-4 of the above and the ARP payload */
} __attribute__((packed));

#define AFO_PROBE_TAG_LEN	18

#endif /* _UAPI_LINUX_ARP_FAILOVER_H */
