// SPDX-License-Identifier: GPL-2.0-only
/*
 * afo_offload_test: a software model of an offload adapter (an adapter
 * that answers ARP in its firmware, like an OSA card under s390 qeth
 * layer 3), for the end-to-end tests of arp_failover's offload path.
 *
 * Each adapter is a pair of net_devices, much like a veth pair:
 *
 *   afooN  the host side: Ethernet with IFF_NOARP, registered with
 *          arp_failover through struct afo_offload_ops; the host stack
 *          never resolves addresses on it.
 *   afowN  the wire side: what the adapter's port is plugged into; the
 *          tests make it a bridge port in a "switch" namespace.
 *
 * Between the two sits the "firmware": it answers ARP requests from the
 * wire for the addresses registered with it, announces an address when
 * it is registered, learns ip -> mac from every ARP frame it receives,
 * and resolves the next hop of the host's IPv4 packets from what it has
 * learned (asking the wire, and dropping the packet, when it does not
 * know it yet). Nothing of this ever goes through the host's ARP code, so
 * a test passing over this adapter shows that arp_failover drove it only
 * through the offload ops.
 *
 * The state of each pair is in /sys/kernel/debug/afo_offload_test/pairN
 * so that tests can check the registrations without going to the wire.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <net/arp.h>
#include <net/arp_failover.h>
#include <net/route.h>

#include "compat.h"

#define AFOT_MAX_PAIRS	16
#define AFOT_MAX_ADDRS	32
#define AFOT_CACHE_SIZE	64

static unsigned int pairs = 2;
module_param(pairs, uint, 0444);
MODULE_PARM_DESC(pairs, "Number of adapters (host/wire device pairs) to create (1-16, default 2)");

/**
 * struct afot_neigh - an entry of the firmware's ARP cache
 * @ip:   the sender address; 0 for a free entry (never learned)
 * @mac:  the sender hardware address that came with it
 * @seen: jiffies when it was last received
 */
struct afot_neigh {
	__be32 ip;
	u8 mac[ETH_ALEN];
	unsigned long seen;
};

/**
 * struct afot_pair - one adapter: its two devices and its firmware state
 * @host:     the host side (afooN), registered with arp_failover
 * @wire:     the wire side (afowN)
 * @index:    N, the position in afot_pairs and the debugfs file name
 * @lock:     guards @addrs, @nr_addrs and @cache; taken with BH off
 *            because the transmit paths of both sides use them
 * @nr_addrs: how many of @addrs are in use
 * @addrs:    the registered addresses, in the order of registration
 * @cache:    what the firmware learned from ARP frames on the wire
 *
 * @host and @wire are set before the devices are registered and stay
 * until the module exits: nobody else can delete the devices (they have
 * no rtnl_link_ops), and a namespace going away hands them back to
 * init_net. So the data paths use them without references.
 */
struct afot_pair {
	struct net_device *host;
	struct net_device *wire;
	unsigned int index;
	spinlock_t lock;	/* BH-safe: both transmit paths take it */
	unsigned int nr_addrs;
	__be32 addrs[AFOT_MAX_ADDRS];
	struct afot_neigh cache[AFOT_CACHE_SIZE];
};

/**
 * struct afot_priv - what both devices of a pair carry
 * @pair: the pair; the tests rename devices and move them between
 *        namespaces, so a device finds its pair only through here
 */
struct afot_priv {
	struct afot_pair *pair;
};

/*
 * The payload of an Ethernet/IPv4 ARP frame. Packed because the IPv4
 * addresses sit at offsets 14 and 24, so they are not 32-bit aligned.
 */
struct afot_arp {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

static struct afot_pair afot_pairs[AFOT_MAX_PAIRS];
/* Pairs fully set up, the ones module exit tears down. */
static unsigned int afot_nr_pairs;
static struct dentry *afot_debugfs;

static struct afot_pair *afot_pair_of(const struct net_device *dev)
{
	const struct afot_priv *priv = netdev_priv(dev);

	return priv->pair;
}

static struct net_device *afot_peer(const struct net_device *dev)
{
	struct afot_pair *pair = afot_pair_of(dev);

	return dev == pair->host ? pair->wire : pair->host;
}

/* Caller holds pair->lock. */
static bool afot_registered(const struct afot_pair *pair, __be32 ip)
{
	unsigned int i;

	for (i = 0; i < pair->nr_addrs; i++)
		if (pair->addrs[i] == ip)
			return true;
	return false;
}

/* Caller holds pair->lock. */
static struct afot_neigh *afot_cache_find(struct afot_pair *pair, __be32 ip)
{
	unsigned int i;

	for (i = 0; i < AFOT_CACHE_SIZE; i++)
		if (pair->cache[i].ip == ip)
			return &pair->cache[i];
	return NULL;
}

/*
 * Whether @e makes a better slot for a new address than @victim: a free
 * entry first, then the one not heard from for the longest time, so that
 * a full cache forgets the neighbours that have gone quiet.
 */
static bool afot_cache_better_victim(const struct afot_neigh *e,
				     const struct afot_neigh *victim)
{
	if (!victim->ip)
		return false;
	if (!e->ip)
		return true;
	return time_before(e->seen, victim->seen);
}

static void afot_cache_learn(struct afot_pair *pair, __be32 ip, const u8 *mac)
{
	struct afot_neigh *e, *victim;
	unsigned int i;

	spin_lock_bh(&pair->lock);
	victim = afot_cache_find(pair, ip);
	if (!victim) {
		victim = &pair->cache[0];
		for (i = 1; i < AFOT_CACHE_SIZE; i++) {
			e = &pair->cache[i];
			if (afot_cache_better_victim(e, victim))
				victim = e;
		}
	}
	victim->ip = ip;
	ether_addr_copy(victim->mac, mac);
	victim->seen = jiffies;
	spin_unlock_bh(&pair->lock);
}

static bool afot_cache_lookup(struct afot_pair *pair, __be32 ip, u8 *mac,
			      unsigned long *seen)
{
	struct afot_neigh *e;

	spin_lock_bh(&pair->lock);
	e = afot_cache_find(pair, ip);
	if (e) {
		/* @mac is the caller's, maybe unaligned */
		memcpy(mac, e->mac, ETH_ALEN);
		*seen = e->seen;
	}
	spin_unlock_bh(&pair->lock);
	return e;
}

/*
 * Hands @skb (data at the Ethernet header) to @to's receive path, as
 * veth does: __dev_forward_skb() drops it when @to is down or the frame
 * is too long, and scrubs it when it crosses namespaces (skb->dev is the
 * device it comes from). netif_rx() because the firmware also sends from
 * process context (add_addr), where BH must be disabled around the
 * backlog.
 */
static void afot_deliver(struct net_device *to, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	if (__dev_forward_skb(to, skb))
		return;		/* freed and counted as rx_dropped */
	if (netif_rx(skb) == NET_RX_SUCCESS)
		dev_sw_netstats_rx_add(to, len);
}

/*
 * Sends an ARP frame made by the firmware out of the adapter's port, i.e.
 * into the wire side's receive path, where the bridge takes it. Only with
 * carrier (both sides up): a port without link sends nothing. The source
 * MAC is the host side's, the one the adapter answers with.
 */
static void afot_fw_send_arp(struct afot_pair *pair, int type, __be32 dest_ip,
			     __be32 src_ip, const u8 *dest_hw,
			     const u8 *target_hw)
{
	struct net_device *wire = pair->wire;
	struct sk_buff *skb;

	if (!netif_carrier_ok(wire))
		return;
	skb = arp_create(type, ETH_P_ARP, dest_ip, wire, src_ip, dest_hw,
			 pair->host->dev_addr, target_hw);
	/* Hardware pads short frames to the Ethernet minimum; so do we. */
	if (!skb || skb_put_padto(skb, ETH_ZLEN)) {
		dev_core_stats_rx_dropped_inc(wire);
		return;
	}
	afot_deliver(wire, skb);
}

/*
 * The firmware's share of an ARP frame from the wire: learn the sender,
 * answer a request for a registered address. Consumes @skb and returns
 * true, or returns false, leaving @skb to the caller to drop, when it is
 * not a well-formed Ethernet/IPv4 ARP request or reply.
 */
static bool afot_wire_arp(struct afot_pair *pair, struct sk_buff *skb)
{
	const struct afot_arp *arp;
	u8 sha[ETH_ALEN] __aligned(2);
	__be32 sip, tip;
	bool answer;
	__be16 op;

	if (!pskb_may_pull(skb, ETH_HLEN + sizeof(*arp)))
		return false;
	arp = (const struct afot_arp *)(skb->data + ETH_HLEN);
	op = arp->hdr.ar_op;
	if (arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4 ||
	    (op != htons(ARPOP_REQUEST) && op != htons(ARPOP_REPLY)))
		return false;
	memcpy(sha, arp->sha, ETH_ALEN);	/* not 16-bit aligned */
	sip = arp->sip;
	tip = arp->tip;
	consume_skb(skb);

	/* 0.0.0.0 is a probe (RFC 5227): it binds no address to @sha. */
	if (sip && is_valid_ether_addr(sha))
		afot_cache_learn(pair, sip, sha);

	if (op != htons(ARPOP_REQUEST))
		return true;
	spin_lock_bh(&pair->lock);
	answer = afot_registered(pair, tip);
	spin_unlock_bh(&pair->lock);
	/* As Linux answers: to the requester's hardware address. */
	if (answer)
		afot_fw_send_arp(pair, ARPOP_REPLY, sip, tip, sha, sha);
	return true;
}

/*
 * Frames the bridge sends towards the adapter. The adapter's MAC filter
 * passes what is addressed to the host side's MAC, broadcast or
 * multicast; ARP goes to the firmware, never to the host (which is
 * IFF_NOARP and does not expect any), the rest to the host side.
 */
static netdev_tx_t afot_wire_xmit(struct sk_buff *skb, struct net_device *wire)
{
	struct afot_pair *pair = afot_pair_of(wire);
	struct net_device *host = pair->host;
	unsigned int len = skb->len;
	const struct ethhdr *eth;

	if (!pskb_may_pull(skb, ETH_HLEN))
		goto drop;
	eth = (const struct ethhdr *)skb->data;
	if (!is_multicast_ether_addr(eth->h_dest) &&
	    !ether_addr_equal(eth->h_dest, host->dev_addr)) {
		/* On the wire, but not for this adapter. */
		dev_sw_netstats_tx_add(wire, 1, len);
		consume_skb(skb);
		return NETDEV_TX_OK;
	}
	if (eth->h_proto == htons(ETH_P_ARP)) {
		if (!afot_wire_arp(pair, skb))
			goto drop;
		dev_sw_netstats_tx_add(wire, 1, len);
		return NETDEV_TX_OK;
	}
	dev_sw_netstats_tx_add(wire, 1, len);
	afot_deliver(host, skb);
	return NETDEV_TX_OK;

drop:
	dev_core_stats_tx_dropped_inc(wire);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

/*
 * The address whose MAC the frame must go to: the gateway when the route
 * has one, else the destination itself, as the stack would resolve it
 * for a device that does ARP (and as qeth layer 3 does). Without an IPv4
 * route (e.g. from a packet socket), the destination.
 */
static __be32 afot_next_hop(const struct sk_buff *skb, __be32 daddr)
{
	const struct dst_entry *dst = skb_dst(skb);

	if (!dst || dst->ops->family != AF_INET)
		return daddr;
	return rt_nexthop((const struct rtable *)dst, daddr);
}

/* A broadcast the stack addressed to our own MAC (IFF_NOARP does that). */
static bool afot_ipv4_broadcast(const struct sk_buff *skb, __be32 daddr)
{
	const struct dst_entry *dst = skb_dst(skb);

	if (ipv4_is_lbcast(daddr))
		return true;
	return dst && dst->ops->family == AF_INET &&
	       ((const struct rtable *)dst)->rt_type == RTN_BROADCAST;
}

/*
 * Frames the host stack sends. The host side is IFF_NOARP, so the stack
 * put the device's own MAC as destination of every unicast; the firmware
 * resolves the next hop of IPv4 packets from its cache. On a miss it asks
 * the wire and drops the packet: the stack retransmits, and by then the
 * reply has been learned. Other unicast (IPv6, ...) cannot be resolved
 * by an IPv4 adapter and is dropped.
 */
static netdev_tx_t afot_host_xmit(struct sk_buff *skb, struct net_device *host)
{
	struct afot_pair *pair = afot_pair_of(host);
	unsigned int len = skb->len;
	const struct iphdr *iph;
	u8 mac[ETH_ALEN] __aligned(2);
	unsigned long seen;
	__be32 saddr, nh;
	struct ethhdr *eth;

	if (!pskb_may_pull(skb, ETH_HLEN))
		goto drop;
	eth = (struct ethhdr *)skb->data;
	if (is_multicast_ether_addr(eth->h_dest))
		goto send;
	if (eth->h_proto != htons(ETH_P_IP) ||
	    !pskb_may_pull(skb, ETH_HLEN + sizeof(*iph)))
		goto drop;
	iph = (const struct iphdr *)(skb->data + ETH_HLEN);
	if (iph->version != 4 || iph->ihl < 5)
		goto drop;

	if (afot_ipv4_broadcast(skb, iph->daddr)) {
		eth_broadcast_addr(mac);
	} else {
		nh = afot_next_hop(skb, iph->daddr);
		if (!afot_cache_lookup(pair, nh, mac, &seen)) {
			saddr = iph->saddr;
			dev_core_stats_tx_dropped_inc(host);
			kfree_skb(skb);
			afot_fw_send_arp(pair, ARPOP_REQUEST, nh, saddr, NULL,
					 NULL);
			return NETDEV_TX_OK;
		}
	}
	/* The header may be shared with a clone (TCP keeps one). */
	if (skb_ensure_writable(skb, ETH_HLEN))
		goto drop;
	eth = (struct ethhdr *)skb->data;
	ether_addr_copy(eth->h_dest, mac);
	ether_addr_copy(eth->h_source, host->dev_addr);
send:
	dev_sw_netstats_tx_add(host, 1, len);
	afot_deliver(pair->wire, skb);
	return NETDEV_TX_OK;

drop:
	dev_core_stats_tx_dropped_inc(host);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

/*
 * Carrier as on veth: the link is up when both ends are. Called under
 * RTNL, which also keeps the peer's flags stable.
 */
static int afot_open(struct net_device *dev)
{
	struct net_device *peer = afot_peer(dev);

	if (peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(peer);
	}
	return 0;
}

static int afot_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
	netif_carrier_off(afot_peer(dev));
	return 0;
}

static const struct net_device_ops afot_host_ops = {
	.ndo_open		= afot_open,
	.ndo_stop		= afot_stop,
	.ndo_start_xmit		= afot_host_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static const struct net_device_ops afot_wire_ops = {
	.ndo_open		= afot_open,
	.ndo_stop		= afot_stop,
	.ndo_start_xmit		= afot_wire_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void afot_setup(struct net_device *dev)
{
	ether_setup(dev);
	/*
	 * As on veth: the frame we are given is handed on to the other side,
	 * so it must not be shared (pktgen), there is no queue to manage,
	 * and the transmit paths need no lock of the core (theirs is
	 * pair->lock).
	 */
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	afo_netdev_set_lltx(dev);
	/*
	 * The host side must never ARP: that is the firmware's job. The wire
	 * side belongs to the wire, not to the stack it sits in.
	 */
	dev->flags |= IFF_NOARP;
}

static void afot_host_setup(struct net_device *dev)
{
	afot_setup(dev);
	dev->netdev_ops = &afot_host_ops;
}

static void afot_wire_setup(struct net_device *dev)
{
	afot_setup(dev);
	dev->netdev_ops = &afot_wire_ops;
}

/*
 * The offload ops: called by arp_failover under RTNL, from process
 * context, so the lock is taken with BH off against the transmit paths,
 * and frames are sent only after it is released.
 */
static int afot_add_addr(struct net_device *dev, __be32 ip)
{
	struct afot_pair *pair = afot_pair_of(dev);
	int err = 0;

	/* No adapter accepts addresses it could not answer for. */
	if (ipv4_is_zeronet(ip) || ipv4_is_multicast(ip) || ipv4_is_lbcast(ip))
		return -EINVAL;
	spin_lock_bh(&pair->lock);
	if (!afot_registered(pair, ip)) {
		if (pair->nr_addrs < AFOT_MAX_ADDRS)
			pair->addrs[pair->nr_addrs++] = ip;
		else
			err = -ENOSPC;
	}
	spin_unlock_bh(&pair->lock);
	/* Also when already registered: the ops promise a new announcement. */
	if (!err)
		afot_fw_send_arp(pair, ARPOP_REQUEST, ip, ip, NULL, NULL);
	return err;
}

static void afot_del_addr(struct net_device *dev, __be32 ip)
{
	struct afot_pair *pair = afot_pair_of(dev);
	unsigned int i;

	spin_lock_bh(&pair->lock);
	for (i = 0; i < pair->nr_addrs; i++) {
		if (pair->addrs[i] != ip)
			continue;
		/* Shift, not swap: debugfs lists them in registration order. */
		pair->nr_addrs--;
		memmove(&pair->addrs[i], &pair->addrs[i + 1],
			(pair->nr_addrs - i) * sizeof(pair->addrs[0]));
		break;
	}
	spin_unlock_bh(&pair->lock);
}

static int afot_query(struct net_device *dev, __be32 ip, u8 *mac,
		      unsigned long *seen)
{
	if (!afot_cache_lookup(afot_pair_of(dev), ip, mac, seen))
		return -ENOENT;
	return 0;
}

static const struct afo_offload_ops afot_offload_ops = {
	.add_addr	= afot_add_addr,
	.del_addr	= afot_del_addr,
	.query		= afot_query,
};

/*
 * RTNL keeps ifindex and MAC still while they are printed (both change
 * when a test moves or reconfigures a device); pair->lock the firmware
 * state. The ifindex is per namespace, so tests that moved devices into
 * different namespaces may see it twice: the MAC, or the device's
 * dev_port (the pair index), tells them apart.
 */
static int afot_pair_show(struct seq_file *m, void *v)
{
	struct afot_pair *pair = m->private;
	unsigned int i, n = 0;

	rtnl_lock();
	spin_lock_bh(&pair->lock);
	seq_puts(m, "registered:");
	for (i = 0; i < pair->nr_addrs; i++)
		seq_printf(m, " %pI4", &pair->addrs[i]);
	seq_putc(m, '\n');
	for (i = 0; i < AFOT_CACHE_SIZE; i++)
		if (pair->cache[i].ip)
			n++;
	spin_unlock_bh(&pair->lock);
	seq_printf(m, "cache: %u entries\n", n);
	seq_printf(m, "host: %d\n", pair->host->ifindex);
	seq_printf(m, "wire: %d\n", pair->wire->ifindex);
	seq_printf(m, "host_mac: %pM\n", pair->host->dev_addr);
	seq_printf(m, "wire_mac: %pM\n", pair->wire->dev_addr);
	rtnl_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(afot_pair);

static struct net_device *afot_alloc(struct afot_pair *pair, const char *name,
				     void (*setup)(struct net_device *))
{
	struct afot_priv *priv;
	struct net_device *dev;

	dev = alloc_netdev(sizeof(*priv), name, NET_NAME_ENUM, setup);
	if (!dev)
		return NULL;
	/*
	 * Allocated here rather than through pcpu_stat_type, which not every
	 * 6.1 kernel has; freed in afot_free() once nothing uses the device.
	 */
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats) {
		free_netdev(dev);
		return NULL;
	}
	priv = netdev_priv(dev);
	priv->pair = pair;
	/* A name-independent way for tests to find a device's pair. */
	dev->dev_port = pair->index;
	eth_hw_addr_random(dev);
	/* No link until both sides are up (afot_open()). */
	netif_carrier_off(dev);
	return dev;
}

/* After unregistration has completed (rtnl_unlock()), or instead of it. */
static void afot_free(struct net_device *dev)
{
	free_percpu(dev->tstats);
	free_netdev(dev);
}

static int afot_pair_create(struct afot_pair *pair, unsigned int index)
{
	struct net_device *host, *wire;
	char name[16];
	int err;

	spin_lock_init(&pair->lock);
	pair->index = index;
	host = afot_alloc(pair, "afoo%d", afot_host_setup);
	if (!host)
		return -ENOMEM;
	wire = afot_alloc(pair, "afow%d", afot_wire_setup);
	if (!wire) {
		afot_free(host);
		return -ENOMEM;
	}
	pair->host = host;
	pair->wire = wire;

	/*
	 * One RTNL section: nobody can open the host side before its peer is
	 * registered, or see it before arp_failover knows it is an offload
	 * adapter.
	 */
	rtnl_lock();
	err = register_netdevice(host);
	if (err)
		goto unlock;
	err = register_netdevice(wire);
	if (err)
		goto unregister_host;
	err = afo_offload_register(host, &afot_offload_ops);
	if (err)
		goto unregister_wire;
	rtnl_unlock();

	snprintf(name, sizeof(name), "pair%u", index);
	debugfs_create_file(name, 0444, afot_debugfs, pair, &afot_pair_fops);
	return 0;

unregister_wire:
	unregister_netdevice(wire);
unregister_host:
	unregister_netdevice(host);
unlock:
	rtnl_unlock();		/* completes the unregistrations */
	afot_free(wire);
	afot_free(host);
	pair->host = NULL;
	pair->wire = NULL;
	return err;
}

static void afot_destroy(void)
{
	LIST_HEAD(list);
	unsigned int i;

	/* First, so that no reader is left in afot_pair_show(). */
	debugfs_remove_recursive(afot_debugfs);

	/*
	 * All devices in one batch: they are all closed before any is
	 * released, so no transmit path still hands frames to a peer that
	 * is going away.
	 */
	rtnl_lock();
	for (i = 0; i < afot_nr_pairs; i++) {
		afo_offload_unregister(afot_pairs[i].host);
		unregister_netdevice_queue(afot_pairs[i].host, &list);
		unregister_netdevice_queue(afot_pairs[i].wire, &list);
	}
	unregister_netdevice_many(&list);
	rtnl_unlock();

	for (i = 0; i < afot_nr_pairs; i++) {
		afot_free(afot_pairs[i].wire);
		afot_free(afot_pairs[i].host);
	}
	afot_nr_pairs = 0;
}

static int __init afot_init(void)
{
	unsigned int i;
	int err;

	if (pairs < 1 || pairs > AFOT_MAX_PAIRS) {
		pr_err("pairs=%u is out of range 1-%d\n", pairs,
		       AFOT_MAX_PAIRS);
		return -EINVAL;
	}
	/* Failures are not checked, as debugfs asks; the tests will notice. */
	afot_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	for (i = 0; i < pairs; i++) {
		err = afot_pair_create(&afot_pairs[i], i);
		if (err) {
			afot_destroy();
			return err;
		}
		afot_nr_pairs++;
	}
	return 0;
}

static void __exit afot_exit(void)
{
	afot_destroy();
}

module_init(afot_init);
module_exit(afot_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The arp_failover developers");
MODULE_DESCRIPTION("Test driver: software offload adapters that answer ARP in \"firmware\" for arp_failover");
