# SPDX-License-Identifier: GPL-2.0
#
# Shared by the egress scenarios (tests/egress_*.sh), sourced after
# lib.sh: a host with two adapters on one segment whose only default
# route goes through eth0 (the common layout), a gateway and a client.
# eth0's switch port is blocked with carrier up until eth0 is judged
# target-lost (the gateway, named as the liveness target of both, stops
# answering it) and eth1 answers for 10.0.0.1: the module then diverts
# the host's packets routed out of eth0 (egress.c).
#
#        host                      switch              others
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ---+------------------ client eth0 10.0.0.100
#   eth1 10.0.0.2 ---+             +------------------ gw     eth0 10.0.0.254
#   default via 10.0.0.254 dev eth0                    198.18.0.0/15 local
#
# The gateway holds 198.18.0.0/15 (RFC 2544's benchmark range) as local
# addresses, behind it (it answers no ARP for them): what reaches it
# there counts in its Udp NoPorts.

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
CLIENT_MAC=02:00:00:00:0c:00
GW=10.0.0.254
SEND=$REPO/tests/egress_send.py
EGRESS_TMP=$(mktemp -d /var/tmp/egress.XXXXXX)
trap 'rm -rf "$EGRESS_TMP"; afo_cleanup' EXIT
declare -A EGRESS_CAPTURE

# egress_setup [MODULE PARAMETERS...]: the topology and the module.
egress_setup() {
	afo_switch seg0 &&
	afo_netns_add host &&
	afo_netns_add client &&
	afo_netns_add gw &&
	afo_port host eth0 seg0 $MAC0 10.0.0.1/24 &&
	afo_port host eth1 seg0 $MAC1 10.0.0.2/24 &&
	afo_port client eth0 seg0 $CLIENT_MAC 10.0.0.100/24 &&
	afo_port gw eth0 seg0 02:00:00:00:0f:00 $GW/24 &&
	afo_in host ip route add default via $GW dev eth0 &&
	afo_in gw ip route add local 198.18.0.0/15 dev lo &&
	afo_in gw sysctl -qw net.ipv4.conf.eth0.arp_ignore=1
	check_err $? "topology setup failed"
	afo_load liveness_targets=$GW "$@"
	check_err $? "insmod failed"
}

# egress_live: both adapters hear each other and know the gateway as their
# target (asked only when they miss each other).
egress_live() {
	[ "$(jq_py "$(afo_in host "$ARPFO" show --json)" "all(a['target'] == '$GW' and all(
		a[k] is not None and a[k] < 1000 for k in ('hears_ms', 'heard_ms'))
		for a in d['adapters'])")" = True ]
}

# egress_block on|off: block eth0's switch port (carrier up) until eth1
# answers for 10.0.0.1, or unblock it until eth0 answers again.
egress_block() {
	local want="takeover: eth1 answers for its 1 addresses"

	[ "$1" = off ] && want="reclaim: answers for its addresses again"
	afo_dmesg_mark
	afo_block host eth0 "$1" &&
	afo_until 10 egress_logged "eth0: arp_failover: $want"
}
egress_logged() { afo_dmesg_since | grep -q "$1"; }

# egress_noports NS: the Udp NoPorts counter of namespace NS (datagrams that
# reached it for a port nobody listens on).
egress_noports() {
	afo_in "$1" awk '/^Udp:/ && n++ { print $3 }' /proc/net/snmp
}

# egress_send FLOW...: tests/egress_send.py from the host.
egress_send() { afo_in host "$SEND" "$@"; }

# egress_neigh_count NS IFNAME PREFIX: neighbour entries of IFNAME in NS
# whose address starts with PREFIX.
egress_neigh_count() {
	afo_in "$1" ip -4 neigh show dev "$2" | grep -c "^$3"
}

# egress_noports_is NS N: the Udp NoPorts counter of NS is N.
egress_noports_is() { [ "$(egress_noports "$1")" = "$2" ]; }

# egress_capture NAME PORT FILTER: capture the frames of the switch port
# PORT (both ways) that match FILTER, in the background; returns once
# tcpdump listens.
egress_capture() {
	ip netns exec "$(afo_ns sw)" tcpdump --immediate-mode -U -n -i "$2" -w "$EGRESS_TMP/$1.pcap" "$3" \
		2>"$EGRESS_TMP/$1.log" &
	EGRESS_CAPTURE[$1]=$!
	afo_until 60 grep -q 'listening on' "$EGRESS_TMP/$1.log"
}

# egress_capture_end NAME: stop that capture and print what it saw, one
# frame a line. (A frame in flight when tcpdump is stopped is lost: give
# the last ones time to reach it.)
egress_capture_end() {
	sleep 1
	kill "${EGRESS_CAPTURE[$1]}"
	wait "${EGRESS_CAPTURE[$1]}" 2>/dev/null
	tcpdump -n -e -r "$EGRESS_TMP/$1.pcap" 2>/dev/null
}
