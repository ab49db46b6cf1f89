// SPDX-License-Identifier: GPL-2.0-only
/*
 * Netdev and inetaddr notifiers: every event about adapters and addresses,
 * in every namespace, turned into a call into adapters.c. All run under RTNL.
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "addrs6.h"
#include "adapter.h"
#include "membership.h"
#include "netns.h"
#include "notify.h"

/* Set under RTNL when the module starts unloading: events are ignored. */
static bool afo_unloading;

/* Whether the module is unloading (read from any context). */
bool afo_unloading_now(void)
{
	return READ_ONCE(afo_unloading);
}

/*
 * A namespace's devices synced again once the notifier that released an
 * adapter has returned (afo_dev_release_pending()): one pass, on a rare
 * event.
 */
static void afo_resync_work(struct work_struct *work)
{
	struct afo_net *an = container_of(work, struct afo_net, resync);
	struct net_device *dev;

	rtnl_lock();
	if (!an->dying && !afo_unloading) {
		for_each_netdev(an->net, dev)
			afo_sync_dev(dev);
	}
	rtnl_unlock();
}

void afo_resync_init(struct afo_net *an)
{
	INIT_WORK(&an->resync, afo_resync_work);
}

/* Caller has set an->dying under RTNL and must not hold RTNL here. */
void afo_resync_stop(struct afo_net *an)
{
	cancel_work_sync(&an->resync);
}

/*
 * An enslaved adapter was released: look at it again when its master is
 * done.
 */
static void afo_upper_changed(struct net_device *dev)
{
	struct afo_net *an = afo_net(dev_net(dev));

	afo_sync_dev(dev);
	if (!an->dying && !afo_adapter_find(an, dev->ifindex) &&
	    afo_dev_release_pending(dev))
		queue_work(afo_wq, &an->resync);
}

static int afo_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (afo_unloading)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UP:
		afo_dev_changed(dev);
		afo_nd_dev_changed(dev);
		break;
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		afo_dev_changed(dev);
		break;
	case NETDEV_CHANGEMTU:
		/* After addrconf's notifier, which may have rebuilt IPv6. */
		afo_nd_dev_changed(dev);
		break;
	case NETDEV_CHANGEADDR:
		afo_dev_mac_changed(dev);
		break;
	case NETDEV_UNREGISTER:
		afo_dev_gone(dev);
		break;
	case NETDEV_REGISTER:
	case NETDEV_CHANGENAME:
		afo_sync_dev(dev);
		break;
	case NETDEV_CHANGEUPPER:
		afo_upper_changed(dev);
		break;
	}
	return NOTIFY_DONE;
}

static int afo_inetaddr_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct in_ifaddr *ifa = ptr;

	if (afo_unloading)
		return NOTIFY_DONE;
	/* The event names the address: act on that one alone. */
	if (event == NETDEV_UP)
		afo_addr_added(ifa->ifa_dev->dev, ifa->ifa_local);
	else if (event == NETDEV_DOWN)
		afo_addr_removed(ifa->ifa_dev->dev, ifa->ifa_local);
	return NOTIFY_DONE;
}

static struct notifier_block afo_netdev_nb = {
	.notifier_call = afo_netdev_event,
};

static struct notifier_block afo_inetaddr_nb = {
	.notifier_call = afo_inetaddr_event,
};

/* Registering replays REGISTER and UP for every existing device. */
int afo_notifiers_register(void)
{
	int err;

	err = register_inetaddr_notifier(&afo_inetaddr_nb);
	if (err)
		return err;
	err = afo_ip6_notifier_register();
	if (err)
		goto err_ip6;
	err = register_netdevice_notifier(&afo_netdev_nb);
	if (err)
		goto err_netdev;
	return 0;

err_netdev:
	afo_ip6_notifier_unregister();
err_ip6:
	unregister_inetaddr_notifier(&afo_inetaddr_nb);
	return err;
}

/*
 * Unregistering replays DOWN and UNREGISTER for every device; those are
 * not failures, so stop listening first, and release every adapter
 * quietly (putting back what we changed) before the notifiers go, so that
 * no device waits on our reference in between: in every namespace with
 * our state, those being dismantled too, whose unregistrations we no
 * longer hear.
 */
void afo_notifiers_unregister(void)
{
	rtnl_lock();
	WRITE_ONCE(afo_unloading, true);
	afo_release_everywhere();
	rtnl_unlock();
	unregister_netdevice_notifier(&afo_netdev_nb);
	afo_ip6_notifier_unregister();
	unregister_inetaddr_notifier(&afo_inetaddr_nb);
}
