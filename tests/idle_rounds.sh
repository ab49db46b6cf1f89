#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No work when idle: liveness rounds run only in a namespace where a pnet
# has two members with carrier, and an adapter alone on its pnet probes
# again only once it hears ARP of a sibling. A host with two adapters on
# two LANs (two pnets of one) runs no round and no re-verification, even
# at reverify_s=1: its tick stays still and no liveness frame goes out.
# Once the second adapter's port moves to the first one's LAN (no
# carrier change: a switch reconfigured), the first ARP of the first
# one's makes the second verify its pnet, and they are one pnet. Rounds
# then run every liveness_ms, both send liveness frames; and while
# nothing changes the rounds are steady ones, with no RTNL: neither the
# tick nor a full round takes it (reverify_s=0 from then on keeps the
# pnet's own re-verification, two ticks per probe, out of that count).
#
# The tick's runs are counted with a kprobe on afo_tick_work(), the
# rounds with the arp_failover_live_round tracepoint (full=1: under
# RTNL), over a window of IDLE_S seconds.
#
#        host                      switch
#   eth0 10.0.0.1/24 ------------ seg0
#   eth1 10.0.1.1/24 ------------ seg1   (later moved to seg0)
. "$(dirname "$0")/lib.sh"
IDLE_S=${AFO_IDLE_S:-5}
# At most this many tick runs in the idle window: the module's own
# leftovers (a discovery probe's timeout) may still come; a round every
# 50 ms would be IDLE_S * 20.
IDLE_MAX=3
TRACING=/sys/kernel/tracing
KPROBE=afo_idle_rounds/tick

afo_switch seg0 seg1
afo_netns_add host
afo_port host eth0 seg0 02:00:00:00:01:00 10.0.0.1/24 &&
	afo_port host eth1 seg1 02:00:00:00:01:01 10.0.1.1/24
check_err $? "topology setup failed"

[ -e $TRACING/kprobe_events ] || mount -t tracefs nodev $TRACING 2>/dev/null
if [ ! -w $TRACING/kprobe_events ]; then
	echo "SKIP: no kprobe events in this kernel"
	exit $ksft_skip
fi

AFO_SETTLE=3 afo_load reverify_s=1
check_err $? "insmod failed"

ROUNDS=$TRACING/events/arp_failover/arp_failover_live_round
stop_probe() {
	echo 0 > $TRACING/events/$KPROBE/enable 2>/dev/null
	echo 0 > $ROUNDS/enable 2>/dev/null
	echo "-:$KPROBE" >> $TRACING/kprobe_events 2>/dev/null
}
echo "p:$KPROBE arp_failover:afo_tick_work" >> $TRACING/kprobe_events &&
	echo 1 > $TRACING/events/$KPROBE/enable && echo 1 > $ROUNDS/enable
check_err $? "kprobe on afo_tick_work or the live_round tracepoint failed"
trap 'stop_probe; afo_cleanup' EXIT

# window: "TICKS FULL STEADY", runs of the tick, full rounds and steady
# ones over IDLE_S seconds from now.
window() {
	echo > $TRACING/trace
	sleep "$IDLE_S"
	echo "$(grep -c 'tick:' $TRACING/trace)" \
		"$(grep -c 'live_round:.* full=1' $TRACING/trace)" \
		"$(grep -c 'live_round:.* full=0' $TRACING/trace)"
}
# state: "PNET0 PNET1 SENT0 SENT1", eth0's and eth1's pnets and liveness
# frames sent, from one show (each process start costs under TCG).
state() {
	jq_py "$(afo_in host "$ARPFO" show --json)" \
		"[a[k] for k in ('pnet', 'live_sent') for a in sorted((dict(a, **a['stats']) for a in d['adapters']), key=lambda a: a['ifname'])]"
}
one_pnet() { local s=($(state)); [ "${s[0]}" = "${s[1]}" ]; }

# --- two adapters with carrier on two LANs: two pnets of one ---

[ "$(afo_carrier host eth0)$(afo_carrier host eth1)" = 11 ]
check_err $? "both adapters should have carrier"
s=($(state))
[ "${s[0]}" != "${s[1]}" ]
check_err $? "eth0 and eth1 should be on two pnets (pnets ${s[*]:0:2})"
w=($(window))
echo "# two LANs: ${w[0]} tick runs, ${w[1]} full and ${w[2]} steady rounds in ${IDLE_S}s"
[ "${w[0]}" -le $IDLE_MAX ]
check_err $? "two pnets of one ran the tick ${w[0]} times in ${IDLE_S}s (at most $IDLE_MAX)"
[ "${w[1]}${w[2]}" = 00 ]
check_err $? "two pnets of one ran liveness rounds with nothing to compare: ${w[1]} full, ${w[2]} steady"
s=($(state))
[ "${s[*]:2}" = "0 0" ]
check_err $? "liveness frames sent on two pnets of one: ${s[*]:2}"
log_test "two adapters on two LANs: no liveness round, no re-verification"

# --- eth1's port moves to seg0, carrier up throughout: one pnet of two ---

ip -n "$(afo_ns sw)" link set "$(afo_peer host eth1)" master seg0
check_err $? "moving eth1's port failed"
# eth0 asks for a neighbour that is not there: broadcast ARP from its MAC
afo_in host ping -q -c 2 -i 0.5 -W 1 -I eth0 10.0.0.77 >/dev/null 2>&1
afo_until $((10 * $(afo_slowdown))) one_pnet
check_err $? "eth1 should have joined eth0's pnet once it heard eth0's ARP: pnets $(state)"
log_test "a port moved without a carrier change: the sibling's ARP merges the pnets"

echo 0 > /sys/module/arp_failover/parameters/reverify_s
s0=($(state))
w=($(window))
s=($(state))
echo "# one pnet: ${w[0]} tick runs, ${w[1]} full and ${w[2]} steady rounds in ${IDLE_S}s"
[ "$((w[1] + w[2]))" -gt $((IDLE_MAX * 3)) ]
check_err $? "one pnet of two ran only $((w[1] + w[2])) liveness rounds in ${IDLE_S}s"
[ "${s[2]}" -gt "${s0[2]}" ] && [ "${s[3]}" -gt "${s0[3]}" ]
check_err $? "liveness frames not sent by both on one pnet of two: ${s0[*]:2} then ${s[*]:2}"
log_test "one pnet of two: liveness rounds run"

# Nothing changes: the rounds are steady, and nothing takes RTNL for them.
[ "${w[0]}" -le $IDLE_MAX ] && [ "${w[1]}" -le $IDLE_MAX ]
check_err $? "steady pnet of two: ${w[0]} tick runs and ${w[1]} full rounds (under RTNL) in ${IDLE_S}s, at most $IDLE_MAX each"
log_test "one pnet of two, nothing changes: rounds take no RTNL"

afo_exit
