// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module parameters. Numbers are checked against a range; name lists are
 * parsed and checked whole. A rejected write returns -EINVAL, logs why,
 * and leaves the old value in place. A change of which adapters are
 * managed, or of their priorities, is applied to every namespace by a
 * rescan.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/glob.h>
#include <linux/inet.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "adapter.h"
#include "core.h"
#include "netns.h"
#include "params.h"

/**
 * struct afo_uint_param - a bounded unsigned module parameter
 * @val: current value (READ_ONCE by users)
 * @min: smallest accepted value
 * @max: largest accepted value
 * @rescan: a change must reach every namespace's timers at once
 * @off:    0 is accepted too, below @min: it turns the feature off
 */
struct afo_uint_param {
	unsigned int val;
	unsigned int min;
	unsigned int max;
	bool rescan;
	bool off;
};

static void afo_request_rescan(void);

static int afo_uint_set(const char *buf, const struct kernel_param *kp)
{
	struct afo_uint_param *p = kp->arg;
	unsigned int v;

	if (kstrtouint(buf, 0, &v) || (v < p->min && !(p->off && !v)) ||
	    v > p->max) {
		pr_err("%s: rejected '%.*s': expected %sa number from %u to %u\n",
		       kp->name, (int)strcspn(buf, "\n"), buf,
		       p->off ? "0 (off) or " : "", p->min, p->max);
		return -EINVAL;
	}
	WRITE_ONCE(p->val, v);
	if (p->rescan)
		afo_request_rescan();
	return 0;
}

static int afo_uint_get(char *buf, const struct kernel_param *kp)
{
	const struct afo_uint_param *p = kp->arg;

	return sysfs_emit(buf, "%u\n", READ_ONCE(p->val));
}

static const struct kernel_param_ops afo_uint_ops = {
	.set = afo_uint_set,
	.get = afo_uint_get,
};

/*
 * Three announcements 100 ms apart: bonding sends one (num_grat_arp=1)
 * and relies on the switch, keepalived repeats five times over seconds
 * for slow peers; three within 200 ms reach a peer that drops one or two
 * frames without delaying the move, and cost nothing on a healthy LAN.
 */
static struct afo_uint_param garp_count = { 3, 0, 100 };
module_param_cb(garp_count, &afo_uint_ops, &garp_count, 0644);
MODULE_PARM_DESC(garp_count, "Gratuitous ARPs sent per address on takeover and reclaim (0-100, default 3)");

static struct afo_uint_param garp_interval_ms = { 100, 10, 10000 };
module_param_cb(garp_interval_ms, &afo_uint_ops, &garp_interval_ms, 0644);
MODULE_PARM_DESC(garp_interval_ms, "Milliseconds between repeated gratuitous ARPs (10-10000, default 100)");

static struct afo_uint_param probe_timeout_ms = { 200, 10, 10000 };
module_param_cb(probe_timeout_ms, &afo_uint_ops, &probe_timeout_ms, 0644);
MODULE_PARM_DESC(probe_timeout_ms, "Milliseconds to wait for a discovery probe to be heard on a sibling (10-10000, default 200)");

static struct afo_uint_param reverify_s = { 30, 0, 86400, true };
module_param_cb(reverify_s, &afo_uint_ops, &reverify_s, 0644);
MODULE_PARM_DESC(reverify_s, "Seconds between periodic re-verification of each physical network of two or more adapters (each adapter up to a quarter earlier, at random); an adapter alone on its network re-verifies when it hears a sibling's ARP, at most this often; 0 to disable (0-86400, default 30)");

static struct afo_uint_param reclaim_delay_ms = { 0, 0, 3600000 };
module_param_cb(reclaim_delay_ms, &afo_uint_ops, &reclaim_delay_ms, 0644);
MODULE_PARM_DESC(reclaim_delay_ms, "Milliseconds an adapter must keep carrier before it answers again (0-3600000, default 0)");

/*
 * Liveness: a frame to two siblings every 50 ms, a path judged after 4
 * rounds in a row with nothing heard either way, so 200-250 ms, as
 * bonding's ARP monitor at arp_interval=100 (missed_max 2). Each frame
 * crosses one switch; with 20% of frames lost at random, four silent
 * rounds on both of an adapter's two in- and two out-edges happen with
 * a chance of 0.2^16 per round, and a pair of adapters (one edge each
 * way) also needs its target lost: see Documentation/admin-guide.rst.
 */
static struct afo_uint_param liveness_ms = { 50, 10, 10000, true, true };
module_param_cb(liveness_ms, &afo_uint_ops, &liveness_ms, 0644);
MODULE_PARM_DESC(liveness_ms, "Milliseconds between liveness frames among siblings, 0 to turn silent-failure detection off (0 or 10-10000, default 50)");

static struct afo_uint_param liveness_misses = { 4, 2, 100 };
module_param_cb(liveness_misses, &afo_uint_ops, &liveness_misses, 0644);
MODULE_PARM_DESC(liveness_misses, "Liveness rounds in a row without a frame heard, either way, before a path is judged failed (2-100, default 4)");

unsigned long afo_liveness_interval(void)
{
	unsigned int ms = READ_ONCE(liveness_ms.val);

	return ms ? max(msecs_to_jiffies(ms), 1UL) : 0;
}

unsigned int afo_liveness_misses(void)
{
	return READ_ONCE(liveness_misses.val);
}

unsigned int afo_garp_count(void)
{
	return READ_ONCE(garp_count.val);
}

unsigned long afo_garp_interval(void)
{
	return msecs_to_jiffies(READ_ONCE(garp_interval_ms.val));
}

unsigned long afo_probe_timeout(void)
{
	return msecs_to_jiffies(READ_ONCE(probe_timeout_ms.val));
}

unsigned long afo_reverify_interval(void)
{
	return READ_ONCE(reverify_s.val) * HZ;
}

unsigned long afo_reclaim_delay(void)
{
	return msecs_to_jiffies(READ_ONCE(reclaim_delay_ms.val));
}

/**
 * afo_core_params_now - the parameters as the decision core takes them
 * @p: filled in, in jiffies
 */
void afo_core_params_now(struct afo_core_params *p)
{
	p->reclaim_delay = afo_reclaim_delay();
	p->judged_reclaim = AFO_LIVE_RECLAIM_ROUNDS * afo_liveness_interval();
	p->probe_timeout = afo_probe_timeout();
	p->reverify = afo_reverify_interval();
	p->garp_count = afo_garp_count();
	p->garp_interval = afo_garp_interval();
}

/*
 * Name lists: comma-separated. include/exclude/vipa hold glob patterns;
 * priority holds NAME:N pairs; liveness_targets IPv4 addresses.
 * afo_names_lock protects the five buffers
 * and afo_rescan_live; it nests inside RTNL (the rescan takes RTNL first),
 * and the setters never take RTNL.
 */
#define AFO_LIST_LEN 256

static DEFINE_MUTEX(afo_names_lock);
static char afo_include[AFO_LIST_LEN];
static char afo_exclude[AFO_LIST_LEN];
static char afo_priority[AFO_LIST_LEN];
static char afo_vipa[AFO_LIST_LEN];
static bool afo_rescan_live;

static void afo_rescan(struct work_struct *work)
{
	struct net_device *dev;
	struct net *net;

	/* One pass over the devices, one update of each namespace. */
	rtnl_lock();
	down_read(&net_rwsem);
	for_each_net(net) {
		for_each_netdev(net, dev)
			afo_sync_dev(dev);
		afo_settle_all(afo_net(net));
	}
	up_read(&net_rwsem);
	rtnl_unlock();
}

static DECLARE_WORK(afo_rescan_work, afo_rescan);

/* Re-evaluate every adapter of every namespace soon (never under RTNL). */
static void afo_request_rescan(void)
{
	mutex_lock(&afo_names_lock);
	if (afo_rescan_live)
		queue_work(afo_wq, &afo_rescan_work);
	mutex_unlock(&afo_names_lock);
}

/*
 * Steps through a comma-separated list: returns the next non-empty item
 * and its length, or NULL at the end.
 */
static const char *afo_next_item(const char **list, size_t *len)
{
	const char *item;

	while (**list == ',')
		(*list)++;
	if (!**list)
		return NULL;
	item = *list;
	*len = strcspn(item, ",");
	*list += *len;
	return item;
}

static int afo_check_pattern(const char *item, size_t len)
{
	return len < 2 * IFNAMSIZ ? 0 : -EINVAL;
}

/* Parses "NAME:N" into @name (NUL-terminated) and @prio. */
static int afo_parse_priority(const char *item, size_t len,
			      char name[IFNAMSIZ], u32 *prio)
{
	const char *colon = memchr(item, ':', len);
	char num[12];
	size_t nlen;

	if (!colon || colon == item || colon - item >= IFNAMSIZ)
		return -EINVAL;
	nlen = len - (colon + 1 - item);
	if (!nlen || nlen >= sizeof(num))
		return -EINVAL;
	memcpy(name, item, colon - item);
	name[colon - item] = '\0';
	memcpy(num, colon + 1, nlen);
	num[nlen] = '\0';
	return kstrtou32(num, 10, prio);
}

static int afo_check_priority(const char *item, size_t len)
{
	char name[IFNAMSIZ];
	u32 prio;

	return afo_parse_priority(item, len, name, &prio);
}

/**
 * struct afo_list_param - a name-list module parameter
 * @buf:   its value (afo_names_lock)
 * @check: validates one item
 * @what:  what an item must look like, for the error message
 */
struct afo_list_param {
	char *buf;
	int (*check)(const char *item, size_t len);
	const char *what;
};

static int afo_list_check(const struct afo_list_param *p, const char *list)
{
	const char *item;
	size_t len;

	while ((item = afo_next_item(&list, &len)))
		if (p->check(item, len))
			return -EINVAL;
	return 0;
}

static int afo_list_set(const char *val, const struct kernel_param *kp)
{
	const struct afo_list_param *p = kp->arg;
	char tmp[AFO_LIST_LEN];
	size_t len = strcspn(val, "\n");

	if (len >= sizeof(tmp) || memchr(val, ' ', len)) {
		pr_err("%s: rejected: at most %d characters, no spaces\n",
		       kp->name, AFO_LIST_LEN - 1);
		return -EINVAL;
	}
	memcpy(tmp, val, len);
	tmp[len] = '\0';
	if (afo_list_check(p, tmp)) {
		pr_err("%s: rejected '%s': expected a comma-separated list of %s\n",
		       kp->name, tmp, p->what);
		return -EINVAL;
	}

	mutex_lock(&afo_names_lock);
	strscpy(p->buf, tmp, AFO_LIST_LEN);
	mutex_unlock(&afo_names_lock);
	afo_request_rescan();
	return 0;
}

static int afo_list_get(char *buf, const struct kernel_param *kp)
{
	const struct afo_list_param *p = kp->arg;
	int n;

	mutex_lock(&afo_names_lock);
	n = sysfs_emit(buf, "%s\n", p->buf);
	mutex_unlock(&afo_names_lock);
	return n;
}

static const struct kernel_param_ops afo_list_ops = {
	.set = afo_list_set,
	.get = afo_list_get,
};

static int afo_check_target(const char *item, size_t len)
{
	__be32 ip;

	if (!in4_pton(item, len, (u8 *)&ip, -1, NULL) || !ip ||
	    ipv4_is_multicast(ip) || ipv4_is_lbcast(ip) || ipv4_is_loopback(ip))
		return -EINVAL;
	return 0;
}

static char afo_targets[AFO_LIST_LEN];

static struct afo_list_param targets_param = {
	afo_targets, afo_check_target, "unicast IPv4 addresses"
};
module_param_cb(liveness_targets, &afo_list_ops, &targets_param, 0644);
MODULE_PARM_DESC(liveness_targets, "Comma-separated IPv4 addresses to probe from each adapter where liveness frames cannot decide: each adapter uses the first one on its link (default: the gateway of the default route through it)");

/**
 * afo_liveness_targets - the targets the administrator named
 * @out: room for them
 * @max: how many fit
 *
 * Return: how many were stored, in the order given.
 */
unsigned int afo_liveness_targets(__be32 *out, unsigned int max)
{
	const char *list, *item;
	unsigned int n = 0;
	size_t len;

	mutex_lock(&afo_names_lock);
	list = afo_targets;
	while (n < max && (item = afo_next_item(&list, &len)))
		if (in4_pton(item, len, (u8 *)&out[n], -1, NULL))
			n++;
	mutex_unlock(&afo_names_lock);
	return n;
}

static struct afo_list_param include_param = {
	afo_include, afo_check_pattern, "interface name patterns"
};
module_param_cb(include, &afo_list_ops, &include_param, 0644);
MODULE_PARM_DESC(include, "Manage only adapters whose name matches one of these comma-separated glob patterns (default: all)");

static struct afo_list_param exclude_param = {
	afo_exclude, afo_check_pattern, "interface name patterns"
};
module_param_cb(exclude, &afo_list_ops, &exclude_param, 0644);
MODULE_PARM_DESC(exclude, "Never manage adapters whose name matches one of these comma-separated glob patterns (default: none)");

static struct afo_list_param priority_param = {
	afo_priority, afo_check_priority, "NAME:N pairs"
};
module_param_cb(priority, &afo_list_ops, &priority_param, 0644);
MODULE_PARM_DESC(priority, "Backup preference per adapter as NAME:N pairs, higher wins (default 0; ties go to the lower ifindex)");

static struct afo_list_param vipa_param = {
	afo_vipa, afo_check_pattern, "interface name patterns"
};
module_param_cb(vipa, &afo_list_ops, &vipa_param, 0644);
MODULE_PARM_DESC(vipa, "Besides dummy devices, devices whose name matches one of these comma-separated glob patterns hold VIPAs (default: none)");

/* Whether @ifname matches one of the glob patterns in @list. */
static bool afo_list_matches(const char *list, const char *ifname)
{
	char pat[2 * IFNAMSIZ];
	const char *item;
	size_t len;

	while ((item = afo_next_item(&list, &len))) {
		strscpy(pat, item, min(len + 1, sizeof(pat)));
		if (glob_match(pat, ifname))
			return true;
	}
	return false;
}

/**
 * afo_name_selected - whether include/exclude let us manage an adapter
 * @ifname: the adapter's name
 *
 * Return: true when @ifname matches include (or include is empty) and
 * matches no exclude pattern.
 */
bool afo_name_selected(const char *ifname)
{
	bool selected;

	mutex_lock(&afo_names_lock);
	selected = (!afo_include[0] || afo_list_matches(afo_include, ifname)) &&
		   !afo_list_matches(afo_exclude, ifname);
	mutex_unlock(&afo_names_lock);
	return selected;
}

/**
 * afo_name_vipa - whether the vipa parameter names a device
 * @ifname: the device's name
 *
 * Return: true if @ifname is in the vipa parameter.
 */
bool afo_name_vipa(const char *ifname)
{
	bool vipa;

	mutex_lock(&afo_names_lock);
	vipa = afo_list_matches(afo_vipa, ifname);
	mutex_unlock(&afo_names_lock);
	return vipa;
}

/**
 * afo_name_priority - the backup priority configured for an adapter
 * @ifname: the adapter's name
 *
 * Return: the last NAME:N entry for @ifname, or 0.
 */
u32 afo_name_priority(const char *ifname)
{
	const char *list, *item;
	char name[IFNAMSIZ];
	u32 prio = 0, p;
	size_t len;

	mutex_lock(&afo_names_lock);
	list = afo_priority;
	while ((item = afo_next_item(&list, &len)))
		if (!afo_parse_priority(item, len, name, &p) &&
		    !strcmp(name, ifname))
			prio = p;
	mutex_unlock(&afo_names_lock);
	return prio;
}

/* From now on a change of a name list rescans every namespace. */
void afo_params_start(void)
{
	mutex_lock(&afo_names_lock);
	afo_rescan_live = true;
	mutex_unlock(&afo_names_lock);
}

/* No rescan runs or is queued after this returns. */
void afo_params_stop(void)
{
	mutex_lock(&afo_names_lock);
	afo_rescan_live = false;
	mutex_unlock(&afo_names_lock);
	cancel_work_sync(&afo_rescan_work);
}
