#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# afo-timeout: 900
#
# No false takeover under loss: 20% random loss on every switch port (a
# netem qdisc on the switch-side end of each cable, so every frame
# delivered crosses exactly one lossy port) for ARPFO_SILENT_LOSS_S
# seconds (default 300): no adapter is judged anything but ok, no address
# moves, no pnet changes. Then 100% loss both ways on one port: its
# adapter is judged failed and its address moves within
# ARPFO_SILENT_DETECT_S seconds (default 5), in a pnet of two (decided by
# the gateway) and in a pnet of three (decided by the siblings), and stays
# moved for ARPFO_SILENT_HOLD_S seconds more (default 10): no reclaim of a
# port nothing crosses.
#
#        hosts                     switch              others
#   a: a0 10.0.0.1 ---+
#      a1 10.0.0.2 ---+---- seg0 ---+---------------- gwa    eth0 10.0.0.254
#                                   +---------------- client eth0 10.0.0.100
#   b: b0 10.0.1.1 ---+
#      b1 10.0.1.2 ---+---- seg1 ---+---------------- gwb    eth0 10.0.1.254
#      b2 10.0.1.3 ---+             +---------------- client eth1 10.0.1.100
#   each host: a default route via its gateway through each adapter
. "$(dirname "$0")/lib.sh"
require_cmd tc

LOSS_S=${ARPFO_SILENT_LOSS_S:-300}
DETECT_S=${ARPFO_SILENT_DETECT_S:-5}
HOLD_S=${ARPFO_SILENT_HOLD_S:-10}

afo_switch seg0 seg1
afo_netns_add a
afo_netns_add b
afo_netns_add gwa
afo_netns_add gwb
afo_netns_add client
afo_port a a0 seg0 02:00:00:00:0a:00 10.0.0.1/24 &&
afo_port a a1 seg0 02:00:00:00:0a:01 10.0.0.2/24 &&
afo_port gwa eth0 seg0 02:00:00:00:0f:00 10.0.0.254/24 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
afo_port b b0 seg1 02:00:00:00:0b:00 10.0.1.1/24 &&
afo_port b b1 seg1 02:00:00:00:0b:01 10.0.1.2/24 &&
afo_port b b2 seg1 02:00:00:00:0b:02 10.0.1.3/24 &&
afo_port gwb eth0 seg1 02:00:00:00:0f:01 10.0.1.254/24 &&
afo_port client eth1 seg1 02:00:00:00:0c:01 10.0.1.100/24 &&
afo_in a ip route add default via 10.0.0.254 dev a0 metric 100 &&
afo_in a ip route add default via 10.0.0.254 dev a1 metric 101 &&
afo_in b ip route add default via 10.0.1.254 dev b0 metric 100 &&
afo_in b ip route add default via 10.0.1.254 dev b1 metric 101 &&
afo_in b ip route add default via 10.0.1.254 dev b2 metric 102
check_err $? "topology setup failed"

# Every switch port: host adapters, gateways, client.
PORTS=$(for p in a:a0 a:a1 gwa:eth0 client:eth0 b:b0 b:b1 b:b2 gwb:eth0 client:eth1; do
	afo_peer "${p%%:*}" "${p#*:}"
done)

afo_load
check_err $? "insmod failed"

show() { afo_in "$1" "$ARPFO" show --json; }
judged() { jq_py "$(show "$1")" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
takeovers() { jq_py "$(show "$1")" "sorted('%s=%s' % (a['ifname'], a['stats']['takeovers']) for a in d['adapters'])"; }
pnets() { jq_py "$(show "$1")" "sorted(' '.join(p['members']) for p in d['pnets'])"; }
logged() { afo_dmesg_since | grep -q "$1"; }
# ready NS: one pnet, each adapter hearing a sibling; in a pair, each
# also knows its gateway (asked only when it misses its sibling)
ready() {
	[ "$(jq_py "$(show "$1")" "len(d['pnets']) == 1 and all(
		a['hears_ms'] is not None and a['hears_ms'] < 1000 and
		(len(d['adapters']) > 2 or a['target'] is not None)
		for a in d['adapters'])")" = True ]
}
all_ok() { [ "$(judged a)" = "a0=ok a1=ok" ] && [ "$(judged b)" = "b0=ok b1=ok b2=ok" ]; }
# dropped PORT: frames the port's netem dropped so far
dropped() { afo_in sw tc -s qdisc show dev "$1" | sed -n 's/.*(dropped \([0-9]*\),.*/\1/p' | head -1; }

afo_until 20 ready a && afo_until 20 ready b
check_err $? "not ready: a $(pnets a), b $(pnets b)"
all_ok
check_err $? "judged before the loss: $(judged a) $(judged b)"
log_test "before: a (two adapters) and b (three) each one pnet, all judged ok"

pnets_a=$(pnets a)
pnets_b=$(pnets b)
to_a=$(takeovers a)
to_b=$(takeovers b)
live_a=$(jq_py "$(show a)" "sum(a['stats']['live_heard'] for a in d['adapters'])")
afo_dmesg_mark
for p in $PORTS; do
	afo_in sw tc qdisc add dev "$p" root netem loss 20%
	check_err $? "cannot add netem to $p"
done
# Sampled every 10 s: any judgement but ok at any sample is a failure.
bad=
end=$(( $(date +%s) + LOSS_S ))
while [ "$(date +%s)" -lt "$end" ]; do
	sleep 10
	all_ok || bad="$bad [$(judged a) $(judged b)]"
done
[ -z "$bad" ]
check_err $? "judged under 20% loss:$bad"
! afo_dmesg_since | grep -q -e 'takeover:' -e 'path judged' -e 'unanswered'
check_err $? "under 20% loss: $(afo_dmesg_since | grep -e 'takeover:' -e 'path judged' -e 'unanswered' | head -5)"
[ "$(takeovers a)" = "$to_a" ] && [ "$(takeovers b)" = "$to_b" ]
check_err $? "takeovers went from $to_a $to_b to $(takeovers a) $(takeovers b)"
all_ok
check_err $? "judged after $LOSS_S s of 20% loss: $(judged a) $(judged b)"
lost=0
for p in $PORTS; do
	afo_in sw tc qdisc show dev "$p" | grep -q 'netem .*loss 20%'
	check_err $? "no 20% netem on $p: $(afo_in sw tc qdisc show dev "$p")"
	n=$(dropped "$p")
	lost=$((lost + ${n:-0}))
done
[ "$lost" -gt 0 ]
check_err $? "netem dropped nothing"
heard=$(( $(jq_py "$(show a)" "sum(a['stats']['live_heard'] for a in d['adapters'])") - live_a ))
[ "$heard" -gt 0 ]
check_err $? "a's adapters heard no liveness frame under loss"
log_test "20% loss on every port for $LOSS_S s: no takeover, all judged ok ($lost frames dropped, a heard $heard liveness frames)"

[ "$(pnets a)" = "$pnets_a" ] && [ "$(pnets b)" = "$pnets_b" ]
check_err $? "pnets changed under loss: a '$(pnets a)' was '$pnets_a', b '$(pnets b)' was '$pnets_b'"
# not even for a while: a split-off adapter joins again at its next
# re-verification
! afo_dmesg_since | grep -q ': pnet [0-9]* -> '
check_err $? "pnet changes under loss: $(afo_dmesg_since | grep ': pnet [0-9]* -> ' | head -4)"
log_test "20% loss on every port: no pnet changed"

# cut_port PORT: 100% loss both ways, the carrier up: netem drops what the
# port sends to its adapter, a clsact filter what it receives from it.
cut_port() {
	afo_in sw tc qdisc change dev "$1" root netem loss 100% &&
	afo_in sw tc qdisc add dev "$1" clsact &&
	afo_in sw tc filter add dev "$1" ingress matchall action drop
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ages NS IFNAME: what the adapter last heard, in ms
ages() {
	afo_adapter "$1" "$2" "'hears_ms %s heard_ms %s target_ms %s' % (a['hears_ms'], a['heard_ms'], a['target_ms'])"
}

# detect NS IFNAME JUDGED: cut IFNAME's port, expect its takeover and
# JUDGED within DETECT_S seconds, and no reclaim for HOLD_S seconds
# more: nothing reaches it, so nothing may say its path works again.
detect() {
	local ns=$1 ifname=$2 want=$3 t0 took

	afo_dmesg_mark
	t0=$(now)
	cut_port "$(afo_peer "$ns" "$ifname")"
	check_err $? "cannot cut $ifname's port"
	afo_until "$DETECT_S" logged "$ifname: arp_failover: takeover: "
	check_err $? "no takeover of $ifname within $DETECT_S s of 100% loss"
	took=$(elapsed "$t0")
	[ "$(afo_carrier "$ns" "$ifname")" = 1 ]
	check_err $? "$ifname lost its carrier"
	[ "$(afo_adapter "$ns" "$ifname" "a['judged']")" = "$want" ]
	check_err $? "judged with 100% loss on $ifname's port: $(judged "$ns")"
	log_test "100% loss on $ifname's port: judged $want, taken over in $took s"

	sleep "$HOLD_S"
	! logged "$ifname: arp_failover: path works again" &&
	! logged "$ifname: arp_failover: reclaim: " &&
	[ "$(afo_dmesg_since | grep -c "$ifname: arp_failover: takeover: ")" = 1 ]
	check_err $? "$ifname flaps with its port cut: $(afo_dmesg_since | grep -c "$ifname: arp_failover: reclaim: ") reclaims, $(afo_dmesg_since | grep -c "$ifname: arp_failover: takeover: ") takeovers in $(elapsed "$t0") s ($(ages "$ns" "$ifname"), judged $(judged "$ns"), pnets $(pnets "$ns"))"
	[ "$(afo_adapter "$ns" "$ifname" "a['judged']")" = "$want" ]
	check_err $? "judged $HOLD_S s later: $(judged "$ns")"
	log_test "100% loss on $ifname's port: taken over for good (no reclaim in $HOLD_S s more)"
}
detect a a0 target-lost
detect b b0 silent

afo_dmesg_mark
for p in $PORTS; do
	afo_in sw tc qdisc del dev "$p" root
	afo_in sw tc qdisc del dev "$p" clsact 2>/dev/null
done
afo_until 20 all_ok
check_err $? "judged once the loss is gone: $(judged a) $(judged b)"
logged "a0: arp_failover: reclaim: "
check_err $? "no reclaim by a0"
logged "b0: arp_failover: reclaim: "
check_err $? "no reclaim by b0"
log_test "loss gone: a0 and b0 reclaim, all judged ok"

afo_exit
