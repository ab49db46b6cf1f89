// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discovery: which adapters share a physical network. An adapter sends a
 * tagged ARP probe; the siblings that hear it within the probe timeout
 * are on its network. The tag is a SipHash MAC, under a per-namespace
 * random key, of the prober's ifindex, the sequence number, its MAC and
 * the probed address: a forged probe fails it. A probe heard after its
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
#include <asm/unaligned.h>

#include "afo.h"
#include "params.h"
#include "trace.h"

static_assert(sizeof(struct arpfo_probe_tag) == ARPFO_PROBE_TAG_LEN);

static u64 afo_probe_mac(const struct afo_net *an, u32 ifindex, u32 seq,
			 const u8 *sha, __be32 tip)
{
	return siphash_3u64((u64)ifindex << 32 | seq, ether_addr_to_u64(sha),
			    (__force u32)tip, &an->probe_key);
}

/*
 * A probe nobody heard is weak evidence: right after carrier comes back
 * the switch port may not forward yet. Only this many unheard probes in
 * a row, each a probe timeout apart, make an adapter alone.
 */
#define AFO_PROBE_TRIES 3

static void afo_round_free(struct afo_port *port)
{
	struct afo_round *round = rtnl_dereference(port->round);

	RCU_INIT_POINTER(port->round, NULL);
	if (round)
		kfree_rcu(round, rcu);
}

/**
 * afo_probe_stop - no probe of @port is out any more
 * @port: the adapter
 */
void afo_probe_stop(struct afo_port *port)
{
	WRITE_ONCE(port->probing, false);
	afo_round_free(port);
}

/*
 * A new sequence number and an empty round with a bit for every slot
 * handed out so far; the probe is out until its deadline. Return: the
 * sequence number, 0 when memory is short (no probe this time: the
 * adapter keeps its pnet and the tick tries again).
 */
static u32 afo_probe_arm(struct afo_port *port)
{
	struct afo_net *an = port->an;
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
	afo_round_free(port);
	rcu_assign_pointer(port->round, round);
	WRITE_ONCE(port->probing, true);
	port->probe_deadline = jiffies + afo_probe_timeout();
	trace_arp_failover_probe(port->dev, seq);
	afo_tick_kick(an);
	return seq;
}

/*
 * Whether a probe of @port could be heard by anyone: another adapter of
 * the namespace has carrier. A lone adapter stays quiet (a thousand
 * single-adapter containers on one bridge send nothing) and probes when
 * a sibling appears, whose own probe reaches it anyway.
 */
static bool afo_probe_worthwhile(struct afo_port *port)
{
	return port->an->carriers > port->core.carrier;
}

/*
 * An offload adapter probes by announcing an address registered with it
 * (re-registering makes the adapter announce it again). Host siblings
 * hear the announcement (afo_announcement_received()); offload siblings
 * with a query op are asked at the deadline. With nothing registered it
 * has nothing to announce and keeps its pnet until it does.
 */
static void afo_probe_send_offload(struct afo_port *port)
{
	__be32 ip = afo_offload_probe_ip(port);

	port->probe_wait = !ip;
	if (!ip)
		return;
	WRITE_ONCE(port->probe_ip, ip);
	port->probe_started = jiffies;
	if (!afo_probe_arm(port))
		return;
	if (!afo_offload_add(port, ip))
		atomic_long_inc(&port->stats.probes_sent);
}

/* One probe of a verification; afo_probe_finish() decides or retries. */
static void afo_probe_send(struct afo_port *port)
{
	struct afo_net *an = port->an;
	struct arpfo_probe_tag tag;
	struct afo_addr *addr;
	u32 seq;

	ASSERT_RTNL();
	if (!port->core.carrier)
		return;
	if (!afo_probe_worthwhile(port)) {
		port->probe_skipped = true;
		port->last_verified = jiffies | 1;	/* look again later */
		return;
	}
	port->probe_skipped = false;
	if (port->offload) {
		afo_probe_send_offload(port);
		return;
	}
	addr = list_first_entry_or_null(&port->addrs, struct afo_addr, port_node);
	if (!addr)
		return;

	seq = afo_probe_arm(port);
	if (!seq)
		return;
	tag.magic = htons(ARPFO_PROBE_MAGIC);
	tag.ifindex = htonl(port->core.ifindex);
	tag.seq = htonl(seq);
	put_unaligned_be64(afo_probe_mac(an, port->core.ifindex, seq,
					 port->dev->dev_addr, addr->ip), tag.mac);
	if (!afo_send_probe(port->dev, addr->ip, &tag, sizeof(tag)))
		atomic_long_inc(&port->stats.probes_sent);
}

/**
 * afo_probe_start - verify an adapter's physical network
 * @port: the adapter; must have carrier and an address
 */
void afo_probe_start(struct afo_port *port)
{
	port->probe_tries = AFO_PROBE_TRIES;
	afo_probe_send(port);
}

/**
 * afo_probe_skipped_start - probe now what skipped its probe while alone
 * @an: the namespace, whose second adapter with carrier just appeared
 */
void afo_probe_skipped_start(struct afo_net *an)
{
	struct afo_adapter *a;

	list_for_each_entry(a, &an->adapters, node)
		if (afo_port_of(a)->probe_skipped && a->carrier)
			afo_probe_start(afo_port_of(a));
}

/**
 * afo_probe_resume - send the probe an offload adapter was waiting to send
 * @port: the adapter; called by the tick once responders are settled
 */
void afo_probe_resume(struct afo_port *port)
{
	if (port->probe_wait && !port->probing)
		afo_probe_send(port);
}

/* Whether the adapter in slot @slot heard @round. */
static bool afo_round_heard(const struct afo_round *round, unsigned int slot)
{
	return round && slot < round->nbits && test_bit(slot, round->heard_by);
}

/* Mark the adapters that heard @port's current probe; true if any did. */
static bool afo_probe_collect(struct afo_port *port)
{
	const struct afo_round *round = rtnl_dereference(port->round);
	struct afo_adapter *a;
	bool any = false;

	list_for_each_entry(a, &port->an->adapters, node) {
		struct afo_port *rx = afo_port_of(a);

		a->heard = false;
		if (rx == port || !a->carrier)
			continue;
		a->heard = afo_round_heard(round, rx->slot);
		if (port->offload && !a->heard)
			a->heard = afo_offload_heard(rx, port);
		any |= a->heard;
	}
	return any;
}

static unsigned int afo_pnet_size(struct afo_net *an, u32 pnet)
{
	struct afo_adapter *a;
	unsigned int n = 0;

	list_for_each_entry(a, &an->adapters, node)
		n += a->pnet == pnet;
	return n;
}

/* One line per adapter whose physical network changed. */
static void afo_log_pnets(struct afo_net *an)
{
	struct afo_adapter *a;

	list_for_each_entry(a, &an->adapters, node) {
		struct afo_port *port = afo_port_of(a);

		if (port->pnet_logged == a->pnet)
			continue;
		trace_arp_failover_pnet(port->dev, port->pnet_logged, a->pnet);
		afo_notify(port->dev, ARPFO_EVENT_PNET, port->pnet_logged, a->pnet);
		if (net_ratelimit())
			afo_info(port->dev, "pnet %u -> %u (%u adapters on it)\n",
				 port->pnet_logged, a->pnet,
				 afo_pnet_size(an, a->pnet));
		port->pnet_logged = a->pnet;
	}
}

/**
 * afo_probe_finish - the probe timeout of an adapter ran out
 * @port: the adapter
 */
void afo_probe_finish(struct afo_port *port)
{
	struct afo_net *an = port->an;

	ASSERT_RTNL();
	WRITE_ONCE(port->probing, false);
	if (!afo_probe_collect(port) && --port->probe_tries) {
		afo_probe_send(port);
		return;
	}
	afo_round_free(port);
	afo_pnet_probe_done(&an->adapters, &port->core, &an->pnets);
	afo_log_pnets(an);
	port->last_verified = jiffies | 1;
	afo_update_responders(an);
}

/*
 * Record that @rx heard the probe of @prober whose sequence number is
 * @seq. Return: false when that is not the probe @prober waits for.
 */
static bool afo_heard_record(struct afo_port *rx, struct afo_port *prober,
			     u32 seq)
{
	struct afo_round *round = rcu_dereference(prober->round);

	if (!READ_ONCE(prober->probing) || !round || round->seq != seq)
		return false;
	if (rx->slot < round->nbits)
		set_bit(rx->slot, round->heard_by);
	atomic_long_inc(&rx->stats.probes_heard);
	return true;
}

static const char *const afo_reject_why[] = {
	[ARPFO_REJECT_FORGED] = "forged",
	[ARPFO_REJECT_STALE] = "stale or replayed",
};

/* Counted always; logged and sent to listeners at a limited rate. */
static void afo_probe_reject(struct afo_port *rx, const u8 *sha, u8 reason)
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
	afo_warn(rx->dev, "dropped a %s discovery probe from %pM\n", why, sha);
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
 * genuine probe of a sibling is recorded; one with a bad tag, or not the
 * one its prober waits for, is counted and reported.
 *
 * Return: true when the frame carries our tag: it is ours to consume.
 */
bool afo_probe_received(struct afo_net *an, struct sk_buff *skb,
			struct afo_port *rx, const u8 *sha, __be32 sip,
			__be32 tip)
{
	unsigned int off = skb_network_offset(skb) + arp_hdr_len(skb->dev);
	const struct arphdr *arp = arp_hdr(skb);
	struct arpfo_probe_tag tag;
	struct afo_port *origin;
	u32 ifindex, seq;

	if (arp->ar_op != htons(ARPOP_REQUEST) || sip ||
	    skb_copy_bits(skb, off, &tag, sizeof(tag)) < 0 ||
	    tag.magic != htons(ARPFO_PROBE_MAGIC))
		return false;

	ifindex = ntohl(tag.ifindex);
	seq = ntohl(tag.seq);
	origin = ifindex <= INT_MAX ? afo_port_find(an, ifindex) : NULL;
	if (!origin ||
	    get_unaligned_be64(tag.mac) != afo_probe_mac(an, ifindex, seq, sha, tip)) {
		/*
		 * Another host running arp_failover probes too, under its own
		 * key: consume it quietly. Only a probe that claims one of our
		 * MACs and fails the check is a forgery.
		 */
		if (afo_port_find_mac(an, sha))
			afo_probe_reject(rx, sha, ARPFO_REJECT_FORGED);
		return true;
	}
	if (origin != rx && !afo_heard_record(rx, origin, seq))
		afo_probe_reject(rx, sha, ARPFO_REJECT_STALE);
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
void afo_announcement_received(struct afo_net *an, struct afo_port *rx,
			       const u8 *sha, __be32 sip, __be32 tip)
{
	struct afo_port *port;

	if (sip != tip || !sip)
		return;
	/* Adapters sharing a MAC are in one bucket: look at each. */
	hash_for_each_possible_rcu(an->macs, port, mac_node, afo_mac_hash(sha)) {
		struct afo_round *round = rcu_dereference(port->round);

		if (!port->offload || port == rx || !round ||
		    READ_ONCE(port->probe_ip) != sip ||
		    !ether_addr_equal(port->dev->dev_addr, sha))
			continue;
		afo_heard_record(rx, port, round->seq);
		return;
	}
}
