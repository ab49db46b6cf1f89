#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Off-link traffic of a silent adapter (topology in egress_lib.bash: the
# only default route goes through eth0). While eth0 is judged target-lost
# its packets are diverted through eth1 by eth1's own routes; a
# destination eth1 has no route to is refused (ENETUNREACH), as the
# kernel refuses it when eth0 loses carrier, and never taken for on-link
# on eth1's segment: eth1's neighbour table holds no entry per remote
# destination. With a default route through eth1 the traffic takes it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/egress_lib.bash"
require_cmd python3

# reach_gw N FIRST: N datagrams to off-subnet addresses from FIRST are
# sent and reach the gateway.
reach_gw() {
	local n0 out

	n0=$(egress_noports gw)
	out=$(egress_send "$2+$1:9")
	[ "$out" = "$2+$1:9 sent=$1" ]
	check_err $? "sending: $out"
	afo_until 5 egress_noports_is gw $((n0 + $1))
	check_err $? "the gateway got $(( $(egress_noports gw) - n0 )) of $1"
}

egress_setup
afo_until 20 egress_live
check_err $? "liveness: $(afo_in host "$ARPFO" show --json)"
reach_gw 20 198.18.0.1
log_test "before: off-subnet traffic reaches the gateway through eth0"

egress_block on
check_err $? "no takeover of eth0 by eth1 within 10 s of blocking its port"
[ "$(afo_judged host eth0) $(afo_carrier host eth0)" = "target-lost 1" ]
check_err $? "eth0 judged '$(afo_judged host eth0)', carrier $(afo_carrier host eth0)"
log_test "eth0's port blocked: judged target-lost, eth1 answers for 10.0.0.1"

# refused N FIRST: N datagrams to off-subnet addresses from FIRST are
# refused, and eth1's neighbour table holds none of them.
refused() {
	out=$(egress_send "$2+$1:9")
	[ "$out" = "$2+$1:9 sent=0 ENETUNREACH=$1" ]
	check_err $? "sending: $out"
	n=$(egress_neigh_count host eth1 "${2%.*}.")
	[ "$n" = 0 ]
	check_err $? "eth1's neighbour table holds $n of the $1 off-subnet destinations: $(afo_in host ip -4 neigh show dev eth1 | head -3 | tr '\n' ';')"
}
refused 200 198.18.1.1
log_test "eth0 silent, no route through eth1: 200 off-subnet destinations refused, none in eth1's neighbour table"

afo_in host ip route add default via $GW dev eth1 metric 200
check_err $? "cannot add a default route through eth1"
reach_gw 50 198.18.2.1
n=$(egress_neigh_count host eth1 198.18.2.)
[ "$n" = 0 ]
check_err $? "eth1's neighbour table holds $n off-subnet destinations"
afo_in host ip route del default via $GW dev eth1 metric 200
check_err $? "cannot remove the default route through eth1"
log_test "eth0 silent, a default route through eth1: off-subnet traffic reaches the gateway through eth1"

egress_block off
check_err $? "no reclaim by eth0 within 10 s of unblocking its port"
afo_dmesg_mark
afo_cable host eth0 down
afo_until 10 egress_logged "eth0: arp_failover: takeover: eth1 answers for its 1 addresses"
check_err $? "no takeover of eth0 by eth1 within 10 s of pulling its cable"
refused 200 198.18.3.1
log_test "eth0's cable pulled: the same, by the kernel's ignore_routes_with_linkdown"

afo_exit
