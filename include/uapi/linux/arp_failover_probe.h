/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * arp_failover: the wire formats of the discovery probe and the liveness
 * frame, shared by the module and the userspace tools that build, capture
 * or fuzz them.
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
 * The liveness frame's magic (below). 0xaf03 was that of the liveness
 * frames of earlier versions, which had a probe's ARP shape: no longer
 * liveness, such a frame is left to the kernel, an RFC 5227 probe like
 * any other.
 */
#define ARPFO_LIVE_MAGIC	0xaf04

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

/*
 * Liveness frames: every liveness interval each adapter on a pnet of two
 * or more sends one to each of (at most) two siblings of its pnet,
 * unicast to the sibling's MAC. They are not ARP: switches with Dynamic
 * ARP Inspection police ARP on untrusted ports (15 frames/s by default)
 * and shut a port down above the limit, and routers' ARP policers would
 * count them too. Their EtherType is ETH_P_802_EX1 (0x88b5), which IEEE
 * 802 sets aside for local experimental use: no protocol is assigned it,
 * so no host or switch parses these frames as anything, and none was
 * ours to register for a frame that never leaves the segment. Ours are
 * told from other local uses by the magic (and the MAC).
 *
 * The frame is the Ethernet header (destination: the receiver's MAC,
 * source: the sender's), this structure, and zeroes up to the 60-byte
 * Ethernet minimum. The tag's seq is the sender's liveness round: only
 * frames of the last liveness_misses rounds are accepted, each as
 * evidence of its own round, so a replay proves nothing after that.
 * Its MAC, SipHash-2-4 under the namespace's key, covers the origin,
 * the sender's ifindex, round and MAC, the receiver's ifindex and MAC,
 * the pnet and the L3 domain (the ifindex of the VRF both are in, 0:
 * none), which the receiver takes from itself: a frame reflected to
 * another adapter, another VRF or another segment fails it.
 * A genuine frame of a pnet the receiver is no longer on (pnets merge
 * and split while frames fly) is stale, not forged.
 */
#define ARPFO_LIVE_ETHERTYPE	0x88b5	/* ETH_P_802_EX1 */

struct arpfo_live_frame {
	struct arpfo_probe_tag tag;	/* magic ARPFO_LIVE_MAGIC */
	__be32 rx_ifindex;	/* the receiver: an L2 ipvlan device hears
				 * it on its lower device, which shares
				 * its MAC
				 */
	__be32 pnet;		/* the sender's pnet */
} __attribute__((packed));

#define ARPFO_LIVE_FRAME_LEN	30

#endif /* _UAPI_LINUX_ARP_FAILOVER_PROBE_H */
