#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# With the module, every address is answered by exactly one adapter, its
# own, whatever arp_ignore, arp_announce and arp_filter say; the three
# adapters of seg0 find each other, the adapter of seg1 stays alone.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth2 10.0.0.3 ---+
#   eth3 10.0.1.1 -------- seg1 ----------------------- eth1 10.0.1.100
. "$(dirname "$0")/lib.sh"

afo_flux_topology
check_err $? "topology setup failed"

afo_dmesg_mark
afo_load
check_err $? "insmod failed"
log_test "load"

afo_dmesg_since | grep -q 'eth[0-2]: arp_failover: pnet .*(3 adapters on it)'
check_err $? "the three seg0 adapters did not end up on one pnet"
! afo_dmesg_since | grep -q 'eth3: arp_failover: pnet'
check_err $? "eth3 changed pnet although it is alone"
log_test "discovery: seg0 adapters share a pnet, eth3 alone"

# every address answered once, by its own adapter
check_owners() {
	local i mac

	for i in 0 1 2; do
		mac=$(afo_answer client eth0 10.0.0.$((i + 1)))
		check_err $? "10.0.0.$((i + 1)) answered by '$mac' ($1)"
		[ "$mac" = "02:00:00:00:01:0$i" ]
		check_err $? "10.0.0.$((i + 1)) answered by $mac, not its own adapter ($1)"
	done
	mac=$(afo_answer client eth1 10.0.1.1)
	[ "$mac" = 02:00:00:00:01:03 ]
	check_err $? "10.0.1.1 answered by '$mac' ($1)"
}

check_owners "defaults"
log_test "one reply per address, from its own adapter"

# The host's own requests: traffic from 10.0.0.2 and 10.0.0.3 leaves by
# the first connected route, eth0; the stock kernel's ARP request would
# teach the client that eth0's MAC holds them.
for ip in 10.0.0.2 10.0.0.3; do
	afo_in host ping -c 1 -W 1 -I $ip 10.0.0.100 >/dev/null
	check_err $? "host cannot reach the client from $ip"
	mac=$(afo_neigh client $ip)
	[ "$mac" != 02:00:00:00:01:00 ]
	check_err $? "the host's own ARP request bound $ip to eth0's MAC"
done
log_test "the host's own requests bind no address to another adapter"

AFO_PROBES=1
for ignore in 0 1 2; do
	for announce in 0 1 2; do
		for filter in 0 1; do
			args=()
			for conf in all eth0 eth1 eth2 eth3; do
				args+=(net.ipv4.conf.$conf.arp_ignore=$ignore
				       net.ipv4.conf.$conf.arp_announce=$announce
				       net.ipv4.conf.$conf.arp_filter=$filter)
			done
			afo_in host sysctl -qw "${args[@]}"
			check_owners "arp_ignore=$ignore arp_announce=$announce arp_filter=$filter"
		done
	done
done
log_test "one reply per address under every arp_ignore/arp_announce/arp_filter"

afo_exit
