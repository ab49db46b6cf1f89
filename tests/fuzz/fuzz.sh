#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile input (make fuzz): arpfo-fuzz injects FUZZ_COUNT (default one
# million) malformed, truncated, oversized, random and spoofed ARP frames,
# forged discovery probes and liveness frames (EtherType 0x88b5), replayed
# genuine ones, and (a quarter of them) ICMPv6 Neighbor Discovery frames,
# valid-looking and hostile, aimed at the managed IPv6 addresses, into
# the segment of two host adapters. Afterwards nothing the module decides may have changed
# (pnets, who answers for what, the IPv6 addresses too), the forged
# probes must have been counted, and the module must still answer ARP
# and neighbour solicitations, carry IPv6, and fail over correctly.
# Not among tests/*.sh: it takes minutes, so make check leaves it out.
#
#        host                               switch       client
#   eth0 10.0.0.1 2001:db8::1 ----+
#                                 +-- seg0 ------------- eth0 10.0.0.100 2001:db8::100 (fuzzer)
#   eth1 10.0.0.2 2001:db8::2 ----+
#   eth2 10.0.1.1 2001:db8:1::1 ----- seg1 ------------- eth1 10.0.1.100 2001:db8:1::100
. "$(dirname "$0")/../lib.sh"
require_cmd tcpdump
require_cmd ping
FUZZ=$REPO/build/tools/arpfo-fuzz
TOOL=$REPO/tests/frame_tool.py
COUNT=${FUZZ_COUNT:-1000000}
MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02
A6_0=2001:db8::1
A6_1=2001:db8::2
A6_2=2001:db8:1::1

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24
afo_port host eth1 seg0 $MAC1 10.0.0.2/24
afo_port host eth2 seg1 $MAC2 10.0.1.1/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
afo_port client eth1 seg1 02:00:00:00:0c:01 10.0.1.100/24
check_err $? "topology setup failed"
# Global IPv6 addresses without duplicate address detection: none is ever
# tentative, so no fuzzed probe or advertisement can fail one.
afo_in host ip addr add $A6_0/64 dev eth0 nodad &&
	afo_in host ip addr add $A6_1/64 dev eth1 nodad &&
	afo_in host ip addr add $A6_2/64 dev eth2 nodad &&
	afo_in client ip addr add 2001:db8::100/64 dev eth0 nodad &&
	afo_in client ip addr add 2001:db8:1::100/64 dev eth1 nodad
check_err $? "IPv6 setup failed"

# On eth1's switch port: the broadcast probes, and the liveness frames
# eth0 sends eth1 (unicast: the client never sees them; not ARP).
pcap=/var/tmp/fuzz.$$.pcap
afo_capture sw "$(afo_peer host eth1)" "$pcap" arp or ether proto 0x88b5
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

# The managed IPv6 addresses (arpfo lists them beside the IPv4 ones).
addrs6() {
	jq_py "$(afo_in host "$ARPFO" show --json)" \
		"sorted(a['address'] for a in d['addresses'] if a['family'] == 'inet6')"
}
want6=$(printf '%s\n' $A6_0 $A6_1 $A6_2 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
ip6_managed() { [ "$(addrs6)" = "$want6" ]; }
afo_until 10 ip6_managed
check_err $? "managed IPv6 addresses: '$(addrs6)', not '$want6'"
# The link-local addresses do run DAD: over before any fuzzed frame.
dad_done() {
	[ -z "$(afo_dad_left host eth0)$(afo_dad_left host eth1)$(afo_dad_left host eth2)" ]
}
afo_until 20 dad_done
check_err $? "DAD never ended: $(afo_dad_left host eth0)$(afo_dad_left host eth1)"
log_test "setup: module loaded, a genuine probe and liveness frames captured, IPv6 managed"

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
	--target-ip $A6_0 --target-ip $A6_1 --target-ip $A6_2 \
	--replay "$replay" --json > "$report"
check_err $? "arpfo-fuzz failed: $(cat "$report")"
sed 's/^/# fuzz: /' "$report"
sent=$(jq_py "$(cat "$report")" "d['sent']")
[ "$sent" -ge "$COUNT" ]
check_err $? "only $sent of $COUNT frames sent"
nd=$(jq_py "$(cat "$report")" "sum(n for c, n in d['categories'].items() if c.startswith('nd_'))")
[ "$nd" -gt 0 ]
check_err $? "no Neighbor Discovery frame among them"
log_test "$sent frames injected, $nd of them Neighbor Discovery"

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
ip6_managed
check_err $? "managed IPv6 addresses after fuzzing: '$(addrs6)', not '$want6'"
# The kernel answers a solicitation or a ping only once it holds a
# neighbour entry for the client, and the flood filled the neighbour
# table with entries too young to evict (5 s): retry for a while.
nd_answer() { [ "$(afo_nd_macs client "$1")" = "$2" ]; }
for pair in $A6_0=$MAC0 $A6_1=$MAC1; do
	afo_until 10 nd_answer "${pair%=*}" "${pair#*=}"
	check_err $? "solicitation for ${pair%=*} answered by '$(afo_nd_macs client "${pair%=*}")', not once by ${pair#*=}, after fuzzing"
done
reach6() { afo_in client ping -6 -c 1 -W 1 "$1" >/dev/null; }
for a in $A6_0 $A6_1 $A6_2; do
	afo_until 10 reach6 "$a"
	check_err $? "$a unreachable over IPv6 after fuzzing"
done
afo_cable host eth0 down
sleep 0.5
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC1 ]
check_err $? "no takeover after fuzzing"
nd_answer $A6_0 $MAC1
check_err $? "no IPv6 takeover after fuzzing: $A6_0 answered by '$(afo_nd_macs client $A6_0)'"
afo_cable host eth0 up
sleep 0.5
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC0 ]
check_err $? "no reclaim after fuzzing"
nd_answer $A6_0 $MAC0
check_err $? "no IPv6 reclaim after fuzzing: $A6_0 answered by '$(afo_nd_macs client $A6_0)'"
log_test "still answering ARP and ND, carrying IPv6, failing over afterwards"
rm -f "$replay" "$report"

afo_exit
