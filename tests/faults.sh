#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Faults: several adapters flapping at once (announcements stay within
# their rate limit and the final state is right), adapters deleted while
# probes and announcements are pending, rmmod under flapping and ARP
# load, a namespace deleted mid-flap, and address churn. On the debug
# kernel (make check-debug) this is where KASAN, lockdep and kmemleak
# earn their keep; everywhere, the VM run fails on any kernel report.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth2 10.0.0.3 ---+
. "$(dirname "$0")/lib.sh"
require_cmd tcpdump
P=/sys/module/arp_failover/parameters
MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02

topology() {
	afo_switch seg0
	afo_netns_add host
	afo_netns_add client
	afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
	afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
	afo_port host eth2 seg0 $MAC2 10.0.0.3/24 &&
	afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
}

# flap NS IFNAME N: pull and plug a cable N times, as fast as one ip
# process can (one command per process would be slow under TCG). The
# batch stops at its first error, when the cable's namespace is deleted
# under it: every further command would name a missing device, for which
# the kernel runs modprobe (dev_load) - slow enough on the debug kernel
# to push this scenario past its timeout.
flap() {
	local peer i

	peer=$(afo_peer "$1" "$2")
	for i in $(seq "$3"); do
		echo "link set $peer down"
		echo "link set $peer up"
	done | ip -n "$(afo_ns sw)" -batch - 2>/dev/null
}

show() { afo_in host "$ARPFO" show --json; }
field() { jq_py "$1" "[a['$3'] for a in d['adapters'] if a['ifname'] == '$2'][0]"; }

topology
check_err $? "topology setup failed"
afo_load
check_err $? "insmod failed"
log_test "load"

# Two of three adapters flap together, 200 times each; every gratuitous
# ARP the client sees is counted per address. The client talks to both first, so
# that it holds entries the announcements update.
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null &&
	afo_in client ping -c 1 -W 1 10.0.0.2 >/dev/null
check_err $? "client cannot reach the host"
pcap=/var/tmp/faults.$$.pcap
afo_capture client eth0 "$pcap"
check_err $? "tcpdump did not start"
t0=$(date +%s%N)
flap host eth0 200 &
f0=$!
flap host eth1 200 &
f1=$!
wait $f0 $f1
sleep 1
t1=$(date +%s%N)
afo_capture_end
window_ms=$(( (t1 - t0) / 1000000 ))
interval=$(cat $P/garp_interval_ms)
limit=$(( window_ms / interval + $(cat $P/garp_count) + 2 ))
j=$(show)
transitions=$(jq_py "$j" "sum(a['stats']['takeovers'] + a['stats']['reclaims'] for a in d['adapters'])")
for ip in 10.0.0.1 10.0.0.2; do
	n=$(tcpdump -n -r "$pcap" 2>/dev/null | grep -c "who-has $ip tell $ip")
	echo "# $ip: $n gratuitous ARPs in $window_ms ms ($transitions takeovers and reclaims in all; limit $limit)"
	[ "$n" -le "$limit" ]
	check_err $? "$ip announced $n times in $window_ms ms, more than once per $interval ms"
	[ "$n" -ge 1 ]
	check_err $? "$ip never announced while flapping"
done
rm -f "$pcap" "$pcap.log"
log_test "flapping: announcements within their rate limit"

for i in 0 1 2; do
	[ "$(field "$j" eth$i state)" = healthy ] && [ "$(field "$j" eth$i responder)" = eth$i ]
	check_err $? "eth$i after flapping: $(field "$j" eth$i state), answered by $(field "$j" eth$i responder)"
done
for pair in 10.0.0.1=$MAC0 10.0.0.2=$MAC1 10.0.0.3=$MAC2; do
	[ "$(afo_answer client eth0 ${pair%=*})" = ${pair#*=} ]
	check_err $? "${pair%=*} not answered once by ${pair#*=} after flapping"
done
# The last announcement came from the right adapter: the client's entry.
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ] && [ "$(afo_neigh client 10.0.0.2)" = $MAC1 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) / $(afo_neigh client 10.0.0.2) after flapping"
log_test "flapping: final state right"

# Adapters deleted with slow probes and long announcement trains pending.
echo 3000 > $P/probe_timeout_ms
echo 20 > $P/garp_count
echo 200 > $P/garp_interval_ms
afo_cable host eth0 down
afo_cable host eth0 up
afo_in host ip link del eth0
afo_in host ip link del eth1
sleep 1
j=$(show)
[ "$(jq_py "$j" "[a['ifname'] for a in d['adapters']]")" = eth2 ]
check_err $? "adapters left: $(jq_py "$j" "[a['ifname'] for a in d['adapters']]")"
[ "$(afo_answer client eth0 10.0.0.3)" = $MAC2 ]
check_err $? "10.0.0.3 not answered by eth2 after its siblings went"
echo 200 > $P/probe_timeout_ms
echo 3 > $P/garp_count
echo 100 > $P/garp_interval_ms
rmmod arp_failover
check_err $? "rmmod failed"
log_test "adapters deleted with probes and announcements pending"

# rmmod while two adapters flap and the client floods ARP requests.
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
	afo_port host eth1 seg0 $MAC1 10.0.0.2/24
check_err $? "re-adding adapters failed"
for round in 1 2 3; do
	afo_load
	check_err $? "insmod failed in round $round"
	afo_in client "$PROBE" eth0 10.0.0.1 --count 2000 --interval 1 --timeout 1 >/dev/null 2>&1 &
	load=$!
	flap host eth0 100 &
	f0=$!
	flap host eth1 100 &
	f1=$!
	sleep 0.$((round * 3))
	rmmod arp_failover
	check_err $? "rmmod under flapping and ARP load failed in round $round"
	wait $f0 $f1
	kill $load 2>/dev/null
	wait $load 2>/dev/null
done
! grep -q '^arp_failover ' /proc/modules
check_err $? "module still loaded"
log_test "rmmod under flapping and ARP load, three times"

# A namespace deleted while its adapters flap and probe.
afo_load
check_err $? "insmod failed"
afo_netns_add doomed
afo_port doomed eth0 seg0 02:00:00:00:0d:00 10.0.0.51/24 &&
	afo_port doomed eth1 seg0 02:00:00:00:0d:01 10.0.0.52/24
check_err $? "doomed namespace setup failed"
flap doomed eth0 100 &
f0=$!
flap doomed eth1 100 &
f1=$!
sleep 0.7
ip netns del "$(afo_ns doomed)"
wait $f0 $f1
sleep 0.5
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC0 ]
check_err $? "host stopped answering after another namespace went"
log_test "namespace deleted while its adapters flap"

# Address churn on three adapters while one flaps: the module's table
# ends up equal to the kernel's, each address answered once by its owner.
flap host eth1 100 &
f1=$!
for i in $(seq 1 40); do
	echo "addr add 10.0.0.$((100 + i))/24 dev eth$((i % 3))"
	[ $((i % 4)) -eq 0 ] && echo "addr del 10.0.0.$((100 + i - 2))/24 dev eth$(((i - 2) % 3))"
done | ip -n "$(afo_ns host)" -batch -
check_err $? "address churn failed"
wait $f1
sleep 1
kernel=$(afo_in host ip -4 -o addr show | awk '$2 ~ /^eth/ { sub("/.*", "", $4); print $4 }' | sort | xargs)
mine=$(jq_py "$(show)" "sorted(a['address'] for a in d['addresses'])" | tr ' ' '\n' | sort | xargs)
[ "$kernel" = "$mine" ]
check_err $? "module's addresses differ from the kernel's: kernel '$kernel' module '$mine'"
for pair in 10.0.0.101=$MAC1 10.0.0.105=$MAC2 10.0.0.111=$MAC2 10.0.0.139=$MAC0; do
	[ "$(afo_answer client eth0 ${pair%=*})" = ${pair#*=} ]
	check_err $? "${pair%=*} not answered once by ${pair#*=}: '$(afo_answer client eth0 ${pair%=*})'"
done
log_test "address churn while flapping"

afo_exit
