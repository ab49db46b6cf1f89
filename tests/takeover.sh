#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Takeover and reclaim. When eth0 loses carrier, eth1 answers for
# 10.0.0.1 and announces it, the client moves at once, and traffic from
# 10.0.0.1 leaves through eth1; when eth0 comes back, it answers again and
# the client moves back. A ping stream runs across both moves, under
# every rp_filter setting.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24
afo_port host eth1 seg0 $MAC1 10.0.0.2/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"

afo_load
check_err $? "insmod failed"
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1"
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1"
log_test "before: 10.0.0.1 at eth0"

afo_dmesg_mark
afo_cable host eth0 down
sleep 0.3
[ "$(afo_neigh client 10.0.0.1)" = $MAC1 ]
check_err $? "client still holds $(afo_neigh client 10.0.0.1) after takeover"
mac=$(afo_answer client eth0 10.0.0.1)
[ "$mac" = $MAC1 ]
check_err $? "10.0.0.1 answered by '$mac' during takeover"
afo_in host ip route get 10.0.0.100 from 10.0.0.1 | grep -q 'dev eth1'
check_err $? "egress from 10.0.0.1 not via eth1: $(afo_in host ip route get 10.0.0.100 from 10.0.0.1)"
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1 during takeover"
afo_dmesg_since | grep -q 'arp_failover: eth0: takeover: eth1 answers for its 1 addresses'
check_err $? "no takeover line in the kernel log"
log_test "takeover: 10.0.0.1 moves to eth1, egress follows"

afo_dmesg_mark
afo_cable host eth0 up
sleep 0.5
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ]
check_err $? "client still holds $(afo_neigh client 10.0.0.1) after reclaim"
mac=$(afo_answer client eth0 10.0.0.1)
[ "$mac" = $MAC0 ]
check_err $? "10.0.0.1 answered by '$mac' after reclaim"
afo_in host ip route get 10.0.0.100 from 10.0.0.1 | grep -q 'dev eth0'
check_err $? "egress from 10.0.0.1 not back on eth0"
afo_dmesg_since | grep -q 'arp_failover: eth0: reclaim: answers for its addresses again (was eth1)'
check_err $? "no reclaim line in the kernel log"
log_test "reclaim: 10.0.0.1 back on eth0"

# A ping stream across takeover and reclaim, for each rp_filter value.
# (Strict rp_filter needs each address's own adapter to hold the first
# route to its subnet, as on the stock kernel; takeover keeps that true.)
for rpf in 0 1 2; do
	afo_in host sysctl -qw net.ipv4.conf.all.rp_filter=$rpf \
		net.ipv4.conf.eth0.rp_filter=$rpf net.ipv4.conf.eth1.rp_filter=$rpf
	afo_in client ping -q -i 0.02 -c 100 -W 1 10.0.0.1 > "/tmp/ping.$rpf" 2>&1 &
	pid=$!
	sleep 0.6
	afo_cable host eth0 down
	sleep 0.6
	afo_cable host eth0 up
	wait $pid
	rx=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "/tmp/ping.$rpf")
	[ "${rx:-0}" -ge 97 ]
	check_err $? "rp_filter=$rpf: only ${rx:-0} of 100 pings answered"
	log_test "ping stream across takeover and reclaim, rp_filter=$rpf (${rx:-0}/100)"
done

# Administrative down: on 6.1 the address stays local (its local route
# survives), so the move is graceful rather than a loss of the address.
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
afo_in host ip link set eth0 down
sleep 0.3
[ "$(afo_neigh client 10.0.0.1)" = $MAC1 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) after eth0 went admin down"
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
check_err $? "10.0.0.1 unreachable while eth0 is admin down"
afo_in host ip link set eth0 up
sleep 0.5
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) after eth0 came back up"
log_test "admin down moves 10.0.0.1 to eth1 gracefully, admin up takes it back"

# Reclaim delay: eth0 answers again only after it (3 s); a flap right
# after doubles it (6 s: still eth1 after 3.5 s). Checks sit well inside
# and well past the delays, as process starts are slow under TCG.
P=/sys/module/arp_failover/parameters
echo 3000 > $P/reclaim_delay_ms
for wait in 0.5 3.5; do
	afo_cable host eth0 down
	sleep 0.3
	afo_cable host eth0 up
	sleep $wait
	mac=$(afo_answer client eth0 10.0.0.1)
	[ "$mac" = $MAC1 ]
	check_err $? "10.0.0.1 answered by '$mac' ${wait}s into the reclaim delay"
	sleep 4
	mac=$(afo_answer client eth0 10.0.0.1)
	[ "$mac" = $MAC0 ]
	check_err $? "10.0.0.1 answered by '$mac' after the reclaim delay"
done
echo 0 > $P/reclaim_delay_ms
log_test "reclaim delay honoured, doubled by a flap"

# rmmod during a takeover puts back ignore_routes_with_linkdown
linkdown=net.ipv4.conf.eth0.ignore_routes_with_linkdown
afo_cable host eth0 down
sleep 0.3
[ "$(afo_in host sysctl -n $linkdown)" = 1 ]
check_err $? "ignore_routes_with_linkdown not set on eth0 during takeover"
rmmod arp_failover
[ "$(afo_in host sysctl -n $linkdown)" = 0 ]
check_err $? "ignore_routes_with_linkdown left set after rmmod"
log_test "rmmod puts back what it changed"

afo_exit
