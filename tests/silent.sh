#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Silent failures in a pnet of two: a switch port stops passing frames
# both ways while the adapter keeps its carrier (the port is put in the
# listening state). The two adapters stop hearing each other's liveness
# frames, which cannot tell which side is dead; the gateway, probed
# through each adapter, decides: the adapter whose gateway stops answering
# while its sibling's answers is judged target-lost and its address moves
# as on a cable pull, traffic and all; unblocked, it reclaims. The same for
# the sibling. A gateway lost by both adapters moves nothing.
#
#        host                      switch              others
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ---+------------------ client eth0 10.0.0.100
#   eth1 10.0.0.2 ---+             +------------------ gw     eth0 10.0.0.254
#   default via 10.0.0.254 dev eth0 metric 100
#   default via 10.0.0.254 dev eth1 metric 101
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
GW=10.0.0.254
P=/sys/module/arp_failover/parameters

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_netns_add gw
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
afo_port gw eth0 seg0 02:00:00:00:0f:00 $GW/24 &&
afo_in host ip route add default via $GW dev eth0 metric 100 &&
afo_in host ip route add default via $GW dev eth1 metric 101
check_err $? "topology setup failed"

afo_load
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
# judged: "IFNAME=JUDGED" of every adapter
judged() { jq_py "$(show)" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
# live: what each adapter hears and is heard by, the target it would ask
# and where that came from. Each member of the pair asks the gateway only
# when it misses its sibling: while they hear each other, nobody does.
live() {
	jq_py "$(show)" "sorted('%s:%s:%s:hears=%s:heard=%s' % (a['ifname'], a['target'], a['target_src'],
		a['hears_ms'] is not None and a['hears_ms'] < 1000,
		a['heard_ms'] is not None and a['heard_ms'] < 1000) for a in d['adapters'])"
}
LIVE="eth0:$GW:gateway:hears=True:heard=True eth1:$GW:gateway:hears=True:heard=True"
is_live() { [ "$(live)" = "$LIVE" ]; }
# stat_of IFNAME KEY
stat_of() { afo_adapter host "$1" "a['stats']['$2']"; }
# responder ADDRESS: the adapter answering for it
responder() { jq_py "$(show)" "[a['responder'] for a in d['addresses'] if a['address'] == '$1'][0]"; }
logged() { afo_dmesg_since | grep -q "$1"; }
judged_is() { [ "$(judged)" = "$1" ]; }
# neigh_is ADDRESS MAC: the client holds MAC for ADDRESS
neigh_is() { [ "$(afo_neigh client "$1")" = "$2" ]; }

afo_until 20 is_live
check_err $? "liveness not running as expected: $(live)"
[ "$(judged)" = "eth0=ok eth1=ok" ]
check_err $? "judged before any failure: $(judged)"
j=$(show)
[ "$(jq_py "$j" "all(a['stats'][k] > 0 for a in d['adapters'] for k in
	('live_sent', 'live_heard'))")" = True ]
check_err $? "liveness counters: $(jq_py "$j" "[(a['ifname'], a['stats']) for a in d['adapters']]")"
[ "$(jq_py "$j" "[len(p['members']) for p in d['pnets']]")" = 2 ]
check_err $? "the adapters are not one pnet: $(jq_py "$j" "d['pnets']")"
afo_in client ping -c 1 -W 2 10.0.0.1 >/dev/null &&
afo_in client ping -c 1 -W 2 10.0.0.2 >/dev/null
check_err $? "client cannot reach the host"
[ "$(afo_neigh client 10.0.0.1) $(afo_neigh client 10.0.0.2)" = "$MAC0 $MAC1" ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) $(afo_neigh client 10.0.0.2)"
log_test "before: each adapter hears its sibling, knows its gateway, judged ok"

# whole: one pnet of two, each adapter hearing its sibling and gateway.
# A split pnet joins again at the next re-verification (reverify_s, 30 s).
whole() { is_live && [ "$(jq_py "$(show)" "[len(p['members']) for p in d['pnets']]")" = 2 ]; }

# silent_failure FAILED OTHER ADDRESS FAILED_MAC OTHER_MAC [hold]: block
# FAILED's switch port: OTHER takes over ADDRESS, traffic follows; with
# "hold", the takeover lasts through re-verifications of the pnet.
# Unblocked, FAILED reclaims.
silent_failure() {
	local failed=$1 other=$2 addr=$3 fmac=$4 omac=$5 hold=${6:-} t0 r0 mac hold_s m0 m1

	afo_until 40 whole
	check_err $? "not one pnet hearing each other before blocking $failed: $(live), pnets $(jq_py "$(show)" "d['pnets']")"
	t0=$(stat_of "$failed" takeovers)
	r0=$(stat_of "$failed" reclaims)
	m0=$(mon_count "$failed judged ok -> target-lost")
	m1=$(mon_count "$failed judged target-lost -> ok")
	afo_dmesg_mark
	afo_block host "$failed" on
	check_err $? "cannot block $failed's switch port"
	afo_until 10 logged "$failed: arp_failover: takeover: $other answers for its 1 addresses"
	check_err $? "no takeover of $failed by $other within 10 s"
	[ "$(afo_carrier host "$failed")" = 1 ]
	check_err $? "$failed lost its carrier: not a silent failure"
	[ "$(judged)" = "$failed=target-lost $other=ok" ] ||
	[ "$(judged)" = "$other=ok $failed=target-lost" ]
	check_err $? "judged after blocking $failed: $(judged)"
	logged "$failed: arp_failover: path judged lost: hears no sibling and its target does not answer while a sibling's does"
	check_err $? "no 'path judged lost' line for $failed"
	! logged "$other: arp_failover: path judged"
	check_err $? "$other judged too: $(afo_dmesg_since | grep "$other: arp_failover: path judged")"
	[ "$(responder "$addr")" = "$other" ]
	check_err $? "$addr answered by '$(responder "$addr")' in arpfo show"
	[ "$(stat_of "$failed" takeovers)" = $((t0 + 1)) ]
	check_err $? "$failed's takeovers went from $t0 to $(stat_of "$failed" takeovers)"
	afo_until 5 mon_more "$failed judged ok -> target-lost" "$m0"
	check_err $? "arpfo monitor: no '$failed judged ok -> target-lost': $(grep judged "$mon")"
	log_test "$failed's port blocked: judged target-lost, $other takes over $addr"

	afo_until 5 neigh_is "$addr" "$omac"
	check_err $? "client holds $(afo_neigh client "$addr") for $addr after the takeover"
	mac=$(afo_answer client eth0 "$addr")
	[ "$mac" = "$omac" ]
	check_err $? "$addr answered by '$mac' during the takeover"
	afo_in client ping -c 2 -W 2 "$addr" >/dev/null
	check_err $? "client cannot ping $addr during the takeover"
	afo_in host ping -I "$addr" -c 2 -W 2 10.0.0.100 >/dev/null
	check_err $? "no traffic from $addr to the client during the takeover"
	log_test "$failed's port blocked: the client moves to $other's MAC, traffic both ways"

	if [ "$hold" = hold ]; then
		# Re-verification probes go unanswered on a blocked port too:
		# the takeover must hold through them. Every adapter re-verifies
		# once within reverify_s (default 30 s).
		hold_s=$(( $(cat $P/reverify_s) + 5 ))
		sleep $hold_s
		[ "$(judged)" = "$failed=target-lost $other=ok" ] ||
		[ "$(judged)" = "$other=ok $failed=target-lost" ]
		check_err $? "judged $hold_s s later: $(judged) ($failed: $(afo_adapter host "$failed" "'hears_ms %s heard_ms %s target_ms %s' % (a['hears_ms'], a['heard_ms'], a['target_ms'])"), port still blocked: $(bridge -n "$(afo_ns sw)" link show dev "$(afo_peer host "$failed")" | grep -o 'state [a-z]*'))"
		! logged "$failed: arp_failover: reclaim"
		check_err $? "$failed reclaimed while blocked"
		mac=$(afo_answer client eth0 "$addr")
		[ "$mac" = "$omac" ]
		check_err $? "$addr answered by '$mac' after re-verifications"
		[ "$(jq_py "$(show)" "[len(p['members']) for p in d['pnets']]")" = 2 ]
		check_err $? "pnets after re-verifications: $(jq_py "$(show)" "d['pnets']")"
		log_test "$failed's port blocked: the takeover holds through re-verification ($hold_s s)"
	fi

	afo_dmesg_mark
	afo_block host "$failed" off
	check_err $? "cannot unblock $failed's switch port"
	afo_until 10 logged "$failed: arp_failover: reclaim: answers for its addresses again (was $other)"
	check_err $? "no reclaim by $failed within 10 s of unblocking"
	logged "$failed: arp_failover: path works again"
	check_err $? "no 'path works again' line for $failed"
	afo_until 5 mon_more "$failed judged target-lost -> ok" "$m1"
	check_err $? "arpfo monitor: no '$failed judged target-lost -> ok': $(grep judged "$mon")"
	afo_until 5 judged_is "eth0=ok eth1=ok"
	check_err $? "judged after unblocking $failed: $(judged)"
	afo_until 5 neigh_is "$addr" "$fmac"
	check_err $? "client holds $(afo_neigh client "$addr") for $addr after the reclaim"
	mac=$(afo_answer client eth0 "$addr")
	[ "$mac" = "$fmac" ]
	check_err $? "$addr answered by '$mac' after the reclaim"
	afo_in client ping -c 2 -W 2 "$addr" >/dev/null
	check_err $? "client cannot ping $addr after the reclaim"
	[ "$(stat_of "$failed" reclaims)" = $((r0 + 1)) ]
	check_err $? "$failed's reclaims went from $r0 to $(stat_of "$failed" reclaims)"
	log_test "$failed's port unblocked: judged ok, reclaims $addr"
}

# arpfo monitor reports each judgement as it happens.
# mon_count TEXT: lines of the monitor ending in TEXT so far
mon_count() { grep -c " $1\$" "$mon"; }
# mon_more TEXT N: more than N of them
mon_more() { [ "$(mon_count "$1")" -gt "$2" ]; }
mon=$(mktemp /var/tmp/arpfo-monitor.XXXXXX)
# ip netns exec execs the tool, so $! is the monitor itself.
ip netns exec "$(afo_ns host)" "$ARPFO" monitor --color=never >"$mon" 2>&1 &
monitor=$!
sleep 2	# joined the group (events before that are not shown)
# (a) the host adapter
silent_failure eth0 eth1 10.0.0.1 $MAC0 $MAC1
# (b) its sibling
silent_failure eth1 eth0 10.0.0.2 $MAC1 $MAC0

# (e) Both adapters lose the gateway but still hear each other: the
# outage is elsewhere, nobody moves.
t0=$(jq_py "$(show)" "sorted(a['stats']['takeovers'] for a in d['adapters'])")
afo_dmesg_mark
afo_block gw eth0 on
check_err $? "cannot block the gateway's switch port"
gone() {
	[ "$(jq_py "$(show)" "all(a['target_ms'] is None or a['target_ms'] > 2000 for a in d['adapters'])")" = True ]
}
afo_until 20 gone
check_err $? "the gateway still answers: $(jq_py "$(show)" "[(a['ifname'], a['target_ms']) for a in d['adapters']]")"
sleep 1
! afo_dmesg_since | grep -q -e 'takeover:' -e 'path judged'
check_err $? "moved or judged: $(afo_dmesg_since | grep -e 'takeover:' -e 'path judged')"
[ "$(judged)" = "eth0=ok eth1=ok" ]
check_err $? "judged with the gateway gone: $(judged)"
[ "$(jq_py "$(show)" "sorted(a['stats']['takeovers'] for a in d['adapters'])")" = "$t0" ]
check_err $? "takeovers went from $t0 to $(jq_py "$(show)" "sorted(a['stats']['takeovers'] for a in d['adapters'])")"
[ "$(afo_answer client eth0 10.0.0.1) $(afo_answer client eth0 10.0.0.2)" = "$MAC0 $MAC1" ]
check_err $? "answers with the gateway gone: $(afo_answer client eth0 10.0.0.1) $(afo_answer client eth0 10.0.0.2)"
log_test "both lose the gateway while hearing each other: nobody moves"

afo_block gw eth0 off
check_err $? "cannot unblock the gateway's switch port"
afo_until 10 is_live
check_err $? "the gateway does not answer again: $(live)"
! afo_dmesg_since | grep -q -e 'takeover:' -e 'reclaim:' -e 'path judged'
check_err $? "moved or judged: $(afo_dmesg_since | grep -e 'takeover:' -e 'reclaim:' -e 'path judged')"
log_test "the gateway back: answers again, nothing moved"

# (a) again, held through re-verifications: the blocked adapter's
# discovery probes go unanswered too, which must not undo the takeover.
silent_failure eth0 eth1 10.0.0.1 $MAC0 $MAC1 hold

kill "$monitor"
rm -f "$mon"
afo_exit
