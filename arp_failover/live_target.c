// SPDX-License-Identifier: GPL-2.0-only
/*
 * Liveness targets: the host each adapter asks, through itself, whether
 * its path works when its siblings' liveness frames cannot tell (two
 * adapters that lose each other cannot say which one failed).
 *
 * A target needs no configuration. For each adapter, the first of:
 *
 *   named      the first liveness_targets address on its link
 *   gateway    the gateway of the default route of its table (its VRF's,
 *              or main), on-link through it, whichever device the route
 *              names: a host with one default route has one gateway for
 *              every adapter of the segment, as illumos IPMP picks the
 *              routers on the link from the routing table; without
 *              one, its IPv6 default router (learned from router
 *              advertisements, asked with neighbour solicitations:
 *              live_target6.c), so that an IPv6-only pair has one too
 *   neighbour  without a gateway, a host lately heard on the segment (by
 *              any member of its pnet): the one a sibling already uses,
 *              else the last one heard
 *
 * The target is asked only when liveness evidence is missing (the
 * adapter heard nothing either way in the last round, or is judged), so
 * an idle host sends no target probes at all. A probe is an RFC 5227
 * probe (sender 0.0.0.0: nobody learns a binding from it, which matters
 * while a sibling answers for the adapter's addresses), unicast to the
 * MAC the target last answered from, and broadcast once an answer is
 * missed (the target may have moved). An answer counts only as the
 * reply to such a probe from this adapter: sender the target, target
 * address 0.0.0.0 and target MAC the adapter's own, heard on it while
 * its probes are out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/ip_fib.h>

#include <uapi/linux/arp_failover.h>

#include "adapter.h"
#include "live_target.h"
#include "liveness.h"
#include "netns.h"
#include "params.h"
#include "xmit.h"

/* Rounds between looks at the routes while the target is not asked. */
#define AFO_TARGET_REFRESH 16

/*
 * The route to @daddr in @ad's table (its VRF's, or main): with @only_ad,
 * through @ad only (the lookup fails for a route through another
 * device); else through any, as the output device of a VRF (or none)
 * asks. Its gateway goes to @gw (0: on the link). Under RTNL.
 */
static bool afo_target_route(struct afo_adapter *ad, __be32 daddr,
			     bool only_ad, __be32 *gw)
{
	struct flowi4 fl4 = {
		.daddr = daddr,
		.flowi4_oif = only_ad ? ad->core.ifindex : ad->l3dev,
	};
	struct fib_result res;
	bool found = false;

	rcu_read_lock();
	if (!fib_lookup(dev_net(ad->dev), &fl4, &res, FIB_LOOKUP_NOREF) &&
	    res.type == RTN_UNICAST && res.nhc &&
	    (!only_ad || res.nhc->nhc_dev == ad->dev) &&
	    res.nhc->nhc_gw_family != AF_INET6) {
		*gw = res.nhc->nhc_gw_family == AF_INET ?
		      res.nhc->nhc_gw.ipv4 : 0;
		found = true;
	}
	rcu_read_unlock();
	return found;
}

/* Whether @ip is on @ad's link: a route to it through @ad, no gateway. */
static bool afo_target_onlink(struct afo_adapter *ad, __be32 ip)
{
	__be32 gw;

	return ip && afo_target_route(ad, ip, true, &gw) && !gw;
}

/* The default route's gateway, when it is on @ad's link; else 0. */
static __be32 afo_target_gateway(struct afo_adapter *ad)
{
	__be32 gw;

	if (!afo_target_route(ad, 0, false, &gw) || !gw)
		return 0;
	return afo_target_onlink(ad, gw) ? gw : 0;
}

/**
 * afo_target_named_read - the targets the administrator named, now
 * @named: gets them
 *
 * Outside RCU: the list is read under a mutex.
 */
void afo_target_named_read(struct afo_target_named *named)
{
	named->n = afo_liveness_targets(named->ip, ARRAY_SIZE(named->ip));
}

/*
 * @ad's target, and where it came from (@src); @named are the named
 * targets, @peer is the pnet's neighbour candidate. 0 with an IPv6
 * router in @router (else ::).
 */
static __be32 afo_target_find(struct afo_adapter *ad,
			      const struct afo_target_named *named,
			      __be32 peer, struct in6_addr *router, u8 *src)
{
	unsigned int i;
	__be32 ip;

	*router = in6addr_any;
	for (i = 0; i < named->n; i++) {
		if (afo_target_onlink(ad, named->ip[i])) {
			*src = ARPFO_TARGET_SRC_NAMED;
			return named->ip[i];
		}
	}
	ip = afo_target_gateway(ad);
	if (ip || afo_target6_router(ad, router)) {
		*src = ARPFO_TARGET_SRC_GATEWAY;
		return ip;
	}
	if (afo_target_onlink(ad, peer)) {
		*src = ARPFO_TARGET_SRC_NEIGHBOUR;
		return peer;
	}
	*src = ARPFO_TARGET_SRC_NONE;
	return 0;
}

/**
 * afo_target_pnet_peer - the neighbour a pnet's members may ask
 * @v: the pnet's members taking part in liveness
 * @n: how many
 *
 * The neighbour a member already asks, so that the members of a pnet
 * ask the same host and stay with it; else the one heard last by any
 * member. Under RTNL.
 *
 * Return: its address, 0: none heard.
 */
__be32 afo_target_pnet_peer(struct afo_core_adapter **v, unsigned int n)
{
	unsigned long best_at = 0;
	__be32 best = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct afo_live *live = &afo_adapter_of(v[i])->live;
		unsigned long at = READ_ONCE(live->peer_at);

		if (live->target_src == ARPFO_TARGET_SRC_NEIGHBOUR)
			return live->target;
		if (at && (!best_at || time_after(at, best_at))) {
			best_at = at;
			best = READ_ONCE(live->peer);
		}
	}
	return best;
}

/* The MAC to send @ad's next target probe to; NULL: broadcast. */
static const u8 *afo_target_dest(struct afo_live *live, u32 round, u8 *mac)
{
	u64 last = READ_ONCE(live->target_mac);

	/*
	 * Unanswered since the last probe (an answer may also have come
	 * in this round already): the target may have moved.
	 */
	if (!last || round - READ_ONCE(live->target_rx) > 1)
		return NULL;
	u64_to_ether_addr(last, mac);
	return mac;
}

/* Whether @target (or, with 0, @router) is the one @live has. */
static bool afo_target_is(const struct afo_live *live, __be32 target,
			  const struct in6_addr *router)
{
	return target == live->target &&
	       ipv6_addr_equal(router, &live->target6);
}

/**
 * afo_target_refresh_due - whether targets are looked at again in @round
 * @round: a liveness round
 *
 * Return: true every %AFO_TARGET_REFRESH rounds.
 */
bool afo_target_refresh_due(u32 round)
{
	return !(round % AFO_TARGET_REFRESH);
}

/**
 * afo_target_unchanged - a refresh of @ad's target would change nothing
 * @ad:    an adapter whose target is not asked
 * @named: the named targets (afo_target_named_read())
 * @peer:  its pnet's neighbour candidate (afo_target_pnet_peer())
 *
 * It holds no ND hook to let go, and the target found now is the one it
 * has. Under RCU, in a steady liveness round: the routes are read as a
 * full round reads them, nothing is written.
 *
 * Return: true when a round needs no RTNL for @ad's refresh.
 */
bool afo_target_unchanged(struct afo_adapter *ad,
			  const struct afo_target_named *named, __be32 peer)
{
	struct afo_live *live = &ad->live;
	struct in6_addr router;
	__be32 target;
	u8 src;

	if (READ_ONCE(live->target_hooked))
		return false;
	target = afo_target_find(ad, named, peer, &router, &src);
	return src == READ_ONCE(live->target_src) &&
	       afo_target_is(live, target, &router);
}

/* Find @ad's target again; a new one is asked afresh. */
static void afo_target_update(struct afo_adapter *ad, u32 round,
			      unsigned int misses, __be32 peer)
{
	struct afo_live *live = &ad->live;
	struct afo_target_named named;
	struct in6_addr router;
	__be32 target;
	u8 src;

	afo_target_named_read(&named);
	target = afo_target_find(ad, &named, peer, &router, &src);
	WRITE_ONCE(live->target_src, src);
	if (afo_target_is(live, target, &router))
		return;
	/* the hook stops taking answers before the target changes */
	WRITE_ONCE(live->target_on, false);
	WRITE_ONCE(live->target, target);
	live->target6 = router;
	/* answers of the old one prove nothing of this one */
	WRITE_ONCE(live->target_rx, round - 1 - misses);
	WRITE_ONCE(live->target_mac, 0);
}

/* Whether @live has a target, of either family. */
static bool afo_target_set(const struct afo_live *live)
{
	return live->target || !ipv6_addr_any(&live->target6);
}

/*
 * Whether @ad can ask its target: an IPv6 router only from a link-local
 * address of @ad's, and only while the ND hook hears the answers. A probe
 * that cannot go out must not count as unanswered: that would blame a
 * path nothing tested.
 */
static bool afo_target_askable(struct afo_adapter *ad)
{
	struct afo_live *live = &ad->live;
	struct in6_addr saddr;

	if (live->target)
		return afo_target6_hook(ad, false);
	return afo_target_set(live) && afo_target6_source(ad, &saddr) &&
	       afo_target6_hook(ad, true);
}

/* Ask @ad's target, at @mac (NULL: broadcast, or the router's group). */
static int afo_target_send(struct afo_adapter *ad, const u8 *mac)
{
	if (ad->live.target)
		return afo_send_probe(ad->dev, ad->live.target, NULL, 0, mac);
	return afo_target6_send(ad, mac);
}

/**
 * afo_target_probe - ask @ad's target this round, when @on
 * @ad:     the adapter
 * @on:     its liveness evidence is missing
 * @round:  the round
 * @misses: liveness_misses
 * @peer:   its pnet's neighbour candidate (afo_target_pnet_peer())
 *
 * The target is found again each round it is asked (routes change), and
 * every AFO_TARGET_REFRESH rounds otherwise, so that the status shows the
 * one it would ask; a new target, or a new streak of probes, counts
 * unanswered probes from @round on. An IPv6 router is asked only while
 * the ND hook can hear its answers (afo_target6_hook()); the hook is
 * kept between streaks, and let go at the refresh after them, so that a
 * lossy path does not register and unregister it several times a
 * second. Under RTNL.
 */
void afo_target_probe(struct afo_adapter *ad, bool on, u32 round,
		      unsigned int misses, __be32 peer)
{
	struct afo_live *live = &ad->live;
	u8 mac[ETH_ALEN];

	if (!on) {
		WRITE_ONCE(live->target_on, false);
		if (afo_target_refresh_due(round)) {
			afo_target6_hook(ad, false);
			afo_target_update(ad, round, misses, peer);
		}
		return;
	}
	afo_target_update(ad, round, misses, peer);
	if (!afo_target_askable(ad)) {
		afo_target_stop(ad);
		return;
	}
	if (!live->target_on) {
		live->target_from = round;
		WRITE_ONCE(live->target_on, true);
	}
	if (!afo_target_send(ad, afo_target_dest(live, round, mac)))
		atomic_long_inc(&ad->stats.target_sent);
}

/**
 * afo_target_stop - @ad's target probes are no longer out
 * @ad: the adapter (evidence back, liveness paused, or it goes away)
 *
 * Answers no longer count, and it lets go of the ND hook. Under RTNL.
 */
void afo_target_stop(struct afo_adapter *ad)
{
	WRITE_ONCE(ad->live.target_on, false);
	afo_target6_hook(ad, false);
}

/**
 * afo_target_answered - @rx's target answered a probe of @rx's
 * @an:  the namespace
 * @rx:  the adapter
 * @mac: the MAC the answer came from: the next probe goes there
 *
 * Runs in softirq under RCU, for a bound answer of either family
 * (afo_target_heard(), afo_target6_heard()).
 */
void afo_target_answered(struct afo_net *an, struct afo_adapter *rx,
			 const u8 *mac)
{
	struct afo_live *live = &rx->live;

	WRITE_ONCE(live->target_mac, ether_addr_to_u64(mac));
	WRITE_ONCE(live->target_rx, READ_ONCE(an->live_round));
	WRITE_ONCE(live->target_at, jiffies | 1);	/* 0: never */
	atomic_long_inc(&rx->stats.target_heard);
}

/**
 * afo_target_heard - look at an ARP frame for @rx's target and neighbours
 * @an:  the namespace
 * @rx:  the adapter it arrived on
 * @op:  its operation
 * @sha: its sender hardware address
 * @sip: its sender protocol address
 * @tha: its target hardware address
 * @tip: its target protocol address
 *
 * Runs in softirq under RCU. Counts the reply of @rx's target to a probe
 * of @rx's, and remembers a host heard on the segment (the neighbour
 * candidate): one that is not ours, from an address of its own. Such a
 * host is also the evidence that @rx's own segment works when it hears
 * none of its pnet (afo_live_segment_heard()): the announcements and
 * requests of its siblings, which a cut-off port may still hear, are not.
 */
void afo_target_heard(struct afo_net *an, struct afo_adapter *rx, u16 op,
		      const u8 *sha, __be32 sip, const u8 *tha, __be32 tip)
{
	struct afo_live *live = &rx->live;
	__be32 target = READ_ONCE(live->target);

	if (op == ARPOP_REPLY && target && sip == target && !tip &&
	    READ_ONCE(live->target_on) &&
	    ether_addr_equal(tha, rx->dev->dev_addr)) {
		afo_target_answered(an, rx, sha);
	}
	if (!sip || ipv4_is_multicast(sip) || ipv4_is_loopback(sip) ||
	    ipv4_is_lbcast(sip) || !is_valid_ether_addr(sha) ||
	    afo_addr_find(an, rx->l3dev, sip) || afo_adapter_by_mac(an, sha))
		return;
	afo_live_segment_heard(an, rx);
	if (READ_ONCE(live->peer) != sip)
		WRITE_ONCE(live->peer, sip);
	WRITE_ONCE(live->peer_at, jiffies | 1);
}
