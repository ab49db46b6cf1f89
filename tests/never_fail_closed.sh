#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Never fail closed: with the module loaded with defaults, an address no
# sibling can answer for is answered as the stock kernel answers it.
#
# 1. The kernel's own route_localnet.sh setup: two namespaces joined by one
#    cable, route_localnet=1, addresses in 127/8 set right after link up,
#    ping at once (with arp_announce=2, then arp_ignore=3).
#
#      ns a                          ns b
#      veth0 127.25.3.4/24 -------- veth1 127.25.3.14/24
#
# 2. A lone adapter whose cable comes back answers at once, whatever the
#    reclaim delay: there is nothing to reclaim from a sibling. It sends
#    no discovery probe while alone, and probes once a sibling appears.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+  (added later)
#
# 3. The administrator's ARP rules (arptables, on nftables' "arp" family)
#    hold for what the module sends and answers.
. "$(dirname "$0")/lib.sh"
TOOL="python3 $REPO/tests/frame_tool.py"
require_cmd tcpdump
require_cmd arptables

# localnet_pair SYSCTL: the route_localnet.sh topology with SYSCTL=1 on
# both ends; ping from a to b at once.
localnet_pair() {
	local a b

	afo_netns_add a && afo_netns_add b || return 1
	a=$(afo_ns a)
	b=$(afo_ns b)
	ip -n "$a" link add veth0 type veth peer name veth1 netns "$b" &&
	ip -n "$a" link set veth0 up || return 1
	for ns in "$a:veth0:127.25.3.4" "$b:veth1:127.25.3.14"; do
		IFS=: read -r n dev ip <<<"$ns"
		ip netns exec "$n" sysctl -qw net.ipv4.conf.$dev.route_localnet=1 \
			net.ipv4.conf.$dev.$1=$2 || return 1
		ip -n "$n" route del 127.0.0.0/8 dev lo table local || return 1
		ip -n "$n" -batch - <<-BATCH || return 1
			addr add $ip/24 dev $dev
			link set $dev up
		BATCH
	done
	afo_in a ping -c 3 -W 2 -I veth0 127.25.3.14 >/dev/null
}

afo_load
check_err $? "insmod failed"
localnet_pair arp_announce 2
check_err $? "ping over route_localnet failed with arp_announce=2"
ip netns del "$(afo_ns a)"; ip netns del "$(afo_ns b)"
AFO_NETNS=()
localnet_pair arp_ignore 3
check_err $? "ping over route_localnet failed with arp_ignore=3"
ip netns del "$(afo_ns a)"; ip netns del "$(afo_ns b)"
AFO_NETNS=()
log_test "route_localnet: 127/8 neighbours answered as by the kernel"
rmmod arp_failover

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
	afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"

pcap=/var/tmp/nfc.$$.pcap
afo_capture client eth0 "$pcap"
check_err $? "tcpdump did not start"
afo_load reclaim_delay_ms=30000
check_err $? "insmod failed"
sleep 2
afo_capture_end
n=$($TOOL probes "$pcap" | wc -l)
[ "$n" -eq 0 ]
check_err $? "$n discovery probes from namespaces with a single adapter"
log_test "lone adapters send no probes"

afo_cable host eth0 down
sleep 0.3
afo_cable host eth0 up
mac=$(AFO_PROBES=3 afo_answer client eth0 10.0.0.1)
check_err $? "10.0.0.1 not answered once after the cable came back: '$mac'"
[ "$mac" = 02:00:00:00:01:00 ]
check_err $? "10.0.0.1 answered by '$mac'"
log_test "lone adapter answers at once after its cable comes back (reclaim delay 30 s)"

afo_capture client eth0 "$pcap"
check_err $? "tcpdump did not start"
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24
check_err $? "adding eth1 failed"
one_pnet() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	[ "$(jq_py "$j" "sorted(p['members'] for p in d['pnets'])")" = "['eth0', 'eth1']" ]
}
afo_until 30 one_pnet
check_err $? "eth0 and eth1 not on one pnet: $(afo_in host "$ARPFO" show -g)"
afo_capture_end
n=$($TOOL probes "$pcap" | wc -l)
[ "$n" -ge 1 ]
check_err $? "no probe once a sibling appeared"
log_test "a sibling appears: probes, one pnet"

# The administrator drops requests: nobody answers, as on the stock kernel.
# The rule comes first, as at boot: netfilter runs hooks of one priority
# newest first, so a module loaded after the rules must not rely on that.
rmmod arp_failover
afo_in host arptables -A INPUT --opcode 1 -j DROP
check_err $? "arptables INPUT rule failed"
afo_load
check_err $? "insmod after the rule failed"
mac=$(afo_answer client eth0 10.0.0.1)
[ -z "$mac" ]
check_err $? "10.0.0.1 answered by '$mac' although the administrator drops requests"
afo_in host arptables -F INPUT
mac=$(afo_answer client eth0 10.0.0.1)
[ "$mac" = 02:00:00:00:01:00 ]
check_err $? "10.0.0.1 answered by '$mac' after the rule went"
# ... or drops replies on the way out: the module's replies too.
afo_in host arptables -A OUTPUT --opcode 2 -j DROP
mac=$(afo_answer client eth0 10.0.0.1)
[ -z "$mac" ]
check_err $? "10.0.0.1 answered by '$mac' although the administrator drops replies"
afo_in host arptables -F OUTPUT
log_test "the administrator's ARP rules apply to the module's answers"

# Gratuitous ARPs of a takeover pass NF_ARP_OUT too.
afo_in host arptables -A OUTPUT --opcode 1 -j DROP
afo_capture client eth0 "$pcap"
afo_cable host eth0 down
sleep 1
afo_capture_end
n=$(tcpdump -n -r "$pcap" 2>/dev/null | grep -c "who-has 10.0.0.1 tell 10.0.0.1")
[ "$n" -eq 0 ]
check_err $? "$n gratuitous ARPs left the host although the administrator drops requests"
afo_in host arptables -F OUTPUT
log_test "the administrator's ARP rules apply to the module's announcements"

afo_cable host eth0 up
afo_until 20 test "$(afo_answer client eth0 10.0.0.1)" = 02:00:00:00:01:00
check_err $? "eth0 did not reclaim 10.0.0.1"

# A request whose Ethernet padding happens to start like a probe tag is a
# request like any other: answered, not taken for a probe.
frame=$($TOOL padded 02:00:00:00:0c:00 10.0.0.100 10.0.0.1)
afo_capture client eth0 "$pcap"
afo_in client $TOOL send eth0 "$frame"
sleep 1
afo_capture_end
n=$(tcpdump -n -r "$pcap" 2>/dev/null | grep -c "Reply 10.0.0.1 is-at 02:00:00:00:01:00")
[ "$n" -ge 1 ]
check_err $? "a request with tag-like padding was not answered"
log_test "padding that starts like a probe tag does not make a probe"

rm -f "$pcap" "$pcap.log"
afo_exit
