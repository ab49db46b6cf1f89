/* fixture: the declarations compat.mk looks for, as 5.17 has them */
#ifdef CONFIG_NET_DEV_REFCNT_TRACKER
typedef struct ref_tracker *netdevice_tracker;
#else
typedef struct {} netdevice_tracker;
#endif
static inline void dev_sw_netstats_tx_add(struct net_device *dev,
					  unsigned int packets,
					  unsigned int len);
void dev_get_tstats64(struct net_device *dev, struct rtnl_link_stats64 *s);
static inline void dev_hold_track(struct net_device *dev,
				  netdevice_tracker *tracker, gfp_t gfp);
