#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Silent failures in a pnet of three, with no gateway and no default
# route: the siblings alone decide. An adapter whose switch port drops
# every frame (carrier up) hears neither sibling and neither hears it,
# while they still hear each other: it is judged silent, its address and
# the VIPA duty move to a sibling as on a cable pull, and come back when
# its port passes frames again. The same for a sibling.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth2 10.0.0.3 ---+                                  (192.168.100.1 via eth0)
#   dummy0 192.168.100.1/32 (VIPA)
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02
VIPA=192.168.100.1

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
afo_port host eth2 seg0 $MAC2 10.0.0.3/24 &&
afo_in host ip link add dummy0 type dummy &&
afo_in host ip link set dummy0 up &&
afo_in host ip addr add $VIPA/32 dev dummy0 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
afo_in client ip route add $VIPA/32 dev eth0
check_err $? "topology setup failed"

afo_load
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
judged() { jq_py "$(show)" "sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters'])"; }
judged_is() { [ "$(judged)" = "$1" ]; }
stat_of() { afo_adapter host "$1" "a['stats']['$2']"; }
responder() { jq_py "$(show)" "[a['responder'] for a in d['addresses'] if a['address'] == '$1'][0]"; }
holder() { jq_py "$(show)" "[p['vipa_holder'] for p in d['pnets'] if len(p['members']) == 3][0]"; }
logged() { afo_dmesg_since | grep -q "$1"; }
mac_of() { echo "02:00:00:00:01:0${1#eth}"; }
neigh_is() { [ "$(afo_neigh client "$1")" = "$2" ]; }
live() {
	jq_py "$(show)" "sorted('%s:hears=%s:heard=%s' % (a['ifname'],
		a['hears_ms'] is not None and a['hears_ms'] < 1000,
		a['heard_ms'] is not None and a['heard_ms'] < 1000) for a in d['adapters'])"
}
LIVE="eth0:hears=True:heard=True eth1:hears=True:heard=True eth2:hears=True:heard=True"
is_live() { [ "$(live)" = "$LIVE" ]; }
OK="eth0=ok eth1=ok eth2=ok"

afo_until 20 is_live
check_err $? "liveness among the three: $(live)"
[ "$(judged)" = "$OK" ]
check_err $? "judged before any failure: $(judged)"
[ "$(holder)" = eth0 ]
check_err $? "VIPA holder '$(holder)', not eth0"
for a in 1 2 3; do
	afo_in client ping -c 1 -W 2 10.0.0.$a >/dev/null
	check_err $? "client cannot reach 10.0.0.$a"
done
afo_in client ping -c 1 -W 2 $VIPA >/dev/null
check_err $? "client cannot reach the VIPA"
log_test "before: three siblings hear each other, judged ok"

# silent_failure FAILED ADDRESS [vipa]: block FAILED's switch port: it
# is judged silent by its siblings, one of them takes over ADDRESS (and
# the VIPA duty); unblocked, FAILED reclaims.
silent_failure() {
	local failed=$1 addr=$2 vipa=${3:-} fmac t0 other mac want m0 m1

	fmac=$(mac_of "$failed")
	t0=$(stat_of "$failed" takeovers)
	m0=$(mon_count "$failed judged ok -> silent")
	m1=$(mon_count "$failed judged silent -> ok")
	afo_dmesg_mark
	afo_block host "$failed" on
	check_err $? "cannot block $failed's switch port"
	afo_until 10 logged "$failed: arp_failover: takeover: eth[0-2] answers for its 1 addresses"
	check_err $? "no takeover of $failed within 10 s"
	other=$(afo_dmesg_since | sed -n "s/.*$failed: arp_failover: takeover: \(eth[0-2]\) answers.*/\1/p" | head -1)
	[ -n "$other" ] && [ "$other" != "$failed" ]
	check_err $? "$failed taken over by '$other'"
	[ "$(afo_carrier host "$failed")" = 1 ]
	check_err $? "$failed lost its carrier: not a silent failure"
	want=${OK/$failed=ok/$failed=silent}
	[ "$(judged)" = "$want" ]
	check_err $? "judged after blocking $failed: $(judged)"
	logged "$failed: arp_failover: path judged silent: carrier up, hears no sibling and no sibling hears it"
	check_err $? "no 'path judged silent' line for $failed"
	[ "$(afo_dmesg_since | grep -c 'path judged')" = 1 ]
	check_err $? "other judgements: $(afo_dmesg_since | grep 'path judged')"
	[ "$(afo_adapter host "$failed" "a['hears_ms'] is None or a['hears_ms'] >= 200")" = True ]
	check_err $? "$failed still hears a sibling: hears_ms $(afo_adapter host "$failed" "a['hears_ms']")"
	[ "$(responder "$addr")" = "$other" ]
	check_err $? "$addr answered by '$(responder "$addr")' in arpfo show, not $other"
	[ "$(stat_of "$failed" takeovers)" = $((t0 + 1)) ]
	check_err $? "$failed's takeovers went from $t0 to $(stat_of "$failed" takeovers)"
	afo_until 5 mon_more "$failed judged ok -> silent" "$m0"
	check_err $? "arpfo monitor: no '$failed judged ok -> silent': $(grep judged "$mon")"
	log_test "$failed's port blocked: judged silent by its siblings, $other takes over $addr"

	afo_until 5 neigh_is "$addr" "$(mac_of "$other")"
	check_err $? "client holds $(afo_neigh client "$addr") for $addr after the takeover"
	mac=$(afo_answer client eth0 "$addr")
	[ "$mac" = "$(mac_of "$other")" ]
	check_err $? "$addr answered by '$mac' during the takeover"
	afo_in client ping -c 2 -W 2 "$addr" >/dev/null
	check_err $? "client cannot ping $addr during the takeover"
	log_test "$failed's port blocked: the client moves to $other's MAC, traffic flows"

	if [ "$vipa" = vipa ]; then
		[ -n "$(holder)" ] && [ "$(holder)" != "$failed" ]
		check_err $? "VIPA holder '$(holder)' with $failed blocked"
		mac=$(afo_answer client eth0 $VIPA)
		[ "$mac" = "$(mac_of "$(holder)")" ]
		check_err $? "VIPA answered by '$mac', holder $(holder)"
		afo_in client ping -c 2 -W 2 $VIPA >/dev/null
		check_err $? "client cannot ping the VIPA"
		log_test "$failed's port blocked: the VIPA duty moves to $(holder)"
	fi

	afo_dmesg_mark
	afo_block host "$failed" off
	check_err $? "cannot unblock $failed's switch port"
	afo_until 10 logged "$failed: arp_failover: reclaim: answers for its addresses again (was $other)"
	check_err $? "no reclaim by $failed within 10 s of unblocking"
	logged "$failed: arp_failover: path works again"
	check_err $? "no 'path works again' line for $failed"
	afo_until 5 mon_more "$failed judged silent -> ok" "$m1"
	check_err $? "arpfo monitor: no '$failed judged silent -> ok': $(grep judged "$mon")"
	afo_until 5 judged_is "$OK"
	check_err $? "judged after unblocking $failed: $(judged)"
	afo_until 5 neigh_is "$addr" "$fmac"
	check_err $? "client holds $(afo_neigh client "$addr") for $addr after the reclaim"
	mac=$(afo_answer client eth0 "$addr")
	[ "$mac" = "$fmac" ]
	check_err $? "$addr answered by '$mac' after the reclaim"
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
# (c) the host adapter (and VIPA holder), then a sibling
silent_failure eth0 10.0.0.1 vipa
silent_failure eth1 10.0.0.2

kill "$monitor"
rm -f "$mon"
afo_exit
