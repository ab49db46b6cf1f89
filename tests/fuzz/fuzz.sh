#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile input (make fuzz): arpfo-fuzz injects FUZZ_COUNT (default one
# million) malformed, truncated, oversized, random and spoofed ARP frames,
# forged discovery probes and liveness frames, and replayed genuine ones
# into the segment of two host adapters. Afterwards nothing the module
# decides may have changed (pnets, who answers for what), the forged
# probes must have been counted, and the module must still answer and
# fail over correctly.
# Not among tests/*.sh: it takes minutes, so make check leaves it out.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.100 (fuzzer)
#   eth1 10.0.0.2 ---+
#   eth2 10.0.1.1 -------- seg1 ----------------------- eth1 10.0.1.100
. "$(dirname "$0")/../lib.sh"
require_cmd tcpdump
FUZZ=$REPO/build/tools/arpfo-fuzz
TOOL=$REPO/tests/frame_tool.py
COUNT=${FUZZ_COUNT:-1000000}
MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24
afo_port host eth1 seg0 $MAC1 10.0.0.2/24
afo_port host eth2 seg1 $MAC2 10.0.1.1/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
afo_port client eth1 seg1 02:00:00:00:0c:01 10.0.1.100/24
check_err $? "topology setup failed"

# On eth1's switch port: the broadcast probes, and the liveness frames
# eth0 sends eth1 (unicast: the client never sees them).
pcap=/var/tmp/fuzz.$$.pcap
afo_capture sw "$(afo_peer host eth1)" "$pcap"
check_err $? "tcpdump did not start"
afo_load
check_err $? "insmod failed"
sleep 1
afo_capture_end
replay=/var/tmp/fuzz.$$.replay
# from_eth0: the hex frames of stdin with eth0's Ethernet source
from_eth0() { awk 'substr($0, 13, 12) == "020000000100"'; }
$TOOL probes "$pcap" | from_eth0 | head -n 1 > "$replay"
[ -s "$replay" ]
check_err $? "no genuine probe captured to replay"
lives=$($TOOL lives "$pcap" | from_eth0 | tail -n 5 | tee -a "$replay" | wc -l)
[ "$lives" -ge 1 ]
check_err $? "no genuine liveness frame of eth0 captured to replay"
rm -f "$pcap" "$pcap.log"
log_test "setup: module loaded, a genuine probe and liveness frames captured"

# What the module decided, without the counters the fuzzing moves.
decisions() {
	jq_py "$(afo_in host "$ARPFO" show --json)" \
		"[(a['ifname'], a['pnet'] == [b for b in d['adapters'] if b['ifname'] == 'eth0'][0]['pnet'], a['state'], a['responder']) for a in d['adapters']] + [(x['address'], x['owner'], x['responder']) for x in d['addresses']]"
}
rejected() {
	jq_py "$(afo_in host "$ARPFO" show --json)" "sum(a['stats']['probes_rejected'] for a in d['adapters'])"
}
before=$(decisions)
rejected_before=$(rejected)

report=/var/tmp/fuzz.$$.json
afo_in client "$FUZZ" eth0 --count "$COUNT" --seed "${FUZZ_SEED:-1}" \
	--target-mac $MAC0 --target-mac $MAC1 --target-mac $MAC2 \
	--target-ip 10.0.0.1 --target-ip 10.0.0.2 --target-ip 10.0.1.1 \
	--replay "$replay" --json > "$report"
check_err $? "arpfo-fuzz failed: $(cat "$report")"
sed 's/^/# fuzz: /' "$report"
sent=$(jq_py "$(cat "$report")" "d['sent']")
[ "$sent" -ge "$COUNT" ]
check_err $? "only $sent of $COUNT frames sent"
log_test "$sent frames injected"

# Forged or spoofed frames may have taught the switch wrong ports for the
# host's MACs; they are the switch's business, not the module's.
ip -n "$(afo_ns sw)" link set seg0 type bridge fdb_flush
sleep 1
after=$(decisions)
[ "$before" = "$after" ]
check_err $? "state changed: before '$before' after '$after'"
rejected_after=$(rejected)
echo "# probes and liveness frames rejected: $((rejected_after - rejected_before))"
[ "$rejected_after" -gt "$rejected_before" ]
check_err $? "no forged probe was counted ($rejected_after)"
log_test "no state change; forged probes counted"

for pair in 10.0.0.1=$MAC0 10.0.0.2=$MAC1; do
	[ "$(afo_answer client eth0 ${pair%=*})" = ${pair#*=} ]
	check_err $? "${pair%=*} not answered once by ${pair#*=} after fuzzing"
done
[ "$(afo_answer client eth1 10.0.1.1)" = $MAC2 ]
check_err $? "10.0.1.1 not answered once by eth2 after fuzzing"
afo_cable host eth0 down
sleep 0.5
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC1 ]
check_err $? "no takeover after fuzzing"
afo_cable host eth0 up
sleep 0.5
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC0 ]
check_err $? "no reclaim after fuzzing"
log_test "still answering and failing over afterwards"
rm -f "$replay" "$report"

afo_exit
