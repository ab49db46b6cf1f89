#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Correct membership: an adapter enslaved to a team or to Open vSwitch
# (rx_handler users with a master) stops being managed at once, and comes
# back when it is released; `arpfo set DEV managed off|on` works for a
# VIPA device. The device dump (`arpfo show -d`) gives each device the
# module's one reason.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
#   dummy0 10.0.5.1/32 (a VIPA)
. "$(dirname "$0")/lib.sh"

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
	afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
	afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24 &&
	afo_in host ip -batch - <<-BATCH
		link add dummy0 type dummy
		link set dummy0 up
		addr add 10.0.5.1/32 dev dummy0
	BATCH
check_err $? "topology setup failed"
afo_load
check_err $? "insmod failed"

adapters() { afo_in host "$ARPFO" show --json | python3 -c 'import json,sys; print(" ".join(sorted(a["ifname"] for a in json.load(sys.stdin)["adapters"])))'; }
vipas() { afo_in host "$ARPFO" show --json | python3 -c 'import json,sys; print(" ".join(a["address"] for a in json.load(sys.stdin)["addresses"] if a["vipa"]))'; }
# member IFNAME: "MEMBERSHIP MASTER" of IFNAME in the device dump.
member() {
	jq_py "$(afo_in host "$ARPFO" show -d --json)" \
		"['%s %s' % (x['membership'], x['master']) for x in d['devices'] if x['ifname'] == '$1'][0]"
}

[ "$(adapters)" = "eth0 eth1" ]
check_err $? "managed before: $(adapters)"
if afo_in host ip link add team0 type team 2>/dev/null; then
	afo_in host ip -batch - <<-BATCH
		link set eth1 down
		link set eth1 master team0
		link set eth1 up
	BATCH
	check_err $? "enslaving eth1 to team0 failed"
	[ "$(adapters)" = "eth0" ]
	check_err $? "managed with eth1 in a team: $(adapters)"
	[ "$(member eth1)" = "team-port team0" ]
	check_err $? "eth1 in the device dump: '$(member eth1)'"
	# team unlinks the port before it drops its handler, and nothing
	# follows: the release alone must bring the adapter back
	afo_in host ip link set eth1 nomaster
	afo_until 10 test "$(adapters)" = "eth0 eth1"
	check_err $? "managed after leaving the team: $(adapters)"
	log_test "team port: not managed while enslaved"
else
	echo "# SKIP: team port: this kernel has no team driver"
fi

# Open vSwitch links the master, then takes the rx_handler, then flags
# the port: by NETDEV_CHANGEUPPER only the master tells. ovs-dpctl drives
# the kernel datapath directly, no daemon needed.
if command -v ovs-dpctl >/dev/null && afo_in host ovs-dpctl add-dp afodp 2>/dev/null; then
	afo_in host ovs-dpctl add-if afodp eth1
	check_err $? "adding eth1 to an Open vSwitch datapath failed"
	[ "$(adapters)" = "eth0" ]
	check_err $? "managed with eth1 in Open vSwitch: $(adapters)"
	[ "$(member eth1 | cut -d' ' -f1)" = ovs-port ]
	check_err $? "eth1 in the device dump: '$(member eth1)'"
	# Open vSwitch clears its port flag last, with no event after it
	afo_in host ovs-dpctl del-dp afodp
	afo_until 10 test "$(adapters)" = "eth0 eth1"
	check_err $? "managed after leaving Open vSwitch: $(adapters)"
	log_test "Open vSwitch port: not managed while enslaved"
else
	echo "# SKIP: Open vSwitch port: no ovs-dpctl or openvswitch module"
fi

[ "$(vipas)" = 10.0.5.1 ]
check_err $? "VIPAs before: '$(vipas)'"
[ "$(member dummy0)" = "vipa None" ] && [ "$(member eth0)" = "managed None" ]
check_err $? "device dump: dummy0 '$(member dummy0)', eth0 '$(member eth0)'"
afo_in host "$ARPFO" set dummy0 managed off
check_err $? "arpfo set dummy0 managed off refused"
[ -z "$(vipas)" ]
check_err $? "VIPAs after managed off: '$(vipas)'"
[ "$(member dummy0)" = "managed-off None" ]
check_err $? "dummy0 in the device dump: '$(member dummy0)'"
afo_in host "$ARPFO" set dummy0 managed on
check_err $? "arpfo set dummy0 managed on refused"
[ "$(vipas)" = 10.0.5.1 ]
check_err $? "VIPAs after managed on: '$(vipas)'"
log_test "managed off and on for a VIPA device"

afo_exit
