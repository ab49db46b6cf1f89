#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Offload adapters (tests/offload/afo_offload_test.ko: IFF_NOARP towards
# the host, "firmware" answering ARP for the addresses registered with
# it). A mixed pnet of host and offload adapters and an offload-only pnet:
# discovery, one answer per address, takeovers host -> offload and back,
# offload -> host and back, offload -> offload, and VIPAs on an offload
# holder; registrations are read from the driver's own state (debugfs)
# as well as seen on the wire.
#
#        host                            switch            clients
#   eth0 10.0.0.1  (host)     ---+
#   eth1 10.0.0.2  (host)     ---+------ seg0 ------------ a: 10.0.0.100
#   eth2 10.0.0.3  (offload 0)---+
#   eth3 10.0.1.1  (offload 1)---+------ seg1 ------------ b: 10.0.1.100
#   eth4 10.0.1.2  (offload 2)---+
#   dummy0 192.168.100.1/32 (VIPA)
. "$(dirname "$0")/lib.sh"
DRIVER=${ARPFO_OFFLOAD_MODULE:-$REPO/tests/offload/afo_offload_test.ko}
DBG=/sys/kernel/debug/afo_offload_test
VIPA=192.168.100.1
MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:0f:02
MAC3=02:00:00:00:0f:03
MAC4=02:00:00:00:0f:04

offload_cleanup() {
	grep -q '^afo_offload_test ' /proc/modules && rmmod afo_offload_test
	afo_cleanup
}
trap offload_cleanup EXIT

# afo_offload_port NS IFNAME SEG MAC CIDR PAIR: pair PAIR of the test
# driver as adapter IFNAME of NS, its wire side plugged into SEG.
afo_offload_port() {
	local peer

	peer=$(afo_peer "$1" "$2")
	ip link set "afow$6" netns "$(afo_ns sw)" name "$peer" || return 1
	ip -n "$(afo_ns sw)" link set "$peer" master "$3" up || return 1
	ip link set "afoo$6" netns "$(afo_ns "$1")" name "$2" || return 1
	ip -n "$(afo_ns "$1")" -batch - <<-BATCH
		link set $2 address $4 up
		addr add $5 dev $2
	BATCH
}
# registered PAIR: the addresses the driver's firmware answers for, in
# the order they were registered; sorted_registered sorts them.
registered() { sed -n 's/^registered: *//p' "$DBG/pair$1"; }
sorted_registered() { registered "$1" | tr ' ' '\n' | sort | xargs; }
show() { afo_in host "$ARPFO" show --json; }
field() { jq_py "$1" "[a['$3'] for a in d['adapters'] if a['ifname'] == '$2'][0]"; }

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add a
afo_netns_add b
afo_load
check_err $? "insmod arp_failover failed"
insmod "$DRIVER" pairs=3
check_err $? "insmod $DRIVER failed"
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
	afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
	afo_offload_port host eth2 seg0 $MAC2 10.0.0.3/24 0 &&
	afo_offload_port host eth3 seg1 $MAC3 10.0.1.1/24 1 &&
	afo_offload_port host eth4 seg1 $MAC4 10.0.1.2/24 2 &&
	afo_port a eth0 seg0 02:00:00:00:0a:00 10.0.0.100/24 &&
	afo_port b eth0 seg1 02:00:00:00:0b:00 10.0.1.100/24
check_err $? "topology setup failed"
afo_in host ip link add dummy0 type dummy
afo_in host ip link set dummy0 up
afo_in host ip addr add $VIPA/32 dev dummy0
sleep 2
log_test "load both modules, offload adapters plugged in"

j=$(show)
for i in 2 3 4; do
	[ "$(field "$j" eth$i kind)" = offload ]
	check_err $? "eth$i is not an offload adapter: $(field "$j" eth$i kind)"
done
[ "$(field "$j" eth2 pnet)" = "$(field "$j" eth0 pnet)" ]
check_err $? "mixed pnet not found: eth0 $(field "$j" eth0 pnet) eth2 $(field "$j" eth2 pnet)"
[ "$(field "$j" eth3 pnet)" = "$(field "$j" eth4 pnet)" ] &&
	[ "$(field "$j" eth3 pnet)" != "$(field "$j" eth0 pnet)" ]
check_err $? "offload-only pnet not found: eth3 $(field "$j" eth3 pnet) eth4 $(field "$j" eth4 pnet)"
log_test "discovery: a mixed pnet and an offload-only pnet"

[ "$(registered 0)" = 10.0.0.3 ]
check_err $? "offload 0 registered '$(registered 0)', expected 10.0.0.3"
[ "$(afo_answer a eth0 10.0.0.3)" = $MAC2 ] && [ "$(afo_answer a eth0 10.0.0.1)" = $MAC0 ] &&
	[ "$(afo_answer a eth0 10.0.0.2)" = $MAC1 ]
check_err $? "mixed pnet: not one answer per address from its own adapter"
[ "$(afo_answer b eth0 10.0.1.1)" = $MAC3 ] && [ "$(afo_answer b eth0 10.0.1.2)" = $MAC4 ]
check_err $? "offload pnet: not one answer per address from its own adapter"
# On seg1 only offload adapters can hold the VIPA duty (eth3 or eth4,
# whichever has the lower ifindex: their order in the namespace varies).
h=$(jq_py "$j" "[p['vipa_holder'] for p in d['pnets'] if 'eth3' in p['members']][0]")
case $h in
eth3) hmac=$MAC3 hpair=1 ;;
eth4) hmac=$MAC4 hpair=2 ;;
*) hmac=none hpair=none ;;
esac
[ "$(afo_answer b eth0 $VIPA)" = "$hmac" ]
check_err $? "seg1: VIPA answered by '$(afo_answer b eth0 $VIPA)', expected the holder $h"
grep -qw $VIPA "$DBG/pair$hpair" 2>/dev/null
check_err $? "the VIPA is not registered with the holder $h"
[ "$(afo_answer a eth0 $VIPA)" = $MAC0 ]
check_err $? "seg0: VIPA answered by '$(afo_answer a eth0 $VIPA)'"
log_test "one answer per address; offload adapters answer from their registrations"

# Host -> offload: eth2 is made the preferred backup.
afo_in host "$ARPFO" set eth2 priority 10
check_err $? "arpfo set failed"
afo_in a ping -c 1 -W 1 10.0.0.1 >/dev/null
afo_cable host eth0 down
sleep 0.5
# eth0 also held seg0's VIPA duty: it moves to eth2 too (priority 10).
[ "$(sorted_registered 0)" = "10.0.0.1 10.0.0.3 $VIPA" ]
check_err $? "takeover: offload 0 registered '$(registered 0)'"
[ "$(afo_answer a eth0 10.0.0.1)" = $MAC2 ]
check_err $? "10.0.0.1 answered by '$(afo_answer a eth0 10.0.0.1)' during takeover"
[ "$(afo_neigh a 10.0.0.1)" = $MAC2 ]
check_err $? "client not moved by the adapter's announcement: $(afo_neigh a 10.0.0.1)"
afo_cable host eth0 up
sleep 0.5
[ "$(sorted_registered 0)" = "10.0.0.3 $VIPA" ]
check_err $? "reclaim: offload 0 registered '$(registered 0)' (the VIPA duty stays)"
[ "$(afo_answer a eth0 10.0.0.1)" = $MAC0 ] && [ "$(afo_neigh a 10.0.0.1)" = $MAC0 ]
check_err $? "10.0.0.1 not back on eth0"
log_test "takeover host -> offload and reclaim"

# Offload -> host.
afo_in a ping -c 1 -W 1 10.0.0.3 >/dev/null
check_err $? "client cannot reach the offload adapter's address"
afo_cable host eth2 down
sleep 0.5
[ -z "$(registered 0)" ]
check_err $? "offload 0 still registered '$(registered 0)' without carrier"
[ "$(afo_answer a eth0 10.0.0.3)" = $MAC0 ] && [ "$(afo_neigh a 10.0.0.3)" = $MAC0 ]
check_err $? "10.0.0.3 not taken over by eth0: '$(afo_answer a eth0 10.0.0.3)'"
afo_cable host eth2 up
sleep 0.5
[ "$(registered 0)" = 10.0.0.3 ] && [ "$(afo_answer a eth0 10.0.0.3)" = $MAC2 ]
check_err $? "offload 0 did not reclaim 10.0.0.3: '$(registered 0)'"
afo_in a ping -c 1 -W 1 10.0.0.3 >/dev/null
check_err $? "client cannot reach 10.0.0.3 after reclaim"
log_test "takeover offload -> host and reclaim"

# Offload -> offload, with the VIPA duty moving along.
afo_cable host eth3 down
sleep 0.5
[ "$(sorted_registered 2)" = "10.0.1.1 10.0.1.2 $VIPA" ] && [ -z "$(registered 1)" ]
check_err $? "after eth3 failed: offload 2 registered '$(registered 2)', offload 1 '$(registered 1)'"
[ "$(afo_answer b eth0 10.0.1.1)" = $MAC4 ] && [ "$(afo_answer b eth0 $VIPA)" = $MAC4 ]
check_err $? "seg1 not answered by eth4 alone after eth3 failed"
afo_cable host eth3 up
sleep 0.8
[ "$(afo_answer b eth0 10.0.1.1)" = $MAC3 ]
check_err $? "10.0.1.1 not back on eth3"
[ "$(afo_answer b eth0 $VIPA)" = $MAC4 ]
check_err $? "the VIPA duty moved back (policy: stay): '$(afo_answer b eth0 $VIPA)'"
log_test "takeover offload -> offload, VIPA duty on an offload holder"

rmmod afo_offload_test
check_err $? "rmmod of the driver failed"
j=$(show)
[ "$(jq_py "$j" "sorted(a['ifname'] for a in d['adapters'])")" = "eth0 eth1" ]
check_err $? "offload adapters still managed: $(jq_py "$j" "[a['ifname'] for a in d['adapters']]")"
rmmod arp_failover
check_err $? "rmmod arp_failover failed"
log_test "driver and module unload"

afo_exit
