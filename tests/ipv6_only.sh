#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An IPv6-only host: adapters without an IPv4 address are managed,
# discovery finds them on one network (its probes are ARP frames with
# 0.0.0.0 as target and its liveness frames are not IP at all, so
# neither needs an IPv4 address), and an address fails over and back as
# on a dual-stack host: the client's neighbour entry follows each move,
# a ping6 stream at 10 ms loses no more than a few, a TCP connection
# lives on, and the owner's address is neither tentative nor dadfailed
# afterwards. A silent path (switch port blocked, carrier up) is judged
# by liveness and taken over too.
#
#        host                  switch          client
#   eth0 2001:db8::1 ---+
#   eth1 2001:db8::2 ---+--- seg0 ------------ eth0 2001:db8::100
#   eth2 2001:db8::3 ---+
. "$(dirname "$0")/lib.sh"
require_cmd ping

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02
A1=2001:db8::1

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 $A1/64
afo_port host eth1 seg0 $MAC1 2001:db8::2/64
afo_port host eth2 seg0 $MAC2 2001:db8::3/64
afo_port client eth0 seg0 02:00:00:00:0c:00 2001:db8::100/64
check_err $? "topology setup failed"
dad_done() {
	[ -z "$(afo_dad_left host eth0)$(afo_dad_left host eth1)$(afo_dad_left host eth2)$(afo_dad_left client eth0)" ]
}
afo_until 20 dad_done
check_err $? "DAD never ended: $(afo_dad_left host eth0)"

afo_load
check_err $? "insmod failed"
show() { afo_in host "$ARPFO" show --json; }
pnets() { jq_py "$(show)" "sorted(sorted(p['members']) for p in d['pnets'])"; }
one_pnet() { [ "$(pnets)" = "['eth0', 'eth1', 'eth2']" ]; }
afo_until 30 one_pnet
check_err $? "the IPv6-only adapters never formed one pnet: $(pnets)"
j=$(show)
[ "$(jq_py "$j" "sorted((a['address'], a['family']) for a in d['addresses'])")" = \
  "('2001:db8::1', 'inet6') ('2001:db8::2', 'inet6') ('2001:db8::3', 'inet6')" ]
check_err $? "addresses: $(jq_py "$j" "d['addresses']")"
log_test "IPv6-only adapters managed and discovered on one pnet"

afo_in client ping -c 1 -W 1 $A1 >/dev/null
check_err $? "client cannot reach $A1"
[ "$(afo_neigh client $A1)" = $MAC0 ] && [ "$(afo_nd_macs client $A1)" = $MAC0 ]
check_err $? "before: client holds $(afo_neigh client $A1), answered by '$(afo_nd_macs client $A1)'"
log_test "before: $A1 at eth0, answered once"

afo_traffic_start client $A1
sleep 1.5
afo_cable host eth0 down
sleep 0.5
responder=$(afo_adapter host eth0 "a['responder']")
rmac=$(afo_in host cat "/sys/class/net/$responder/address")
[ "$(afo_neigh client $A1)" = "$rmac" ] && [ "$(afo_nd_macs client $A1)" = "$rmac" ]
check_err $? "takeover: client holds $(afo_neigh client $A1) for $A1, answered by '$(afo_nd_macs client $A1)', expected $responder ($rmac)"
sleep 1.5
afo_cable host eth0 up
sleep 1
[ "$(afo_neigh client $A1)" = $MAC0 ] && [ "$(afo_nd_macs client $A1)" = $MAC0 ]
check_err $? "reclaim: client holds $(afo_neigh client $A1), answered by '$(afo_nd_macs client $A1)'"
afo_traffic_end
check_err $? "the TCP connection died: $AFO_TCP"
[ "$AFO_LOST" -le "$(afo_move_loss_limit)" ]
check_err $? "ping6 stream: $AFO_LOST of $AFO_PINGS lost"
[ -z "$(afo_dad_left host eth0)" ]
check_err $? "after reclaim: $(afo_dad_left host eth0)"
log_test "takeover by $responder and reclaim: ping6 lost $AFO_LOST of $AFO_PINGS, TCP lived ($AFO_TCP)"

# Silent failure: eth0's switch port blocked, its carrier up.
eth0_silent() { afo_judged_is host eth0 silent; }
afo_block host eth0 on
check_err $? "blocking eth0's port failed"
afo_until 10 eth0_silent
check_err $? "eth0 cut off with carrier judged '$(afo_judged host eth0)'"
responder=$(afo_adapter host eth0 "a['responder']")
[ "$responder" != eth0 ] && [ "$(afo_nd_macs client $A1)" = "$(afo_in host cat "/sys/class/net/$responder/address")" ]
check_err $? "silent eth0: $A1 answered by '$(afo_nd_macs client $A1)', eth0's addresses by '$responder'"
afo_in client ping -c 1 -W 1 $A1 >/dev/null
check_err $? "silent eth0: $A1 unreachable"
afo_block host eth0 off
eth0_ok() { afo_judged_is host eth0 ok; }
afo_until 10 eth0_ok
check_err $? "eth0 unblocked judged '$(afo_judged host eth0)'"
a1_home() { [ "$(afo_nd_macs client $A1)" = $MAC0 ]; }
afo_until 10 a1_home
check_err $? "unblocked: $A1 answered by '$(afo_nd_macs client $A1)'"
log_test "silent eth0 (port blocked, carrier up): $A1 moves to $responder and back"

afo_exit
