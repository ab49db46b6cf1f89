/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * arp_failover: the discovery probe's wire format, shared by the module
 * and the userspace tools that build, capture or fuzz probes.
 *
 * A probe is an ARP probe in the sense of RFC 5227 (a who-has request
 * with sender address 0.0.0.0, so no neighbour learns anything from it)
 * for the prober's primary address, broadcast on the probing adapter. The
 * tag below follows the 28-byte ARP payload (a 64-byte frame). The module
 * accepts a probe only when the tag's MAC verifies under the namespace's
 * secret key and the sequence number is the one the prober is waiting
 * for: a forged probe, or one replayed after its window, never joins two
 * adapters. The origin tells whose probe it claims to be: one with
 * another origin is another host's or namespace's, consumed quietly
 * whatever its sender MAC (shared virtual MACs, anycast gateways and
 * veth pairs with one MAC are common); one with our origin that fails
 * the check is a forgery, and reported. A
 * replay within the window is indistinguishable from the probe itself
 * (on the probe's own segment it proves nothing new; onto another segment
 * it is a documented limit).
 */
#ifndef _UAPI_LINUX_ARP_FAILOVER_PROBE_H
#define _UAPI_LINUX_ARP_FAILOVER_PROBE_H

#include <linux/types.h>

#define ARPFO_PROBE_MAGIC	0xaf02	/* 0xaf01: before the origin */

/*
 * A liveness frame has the probe's shape and tag, with this magic, and is
 * unicast to a sibling on the sender's pnet at every liveness interval.
 * Its seq is the sender's liveness round: only the current and the
 * previous round are accepted, so a replay proves nothing after that.
 */
#define ARPFO_LIVE_MAGIC	0xaf03

struct arpfo_probe_tag {
	__be16 magic;		/* ARPFO_PROBE_MAGIC */
	__be32 origin;		/* random, one per namespace running the
				 * module: public, not part of the key
				 */
	__be32 ifindex;		/* the probing adapter */
	__be32 seq;		/* per-namespace sequence number */
	__u8 mac[8];		/* SipHash-2-4 of origin, ifindex, seq, the
				 * sender MAC and the target address of the
				 * ARP payload
				 */
} __attribute__((packed));

#define ARPFO_PROBE_TAG_LEN	22

#endif /* _UAPI_LINUX_ARP_FAILOVER_PROBE_H */
