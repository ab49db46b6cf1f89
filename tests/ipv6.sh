#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IPv6 failover on a dual-stack host. When eth0 loses carrier, eth1
# answers neighbour solicitations for 2001:db8::1 and advertises it, the
# client's neighbour entry moves at once, a ping6 stream at 10 ms loses
# no more than a few and a TCP connection over IPv6 lives on; when eth0
# comes back it announces itself again. eth0's link-local address is never
# answered by eth1. The IPv6 VIPA on dummy0 is answered by the pnet's
# VIPA holder alone, and moves with the duty. Duplicate address detection
# on eth0's return (keep_addr_on_down, then admin up), plain and
# optimistic, is never failed by eth1. Malformed solicitations are left
# to the kernel, which drops them.
#
#        host                           switch          client
#   eth0 10.0.0.1 2001:db8::1 ---+
#                                +-- seg0 ------------- eth0 2001:db8::100
#   eth1 10.0.0.2 2001:db8::2 ---+
#   dummy0 2001:db8:9::9 (VIPA)
. "$(dirname "$0")/lib.sh"
require_cmd ping

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
A1=2001:db8::1
A2=2001:db8::2
VIPA6=2001:db8:9::9
LL0=fe80::ff:fe00:100		# eth0's link-local (EUI-64 of MAC0)

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 $A1/64
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 $A2/64
afo_in host ip link add dummy0 type dummy &&
	afo_in host ip link set dummy0 up &&
	afo_in host ip addr add $VIPA6/128 dev dummy0
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 2001:db8::100/64
afo_in client ip -6 route add $VIPA6/128 dev eth0
check_err $? "topology setup failed"

dad_done() {
	[ -z "$(afo_dad_left host eth0)$(afo_dad_left host eth1)$(afo_dad_left client eth0)" ]
}
afo_until 20 dad_done
check_err $? "DAD never ended: $(afo_dad_left host eth0)"

afo_load
check_err $? "insmod failed"
nd() { afo_nd client "$@"; }
nd_macs() { afo_nd_macs client "$@"; }
show() { afo_in host "$ARPFO" show --json; }
neigh6() { afo_neigh client "$1"; }

j=$(show)
[ "$(jq_py "$j" "sorted(a['address'] for a in d['addresses'])")" = \
  "$(printf '%s\n' 10.0.0.1 10.0.0.2 $A1 $A2 $VIPA6 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" ]
check_err $? "managed addresses: $(jq_py "$j" "[a['address'] for a in d['addresses']]")"
log_test "global IPv6 addresses and the IPv6 VIPA are managed, link-local ones not"

afo_in client ping -6 -c 1 -W 1 $A1 >/dev/null &&
	afo_in client ping -6 -c 1 -W 1 $A2 >/dev/null
check_err $? "client cannot reach the host over IPv6"
[ "$(neigh6 $A1)" = $MAC0 ] && [ "$(neigh6 $A2)" = $MAC1 ]
check_err $? "before: client holds $(neigh6 $A1) for $A1, $(neigh6 $A2) for $A2"
[ "$(nd_macs $A1)" = $MAC0 ] && [ "$(nd_macs $A2)" = $MAC1 ]
check_err $? "before: $A1 answered by '$(nd_macs $A1)', $A2 by '$(nd_macs $A2)'"
holder=$(jq_py "$j" "[p['vipa_holder'] for p in d['pnets'] if 'eth0' in p['members']][0]")
hmac=$(afo_in host cat "/sys/class/net/$holder/address")
[ "$(nd_macs $VIPA6)" = "$hmac" ]
check_err $? "the IPv6 VIPA answered by '$(nd_macs $VIPA6)', not by its holder $holder ($hmac) alone"
log_test "before: each address answered once, by its own adapter; the VIPA by $holder"

# A ping6 stream (10 ms) and a TCP ping-pong over IPv6 across takeover
# and reclaim.
afo_traffic_start client $A1
sleep 1.5
afo_dmesg_mark
afo_cable host eth0 down
sleep 0.5
[ "$(neigh6 $A1)" = $MAC1 ]
check_err $? "takeover: client still holds $(neigh6 $A1) for $A1"
flags=$(json_field "$(nd $A1)" flags)
[ "$(nd_macs $A1)" = $MAC1 ] && [[ $flags == *O* ]]
check_err $? "takeover: $A1 answered by '$(nd_macs $A1)' (flags '$flags'), not by eth1 with override"
[ "$(nd_macs $LL0)" = "" ]
check_err $? "takeover: eth0's link-local $LL0 answered by '$(nd_macs $LL0)'"
[ "$(nd_macs $VIPA6)" = $MAC1 ]
check_err $? "takeover: the IPv6 VIPA answered by '$(nd_macs $VIPA6)', not by eth1"
afo_in host ip -6 route get 2001:db8::100 from $A1 | grep -q 'dev eth1'
check_err $? "egress from $A1 not via eth1: $(afo_in host ip -6 route get 2001:db8::100 from $A1)"
afo_dmesg_since | grep -q 'eth0: arp_failover: takeover: eth1 answers for its 2 addresses'
check_err $? "no takeover line in the kernel log"
log_test "takeover: $A1 moves to eth1 (override), egress follows, the VIPA too, link-local stays"

sleep 1.5
afo_cable host eth0 up
sleep 1
[ "$(neigh6 $A1)" = $MAC0 ]
check_err $? "reclaim: client still holds $(neigh6 $A1) for $A1"
[ "$(nd_macs $A1)" = $MAC0 ]
check_err $? "reclaim: $A1 answered by '$(nd_macs $A1)'"
afo_traffic_end
check_err $? "the TCP connection over IPv6 died: $AFO_TCP"
[ "$AFO_LOST" -le "$(afo_move_loss_limit)" ]
check_err $? "ping6 stream: $AFO_LOST of $AFO_PINGS lost across takeover and reclaim"
[ -z "$(afo_dad_left host eth0)" ]
check_err $? "reclaim: $(afo_dad_left host eth0)"
log_test "reclaim: $A1 back on eth0; ping6 lost $AFO_LOST of $AFO_PINGS, TCP lived ($AFO_TCP)"

# Malformed solicitations during a takeover: the kernel's ND would drop
# each, so eth1 answers none. A well-formed one is answered.
afo_cable host eth0 down
sleep 0.5
[ "$(nd_macs $A1)" = $MAC1 ]
check_err $? "takeover again: $A1 answered by '$(nd_macs $A1)'"
for bad in "--hop 254" "--code 1" "--bad-csum" "--opt zero-length" \
	   "--opt overrun" "--short" "--dad"; do
	# shellcheck disable=SC2086
	out=$(nd $A1 $bad)
	[ "$(json_field "$out" verdict)" = none ]
	check_err $? "a solicitation with $bad was answered: $out"
done
log_test "malformed solicitations and DAD probes for a taken-over address: no answer"
afo_cable host eth0 up
sleep 1

# DAD on the way back, while eth1 still answers for eth0's addresses (the
# reclaim delay outlasts the first probes): eth1 must not answer those
# probes, nor advertise 2001:db8::1 during them; eth0 announces itself
# once DAD is over. Plain: eth0 keeps its addresses when it goes down
# (keep_addr_on_down) and probes them when it comes up, 4 probes 4 s
# apart: a DAD longer than the announcer's shortest wait for it (10 s),
# which must last as long as eth0's DAD may. Optimistic: a network
# manager gives eth0 its address again, optimistic, when its carrier is
# back; 3 probes 1 s apart (8 on the debug kernel: time for its slower
# processes to see the address in DAD).
P=/sys/module/arp_failover/parameters
echo 2000 > $P/reclaim_delay_ms
a1_at_eth0() { [ "$(neigh6 $A1)" = $MAC0 ]; }
dad_return() {
	local mode=$1 seen dad_s

	if [ "$mode" = plain ]; then
		dad_s=16
		afo_in host sysctl -qw net.ipv6.conf.eth0.dad_transmits=4 \
			net.ipv6.neigh.eth0.retrans_time_ms=4000 \
			net.ipv6.conf.eth0.keep_addr_on_down=1
		afo_in host ip link set eth0 down
	else
		dad_s=$(( 3 * $(afo_slowdown) ))
		afo_in host sysctl -qw net.ipv6.conf.eth0.dad_transmits=$dad_s \
			net.ipv6.neigh.eth0.retrans_time_ms=1000 \
			net.ipv6.conf.eth0.optimistic_dad=1 \
			net.ipv6.conf.eth0.use_optimistic=1
		afo_cable host eth0 down
	fi
	sleep 0.5
	[ "$(neigh6 $A1)" = $MAC1 ]
	check_err $? "$mode DAD: client holds $(neigh6 $A1) for $A1 with eth0 down"
	afo_dmesg_mark
	if [ "$mode" = plain ]; then
		afo_in host ip link set eth0 up
	else
		afo_cable host eth0 up
		afo_in host ip addr del $A1/64 dev eth0 &&
			afo_in host ip addr add $A1/64 dev eth0 optimistic
	fi
	# At once: most of an optimistic DAD a slow kernel spends starting
	# two processes.
	[ "$mode" = plain ] && sleep 0.3
	seen=$(afo_dad_left host eth0 | grep -F "$A1/" | head -1)
	[ "$mode" = plain ] || [[ $seen == *optimistic* ]]
	check_err $? "$mode DAD: $A1 on eth0 was '$seen' while probing"
	afo_until $(( dad_s + 17 )) dad_done
	check_err $? "$mode DAD: after eth0 came back: $(afo_dad_left host eth0)"
	afo_until 10 a1_at_eth0
	check_err $? "$mode DAD: client holds $(neigh6 $A1) for $A1 after the reclaim; the module said: $(afo_dmesg_since | grep -F "$A1 not announced")"
	afo_in client ping -c 1 -W 1 $A1 >/dev/null
	check_err $? "$mode DAD: $A1 unreachable after the reclaim"
	log_test "$mode DAD on eth0's return passes (saw:${seen:- nothing in DAD}, ${dad_s} s); $A1 back on eth0"
}
dad_return plain
# A kernel without CONFIG_IPV6_OPTIMISTIC_DAD (the debug lane's) has no
# optimistic addresses to test.
if afo_in host test -e /proc/sys/net/ipv6/conf/eth0/optimistic_dad; then
	dad_return optimistic
else
	echo "# skip: optimistic DAD: this kernel has no CONFIG_IPV6_OPTIMISTIC_DAD"
fi
afo_in host sysctl -qw net.ipv6.neigh.eth0.retrans_time_ms=1000
afo_in host sysctl -qw net.ipv6.conf.eth0.dad_transmits=1

# An address that failed DAD (the client holds it) stays on eth0, marked,
# with no event: it is the client's, and eth1 must never answer for it,
# not even while it answers for eth0's other addresses.
A3=2001:db8::3
afo_in client ip addr add $A3/64 dev eth0 nodad
afo_in host ip addr add $A3/64 dev eth0
a3_failed() { afo_dad_left host eth0 | grep -q "$A3/.*dadfailed"; }
afo_until 10 a3_failed
check_err $? "$A3 did not fail DAD on eth0: $(afo_dad_left host eth0)"
afo_cable host eth0 down
sleep 0.5
SRC="--src 2001:db8::100"	# not $A3, which the client holds now too
# shellcheck disable=SC2086
[ "$(nd_macs $A1 $SRC)" = $MAC1 ] && [[ "$(nd_macs $A3 $SRC)" != *$MAC1* ]]
# shellcheck disable=SC2086
check_err $? "takeover: $A1 answered by '$(nd_macs $A1 $SRC)', $A3 (failed DAD) by '$(nd_macs $A3 $SRC)'"
afo_cable host eth0 up
afo_in host ip addr del $A3/64 dev eth0
afo_in client ip addr del $A3/64 dev eth0
afo_until 10 a1_at_eth0
log_test "an address that failed DAD is never answered by the sibling"

# Never fewer answers than the stock kernel: a responder with IPv6
# disabled cannot answer, so during the reclaim delay the holder answers
# for itself rather than nobody.
echo 8000 > $P/reclaim_delay_ms
afo_in host sysctl -qw net.ipv6.conf.eth1.disable_ipv6=1
afo_cable host eth0 down
sleep 0.5
afo_cable host eth0 up
sleep 0.3
state=$(afo_adapter host eth0 "a['state']")
[ "$state" != delayed ] || [ "$(nd_macs $A1)" = $MAC0 ]
check_err $? "reclaim delay, eth1 without IPv6: $A1 answered by '$(nd_macs $A1)'"
afo_in host sysctl -qw net.ipv6.conf.eth1.disable_ipv6=0
echo 0 > $P/reclaim_delay_ms
log_test "a responder without IPv6 leaves the holder answering (eth0 $state)"

afo_exit
