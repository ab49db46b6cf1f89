// SPDX-License-Identifier: GPL-2.0-only
/*
 * arp_failover: one consistent ARP answer per address on hosts with
 * several adapters on one segment, with failover between the adapters.
 *
 * Module entry and per-namespace state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "afo.h"

unsigned int afo_net_id __read_mostly;

static int __net_init afo_net_init(struct net *net)
{
	struct afo_net *an = net_generic(net, afo_net_id);

	an->net = net;
	return 0;
}

static void __net_exit afo_net_exit(struct net *net)
{
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

	err = register_pernet_subsys(&afo_net_ops);
	if (err)
		return err;

	pr_info("loaded, version %s\n", AFO_VERSION);
	return 0;
}

static void __exit afo_exit(void)
{
	unregister_pernet_subsys(&afo_net_ops);
	pr_info("unloaded\n");
}

module_init(afo_init);
module_exit(afo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The arp_failover developers");
MODULE_DESCRIPTION("Single, consistent ARP replies and failover between independent adapters");
MODULE_VERSION(AFO_VERSION);
