#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A large takeover, paced. eth0 holds N IPv6 addresses, and an IPv4
# address added after them; the host has N VIPAs, whose duty eth0 holds.
# When eth0 loses its cable, a sibling announces every one of them
# (garp_count 2, garp_interval_ms 1000) and joins N solicited-node
# groups. N is ANNOUNCE_SCALE_N, 1,024 by default (divided by afo_slowdown
# on a slow kernel, below): adding the addresses costs most of the run
# under TCG (20-40 ms each); 4,096 runs with
#   scripts/vm-run DIR env ANNOUNCE_SCALE_N=4096 tests/announce_scale.sh
# Four adapters on one bridge: each frame the host sends comes back on
# the three others and reaches the client, all through one CPU's
# input backlog. Asserted, not timed:
#  - no frame lost: the client hears every address announced garp_count
#    times, and no input backlog dropped a frame (/proc/net/softnet_stat);
#  - the rate limit holds: no address announced more than garp_count
#    times, nor two of its announcements less than half an interval apart;
#  - the responder joined the group of every IPv6 address.
# Reported, not asserted: the time from the cable pull to the first
# gratuitous ARP of the IPv4 address added last, and to the last
# neighbour advertisement and VIPA announcement.
#
#        host                                   switch        client
#   eth0 10.0.0.1 + 10.0.0.5, N x 2001:db8::1:x -----+
#   eth1 10.0.0.2 -----------------------------------+-- seg0 -- eth0 10.0.0.100
#   eth2 10.0.0.3 -----------------------------------+
#   eth3 10.0.0.4 -----------------------------------+
#   dummy0: N x 192.168.x.y/32 (VIPAs)
. "$(dirname "$0")/lib.sh"
require_cmd tcpdump
# On a slow kernel (the debug lane's) a burst of 1,024 takes as long as
# one of 8,192 on Debian's: its re-verification probes went unheard, the
# pnet split and the duties moved twice (addresses announced 4 times).
# The burst is scaled down as much as the kernel is slow, so that it
# loads the kernel as much as 1,024 load Debian's.
N=${ANNOUNCE_SCALE_N:-$((1024 / $(afo_slowdown)))}
COUNT=2
INTERVAL_MS=1000
# The capture and what was heard stay with the VM's results when it has
# them (scripts/e2e: scenarios' output folder).
OUT=/run/results/announce_scale
mkdir -p "$OUT" 2>/dev/null || OUT=$(mktemp -d)

afo_switch seg0
afo_netns_add host
afo_netns_add client
for k in 0 1 2 3; do
	afo_port host eth$k seg0 02:00:00:00:01:0$k 10.0.0.$((k + 1))/24 || break
done
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"

# All addresses in one ip batch, written without a process per line (a
# process start costs up to a second under TCG).
{
	echo "link add dummy0 type dummy"
	echo "link set dummy0 up"
	for ((i = 0; i < N; i++)); do
		printf 'addr add 2001:db8::1:%x/64 dev eth0 nodad\n' $i
		printf 'addr add 192.168.%d.%d/32 dev dummy0\n' $((i / 250)) $((i % 250 + 1))
	done
} | afo_in host ip -batch -
check_err $? "cannot add the addresses"

# On a slow kernel (the debug lane's, afo_slowdown) the burst of this
# takeover delays liveness frames and probes past their windows, paths
# are judged and pnets split while it lasts, and duties move with them:
# this scenario tests the announcing, so rounds and probe windows are
# stretched as much as the kernel is slow. (tests/silent_late.sh tests
# late frames.)
slow=$(afo_slowdown)
afo_load garp_count=$COUNT garp_interval_ms=$INTERVAL_MS \
	liveness_ms=$((50 * slow)) probe_timeout_ms=$((200 * slow))
check_err $? "insmod failed"
# Added last: behind the IPv6 addresses in eth0's list.
afo_in host ip addr add 10.0.0.5/24 dev eth0
check_err $? "cannot add 10.0.0.5"
# managed: "ADDRESSES HOLDER PNETS JUDGED": addresses managed, the first
# pnet's VIPA holder, the size of each pnet, and the judgements.
managed() {
	afo_in host "$ARPFO" show --json | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(len(d["addresses"]), [p["vipa_holder"] for p in d["pnets"]][0],
      ",".join(str(len(p["members"])) for p in d["pnets"]),
      ",".join(sorted(set(a["judged"] for a in d["adapters"]))))'
}
# The four adapters must be one pnet, judged ok, before the pull: the
# burst of adding 2N addresses delays frames on a slow kernel (the debug
# lane's) past what liveness and discovery wait for, and may split the
# pnet for a while; this scenario tests the announcing, not that.
want_ready="$((2 * N + 5)) eth0 4 ok"
ready() { [ "$(managed)" = "$want_ready" ]; }
afo_until $((60 * slow)) ready
check_err $? "the module manages '$(managed)', not '$want_ready' (addresses, VIPA holder, pnet sizes, judgements)"
log_test "setup: $N IPv6 addresses on eth0, $N VIPAs held by eth0, one pnet"

# announcements: what the host's adapters have announced so far.
announcements() {
	afo_in host "$ARPFO" show --json | python3 -c 'import json, sys
print(sum(a["stats"]["announcements"] for a in json.load(sys.stdin)["adapters"]))'
}
# drops: frames the CPUs' input backlogs dropped so far (column 2, hex).
drops() {
	local f d=0

	while read -r -a f; do
		d=$((d + 16#${f[1]}))
	done < /proc/net/softnet_stat
	echo $d
}

# Not through afo_in (a function: $! would be its shell, not tcpdump).
ip netns exec "$(afo_ns client)" tcpdump -n -U -B 32768 -i eth0 \
	-w "$OUT/client.pcap" 'arp or icmp6' 2>"$OUT/tcpdump.log" &
capture=$!
afo_until 60 grep -q 'listening on' "$OUT/tcpdump.log"
check_err $? "tcpdump did not start"
sent_before=$(announcements)
drops_before=$(drops)
since=$(date +%s.%N)
afo_cable host eth0 down
want=$((COUNT * (2 * N + 2)))
all_sent() { [ $(( $(announcements) - sent_before )) -ge "$want" ]; }
afo_until $((120 * slow)) all_sent
check_err $? "the host sent $(( $(announcements) - sent_before )) announcements, not $want"
sleep 1		# the last ones reach the client
drops_after=$(drops)
kill "$capture"
wait "$capture"
# The groups the siblings joined (eth0 keeps its own, for its addresses).
groups=$(for k in 1 2 3; do afo_in host ip -6 maddr show dev eth$k; done |
	grep -c 'ff02::1:ff01:')
log_test "takeover: the host sent every announcement"

grep -q '^0 packets dropped by kernel' "$OUT/tcpdump.log"
check_err $? "the capture itself lost frames: $(grep dropped "$OUT/tcpdump.log")"
[ "$drops_after" -eq "$drops_before" ]
check_err $? "input backlogs dropped $((drops_after - drops_before)) frames during the takeover"
python3 "$REPO/tests/announce_count.py" "$OUT/client.pcap" "$since" > "$OUT/heard.json"
# verdict: the addresses heard other than COUNT times, or too close.
verdict=$(python3 - "$OUT/heard.json" "$N" "$COUNT" "$INTERVAL_MS" <<-'EOF'
	import ipaddress, json, sys
	heard = json.load(open(sys.argv[1]))
	n, count, gap = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) / 2000
	want = {'garps': ['10.0.0.1', '10.0.0.5'] +
	        ['192.168.%d.%d' % (i // 250, i % 250 + 1) for i in range(n)],
	        'nas': [str(ipaddress.IPv6Address('2001:db8::1:0') + i) for i in range(n)]}
	bad = []
	for kind, addrs in want.items():
	    for addr in addrs:
	        t = heard[kind].get(addr, [])
	        closest = min((y - x for x, y in zip(t, t[1:])), default=gap)
	        if len(t) != count:
	            bad.append('%s heard %d times' % (addr, len(t)))
	        elif closest < gap:
	            bad.append('%s %.3f s apart' % (addr, closest))
	print('%d wrong%s' % (len(bad), ': ' + ', '.join(bad[:5]) if bad else ''))
	vipas = [t for a, t in heard['garps'].items() if a.startswith('192.168.')]
	print('# first GARP of 10.0.0.5 %.3f s, last NA %.3f s, last VIPA %.3f s after the pull'
	      % (min(heard['garps'].get('10.0.0.5', [-1])),
	         max(max(t) for t in heard['nas'].values()),
	         max(max(t) for t in vipas)), file=sys.stderr)
	EOF
)
[ "$verdict" = "0 wrong" ]
check_err $? "$verdict"
log_test "no frame lost: every address heard $COUNT times, at least half an interval apart"

[ "$groups" -ge "$N" ]
check_err $? "the host joined $groups solicited-node groups of the $N addresses"
log_test "the responder joined every IPv6 address's group"

afo_exit
