#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Network shapes beyond plain adapters, each managed or left alone by the
# rule Documentation/admin-guide.rst gives:
#  - one address on two adapters (anycast, or a mistake): answered as the
#    stock kernel answers it, and said so once;
#  - a shared virtual MAC (VRRP, anycast gateways) on adapters of two
#    hosts that both run the module: no forged-probe report;
#  - VLAN sub-interfaces of two adapters on one segment: a pnet, taken
#    over like plain adapters;
#  - a macvlan device, an L2 ipvlan device: managed like an adapter; the
#    lower device, whose frames they take, is left alone, and so is an L3
#    ipvlan device (no ARP);
#  - a bridge with an address: managed; its ports are left alone.
# The device dump (`arpfo show -d`) gives each the module's reason.
#
#        host                      switch              client
#   eth0 (10.0.0.1, .50) ----+
#     eth0.100 10.0.100.1    |
#     mv0 10.0.0.21 (macvlan)+---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 (10.0.0.2, .50) ----+                                  eth0.100 10.0.100.100
#     eth1.100 10.0.100.2    |
#   br0 10.0.0.30: eth2 -----+
#   hostA, hostB: vr0 00:00:5e:00:01:01 + one more adapter each, on seg1
. "$(dirname "$0")/lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
VMAC=00:00:5e:00:01:01

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_netns_add hostA
afo_netns_add hostB
afo_port host eth0 seg0 $MAC0 10.0.0.1/24 10.0.0.50/24 &&
afo_port host eth1 seg0 $MAC1 10.0.0.2/24 10.0.0.50/24 &&
afo_port host eth2 seg0 02:00:00:00:01:02 &&
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
afo_port hostA vr0 seg1 $VMAC 10.0.1.1/24 &&
afo_port hostA eth1 seg1 02:00:00:00:a0:01 10.0.1.2/24 &&
afo_port hostB vr0 seg1 $VMAC 10.0.1.3/24 &&
afo_port hostB eth1 seg1 02:00:00:00:b0:01 10.0.1.4/24 &&
ip -n "$(afo_ns host)" -batch - <<-BATCH &&
	link add link eth0 name eth0.100 type vlan id 100
	link add link eth1 name eth1.100 type vlan id 100
	addr add 10.0.100.1/24 dev eth0.100
	addr add 10.0.100.2/24 dev eth1.100
	link set eth0.100 up
	link set eth1.100 up
	link add br0 type bridge
	link set br0 type bridge forward_delay 0 stp_state 0
	link set br0 address 02:00:00:00:01:b0
	link set eth2 master br0
	addr add 10.0.0.30/24 dev br0
	link set br0 up
BATCH
ip -n "$(afo_ns client)" -batch - <<-BATCH
	link add link eth0 name eth0.100 type vlan id 100
	addr add 10.0.100.100/24 dev eth0.100
	link set eth0.100 up
BATCH
check_err $? "topology setup failed"

# answers IP [IFNAME]: every MAC that answers IP for the client, sorted.
answers() {
	jq_py "$(afo_probe client "${2:-eth0}" "$1" --count 2 --interval 50 --timeout 300)" \
		"sorted(d['macs'])"
}
stock=$(answers 10.0.0.50)

afo_dmesg_mark
afo_load
check_err $? "insmod failed"
log_test "load"

# show NS: arpfo show --json in NS.
show() { afo_in "$1" "$ARPFO" show --json; }
managed() { jq_py "$(show host)" "sorted(a['ifname'] for a in d['adapters'])"; }
pnet_of() { jq_py "$(show "$1")" "[a['pnet'] for a in d['adapters'] if a['ifname'] == '$2'][0]"; }
# The conditions afo_until waits for (it expands its arguments once).
same_pnet() { [ "$(pnet_of "$1" "$2")" = "$(pnet_of "$1" "$3")" ]; }
managed_is() { [ "$(managed)" = "$1" ]; }
answered() { [ "$(answers "$1" "$2")" = "$3" ]; }

# One address on two adapters: the stock kernel's answers, each holder's.
[ "$(answers 10.0.0.50)" = "$stock" ]
check_err $? "10.0.0.50 answered by $(answers 10.0.0.50), without the module by $stock"
[ "$(afo_dmesg_since | grep -cE '10.0.0.50 is held by (eth0 and eth1|eth1 and eth0): the kernel answers for it from each')" = 1 ]
check_err $? "not said once: $(afo_dmesg_since | grep 'is held by')"
[ "$(jq_py "$(show host)" "sorted((a['owner'], a['shared']) for a in d['addresses'] if a['address'] == '10.0.0.50')")" = \
  "('eth0', True) ('eth1', True)" ]
check_err $? "arpfo show: $(jq_py "$(show host)" "[a for a in d['addresses'] if a['address'] == '10.0.0.50']")"
afo_in host ip addr del 10.0.0.50/24 dev eth1
[ "$(answers 10.0.0.50)" = $MAC0 ]
check_err $? "10.0.0.50 on eth0 alone answered by $(answers 10.0.0.50)"
[ "$(jq_py "$(show host)" "[a['shared'] for a in d['addresses'] if a['address'] == '10.0.0.50']")" = False ]
check_err $? "10.0.0.50 still shared after eth1 let it go"
log_test "one address on two adapters: answered as the stock kernel does"

# Which devices are managed: the VLAN devices, the bridge and the plain
# adapters, not the bridge port.
[ "$(managed)" = "br0 eth0 eth0.100 eth1 eth1.100" ]
check_err $? "managed: $(managed)"
log_test "a bridge with an address is managed, its port is not"

# Two hosts with one virtual MAC on seg1 hear each other's probes from a
# MAC of their own: another origin, not a forgery.
afo_until 20 same_pnet hostA vr0 eth1
check_err $? "hostA's adapters are not on one pnet"
afo_until 20 same_pnet hostB vr0 eth1
check_err $? "hostB's adapters are not on one pnet"
! afo_dmesg_since | grep -q 'forged discovery probe'
check_err $? "a shared MAC read as a forgery: $(afo_dmesg_since | grep forged)"
[ "$(jq_py "$(show hostA)" "sum(a['stats']['probes_rejected'] for a in d['adapters'])")" = 0 ]
check_err $? "hostA rejected probes"
log_test "a virtual MAC on two hosts is not an attack"

# VLAN pair: eth0.100 fails with eth0's carrier, eth1.100 takes over.
afo_until 20 same_pnet host eth0.100 eth1.100
check_err $? "eth0.100 and eth1.100 are not on one pnet"
[ "$(answers 10.0.100.1 eth0.100)" = $MAC0 ]
check_err $? "10.0.100.1 answered by $(answers 10.0.100.1 eth0.100)"
afo_cable host eth0 down
afo_until 10 answered 10.0.100.1 eth0.100 $MAC1
check_err $? "10.0.100.1 answered by $(answers 10.0.100.1 eth0.100) after eth0 failed"
afo_cable host eth0 up
afo_until 15 answered 10.0.100.1 eth0.100 $MAC0
check_err $? "10.0.100.1 answered by $(answers 10.0.100.1 eth0.100) after eth0 came back"
log_test "a VLAN pair fails over and reclaims like plain adapters"

# macvlan: mv0 takes eth0's frames, so eth0 is let go and mv0 managed.
# eth0 itself answers as the kernel does, for every local address unless
# arp_ignore says otherwise: the admin guide's advice, arp_ignore=1.
afo_in host sysctl -qw net.ipv4.conf.eth0.arp_ignore=1
afo_in host ip link add link eth0 name mv0 address 02:00:00:00:01:a0 type macvlan mode bridge &&
afo_in host ip addr add 10.0.0.21/24 dev mv0 &&
afo_in host ip link set mv0 up
check_err $? "cannot add the macvlan"
afo_until 10 managed_is "br0 eth0.100 eth1 eth1.100 mv0"
check_err $? "with a macvlan on eth0, managed: $(managed)"
afo_until 20 same_pnet host mv0 eth1
check_err $? "mv0 and eth1 are not on one pnet"
[ "$(answers 10.0.0.21)" = 02:00:00:00:01:a0 ]
check_err $? "10.0.0.21 answered by $(answers 10.0.0.21)"
afo_cable host eth0 down
afo_until 10 answered 10.0.0.21 eth0 $MAC1
check_err $? "10.0.0.21 answered by $(answers 10.0.0.21) after eth0 failed"
afo_cable host eth0 up
afo_until 15 answered 10.0.0.21 eth0 02:00:00:00:01:a0
check_err $? "10.0.0.21 answered by $(answers 10.0.0.21) after eth0 came back"
# eth0's own addresses are the kernel's again: it still answers them.
[ "$(answers 10.0.0.1)" != "" ]
check_err $? "nobody answers 10.0.0.1 on the macvlan's lower device"
log_test "a macvlan is managed like an adapter, its lower device left alone"

# ipvlan: the L2 device is managed (with its lower's MAC), its lower let
# go. In L3 mode (per lower device) it does no ARP: not managed.
afo_in host sysctl -qw net.ipv4.conf.eth1.arp_ignore=1
afo_in host ip -batch - <<-BATCH
	link add link eth1 name iv0 type ipvlan mode l2
	addr add 10.0.0.41/24 dev iv0
	link set iv0 up
BATCH
check_err $? "cannot add the ipvlan"
afo_until 10 managed_is "br0 eth0.100 eth1.100 iv0 mv0"
check_err $? "with an ipvlan on eth1, managed: $(managed)"
afo_until 20 same_pnet host iv0 mv0
check_err $? "iv0 and mv0 are not on one pnet"
afo_until 10 answered 10.0.0.41 eth0 $MAC1
check_err $? "10.0.0.41 answered by $(answers 10.0.0.41)"
afo_in host ip link set iv0 type ipvlan mode l3
check_err $? "cannot switch the ipvlan to L3 mode"
afo_until 10 managed_is "br0 eth0.100 eth1.100 mv0"
check_err $? "with an L3 ipvlan on eth1, managed: $(managed)"
log_test "an L2 ipvlan is managed, its lower device and an L3 ipvlan are not"

# The same decisions, as the module's one predicate tells them. Devices
# that are not Ethernet are left out: a kernel with tunnels built in (the
# debug kernel) has fallback devices such as sit0 in every namespace.
devices() {
	jq_py "$(afo_in host "$ARPFO" show -d --json)" \
		"' '.join(sorted('%s=%s:%s' % (x['ifname'], x['membership'], x['master']) for x in d['devices'] if x['membership'] != 'not-ethernet'))"
}
[ "$(devices)" = "br0=managed:None eth0.100=managed:None eth0=rx-handler:None eth1.100=managed:None eth1=rx-handler:None eth2=bridge-port:br0 iv0=ipvlan-l3:None mv0=managed:None" ]
check_err $? "device dump: $(devices)"
log_test "the device dump says why each device is managed or not"

afo_exit
