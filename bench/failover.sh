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
# and silent failures: the carrier stays up, eth0's switch port stops
# passing frames both ways (bridge port state listening, see afo_block in
# tests/lib.sh) and passes them again, a gateway (10.0.0.254) on the
# segment; the time measured is from the block to the first gratuitous
# ARP for the pinged address (10.0.0.1) the client receives, for
#   safo     arp_failover with no configuration but a default route via
#            the gateway through each adapter (its liveness defaults),
#   safo1    arp_failover with the one default route a common host has
#            (ip route add default via the gateway: the kernel puts it
#            on eth0), nothing else configured,
#   safo1b   the same, but eth1's port blocked, the adapter without the
#            route (10.0.0.2 pinged, its gratuitous ARPs timed),
#   sbond    bonding active-backup over the same two adapters, ARP
#            monitor: arp_interval 100, arp_validate all, arp_ip_target
#            the gateway (the MII monitor sees no failure at all there).
# and IPv6, cable pulls as above with an IPv6-only host and client
# (2001:db8::1 pinged, the TCP ping-pong over IPv6), for
#   afo6     arp_failover (unsolicited neighbour advertisements),
#   bond6    bonding active-backup, miimon 100, num_unsol_na 3 (as many
#            advertisements as arp_failover's garp_count).
# Each system has a topology of its own, all built first; the events go
# round-robin over the systems (pull, plug, next system), so that noise
# hits all alike. Raw numbers, one line per event: $OUT/events.csv.
#
#        host (one per system)         switch            client
#   eth0 10.0.0.1 ---+
#                    +---- seg<system> ---------------- cl<x> 10.0.0.100
#   eth1 10.0.0.2 ---+   (bond0/team0 10.0.0.1 over eth0 and eth1)
#                        (safo*, sbond: + gateway gw<x> 10.0.0.254)
. "$(dirname "$0")/../tests/lib.sh"
PP=$REPO/build/tools/arpfo-pingpong
OUT=${BENCH_OUT:-/run/results}
ROUNDS=${BENCH_ROUNDS:-30}
SYSTEMS=${BENCH_SYSTEMS:-afo bond100 bond10 team ctl safo safo1 safo1b sbond afo6 bond6}
SYSTEMS=${SYSTEMS//,/ }	# BENCH_SYSTEMS=safo1,sbond works as well
T=/sys/kernel/tracing

# The client's adapter of each system has a name of its own, so that the
# ARP it receives can be told apart in the trace.
client_if() {
	case $1 in
	afo) echo cla ;;
	bond100) echo clb ;;
	bond10) echo clc ;;
	team) echo cld ;;
	safo) echo sla ;;
	sbond) echo slb ;;
	safo1) echo slc ;;
	safo1b) echo sld ;;
	afo6) echo v6a ;;
	bond6) echo v6b ;;
	*) echo cle ;;
	esac
}

# A silent failure (the switch port blocked, the carrier up) or a cable.
silent() { case $1 in safo | safo1 | safo1b | sbond) true ;; *) false ;; esac; }

# The adapter whose cable is pulled or whose switch port is blocked.
event_if() { case $1 in safo1b) echo eth1 ;; *) echo eth0 ;; esac; }

# The address the client pings and connects to: the event's adapter's.
target() {
	case $1 in
	*6) echo 2001:db8::1 ;;
	safo1b) echo 10.0.0.2 ;;
	*) echo 10.0.0.1 ;;
	esac
}

topology() {
	local sys=$1 cl

	cl=$(client_if "$sys")
	afo_netns_add "h$sys"
	afo_netns_add "c$sys"
	case $sys in
	*6) afo_port "c$sys" "$cl" "seg$sys" 02:00:00:00:0c:00 "2001:db8::100/64 nodad" ;;
	*) afo_port "c$sys" "$cl" "seg$sys" 02:00:00:00:0c:00 10.0.0.100/24 ;;
	esac
	if silent "$sys"; then
		afo_netns_add "g$sys"
		afo_port "g$sys" "gw${cl#sl}" "seg$sys" 02:00:00:00:0f:00 10.0.0.254/24
	fi
	case $sys in
	safo)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00 10.0.0.1/24
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01 10.0.0.2/24
		afo_in "h$sys" ip route add default via 10.0.0.254 dev eth0 metric 100
		afo_in "h$sys" ip route add default via 10.0.0.254 dev eth1 metric 101
		;;
	safo1 | safo1b)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00 10.0.0.1/24
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01 10.0.0.2/24
		afo_in "h$sys" ip route add default via 10.0.0.254
		# where a host's kernel puts it: eth0's subnet route came first
		[ "$(afo_in "h$sys" ip route show default | grep -o 'dev [a-z0-9]*')" = "dev eth0" ] ||
			{ echo "bench: $sys: default route not on eth0" >&2; return 1; }
		;;
	sbond)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01
		afo_in "h$sys" ip -batch - <<-BATCH
			link add bond0 type bond mode active-backup arp_interval 100 arp_validate all arp_ip_target 10.0.0.254 primary eth0
			link set eth0 down
			link set eth1 down
			link set eth0 master bond0
			link set eth1 master bond0
			link set bond0 up
			addr add 10.0.0.1/24 dev bond0
			route add default via 10.0.0.254 dev bond0
		BATCH
		;;
	afo)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00 10.0.0.1/24
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01 10.0.0.2/24
		;;
	afo6)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00 "2001:db8::1/64 nodad"
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01 "2001:db8::2/64 nodad"
		;;
	bond6)
		afo_port "h$sys" eth0 "seg$sys" 02:00:00:00:01:00
		afo_port "h$sys" eth1 "seg$sys" 02:00:00:00:01:01
		afo_in "h$sys" ip -batch - <<-BATCH
			link add bond0 type bond mode active-backup miimon 100 num_unsol_na 3 primary eth0
			link set eth0 down
			link set eth1 down
			link set eth0 master bond0
			link set eth1 master bond0
			link set bond0 up
			addr add 2001:db8::1/64 dev bond0 nodad
		BATCH
		;;
	bond1*)
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

# event SYSTEM KIND ACTION ROUND: one cable event (or port block: on, off)
# under a ping stream and a TCP ping-pong; appends
# "system,kind,round,sent,lost,stall_ms,t_action". A ping-pong still
# stalled 4 s after its end (a failover that did not happen: TCP would
# retransmit for minutes, and the next event, which may restore the
# path, would wait for it) is stopped and counts its whole window as the
# stall, a lower bound.
event() {
	local sys=$1 kind=$2 action=$3 round=$4 sent rx stall t pings=150 ms=2000 tcp_rc
	local ip

	ip=$(target "$sys")

	# detection takes longer than a carrier change: a longer window
	if silent "$sys"; then
		pings=300
		ms=3000
	fi
	afo_in "c$sys" ping -q -i 0.01 -c $pings -W 1 "$ip" > /tmp/ping.out 2>&1 &
	local pinger=$!
	afo_in "c$sys" timeout $((ms / 1000 + 4)) "$PP" client "$ip" 5001 $ms > /tmp/tcp.out 2>&1 &
	local tcp=$!
	sleep 0.5
	t=$(awk '{print $1}' /proc/uptime)
	if [ "$sys" = ctl ]; then
		ip -n "$(afo_ns sw)" link set "dm$sys" "$action"
	elif silent "$sys"; then
		afo_block "h$sys" "$(event_if "$sys")" "$action" ||
			echo "bench: $sys: port state not set ($action)" >&2
	else
		afo_cable "h$sys" eth0 "$action"
	fi
	wait $pinger
	wait $tcp
	tcp_rc=$?
	sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' /tmp/ping.out)
	rx=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' /tmp/ping.out)
	stall=$(sed -n 's/.*longest_stall_ms=\([0-9.]*\).*/\1/p' /tmp/tcp.out)
	if [ $tcp_rc = 124 ]; then
		stall=$(( (ms / 1000 + 4) * 1000 ))
		echo "bench: $sys $kind $round: TCP stalled past the window, stopped" >&2
	fi
	echo "$sys,$kind,$round,${sent:-0},$(( ${sent:-0} - ${rx:-0} )),${stall:-nan},$t" >> "$OUT/events.csv"
	sleep 0.5
}

# the clients stand for other hosts; bonding and teamd hosts run without us
insmod "$MODULE" exclude='bond*,team*,cl*,sl*,gw*,v6*' || exit 1
# shellcheck disable=SC2046
afo_switch $(for sys in $SYSTEMS; do echo "seg$sys"; done) || exit 1
for sys in $SYSTEMS; do
	topology "$sys" || { echo "bench: $sys topology failed" >&2; exit 1; }
done
sleep 2
for sys in $SYSTEMS; do
	afo_in "c$sys" ping -c 1 -W 2 "$(target "$sys")" >/dev/null ||
		echo "bench: $sys: $(target "$sys") unreachable before the first event" >&2
done

# carrier events of the host adapters, ARP received by each client
echo 'p:kprobes/afo_carrier_off netif_carrier_off dev=+0(%di):string' >> $T/kprobe_events
echo 'p:kprobes/afo_carrier_on netif_carrier_on dev=+0(%di):string' >> $T/kprobe_events
echo 'p:kprobes/afo_arp_rcv arp_rcv dev=+0(%si):string' >> $T/kprobe_events
echo 'dev ~ "cl*"' > $T/events/kprobes/afo_arp_rcv/filter
echo 'dev == "eth0"' > $T/events/kprobes/afo_carrier_off/filter
echo 'dev == "eth0"' > $T/events/kprobes/afo_carrier_on/filter
# Silent failures: the state of the blocked ports (struct net_bridge_port
# starts with br, dev on every kernel) and the gratuitous ARPs for
# 10.0.0.1 and 10.0.0.2 (sender = target, 0x0100000a and 0x0200000a read
# as little-endian u32s; the report keeps those of each system's pinged
# address) their clients receive: bonding's ARP monitor broadcasts its
# probes of the gateway, and arp_failover's own probes of it may be
# broadcasts too, so not every ARP counts. skb->data (the ARP header in
# arp_rcv) from the kernel's BTF.
ports=
for sys in $SYSTEMS; do
	silent "$sys" && ports="$ports${ports:+ || }dev == \"$(afo_peer "h$sys" "$(event_if "$sys")")\""
done
if [ -n "$ports" ]; then
	data=$(python3 "$REPO/bench/btf_offset.py" sk_buff data) || exit 1
	echo 'p:kprobes/afo_port_state bridge:br_set_state dev=+0(+8(%di)):string state=%si:u32' >> $T/kprobe_events
	echo "p:kprobes/afo_garp_rcv arp_rcv dev=+0(%si):string sip=+14(+$data(%di)):u32 tip=+24(+$data(%di)):u32" >> $T/kprobe_events
	echo "$ports" > $T/events/kprobes/afo_port_state/filter
	garp='(sip == 0x0100000a && tip == 0x0100000a) || (sip == 0x0200000a && tip == 0x0200000a)'
	echo "dev ~ \"sl*\" && ($garp)" > $T/events/kprobes/afo_garp_rcv/filter
	echo 8192 > $T/buffer_size_kb
fi
# The report matches each event's t_action (/proc/uptime: CLOCK_BOOTTIME)
# with the trace's times: one clock for both (the default, local, is the
# scheduler's clock, which nothing keeps in step with it).
echo boot > $T/trace_clock
echo > $T/trace
echo 1 > $T/events/kprobes/enable

echo "system,kind,round,pings_sent,pings_lost,tcp_stall_ms,t_action" > "$OUT/events.csv"
for r in $(seq "$ROUNDS"); do
	for sys in $SYSTEMS; do
		if silent "$sys"; then
			event "$sys" takeover on "$r"
			event "$sys" reclaim off "$r"
		else
			event "$sys" takeover down "$r"
			event "$sys" reclaim up "$r"
		fi
	done
done
echo 0 > $T/events/kprobes/enable
cp $T/trace "$OUT/trace.txt"
echo > $T/kprobe_events
echo "events: $(( $(wc -l < "$OUT/events.csv") - 1 )), trace lines: $(wc -l < "$OUT/trace.txt")"
pkill teamd
afo_cleanup
