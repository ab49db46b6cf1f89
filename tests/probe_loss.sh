#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A lost probe frame is not a split. eth2 never hears eth0's probes (a tc
# filter drops them on its ingress): it still hears eth1's, so it stays on
# the pnet through many re-verifications, where one miss used to split it
# off at once. Cut off both ways with carrier, its path is judged silent
# and it stays; without liveness it splits off; once the filters go, it
# rejoins.
#
#        host
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0
#   eth2 10.0.0.3 ---+
. "$(dirname "$0")/lib.sh"
require_cmd tc

MAC0=02:00:00:00:01:00
afo_switch seg0
afo_netns_add host
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
	afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
	afo_port host eth2 seg0 02:00:00:00:01:02 10.0.0.3/24
check_err $? "topology setup failed"

afo_load reverify_s=1 probe_timeout_ms=100
check_err $? "insmod failed"

pnet_sizes() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	jq_py "$j" "sorted(len(p['members']) for p in d['pnets'])"
}
one_pnet() { [ "$(pnet_sizes)" = 3 ]; }
afo_until 30 one_pnet
check_err $? "the three adapters never formed one pnet: $(pnet_sizes)"
log_test "three siblings discovered as one pnet"

mon=$(mktemp /var/tmp/arpfo-monitor.XXXXXX)
# ip netns exec execs the tool, so $! is the monitor itself.
ip netns exec "$(afo_ns host)" "$ARPFO" monitor --json >"$mon" 2>&1 &
monitor=$!
sleep 0.5
pnet_events() { grep -c '"event":"pnet".*"ifname":"eth2"' "$mon"; }
dropped() {
	afo_in host tc -s filter show dev eth2 ingress |
		sed -n 's/.*Sent [0-9]* bytes \([0-9]*\) pkt.*/\1/p' | head -1
}

# eth0's probes (requests from 0.0.0.0 with its MAC) never reach eth2.
afo_in host tc qdisc add dev eth2 clsact &&
	afo_in host tc filter add dev eth2 ingress protocol arp pref 1 \
		flower skip_hw src_mac $MAC0 arp_sip 0.0.0.0 action drop
check_err $? "tc filter setup failed"
sleep 8
[ "$(dropped)" -ge 4 ]
check_err $? "the filter dropped $(dropped) probes of eth0, not 4 or more"
[ "$(pnet_events)" = 0 ] && one_pnet
check_err $? "eth2 changed pnet $(pnet_events) times (pnets now $(pnet_sizes))"
log_test "a member that misses every probe of one sibling stays on its pnet ($(dropped) probes dropped)"

# No probe (ARP from 0.0.0.0) or liveness frame (EtherType 0x88b5)
# reaches eth2 or leaves it, with carrier: its path is judged silent, its
# siblings answer for it, and its unheard probes do not split it off
# (tests/silent.sh covers the takeover).
eth2_silent() { afo_judged_is host eth2 silent; }
afo_in host tc filter replace dev eth2 ingress protocol arp pref 1 \
	flower skip_hw arp_sip 0.0.0.0 action drop &&
	afo_in host tc filter add dev eth2 egress protocol arp pref 1 \
		flower skip_hw arp_sip 0.0.0.0 action drop &&
	afo_in host tc filter add dev eth2 ingress protocol 0x88b5 pref 2 \
		matchall skip_hw action drop &&
	afo_in host tc filter add dev eth2 egress protocol 0x88b5 pref 2 \
		matchall skip_hw action drop
check_err $? "tc filter change failed"
afo_until 10 eth2_silent
check_err $? "eth2 is cut off from its siblings but judged '$(afo_judged host eth2)'"
sleep 4		# four re-verifications of eth2
[ "$(pnet_events)" = 0 ] && one_pnet
check_err $? "silent eth2 changed pnet $(pnet_events) times (pnets now $(pnet_sizes))"
log_test "a member cut off from its siblings is judged silent and stays"

# Without liveness, discovery alone judges: it splits off. (An adapter
# whose own probes are still heard stays: the siblings hearing it prove
# it is on their segment.)
echo 0 > /sys/module/arp_failover/parameters/liveness_ms
afo_until 20 grep -q '"event":"pnet".*"ifname":"eth2"' "$mon"
check_err $? "eth2 is cut off from its siblings but never split off"
log_test "without liveness, a member cut off from its siblings splits off"

afo_in host tc qdisc del dev eth2 clsact
check_err $? "tc filter removal failed"
afo_until 20 one_pnet
check_err $? "eth2 did not rejoin: $(pnet_sizes)"
echo 50 > /sys/module/arp_failover/parameters/liveness_ms
log_test "it rejoins once it hears its siblings again"

kill "$monitor"
rm -f "$mon"
afo_exit
