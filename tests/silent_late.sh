#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Late frames are not lost frames: a path whose frames arrive a few
# rounds late (an input backlog behind a burst of announcements, a slow
# or busy kernel, a congested link) still works, and must not be judged
# failed. A pnet of three with no gateway, where the siblings alone
# decide; eth0's switch port delays every frame both ways by DELAY_MS,
# some rounds but fewer than liveness_misses, for HOLD_S seconds. Its
# liveness frames arrive rounds after they were sent, each still proving
# its round: eth0 stays judged ok throughout, nothing moves and no frame
# is rejected as stale. Then a delay beyond liveness_misses rounds is a
# failure as a blocked port is: eth0 is judged silent, and ok again
# once the delay goes.
#
#        host                      switch
#   eth0 10.0.0.1 ---+ (delayed)
#   eth1 10.0.0.2 ---+---- seg0
#   eth2 10.0.0.3 ---+
. "$(dirname "$0")/lib.sh"

# 50 ms rounds, liveness_misses 4 (the defaults): 2-3 rounds late.
DELAY_MS=120
# Beyond liveness_misses rounds, even with TCG's slack.
LONG_DELAY_MS=600
HOLD_S=15

afo_switch seg0
afo_netns_add host
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
afo_port host eth2 seg0 02:00:00:00:01:02 10.0.0.3/24
check_err $? "topology setup failed"

afo_load liveness_ms=50 liveness_misses=4
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
judged() { jq_py "$(show)" "' '.join(sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters']))"; }
# sum STAT: STAT summed over the three adapters
sum() { jq_py "$(show)" "sum(a['stats']['$1'] for a in d['adapters'])"; }
one_pnet() { [ "$(jq_py "$(show)" "len(d['pnets'])")" = 1 ]; }
all_ok() { [ "$(judged)" = "eth0=ok eth1=ok eth2=ok" ]; }
judged_is() { [ "$(judged)" = "$1" ]; }

PORT=$(afo_peer host eth0)
# delay MS: eth0's frames, and those to it, MS late ("": none)
delay() {
	afo_in sw tc qdisc del dev "$PORT" root 2>/dev/null
	afo_in host tc qdisc del dev eth0 root 2>/dev/null
	[ -z "$1" ] && return 0
	afo_in sw tc qdisc add dev "$PORT" root netem delay "$1ms" limit 10000 &&
		afo_in host tc qdisc add dev eth0 root netem delay "$1ms" limit 10000
}
trap 'delay ""; afo_cleanup' EXIT

afo_until 30 one_pnet && afo_until 10 all_ok
check_err $? "the three did not settle as one pnet, judged ok: $(judged)"
log_test "before: one pnet of three, judged ok"

stale=$(sum probes_rejected)
takeovers=$(sum takeovers)
heard=$(sum live_heard)
delay $DELAY_MS
check_err $? "netem delay on eth0's port failed"
seen=
end=$((SECONDS + HOLD_S))
while ((SECONDS < end)); do
	seen="$seen $(judged | tr ' ' ,)"
	sleep 0.5
done
seen="$seen $(judged | tr ' ' ,)"
! tr ' ' '\n' <<<"$seen" | grep -v '^$' | grep -qvx 'eth0=ok,eth1=ok,eth2=ok'
check_err $? "judged otherwise than ok while eth0's frames were ${DELAY_MS} ms late:$seen"
[ "$(sum takeovers)" = "$takeovers" ]
check_err $? "takeovers while eth0's frames were late: $takeovers -> $(sum takeovers)"
[ "$(sum probes_rejected)" = "$stale" ]
check_err $? "frames rejected (as stale) while eth0's were late: $stale -> $(sum probes_rejected)"
[ "$(sum live_heard)" -gt "$heard" ]
check_err $? "no liveness frame heard while eth0's were late"
echo "# eth0's frames ${DELAY_MS} ms late for ${HOLD_S} s: live_heard $heard -> $(sum live_heard), rejected $stale -> $(sum probes_rejected)"
log_test "frames ${DELAY_MS} ms (some rounds) late: nothing judged, nothing rejected"

delay $LONG_DELAY_MS
check_err $? "netem delay on eth0's port failed"
afo_until 20 judged_is "eth0=silent eth1=ok eth2=ok"
check_err $? "eth0 not judged silent with its frames ${LONG_DELAY_MS} ms late: $(judged)"
delay ""
afo_until 30 all_ok
check_err $? "eth0 not judged ok again once the delay went: $(judged)"
log_test "frames ${LONG_DELAY_MS} ms late: judged silent, ok again after"

afo_exit
