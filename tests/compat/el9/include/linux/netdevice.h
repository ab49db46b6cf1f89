/* fixture: the declarations compat.mk looks for, as EL9 has them */
#include <net/net_trackers.h>
static inline void dev_sw_netstats_tx_add(struct net_device *dev,
					  unsigned int packets,
					  unsigned int len);
void dev_get_tstats64(struct net_device *dev, struct rtnl_link_stats64 *s);
#define DEV_CORE_STATS_INC(FIELD)
DEV_CORE_STATS_INC(rx_dropped)
DEV_CORE_STATS_INC(tx_dropped)
static inline void netdev_hold(struct net_device *dev,
			       netdevice_tracker *tracker, gfp_t gfp);
