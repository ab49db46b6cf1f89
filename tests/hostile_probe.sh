#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Probes that are not ours never join adapters: a probe forged in our
# name and a genuine probe of seg0 replayed onto seg1 after its window
# are both dropped and reported, and the pnets stay as they were.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
#   eth2 10.0.1.1 -------- seg1 ----------------------- eth1 10.0.1.100
. "$(dirname "$0")/lib.sh"
TOOL="python3 $REPO/tests/frame_tool.py"
require_cmd tcpdump

afo_switch seg0 seg1
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24
afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24
afo_port host eth2 seg1 02:00:00:00:01:02 10.0.1.1/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
afo_port client eth1 seg1 02:00:00:00:0c:01 10.0.1.100/24
check_err $? "topology setup failed"

pcap=/tmp/probes.$$.pcap
afo_capture client eth0 "$pcap"
check_err $? "tcpdump did not start"
afo_load
check_err $? "insmod failed"
afo_capture_end
frame=$($TOOL probes "$pcap" | grep -m1 '020000000100')
[ -n "$frame" ]
check_err $? "no probe from host eth0 captured on seg0"
log_test "capture a genuine probe of eth0"

pnets() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	jq_py "$j" "sorted((p['id'], p['members']) for p in d['pnets'])"
}
before=$(pnets)
afo_dmesg_mark
ifindex=$(afo_in host cat /sys/class/net/eth0/ifindex)
afo_in client $TOOL send eth1 "$($TOOL forge 02:00:00:00:01:00 "$ifindex" 10.0.1.1)"
check_err $? "injecting the forged probe failed"
afo_in client $TOOL send eth1 "$frame"
check_err $? "replaying the probe failed"
# make eth2 re-verify: a probe result is when pnets change
afo_cable host eth2 down
afo_cable host eth2 up
sleep 1
afo_dmesg_since | grep -q 'arp_failover: eth2: dropped a forged discovery probe from 02:00:00:00:01:00'
check_err $? "the forged probe was not reported"
afo_dmesg_since | grep -q 'arp_failover: eth2: dropped a stale or replayed discovery probe from 02:00:00:00:01:00'
check_err $? "the replayed probe was not reported"
[ "$(pnets)" = "$before" ]
check_err $? "pnets changed: before $before, after $(pnets)"
rejected=$(afo_in host "$ARPFO" show --json |
	python3 -c 'import json,sys; print([a["stats"]["probes_rejected"] for a in json.load(sys.stdin)["adapters"] if a["ifname"] == "eth2"][0])')
[ "$rejected" -ge 2 ]
check_err $? "eth2 counted $rejected rejected probes, not 2"
log_test "forged and replayed probes dropped, reported, no pnet change"

# eth0 failing must not hand 10.0.0.1 to eth2 on the other segment
afo_cable host eth0 down
sleep 0.3
mac=$(afo_answer client eth1 10.0.0.1)
[ -z "$mac" ]
check_err $? "10.0.0.1 answered on seg1 by $mac"
mac=$(afo_answer client eth0 10.0.0.1)
[ "$mac" = 02:00:00:00:01:01 ]
check_err $? "10.0.0.1 answered on seg0 by '$mac', not eth1"
log_test "takeover stays within the pnet"

rm -f "$pcap" "$pcap.log"
afo_exit
