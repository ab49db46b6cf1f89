#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An address removed from an adapter while a sibling answers for it, as
# systemd-networkd, NetworkManager and dhcpcd do on carrier loss: the
# takeover cannot hold for it, and the module must say so. eth0 loses
# carrier, eth1 answers for it, then eth0's addresses go with `ip`, as a
# network manager would remove them. The kernel log names the address,
# the sibling and the admin guide's "Network managers" within 1 s of the
# removal (kernel timestamps: a kprobe on the rtnetlink handler that
# removes it and the module's tracepoint, in one trace buffer), once per
# adapter until it is healthy again; `arpfo monitor` sees an addr_lost
# event per address, the adapter's counters count them, and `arpfo show`
# marks eth0 until it is healthy again. No warning for an address removed
# from a healthy adapter, nor for a taken-over adapter being deleted.
#
#        host                           switch          client
#   eth0 10.0.0.1 2001:db8::1 ---+
#   eth1 10.0.0.2 2001:db8::2 ---+-- seg0 ------------- eth0 10.0.0.100
#   eth2 10.0.0.3 2001:db8::3 ---+                           2001:db8::100
. "$(dirname "$0")/lib.sh"

A0=2001:db8::1
T=/sys/kernel/tracing
KP=afo_addr_removed	# the kprobe group of this scenario

[ -w $T/kprobe_events ] || { echo "SKIP: no kprobe events in tracefs"; exit $ksft_skip; }

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 "$A0/64 nodad"
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 "2001:db8::2/64 nodad"
afo_port host eth2 seg0 02:00:00:00:01:02 10.0.0.3/24 "2001:db8::3/64 nodad"
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 "2001:db8::100/64 nodad"
check_err $? "topology setup failed"

# The kernel timestamps of each address removal (the rtnetlink handlers
# of RTM_DELADDR) and of the module's report of a lost address, in one
# trace buffer and so on one clock.
trace_on() {
	echo "p:$KP/del4 inet_rtm_deladdr" >> $T/kprobe_events &&
		echo "p:$KP/del6 inet6_rtm_deladdr" >> $T/kprobe_events &&
		echo 1 > $T/events/$KP/enable &&
		echo 1 > $T/events/arp_failover/arp_failover_addr_lost/enable &&
		echo > $T/trace
}
trace_off() {
	[ -d $T/events/$KP ] || return 0
	echo 0 > $T/events/$KP/enable
	[ -e $T/events/arp_failover/arp_failover_addr_lost/enable ] &&
		echo 0 > $T/events/arp_failover/arp_failover_addr_lost/enable
	echo "-:$KP/del4" >> $T/kprobe_events
	echo "-:$KP/del6" >> $T/kprobe_events
}
trap 'trace_off; kill "${monitor:-}" 2>/dev/null; afo_cleanup' EXIT

# report_delay KPROBE: seconds from the last hit of KPROBE (del4, del6)
# to the module's first report after it; fails when either is missing.
report_delay() {
	awk -v k="$1:" '
		{
			ev = ""
			for (i = 1; i < NF; i++)
				if ($i ~ /^[0-9]+\.[0-9]+:$/) { t = substr($i, 1, length($i) - 1); ev = $(i + 1); break }
		}
		ev == k { t0 = t; t1 = "" }
		ev == "arp_failover_addr_lost:" && t0 != "" && t1 == "" { t1 = t }
		END { if (t0 == "" || t1 == "") exit 1; printf "%.3f\n", t1 - t0 }
	' $T/trace
}
# below_1s SECONDS
below_1s() { awk -v d="$1" 'BEGIN { exit !(d != "" && d < 1) }'; }

afo_load
check_err $? "insmod failed"
trace_on
check_err $? "cannot trace: $(tail -n 3 $T/error_log 2>/dev/null)"
mon=$(mktemp /var/tmp/arpfo-monitor.XXXXXX)
# ip netns exec execs the tool, so $! is the monitor itself.
ip netns exec "$(afo_ns host)" "$ARPFO" monitor --json >"$mon" 2>&1 &
monitor=$!
sleep 0.5

show() { afo_in host "$ARPFO" show --json; }
# lost JSON IFNAME: "ADDRS_LOST COUNTER" of adapter IFNAME; nothing when
# it is not managed.
lost() {
	jq_py "$1" "['%d %d' % (a['addrs_lost'], a['stats']['addrs_lost']) for a in d['adapters'] if a['ifname'] == '$2'][0]" 2>/dev/null
}
state() { afo_adapter host "$1" "a['state'] + ' ' + a['responder']"; }
state_is() { [ "$(state "$1")" = "$2" ]; }
# warned IFNAME: the module's lines about IFNAME's lost addresses since
# the mark.
warned() { afo_dmesg_since | grep "$1: arp_failover: .* removed while "; }
warned_once() { [ "$(warned "$1" | wc -l)" -ge 1 ]; }
# events ADDRESS: the addr_lost events of ADDRESS, as "IFNAME ANSWERED-BY
# JUDGED", one a line.
events() {
	python3 - "$mon" "$1" <<-'EOF'
		import json, sys
		for line in open(sys.argv[1]):
		    e = json.loads(line)
		    if e["event"] == "addr_lost" and e["address"] == sys.argv[2]:
		        print(e["ifname"], e["answered_by"], e["judged"])
	EOF
}
# gone IFNAME ADDRESS: ADDRESS is no longer among the managed addresses
# of IFNAME (the IPv6 removal was applied).
gone() {
	! jq_py "$(show)" "[a['address'] for a in d['addresses'] if a['owner'] == '$1']" |
		grep -qw "$2"
}

j=$(show)
[ "$(lost "$j" eth0)" = "0 0" ] && [ "$(lost "$j" eth1)" = "0 0" ]
check_err $? "before: eth0 lost '$(lost "$j" eth0)', eth1 '$(lost "$j" eth1)'"
log_test "before: nothing lost, nothing marked"

# Round 1: eth0 loses carrier; its IPv6 address goes first (the path of
# the IPv6 notifier's work), then its IPv4 one.
afo_cable host eth0 down
afo_until 30 state_is eth0 "down eth1"
check_err $? "eth0 not taken over by eth1: '$(state eth0)'"
afo_dmesg_mark
echo > $T/trace
afo_in host ip -6 addr del $A0/64 dev eth0
afo_until 10 warned_once eth0
check_err $? "no warning for $A0 in the kernel log"
line=$(warned eth0)
grep -qF "eth0: arp_failover: $A0 removed while eth1 answers for it (carrier lost): a network manager deconfigured it? see \"Network managers\" in the admin guide" <<<"$line"
check_err $? "the warning: '$line'"
d6=$(report_delay del6)
below_1s "$d6"
check_err $? "IPv6 removal reported ${d6:-never} s after it: $(cat $T/trace | tail -n 5)"
log_test "IPv6 address removed during a takeover: warned within 1 s (${d6:-?} s)"

echo > $T/trace
afo_in host ip addr del 10.0.0.1/24 dev eth0
d4=$(report_delay del4)
below_1s "$d4"
check_err $? "IPv4 removal reported ${d4:-never} s after it"
afo_until 10 gone eth0 10.0.0.1
[ "$(warned eth0 | wc -l)" = 1 ]
check_err $? "warned $(warned eth0 | wc -l) times for eth0: $(warned eth0)"
log_test "IPv4 address removed too: reported within 1 s (${d4:-?} s), not said twice"

j=$(show)
[ "$(lost "$j" eth0)" = "2 2" ]
check_err $? "eth0 ADDRS_LOST and counter: '$(lost "$j" eth0)' (eth0 must stay managed)"
[ "$(lost "$j" eth1)" = "0 0" ]
check_err $? "eth1 counted '$(lost "$j" eth1)'"
[ "$(events $A0)" = "eth0 eth1 no-carrier" ] && [ "$(events 10.0.0.1)" = "eth0 eth1 no-carrier" ]
check_err $? "addr_lost events: '$(events $A0)' '$(events 10.0.0.1)'"
table=$(afo_in host "$ARPFO" show -i --color=never)
grep -q '^eth0! ' <<<"$table" &&
	grep -qF '! eth0: 2 addresses removed while eth1 answers for it' <<<"$table" &&
	! grep -q '^eth1!' <<<"$table"
check_err $? "arpfo show does not mark eth0 alone: $table"
log_test "an addr_lost event each, counted, arpfo show marks eth0"

# Back as a network manager brings it back: carrier, then its addresses.
# Healthy before they are back, it is let go and managed afresh (below),
# so its lifetime counter may start again; its mark goes either way.
afo_cable host eth0 up
afo_in host ip -batch - <<-EOF
	addr add 10.0.0.1/24 dev eth0
	addr add $A0/64 nodad dev eth0
EOF
afo_until 30 state_is eth0 "healthy eth0"
check_err $? "eth0 not healthy again: '$(state eth0)'"
j=$(show)
[ "$(lost "$j" eth0 | cut -d' ' -f1)" = 0 ]
check_err $? "eth0 after its return: '$(lost "$j" eth0)'"
table=$(afo_in host "$ARPFO" show -i --color=never)
! grep -q '!' <<<"$table"
check_err $? "arpfo show still marks: $table"
[ "$(afo_answer client eth0 10.0.0.1)" = 02:00:00:00:01:00 ]
check_err $? "10.0.0.1 not answered by eth0 again"
log_test "healthy again with its addresses: the mark is gone"

# Round 2: healthy in between, so a new loss is said again; IPv4 first.
afo_cable host eth0 down
afo_until 30 state_is eth0 "down eth1"
afo_dmesg_mark
echo > $T/trace
afo_in host ip addr del 10.0.0.1/24 dev eth0
afo_until 10 warned_once eth0
grep -qF "eth0: arp_failover: 10.0.0.1 removed while eth1 answers for it (carrier lost)" <<<"$(warned eth0)"
check_err $? "no warning for 10.0.0.1 after the adapter was healthy: '$(warned eth0)'"
d4=$(report_delay del4)
below_1s "$d4"
check_err $? "IPv4 removal reported ${d4:-never} s after it"
log_test "a loss after the adapter was healthy is said again (${d4:-?} s)"

# Still without any address when it is healthy again: let go, as any
# adapter without addresses.
afo_in host ip -6 addr del $A0/64 dev eth0
afo_until 10 gone eth0 $A0
afo_cable host eth0 up
not_managed() { [ -z "$(lost "$(show)" eth0)" ]; }
afo_until 30 not_managed
check_err $? "eth0 still managed without addresses: '$(state eth0)'"
afo_dmesg_since | grep -q 'eth0: arp_failover: no longer managed: no address'
check_err $? "no release line for eth0"
afo_in host ip -batch - <<-EOF
	addr add 10.0.0.1/24 dev eth0
	addr add $A0/64 nodad dev eth0
EOF
afo_until 30 state_is eth0 "healthy eth0"
check_err $? "eth0 not managed again: '$(state eth0)'"
log_test "healthy again without addresses: let go; managed again with them"

# No false alarm: addresses removed from healthy adapters.
afo_dmesg_mark
before=$(wc -l < "$mon")
j=$(show)
counted0=$(lost "$j" eth0) counted1=$(lost "$j" eth1)
afo_in host ip -batch - <<-EOF
	addr add 10.0.0.11/24 dev eth0
	addr add 2001:db8::11/64 nodad dev eth0
	addr add 10.0.0.12/24 dev eth1
EOF
has() { ! gone "$1" "$2"; }
afo_until 10 has eth0 2001:db8::11
afo_in host ip -batch - <<-EOF
	addr del 10.0.0.11/24 dev eth0
	addr del 2001:db8::11/64 dev eth0
	addr del 10.0.0.12/24 dev eth1
EOF
afo_until 10 gone eth0 2001:db8::11
check_err $? "2001:db8::11 still managed"
[ -z "$(afo_dmesg_since | grep 'removed while')" ]
check_err $? "warned for a healthy adapter: $(afo_dmesg_since | grep 'removed while')"
[ -z "$(tail -n +"$((before + 1))" "$mon" | grep addr_lost)" ]
check_err $? "addr_lost events for a healthy adapter"
j=$(show)
[ "$(lost "$j" eth0)" = "$counted0" ] && [ "$(lost "$j" eth1)" = "$counted1" ]
check_err $? "counted for healthy adapters: eth0 '$counted0' -> '$(lost "$j" eth0)', eth1 '$counted1' -> '$(lost "$j" eth1)'"
log_test "addresses removed from healthy adapters: no warning, no event"

# No false alarm: a taken-over adapter deleted takes its addresses along.
afo_cable host eth2 down
taken() { [ "$(afo_adapter host eth2 "a['responder']")" != eth2 ]; }
afo_until 30 taken
check_err $? "eth2 not taken over: '$(state eth2)'"
afo_dmesg_mark
afo_in host ip link del eth2
eth2_gone() { [ -z "$(lost "$(show)" eth2)" ]; }
afo_until 10 eth2_gone
check_err $? "eth2 still managed after its deletion"
[ -z "$(warned eth2)" ]
check_err $? "warned for a deleted adapter: $(warned eth2)"
log_test "a taken-over adapter deleted: no warning"

# An administrative down flushes IPv6 addresses (keep_addr_on_down=0):
# that loss is said too, with the kernel as its cause.
afo_dmesg_mark
afo_in host ip link set eth0 down
afo_until 10 warned_once eth0
grep -qF "eth0: arp_failover: $A0 removed while eth1 answers for it (adapter down): the kernel flushes a down adapter's IPv6 addresses without keep_addr_on_down; see \"Network managers\" in the admin guide" <<<"$(warned eth0)"
check_err $? "admin down: '$(warned eth0)'"
afo_in host ip link set eth0 up
afo_in host ip addr add $A0/64 nodad dev eth0
afo_until 30 state_is eth0 "healthy eth0"
check_err $? "eth0 not healthy after admin up: '$(state eth0)'"
log_test "admin down flushes the IPv6 address: said, the kernel named"

afo_exit
