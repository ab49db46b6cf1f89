// SPDX-License-Identifier: GPL-2.0-only
/*
 * The commit half of every decision: apply the actions the core recorded
 * in a step (core.h) and report each one, in one place: tracepoint,
 * netlink event, log line and counter. Everything here runs under RTNL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inetdevice.h>
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/route.h>

#include "addrs6.h"
#include "adapter.h"
#include "announce.h"
#include "apply.h"
#include "discovery.h"
#include "egress.h"
#include "liveness.h"
#include "netlink.h"
#include "netns.h"
#include "offload.h"
#include "params.h"
#include "tick.h"
#include "trace.h"

/*
 * Not ipv4_devconf_set(): that also marks the value as the administrator's
 * own, after which writes to net.ipv4.conf.default no longer reach the
 * adapter. (Listeners get no RTM_NEWNETCONF for our writes: the helper
 * that sends it is not exported to modules.)
 */
static void afo_linkdown_write(struct in_device *in_dev, int val)
{
	int slot = IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN - 1;

	WRITE_ONCE(in_dev->cnf.data[slot], val);
}

/*
 * The same for IPv6 (net.ipv6.conf.<dev>.ignore_routes_with_linkdown),
 * which has its own switch. @ad->saved_linkdown6 < 0: not set by us.
 */
static void afo_egress_divert6(struct afo_adapter *ad, bool divert)
{
	struct inet6_dev *idev = __in6_dev_get(ad->dev);
	int *val;

	if (!idev)
		return;
	val = &idev->cnf.ignore_routes_with_linkdown;
	if (divert && ad->saved_linkdown6 < 0) {
		ad->saved_linkdown6 = READ_ONCE(*val);
		WRITE_ONCE(*val, 1);
	} else if (!divert && ad->saved_linkdown6 >= 0) {
		if (READ_ONCE(*val) == 1)
			WRITE_ONCE(*val, ad->saved_linkdown6);
		ad->saved_linkdown6 = -1;
	} else {
		return;
	}
	rt_genid_bump_ipv6(dev_net(ad->dev));	/* cached routes */
}

/**
 * afo_egress_divert - send traffic from @ad's addresses through others
 * @ad:     the adapter
 * @divert: whether another adapter answers for its addresses
 *
 * While another adapter answers for this one's addresses, traffic from
 * them must leave through that adapter too. Linux keeps using a route over
 * an adapter without carrier unless ignore_routes_with_linkdown is set on
 * it, so set it (IPv4 and IPv6) for the duration of the takeover and put
 * back what the administrator had.
 */
void afo_egress_divert(struct afo_adapter *ad, bool divert)
{
	struct in_device *in_dev = __in_dev_get_rtnl(ad->dev);
	const int attr = IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN;

	afo_egress_divert6(ad, divert);
	if (!in_dev)
		return;
	if (divert && ad->saved_linkdown < 0) {
		ad->saved_linkdown = ipv4_devconf_get(in_dev, attr);
		afo_linkdown_write(in_dev, 1);
		rt_genid_bump_ipv4(dev_net(ad->dev));	/* cached routes */
	} else if (!divert && ad->saved_linkdown >= 0) {
		if (ipv4_devconf_get(in_dev, attr) == 1)
			afo_linkdown_write(in_dev, ad->saved_linkdown);
		ad->saved_linkdown = -1;
		rt_genid_bump_ipv4(dev_net(ad->dev));	/* cached routes */
	}
}

static const char *afo_ifname(struct afo_net *an, int ifindex)
{
	struct afo_adapter *ad = ifindex ? afo_adapter_find(an, ifindex) : NULL;

	return ad ? ad->dev->name : "none";
}

/* Who answers for @ad's addresses changed from @old to @new. */
static void afo_report_responder(struct afo_adapter *ad, int old, int new)
{
	struct afo_net *an = ad->an;
	int self = ad->core.ifindex;

	trace_arp_failover_responder(ad->dev, old, new);
	afo_notify(ad->dev, ARPFO_EVENT_RESPONDER, old, new);
	if (new == self && old && old != self) {
		atomic_long_inc(&ad->stats.reclaims);
		if (net_ratelimit())
			afo_info(ad->dev, "reclaim: answers for its addresses again (was %s)\n",
				 afo_ifname(an, old));
	} else if (new && new != self) {
		if (old == self || !old)
			atomic_long_inc(&ad->stats.takeovers);
		if (net_ratelimit())
			afo_info(ad->dev, "takeover: %s answers for its %u addresses (was %s)\n",
				 afo_ifname(an, new), ad->naddrs,
				 afo_ifname(an, old));
	} else if (!new && old && net_ratelimit()) {
		afo_warn(ad->dev, "no adapter on its network can answer: the kernel's own ARP answers for its addresses\n");
	}
}

static void afo_report_pnet(struct afo_adapter *ad, u32 old, u32 new)
{
	trace_arp_failover_pnet(ad->dev, old, new);
	afo_notify(ad->dev, ARPFO_EVENT_PNET, old, new);
	if (net_ratelimit())
		afo_info(ad->dev, "pnet %u -> %u (%u adapters on it)\n",
			 old, new, afo_pnet_size(&ad->an->core, new));
}

static void afo_report_vipa_duty(struct afo_adapter *ad, bool duty)
{
	struct afo_net *an = ad->an;

	trace_arp_failover_vipa_duty(ad->dev, !duty, duty);
	afo_notify(ad->dev, ARPFO_EVENT_VIPA_DUTY, !duty, duty);
	if (duty && an->nvipas && net_ratelimit())
		afo_info(ad->dev, "answers for the %u VIPAs on pnet %u\n",
			 an->nvipas, ad->core.pnet);
}

static const char *const afo_judged_log[] = {
	[AFO_JUDGED_OK] = "path works again",
	[AFO_JUDGED_SILENT] =
		"path judged silent: carrier up, hears no sibling and no sibling hears it",
	[AFO_JUDGED_TARGET] =
		"path judged lost: hears no sibling and its target does not answer while a sibling's does",
};

static void afo_report_judged(struct afo_adapter *ad, u8 old, u8 new)
{
	trace_arp_failover_judged(ad->dev, old, new);
	afo_notify(ad->dev, ARPFO_EVENT_JUDGED, afo_judged_uapi(old),
		   afo_judged_uapi(new));
	if (net_ratelimit())
		afo_info(ad->dev, "%s\n", afo_judged_log[new]);
}

/* Why a sibling answers for @ad, as its judgement and in words. */
static u32 afo_answered_why(const struct afo_adapter *ad, const char **why)
{
	const struct afo_core_adapter *a = &ad->core;

	if (!netif_running(ad->dev)) {
		*why = "adapter down";
		return ARPFO_JUDGED_NO_CARRIER;
	}
	if (!a->carrier) {
		*why = "carrier lost";
		return ARPFO_JUDGED_NO_CARRIER;
	}
	if (a->judged == AFO_JUDGED_SILENT)
		*why = "path judged silent";
	else if (a->judged == AFO_JUDGED_TARGET)
		*why = "target lost";
	else
		*why = "carrier back, reclaim delay running";
	return afo_judged_uapi(a->judged);
}

/*
 * Who took an address away while a sibling stood in: a network manager
 * that deconfigures an adapter on carrier loss, or the kernel, which
 * flushes the IPv6 addresses of an adapter set down.
 */
static const char *afo_addr_lost_cause(const struct afo_adapter *ad,
				       const struct afo_addr *addr)
{
	/* [true]: the kernel flushed it. Each whole, so that grep finds it. */
	static const char *const cause[] = {
		"a network manager deconfigured it?",
		"the kernel flushes a down adapter's IPv6 addresses without keep_addr_on_down;",
	};

	return cause[addr->v6 && !netif_running(ad->dev)];
}

/**
 * afo_report_addr_lost - @addr left @ad while a sibling answered for it
 * @ad:   the adapter, whose responder is a sibling
 * @addr: the address, still in its tables
 *
 * The takeover cannot hold for that address: whoever asks for it gets no
 * answer. Traced, sent as an event and counted each time; said in the log
 * once until @ad is healthy again (afo_addrs_lost_clear()), so that a
 * manager removing a hundred addresses writes one line.
 */
void afo_report_addr_lost(struct afo_adapter *ad, const struct afo_addr *addr)
{
	struct afo_event_info ev = {
		.type = ARPFO_EVENT_ADDR_LOST, .new = ad->core.responder,
		.ip = addr->ip, .ip6 = addr->v6 ? &addr->ip6 : NULL,
	};
	char buf[AFO_ADDR_STRLEN];
	const char *why;

	ASSERT_RTNL();
	ev.old = afo_answered_why(ad, &why);
	trace_arp_failover_addr_lost(ad->dev, ad->core.responder, addr->v6,
				     addr->ip, &addr->ip6);
	afo_event(ad->dev, &ev, GFP_KERNEL);
	atomic_long_inc(&ad->stats.addrs_lost);
	ad->addrs_lost++;
	if (ad->addrs_lost_said || !net_ratelimit())
		return;
	ad->addrs_lost_said = true;
	afo_warn(ad->dev, "%s removed while %s answers for it (%s): %s see \"Network managers\" in the admin guide\n",
		 afo_addr_str(addr, buf),
		 afo_ifname(ad->an, ad->core.responder), why,
		 afo_addr_lost_cause(ad, addr));
}

/*
 * @ad is healthy again: a later loss is news. Held without an address
 * (membership.c), it is let go now, once the step is over.
 */
static void afo_addrs_lost_clear(struct afo_adapter *ad)
{
	if (!ad->addrs_lost)
		return;
	ad->addrs_lost = 0;
	ad->addrs_lost_said = false;
	if (!ad->naddrs)
		queue_work(afo_wq, &ad->an->resync);
}

/**
 * afo_report - report one applied action
 * @ad:     the adapter it concerns
 * @action: one bit of enum afo_action
 */
static void afo_report(struct afo_adapter *ad, unsigned int action)
{
	const struct afo_core_adapter *a = &ad->core;

	switch (action) {
	case AFO_DO_CARRIER:
		trace_arp_failover_carrier(ad->dev, a->carrier);
		afo_notify(ad->dev, ARPFO_EVENT_CARRIER, !a->carrier,
			   a->carrier);
		break;
	case AFO_DO_HEALTHY:
		afo_notify(ad->dev, ARPFO_EVENT_HEALTHY, !a->healthy,
			   a->healthy);
		if (a->healthy)
			afo_addrs_lost_clear(ad);
		break;
	case AFO_DO_PNET:
		afo_report_pnet(ad, a->old_pnet, a->pnet);
		break;
	case AFO_DO_RESPONDER:
		afo_report_responder(ad, a->old_responder, a->responder);
		break;
	case AFO_DO_VIPA_DUTY:
		afo_report_vipa_duty(ad, a->vipa_duty);
		break;
	case AFO_DO_JUDGED:
		afo_report_judged(ad, a->old_judged, a->judged);
		break;
	}
}

/*
 * The hooks already see the new responder (the core stored it): move
 * egress and announce every address from it, IPv4 first: their first
 * announcements go at once, while those of IPv6 addresses wait for the
 * tick, which joins their groups on the responder as it goes
 * (afo_announce()). No responder: each address goes back to the
 * kernel's own ARP and ND.
 */
static void afo_apply_responder(struct afo_adapter *ad, struct afo_step *s)
{
	int responder = ad->core.responder;
	struct afo_adapter *by;
	struct afo_addr *addr;
	unsigned int n = 0;
	int v6;

	afo_egress_divert(ad, responder && responder != ad->core.ifindex);
	by = responder ? afo_adapter_find(ad->an, responder) : NULL;
	for (v6 = 0; v6 <= 1; v6++) {
		list_for_each_entry(addr, &ad->addrs, port_node) {
			if (addr->v6 != v6)
				continue;
			afo_announce(by, addr, s);
			/* Let the stack drain what we queued. */
			if (!(++n % 64))
				cond_resched();
		}
	}
}

static void afo_apply_vipa_duty(struct afo_adapter *ad, struct afo_step *s)
{
	afo_nd_vipa_groups(ad, ad->core.vipa_duty);
	if (ad->core.vipa_duty) {
		afo_announce_vipas(ad, s);
		return;
	}
	afo_train_stop(&ad->vipa_train);
	ad->vipa_round = false;
	if (ad->vipas_registered)
		afo_offload_vipas(ad, false);
}

/* Do and report what the core decided for @ad. */
static void afo_apply_one(struct afo_adapter *ad, unsigned int todo,
			  struct afo_step *s)
{
	static const unsigned int order[] = {
		AFO_DO_CARRIER, AFO_DO_JUDGED, AFO_DO_HEALTHY, AFO_DO_PNET,
		AFO_DO_RESPONDER, AFO_DO_VIPA_DUTY,
	};
	const struct afo_core_adapter *a = &ad->core;
	unsigned int i;

	/* Carrier back or another pnet: it has missed nothing there yet. */
	if ((todo & AFO_DO_CARRIER && a->carrier) || todo & AFO_DO_PNET)
		afo_live_fresh(ad);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		if (!(todo & order[i]))
			continue;
		if (order[i] == AFO_DO_RESPONDER)
			afo_apply_responder(ad, s);
		else if (order[i] == AFO_DO_VIPA_DUTY)
			afo_apply_vipa_duty(ad, s);
		afo_report(ad, order[i]);
	}
	if (todo & (AFO_DO_RESPONDER | AFO_DO_JUDGED | AFO_DO_CARRIER))
		afo_egress_silent(ad, a->judged && a->responder &&
				  a->responder != a->ifindex);
	if ((todo & AFO_DO_PROBE) && ad->core.probing && !afo_probe_send(ad))
		afo_core_probe_unsent(&ad->core);
}

/**
 * afo_step_begin - open a decision at the current time
 * @an: the namespace
 * @s:  the step
 * @p:  room for the parameters, which must outlive @s
 */
void afo_step_begin(struct afo_net *an, struct afo_step *s,
		    struct afo_core_params *p)
{
	ASSERT_RTNL();
	/* Whatever the step changes, the next liveness round judges it. */
	afo_live_plan_drop(an);
	afo_core_params_now(p);
	afo_step_init(s, jiffies, p);
}

/**
 * afo_apply - apply and report every action of a step
 * @an: the namespace
 * @s:  the step; empty afterwards, its deadline kept
 */
void afo_apply(struct afo_net *an, struct afo_step *s)
{
	struct afo_core_adapter *a;

	ASSERT_RTNL();
	while ((a = afo_step_pop(s))) {
		unsigned int todo = a->todo;

		a->todo = 0;
		afo_apply_one(afo_adapter_of(a), todo, s);
	}
}

/**
 * afo_step_commit - afo_apply(), then wake the tick for the step's deadline
 * @an: the namespace
 * @s:  the step
 */
void afo_step_commit(struct afo_net *an, struct afo_step *s)
{
	afo_apply(an, s);
	afo_live_deadline(an, s);
	if (s->next_set)
		afo_tick_arm(an, s->next);
}
