# SPDX-License-Identifier: GPL-2.0-only
#
# The feature tests of compat.h: what the kernel built against offers,
# read from its headers, never from its version number. Enterprise
# kernels backport interfaces to an old version (RHEL 9 is "5.14" with
# netdev_hold(), trackers, core stats and strict genetlink), so a version
# test would define them a second time there. The preprocessor cannot
# tell a header's presence (sparse knows no __has_include), nor whether
# an inline function, a typedef or a macro's parameter list exists: a
# grep of the header that declares it can.
#
# Read by ../Kbuild and by tests/offload/Kbuild, which both include
# compat.h; scripts/compat-check runs it against header fixtures.
# $(srctree) is the kernel's source or headers tree.

# afo_have FLAG,PATTERN,HEADER...: -DFLAG when one of the HEADERs (under
# include/) has a line matching the extended regular expression PATTERN
# (no parenthesis, which make would count as its own: [^a-z_] stands for
# one; a comma is $(afo_comma), as make splits the arguments at commas).
afo_have = $(if $(shell grep -sqE '$(2)' \
	$(addprefix $(srctree)/include/,$(3)) && echo y),-D$(1))

afo_comma := ,
afo_compat_flags := \
	$(if $(wildcard $(srctree)/include/linux/unaligned.h),-DAFO_HAVE_LINUX_UNALIGNED_H) \
	$(call afo_have,AFO_HAVE_NETDEVICE_TRACKER,typedef .*netdevice_tracker;,linux/netdevice.h net/net_trackers.h) \
	$(call afo_have,AFO_HAVE_NETDEV_HOLD,void netdev_hold[^a-z_],linux/netdevice.h) \
	$(call afo_have,AFO_HAVE_DEV_HOLD_TRACK,void dev_hold_track[^a-z_],linux/netdevice.h) \
	$(call afo_have,AFO_HAVE_ASSIGN_STR_DST_ONLY,define __assign_str.dst[^$(afo_comma)],trace/stages/stage6_event_callback.h trace/trace_events.h) \
	$(call afo_have,AFO_HAVE_SW_NETSTATS_TX_ADD,void dev_sw_netstats_tx_add[^a-z_],linux/netdevice.h) \
	$(call afo_have,AFO_HAVE_GET_TSTATS64,void dev_get_tstats64[^a-z_],linux/netdevice.h) \
	$(call afo_have,AFO_HAVE_CORE_STATS_INC,DEV_CORE_STATS_INC.rx_dropped|void dev_core_stats_rx_dropped_inc[^a-z_],linux/netdevice.h) \
	$(call afo_have,AFO_HAVE_GENL_RESV_START_OP,resv_start_op;,net/genetlink.h) \
	$(call afo_have,AFO_HAVE_GENL_MCAST_CAP_NET_ADMIN,define GENL_MCAST_CAP_NET_ADMIN,net/genetlink.h) \
	$(call afo_have,AFO_HAVE_GENL_MCAST_CAP_SYS_ADMIN_BIT,cap_sys_admin:1;,net/genetlink.h)
