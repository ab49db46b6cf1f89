#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The uplink beyond the switch: eth0 is plugged into sw1, its siblings
# into sw2 with the gateway and the client; an inter-switch link (isl)
# joins the two. Cut the isl (its port stops passing frames, every
# carrier stays up) and eth0 is cut off from the rest of the network.
#
# 1. Two adapters: neither hears the other; eth0's gateway stops answering
#    while eth1's answers, so eth0 is judged target-lost and eth1 takes
#    over 10.0.0.1; the isl restored, eth0 reclaims.
# 2. The same two, with the gateway gone first: both lose the target, so
#    when the isl is cut too, nobody moves.
# 3. Three adapters (eth1 and eth2 on sw2): eth1 and eth2 still hear each
#    other, so the siblings alone judge eth0 silent.
#
#        host              switch ns                        others
#   eth0 10.0.0.1 ---- sw1 ==isl1==isl2== sw2 ---+--------- gw     eth0 10.0.0.254
#   eth1 10.0.0.2 -----------------------/       +--------- client eth0 10.0.0.100
#  (eth2 10.0.0.3 -----------------------/  in part 3)
#   default via 10.0.0.254 through each adapter
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
GW=10.0.0.254

# topology N: the drawing with N host adapters, the module loaded.
topology() {
	local n=$1 i

	afo_switch sw1 sw2 &&
	ip -n "$(afo_ns sw)" -batch - <<-BATCH &&
		link add isl1 type veth peer name isl2
		link set isl1 master sw1 up
		link set isl2 master sw2 up
	BATCH
	afo_netns_add host &&
	afo_netns_add client &&
	afo_netns_add gw &&
	afo_port host eth0 sw1 $MAC0 10.0.0.1/24 &&
	afo_port client eth0 sw2 02:00:00:00:0c:00 10.0.0.100/24 &&
	afo_port gw eth0 sw2 02:00:00:00:0f:00 $GW/24 || return 1
	for ((i = 1; i < n; i++)); do
		afo_port host eth$i sw2 02:00:00:00:01:0$i 10.0.0.$((i + 1))/24 || return 1
	done
	for ((i = 0; i < n; i++)); do
		afo_in host ip route add default via $GW dev eth$i metric $((100 + i)) || return 1
	done
	afo_load
}

show() { afo_in host "$ARPFO" show --json; }
judged() { jq_py "$(show)" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
judged_is() { [ "$(judged)" = "$1" ]; }
logged() { afo_dmesg_since | grep -q "$1"; }
neigh_is() { [ "$(afo_neigh client "$1")" = "$2" ]; }
takeovers() { jq_py "$(show)" "sorted(a['stats']['takeovers'] for a in d['adapters'])"; }
# ready N: N adapters on one pnet, each hearing a sibling and knowing the
# gateway as its target (asked only when it misses its siblings).
ready() {
	[ "$(jq_py "$(show)" "[len(p['members']) for p in d['pnets']] == [$1] and all(
		a['hears_ms'] is not None and a['hears_ms'] < 1000 and a['target'] == '$GW'
		for a in d['adapters'])")" = True ]
}
isl() { afo_port_state isl1 "$1"; }

# ---- 1. two adapters, the isl cut
topology 2
check_err $? "topology setup failed"
afo_until 20 ready 2
check_err $? "not ready: $(jq_py "$(show)" "(d['pnets'], [(a['ifname'], a['hears_ms'], a['target'], a['target_ms']) for a in d['adapters']])")"
[ "$(judged)" = "eth0=ok eth1=ok" ]
check_err $? "judged before any failure: $(judged)"
afo_in client ping -c 1 -W 2 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1 across the isl"
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1"
log_test "two switches: eth0 reached across the isl, both judged ok"

afo_dmesg_mark
isl 1
check_err $? "cannot cut the isl"
afo_until 10 logged "eth0: arp_failover: takeover: eth1 answers for its 1 addresses"
check_err $? "no takeover of eth0 by eth1 within 10 s of cutting the isl"
[ "$(afo_carrier host eth0)$(afo_carrier host eth1)" = 11 ]
check_err $? "an adapter lost its carrier"
[ "$(judged)" = "eth0=target-lost eth1=ok" ]
check_err $? "judged with the isl cut: $(judged)"
logged "eth0: arp_failover: path judged lost: hears no sibling and its target does not answer while a sibling's does"
check_err $? "no 'path judged lost' line for eth0"
! logged "eth1: arp_failover: path judged"
check_err $? "eth1 judged: $(afo_dmesg_since | grep 'eth1: arp_failover: path judged')"
afo_until 5 neigh_is 10.0.0.1 $MAC1
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1"
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC1 ]
check_err $? "10.0.0.1 answered by '$(afo_answer client eth0 10.0.0.1)'"
afo_in client ping -c 2 -W 2 10.0.0.1 >/dev/null
check_err $? "client cannot ping 10.0.0.1 with the isl cut"
log_test "isl cut: eth0 judged target-lost, eth1 takes over 10.0.0.1, traffic flows"

afo_dmesg_mark
isl 3
check_err $? "cannot restore the isl"
afo_until 10 logged "eth0: arp_failover: reclaim: answers for its addresses again (was eth1)"
check_err $? "no reclaim by eth0 within 10 s of restoring the isl"
logged "eth0: arp_failover: path works again"
check_err $? "no 'path works again' line for eth0"
afo_until 5 judged_is "eth0=ok eth1=ok"
check_err $? "judged with the isl back: $(judged)"
afo_until 5 neigh_is 10.0.0.1 $MAC0
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1 after the reclaim"
afo_in client ping -c 2 -W 2 10.0.0.1 >/dev/null
check_err $? "client cannot ping 10.0.0.1 after the reclaim"
log_test "isl restored: eth0 judged ok, reclaims 10.0.0.1"

# ---- 2. both lose the gateway, then each other: nobody moves
t0=$(takeovers)
afo_dmesg_mark
afo_block gw eth0 on
check_err $? "cannot block the gateway's port"
gone() {
	[ "$(jq_py "$(show)" "all(a['target_ms'] is None or a['target_ms'] > 2000 for a in d['adapters'])")" = True ]
}
afo_until 20 gone
check_err $? "the gateway still answers"
isl 1
check_err $? "cannot cut the isl"
# both hear no sibling: give the judgement ten times the detection time
sleep 3
[ "$(afo_adapter host eth0 "a['hears_ms'] is None or a['hears_ms'] > 1000")" = True ]
check_err $? "eth0 still hears eth1 with the isl cut: $(afo_adapter host eth0 "a['hears_ms']")"
! afo_dmesg_since | grep -q -e 'takeover:' -e 'path judged'
check_err $? "moved or judged: $(afo_dmesg_since | grep -e 'takeover:' -e 'path judged')"
[ "$(judged)" = "eth0=ok eth1=ok" ]
check_err $? "judged with the gateway gone and the isl cut: $(judged)"
[ "$(takeovers)" = "$t0" ]
check_err $? "takeovers went from $t0 to $(takeovers)"
[ "$(afo_answer client eth0 10.0.0.2)" = $MAC1 ]
check_err $? "10.0.0.2 answered by '$(afo_answer client eth0 10.0.0.2)'"
log_test "gateway gone for both, then the isl cut: nobody moves"

isl 3
check_err $? "cannot restore the isl"
afo_block gw eth0 off
check_err $? "cannot unblock the gateway's port"
# cut off from each other, they may have split into two pnets: they join
# again at the next re-verification (reverify_s, 30 s)
afo_until 45 ready 2
check_err $? "not back: $(jq_py "$(show)" "[(a['ifname'], a['hears_ms'], a['target_ms']) for a in d['adapters']]")"
! afo_dmesg_since | grep -q -e 'takeover:' -e 'reclaim:' -e 'path judged'
check_err $? "moved or judged: $(afo_dmesg_since | grep -e 'takeover:' -e 'reclaim:' -e 'path judged')"
log_test "isl and gateway back: nothing moved"

# ---- 3. three adapters: the siblings judge the isolated one
afo_cleanup
topology 3
check_err $? "topology setup (three adapters) failed"
afo_until 20 ready 3
check_err $? "not ready: $(jq_py "$(show)" "(d['pnets'], [(a['ifname'], a['hears_ms'], a['target'], a['target_ms']) for a in d['adapters']])")"
[ "$(judged)" = "eth0=ok eth1=ok eth2=ok" ]
check_err $? "judged before any failure: $(judged)"
afo_in client ping -c 1 -W 2 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1 across the isl"
log_test "three adapters, eth0 beyond the isl: all judged ok"

afo_dmesg_mark
isl 1
check_err $? "cannot cut the isl"
afo_until 10 logged "eth0: arp_failover: takeover: eth[12] answers for its 1 addresses"
check_err $? "no takeover of eth0 within 10 s of cutting the isl"
other=$(afo_dmesg_since | sed -n 's/.*eth0: arp_failover: takeover: \(eth[12]\) answers.*/\1/p' | head -1)
[ "$(judged)" = "eth0=silent eth1=ok eth2=ok" ]
check_err $? "judged with the isl cut: $(judged)"
logged "eth0: arp_failover: path judged silent: carrier up, hears no sibling and no sibling hears it"
check_err $? "no 'path judged silent' line for eth0"
[ "$(afo_dmesg_since | grep -c 'path judged')" = 1 ]
check_err $? "other judgements: $(afo_dmesg_since | grep 'path judged')"
afo_until 5 neigh_is 10.0.0.1 "02:00:00:00:01:0${other#eth}"
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1, $other took over"
afo_in client ping -c 2 -W 2 10.0.0.1 >/dev/null
check_err $? "client cannot ping 10.0.0.1 with the isl cut"
log_test "isl cut: the siblings judge eth0 silent, $other takes over 10.0.0.1"

afo_dmesg_mark
isl 3
check_err $? "cannot restore the isl"
afo_until 10 logged "eth0: arp_failover: reclaim: answers for its addresses again (was $other)"
check_err $? "no reclaim by eth0 within 10 s of restoring the isl"
afo_until 5 judged_is "eth0=ok eth1=ok eth2=ok"
check_err $? "judged with the isl back: $(judged)"
afo_until 5 neigh_is 10.0.0.1 $MAC0
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1 after the reclaim"
log_test "isl restored: eth0 judged ok, reclaims 10.0.0.1"

afo_exit
