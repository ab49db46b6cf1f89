#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The scale benchmark, run inside the test VM by scripts/bench-scale. For
# A adapters on one segment (SCALE_ADAPTERS, default "2 16 64") and N
# addresses added to the first of them (SCALE_ADDRS, default "1 256
# 4096"), side by side in one VM, each run in a fresh topology, stock and
# module runs alternating:
#
#  - stock kernel: the time and unreclaimable slab it takes to add the N
#    addresses with one ip batch;
#  - arp_failover: the same; the time from insmod until all A adapters are
#    discovered on one pnet (again with the N addresses present); ARP
#    frames per second on the idle segment; the time from pulling eth0's
#    cable until the client holds a sibling's MAC for all N addresses;
#    the module's slab per adapter and per address; the VM's busy CPU
#    share over an idle window with liveness on (the default) and off,
#    and the liveness frames sent per second;
#  - bonding active-backup over eth0 and eth1 (A=2 only; miimon 10,
#    fail_over_mac=active so that the MAC peers hold changes, as with
#    arp_failover): the same failover time.
#
# Then one lone adapter with a client, stock and with the module: ARP
# frames per second on the idle segment.
#
# Reports, never asserts: one line of key=value pairs per run goes to
# $BENCH_OUT/raw.txt, and bench/scale_report.py turns them into tables.
#
#        host                                     switch        client
#   eth0     10.0.0.1/8 + N x 10.1.x.y/8  ---+
#   eth1     10.0.0.2/8  --------------------+--- seg0 ----- eth0 10.0.0.100/8
#   ...                                      |
#   eth<A-1> 10.0.0.<A>/8 -------------------+
#   (bonding: bond0 over eth0 and eth1 holds 10.0.0.1/8 and the N addresses)
. "$(dirname "$0")/../tests/lib.sh"
WATCH=$REPO/bench/scale_watch.py
OUT=${BENCH_OUT:-/run/results}
RAW=$OUT/raw.txt
ADAPTERS=${SCALE_ADAPTERS:-2 16 64}
ADDRS=${SCALE_ADDRS:-1 256 4096}
# A window longer than reverify_s (30 s) sees the steady probe rate.
IDLE_S=${SCALE_IDLE_S:-35}
WAIT_S=${SCALE_WAIT_S:-60}
CPU_S=${SCALE_CPU_S:-10}
# The input backlog every veth frame of every namespace passes through on
# the VM's one CPU: SCALE_BACKLOG raises it (default: the kernel's, 1000).
BACKLOG=${SCALE_BACKLOG:-}
CLIENT_MAC=02:00:00:00:0c:00
: > "$RAW"

# The client holds up to 4096 neighbours; gc_thresh3 defaults to 1024. On
# 6.1 the gc_thresh knobs belong to the ARP table, shared by every
# namespace, and only the initial namespace shows them.
sysctl -qw net.ipv4.neigh.default.gc_thresh1=16384 \
	net.ipv4.neigh.default.gc_thresh2=32768 \
	net.ipv4.neigh.default.gc_thresh3=65536
[ -z "$BACKLOG" ] || sysctl -qw net.core.netdev_max_backlog="$BACKLOG"

# --- recording: one line of key=value pairs per run ---

LINE=
rec() { LINE+=" $*"; }
rec_end() {
	echo "${LINE# }" | tee -a "$RAW"
	LINE=
}

# us VAR: the time in microseconds, without starting a process (a `date`
# would cost more than some of what is timed).
us() { printf -v "$1" '%s' "${EPOCHREALTIME/./}"; }

# secs START END: END - START (microseconds) in seconds.
secs() { printf '%d.%03d' $((($2 - $1) / 1000000)) $((($2 - $1) % 1000000 / 1000)); }

# slab_kb VAR: unreclaimable slab in kB. Not all of Slab: every process
# start adds dentries and inodes of the 9p root (reclaimable), which would
# drown the objects measured here.
slab_kb() {
	local k v u

	while read -r k v u; do
		if [ "$k" = SUnreclaim: ]; then
			printf -v "$1" '%s' "$v"
			return
		fi
	done < /proc/meminfo
}

# host_mac K: the MAC of host adapter ethK.
host_mac() { printf '02:00:00:00:01:%02x' "$1"; }

# --- topology ---

# build A [bare]: the switch, a client, and a host with A adapters on
# seg0, ethK with 10.0.0.(K+1)/8 (no address when bare, for bonding).
# Two ip batches for all adapters, because under TCG one process start
# costs up to a second. eth0's cable has the kit's name, so that afo_cable
# pulls it; the others are numbered (afo_peer costs a process each).
build() {
	local a=$1 bare=${2:-} k peer t0 t1 m0 m1 hostns

	slab_kb m0
	us t0
	afo_switch seg0 && afo_netns_add host && afo_netns_add client || return 1
	afo_port client eth0 seg0 $CLIENT_MAC 10.0.0.100/8 || return 1
	hostns=$(afo_ns host)
	for ((k = 0; k < a; k++)); do
		if [ $k -eq 0 ]; then peer=$(afo_peer host eth0); else peer=hp$k; fi
		echo "link add $peer type veth peer name eth$k netns $hostns"
		echo "link set $peer master seg0 up"
	done | ip -n "$(afo_ns sw)" -batch - || return 1
	for ((k = 0; k < a; k++)); do
		printf 'link set eth%d address 02:00:00:00:01:%02x up\n' $k $k
		[ -n "$bare" ] || echo "addr add 10.0.0.$((k + 1))/8 dev eth$k"
	done | ip -n "$hostns" -batch - || return 1
	us t1
	slab_kb m1
	rec topo_s="$(secs "$t0" "$t1")" topo_kb=$((m1 - m0))
}

# quiesce: wait (at most 30 s) until the namespaces just deleted are gone.
# Their cleanup runs later in a kernel worker, which would otherwise take
# the VM's one CPU during the next run and free memory under its
# measurements. Gone: unreclaimable slab stopped shrinking for a second.
quiesce() {
	local prev cur i calm=0

	slab_kb prev
	for ((i = 0; i < 60 && calm < 2; i++)); do
		sleep 0.5
		slab_kb cur
		if [ $((prev - cur)) -lt 64 ]; then calm=$((calm + 1)); else calm=0; fi
		prev=$cur
	done
}

teardown() {
	afo_cleanup
	quiesce
}

# failed STEP: a run that cannot go on; the report shows its line.
failed() {
	rec error="$1"
	rec_end
	teardown
}

# --- measurements ---

# add_addrs N DEV: add the N addresses 10.1.x.y/8 to DEV of the host in
# one ip batch, and the unreclaimable slab that cost once things settled.
# The /8 makes them secondaries of 10.0.0.1/8, in the client's subnet.
add_addrs() {
	local n=$1 dev=$2 i t0 t1 m0 m1 hostns

	hostns=$(afo_ns host)
	for ((i = 1; i <= n; i++)); do
		printf 'addr add 10.1.%d.%d/8 dev %s\n' $((i / 256)) $((i % 256)) "$dev"
	done > /tmp/scale-addrs
	slab_kb m0
	us t0
	ip -n "$hostns" -batch /tmp/scale-addrs || return 1
	us t1
	rec add_s="$(secs "$t0" "$t1")"
	# the module announces each new address: its slab counts once done
	grep -q '^arp_failover ' /proc/modules && settle add_
	sleep 1
	slab_kb m1
	rec add_kb=$((m1 - m0))
}

# settle TAG: wait until the module sends nothing more (watcher).
settle() {
	rec "$(afo_in host python3 "$WATCH" settle --arpfo "$ARPFO" \
		--timeout "$WAIT_S" --tag "$1")"
}

# discover A TAG: insmod and time discovery (watcher, in the host).
discover() {
	rec "$(afo_in host python3 "$WATCH" discover --adapters "$1" \
		--arpfo "$ARPFO" --timeout "$WAIT_S" --tag "$2" -- insmod "$MODULE")"
}

# idle_rate: the ARP frames the client hears in IDLE_S quiet seconds, all
# of them, those of the host's adapters, and the discovery probes among
# these (sender 0.0.0.0).
# cpu_ticks VAR: busy and total CPU ticks of the VM so far, "busy total".
cpu_ticks() {
	printf -v "$1" '%s' "$(awk '/^cpu / { b = $2 + $3 + $4 + $7 + $8;
		print b, b + $5 + $6 }' /proc/stat)"
}

# live_sent VAR: liveness frames the host's adapters sent so far.
live_sent() {
	printf -v "$1" '%s' "$(afo_in host "$ARPFO" show --json | python3 -c '
import json, sys
print(sum(a["stats"].get("live_sent", 0) for a in json.load(sys.stdin)["adapters"]))')"
}

# cpu_window PREFIX SECONDS: the VM's busy CPU share (%) over a window,
# and the liveness frames sent per second in it.
cpu_window() {
	local c0 c1 l0 l1

	cpu_ticks c0
	live_sent l0
	sleep "$2"
	cpu_ticks c1
	live_sent l1
	rec "$1cpu_pct=$(echo "$c0 $c1" | awk '{ printf "%.1f", 100 * ($3 - $1) / ($4 - $2) }')" \
	    "$1live_fps=$(( (l1 - l0) / $2 ))"
}

idle_rate() {
	local f=/tmp/scale-idle.pcap t0 t1

	afo_capture client eth0 $f || return 1
	us t0
	sleep "$IDLE_S"
	afo_capture_end
	us t1
	rec idle_s="$(secs "$t0" "$t1")" "$(tcpdump -r $f -nn -e 2>/dev/null | awk '
		{ all++ }
		$2 ~ /^02:00:00:00:01:/ { host++ }
		/ tell 0\.0\.0\.0,/ { probes++ }
		END { printf "idle_frames=%d idle_host=%d idle_probes=%d", all, host, probes }')"
}

# prepare_client N MAC: the client holds MAC for the N addresses, stale,
# as if it had talked to each of them a while ago: entries that a
# gratuitous ARP updates and that nothing refreshes, set up without N
# pings. (The neighbour table's limits were raised at the start.)
prepare_client() {
	local n=$1 mac=$2 i

	for ((i = 1; i <= n; i++)); do
		printf 'neigh replace 10.1.%d.%d lladdr %s dev eth0 nud stale\n' \
			$((i / 256)) $((i % 256)) "$mac"
	done > /tmp/scale-neigh
	ip -n "$(afo_ns client)" -batch /tmp/scale-neigh
}

# failover N OLD_MAC: pull eth0's cable (as afo_cable does, but from the
# watcher, whose clock starts with the pull) and time until the client
# holds another MAC than OLD_MAC for all N addresses.
failover() {
	prepare_client "$1" "$2" || return 1
	rec "$(afo_in client python3 "$WATCH" failover --old-mac "$2" \
		--count "$1" --timeout "$WAIT_S" --pull-netns "$(afo_ns sw)" \
		--pull-dev "$(afo_peer host eth0)")"
}

# failover_log: what the module did during the failover, from its kernel
# log (rate-limited lines: at least this many) and its pnets at the end.
# Lost discovery probes split pnets, and a split can move the addresses
# to another backup.
failover_log() {
	local log

	log=$(afo_dmesg_since)
	rec log_pnet_moves="$(grep -c ': pnet [0-9]* -> ' <<<"$log")" \
		log_takeovers="$(grep -c ': takeover: ' <<<"$log")" \
		"$(afo_in host python3 "$WATCH" pnets --arpfo "$ARPFO" --tag after_)"
}

# --- runs ---

run_stock() {
	rec run=stock a="$1" n="$2"
	build "$1" || { failed topology; return; }
	add_addrs "$2" eth0 || rec error=add
	rec_end
	teardown
}

run_afo() {
	local a=$1 n=$2 m0 m1 t0 t1

	rec run=afo a="$a" n="$n"
	build "$a" || { failed topology; return; }
	slab_kb m0
	discover "$a" ""
	settle load_
	sleep 1
	slab_kb m1
	rec insmod_kb=$((m1 - m0))
	rec reverify_s="$(cat /sys/module/arp_failover/parameters/reverify_s)"
	add_addrs "$n" eth0 || rec error=add
	idle_rate || rec error=capture
	# what liveness costs the idle host: on (the default), then off
	cpu_window live_ "$CPU_S"
	echo 0 > /sys/module/arp_failover/parameters/liveness_ms
	sleep 1
	cpu_window nolive_ "$CPU_S"
	echo 50 > /sys/module/arp_failover/parameters/liveness_ms
	sleep 1
	afo_dmesg_mark
	failover "$n" "$(host_mac 0)" || rec error=failover
	failover_log
	# unload and load again with the N addresses present
	afo_cable host eth0 up
	settle reclaim_
	us t0
	rmmod arp_failover
	us t1
	rec rmmod_s="$(secs "$t0" "$t1")"
	discover "$a" re_
	rec_end
	teardown
}

# run_bond N: bonding over eth0 and eth1. fail_over_mac=active gives
# bond0 the active slave's MAC, so peers must learn a new MAC on failover
# as with arp_failover (with the default, fail_over_mac=0, bond0 keeps one
# MAC and peers need not learn anything); bonding then announces every
# address of bond0, once (num_grat_arp=1).
run_bond() {
	local n=$1 mac

	rec run=bond a=2 n="$n"
	build 2 bare || { failed topology; return; }
	afo_in host ip -batch - <<-BATCH
		link add bond0 type bond mode active-backup miimon 10 fail_over_mac active primary eth0
		link set eth0 down
		link set eth1 down
		link set eth0 master bond0
		link set eth1 master bond0
		link set bond0 up
		addr add 10.0.0.1/8 dev bond0
	BATCH
	sleep 1
	add_addrs "$n" bond0 || rec error=add
	mac=$(afo_in host cat /sys/class/net/bond0/address)
	rec bond_mac="$mac"
	failover "$n" "$mac" || rec error=failover
	rec_end
	teardown
}

# run_single stock|afo: one adapter alone on its segment with a client.
run_single() {
	rec run=single kind="$1" a=1
	afo_switch seg0 && afo_netns_add host && afo_netns_add client &&
		afo_port host eth0 seg0 "$(host_mac 0)" 10.0.0.1/8 &&
		afo_port client eth0 seg0 $CLIENT_MAC 10.0.0.100/8 || { failed topology; return; }
	if [ "$1" = afo ]; then
		discover 1 ""
		settle load_
	fi
	idle_rate || rec error=capture
	rec_end
	teardown
}

# warm_up: one unrecorded round of everything the runs use, so that the
# first run does not pay for loading veth, bridge and bonding on demand,
# nor for the kernel's caches growing for the first time.
warm_up() {
	build 2 bare
	afo_in host ip link add bond0 type bond
	insmod "$MODULE"
	sleep 1
	LINE=
	teardown
}

echo "scale: adapters '$ADAPTERS', addresses '$ADDRS', idle ${IDLE_S}s"
warm_up
rec run=env kernel="$(uname -r)" adapters="${ADAPTERS// /,}" addrs="${ADDRS// /,}"
rec idle_window_s="$IDLE_S" wait_s="$WAIT_S"
rec backlog="$(cat /proc/sys/net/core/netdev_max_backlog)"
rec_end
for a in $ADAPTERS; do
	for n in $ADDRS; do
		run_stock "$a" "$n"
		run_afo "$a" "$n"
		[ "$a" -ne 2 ] || run_bond "$n"
	done
done
run_single stock
run_single afo
echo "scale: done"
