#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A replayed probe cannot push out other evidence: while all three seg0
# adapters probe together (long probe windows), an attacker on seg0
# replays a genuine probe of eth0 fifty times inside its window. The
# replays count as what they are, eth0's probe heard again, and seg0
# stays one pnet of three; seg1's adapter stays alone.
#
#        host                      switch              client (attacker)
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth2 10.0.0.3 ---+
#   eth3 10.0.1.1 -------- seg1 ----------------------- eth1 10.0.1.100
. "$(dirname "$0")/lib.sh"
TOOL="python3 $REPO/tests/frame_tool.py"
P=/sys/module/arp_failover/parameters
require_cmd tcpdump

afo_flux_topology
check_err $? "topology setup failed"
afo_load reverify_s=0
check_err $? "insmod failed"

pnets() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	jq_py "$j" "sorted(p['members'] for p in d['pnets'])"
}
want="['eth0', 'eth1', 'eth2'] ['eth3']"
afo_until 30 test "$(pnets)" = "$want"
check_err $? "discovery: $(pnets)"
log_test "discovery before the attack"

# Every seg0 adapter probes again at once, with a 10 s window.
echo 10000 > $P/probe_timeout_ms
pcap=/var/tmp/replay.$$.pcap
afo_capture client eth0 "$pcap"
check_err $? "tcpdump did not start"
ip -n "$(afo_ns sw)" -batch - <<-BATCH
	link set $(afo_peer host eth0) down
	link set $(afo_peer host eth1) down
	link set $(afo_peer host eth2) down
	link set $(afo_peer host eth0) up
	link set $(afo_peer host eth1) up
	link set $(afo_peer host eth2) up
BATCH
frame=
afo_until 8 eval 'frame=$($TOOL probes "$pcap" | grep -m1 020000000100)' &&
	[ -n "$frame" ]
check_err $? "no probe of eth0 captured"
afo_in client $TOOL flood eth0 "$frame" 50
check_err $? "replaying failed"
probing=$(afo_in host "$ARPFO" show --json |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(a["probing"] for a in d["adapters"]))')
echo "# adapters still probing right after the replays: $probing"
[ "$probing" -ge 1 ]
check_err $? "the replays came after every probe window (machine too slow to test this)"
afo_capture_end
sleep 11	# every window closes; outcomes are decided
echo 200 > $P/probe_timeout_ms
[ "$(pnets)" = "$want" ]
check_err $? "pnets after the replay flood: $(pnets)"
log_test "50 replays inside the window: pnets unchanged"

rm -f "$pcap" "$pcap.log"
afo_exit
