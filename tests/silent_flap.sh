#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A failing optic: one port of a pair loses 90% of the frames both ways
# for ARPFO_FLAP_S seconds (default 60) while its carrier stays up. Now
# and then a frame gets through; none may repair the path on its own, and
# a repair must wait a damped delay even at reclaim_delay_ms=0 (the
# default): the adapter is taken over at most twice in that time, not
# flipped back and forth several times a second. The loss gone, it
# reclaims.
#
#        host                      switch              others
#   eth0 10.0.0.1 ---+  (90% loss)
#                    +---- seg0 ---+------------------ client eth0 10.0.0.100
#   eth1 10.0.0.2 ---+             +------------------ gw     eth0 10.0.0.254
#   default via 10.0.0.254 dev eth0 metric 100
#   default via 10.0.0.254 dev eth1 metric 101
. "$(dirname "$0")/lib.sh"
require_cmd tc

FLAP_S=${ARPFO_FLAP_S:-60}
MAX_TAKEOVERS=2

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_netns_add gw
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
afo_port gw eth0 seg0 02:00:00:00:0f:00 10.0.0.254/24 &&
afo_in host ip route add default via 10.0.0.254 dev eth0 metric 100 &&
afo_in host ip route add default via 10.0.0.254 dev eth1 metric 101
check_err $? "topology setup failed"

afo_load
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
judged() { jq_py "$(show)" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
takeovers() { afo_adapter host eth0 "a['stats']['takeovers']"; }
logged() { afo_dmesg_since | grep -q "$1"; }
count() { afo_dmesg_since | grep -c "$1"; }
ready() {
	[ "$(jq_py "$(show)" "len(d['pnets']) == 1 and all(a['hears_ms'] is not None and a['hears_ms'] < 1000 and a['judged'] == 'ok' for a in d['adapters'])")" = True ]
}

afo_until 20 ready
check_err $? "not one pnet hearing each other: $(judged), pnets $(jq_py "$(show)" "d['pnets']")"
log_test "before: one pnet of two, both judged ok"

# 90% loss both ways on eth0's cable: netem at each end drops 9 frames
# in 10 of what that end sends, the switch port's toward eth0 and eth0's
# toward the switch. (netem only: the debug lane's kernel has no random
# gact to drop on the port's ingress.)
PORT=$(afo_peer host eth0)
t0=$(takeovers)
afo_dmesg_mark
afo_in sw tc qdisc add dev "$PORT" root netem loss 90% &&
afo_in host tc qdisc add dev eth0 root netem loss 90%
check_err $? "cannot add the loss to eth0's cable"
afo_until 20 logged "eth0: arp_failover: takeover: "
check_err $? "eth0 not taken over within 20 s of 90% loss: $(judged)"
sleep "$FLAP_S"
took=$(( $(takeovers) - t0 ))
flips="$(count "eth0: arp_failover: takeover: ") takeovers, $(count "eth0: arp_failover: reclaim: ") reclaims, $(count "eth0: arp_failover: path works again") repairs"
dropped=$(afo_in sw tc -s qdisc show dev "$PORT" | sed -n 's/.*(dropped \([0-9]*\),.*/\1/p' | head -1)
[ "$took" -ge 1 ] && [ "$took" -le "$MAX_TAKEOVERS" ]
check_err $? "eth0 taken over $took times in $FLAP_S s of 90% loss ($flips; judged now $(judged))"
[ "$(count "eth0: arp_failover: takeover: ")" -le "$MAX_TAKEOVERS" ]
check_err $? "the log says $flips in $FLAP_S s of 90% loss"
[ "${dropped:-0}" -gt 0 ]
check_err $? "netem dropped nothing"
log_test "90% loss on eth0's cable for $FLAP_S s: $took takeovers ($flips; $dropped frames dropped toward eth0)"

afo_dmesg_mark
afo_in sw tc qdisc del dev "$PORT" root &&
afo_in host tc qdisc del dev eth0 root
check_err $? "cannot remove the loss"
afo_until 30 ready
check_err $? "judged once the loss is gone: $(judged)"
# taken over when the loss ended: it reclaims after the damped delay
answers() { [ "$(afo_answer client eth0 10.0.0.1)" = 02:00:00:00:01:00 ]; }
afo_until 20 answers
check_err $? "10.0.0.1 answered by '$(afo_answer client eth0 10.0.0.1)' once the loss is gone"
log_test "loss gone: eth0 judged ok, answers for 10.0.0.1"

afo_exit
