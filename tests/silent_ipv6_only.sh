#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Silent failures on an IPv6-only pair whose router is learned from router
# advertisements: no IPv4 address, hence no IPv4 gateway or neighbour to
# ask. A pair that loses each other's liveness frames asks its default
# router, with neighbour solicitations through each adapter, to learn
# which side failed. The router advertises on the segment (radvd); only
# eth0 accepts advertisements, so the one default route names eth0, and
# the router counts for eth1 too: it is on the pnet's segment.
#
# Each switch port is blocked in turn (carrier up): the blocked adapter is
# judged target-lost, its sibling answers for its address (the client's
# solicitation and neighbour entry, and its ping, follow) and the host's
# own packets from it leave through the sibling; unblocked, it reclaims.
# Then the same with a static default route via the router's global
# address, and with the pair in a VRF whose table alone has the route.
#
#        host                    switch         router, client
#   eth0 2001:db8::1 ---+                   +--- r  eth0 2001:db8::fe (radvd)
#                       +------ seg0 -------+
#   eth1 2001:db8::2 ---+                   +--- c  eth0 2001:db8::100
. "$(dirname "$0")/lib.sh"
require_cmd radvd
require_cmd ping

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01

afo_switch seg0
afo_netns_add host && afo_netns_add r && afo_netns_add c
check_err $? "namespaces"
afo_in host sysctl -qw net.ipv6.conf.default.accept_ra=0 &&
afo_port host eth0 seg0 $MAC0 2001:db8::1/64 &&
afo_port host eth1 seg0 $MAC1 2001:db8::2/64 &&
afo_in host sysctl -qw net.ipv6.conf.eth0.accept_ra=1 &&
afo_in r sysctl -qw net.ipv6.conf.all.forwarding=1 &&
afo_port r eth0 seg0 02:00:00:00:0f:00 2001:db8::fe/64 &&
afo_port c eth0 seg0 02:00:00:00:0c:00 2001:db8::100/64
check_err $? "topology setup failed"
dad_done() {
	[ -z "$(afo_dad_left host eth0)$(afo_dad_left host eth1)$(afo_dad_left r eth0)$(afo_dad_left c eth0)" ]
}
afo_until 20 dad_done
check_err $? "DAD never ended"

# Advertisements without a prefix (the host's addresses stay its own),
# with a router lifetime of real routers': a blocked port misses them
# for longer than radvd's default lifetime of three intervals.
RUN=/tmp/afo$$-radvd
cat > "$RUN.conf" <<-EOF
	interface eth0 {
		AdvSendAdvert on;
		MinRtrAdvInterval 3;
		MaxRtrAdvInterval 4;
		AdvDefaultLifetime 1800;
	};
EOF
# ip netns exec execs radvd: $! is radvd's, which the namespace's end
# does not stop
ip netns exec "$(afo_ns r)" radvd -n -m stderr -C "$RUN.conf" -p "$RUN.pid" >"$RUN.log" 2>&1 &
RADVD=$!
trap 'kill $RADVD 2>/dev/null; wait $RADVD 2>/dev/null; rm -f "$RUN".*; afo_cleanup' EXIT
ROUTER=$(afo_in r ip -6 -o addr show dev eth0 scope link | awk '{ sub("/.*", "", $4); print $4 }')
ra_route() { afo_in host ip -6 route show default | grep -q "via $ROUTER dev eth0 proto ra"; }
afo_until 20 ra_route
check_err $? "no default route from the router's advertisements: $(afo_in host ip -6 route show default); radvd: $(cat "$RUN.log")"
[ "$(afo_in host ip -6 route show default | wc -l)" = 1 ] &&
[ -z "$(afo_in host ip -4 addr show scope global)" ]
check_err $? "want one default route and no IPv4: $(afo_in host ip -6 route show default)"
log_test "IPv6-only host: one default route, via $ROUTER dev eth0, from advertisements"

afo_load
check_err $? "insmod failed"

show() { afo_in host "$ARPFO" show --json; }
# targets: "IFNAME=TARGET/SOURCE" of each adapter
targets() {
	jq_py "$(show)" "sorted('%s=%s/%s' % (a['ifname'], a['target'], a['target_src']) for a in d['adapters'])"
}
targets_are() { [ "$(targets)" = "$1" ]; }
# state ADDRESS: "IFNAME=JUDGED... ADDRESS@RESPONDER", of one dump (each
# python3 start costs under TCG)
state() {
	jq_py "$(show)" "(sorted('%s=%s' % (a['ifname'], a['judged']) for a in d['adapters']) +
		['%s@%s' % (a['address'], a['responder']) for a in d['addresses'] if a['address'] == '$1'])"
}
state_is() { [ "$(state "$1")" = "$2" ]; }
neigh_is() { [ "$(afo_neigh c "$1")" = "$2" ]; }
ping_ok() { afo_in c ping -c 1 -W 1 "$1" >/dev/null; }
# The host's own packets from ADDRESS: the route the kernel picks for the
# client is eth0's (the first of two on-link routes, as good as each
# other), whichever adapter holds the address.
host_ping_ok() { afo_in host ping -c 1 -W 1 -I "$1" 2001:db8::100 >/dev/null; }
HOST_PING=1

want="eth0=$ROUTER/gateway eth1=$ROUTER/gateway"
afo_until 20 targets_are "$want"
check_err $? "targets $(targets), want $want"
log_test "both adapters ask the router ($ROUTER, gateway)"

# failover FAILED OTHER ADDRESS FAILED_MAC OTHER_MAC JUDGED: block
# FAILED's switch port until the pair is judged JUDGED and OTHER answers
# for ADDRESS, the client's traffic with it; unblock until FAILED answers
# again.
failover() {
	local failed=$1 other=$2 addr=$3 fmac=$4 omac=$5 want=$6

	afo_block host "$failed" on
	check_err $? "cannot block $failed"
	afo_until 15 state_is "$addr" "$want $addr@$other"
	check_err $? "with $failed blocked: $(state "$addr"), want $want $addr@$other; targets $(targets)"
	[ "$(afo_carrier host "$failed")" = 1 ]
	check_err $? "$failed lost its carrier: not a silent failure"
	[ "$(afo_nd_macs c "$addr")" = "$omac" ]
	check_err $? "a solicitation for $addr answered by '$(afo_nd_macs c "$addr")', want $omac"
	afo_until 10 ping_ok "$addr"
	check_err $? "the client cannot ping $addr during the takeover"
	if [ -n "$HOST_PING" ]; then
		afo_until 10 host_ping_ok "$addr"
		check_err $? "the host cannot ping the client from $addr during the takeover"
	fi
	afo_until 5 neigh_is "$addr" "$omac"
	check_err $? "the client holds '$(afo_neigh c "$addr")' for $addr"
	log_test "$failed's port blocked: judged $want, $other takes over $addr, traffic follows"

	afo_block host "$failed" off
	check_err $? "cannot unblock $failed"
	afo_until 30 state_is "$addr" "eth0=ok eth1=ok $addr@$failed"
	check_err $? "after unblocking: $(state "$addr")"
	afo_until 5 neigh_is "$addr" "$fmac"
	check_err $? "after the reclaim the client holds '$(afo_neigh c "$addr")' for $addr"
	afo_in c ping -c 1 -W 2 "$addr" >/dev/null
	check_err $? "the client cannot ping $addr after the reclaim"
	log_test "$failed's port unblocked: it reclaims $addr"
}

failover eth0 eth1 2001:db8::1 $MAC0 $MAC1 "eth0=target-lost eth1=ok"
failover eth1 eth0 2001:db8::2 $MAC1 $MAC0 "eth0=ok eth1=target-lost"

# A static default route via the router's global address, as IPv6-only
# servers are often set up: each adapter still asks from its link-local
# address (the kernel's choice of source for a global destination would
# be a global one, and the router's answer would not come back to a
# link-local address of the adapter).
afo_in host sysctl -qw net.ipv6.conf.eth0.accept_ra=0 &&
	afo_in host ip -6 route del default via "$ROUTER" dev eth0 &&
	afo_in host ip -6 route add default via 2001:db8::fe dev eth0
check_err $? "cannot route via 2001:db8::fe: $(afo_in host ip -6 route show default)"
want="eth0=2001:db8::fe/gateway eth1=2001:db8::fe/gateway"
afo_until 20 targets_are "$want"
check_err $? "targets $(targets), want $want"
log_test "a static default route via the router's global address: both ask it"
failover eth0 eth1 2001:db8::1 $MAC0 $MAC1 "eth0=target-lost eth1=ok"

# The pair in a VRF, its one default route in the VRF's table only, via
# the router's global address: the router is looked up in the adapters'
# own table (the VRF device as the output interface), so both still ask
# it. Enslaving cycles each device, and its IPv6 addresses go with the
# down: they are added again. The host's echo replies to the client are
# routed in the VRF, by the VRF device, not by the adapter the request
# came in on: on eth0's route, diverted. (The host's own ping would need
# a socket in the VRF: not tried.)
HOST_PING=
afo_in host ip -6 route del default via 2001:db8::fe dev eth0 &&
afo_in host ip -batch - <<-BATCH
	link add blue type vrf table 20
	link set blue up
	link set eth0 master blue
	link set eth1 master blue
	addr replace 2001:db8::1/64 dev eth0 nodad
	addr replace 2001:db8::2/64 dev eth1 nodad
BATCH
check_err $? "cannot put eth0 and eth1 in a VRF (no vrf module?)"
afo_until 20 dad_done
check_err $? "DAD never ended in the VRF"
afo_in host ip -6 route add vrf blue default via 2001:db8::fe dev eth0 &&
	[ -z "$(afo_in host ip -6 route show default)" ]
check_err $? "want one default route, in the VRF only: main $(afo_in host ip -6 route show default), blue $(afo_in host ip -6 route show vrf blue default)"
afo_until 20 targets_are "$want"
check_err $? "targets in the VRF $(targets), want $want"
log_test "the pair in a VRF, its default route in the VRF's table: both ask the router"
failover eth0 eth1 2001:db8::1 $MAC0 $MAC1 "eth0=target-lost eth1=ok"

afo_exit
