#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The IPv6 answering adapter, against what could make it fail a node or
# fail closed (issue 25):
# - the ND hook (IPv6 LOCAL_IN) runs only while a sibling answers for an
#   address or an IPv6 VIPA exists: counted with a kprobe on afo_nd_in,
#   before, during and after a takeover, and around a VIPA's life;
# - the sibling never answers a solicitation whose answer would go to a
#   group (a multicast source link-layer address), to one of our adapters
#   (its MAC as the source link-layer address) or to one of our addresses
#   (a local source);
# - its advertisements pass the IPv6 output hooks: an nft output rule
#   that drops them silences it, and counts them;
# - its solicited-node group survives its IPv6 state being rebuilt (MTU
#   1200, then 1500);
# - while eth0 runs DAD on its return and eth1 still answers for it
#   (reclaim delay), eth1 answers nobody, and a solicitation steering the
#   answer to eth0 does not fail eth0's DAD.
#
#        host                           switch          client
#   eth0 2001:db8::1 ---+
#                       +-- seg0 ------------- eth0 2001:db8::100
#   eth1 2001:db8::2 ---+
. "$(dirname "$0")/lib.sh"
require_cmd ping
require_cmd nft

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
A1=2001:db8::1
A2=2001:db8::2
C=2001:db8::100
VIPA6=2001:db8:9::9
T=/sys/kernel/tracing
P=/sys/module/arp_failover/parameters
KPROBE=afo_nd_in_hits

[ -w $T/kprobe_events ] || { echo "SKIP: no kprobe events"; exit $ksft_skip; }

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 $A1/64
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 $A2/64
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 $C/64
afo_in host sysctl -qw net.ipv6.conf.eth0.keep_addr_on_down=1
check_err $? "topology setup failed"
dad_done() {
	[ -z "$(afo_dad_left host eth0)$(afo_dad_left host eth1)$(afo_dad_left client eth0)" ]
}
afo_until 20 dad_done
check_err $? "DAD never ended: $(afo_dad_left host eth0)"
afo_load
check_err $? "insmod failed"

kprobe_off() {
	{
		echo 0 > $T/events/kprobes/$KPROBE/enable
		echo "-:$KPROBE" >> $T/kprobe_events
	} 2>/dev/null
}
kprobe_off
if ! { echo "p:$KPROBE arp_failover:afo_nd_in" >> $T/kprobe_events &&
	echo 1 > $T/events/kprobes/$KPROBE/enable; }; then
	check_err 1 "cannot set a kprobe on afo_nd_in"
fi
log_test "setup"

nd_macs() { afo_nd client "$@" --macs; }
hits() { awk -v e=$KPROBE '$1 == e { print $2 }' $T/kprobe_profile; }
# hook_runs: how often the hook ran for three pings of $A1 from the client.
hook_runs() {
	local before

	before=$(hits)
	afo_in client ping -6 -c 3 -i 0.2 -W 1 "${1:-$A1}" >/dev/null
	echo $(( $(hits) - before ))
}
replies() {
	afo_in host "$ARPFO" show -i -o adapter,replies | awk '$1 == "eth1" { print $2 }'
}

n=$(hook_runs)
[ "$n" -eq 0 ]
check_err $? "the hook ran $n times with nothing to answer"
log_test "before a takeover: no ND hook (ran $n times for three pings)"

afo_cable host eth0 down
sleep 0.5
[ "$(nd_macs $A1)" = $MAC1 ]
check_err $? "takeover: $A1 answered by '$(nd_macs $A1)', not eth1"
n=$(hook_runs)
[ "$n" -gt 0 ]
check_err $? "the hook did not run while eth1 answers for $A1"
log_test "takeover: eth1 answers for $A1, through the hook (ran $n times)"

# Where the answer would go is the asker's to choose: never a group, one
# of our adapters, or one of our addresses.
out=$(nd_macs $A1 --sllao 33:33:00:00:00:01)
[ -z "$out" ]
check_err $? "answered to a multicast link-layer address by '$out'"
out=$(nd_macs $A1 --src $A2)
[ -z "$out" ]
check_err $? "answered to our own address $A2 by '$out'"
r0=$(replies)
out=$(nd_macs $A1 --sllao $MAC0)
r1=$(replies)
[ -z "$out" ] && [ "$r1" = "$r0" ]
check_err $? "answered to eth0's MAC: replies $r0 -> $r1, client saw '$out'"
log_test "takeover: no answer to a group, to eth0's MAC or to a local source"

# The administrator's output rules apply to the module's advertisements:
# an nft output chain (the IPv6 LOCAL_OUT hook ip6tables uses too; the
# debug kernel has nf_tables but not the xtables compatibility).
afo_in host nft -f - <<-NFT
	table inet afo_nd {
		chain out {
			type filter hook output priority 0;
			ip6 saddr $A1 ip6 daddr $C icmpv6 type nd-neighbor-advert counter drop
		}
	}
NFT
check_err $? "cannot add the nft output rule"
out=$(nd_macs $A1)
dropped=$(afo_in host nft list chain inet afo_nd out | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
afo_in host nft delete table inet afo_nd
[ -z "$out" ] && [ "${dropped:-0}" -ge 1 ]
check_err $? "an output rule dropping advertisements: '$out' answered, ${dropped:-0} dropped"
log_test "advertisements pass the output hook: an nft rule dropped $dropped"

# eth0 comes back and runs DAD on $A1 (6 probes 4 s apart, 32 s apart on
# the debug kernel: time for two solicitations and a look at the address
# however slow and busy the VM; 2 s apart were too few for a machine
# running three VMs) while eth1 still answers for it (reclaim delay):
# eth1 must answer nobody, and a solicitation from $A2 (delivered locally
# on any adapter) at eth0's MAC must not fail the DAD.
dad_gap_ms=$(( 4000 * $(afo_slowdown) ))
# The delay, fixed at the carrier's return, outlasts the DAD (its random
# start, 6 probes and the last one's wait) and ends a gap later.
echo $(( 8 * dad_gap_ms )) > $P/reclaim_delay_ms
afo_in host sysctl -qw net.ipv6.conf.eth0.dad_transmits=6 \
	net.ipv6.neigh.eth0.retrans_time_ms=$dad_gap_ms
afo_in host ip link set eth0 down
afo_cable host eth0 up
afo_in host ip link set eth0 up
out=$(nd_macs $A1)
afo_nd client $A1 --src $A2 --sllao $MAC0 --wait 50 >/dev/null
seen=$(afo_dad_left host eth0 | grep -F "$A1/")
[[ $seen == *tentative* ]]
check_err $? "eth0's DAD on $A1 was over before the solicitations ('$seen')"
[ -z "$out" ]
check_err $? "during eth0's DAD, $A1 answered by '$out'"
log_test "eth0's DAD on its return: nobody answers for $A1 meanwhile"
afo_until $(( 7 * dad_gap_ms / 1000 + 16 )) dad_done
check_err $? "after a solicitation from $A2 at eth0's MAC: $(afo_dad_left host eth0)"
log_test "eth0's DAD passes, whatever a solicitation names as its answer's way"
afo_in host sysctl -qw net.ipv6.conf.eth0.dad_transmits=1 \
	net.ipv6.neigh.eth0.retrans_time_ms=1000

echo 0 > $P/reclaim_delay_ms
a1_at_eth0() { [ "$(nd_macs $A1)" = $MAC0 ]; }
afo_until $(( 2 * dad_gap_ms / 1000 + 20 )) a1_at_eth0
check_err $? "reclaim: $A1 answered by '$(nd_macs $A1)'"
n=$(hook_runs)
[ "$n" -eq 0 ]
check_err $? "the hook ran $n times after the reclaim"
log_test "after the reclaim: no ND hook (ran $n times)"

# Another takeover. An MTU below 1280 destroys eth1's IPv6 state, groups included; back at
# 1500 eth1 must hear the solicitations for $A1 again.
afo_cable host eth0 down
sleep 0.5
afo_in host ip link set eth1 mtu 1200 &&
	afo_in host ip link set eth1 mtu 1500
check_err $? "cannot change eth1's MTU"
out=$(nd_macs $A1)
[ "$out" = $MAC1 ]
check_err $? "after eth1's MTU went 1200 and back: $A1 answered by '$out'"
afo_cable host eth0 up
afo_until 20 a1_at_eth0
check_err $? "reclaim: $A1 answered by '$(nd_macs $A1)'"
log_test "eth1's IPv6 state rebuilt: it still answers for $A1"

# An IPv6 VIPA needs the hook for its life.
vipa_managed() { afo_in host "$ARPFO" show --json | grep -q "\"$VIPA6\""; }
vipa_gone() { ! vipa_managed; }
afo_in host ip link add dummy0 type dummy &&
	afo_in host ip link set dummy0 up &&
	afo_in host ip addr add $VIPA6/128 dev dummy0 &&
	afo_in client ip -6 route add $VIPA6/128 dev eth0
check_err $? "cannot add the VIPA"
afo_until 10 vipa_managed
check_err $? "the VIPA $VIPA6 is not managed"
n=$(hook_runs $VIPA6)
[ "$n" -gt 0 ]
check_err $? "the hook did not run with an IPv6 VIPA"
afo_in host ip addr del $VIPA6/128 dev dummy0
afo_until 10 vipa_gone
check_err $? "the VIPA $VIPA6 is still managed"
m=$(hook_runs)
[ "$m" -eq 0 ]
check_err $? "the hook ran $m times after the VIPA went"
log_test "an IPv6 VIPA: the hook while it exists (ran $n times), not after ($m)"

kprobe_off
afo_exit
