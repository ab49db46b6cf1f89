#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# State follows the host at runtime: adapters and addresses added and
# removed, an adapter renamed, re-addressed (MAC) and moved to another
# namespace, module parameters changed (bad values refused), and the
# module removed under traffic and flapping.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#  (eth2 10.0.0.3)---+     (eth2's cable later moves to seg1 and back)
. "$(dirname "$0")/lib.sh"
P=/sys/module/arp_failover/parameters

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_netns_add other
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"
afo_load
check_err $? "insmod failed"
log_test "load"

afo_dmesg_mark
afo_port host eth2 seg0 02:00:00:00:01:02 10.0.0.3/24
sleep 1
afo_dmesg_since | grep -q 'eth2: arp_failover: managed: carrier'
check_err $? "hot-added eth2 not managed"
afo_dmesg_since | grep -q 'eth2: arp_failover: pnet .*(3 adapters on it)'
check_err $? "hot-added eth2 did not join seg0's pnet"
[ "$(afo_answer client eth0 10.0.0.3)" = 02:00:00:00:01:02 ]
check_err $? "10.0.0.3 not answered once by eth2"
log_test "hot-added adapter managed and discovered"

# A cable moved to another segment (unplugged, plugged in elsewhere):
# the probe on carrier splits eth2 off; moved back without a carrier
# change, periodic re-verification merges it back. (Moved without a
# carrier change, a port put in another VLAN, its path is judged silent
# instead: tests/probe_loss.sh, tests/silent.sh.)
echo 1 > /sys/module/arp_failover/parameters/reverify_s
afo_dmesg_mark
afo_cable host eth2 down
ip -n "$(afo_ns sw)" link set "$(afo_peer host eth2)" master seg1
afo_cable host eth2 up
sleep 4
afo_dmesg_since | grep -q 'eth2: arp_failover: pnet .*(1 adapters on it)'
check_err $? "eth2 not split off after its cable moved: $(afo_dmesg_since | grep pnet)"
afo_dmesg_mark
ip -n "$(afo_ns sw)" link set "$(afo_peer host eth2)" master seg0
sleep 4
afo_dmesg_since | grep -q 'eth2: arp_failover: pnet .*(3 adapters on it)'
check_err $? "eth2 not merged back: $(afo_dmesg_since | grep pnet)"
echo 30 > /sys/module/arp_failover/parameters/reverify_s
log_test "moved cable splits and merges pnets"

# Backup choice: lowest ifindex among equals (eth1), unless a priority
# says otherwise (eth2:10).
for prio in "" eth2:10; do
	echo "$prio" > /sys/module/arp_failover/parameters/priority
	sleep 0.3
	want=eth1
	[ -n "$prio" ] && want=eth2
	afo_dmesg_mark
	afo_cable host eth0 down
	sleep 0.3
	afo_dmesg_since | grep -q "eth0: arp_failover: takeover: $want answers"
	check_err $? "priority '$prio': $(afo_dmesg_since | grep takeover)"
	afo_cable host eth0 up
	sleep 0.5
done
echo "" > /sys/module/arp_failover/parameters/priority
log_test "backup chosen by priority, then lowest ifindex"

afo_in host ip addr add 10.0.0.11/24 dev eth0
[ "$(afo_answer client eth0 10.0.0.11)" = 02:00:00:00:01:00 ]
check_err $? "secondary 10.0.0.11 not answered once by eth0"
afo_in client ping -c 1 -W 1 10.0.0.11 >/dev/null
afo_dmesg_mark
afo_cable host eth0 down
sleep 0.3
afo_dmesg_since | grep -q 'eth0: arp_failover: takeover: eth1 answers for its 2 addresses'
check_err $? "takeover did not cover both addresses"
[ "$(afo_neigh client 10.0.0.11)" = 02:00:00:00:01:01 ]
check_err $? "client holds $(afo_neigh client 10.0.0.11) for the secondary"
afo_cable host eth0 up
sleep 0.3
afo_in host ip addr del 10.0.0.11/24 dev eth0
out=$(afo_probe client eth0 10.0.0.11 --count 1 --timeout 300)
[ "$(json_field "$out" verdict)" = none ]
check_err $? "removed address still answered: $out"
log_test "secondary address: answered, taken over, withdrawn"

afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1"
afo_in host ip link set eth0 address 02:00:00:00:01:aa
sleep 0.3
[ "$(afo_neigh client 10.0.0.1)" = 02:00:00:00:01:aa ]
check_err $? "client not told of eth0's new MAC: $(afo_neigh client 10.0.0.1)"
[ "$(afo_answer client eth0 10.0.0.1)" = 02:00:00:00:01:aa ]
check_err $? "10.0.0.1 not answered with the new MAC"
log_test "MAC change announced"

afo_in host ip -batch - <<-BATCH
	link set eth1 down
	link set eth1 name lan1
	link set lan1 up
BATCH
sleep 0.5
[ "$(afo_answer client eth0 10.0.0.2)" = 02:00:00:00:01:01 ]
check_err $? "10.0.0.2 not answered once after rename"
log_test "renamed adapter still managed"

afo_dmesg_mark
afo_in host ip link set eth2 netns "$(afo_ns other)"
afo_dmesg_since | grep -q 'eth2.*: arp_failover: no longer managed'
check_err $? "eth2 still managed after leaving the namespace"
afo_in host ip link del lan1
afo_dmesg_since | grep -q 'lan1.*: arp_failover: no longer managed'
check_err $? "deleted lan1 still managed"
log_test "adapters moved away and deleted are released"

# parameters: bad values refused with a log line, good ones taken
afo_dmesg_mark
old=$(cat $P/garp_count)
! echo 1000 > $P/garp_count 2>/dev/null
check_err $? "garp_count=1000 accepted"
[ "$(cat $P/garp_count)" = "$old" ]
check_err $? "garp_count changed by a refused write"
afo_dmesg_since | grep -q 'garp_count: rejected .1000.: expected a number from 0 to 100'
check_err $? "no log line for the refused garp_count"
! echo 'eth0:x' > $P/priority 2>/dev/null
check_err $? "priority=eth0:x accepted"
! echo abc > $P/probe_timeout_ms 2>/dev/null
check_err $? "probe_timeout_ms=abc accepted"
echo 5 > $P/garp_count && [ "$(cat $P/garp_count)" = 5 ]
check_err $? "garp_count=5 refused"
log_test "parameters validated"

afo_dmesg_mark
echo 'eth0' > $P/exclude
sleep 0.5
afo_dmesg_since | grep -q 'eth0: arp_failover: no longer managed'
check_err $? "exclude=eth0 did not release eth0"
echo '' > $P/exclude
sleep 0.5
afo_dmesg_since | grep -q 'eth0: arp_failover: managed'
check_err $? "clearing exclude did not manage eth0 again"
log_test "include/exclude applied at runtime"

# rmmod while the client pings and eth0's cable flaps
afo_port host eth3 seg0 02:00:00:00:01:03 10.0.0.4/24
afo_in client ping -q -i 0.01 -c 300 10.0.0.1 >/dev/null 2>&1 &
pinger=$!
(for i in $(seq 20); do afo_cable host eth0 down; afo_cable host eth0 up; done) &
flapper=$!
sleep 0.5
rmmod arp_failover
check_err $? "rmmod under traffic failed"
wait $flapper
wait $pinger
! grep -q '^arp_failover ' /proc/modules
check_err $? "module still loaded"
log_test "rmmod under traffic and flapping"

# deleting a namespace with managed adapters, module loaded
afo_load
afo_in host ip link set eth0 up
ip netns del "$(afo_ns host)"
sleep 0.5
rmmod arp_failover
check_err $? "rmmod after namespace deletion failed"
log_test "namespace with managed adapters deleted"

afo_exit
