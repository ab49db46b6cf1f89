#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian package's module, loaded the way the package documents for
# boot time: the administrator copies the examples of arp-failover-dkms
# to /etc/modprobe.d and /etc/modules-load.d, and systemd-modules-load
# (what loads them at boot) loads the module DKMS installed under
# /lib/modules/KVER/updates/dkms, with the example's options. Then one
# takeover and its reclaim, watched with the packaged arpfo.
#
#        host                      switch              client
#   eth0 10.0.0.1 ---+
#                    +---- seg0 ----------------------- eth0 10.0.0.100
#   eth1 10.0.0.2 ---+
#
# Run by scripts/deb-check, which boots the VM with the module tree the
# package's DKMS build went into (ARPFO_VM_MODROOT) and points
# ARPFO_PACKAGE at the package's examples and programs; skipped without
# them. Not one of tests/*.sh, so make check's scenarios leave it out.
[ -n "${ARPFO_PACKAGE:-}" ] || { echo "SKIP: no ARPFO_PACKAGE (scripts/deb-check sets it)"; exit 4; }
# The guest's /etc is the host's, read-only: the two directories get a
# tmpfs in a mount namespace of this scenario's own.
if [ -z "${AFO_PACKAGE_NS:-}" ]; then
	AFO_PACKAGE_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
ARPFO_TOOLS=$ARPFO_PACKAGE
. "$(dirname "$0")/../lib.sh"

MAC0=02:00:00:00:01:00
MAC1=02:00:00:00:01:01
P=/sys/module/arp_failover/parameters
kver=$(uname -r)

! grep -q '^arp_failover ' /proc/modules
check_err $? "arp_failover loaded before the examples were enabled"
for d in modprobe.d modules-load.d; do
	mount -t tmpfs -o mode=755 tmpfs "/etc/$d" &&
	cp "$ARPFO_PACKAGE/examples/$d/arp_failover.conf" "/etc/$d/"
	check_err $? "cannot enable the example /etc/$d/arp_failover.conf"
done
/lib/systemd/systemd-modules-load
check_err $? "systemd-modules-load failed"
grep -q '^arp_failover ' /proc/modules
check_err $? "systemd-modules-load did not load arp_failover"
path=$(modinfo -n arp_failover)
[ "$path" = "/lib/modules/$kver/updates/dkms/arp_failover.ko" ]
check_err $? "modprobe's arp_failover is $path, not DKMS's"
signer=$(modinfo -F signer arp_failover)
[ -n "$signer" ]
check_err $? "the DKMS module is not signed"
settings="$(cat $P/exclude) $(cat $P/priority) $(cat $P/reclaim_delay_ms)"
[ "$settings" = "wlan*,veth* eth1:10 2000" ]
check_err $? "the example's options not in force: '$settings'"
log_test "loaded at boot by the examples: $path, signed by '$signer', options in force"

afo_switch seg0
afo_netns_add host
afo_netns_add client
afo_port host eth0 seg0 $MAC0 10.0.0.1/24
afo_port host eth1 seg0 $MAC1 10.0.0.2/24
afo_port client eth0 seg0 02:00:00:00:0c:00 10.0.0.100/24
check_err $? "topology setup failed"
sleep "${AFO_SETTLE:-1}"
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1"
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1"
log_test "before: 10.0.0.1 at eth0"

# STATE ANSWERED-BY of eth0, as the packaged arpfo shows it.
eth0_state() {
	afo_in host "$ARPFO" show -i --color=never | awk '$1 == "eth0" { print $3, $5 }'
}
eth0_is() { [ "$(eth0_state)" = "$1" ]; }

afo_cable host eth0 down
afo_until 10 eth0_is "down eth1"
check_err $? "eth0 not down with eth1 answering: '$(eth0_state)'"
sleep 0.3
[ "$(afo_neigh client 10.0.0.1)" = $MAC1 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) after takeover"
afo_in client ping -c 1 -W 1 10.0.0.1 >/dev/null
check_err $? "client cannot reach 10.0.0.1 during takeover"
log_test "takeover: eth1 answers for 10.0.0.1"

# The example's reclaim delay (2 s) before eth0 answers again.
afo_cable host eth0 up
afo_until 30 eth0_is "healthy eth0"
check_err $? "eth0 not healthy again: '$(eth0_state)'"
sleep 0.3
[ "$(afo_neigh client 10.0.0.1)" = $MAC0 ]
check_err $? "client holds $(afo_neigh client 10.0.0.1) after reclaim"
mac=$(afo_answer client eth0 10.0.0.1)
[ "$mac" = $MAC0 ]
check_err $? "10.0.0.1 answered by '$mac' after reclaim"
log_test "reclaim after the example's delay: 10.0.0.1 back at eth0"

afo_exit
