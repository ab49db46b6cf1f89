#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Silent failures where the host has what hosts have: one default route
# (the kernel puts it on one adapter), no route at all, or a VRF whose one
# default route is in its own table. A pair that loses each other's
# liveness frames asks a target through each adapter to learn which side
# failed; the target needs no configuration:
#
#   h1  one default route via eth0   both adapters ask the gateway
#   h2  no gateway                   both ask a host heard on the segment
#   h3  VRF blue, its one default    both ask the VRF's gateway
#       route in table 20
#
# In each, each switch port is blocked in turn (carrier up): the blocked
# adapter is judged target-lost, its sibling answers for its address and
# the client's traffic follows; unblocked, it reclaims.
#
#     hN                      switch            others
#   eth0 10.0.N.1 ---+
#                    +--- segN ---+----------- cN  eth0 10.0.N.100
#   eth1 10.0.N.2 ---+            +----------- gN  eth0 10.0.N.254 (h1, h3)
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01

afo_switch seg1 seg2 seg3
for n in 1 2 3; do
	afo_netns_add h$n
	afo_netns_add c$n
	afo_port c$n eth0 seg$n 02:00:00:00:0c:00 10.0.$n.100/24 || break
done
afo_netns_add g1 && afo_netns_add g3
check_err $? "namespaces"
afo_port h1 eth0 seg1 $MAC0 10.0.1.1/24 &&
afo_port h1 eth1 seg1 $MAC1 10.0.1.2/24 &&
afo_port g1 eth0 seg1 02:00:00:00:0f:00 10.0.1.254/24 &&
afo_in h1 ip route add default via 10.0.1.254 &&
afo_port h2 eth0 seg2 $MAC0 10.0.2.1/24 &&
afo_port h2 eth1 seg2 $MAC1 10.0.2.2/24 &&
afo_port g3 eth0 seg3 02:00:00:00:0f:00 10.0.3.254/24 &&
afo_port h3 eth0 seg3 $MAC0 &&
afo_port h3 eth1 seg3 $MAC1 &&
afo_in h3 ip -batch - <<-BATCH
	link add blue type vrf table 20
	link set blue up
	link set eth0 master blue
	link set eth1 master blue
	addr add 10.0.3.1/24 dev eth0
	addr add 10.0.3.2/24 dev eth1
	route add vrf blue default via 10.0.3.254
BATCH
check_err $? "topology setup failed (no vrf module?)"
[ "$(afo_in h1 ip route show default | grep -o 'dev [a-z0-9]*')" = "dev eth0" ] &&
[ -z "$(afo_in h3 ip route show default)" ]
check_err $? "default routes: h1 $(afo_in h1 ip route show default), h3 main $(afo_in h3 ip route show default)"
log_test "h1 has one default route (via eth0), h2 none, h3 one in its VRF only"

afo_load
check_err $? "insmod failed"
# h2 hears a host on its segment (the client asks for its addresses).
afo_in c2 ping -c 1 -W 2 10.0.2.1 >/dev/null &&
afo_in c2 ping -c 1 -W 2 10.0.2.2 >/dev/null
check_err $? "c2 cannot reach h2"

show() { afo_in "$1" "$ARPFO" show --json; }
# targets NS: "IFNAME=TARGET/SOURCE" of each adapter, and whether it
# hears its sibling
targets() {
	jq_py "$(show "$1")" "sorted('%s=%s/%s:%s' % (a['ifname'], a['target'], a['target_src'],
		a['hears_ms'] is not None and a['hears_ms'] < 1000) for a in d['adapters'])"
}
targets_are() { [ "$(targets "$1")" = "$2" ]; }
judged() { jq_py "$(show "$1")" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
judged_is() { [ "$(judged "$1")" = "$2" ]; }
responder() { jq_py "$(show "$1")" "[a['responder'] for a in d['addresses'] if a['address'] == '$2'][0]"; }
responder_is() { [ "$(responder "$1" "$2")" = "$3" ]; }
neigh_is() { [ "$(afo_neigh "$1" "$2")" = "$3" ]; }

# failover NS FAILED OTHER ADDRESS FAILED_MAC OTHER_MAC: block FAILED's
# switch port until OTHER answers for ADDRESS, the client's traffic with
# it; unblock until FAILED answers again.
failover() {
	local ns=$1 failed=$2 other=$3 addr=$4 fmac=$5 omac=$6 client=c${1#h}

	afo_block "$ns" "$failed" on
	check_err $? "cannot block $ns's $failed"
	afo_until 15 responder_is "$ns" "$addr" "$other"
	check_err $? "$addr answered by '$(responder "$ns" "$addr")', judged $(judged "$ns"), targets $(targets "$ns")"
	[ "$(judged "$ns")" = "$failed=target-lost $other=ok" ] ||
	[ "$(judged "$ns")" = "$other=ok $failed=target-lost" ]
	check_err $? "judged with $failed blocked: $(judged "$ns")"
	[ "$(afo_carrier "$ns" "$failed")" = 1 ]
	check_err $? "$failed lost its carrier: not a silent failure"
	afo_in "$client" ping -c 2 -W 2 "$addr" >/dev/null
	check_err $? "$client cannot ping $addr during the takeover"
	afo_until 5 neigh_is "$client" "$addr" "$omac"
	check_err $? "$client holds '$(afo_neigh "$client" "$addr")' for $addr"
	log_test "$ns: $failed's port blocked: $other takes over $addr, traffic follows"

	afo_block "$ns" "$failed" off
	check_err $? "cannot unblock $ns's $failed"
	afo_until 30 responder_is "$ns" "$addr" "$failed"
	check_err $? "$addr answered by '$(responder "$ns" "$addr")' after unblocking, judged $(judged "$ns")"
	afo_until 10 judged_is "$ns" "eth0=ok eth1=ok"
	check_err $? "judged after unblocking: $(judged "$ns")"
	afo_until 5 neigh_is "$client" "$addr" "$fmac"
	check_err $? "$client holds $(afo_neigh "$client" "$addr") for $addr after the reclaim"
	log_test "$ns: $failed's port unblocked: it reclaims $addr"
}

# pair NS TARGET SOURCE: both adapters hear each other and know TARGET.
pair() {
	local want="eth0=$2/$3:True eth1=$2/$3:True"

	afo_until 20 targets_are "$1" "$want"
	check_err $? "$1: targets $(targets "$1"), want $want"
	log_test "$1: both adapters ask $2 ($3)"
	failover "$1" eth0 eth1 "10.0.${1#h}.1" $MAC0 $MAC1
	failover "$1" eth1 eth0 "10.0.${1#h}.2" $MAC1 $MAC0
}

pair h1 10.0.1.254 gateway
pair h2 10.0.2.100 neighbour
pair h3 10.0.3.254 gateway

afo_exit
