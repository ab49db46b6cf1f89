#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The namespace benchmark, run inside the test VM by scripts/bench-netns:
# does the module cost anything where it has nothing to do? An
# unprivileged user (uid 65534, in a user namespace of its own) creates
# NETNS_N namespaces (default 1000), each with two veth pairs to a hub
# namespace, an address on each end, up: a container with two LANs, each
# namespace one the module manages by default, with two adapters with
# carrier and no pnet of two (bench/netns_tool.py hold). Then, in the
# initial namespace, bench/netns_tool.py measures the latency of adding
# and deleting a veth pair (NETNS_SAMPLES of each, default 200) and how
# long RTNL is held, over an idle window (NETNS_IDLE_S, default 5 s) and
# over the sampling, without the module and with it, twice each in turn
# and once more without (the machine's load drifts); with
# NETNS_BASELINE=MODULE (another build, e.g. the module before a fix) a
# run of that one after each run of the module.
#
# Reports, never asserts: one line of key=value pairs per run in
# $BENCH_OUT/raw.txt, the table of bench/netns_report.py beside it.
. "$(dirname "$0")/../tests/lib.sh"
TOOL=$REPO/bench/netns_tool.py
OUT=${BENCH_OUT:-/run/results}
RAW=$OUT/raw.txt
N=${NETNS_N:-1000}
SAMPLES=${NETNS_SAMPLES:-200}
IDLE_S=${NETNS_IDLE_S:-5}
# Time for the module to manage N x 2 adapters and let their discovery
# probes time out before a run measures.
SETTLE_S=${NETNS_SETTLE_S:-20}
: > "$RAW"

# Debian's switch for user namespaces of unprivileged users, where it
# exists; off, the holder fails and says so.
uns=/proc/sys/kernel/unprivileged_userns_clone
[ -e $uns ] && echo "# kernel.unprivileged_userns_clone=$(cat $uns)"
# The module logs a line per adapter it manages: kept off the serial
# console, which under TCG would be what is timed.
echo 4 > /proc/sys/kernel/printk

coproc HOLDER { python3 "$TOOL" hold "$N"; }
read -r -t 3000 ready <&"${HOLDER[0]}"
echo "# holder: $ready"
case $ready in
ready*) ;;
*) exit 1 ;;
esac
echo "# $(grep -c . /proc/net/dev) devices in the initial namespace;" \
	"slab $(awk '/^SUnreclaim/ {print $2}' /proc/meminfo) kB unreclaimable"

# run LABEL [MODULE]: one measurement, with MODULE loaded if given.
run() {
	local label=$1 module=${2:-} s0 s1

	if [ -n "$module" ]; then
		s0=$(awk '/^SUnreclaim/ {print $2}' /proc/meminfo)
		insmod "$module" || return 1
		sleep "$SETTLE_S"
		s1=$(awk '/^SUnreclaim/ {print $2}' /proc/meminfo)
		echo "# $label: insmod added $((s1 - s0)) kB unreclaimable slab"
	fi
	python3 "$TOOL" measure "$label" "$SAMPLES" "$IDLE_S" | tee -a "$RAW"
	[ -z "$module" ] || rmmod arp_failover
}

for _ in 1 2; do
	run none
	run module "$MODULE"
	[ -z "${NETNS_BASELINE:-}" ] || run baseline "$NETNS_BASELINE"
done
run none
exec {HOLDER[1]}>&-
wait
python3 "$REPO/bench/netns_report.py" "$RAW" | tee "$OUT/report.txt"
