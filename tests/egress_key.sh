#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The key of a silent adapter's diverted packets (topology in
# egress_lib.bash). While eth0 is judged target-lost:
# - policy rules on uid, protocol and port, and TOS choose the diverted
#   packet's route as they chose its first one: table 100, whose default
#   route through eth1 is the only way through eth1 off the subnet;
# - a socket bound to eth0 (SO_BINDTODEVICE, IP_UNICAST_IF) keeps eth0:
#   it asked for that device, so its packets are not moved (they reach
#   eth0's blocked switch port, and not the client);
# - a transparent socket's packets from a non-local source are diverted
#   like the others.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/egress_lib.bash"
require_cmd python3
require_cmd tcpdump

egress_setup
# eth0 always knows the client: what a bound socket sends out of it is
# not held back for an ARP answer that cannot come.
afo_in host ip -batch - <<-BATCH
	neigh replace 10.0.0.100 lladdr $CLIENT_MAC dev eth0 nud permanent
	route add default via $GW dev eth0 metric 100 table 100
	route add default via $GW dev eth1 metric 200 table 100
	rule add uidrange 1000-1000 lookup 100 pref 100
	rule add ipproto udp dport 5001 lookup 100 pref 101
	rule add tos 0x10 lookup 100 pref 102
BATCH
check_err $? "cannot set up the policy rules"
afo_until 20 egress_live
check_err $? "liveness: $(afo_in host "$ARPFO" show --json)"
egress_block on
check_err $? "no takeover of eth0 by eth1 within 10 s of blocking its port"
[ "$(afo_judged host eth0) $(afo_carrier host eth0)" = "target-lost 1" ]
check_err $? "eth0 judged '$(afo_judged host eth0)', carrier $(afo_carrier host eth0)"
log_test "eth0's port blocked: judged target-lost, eth1 answers for 10.0.0.1"

n0=$(egress_noports gw)
out=$(egress_send 198.18.4.1:5000,uid=1000 198.18.4.2:5001 198.18.4.3:5000,tos=0x10 \
	198.18.4.4:5000 | tr '\n' ';')
[ "$out" = "198.18.4.1:5000,uid=1000 sent=1;198.18.4.2:5001 sent=1;198.18.4.3:5000,tos=0x10 sent=1;198.18.4.4:5000 sent=0 ENETUNREACH=1;" ]
check_err $? "sending: $out"
afo_until 5 egress_noports_is gw $((n0 + 3))
check_err $? "the gateway got $(( $(egress_noports gw) - n0 )) of 3"
n=$(egress_neigh_count host eth1 198.18.)
[ "$n" = 0 ]
check_err $? "eth1's neighbour table holds $n off-subnet destinations"
log_test "eth0 silent: uid, protocol and port, and TOS rules route the diverted packets"

egress_capture eth0 "$(afo_peer host eth0)" "udp and dst host 10.0.0.100"
check_err $? "tcpdump did not start on eth0's switch port"
n0=$(egress_noports client)
out=$(egress_send 10.0.0.100:7001,dev=eth0 10.0.0.100:7002,ucif=eth0 \
	10.0.0.100:7003,src=10.0.0.50 10.0.0.100:7004 | tr '\n' ';')
[ "$out" = "10.0.0.100:7001,dev=eth0 sent=1;10.0.0.100:7002,ucif=eth0 sent=1;10.0.0.100:7003,src=10.0.0.50 sent=1;10.0.0.100:7004 sent=1;" ]
check_err $? "sending: $out"
afo_until 5 egress_noports_is client $((n0 + 2))
check_err $? "the client got $(( $(egress_noports client) - n0 )) datagrams, not 2 (7003, 7004)"
ports=$(egress_capture_end eth0 | sed -n 's/.* > 10\.0\.0\.100\.\([0-9]*\): .*/\1/p' | sort | tr '\n' ' ')
[ "$ports" = "7001 7002 " ]
check_err $? "eth0's switch port saw datagrams to ports '$ports', not 7001 and 7002"
log_test "eth0 silent: sockets bound to eth0 keep it, a transparent socket's packets are diverted"

afo_exit
