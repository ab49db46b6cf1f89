// SPDX-License-Identifier: GPL-2.0-only
/*
 * arp_failover: one consistent ARP answer per address on hosts with
 * several adapters on one segment, with failover between the adapters.
 *
 * Module entry and per-namespace state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "adapter.h"
#include "addrs6.h"
#include "announce.h"
#include "hook.h"
#include "live_frame.h"
#include "liveness.h"
#include "netlink.h"
#include "netns.h"
#include "notify.h"
#include "params.h"
#include "settings.h"
#include "tick.h"

unsigned int afo_net_id __read_mostly;

/*
 * A workqueue of the module's own rather than a system one: system_wq is
 * deprecated since 7.x (the kernel logs each use), and its successors
 * (system_percpu_wq, system_dfl_wq) are variables no older kernel has and
 * no macro announces. Every work here takes RTNL and may wait long for
 * it, with no reason to run on the CPU that queued it: unbound, as
 * system_dfl_wq would be. Its destruction at unload is a last check that
 * no work of the module is left queued. Nothing here runs in memory
 * reclaim, so no rescuer thread (WQ_MEM_RECLAIM).
 */
struct workqueue_struct *afo_wq __read_mostly;

/*
 * Every namespace with state of ours (afo_net.node), from the end of its
 * init to its exit, under RTNL. Not for_each_net(): a namespace leaves
 * that list as soon as its cleanup starts, while its devices, and our
 * references on them, are still there (see afo_release_everywhere()).
 */
static LIST_HEAD(afo_nets);

/**
 * afo_release_everywhere - stop managing every adapter of every namespace
 *
 * For the unload, once no event is taken any more (afo_unloading_now()):
 * in every namespace that has our state, dying ones included, every
 * reference the module holds on a device is let go here. A namespace
 * being dismantled is off the kernel's list from the start of its
 * cleanup, before its devices are unregistered: their notifications
 * would come too late (the module ignores them by then), and the cleanup
 * would wait for our references for good, with rmmod waiting on it.
 */
void afo_release_everywhere(void)
{
	struct afo_net *an;

	ASSERT_RTNL();
	list_for_each_entry(an, &afo_nets, node)
		afo_release_all(an);
}

/*
 * Undo afo_net_alloc(). Nothing of the namespace's can use @an any more:
 * its hooks went before the grace period that precedes exits, its works
 * are stopped, and it is on no list.
 */
static void afo_net_free(struct net *net, struct afo_net *an)
{
	*(struct afo_net **)net_generic(net, afo_net_id) = NULL;
	kvfree(an);
}

/*
 * The state of a new namespace, charged to the memory cgroup of the task
 * that creates it (an unprivileged user can create thousands; about
 * 11 kB each, struct afo_net with its hash tables).
 */
static struct afo_net *afo_net_alloc(struct net *net)
{
	struct afo_net *an = kvzalloc(sizeof(*an), GFP_KERNEL_ACCOUNT);

	*(struct afo_net **)net_generic(net, afo_net_id) = an;
	return an;
}

static int __net_init afo_net_init(struct net *net)
{
	struct afo_net *an = afo_net_alloc(net);
	int err;

	if (!an)
		return -ENOMEM;
	an->net = net;
	afo_core_init(&an->core);
	INIT_LIST_HEAD(&an->settings);
	INIT_LIST_HEAD(&an->vipas);
	INIT_LIST_HEAD(&an->garp_first);
	INIT_LIST_HEAD(&an->garp_queue);
	hash_init(an->by_ifindex);
	hash_init(an->by_mac);
	ida_init(&an->slots);
	get_random_bytes(&an->probe_key, sizeof(an->probe_key));
	an->probe_origin = get_random_u32();
	afo_tick_init(an);
	afo_live_init(an);
	afo_resync_init(an);
	afo_ip6_net_init(an);
	err = afo_announce_net_init(an);
	if (err)
		goto err_announce;
	err = afo_hooks_register(net);
	if (err)
		goto err_hooks;
	rtnl_lock();
	list_add(&an->node, &afo_nets);
	rtnl_unlock();
	return 0;

err_hooks:
	afo_announce_net_exit(an);
err_announce:
	ida_destroy(&an->slots);
	afo_net_free(net, an);
	return err;
}

/*
 * The hooks go first: the core waits for an RCU grace period between
 * every namespace's pre_exit and exit, so no hook still runs on the
 * state that afo_net_exit() frees (netfilter only frees its hook table
 * after a grace period, and a hook may be running until then).
 */
static void __net_exit afo_net_pre_exit(struct net *net)
{
	afo_hooks_unregister(net);
}

/*
 * The namespace's devices are gone by now (device exits run before
 * subsystem exits), so this only releases what a failed or racing
 * notifier left behind.
 */
static void __net_exit afo_net_exit(struct net *net)
{
	struct afo_net *an = afo_net(net);

	rtnl_lock();
	list_del(&an->node);
	WRITE_ONCE(an->dying, true);	/* read by the liveness work */
	afo_release_all(an);
	afo_live_plan_drop(an);
	afo_settings_free(an);
	rtnl_unlock();
	afo_tick_stop(an);
	afo_live_stop(an);
	afo_resync_stop(an);
	afo_ip6_net_stop(an);
	afo_announce_net_exit(an);
	ida_destroy(&an->slots);
	/* empty: every address was unhashed under RTNL above */
	kvfree(rcu_dereference_protected(an->addrs, true));
	afo_net_free(net, an);
}

static struct pernet_operations afo_net_ops = {
	.init = afo_net_init,
	.pre_exit = afo_net_pre_exit,
	.exit = afo_net_exit,
	.id   = &afo_net_id,
	.size = sizeof(struct afo_net *),	/* afo_net_alloc() */
};

/*
 * The netlink family is the way in for userspace, so it comes last, when
 * every namespace has its state, and goes first: no dump or set can reach
 * a namespace's state while it is being built or freed, and no set can
 * bring back an adapter after the notifiers released them all.
 */
static int __init afo_init(void)
{
	int err;

	afo_wq = alloc_workqueue("arp_failover", WQ_UNBOUND, 0);
	if (!afo_wq)
		return -ENOMEM;
	err = register_pernet_subsys(&afo_net_ops);
	if (err)
		goto err_pernet;
	err = afo_notifiers_register();
	if (err)
		goto err_notifiers;
	afo_params_start();
	afo_live_frame_start();
	err = afo_netlink_register();
	if (err)
		goto err_netlink;

	pr_info("loaded, version %s\n", AFO_VERSION);
	return 0;

err_netlink:
	afo_live_frame_stop();
	afo_params_stop();
	afo_notifiers_unregister();
err_notifiers:
	unregister_pernet_subsys(&afo_net_ops);
	rcu_barrier();
err_pernet:
	destroy_workqueue(afo_wq);
	return err;
}

static void __exit afo_exit(void)
{
	afo_netlink_unregister();
	afo_live_frame_stop();
	afo_params_stop();
	afo_notifiers_unregister();
	unregister_pernet_subsys(&afo_net_ops);
	/* adapters, addresses, rounds are freed with kfree_rcu() */
	rcu_barrier();
	destroy_workqueue(afo_wq);
	pr_info("unloaded\n");
}

module_init(afo_init);
module_exit(afo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The arp_failover developers");
MODULE_DESCRIPTION("Single, consistent ARP replies and failover between independent adapters");
MODULE_VERSION(AFO_VERSION);
