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

#include "afo.h"
#include "params.h"

unsigned int afo_net_id __read_mostly;

static int __net_init afo_net_init(struct net *net)
{
	struct afo_net *an = afo_net(net);

	an->net = net;
	INIT_LIST_HEAD(&an->adapters);
	INIT_LIST_HEAD(&an->settings);
	INIT_LIST_HEAD(&an->vipas);
	hash_init(an->ports);
	hash_init(an->addrs);
	spin_lock_init(&an->heard_lock);
	get_random_bytes(&an->probe_key, sizeof(an->probe_key));
	afo_tick_init(an);
	return afo_hooks_register(net);
}

/*
 * The namespace's devices are gone by now (device exits run before
 * subsystem exits), so this only releases what a failed or racing
 * notifier left behind.
 */
static void __net_exit afo_net_exit(struct net *net)
{
	struct afo_net *an = afo_net(net);

	afo_hooks_unregister(net);
	rtnl_lock();
	an->dying = true;
	afo_release_all(an);
	afo_settings_free(an);
	rtnl_unlock();
	afo_tick_stop(an);
}

static struct pernet_operations afo_net_ops = {
	.init = afo_net_init,
	.exit = afo_net_exit,
	.id   = &afo_net_id,
	.size = sizeof(struct afo_net),
};

static int __init afo_init(void)
{
	int err;

	err = afo_netlink_register();
	if (err)
		return err;
	err = register_pernet_subsys(&afo_net_ops);
	if (err)
		goto err_pernet;
	err = afo_notifiers_register();
	if (err)
		goto err_notifiers;
	afo_params_start();

	pr_info("loaded, version %s\n", AFO_VERSION);
	return 0;

err_notifiers:
	unregister_pernet_subsys(&afo_net_ops);
err_pernet:
	afo_netlink_unregister();
	rcu_barrier();
	return err;
}

static void __exit afo_exit(void)
{
	afo_params_stop();
	afo_notifiers_unregister();
	unregister_pernet_subsys(&afo_net_ops);
	afo_netlink_unregister();
	rcu_barrier();	/* ports and addresses are freed with kfree_rcu() */
	pr_info("unloaded\n");
}

module_init(afo_init);
module_exit(afo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The arp_failover developers");
MODULE_DESCRIPTION("Single, consistent ARP replies and failover between independent adapters");
MODULE_VERSION(AFO_VERSION);
