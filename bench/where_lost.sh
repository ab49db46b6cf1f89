#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Where does the ping lost in a takeover die? Run inside the test VM by
# scripts/bench-where-lost. A client pings the host every 10 ms across
# a cable pull (takeover) and a plug (reclaim), ROUNDS times each, while
# tcpdump watches ICMP on the client and on both host adapters and the
# skb:kfree_skb tracepoint records every drop with its reason and place.
# For each lost ping it prints where its request and reply were last
# seen, and the drops near each cable event.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
. "$(dirname "$0")/../tests/lib.sh"
OUT=${BENCH_OUT:-/run/results}
ROUNDS=${BENCH_ROUNDS:-5}
T=/sys/kernel/tracing

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24
afo_load "$@"
afo_in client ping -c 1 -W 2 10.0.0.1 >/dev/null

cap() { # NS IF FILE
	afo_in "$1" tcpdump -q -U -n -tt -i "$2" -w "$3" icmp or arp >/dev/null 2>"$3.log" &
	echo $!
}
c0=$(cap client eth0 /tmp/c0.pcap)
h0=$(cap host eth0 /tmp/h0.pcap)
h1=$(cap host eth1 /tmp/h1.pcap)
afo_until 60 grep -q 'listening on' /tmp/c0.pcap.log
afo_until 60 grep -q 'listening on' /tmp/h0.pcap.log
afo_until 60 grep -q 'listening on' /tmp/h1.pcap.log

echo > $T/trace
echo 0 > $T/options/hash-ptr 2>/dev/null	# drop places as addresses
grep -E ' [tT] ' /proc/kallsyms > "$OUT/kallsyms.txt"
# the switch port going down, and the host's carrier event (linkwatch)
echo 'p:kprobes/afo_dev_close dev_close_many' >> $T/kprobe_events
echo 'p:kprobes/afo_linkwatch linkwatch_fire_event' >> $T/kprobe_events
echo 1 > $T/events/kprobes/enable
echo 1 > $T/events/skb/kfree_skb/enable
echo 1 > $T/events/arp_failover/arp_failover_carrier/enable
echo 1 > $T/events/arp_failover/arp_failover_garp/enable
echo 1 > $T/events/arp_failover/arp_failover_responder/enable

n=$(( ROUNDS * 2 * 100 + 100 ))
afo_in client ping -D -O -i 0.01 -c "$n" -W 1 10.0.0.1 > /tmp/ping.out 2>&1 &
pinger=$!
sleep 0.5
for r in $(seq "$ROUNDS"); do
	echo "pull $(awk '{print $1}' /proc/uptime)" >> /tmp/events
	afo_cable host eth0 down
	sleep 1
	echo "plug $(awk '{print $1}' /proc/uptime)" >> /tmp/events
	afo_cable host eth0 up
	sleep 1
done
wait "$pinger"
echo 0 > $T/events/enable
cp $T/trace "$OUT/trace.txt"
echo > $T/kprobe_events		# this also empties the trace
kill "$c0" "$h0" "$h1"
wait "$c0" "$h0" "$h1" 2>/dev/null
cp /tmp/ping.out /tmp/events "$OUT/"
for f in c0 h0 h1; do
	tcpdump -n -tt -r /tmp/$f.pcap 2>/dev/null > "$OUT/$f.txt"
done
afo_cleanup
