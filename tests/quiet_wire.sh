#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Quiet on the wire: switches with Dynamic ARP Inspection police ARP on
# untrusted ports (15 frames/s by default) and shut a port down above
# that. A pair on one switch with one default route through a gateway
# (the common host), the module loaded with its defaults, left idle for
# 30 s once settled: each host port sends on average at most one ARP
# frame a second, and no more than a few in any second. Liveness keeps
# flowing (frames of EtherType 0x88b5, counted and printed) and both
# adapters stay judged ok: the quiet is not liveness switched off.
#
#        host                      switch              gateway
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.254
#   eth1 10.0.0.2 ---+
#   default via 10.0.0.254 (on whichever adapter the kernel picks)
. "$(dirname "$0")/lib.sh"
TOOL="python3 $REPO/tests/frame_tool.py"
require_cmd tcpdump

GW=10.0.0.254
IDLE_S=30
MAX_ARP_PER_S=1		# on average over IDLE_S
MAX_ARP_ONE_S=5		# in any one second

afo_switch seg0
afo_netns_add host
afo_netns_add gw
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
afo_port gw eth0 seg0 02:00:00:00:0f:00 $GW/24 &&
afo_in host ip route add default via $GW
check_err $? "topology setup failed"

afo_load
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
# settled [JSON]: one pnet of both, each hearing the other and judged ok,
# in JSON (a show's) or now
settled() {
	[ "$(jq_py "${1:-$(show)}" "len(d['pnets']) == 1 and all(a['judged'] == 'ok' and
		a['hears_ms'] is not None and a['hears_ms'] < 1000 and
		a['heard_ms'] is not None and a['heard_ms'] < 1000 for a in d['adapters'])")" = True ]
}
afo_until 30 settled
check_err $? "the pair did not settle: $(show)"
# The announcements of the load and the first target probes are over.
sleep 3
log_test "settled: one pnet, each adapter hears the other"

# What each host port sends: captured on the switch side, inbound there.
tmp=/var/tmp/quiet_wire.$$
mkdir -p "$tmp"
pids=
for ifname in eth0 eth1; do
	afo_capture sw "$(afo_peer host $ifname)" "$tmp/$ifname.pcap" -Q in
	check_err $? "tcpdump did not start on $ifname's switch port"
	pids="$pids $AFO_CAPTURE"
done
start=$(date +%s.%N)
sleep $((IDLE_S + 1))
for pid in $pids; do
	kill "$pid"
	wait "$pid" 2>/dev/null
done
for ifname in eth0 eth1; do
	$TOOL persec "$tmp/$ifname.pcap" "$start" $IDLE_S > "$tmp/$ifname.rates"
	read -r arp arp_max live <<<"$(awk '{ a += $1; l += $2; if ($1 > m) m = $1 }
		END { print a + 0, m + 0, l + 0 }' "$tmp/$ifname.rates")"
	echo "# $ifname's port over $IDLE_S s: $arp ARP frames ($(awk -v n="$arp" -v s=$IDLE_S 'BEGIN { printf "%.1f", n / s }')/s, at most $arp_max in a second), $live liveness frames ($(awk -v n="$live" -v s=$IDLE_S 'BEGIN { printf "%.1f", n / s }')/s)"
	[ "$arp" -le $((MAX_ARP_PER_S * IDLE_S)) ]
	check_err $? "$ifname's port sent $arp ARP frames in $IDLE_S s, more than $MAX_ARP_PER_S a second"
	[ "$arp_max" -le $MAX_ARP_ONE_S ]
	check_err $? "$ifname's port sent $arp_max ARP frames in one second, more than $MAX_ARP_ONE_S"
	[ "$live" -gt 0 ]
	check_err $? "$ifname's port sent no liveness frame in $IDLE_S s"
done
st=$(show)
settled "$st"
check_err $? "the pair did not stay settled: $st"
log_test "idle for $IDLE_S s: at most $MAX_ARP_PER_S ARP frame a second per port, $MAX_ARP_ONE_S in any second"

rm -rf "$tmp"
afo_exit
