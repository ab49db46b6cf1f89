#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The failover benchmark, run inside the test VM by scripts/bench. On one
# topology, side by side in one VM: arp_failover with two independent
# adapters, and the bonding driver in active-backup mode over the same two
# adapters at miimon 100 (its usual setting) and miimon 10. For each, a
# client pings the host every 10 ms and runs a TCP ping-pong while the
# active adapter's cable is pulled (takeover) and plugged back (reclaim).
# Then arp_failover's takeover latency, from the carrier event to the
# first gratuitous ARP, over repeated takeovers (tracepoints).
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+      (bonding: bond0 10.0.0.1 over eth0, eth1)
. "$(dirname "$0")/../tests/lib.sh"
PP=$REPO/build/tools/arpfo-pingpong
OUT=${BENCH_OUT:-/run/results}
CYCLES=${BENCH_CYCLES:-50}
: > "$OUT/raw.txt"

topology() {
	afo_switch seg0
	afo_netns_add host
	afo_netns_add client
	afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
	if [ "$1" = afo ]; then
		afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24
		afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24
		afo_load
	else
		afo_port host eth0 seg0 02:00:00:00:01:00
		afo_port host eth1 seg0 02:00:00:00:01:01
		afo_in host ip -batch - <<-BATCH
			link add bond0 type bond mode active-backup miimon $2 primary eth0
			link set eth0 down
			link set eth1 down
			link set eth0 master bond0
			link set eth1 master bond0
			link set bond0 up
			addr add 10.0.0.1/24 dev bond0
		BATCH
		sleep 1
	fi
	# not holding our stdout: the VM waits for it to close
	afo_in host "$PP" server 5001 >/dev/null 2>&1 &
	SERVER=$!
	sleep 0.5
	afo_in client ping -c 1 -W 2 10.0.0.1 >/dev/null
}

# phase NAME ACTION: streams across the cable action; one line of results.
phase() {
	local name=$1 action=$2 sent rx stall

	afo_in client ping -q -i 0.01 -c 300 -W 1 10.0.0.1 > /tmp/ping.out 2>&1 &
	local pinger=$!
	afo_in client "$PP" client 10.0.0.1 5001 3500 > /tmp/tcp.out 2>&1 &
	local tcp=$!
	sleep 1
	afo_cable host eth0 "$action"
	wait $pinger $tcp
	sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' /tmp/ping.out)
	rx=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' /tmp/ping.out)
	stall=$(sed -n 's/.*longest_stall_ms=\([0-9.]*\).*/\1/p' /tmp/tcp.out)
	echo "$name ${sent:-0} $(( ${sent:-0} - ${rx:-0} )) ${stall:-nan}" | tee -a "$OUT/raw.txt"
	sleep 1.5
}

teardown() {
	kill "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
	afo_cleanup
}

run_mode() {
	topology "$@"
	phase "$1-$2 takeover" down
	phase "$1-$2 reclaim" up
	teardown
}

run_mode afo 0
run_mode bond 100
run_mode bond 10

# takeover latency: carrier event -> first gratuitous ARP, from tracepoints
topology afo
T=/sys/kernel/tracing
echo > $T/trace
echo 1 > $T/events/arp_failover/arp_failover_carrier/enable
echo 1 > $T/events/arp_failover/arp_failover_garp/enable
for i in $(seq "$CYCLES"); do
	afo_cable host eth0 down
	sleep 0.2
	afo_cable host eth0 up
	sleep 0.8
done
echo 0 > $T/events/arp_failover/enable
grep -E 'arp_failover_(carrier|garp):' $T/trace > "$OUT/trace.txt"
teardown
echo "trace lines: $(wc -l < "$OUT/trace.txt")"
