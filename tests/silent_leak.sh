#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A false merge heals. For a few seconds an L2 leak joins two segments
# (a cable between two switches, a misconfigured VLAN); re-verification
# merges the adapter of the other segment into the pnet of the first.
# The leak ends: that adapter hears none of its pnet and is judged
# silent, its address answered by a sibling on the wrong segment. Its own
# segment still reaches it (a client keeps asking for its address):
# within a few re-verifications it leaves the pnet and answers for its
# address there again.
#
#        host                      switch              others
#   eth0 10.0.0.1 ---+---- seg0 ---+------------------ gw     eth0 10.0.0.254
#   eth1 10.0.0.2 ---+      |
#                         (leak)
#                           |
#   eth2 10.0.1.1 -------- seg1 ---------------------- client eth0 10.0.1.100
#   default via 10.0.0.254 (one default route, on eth0)
. "$(dirname "$0")/lib.sh"

REVERIFY_S=2
MAC2=02:00:00:00:01:02

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_netns_add gw
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
afo_port host eth2 seg1 $MAC2 10.0.1.1/24 &&
afo_port gw eth0 seg0 02:00:00:00:0f:00 10.0.0.254/24 &&
afo_port client eth0 seg1 02:00:00:00:0c:00 10.0.1.100/24 &&
afo_in host ip route add default via 10.0.0.254
check_err $? "topology setup failed"

afo_load reverify_s=$REVERIFY_S
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
# pnets: the members of each pnet, "|" between pnets
pnets() { jq_py "$(show)" "'|'.join(sorted(' '.join(sorted(p['members'])) for p in d['pnets']))"; }
pnets_are() { [ "$(pnets)" = "$1" ]; }
judged() { jq_py "$(show)" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
logged() { afo_dmesg_since | grep -q "$1"; }
answers() { [ "$(afo_answer client eth0 10.0.1.1)" = $MAC2 ]; }

afo_until 20 pnets_are "eth0 eth1|eth2"
check_err $? "pnets before the leak: $(pnets)"
answers
check_err $? "10.0.1.1 answered by '$(afo_answer client eth0 10.0.1.1)' before the leak"
log_test "before: eth0 and eth1 one pnet, eth2 alone on seg1 answers for 10.0.1.1"

afo_dmesg_mark
ip -n "$(afo_ns sw)" -batch - <<-BATCH
	link add leak0 type veth peer name leak1
	link set leak0 master seg0 up
	link set leak1 master seg1 up
BATCH
check_err $? "cannot make the leak"
afo_until $((5 * REVERIFY_S + 10)) pnets_are "eth0 eth1 eth2"
check_err $? "the leak merged nothing: pnets $(pnets)"
log_test "a leak between seg0 and seg1: eth2 merged into eth0's pnet"

ip -n "$(afo_ns sw)" link del leak0
check_err $? "cannot end the leak"
# Judged silent unless a target of its own answers through it: either
# way it must not stay in a pnet it cannot reach.
deaf() { [ "$(afo_adapter host eth2 "a['hears_ms'] is None or a['hears_ms'] > 1000")" = True ]; }
afo_until 10 deaf
check_err $? "eth2 still hears its pnet once the leak ended"
how="not judged"
logged "eth2: arp_failover: path judged silent" && how="judged silent"
log_test "the leak ends: eth2 hears none of its pnet ($how)"

# A client of seg1 keeps asking for eth2's address, as any segment's
# hosts do: its requests reach eth2, its pings tell when they are answered.
afo_in client ping -q -i 0.5 -W 1 10.0.1.1 >/dev/null 2>&1 &
ping=$!
afo_until $((5 * REVERIFY_S + 10)) answers
check_err $? "eth2 does not answer for 10.0.1.1 on seg1 within 5 re-verifications of the leak's end: answered by '$(afo_answer client eth0 10.0.1.1)', judged $(judged), pnets $(pnets)"
afo_until 5 pnets_are "eth0 eth1|eth2"
check_err $? "pnets after the leak: $(pnets)"
[ "$(afo_judged host eth2)" = ok ]
check_err $? "judged after the leak: $(judged)"
kill "$ping"
afo_in client ping -c 2 -W 2 10.0.1.1 >/dev/null
check_err $? "the client cannot ping 10.0.1.1"
log_test "eth2 leaves the pnet within a few re-verifications and answers for 10.0.1.1 again"

afo_exit
