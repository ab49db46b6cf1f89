#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The failover benchmark, run inside the test VM by scripts/bench: the
# distribution over many cable pulls (takeover) and plugs (reclaim) of
# pings lost, the TCP ping-pong's longest stall and the time from the
# carrier event to the first gratuitous ARP the client receives, for
#   afo      arp_failover with two independent adapters,
#   bond100  bonding active-backup over the same two adapters, miimon 100,
#   bond10   the same at miimon 10,
#   team     teamd activebackup with the ethtool link watcher,
#   ctl      a control: one host adapter and no failover at all; the
#            "cable" pulled and plugged is a dummy device of the switch,
#            so its numbers are what the VM itself costs an event (the
#            ip command and the netdev notifiers on its one CPU).
# Each system has a topology of its own, all built first; the events go
# round-robin over the systems (pull, plug, next system), so that noise
# hits all alike. Raw numbers, one line per event: $OUT/events.csv.
#
#        host (one per system)         switch            client
#   eth0 10.0.0.1 ---+
#                    +---- seg<system> ---------------- cl<x> 10.0.0.100
#   eth1 10.0.0.2 ---+   (bond0/team0 10.0.0.1 over eth0 and eth1)
. "$(dirname "$0")/../tests/lib.sh"
PP=$REPO/build/tools/arpfo-pingpong
OUT=${BENCH_OUT:-/run/results}
ROUNDS=${BENCH_ROUNDS:-30}
SYSTEMS=${BENCH_SYSTEMS:-afo bond100 bond10 team ctl}
T=/sys/kernel/tracing

# The client's adapter of each system has a name of its own, so that the
# ARP it receives can be told apart in the trace.
client_if() {
	case $1 in
	afo) echo cla ;;
	bond100) echo clb ;;
	bond10) echo clc ;;
	team) echo cld ;;
	*) echo cle ;;
	esac
}

topology() {
	local sys=$1 cl

	cl=$(client_if "$sys")
	afo_netns_add "h$sys"
	afo_netns_add "c$sys"
	afo_port "c$sys" "$cl" "seg$sys" 02:00:00:00:0c:00 10.0.0.100/24
	case $sys in
	afo)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00 10.0.0.1/24
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01 10.0.0.2/24
		;;
	bond*)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01
		afo_in "h$sys" ip -batch - <<-BATCH
			link add bond0 type bond mode active-backup miimon ${sys#bond} primary eth0
			link set eth0 down
			link set eth1 down
			link set eth0 master bond0
			link set eth1 master bond0
			link set bond0 up
			addr add 10.0.0.1/24 dev bond0
		BATCH
		;;
	ctl)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00 10.0.0.1/24
		ip -n "$(afo_ns sw)" link add "dm$sys" type dummy
		;;
	team)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01
		afo_in "h$sys" ip link set eth0 down
		afo_in "h$sys" ip link set eth1 down
		afo_in "h$sys" teamd -d -t team0 -c '{
			"runner": {"name": "activebackup"},
			"link_watch": {"name": "ethtool"},
			"ports": {"eth0": {"prio": 100}, "eth1": {"prio": 50}}}' ||
			return 1
		afo_in "h$sys" ip addr add 10.0.0.1/24 dev team0
		afo_in "h$sys" ip link set team0 up
		;;
	esac
	# not holding our stdout: the VM waits for it to close
	afo_in "h$sys" "$PP" server 5001 >/dev/null 2>&1 &
}

# event SYSTEM KIND ACTION ROUND: one cable event under a ping stream and a
# TCP ping-pong; appends "system,kind,round,sent,lost,stall_ms,t_action".
event() {
	local sys=$1 kind=$2 action=$3 round=$4 sent rx stall t

	afo_in "c$sys" ping -q -i 0.01 -c 150 -W 1 10.0.0.1 > /tmp/ping.out 2>&1 &
	local pinger=$!
	afo_in "c$sys" "$PP" client 10.0.0.1 5001 2000 > /tmp/tcp.out 2>&1 &
	local tcp=$!
	sleep 0.5
	t=$(awk '{print $1}' /proc/uptime)
	if [ "$sys" = ctl ]; then
		ip -n "$(afo_ns sw)" link set "dm$sys" "$action"
	else
		afo_cable "h$sys" eth0 "$action"
	fi
	wait $pinger $tcp
	sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' /tmp/ping.out)
	rx=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' /tmp/ping.out)
	stall=$(sed -n 's/.*longest_stall_ms=\([0-9.]*\).*/\1/p' /tmp/tcp.out)
	echo "$sys,$kind,$round,${sent:-0},$(( ${sent:-0} - ${rx:-0} )),${stall:-nan},$t" >> "$OUT/events.csv"
	sleep 0.5
}

# the clients stand for other hosts; bonding and teamd hosts run without us
insmod "$MODULE" exclude='bond*,team*,cl*' || exit 1
# shellcheck disable=SC2046
afo_switch $(for sys in $SYSTEMS; do echo "seg$sys"; done) || exit 1
for sys in $SYSTEMS; do
	topology "$sys" || { echo "bench: $sys topology failed" >&2; exit 1; }
done
sleep 2
for sys in $SYSTEMS; do
	afo_in "c$sys" ping -c 1 -W 2 10.0.0.1 >/dev/null ||
		echo "bench: $sys: 10.0.0.1 unreachable before the first event" >&2
done

# carrier events of the host adapters, ARP received by each client
echo 'p:kprobes/afo_carrier_off netif_carrier_off dev=+0(%di):string' >> $T/kprobe_events
echo 'p:kprobes/afo_carrier_on netif_carrier_on dev=+0(%di):string' >> $T/kprobe_events
echo 'p:kprobes/afo_arp_rcv arp_rcv dev=+0(%si):string' >> $T/kprobe_events
echo 'dev ~ "cl*"' > $T/events/kprobes/afo_arp_rcv/filter
echo 'dev == "eth0"' > $T/events/kprobes/afo_carrier_off/filter
echo 'dev == "eth0"' > $T/events/kprobes/afo_carrier_on/filter
echo > $T/trace
echo 1 > $T/events/kprobes/enable

echo "system,kind,round,pings_sent,pings_lost,tcp_stall_ms,t_action" > "$OUT/events.csv"
for r in $(seq "$ROUNDS"); do
	for sys in $SYSTEMS; do
		event "$sys" takeover down "$r"
		event "$sys" reclaim up "$r"
	done
done
echo 0 > $T/events/kprobes/enable
cp $T/trace "$OUT/trace.txt"
echo > $T/kprobe_events
echo "events: $(( $(wc -l < "$OUT/events.csv") - 1 )), trace lines: $(wc -l < "$OUT/trace.txt")"
pkill teamd
afo_cleanup
