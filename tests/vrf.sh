#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRFs: each is an L3 domain of its own. Two tenants reuse the gateway
# address 10.0.0.254, in VRF red and in VRF blue: each is its own address,
# answered in its own VRF and taken over only by an adapter of that VRF,
# even by one on the same segment as an adapter of the other VRF (b2, in
# a subnet of its own so that blue's replies to 10.0.0.100 leave by b0).
# An adapter moved to another VRF is managed afresh there.
#
#        host                          switch        clients
#   red:  r0 10.0.0.254 ---+
#         r1 10.0.0.11  ---+---- seg0 --------------- red  eth0 10.0.0.100
#   blue: b2 10.0.9.13  ---+
#   blue: b0 10.0.0.254 ---+
#         b1 10.0.0.12  ---+---- seg1 --------------- blue eth0 10.0.0.100
. "$(dirname "$0")/lib.sh"

R0=02:00:00:00:0a:00
R1=02:00:00:00:0a:01
B0=02:00:00:00:0b:00
B1=02:00:00:00:0b:01
B2=02:00:00:00:0b:02
GW=10.0.0.254

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add red
afo_netns_add blue
ip -n "$(afo_ns host)" -batch - <<-BATCH
	link add red type vrf table 10
	link add blue type vrf table 20
	link set red up
	link set blue up
BATCH
check_err $? "cannot create the VRFs (no vrf module?)"
afo_port host r0 seg0 $R0 &&
afo_port host r1 seg0 $R1 &&
afo_port host b2 seg0 $B2 &&
afo_port host b0 seg1 $B0 &&
afo_port host b1 seg1 $B1 &&
ip -n "$(afo_ns host)" -batch - <<-BATCH &&
	link set r0 master red
	link set r1 master red
	link set b2 master blue
	link set b0 master blue
	link set b1 master blue
	addr add $GW/24 dev r0
	addr add 10.0.0.11/24 dev r1
	addr add 10.0.9.13/24 dev b2
	addr add $GW/24 dev b0
	addr add 10.0.0.12/24 dev b1
BATCH
afo_port red eth0 seg0 02:00:00:00:0c:0a 10.0.0.100/24 &&
afo_port blue eth0 seg1 02:00:00:00:0c:0b 10.0.0.100/24
check_err $? "topology setup failed"

afo_dmesg_mark
afo_load
check_err $? "insmod failed"
log_test "load"

# show: the host's arpfo show --json.
show() { afo_in host "$ARPFO" show --json; }
# pnet_of IFNAME: the adapter's pnet.
pnet_of() {
	jq_py "$(show)" "[a['pnet'] for a in d['adapters'] if a['ifname'] == '$1'][0]"
}
# answered_by TENANT MAC: the tenant's client gets exactly MAC for $GW.
answered_by() {
	[ "$(afo_answer "$1" eth0 $GW)" = "$2" ]
}
# The red pair finds each other; b2, on their segment, is not on their
# pnet; the blue pair finds each other.
vrfs_apart() {
	[ "$(pnet_of r0)" = "$(pnet_of r1)" ] &&
	[ "$(pnet_of b0)" = "$(pnet_of b1)" ] &&
	[ "$(pnet_of b2)" != "$(pnet_of r0)" ] &&
	[ "$(pnet_of b2)" != "$(pnet_of b0)" ]
}
afo_until 20 vrfs_apart
check_err $? "pnets: r0 $(pnet_of r0) r1 $(pnet_of r1) b2 $(pnet_of b2) b0 $(pnet_of b0) b1 $(pnet_of b1)"
out=$(show)
[ "$(jq_py "$out" "sorted(set((a['ifname'], a['l3dev']) for a in d['adapters']))")" = \
  "('b0', 'blue') ('b1', 'blue') ('b2', 'blue') ('r0', 'red') ('r1', 'red')" ]
check_err $? "arpfo show names the VRFs wrongly: $(jq_py "$out" "[(a['ifname'], a['l3dev']) for a in d['adapters']]")"
[ "$(jq_py "$out" "sorted(a['l3dev'] for a in d['addresses'] if a['address'] == '$GW')")" = "blue red" ]
check_err $? "$GW is not one address per VRF: $(jq_py "$out" "[a for a in d['addresses'] if a['address'] == '$GW']")"
log_test "discovery: one pnet per VRF and segment, $GW in each VRF"

answered_by red $R0
check_err $? "red's $GW answered by '$(afo_answer red eth0 $GW)', not r0"
answered_by blue $B0
check_err $? "blue's $GW answered by '$(afo_answer blue eth0 $GW)', not b0"
afo_in red ping -c 2 -W 1 $GW >/dev/null
check_err $? "red cannot ping its gateway"
afo_in blue ping -c 2 -W 1 $GW >/dev/null
check_err $? "blue cannot ping its gateway"
log_test "each tenant's gateway answered in its own VRF"

afo_cable host r0 down
afo_until 10 answered_by red $R1
check_err $? "red's $GW answered by '$(afo_answer red eth0 $GW)' after r0 failed, not r1"
answered_by blue $B0
check_err $? "blue's $GW answered by '$(afo_answer blue eth0 $GW)' after r0 failed"
! afo_dmesg_since | grep -q 'r0: arp_failover: takeover: b'
check_err $? "an adapter of blue took over r0's addresses"
log_test "r0 fails: r1 takes over, not b2 on the same segment"

afo_cable host r0 up
afo_until 15 answered_by red $R0
check_err $? "red's $GW answered by '$(afo_answer red eth0 $GW)' after r0 came back"
log_test "r0 reclaims"

afo_cable host b0 down
afo_until 10 answered_by blue $B1
check_err $? "blue's $GW answered by '$(afo_answer blue eth0 $GW)' after b0 failed, not b1"
answered_by red $R0
check_err $? "red's $GW answered by '$(afo_answer red eth0 $GW)' after b0 failed"
afo_cable host b0 up
afo_until 15 answered_by blue $B0
check_err $? "blue's $GW answered by '$(afo_answer blue eth0 $GW)' after b0 came back"
log_test "b0 fails over to b1 and reclaims, red untouched"

# b2 joins red: another L3 domain, so it is managed afresh and finds r0
# and r1 on its segment.
afo_in host ip link set b2 master red
check_err $? "cannot move b2 to red"
joined() {
	[ "$(pnet_of b2)" = "$(pnet_of r0)" ] &&
	[ "$(jq_py "$(show)" "[a['l3dev'] for a in d['adapters'] if a['ifname'] == 'b2'][0]")" = red ]
}
afo_until 20 joined
check_err $? "b2 in red: pnet $(pnet_of b2), r0's $(pnet_of r0)"
log_test "an adapter moved to another VRF joins that VRF's pnet"

afo_exit
