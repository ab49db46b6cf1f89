// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discovery: which adapters share a physical network. An adapter sends a
 * tagged ARP probe; the siblings that hear it within the probe timeout
 * are on its network, if they are in its L3 domain (VRF): adapters of two
 * VRFs are never on one pnet, so never answer for each other. The tag
 * carries the namespace's origin, a public random number, and a SipHash
 * MAC, under a per-namespace random key, of the origin, the prober's
 * ifindex, the sequence number, its MAC and the probed address: a forged
 * probe fails it. A probe with another origin is another host's or
 * namespace's, whatever MAC it comes from. A probe heard after its
 * window (not the sequence number its prober waits for) is dropped as
 * stale. Within the window a replay of a genuine probe cannot be told
 * from the original, so it is made harmless instead: what a probe proves
 * is one bit per hearer in the prober's round (struct afo_round), and
 * setting a bit twice changes nothing. A replay onto another segment
 * within the window would join that segment's adapter: a documented
 * limit of any in-band discovery (Documentation/admin-guide.rst).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <uapi/linux/arp_failover_probe.h>

#include "adapter.h"
#include "compat.h"
#include "discovery.h"
#include "liveness.h"
#include "netlink.h"
#include "netns.h"
#include "offload.h"
#include "tick.h"
#include "trace.h"
#include "xmit.h"

afo_static_assert_packed(sizeof(struct arpfo_probe_tag) == ARPFO_PROBE_TAG_LEN);

/*
 * The MAC of a probe's tag, over three words (a liveness frame's is over
 * five: live_frame.c), so neither verifies as the other.
 */
static u64 afo_tag_mac(const struct afo_net *an, u32 ifindex, u32 seq,
		       const u8 *sha, __be32 tip)
{
	u64 w0 = (u64)ifindex << 32 | seq, w1 = ether_addr_to_u64(sha);
	u64 w2 = (u64)an->probe_origin << 32 | (__force u32)tip;

	return siphash_3u64(w0, w1, w2, &an->probe_key);
}

/* The tag of the probe @ad sends with sequence number @seq for @tip. */
static void afo_tag_fill(struct arpfo_probe_tag *tag,
			 const struct afo_adapter *ad, u32 seq, __be32 tip)
{
	tag->magic = htons(ARPFO_PROBE_MAGIC);
	tag->origin = htonl(ad->an->probe_origin);
	tag->ifindex = htonl(ad->core.ifindex);
	tag->seq = htonl(seq);
	put_unaligned_be64(afo_tag_mac(ad->an, ad->core.ifindex, seq,
				       ad->dev->dev_addr, tip), tag->mac);
}

/**
 * afo_round_free - forget the round of @ad's last probe
 * @ad: the adapter
 */
void afo_round_free(struct afo_adapter *ad)
{
	struct afo_round *round = rtnl_dereference(ad->round);

	RCU_INIT_POINTER(ad->round, NULL);
	if (round)
		kfree_rcu(round, rcu);
}

/*
 * A new sequence number and an empty round with a bit for every slot
 * handed out so far. Return: the sequence number, 0 when memory is short.
 */
static u32 afo_probe_arm(struct afo_adapter *ad)
{
	struct afo_net *an = ad->an;
	unsigned int nbits = an->slot_bound;
	struct afo_round *round;
	u32 seq;

	round = kzalloc(struct_size(round, heard_by, BITS_TO_LONGS(nbits)),
			GFP_KERNEL_ACCOUNT);
	if (!round)
		return 0;
	seq = ++an->probe_seq;
	if (!seq)
		seq = ++an->probe_seq;
	round->seq = seq;
	round->nbits = nbits;
	round->gen = an->adapter_gen;
	afo_round_free(ad);
	rcu_assign_pointer(ad->round, round);
	trace_arp_failover_probe(ad->dev, seq);
	return seq;
}

/*
 * An offload adapter probes by announcing an address registered with it
 * (re-registering makes the adapter announce it again). Host siblings
 * hear the announcement (afo_announcement_received()); offload siblings
 * with a query op are asked when the probe is decided. With nothing
 * registered it has nothing to announce: it waits (the tick tries again).
 */
static bool afo_probe_send_offload(struct afo_adapter *ad)
{
	__be32 ip = afo_offload_probe_ip(ad);

	ad->probe_wait = !ip;
	if (!ip)
		return false;
	WRITE_ONCE(ad->probe_ip, ip);
	ad->probe_started = jiffies;
	if (!afo_probe_arm(ad))
		return false;
	if (!afo_offload_add(ad, ip))
		atomic_long_inc(&ad->stats.probes_sent);
	return true;
}

/**
 * afo_probe_send - send the probe the core asked for (%AFO_DO_PROBE)
 * @ad: the adapter, probing
 *
 * A tagged RFC 5227 probe for its first address.
 *
 * Return: false when nothing went out: no address to probe with, or
 * memory was short.
 */
bool afo_probe_send(struct afo_adapter *ad)
{
	struct arpfo_probe_tag tag;
	struct afo_addr *addr;
	u32 seq;

	ASSERT_RTNL();
	if (ad->offload)
		return afo_probe_send_offload(ad);
	addr = list_first_entry_or_null(&ad->addrs, struct afo_addr, port_node);
	if (!addr)
		return false;
	seq = afo_probe_arm(ad);
	if (!seq)
		return false;
	afo_tag_fill(&tag, ad, seq, addr->ip);
	if (!afo_send_probe(ad->dev, addr->ip, &tag, sizeof(tag), NULL))
		atomic_long_inc(&ad->stats.probes_sent);
	return true;
}

/*
 * Whether @rx heard @round: its bit is set, and it is the adapter the bit
 * was for, not a newer one given the slot of one that went.
 */
static bool afo_round_heard(const struct afo_round *round,
			    const struct afo_adapter *rx)
{
	return round && rx->gen <= round->gen && rx->slot < round->nbits &&
	       test_bit(rx->slot, round->heard_by);
}

/**
 * afo_probe_collect - the facts of a probe the core is about to decide
 * @ad: the prober
 *
 * Sets afo_core_adapter.heard on every sibling with carrier, of its L3
 * domain, that heard it (its bit in the round, or an offload sibling's
 * ARP cache).
 */
void afo_probe_collect(struct afo_adapter *ad)
{
	const struct afo_round *round = rtnl_dereference(ad->round);
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	list_for_each_entry(a, &ad->an->core.adapters, node) {
		struct afo_adapter *rx = afo_adapter_of(a);

		a->heard = false;
		if (rx == ad || !a->carrier || rx->l3dev != ad->l3dev)
			continue;
		a->heard = afo_round_heard(round, rx);
		if (ad->offload && !a->heard)
			a->heard = afo_offload_heard(rx, ad);
	}
}

/*
 * Record that @rx heard the probe of @prober whose sequence number is
 * @seq. Return: false when that is not the probe @prober waits for.
 */
static bool afo_heard_record(struct afo_adapter *rx, struct afo_adapter *prober,
			     u32 seq)
{
	struct afo_round *round = rcu_dereference(prober->round);

	if (!READ_ONCE(prober->core.probing) || !round || round->seq != seq)
		return false;
	if (rx->slot < round->nbits)
		set_bit(rx->slot, round->heard_by);
	atomic_long_inc(&rx->stats.probes_heard);
	return true;
}

/*
 * Whether ARP from @sib reaching @rx says they may share a segment that
 * the core does not know of: @sib is another adapter of @rx's L3 domain,
 * on another pnet. The pnets are read as the core last wrote them; a
 * stale one costs a probe at most.
 */
static bool afo_sibling_elsewhere(const struct afo_adapter *rx,
				  const struct afo_adapter *sib)
{
	return sib && sib != rx && sib->l3dev == rx->l3dev &&
	       READ_ONCE(sib->core.pnet) != READ_ONCE(rx->core.pnet);
}

/**
 * afo_sibling_heard - look for a sibling's segment in an ARP frame
 * @an:   the namespace
 * @rx:   the managed adapter it arrived on
 * @sha:  its sender hardware address
 * @addr: the managed address it asks for, if a request for one, else NULL
 *
 * Runs in softirq under RCU, for every ARP frame (but our probes) on a
 * managed adapter: one hash lookup, no walk. A frame from a sibling's
 * MAC, or a request for a sibling's address, says that @rx may hear that
 * sibling's segment: an adapter alone on its pnet verifies it only then
 * (afo_core_reverify_wanted()). The tick hands the news to the core; the
 * core's flag, and the mail bit until the tick takes it, keep a chatty
 * or hostile segment to one tick per verification of @rx at most.
 */
void afo_sibling_heard(struct afo_net *an, struct afo_adapter *rx,
		       const u8 *sha, const struct afo_addr *addr)
{
	if (afo_core_reverify_wanted(&rx->core))
		return;
	if (!afo_sibling_elsewhere(rx, afo_adapter_by_mac(an, sha)) &&
	    !(addr && afo_sibling_elsewhere(rx, addr->owner)))
		return;
	if (!test_and_set_bit(0, &rx->sibling_mail))
		afo_tick_wake(an);
}

/**
 * afo_sibling_news - hand the core what the hooks heard of siblings
 * @ad: the adapter; under RTNL, in the tick, before the core decides
 */
void afo_sibling_news(struct afo_adapter *ad)
{
	ASSERT_RTNL();
	if (test_and_clear_bit(0, &ad->sibling_mail))
		WRITE_ONCE(ad->core.sibling_seen, true);
}

static const char *const afo_reject_why[] = {
	[ARPFO_REJECT_FORGED] = "forged",
	[ARPFO_REJECT_STALE] = "stale or replayed",
};

/**
 * afo_probe_reject - a probe or liveness frame heard on @rx is rejected
 * @rx:     the adapter that heard it
 * @sha:    its sender MAC
 * @reason: ARPFO_REJECT_*
 * @live:   a liveness frame (live_frame.c), else a discovery probe
 *
 * Runs in softirq under RCU. Counted always; logged and sent to
 * listeners at a limited rate.
 */
void afo_probe_reject(struct afo_adapter *rx, const u8 *sha, u8 reason,
		      bool live)
{
	struct afo_event_info ev = {
		.type = ARPFO_EVENT_PROBE_REJECTED,
		.mac = sha,
		.reason = reason,
	};
	const char *why = afo_reject_why[reason];

	atomic_long_inc(&rx->stats.probes_rejected);
	trace_arp_failover_probe_rejected(rx->dev, sha, why);
	if (!net_ratelimit())
		return;
	afo_warn(rx->dev, "dropped a %s %s from %pM\n", why,
		 live ? "liveness frame" : "discovery probe", sha);
	afo_event(rx->dev, &ev, GFP_ATOMIC);
}

/**
 * afo_probe_received - look for a probe tag in an incoming ARP frame
 * @an:  the namespace
 * @skb: the frame, at its ARP header
 * @rx:  the managed adapter it arrived on
 * @sha: the frame's sender hardware address
 * @sip: the frame's sender protocol address
 * @tip: the frame's target protocol address
 *
 * Runs in softirq under RCU. Only a frame of a probe's shape (an RFC 5227
 * probe: a request from 0.0.0.0) is looked at, so that a host's frame
 * whose padding happens to start like a tag is never taken for one. A
 * genuine probe of a sibling is recorded; one of ours with a bad tag, or
 * not the one its prober waits for, is counted and reported; another
 * origin's is consumed quietly. Liveness frames are not ARP
 * (live_frame.c): the ARP-shaped ones of earlier versions (magic 0xaf03)
 * are left to the kernel like any unknown tag, as RFC 5227 probes. They
 * were unicast to a sibling of their own host, so they reach another
 * host only flooded, as frames for another host, which ARP ignores; in
 * our namespace no module of an earlier version runs beside this one.
 *
 * Return: true when the frame carries our tag: it is ours to consume.
 */
bool afo_probe_received(struct afo_net *an, struct sk_buff *skb,
			struct afo_adapter *rx, const u8 *sha, __be32 sip,
			__be32 tip)
{
	unsigned int off = skb_network_offset(skb) + arp_hdr_len(skb->dev);
	const struct arphdr *arp = arp_hdr(skb);
	struct arpfo_probe_tag tag;
	struct afo_adapter *prober;
	u32 ifindex, seq;

	if (arp->ar_op != htons(ARPOP_REQUEST) || sip ||
	    skb_copy_bits(skb, off, &tag, sizeof(tag)) < 0 ||
	    tag.magic != htons(ARPFO_PROBE_MAGIC))
		return false;

	/*
	 * Another host or namespace running arp_failover probes too, under
	 * its own key: consume it quietly, even from a MAC we have too.
	 */
	if (ntohl(tag.origin) != an->probe_origin)
		return true;
	ifindex = ntohl(tag.ifindex);
	seq = ntohl(tag.seq);
	prober = ifindex <= INT_MAX ? afo_adapter_find(an, ifindex) : NULL;
	if (!prober || get_unaligned_be64(tag.mac) !=
		       afo_tag_mac(an, ifindex, seq, sha, tip)) {
		afo_probe_reject(rx, sha, ARPFO_REJECT_FORGED, false);
		return true;
	}
	if (prober == rx)
		return true;
	if (!afo_heard_record(rx, prober, seq))
		afo_probe_reject(rx, sha, ARPFO_REJECT_STALE, false);
	return true;
}

/**
 * afo_announcement_received - look for an offload sibling's probe
 * @an:  the namespace
 * @rx:  the managed adapter the frame arrived on
 * @sha: the frame's sender hardware address
 * @sip: its sender protocol address
 * @tip: its target protocol address
 *
 * Runs in softirq under RCU. A gratuitous ARP from the MAC of an offload
 * adapter that is probing, for the address it announced, is its probe
 * heard here. It carries no tag (the adapter builds it), so unlike a
 * tagged probe it proves nothing against forgery: a documented limit.
 */
void afo_announcement_received(struct afo_net *an, struct afo_adapter *rx,
			       const u8 *sha, __be32 sip, __be32 tip)
{
	struct afo_adapter *ad;

	if (sip != tip || !sip)
		return;
	/* Adapters sharing a MAC are in one bucket: look at each. */
	hash_for_each_possible_rcu(an->by_mac, ad, mac_node,
				   afo_mac_hash(sha)) {
		struct afo_round *round = rcu_dereference(ad->round);

		if (!ad->offload || ad == rx || !round ||
		    READ_ONCE(ad->probe_ip) != sip ||
		    !ether_addr_equal(ad->dev->dev_addr, sha))
			continue;
		afo_heard_record(rx, ad, round->seq);
		return;
	}
}
