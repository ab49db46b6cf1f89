#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The problem arp_failover solves, seen on the stock kernel without the
# module: a host with three adapters on one segment answers one ARP
# request with three MACs ("ARP flux"), and an address on a segment of
# its own is answered once. This also proves the harness and arpfo-probe
# end to end.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#   eth1 10.0.0.2 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth2 10.0.0.3 ---+
#   eth3 10.0.1.1 -------- seg1 ----------------------- eth1 10.0.1.100
. "$(dirname "$0")/lib.sh"

afo_flux_topology
check_err $? "topology setup failed"
log_test "topology"

out=$(afo_probe client eth0 10.0.0.1 --count 2 --timeout 500)
rc=$?
[ "$rc" -eq 1 ]
check_err $? "probe exit status $rc, expected 1 (several MACs)"
macs=$(json_field "$out" macs)
[ "$(wc -w <<<"$macs")" -eq 3 ]
check_err $? "expected 3 distinct MACs, saw: $macs"
log_test "three adapters answer for one address (flux)"

out=$(afo_probe client eth1 10.0.1.1 --count 2 --timeout 500)
check_err $? "probe on the lone segment did not see exactly one MAC"
[ "$(json_field "$out" macs)" = "02:00:00:00:01:03" ]
check_err $? "lone adapter answered with $(json_field "$out" macs)"
log_test "a lone adapter answers once"

out=$(afo_probe client eth0 10.0.0.99 --count 1 --timeout 300)
rc=$?
[ "$rc" -eq 1 ] && [ "$(json_field "$out" verdict)" = none ]
check_err $? "an unused address was answered: $out"
log_test "nobody answers an unused address"

afo_exit
