#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Liveness frames that are not genuine and current never keep a path
# alive. Genuine liveness frames of eth0, captured on their way to eth1,
# are replayed into eth1 once eth0's switch port is blocked (carrier up)
# and eth0 is judged silent: they are stale, rejected and reported, and
# eth0 stays silent until its port passes frames again. The tag of a
# genuine discovery probe of eth0 in a liveness frame fails the liveness
# MAC: rejected as forged. A liveness frame under another origin is
# another host's or namespace's: consumed quietly. A probe under the
# magic of the ARP-shaped liveness frames of earlier versions (0xaf03) is
# no liveness frame: the kernel's, an RFC 5227 probe like any other.
# Liveness frames are not ARP (EtherType 0x88b5): eth0 sends eth1 none.
#
# Frames are injected on the switch side of eth1's cable, in the switch
# namespace, so that they reach eth1 alone. Liveness frames are unicast:
# the client never sees them, eth1's switch port does.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth2 10.0.0.3 ---+
. "$(dirname "$0")/lib.sh"
TOOL="python3 $REPO/tests/frame_tool.py"
require_cmd tcpdump
require_cmd tc

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
HEX0=020000000100
HEX1=020000000101

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
afo_port host eth2 seg0 02:00:00:00:01:02 10.0.0.3/24 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"

SW=$(afo_ns sw)
PORT1=$(afo_peer host eth1)
tmp=/var/tmp/hostile_live.$$
mkdir -p "$tmp"

show() { afo_in host "$ARPFO" show --json; }
# counter IFNAME KEY: a counter of the host's adapter IFNAME
counter() { jq_py "$(show)" "[a['stats']['$2'] for a in d['adapters'] if a['ifname'] == '$1'][0]"; }
# judged IFNAME: how the host's adapter IFNAME is judged
judged() { jq_py "$(show)" "[a['judged'] for a in d['adapters'] if a['ifname'] == '$1'][0]"; }
judged_is() { [ "$(judged "$1")" = "$2" ]; }
# logged "DEV: TEXT": the module logged TEXT about DEV
logged() { afo_dmesg_since | grep -q "${1%%: *}: arp_failover: ${1#*: }"; }
# hearing: every adapter hears a sibling and is heard, within the last second
hearing() {
	[ "$(jq_py "$(show)" "all(a['hears_ms'] is not None and a['hears_ms'] < 1000 and
		a['heard_ms'] is not None and a['heard_ms'] < 1000 for a in d['adapters'])")" = True ]
}
# block IFNAME on|off: the host adapter's switch port drops every frame,
# both ways, or passes them again; its carrier stays up. (A bridge port
# state would not hold: with STP off the bridge makes it forwarding again.)
block() {
	local p

	p=$(afo_peer host "$1")
	if [ "$2" = on ]; then
		tc -n "$SW" qdisc add dev "$p" root netem loss 100% &&
		tc -n "$SW" qdisc add dev "$p" ingress &&
		tc -n "$SW" filter add dev "$p" ingress matchall action drop
	else
		tc -n "$SW" qdisc del dev "$p" root &&
		tc -n "$SW" qdisc del dev "$p" ingress
	fi
}
# from_to SRC DST: the hex frames of stdin with Ethernet source SRC and
# destination DST (12 hex digits each; DST "any": every destination)
from_to() { awk -v s="$1" -v d="$2" 'substr($0, 13, 12) == s && (d == "any" || substr($0, 1, 12) == d)'; }

# Everything eth1's port passes, from before the module loads (discovery
# probes) to a second of liveness rounds.
pcap=$tmp/eth1-port.pcap
afo_capture sw "$PORT1" "$pcap" arp or ether proto 0x88b5
check_err $? "tcpdump did not start on eth1's switch port"
afo_load
check_err $? "insmod failed"
afo_until 30 hearing
check_err $? "liveness frames not flowing: $(show)"
sleep 1
afo_capture_end
$TOOL lives "$pcap" | from_to $HEX0 any > "$tmp/lives0.all"
from_to $HEX0 $HEX1 < "$tmp/lives0.all" > "$tmp/lives0"
$TOOL probes "$pcap" | from_to $HEX0 any > "$tmp/probes0"
n=$(wc -l < "$tmp/lives0")
[ "$n" -ge 5 ]
check_err $? "only $n liveness frames of eth0 to eth1 captured on eth1's port"
# Unicast: never to a broadcast or multicast address.
! cut -c2 "$tmp/lives0.all" | grep -q '[13579bdf]'
check_err $? "liveness frames of eth0 not unicast: $(grep -v "^.[02468ace]" "$tmp/lives0.all" | head -n 3)"
[ -s "$tmp/probes0" ]
check_err $? "no discovery probe of eth0 captured"
# ARP from eth0 to eth1's MAC: liveness frames of an earlier version.
arp01=$(tcpdump -r "$pcap" -nn "arp and ether src $MAC0 and ether dst $MAC1" 2>/dev/null | wc -l)
[ "$arp01" -eq 0 ]
check_err $? "$arp01 ARP frames of eth0 unicast to eth1"
origin=$($TOOL origin "$(head -n 1 "$tmp/lives0")")
check_err $? "no origin in eth0's liveness frame"
[ "$origin" = "$($TOOL origin "$(head -n 1 "$tmp/probes0")")" ]
check_err $? "eth0's liveness frames and probes carry different origins"
[ "$(judged eth0) $(judged eth1) $(judged eth2)" = "ok ok ok" ]
check_err $? "judged before any failure: $(judged eth0) $(judged eth1) $(judged eth2)"
log_test "capture genuine liveness frames (unicast, not ARP) and a probe of eth0"

# The tag of a genuine discovery probe of eth0 in a liveness frame of
# eth0 to eth1: its MAC is a probe's, which never verifies as a liveness
# frame's.
rejected=$(counter eth1 probes_rejected)
afo_dmesg_mark
afo_in sw $TOOL send "$PORT1" "$($TOOL aslive "$(head -n 1 "$tmp/probes0")" "$(head -n 1 "$tmp/lives0")")"
check_err $? "sending the probe's tag as a liveness frame failed"
afo_until 10 logged "eth1: dropped a forged liveness frame from $MAC0"
check_err $? "the probe's tag was not reported as a forged liveness frame: $(afo_dmesg_since | grep arp_failover)"
now=$(counter eth1 probes_rejected)
[ "$now" -eq $((rejected + 1)) ]
check_err $? "eth1 counted $((now - rejected)) rejected frames for one probe's tag"
! logged "eth1: dropped a stale or replayed"
check_err $? "the probe's tag was taken for a genuine, stale liveness frame"
log_test "a discovery probe's tag in a liveness frame: rejected as forged"

# A probe of eth0 under 0xaf03, the magic of the ARP-shaped liveness
# frames of earlier versions: no tag of ours, so an ordinary request for
# eth0's address, which eth1 does not answer (eth0 does): counted as
# dropped, neither rejected nor heard.
rejected=$(counter eth1 probes_rejected)
dropped=$(counter eth1 dropped)
afo_dmesg_mark
afo_in sw $TOOL send "$PORT1" "$($TOOL retag "$(head -n 1 "$tmp/probes0")" 0xaf03)"
check_err $? "sending the probe under 0xaf03 failed"
afo_until 10 eval '[ "$(counter eth1 dropped)" -gt "$dropped" ]'
check_err $? "the probe under 0xaf03 was not taken as a request for eth0's address: dropped $dropped -> $(counter eth1 dropped)"
[ "$(counter eth1 probes_rejected)" = "$rejected" ]
check_err $? "the probe under 0xaf03 was rejected: $rejected -> $(counter eth1 probes_rejected)"
! logged "eth1: dropped a"
check_err $? "the probe under 0xaf03 reported: $(afo_dmesg_since | grep dropped)"
log_test "an ARP probe under the old liveness magic 0xaf03: left to the kernel"

# Another origin: another host's or namespace's frame, even in eth0's
# name. Sent while eth0 is still heard, so that only the counter and the
# log can tell; and a second time with eth0 blocked below.
rejected=$(counter eth1 probes_rejected)
afo_dmesg_mark
other=$(( (origin + 1) % 4294967296 ))
foreign=$($TOOL reorigin "$(tail -n 1 "$tmp/lives0")" "$other")
afo_in sw $TOOL flood "$PORT1" "$foreign" 5
check_err $? "sending the liveness frame of another origin failed"
sleep 0.5
[ "$(counter eth1 probes_rejected)" = "$rejected" ]
check_err $? "eth1 counted liveness frames of another origin: $rejected, now $(counter eth1 probes_rejected)"
! logged "eth1: dropped a"
check_err $? "a liveness frame of another origin reported: $(afo_dmesg_since | grep dropped)"
log_test "a liveness frame of another origin: consumed quietly"

# Block eth0's port: nobody hears eth0, eth0 hears nobody, eth1 and eth2
# still hear each other: eth0 is judged silent.
mon=$tmp/monitor.json
# ip netns exec execs the tool, so $! is the monitor itself.
ip netns exec "$(afo_ns host)" "$ARPFO" monitor --json >"$mon" 2>&1 &
monitor=$!
afo_dmesg_mark
block eth0 on
check_err $? "blocking eth0's switch port failed"
[ "$(afo_carrier host eth0)" = 1 ]
check_err $? "eth0 lost carrier: the block must keep it"
afo_until 30 judged_is eth0 silent
check_err $? "eth0 not judged silent: $(judged eth0)"
[ "$(judged eth1) $(judged eth2)" = "ok ok" ]
check_err $? "siblings judged $(judged eth1) $(judged eth2)"
logged "eth0: path judged silent"
check_err $? "no silent judgement logged: $(afo_dmesg_since | grep arp_failover)"
log_test "eth0's port blocked: eth0 judged silent"

# Replay eth0's last captured liveness frames (the youngest, the closest
# to being accepted) into eth1, again and again.
tail -n 8 "$tmp/lives0" > "$tmp/replay"
rejected=$(counter eth1 probes_rejected)
reclaims=$(counter eth0 reclaims)
heard=$(counter eth1 live_heard)
afo_dmesg_mark
judged_events() { grep -c '"event":"judged","ifname":"eth0".*"new_judged":"ok"' "$mon"; }
ok_events=$(judged_events)
afo_in sw $TOOL replay "$PORT1" 1 "$tmp/replay" > "$tmp/sent" &
replayer=$!
seen=
while kill -0 "$replayer" 2>/dev/null; do
	seen="$seen $(judged eth0)"
done
wait "$replayer"
check_err $? "replaying eth0's liveness frames failed"
sent=$(cat "$tmp/sent")
# liveness_misses rounds and more: a replay taken for a genuine frame
# would have made eth0 heard, and judged ok, by now.
sleep 0.5
seen="$seen $(judged eth0)"
! tr ' ' '\n' <<<"$seen" | grep -v '^$' | grep -qvx silent
check_err $? "eth0 judged otherwise than silent during the replay:$seen"
now=$(counter eth1 probes_rejected)
[ "$now" -ge $((rejected + sent)) ]
check_err $? "eth1 rejected $((now - rejected)) of $sent replayed frames"
logged "eth1: dropped a stale or replayed liveness frame from $MAC0"
check_err $? "the replay was not reported: $(afo_dmesg_since | grep arp_failover)"
! logged "eth0: path works again"
check_err $? "eth0 declared working again by replayed frames"
[ "$(counter eth0 reclaims)" = "$reclaims" ]
check_err $? "eth0 reclaimed its addresses during the replay"
[ "$(judged_events)" = "$ok_events" ]
check_err $? "arpfo monitor saw eth0 judged ok during the replay: $(grep '"judged"' "$mon")"
echo "# $sent frames replayed ($(wc -l < "$tmp/replay") of $(wc -l < "$tmp/lives0") captured), eth1 rejected $((now - rejected)), live_heard $heard -> $(counter eth1 live_heard); judged:$seen"
log_test "replayed liveness frames of eth0: rejected as stale, eth0 stays silent"

# Under another origin, with eth0 blocked: consumed quietly, proves nothing.
rejected=$(counter eth1 probes_rejected)
afo_dmesg_mark
afo_in sw $TOOL flood "$PORT1" "$foreign" 5
sleep 0.5
[ "$(counter eth1 probes_rejected)" = "$rejected" ] && judged_is eth0 silent
check_err $? "a liveness frame of another origin was counted or heard: rejected $rejected -> $(counter eth1 probes_rejected), eth0 $(judged eth0)"
! logged "eth1: dropped a"
check_err $? "a liveness frame of another origin reported: $(afo_dmesg_since | grep dropped)"
log_test "a liveness frame of another origin while eth0 is silent: consumed quietly"

afo_dmesg_mark
block eth0 off
check_err $? "unblocking eth0's switch port failed"
afo_until 30 judged_is eth0 ok
check_err $? "eth0 not judged ok again: $(judged eth0)"
afo_until 10 grep -q '"event":"judged","ifname":"eth0".*"new_judged":"ok"' "$mon"
check_err $? "arpfo monitor did not see eth0 judged ok: $(grep '"judged"' "$mon")"
kill "$monitor"
wait "$monitor" 2>/dev/null
log_test "eth0's port unblocked: eth0 judged ok again"

rm -rf "$tmp"
afo_exit
