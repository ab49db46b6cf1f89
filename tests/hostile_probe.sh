#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Probes that are not ours never join adapters: a probe forged in our
# name (our origin, read from a genuine probe, and eth0's MAC) and a
# genuine probe of seg0 replayed onto seg1 after its window are both
# dropped and reported, and the pnets stay as they were. A probe from
# eth0's MAC under another origin is another host's or namespace's (MACs
# are legitimately shared): consumed quietly, not reported as forged.
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
# The host namespace's origin: public, in every probe it sends. A forger
# that heard one probe knows it.
origin=$($TOOL origin "$frame")
check_err $? "no origin in the captured probe '$frame'"
log_test "capture a genuine probe of eth0"

pnets() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	jq_py "$j" "sorted((p['id'], p['members']) for p in d['pnets'])"
}
# rejected IFNAME: the probes_rejected counter of the host's adapter IFNAME.
rejected() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	jq_py "$j" "[a['stats']['probes_rejected'] for a in d['adapters'] if a['ifname'] == '$1'][0]"
}
before=$(pnets)
afo_dmesg_mark
ifindex=$(afo_in host cat /sys/class/net/eth0/ifindex)
afo_in client $TOOL send eth1 "$($TOOL forge 02:00:00:00:01:00 "$origin" "$ifindex" 10.0.1.1)"
check_err $? "injecting the forged probe failed"
afo_in client $TOOL send eth1 "$frame"
check_err $? "replaying the probe failed"
# make eth2 re-verify: a probe result is when pnets change
afo_cable host eth2 down
afo_cable host eth2 up
sleep 1
afo_dmesg_since | grep -q 'eth2: arp_failover: dropped a forged discovery probe from 02:00:00:00:01:00'
check_err $? "the forged probe was not reported"
afo_dmesg_since | grep -q 'eth2: arp_failover: dropped a stale or replayed discovery probe from 02:00:00:00:01:00'
check_err $? "the replayed probe was not reported"
[ "$(pnets)" = "$before" ]
check_err $? "pnets changed: before $before, after $(pnets)"
rejected=$(rejected eth2)
[ "$rejected" -ge 2 ]
check_err $? "eth2 counted $rejected rejected probes, not 2"
log_test "forged and replayed probes dropped, reported, no pnet change"

# The same forgery under another origin: eth0's MAC, but another host's
# or namespace's probe as far as the module can tell (a virtual MAC, an
# anycast gateway, a veth pair made with one MAC). Consumed, and no attack.
rejected_before=$(rejected eth2)
afo_dmesg_mark
other=$(( (origin + 1) % 4294967296 ))
afo_in client $TOOL send eth1 "$($TOOL forge 02:00:00:00:01:00 "$other" "$ifindex" 10.0.1.1)"
check_err $? "injecting the probe of another origin failed"
afo_cable host eth2 down
afo_cable host eth2 up
sleep 1
! afo_dmesg_since | grep -q 'dropped a forged discovery probe'
check_err $? "a probe of another origin reported as forged: $(afo_dmesg_since | grep forged)"
[ "$(pnets)" = "$before" ]
check_err $? "pnets changed: before $before, after $(pnets)"
[ "$(rejected eth2)" = "$rejected_before" ]
check_err $? "eth2 counted a probe of another origin: $rejected_before, now $(rejected eth2)"
log_test "a probe of another origin from our MAC: consumed quietly, no pnet change"

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
