#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A true failure holds. One port of a pair stops passing frames both ways
# (carrier up) for longer than several re-verification periods: its
# address stays with its sibling throughout, checked at every period.
# Neither the blocked adapter's own probes (heard by nobody) nor its
# sibling's (heard by nobody either) may un-judge it, split the pair or
# give the address back to the dead path. Unblocked, it reclaims.
#
#        host                      switch              others
#   eth0 10.0.0.1 ---+  (blocked)
#                    +---- seg0 ---+------------------ client eth0 10.0.0.100
#   eth1 10.0.0.2 ---+             +------------------ gw     eth0 10.0.0.254
#   default via 10.0.0.254 dev eth0 metric 100
#   default via 10.0.0.254 dev eth1 metric 101
. "$(dirname "$0")/lib.sh"

REVERIFY_S=2
PERIODS=6
MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_netns_add gw
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
afo_port gw eth0 seg0 02:00:00:00:0f:00 10.0.0.254/24 &&
afo_in host ip route add default via 10.0.0.254 dev eth0 metric 100 &&
afo_in host ip route add default via 10.0.0.254 dev eth1 metric 101
check_err $? "topology setup failed"

afo_load reverify_s=$REVERIFY_S
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
judged() { jq_py "$(show)" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
pnets() { jq_py "$(show)" "'|'.join(sorted(' '.join(sorted(p['members'])) for p in d['pnets']))"; }
logged() { afo_dmesg_since | grep -q "$1"; }
ready() {
	[ "$(jq_py "$(show)" "len(d['pnets']) == 1 and all(a['hears_ms'] is not None and a['hears_ms'] < 1000 and a['judged'] == 'ok' for a in d['adapters'])")" = True ]
}
# state: what must hold while eth0 is blocked, or what does not
state() {
	local j

	j=$(show)
	jq_py "$j" "'judged %s pnets %s responder %s' % (
		' '.join(sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])),
		'|'.join(sorted(' '.join(sorted(p['members'])) for p in d['pnets'])),
		[a['responder'] for a in d['addresses'] if a['address'] == '10.0.0.1'][0])"
}
HELD="judged eth0=target-lost eth1=ok pnets eth0 eth1 responder eth1"

afo_until 20 ready
check_err $? "not one pnet hearing each other: $(judged), pnets $(pnets)"
log_test "before: one pnet of two, both judged ok"

afo_dmesg_mark
afo_block host eth0 on
check_err $? "cannot block eth0's switch port"
afo_until 10 logged "eth0: arp_failover: takeover: eth1 answers"
check_err $? "no takeover of eth0 within 10 s: $(state)"
log_test "eth0's port blocked: eth1 takes over 10.0.0.1"

# Every adapter re-verifies once per REVERIFY_S: look once per period.
bad=
end=$(( $(date +%s) + PERIODS * REVERIFY_S ))
checks=0
while [ "$(date +%s)" -lt "$end" ] || [ "$checks" -lt "$PERIODS" ]; do
	sleep "$REVERIFY_S"
	checks=$((checks + 1))
	s=$(state)
	[ "$s" = "$HELD" ] || bad="$bad [check $checks: $s]"
done
mac=$(afo_answer client eth0 10.0.0.1)
[ "$mac" = $MAC1 ] || bad="$bad [answered by '$mac' at the end]"
[ -z "$bad" ]
check_err $? "the takeover did not hold:$bad"
! logged "eth0: arp_failover: reclaim: " && ! logged "eth0: arp_failover: path works again"
check_err $? "eth0 reclaimed while blocked: $(afo_dmesg_since | grep -e 'eth0: arp_failover: reclaim' -e 'eth0: arp_failover: path works' | head -3)"
[ "$(afo_dmesg_since | grep -c 'eth0: arp_failover: takeover: ')" = 1 ]
check_err $? "eth0 taken over $(afo_dmesg_since | grep -c 'eth0: arp_failover: takeover: ') times"
[ "$(afo_carrier host eth0)" = 1 ]
check_err $? "eth0 lost its carrier"
log_test "eth0 blocked for $checks re-verification periods: the takeover holds at each"

afo_dmesg_mark
afo_block host eth0 off
check_err $? "cannot unblock eth0's switch port"
afo_until 15 logged "eth0: arp_failover: reclaim: "
check_err $? "no reclaim by eth0 within 15 s of unblocking: $(state)"
afo_until 10 ready
check_err $? "judged after unblocking: $(judged)"
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC0 ]
check_err $? "10.0.0.1 answered by '$(afo_answer client eth0 10.0.0.1)' after the reclaim"
log_test "eth0 unblocked: judged ok, reclaims 10.0.0.1"

afo_exit
