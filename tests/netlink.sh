#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The netlink family through the arpfo tool: `arpfo show --json` matches
# the real state before, during and after a takeover; `arpfo monitor`
# reports each transition; settings over netlink take effect and are
# refused without CAP_NET_ADMIN; errors are clear. Through raw requests
# (tests/genl_tool.py): the family is version 2, every request is
# validated strictly (dumps included), and enumerations and booleans come
# back as u32.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
#   eth2 10.0.1.1 -------- seg1
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24
afo_port host eth1 seg0 $MAC1 10.0.0.2/24
afo_port host eth2 seg1 02:00:00:00:01:02 10.0.1.1/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"

out=$(afo_in host "$ARPFO" show 2>&1)
[ $? -eq 1 ] && grep -q 'arp_failover module is not loaded' <<<"$out"
check_err $? "show without the module: '$out'"
log_test "show without the module says so"

afo_load
check_err $? "insmod failed"
mon=$(mktemp /var/tmp/arpfo-monitor.XXXXXX)
# ip netns exec execs the tool, so $! is the monitor itself.
ip netns exec "$(afo_ns host)" "$ARPFO" monitor --json >"$mon" 2>&1 &
monitor=$!
sleep 0.5

show() { afo_in host "$ARPFO" show --json; }
# field JSON IFNAME KEY: KEY of adapter IFNAME in `arpfo show --json`.
field() { jq_py "$1" "[a['$3'] for a in d['adapters'] if a['ifname'] == '$2'][0]"; }
# answered_by JSON IP: the responder of address IP.
answered_by() { jq_py "$1" "[a['responder'] for a in d['addresses'] if a['address'] == '$2'][0]"; }

j=$(show)
check_err $? "arpfo show --json failed"
[ "$(jq_py "$j" "len(d['pnets'])")" = 2 ]
check_err $? "expected two pnets: $j"
[ "$(jq_py "$j" "sorted([p['members'] for p in d['pnets']])")" = "['eth0', 'eth1'] ['eth2']" ]
check_err $? "pnet members wrong: $(jq_py "$j" "d['pnets']")"
[ "$(field "$j" eth0 pnet)" = "$(field "$j" eth1 pnet)" ] &&
	[ "$(field "$j" eth0 pnet)" != "$(field "$j" eth2 pnet)" ]
check_err $? "adapter pnets wrong"
for i in eth0 eth1 eth2; do
	[ "$(field "$j" $i state)" = healthy ] && [ "$(field "$j" $i responder)" = $i ] &&
		[ "$(field "$j" $i kind)" = host ]
	check_err $? "$i: state $(field "$j" $i state), answered by $(field "$j" $i responder)"
done
[ "$(field "$j" eth0 mac)" = $MAC0 ]
check_err $? "eth0 MAC $(field "$j" eth0 mac)"
[ "$(answered_by "$j" 10.0.0.1)" = eth0 ] && [ "$(answered_by "$j" 10.0.1.1)" = eth2 ]
check_err $? "addresses: $(jq_py "$j" "d['addresses']")"
[ "$(jq_py "$j" "[a['vipa'] for a in d['addresses']]")" = "False False False" ]
check_err $? "no address is a VIPA here"
[ "$(jq_py "$j" "[a['stats']['probes_sent'] > 0 for a in d['adapters']]")" = "True True True" ]
check_err $? "probes sent not counted"
[ "$(field "$j" eth1 stats | grep -o "'probes_heard': [0-9]*")" != "'probes_heard': 0" ]
check_err $? "eth1 heard no probe: $(field "$j" eth1 stats)"
log_test "show --json: pnets, adapters, addresses as discovered"

genl() { afo_in host python3 "$REPO/tests/genl_tool.py" "$@"; }
# refused OUT ERRNO [MSG]: genl_tool printed error=ERRNO (and MSG).
refused() { grep -q "^error=$2 msg=${3:-}" <<<"$1"; }
# Before 6.1 the module checks a dump's flags itself (compat.h), from the
# dump's start callback, which has no extended ack there: no message.
dump_flags_msg="ambiguous or reserved bits"
[ "$(printf '%s\n' 6.1 "$(uname -r)" | sort -V | head -n 1)" = 6.1 ] ||
	dump_flags_msg=

out=$(genl family)
[ "${out#* }" = version=2 ]
check_err $? "family: '$out'"
log_test "family version 2"

for cmd in ARPFO_CMD_PNET_GET ARPFO_CMD_ADAPTER_GET ARPFO_CMD_ADDR_GET; do
	out=$(genl dump $cmd)
	check_err $? "$cmd without attributes refused: '$out'"
	# An attribute of the adapter set, known to the family, not to a dump.
	out=$(genl dump $cmd ARPFO_A_ADAPTER_IFINDEX:u32:2)
	[ $? -eq 1 ] && refused "$out" EINVAL
	check_err $? "$cmd with an ifindex: '$out'"
	out=$(genl dump $cmd 200:u32:1)
	[ $? -eq 1 ] && refused "$out" EINVAL "Unknown attribute type"
	check_err $? "$cmd with attribute 200: '$out'"
	# NLM_F_ATOMIC: not a flag a generic netlink dump takes.
	out=$(genl dump $cmd --flags=0x400)
	[ $? -eq 1 ] && refused "$out" EINVAL "$dump_flags_msg"
	check_err $? "$cmd with NLM_F_ATOMIC: '$out'"
done
log_test "dumps refuse unknown attributes and reserved flags"

set_eth1() { genl do ARPFO_CMD_ADAPTER_SET ARPFO_A_ADAPTER_IFNAME:str:eth1 "$@"; }
out=$(set_eth1 ARPFO_A_ADAPTER_PRIORITY:u32:9 ARPFO_A_ADAPTER_MANAGED:u32:2)
[ $? -eq 1 ] && refused "$out" ERANGE "integer out of range"
check_err $? "managed 2: '$out'"
out=$(set_eth1 ARPFO_A_ADAPTER_PRIORITY:u32:9 ARPFO_A_ADAPTER_MANAGED:u8:1)
[ $? -eq 1 ] && refused "$out" EINVAL "invalid attribute length"
check_err $? "managed as a u8 (version 1): '$out'"
out=$(genl do ARPFO_CMD_ADAPTER_SET ARPFO_A_ADAPTER_IFINDEX:u32:0 ARPFO_A_ADAPTER_PRIORITY:u32:9)
[ $? -eq 1 ] && refused "$out" ERANGE
check_err $? "ifindex 0: '$out'"
out=$(genl do ARPFO_CMD_ADAPTER_SET ARPFO_A_ADAPTER_IFNAME:str:eth1xxxxxxxxxxxx \
	ARPFO_A_ADAPTER_PRIORITY:u32:9)
[ $? -eq 1 ] && refused "$out" EINVAL
check_err $? "a 16-byte ifname: '$out'"
out=$(set_eth1 ARPFO_A_ADAPTER_PRIORITY:u32:9 ARPFO_A_ADAPTER_STATE:u32:0)
[ $? -eq 1 ] && refused "$out" EINVAL "Unsupported attribute"
check_err $? "a reply attribute in a set: '$out'"
out=$(set_eth1 ARPFO_A_ADAPTER_PRIORITY:u32:9 --flags=0x200)
[ $? -eq 1 ] && refused "$out" EINVAL "ambiguous or reserved bits"
check_err $? "set with NLM_F_EXCL: '$out'"
[ "$(field "$(show)" eth1 priority)" = 0 ]
check_err $? "a refused set changed eth1's priority"
out=$(genl do ARPFO_CMD_ADAPTER_SET ARPFO_A_ADAPTER_IFNAME:str:eth2 \
	ARPFO_A_ADAPTER_PRIORITY:u32:0 ARPFO_A_ADAPTER_MANAGED:u32:1)
[ "$out" = ok ]
check_err $? "a valid raw set (u32 managed) refused: '$out'"
log_test "set refuses values out of range, wrong sizes, unknown attributes"

out=$(genl dump ARPFO_CMD_ADAPTER_GET)
[ "$(grep -c '^cmd=ARPFO_CMD_ADAPTER_GET version=2 ' <<<"$out")" = 3 ]
check_err $? "adapter messages: $out"
for a in STATE PROBING KIND VIPA_DUTY L3DEV; do
	[ "$(grep -c " ARPFO_A_ADAPTER_$a/4=" <<<"$out")" = 3 ]
	check_err $? "$a is not a u32 in every adapter: $out"
done
# ARPFO_STATE_HEALTHY (2), ARPFO_KIND_HOST (0).
[ "$(grep -c ' ARPFO_A_ADAPTER_STATE/4=2\( \|$\)' <<<"$out")" = 3 ] &&
	[ "$(grep -c ' ARPFO_A_ADAPTER_KIND/4=0\( \|$\)' <<<"$out")" = 3 ]
check_err $? "state or kind wrong: $out"
# No VRF here: every adapter and address is in the default L3 domain.
[ "$(grep -c ' ARPFO_A_ADAPTER_L3DEV/4=0\( \|$\)' <<<"$out")" = 3 ]
check_err $? "an adapter in a VRF: $out"
out=$(genl dump ARPFO_CMD_ADDR_GET)
[ "$(grep -c ' ARPFO_A_ADDR_L3DEV/4=0\( \|$\)' <<<"$out")" = "$(grep -c '^cmd=' <<<"$out")" ] &&
	! grep -q ARPFO_A_ADDR_SHARED <<<"$out"
check_err $? "addresses in a VRF, or shared: $out"
log_test "adapter dump: state, probing, kind, vipa_duty, l3dev are u32; no VRF"

afo_in client ping -c 2 -i 0.2 -W 1 10.0.0.1 >/dev/null
afo_cable host eth0 down
sleep 0.5
j=$(show)
[ "$(field "$j" eth0 state)" = down ] && [ "$(field "$j" eth0 responder)" = eth1 ]
check_err $? "eth0 during takeover: $(field "$j" eth0 state), answered by $(field "$j" eth0 responder)"
[ "$(answered_by "$j" 10.0.0.1)" = eth1 ]
check_err $? "10.0.0.1 answered by $(answered_by "$j" 10.0.0.1) during takeover"
[ "$(jq_py "$j" "[p['state'] for p in d['pnets'] if 'eth0' in p['members']][0]")" = degraded ]
check_err $? "pnet of eth0 not degraded: $(jq_py "$j" "d['pnets']")"
[ "$(field "$j" eth0 stats | grep -o "'takeovers': [0-9]*")" = "'takeovers': 1" ]
check_err $? "takeover not counted: $(field "$j" eth0 stats)"
# The address really is answered by the adapter show names.
[ "$(afo_answer client eth0 10.0.0.1)" = $MAC1 ]
check_err $? "the wire disagrees with show"
log_test "show --json during takeover"

afo_cable host eth0 up
sleep 0.8
j=$(show)
[ "$(field "$j" eth0 state)" = healthy ] && [ "$(field "$j" eth0 responder)" = eth0 ] &&
	[ "$(answered_by "$j" 10.0.0.1)" = eth0 ]
check_err $? "eth0 after reclaim: $(field "$j" eth0 state), answered by $(field "$j" eth0 responder)"
[ "$(field "$j" eth0 stats | grep -o "'reclaims': [0-9]*")" = "'reclaims': 1" ]
check_err $? "reclaim not counted: $(field "$j" eth0 stats)"
log_test "show --json after reclaim"

events() { grep -c "\"event\":\"$1\".*\"ifname\":\"$2\"" "$mon"; }
[ "$(events carrier eth0)" -ge 2 ]
check_err $? "carrier events of eth0: $(events carrier eth0)"
[ "$(events takeover eth0)" = 1 ] && [ "$(events reclaim eth0)" = 1 ]
check_err $? "takeover/reclaim events: $(events takeover eth0)/$(events reclaim eth0)"
grep '"event":"takeover"' "$mon" | grep -q '"new":[0-9]' &&
	grep -q '"event":"healthy".*"ifname":"eth0"' "$mon"
check_err $? "event fields missing"
log_test "monitor reports carrier, health, takeover, reclaim"

raw=$(mktemp /var/tmp/arpfo-raw-events.XXXXXX)
# Waits are for what is awaited, not for a time: a loaded machine runs
# Python and the monitor seconds late.
ip netns exec "$(afo_ns host)" python3 "$REPO/tests/genl_tool.py" listen 120 >"$raw" 2>&1 &
listener=$!
afo_until 60 grep -q '^listening' "$raw"
check_err $? "the raw listener did not subscribe: $(cat "$raw")"
afo_in host ip addr add 10.0.0.11/24 dev eth0
afo_in host ip addr del 10.0.0.11/24 dev eth0
afo_until 30 grep -q '"event":"addr_del"' "$mon"
[ "$(events addr_new eth0)" = 1 ] && [ "$(events addr_del eth0)" = 1 ] &&
	grep '"event":"addr_new"' "$mon" | grep -q '10.0.0.11'
check_err $? "address events: $(grep addr_ "$mon")"
log_test "monitor reports addresses added and removed"

afo_until 30 grep -q ' ARPFO_A_EVENT_TYPE/4=9 ' "$raw"
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null
# ARPFO_EVENT_ADDR_NEW (8) and ARPFO_EVENT_ADDR_DEL (9), each a u32.
grep -q '^cmd=ARPFO_CMD_EVENT_NTF version=2 ARPFO_A_EVENT_TYPE/4=8 ' "$raw" &&
	grep -q '^cmd=ARPFO_CMD_EVENT_NTF version=2 ARPFO_A_EVENT_TYPE/4=9 ' "$raw" &&
	! grep '^cmd=ARPFO_CMD_EVENT_NTF' "$raw" | grep -qv ' ARPFO_A_EVENT_TYPE/4='
check_err $? "raw events: $(cat "$raw")"
log_test "events: type is a u32"
rm -f "$raw"

out=$(afo_in host setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all "$ARPFO" set eth1 priority 5 2>&1)
[ $? -eq 1 ] && grep -q 'CAP_NET_ADMIN' <<<"$out"
check_err $? "unprivileged set: '$out'"
[ "$(field "$(show)" eth1 priority)" = 0 ]
check_err $? "an unprivileged set changed the priority"
out=$(afo_in host setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all "$ARPFO" show --json 2>&1)
check_err $? "unprivileged show refused: $out"
log_test "unprivileged set refused, show allowed"

# The events group is the administrator's (netlink.c): a process without
# CAP_NET_ADMIN cannot subscribe; the dumps stay open to it (above). The
# tool runs from a copy anybody may read: the checkout may be in a
# directory only root enters (a clone in mktemp -d's).
# It reads the uapi header beside it, as in the checkout.
genl_copy=$(mktemp -d)
chmod 755 "$genl_copy" &&
	install -D -m 644 "$REPO/tests/genl_tool.py" "$genl_copy/tests/genl_tool.py" &&
	install -D -m 644 "$REPO/include/uapi/linux/arp_failover.h" \
		"$genl_copy/include/uapi/linux/arp_failover.h"
out=$(afo_in host setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all python3 "$genl_copy/tests/genl_tool.py" listen 0 2>&1)
rc=$?
rm -rf "$genl_copy"
[ $rc -ne 0 ] && grep -q 'Operation not permitted' <<<"$out" &&
	! grep -q '^listening' <<<"$out"
check_err $? "an unprivileged process subscribed to the events: '$out'"
out=$(afo_in host setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all timeout 10 "$ARPFO" monitor 2>&1)
[ $? -eq 1 ] && grep -q 'needs CAP_NET_ADMIN' <<<"$out"
check_err $? "unprivileged monitor: '$out'"
out=$(afo_in host python3 "$REPO/tests/genl_tool.py" listen 0 2>&1)
check_err $? "root cannot subscribe to the events: '$out'"
log_test "only CAP_NET_ADMIN subscribes to the events group"

afo_in host "$ARPFO" set eth1 priority 7
check_err $? "set priority failed"
[ "$(field "$(show)" eth1 priority)" = 7 ]
check_err $? "priority not applied"
out=$(afo_in host "$ARPFO" set nosuch0 priority 1 2>&1)
[ $? -eq 1 ] && grep -qi 'no such device' <<<"$out"
check_err $? "unknown device: '$out'"
out=$(afo_in host "$ARPFO" set lo managed on 2>&1)
[ $? -eq 1 ] && grep -q 'not an adapter or VIPA device arp_failover can manage' <<<"$out"
check_err $? "loopback: '$out'"
out=$(afo_in host "$ARPFO" set eth1 priority x 2>&1)
[ $? -eq 2 ]
check_err $? "bad priority accepted: '$out'"
log_test "set priority; unknown device and bad input refused"

afo_in host "$ARPFO" set eth1 managed off
check_err $? "set managed off failed"
sleep 0.3
j=$(show)
[ "$(jq_py "$j" "sorted(a['ifname'] for a in d['adapters'])")" = "eth0 eth2" ]
check_err $? "eth1 still listed: $(jq_py "$j" "[a['ifname'] for a in d['adapters']]")"
[ "$(events adapter_del eth1)" = 1 ]
check_err $? "no adapter_del event"
# Unmanaged, eth1 is left to the kernel: 10.0.0.2 is answered again.
[ -n "$(afo_answer client eth0 10.0.0.2)" ]
check_err $? "10.0.0.2 unanswered while eth1 unmanaged"
afo_in host "$ARPFO" set eth1 managed on
sleep 0.5
j=$(show)
[ "$(field "$j" eth1 pnet)" = "$(field "$j" eth0 pnet)" ] && [ "$(field "$j" eth1 priority)" = 7 ]
check_err $? "eth1 back: pnet $(field "$j" eth1 pnet), priority $(field "$j" eth1 priority)"
log_test "set managed off and on"

kill "$monitor"
wait "$monitor"
check_err $? "monitor did not exit cleanly on SIGTERM"
log_test "monitor exits on SIGTERM"
sed 's/^/# monitor: /' "$mon"
rm -f "$mon"

afo_exit
