#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A probe round counts only the adapters that existed when it went out.
# Each adapter has a slot, its bit in its siblings' probe rounds, handed
# out again as soon as the adapter goes. eth0 probes again (a new MAC),
# eth1 hears it and its bit is set; eth1 is deleted and eth3, on another
# segment, is added while eth0's round is still open (a 10 s probe
# timeout): eth3 gets eth1's slot. When eth0's round is decided, eth3
# must not count as having heard it: eth0 and eth3 never share a pnet,
# and eth0, alone on its segment now, keeps its pnet.
#
#        host                      switch
#   eth0 10.0.0.1 ---+---- seg0
#   eth1 10.0.0.2 ---+              (deleted while eth0's round is open)
#   eth2 10.0.1.2 -------- seg1
#   eth3 10.0.1.3 -------- seg1     (added then, takes eth1's slot)
. "$(dirname "$0")/lib.sh"
PARAMS=/sys/module/arp_failover/parameters

afo_switch seg0 seg1
afo_netns_add host
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
	afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
	afo_port host eth2 seg1 02:00:00:00:01:02 10.0.1.2/24
check_err $? "topology setup failed"
# Liveness and re-verification off: only the probes under test decide.
afo_load liveness_ms=0 reverify_s=0
check_err $? "insmod failed"

# stat IFNAME FIELD: one of the adapter's fields, or one of its counters.
stat() {
	afo_in host "$ARPFO" show --json | python3 -c 'import json, sys
a = [a for a in json.load(sys.stdin)["adapters"] if a["ifname"] == sys.argv[1]][0]
print(a.get(sys.argv[2], a["stats"].get(sys.argv[2])))' "$1" "$2"
}

pnet0=$(stat eth0 pnet)
[ -n "$pnet0" ] && [ "$pnet0" = "$(stat eth1 pnet)" ]
check_err $? "eth0 and eth1 are not on one pnet after discovery"
log_test "eth0 and eth1 found on one network"

echo 10000 > $PARAMS/probe_timeout_ms
heard=$(stat eth1 probes_heard)
afo_dmesg_mark
ip -n "$(afo_ns host)" link set eth0 address 02:00:00:00:01:10
for _ in 1 2 3 4 5 6 7 8 9 10; do
	[ "$(stat eth1 probes_heard)" -gt "$heard" ] && break
	sleep 0.1
done
[ "$(stat eth1 probes_heard)" -gt "$heard" ]
check_err $? "eth1 did not hear eth0's new probe"
ip -n "$(afo_ns sw)" link del "$(afo_peer host eth1)" &&
	afo_port host eth3 seg1 02:00:00:00:01:03 10.0.1.3/24
check_err $? "replacing eth1 by eth3 failed"
log_test "eth1 heard eth0's probe and went; eth3 came while the round was open"

# Both rounds decided: eth0's (10 s after its probe) and eth3's own.
sleep 11
moves=$(afo_dmesg_since | grep 'eth0: arp_failover: pnet')
[ -z "$moves" ]
check_err $? "eth0 moved: $moves"
[ "$(stat eth0 pnet)" = "$pnet0" ] && [ "$(stat eth0 pnet)" != "$(stat eth3 pnet)" ]
check_err $? "eth0 on pnet $(stat eth0 pnet) (was $pnet0), eth3 on $(stat eth3 pnet)"
[ "$(stat eth3 pnet)" = "$(stat eth2 pnet)" ]
check_err $? "eth3 is not on eth2's pnet"
log_test "eth0 keeps its pnet: eth3 did not hear a probe sent before it came"

afo_exit
