#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Discovery holds at any sibling count: 64 adapters of one host on one
# segment stay one pnet through 100 rounds of re-verification, all of
# them probing within a quarter of a second of each other (each probe
# heard by 63 siblings at once).
#
#        host                         switch
#   eth0  10.0.0.1   ---+
#   eth1  10.0.0.2   ---+---- seg0 (one bridge)
#   ...                 |
#   eth63 10.0.0.64  ---+
#
# AFO_SIBLINGS sets the count (default 64), AFO_ROUNDS the rounds (100).
# About 4 minutes under TCG (two seconds a round):
# afo-timeout: 900
. "$(dirname "$0")/lib.sh"

N=${AFO_SIBLINGS:-64}
ROUNDS=${AFO_ROUNDS:-100}

# All cables in two batches: under TCG every process start costs.
siblings() {
	local host sw i

	host=$(afo_ns host)
	sw=$(afo_ns sw)
	for i in $(seq 0 $((N - 1))); do
		echo "link add p$i type veth peer name eth$i netns $host"
		echo "link set p$i master seg0 up"
	done | ip -n "$sw" -batch - || return 1
	for i in $(seq 0 $((N - 1))); do
		printf 'link set eth%d address 02:00:00:00:%02x:%02x up\n' \
			"$i" $((i / 256 + 1)) $((i % 256))
		echo "addr add 10.0.0.$((i + 1))/24 dev eth$i"
	done | ip -n "$host" -batch -
}

# pnet_count: how many pnets the host's adapters form, and how many
# adapters it manages ("PNETS ADAPTERS").
pnet_count() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	jq_py "$j" "[len(d['pnets']), len(d['adapters'])]"
}

# In the VM every frame of every namespace passes one CPU's input backlog
# (1000 frames), and 64 probes flooded to 64 adapters are 4096 frames at
# once: frames the backlog drops would be lost evidence of the VM, not of
# the module (on a real segment each adapter has its own receive queue).
backlog=$(sysctl -n net.core.netdev_max_backlog)
sysctl -qw net.core.netdev_max_backlog=16384
afo_switch seg0
afo_netns_add host
siblings
check_err $? "topology setup failed"
# A probe window long enough for 63 hearers per probe under TCG.
afo_load reverify_s=1 probe_timeout_ms=1000
check_err $? "insmod failed"
afo_until 120 test "$(pnet_count)" = "1 $N"
check_err $? "$N siblings never formed one pnet: $(pnet_count)"
log_test "$N siblings discovered as one pnet"

# Each adapter re-verifies every second (plus its probe window): sample
# the state every few seconds until every adapter probed ROUNDS times.
min_sent() {
	jq_py "$1" "min(a['stats']['probes_sent'] for a in d['adapters'])"
}
split=
start=$(date +%s)
while :; do
	sleep 3
	j=$(afo_in host "$ARPFO" show --json)
	c=$(jq_py "$j" "[len(d['pnets']), len(d['adapters'])]")
	[ "$c" = "1 $N" ] || split="$split [$c]"
	rounds=$(min_sent "$j")
	[ "$rounds" -ge "$ROUNDS" ] && break
	[ $(( $(date +%s) - start )) -lt $((ROUNDS * 5)) ] || break
done
echo "# $rounds rounds in $(( $(date +%s) - start )) s; samples not one pnet:${split:- none}"
[ -z "$split" ]
check_err $? "the pnet split during re-verification:$split"
[ "$rounds" -ge "$ROUNDS" ]
check_err $? "only $rounds rounds ran"
log_test "$N siblings stay one pnet through $ROUNDS rounds of re-verification"
sysctl -qw net.core.netdev_max_backlog="$backlog"

afo_exit
