#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload are safe under load: 20 insmod/rmmod cycles while an
# unprivileged `arpfo show` and a privileged `arpfo set` run in a loop and
# the adapters carry ARP traffic. The VM's kernel log must stay clean (no
# use-after-free, WARN or lockdep report; see scripts/vm-run), every rmmod
# must succeed, and nothing is managed or changed once the module is gone.
# A netlink dump holds a reference on the module until its reader asks
# for the rest (NLMSG_DONE), and rmmod refuses a module in use: such an
# rmmod is tried again, for up to 5 s (seen once a run on 5.10 and on
# 6.1 PREEMPT_RT, where a reader's next recvmsg came late enough).
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
. "$(dirname "$0")/lib.sh"
require_cmd setpriv
CYCLES=${AFO_CYCLES:-20}

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
	afo_port host eth1 seg0 02:00:00:00:01:01 10.0.0.2/24 &&
	afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"

stop=/var/tmp/load_unload.$$.stop
rm -f "$stop"
# Readers without privilege, a writer with it, ARP requests on the wire.
afo_in host setpriv --reuid=65534 --regid=65534 --clear-groups \
	bash -c "while [ ! -e $stop ]; do $ARPFO show --json >/dev/null 2>&1; done" &
readers=$!
afo_in host bash -c "while [ ! -e $stop ]; do $ARPFO set eth1 priority 7 >/dev/null 2>&1; done" &
writer=$!
afo_in client "$PROBE" eth0 10.0.0.1 --count 100000 --interval 1 --timeout 1 >/dev/null 2>&1 &
traffic=$!

# rmmod, again while the module is only in use (by a dump in flight).
unload() {
	local try out

	for try in $(seq 50); do
		out=$(rmmod arp_failover 2>&1) && return 0
		# rmmod's own check says "in use", the kernel's EAGAIN
		# "Resource temporarily unavailable".
		grep -qE 'in use|temporarily unavailable' <<<"$out" || break
		busy=$((busy + 1))
		sleep 0.1
	done
	echo "$out" >&2
	return 1
}

fails=0 busy=0
for i in $(seq "$CYCLES"); do
	insmod "$MODULE" || fails=$((fails + 1))
	sleep 0.$((RANDOM % 5))
	unload || fails=$((fails + 1))
done
echo "# rmmod found the module in use (a dump in flight) $busy times"
touch "$stop"
kill "$traffic" 2>/dev/null
wait "$readers" "$writer" "$traffic" 2>/dev/null
rm -f "$stop"
[ "$fails" -eq 0 ]
check_err $? "$fails insmod/rmmod calls failed in $CYCLES cycles"
! grep -q '^arp_failover ' /proc/modules
check_err $? "the module is still loaded"
log_test "$CYCLES load/unload cycles under netlink and ARP load"

# Nothing of ours is left: the kernel answers as without the module.
[ "$(afo_in host sysctl -n net.ipv4.conf.eth0.ignore_routes_with_linkdown)" = 0 ]
check_err $? "eth0 keeps the module's sysctl"
out=$(afo_probe client eth0 10.0.0.1 --count 1 --timeout 300)
[ "$(json_field "$out" verdict)" != none ]
check_err $? "10.0.0.1 unanswered after the last unload"
log_test "the stock kernel answers after the last unload"

afo_exit
