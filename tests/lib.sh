#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared by the end-to-end scenarios: result reporting in kselftest style
# and a small topology kit. Sourced by each scenario, which runs as root
# inside the test VM (scripts/vm-run), never on the host.
#
# Topology kit: one "switch" namespace holds one bridge per segment; every
# adapter of a host or client namespace is one end of a veth pair whose
# other end is a port of a bridge in the switch.
#
#     host ns                switch ns                client ns
#   +---------+           +--------------+           +---------+
#   |  eth0 --+-- veth ---+-- br0 ---+---+-- veth ---+-- eth0  |
#   |  eth1 --+-- veth ---+-- br0    |   |           +---------+
#   +---------+           +--------------+

set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The debug lane (make check-debug) points this at a module built for its kernel.
MODULE=${ARPFO_MODULE:-$REPO/arp_failover.ko}
# ARPFO_TOOLS: another build of the tools (a copy of a work in progress).
PROBE=${ARPFO_TOOLS:-$REPO/build/tools}/arpfo-probe
ARPFO=${ARPFO_TOOLS:-$REPO/build/tools}/arpfo
ksft_skip=4

# Every namespace this scenario made, removed again on exit.
AFO_NETNS=()
RET=0
CHECKS_FAILED=0

# Namespace names carry the PID so that scenarios never collide.
afo_ns() { echo "afo$$-$1"; }

afo_cleanup() {
	local ns

	for ns in "${AFO_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	AFO_NETNS=()
	if grep -q '^arp_failover ' /proc/modules; then
		rmmod arp_failover
	fi
}
trap afo_cleanup EXIT

# check_err STATUS MESSAGE: record a failed check (non-zero STATUS).
check_err() {
	if [ "$1" -ne 0 ] && [ "$RET" -eq 0 ]; then
		RET=$1
		MSG=$2
	fi
}

# log_test NAME: report the checks since the last log_test as one line.
log_test() {
	if [ "$RET" -ne 0 ]; then
		printf '# not ok: %s: %s\n' "$1" "$MSG"
		CHECKS_FAILED=$((CHECKS_FAILED + 1))
	else
		printf '# ok: %s\n' "$1"
	fi
	RET=0
}

# The scenario's exit status: 0 if every check passed, 1 otherwise.
afo_exit() {
	[ "$CHECKS_FAILED" -eq 0 ]
	exit $?
}

require_cmd() {
	command -v "$1" >/dev/null || { echo "SKIP: $1 not installed"; exit $ksft_skip; }
}

afo_netns_add() {
	local ns

	ns=$(afo_ns "$1")
	ip netns add "$ns" || return 1
	AFO_NETNS+=("$ns")
	ip -n "$ns" link set lo up
}

# afo_switch SEGMENT...: the switch namespace with one bridge per segment.
afo_switch() {
	local seg

	afo_netns_add sw || return 1
	for seg in "$@"; do
		ip -n "$(afo_ns sw)" -batch - <<-BATCH || return 1
			link add $seg type bridge
			link set $seg type bridge forward_delay 0 stp_state 0
			link set $seg up
		BATCH
	done
}

# The switch-side name of the cable of adapter IFNAME of namespace NS.
afo_peer() { echo "p$(printf '%s' "$1$2" | md5sum | cut -c1-12)"; }

# afo_port NS IFNAME SEGMENT MAC [CIDR...]: an adapter of namespace NS
# plugged into SEGMENT of the switch, up, with its addresses.
afo_port() {
	local ns=$1 ifname=$2 seg=$3 mac=$4 peer cidr
	local nsname

	nsname=$(afo_ns "$ns")
	shift 4
	peer=$(afo_peer "$ns" "$ifname")
	ip -n "$(afo_ns sw)" -batch - <<-BATCH || return 1
		link add $peer type veth peer name $ifname netns $nsname
		link set $peer master $seg up
	BATCH
	{
		echo "link set $ifname address $mac up"
		for cidr in "$@"; do
			echo "addr add $cidr dev $ifname"
		done
	} | ip -n "$nsname" -batch - || return 1
}

# afo_flux_topology: three host adapters on seg0, one on seg1, a client
# on each segment (drawn in stock_flux.sh and single_reply.sh).
afo_flux_topology() {
	afo_switch seg0 seg1
	afo_netns_add host
	afo_netns_add client
	afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
	afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
	afo_port host eth2 seg0 02:00:00:00:01:02 10.0.0.3/24 &&
	afo_port host eth3 seg1 02:00:00:00:01:03 10.0.1.1/24 &&
	afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
	afo_port client eth1 seg1 02:00:00:00:0c:01 10.0.1.100/24
}

# afo_cable NS IFNAME up|down: plug or pull the adapter's cable; the
# adapter keeps its admin state and gains or loses carrier.
afo_cable() {
	ip -n "$(afo_ns sw)" link set "$(afo_peer "$1" "$2")" "$3"
}

# afo_load [PARAM=VALUE...]: load the module and let discovery settle.
afo_load() {
	insmod "$MODULE" "$@" || return 1
	sleep "${AFO_SETTLE:-1}"
}

# afo_neigh NS IP: the MAC namespace NS holds for IP, or nothing.
afo_neigh() {
	ip -n "$(afo_ns "$1")" neigh show "$2" | sed -n 's/.* lladdr \([0-9a-f:]*\).*/\1/p'
}

# afo_answer NS IFNAME IP: the single MAC answering IP; fails unless
# exactly one answered.
afo_answer() {
	local out

	out=$(afo_probe "$1" "$2" "$3" --count "${AFO_PROBES:-2}" --interval 50 --timeout 300)
	json_field "$out" macs
	[ "$(json_field "$out" verdict)" = single ]
}

# afo_in NS COMMAND...: run COMMAND inside namespace NS.
afo_in() {
	local ns

	ns=$(afo_ns "$1")
	shift
	ip netns exec "$ns" "$@"
}

# afo_probe NS IFNAME IP [ARGS...]: arpfo-probe from a namespace, JSON out.
afo_probe() {
	local ns=$1 ifname=$2 ip=$3

	shift 3
	afo_in "$ns" "$PROBE" "$ifname" "$ip" --json "$@"
}

# json_field JSON KEY: a top-level field of arpfo-probe's JSON output.
json_field() {
	python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(" ".join(v) if isinstance(v, list) else v)' "$1" "$2"
}

# jq_py JSON EXPR: evaluate the Python expression EXPR with d = the parsed
# JSON and print the result (lists space-separated).
jq_py() {
	python3 -c 'import json,sys
d = json.loads(sys.argv[1])
v = eval(sys.argv[2])
print(" ".join(map(str, v)) if isinstance(v, list) else v)' "$1" "$2"
}

# The kernel log since the mark, to assert on what the module printed.
afo_dmesg_mark() { AFO_DMESG_MARK=$("$REPO/tests/kmsg" mark); }
afo_dmesg_since() { "$REPO/tests/kmsg" since "$AFO_DMESG_MARK"; }

# afo_slowdown: how many times slower than Debian's kernel under TCG this
# guest's kernel runs: 8 on the debug lane's KASAN/lockdep kernel (its
# scenarios take about 8 times as long), else 1. A limit that is a time in
# disguise (pings lost at 10 ms apart while a takeover is processed) is
# multiplied by it; a limit that counts decisions (takeovers, answers) is
# not.
afo_slowdown() {
	case $(uname -r) in
	*-arpfo-debug) echo 8 ;;
	*) echo 1 ;;
	esac
}

# afo_move_loss_limit: how many pings of a 10 ms stream a takeover and
# its reclaim may lose. The announcement reaches the client while the
# stream runs, so a few pings fall in the window between the event and
# the client's update; how many depends on how busy the machine is (2 of
# 400 were lost in a CI run beside another VM lane). A move the client
# does not hear of loses every ping until it re-resolves: at least the
# 150 sent in the scenarios' 1.5 s. 10 (100 ms), times afo_slowdown,
# tells the two apart without failing on a busy machine.
afo_move_loss_limit() { echo $(( 10 * $(afo_slowdown) )); }

# afo_until SECONDS COMMAND...: run COMMAND every 0.2 s until it succeeds;
# fail after SECONDS. For a state that follows an event at a time the
# machine decides: under TCG, and more so on the debug kernel, starting a
# process takes seconds.
afo_until() {
	local end=$(( $(date +%s) + $1 ))

	shift
	until "$@"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# afo_capture NS IFNAME FILE [FILTER...]: capture ARP (or what the tcpdump
# FILTER says) on IFNAME of NS into FILE in the background (tcpdump's pid
# in AFO_CAPTURE); returns once tcpdump listens, which takes seconds on
# the debug kernel. Liveness frames are not ARP: "arp or ether proto
# 0x88b5" takes them too.
afo_capture() {
	local ns=$1 ifname=$2 file=$3

	shift 3
	[ $# -gt 0 ] || set -- arp
	afo_in "$ns" tcpdump -q -U -n -i "$ifname" -w "$file" "$@" 2>"$file.log" &
	AFO_CAPTURE=$!
	afo_until 60 grep -q 'listening on' "$file.log"
}

# afo_capture_end: stop the capture afo_capture started.
afo_capture_end() {
	kill "$AFO_CAPTURE"
	wait "$AFO_CAPTURE" 2>/dev/null
}

# Silent failures: a switch port that drops every frame both ways while
# the adapter keeps its carrier.
#
# afo_port_state PORT STATE: set bridge port PORT of the switch to STATE,
# 1 (listening: drops every frame but BPDUs, learns nothing) or 3
# (forwarding), and fail unless it took. Not 4 (blocking): with STP off,
# setting a port's state runs br_port_state_selection(), which makes a
# blocking designated port (every port, without STP) forwarding again at
# once; listening drops the same frames and stays.
afo_port_state() {
	local want

	case $2 in
	1) want=listening ;;
	3) want=forwarding ;;
	*) want=$2 ;;
	esac
	bridge -n "$(afo_ns sw)" link set dev "$1" state "$2" &&
	bridge -n "$(afo_ns sw)" link show dev "$1" | grep -q " state $want "
}

# afo_block NS IFNAME on|off: block or unblock the switch port of the
# adapter's cable; its carrier stays up either way.
afo_block() {
	local state=3

	[ "$3" = on ] && state=1
	afo_port_state "$(afo_peer "$1" "$2")" $state
}

# afo_adapter NS IFNAME EXPR: the Python expression EXPR of the adapter
# IFNAME (as a) in arpfo show --json of namespace NS; nothing and failure
# when there is no such adapter or key.
afo_adapter() {
	local j

	j=$(afo_in "$1" "$ARPFO" show --json) || return 1
	jq_py "$j" "[($3) for a in d['adapters'] if a['ifname'] == '$2'][0]" 2>/dev/null
}

# afo_judged NS IFNAME: how the adapter's path is judged ("ok",
# "no-carrier", "silent", "target-lost").
afo_judged() { afo_adapter "$1" "$2" "a['judged']"; }

# afo_judged_is NS IFNAME VALUE
afo_judged_is() { [ "$(afo_judged "$1" "$2")" = "$3" ]; }

# afo_carrier NS IFNAME: 1 when the adapter has carrier.
afo_carrier() { afo_in "$1" cat "/sys/class/net/$2/carrier"; }

# IPv6 (tests/ipv6.sh, tests/ipv6_only.sh).
#
# afo_nd NS TARGET [ARGS...]: who answers a neighbour solicitation for
# TARGET sent from namespace NS, from its interface AFO_ND_IF (default
# eth0); JSON of tests/nd_tool.py.
afo_nd() {
	local ns=$1

	shift
	afo_in "$ns" "$REPO/tests/nd_tool.py" solicit "${AFO_ND_IF:-eth0}" "$@"
}

# afo_nd_macs NS TARGET [ARGS...]: the MACs that answered, space-separated.
afo_nd_macs() { json_field "$(afo_nd "$@")" macs; }

# afo_dad_left NS IFNAME: the addresses of IFNAME still in duplicate
# address detection or failed by it, one "address flags" a line.
afo_dad_left() {
	afo_in "$1" ip -6 addr show dev "$2" |
		awk '/tentative|dadfailed/ { $1 = ""; print }'
}

# afo_traffic_start NS IP: from namespace NS, a ping stream to IP (10 ms
# apart, AFO_PINGS of them, 400 by default) and a TCP ping-pong for 7 s,
# in the background, against arpfo-pingpong in namespace AFO_SERVER_NS
# (default host). afo_traffic_end waits for both.
afo_traffic_start() {
	AFO_PINGS=${AFO_PINGS:-400}
	afo_in "${AFO_SERVER_NS:-host}" "$REPO/build/tools/arpfo-pingpong" server 5006 >/dev/null 2>&1 &
	AFO_TRAFFIC_SERVER=$!
	sleep 1
	afo_in "$1" ping -q -i 0.01 -c "$AFO_PINGS" -W 1 "$2" > /tmp/afo-ping.out 2>&1 &
	AFO_TRAFFIC_PING=$!
	# The timeout only ends a hung connection: 7 s of ping-pong, and
	# seconds to start on a slow kernel.
	afo_in "$1" timeout $(( 12 * $(afo_slowdown) )) \
		"$REPO/build/tools/arpfo-pingpong" client "$2" 5006 7000 \
		> /tmp/afo-tcp.out 2>&1 &
	AFO_TRAFFIC_TCP=$!
}

# afo_traffic_end: wait for afo_traffic_start's streams; sets AFO_LOST
# (pings lost) and AFO_TCP (the ping-pong's report), and fails when the
# TCP connection died.
afo_traffic_end() {
	local rc

	wait "$AFO_TRAFFIC_PING"
	AFO_LOST=$(( AFO_PINGS - $(sed -n 's/.* \([0-9]*\) received.*/\1/p' /tmp/afo-ping.out) ))
	wait "$AFO_TRAFFIC_TCP"
	rc=$?
	AFO_TCP=$(cat /tmp/afo-tcp.out)
	kill "$AFO_TRAFFIC_SERVER" 2>/dev/null
	wait "$AFO_TRAFFIC_SERVER" 2>/dev/null
	return $rc
}
