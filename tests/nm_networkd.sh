#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# systemd-networkd (Debian 12: 252) configures the host's adapters from
# two plain .network files (topology in nm_lib.bash). With its defaults a
# cable pull makes it remove every address of the adapter at once, and
# the module says so; with the drop-in of
# Documentation/examples/network-managers/systemd-networkd.conf
# (IgnoreCarrierLoss=yes) and "networkctl reload", the takeover holds
# through a 12 s pull, and an administrative down/up of the adapter gets
# its addresses and routes back (systemd issue #39255 reports routes
# that stay away).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nm_lib.bash"
NETWORKD=/lib/systemd/systemd-networkd
[ -x $NETWORKD ] || { echo "SKIP: systemd-networkd not installed"; exit $ksft_skip; }
require_cmd dbus-daemon
require_cmd networkctl

NM_TOPIC=systemd-networkd
NM_EXAMPLE=systemd-networkd.conf
NM_FIX_PATH=/etc/systemd/network/10-DEV.network.d/arp-failover.conf
NM_RELOAD="networkctl reload"

nm_start() {
	local i

	nm_state_dir /etc/systemd/network /run/systemd /run/dbus || return 1
	mkdir -p /run/systemd/netif/links /run/systemd/netif/leases /run/systemd/netif/lldp &&
		chown -R systemd-network:systemd-network /run/systemd/netif || return 1
	for i in 0 1; do
		printf '[Match]\nName=eth%s\n\n[Network]\nAddress=10.0.0.%s/24\nAddress=2001:db8::%s/64\nGateway=%s\n' \
			$i $((i + 1)) $((i + 1)) $NM_GW >/etc/systemd/network/10-eth$i.network
	done
	# networkd runs without D-Bus, but networkctl reload needs it.
	nm_dbus_start || return 1
	nm_daemon /tmp/nm-networkd.log $NETWORKD
}

nm_fix() {
	local dev

	for dev in eth0 eth1; do
		install -D -m 644 "$NM_EXAMPLES/$NM_EXAMPLE" "${NM_FIX_PATH/DEV/$dev}" || return 1
	done
	afo_in host $NM_RELOAD
}

# routes_missing: eth0's routes that networkd or the kernel should have.
routes_missing() {
	local r4 r6

	r4=$(ip -n "$(afo_ns host)" -4 route show dev eth0)
	r6=$(ip -n "$(afo_ns host)" -6 route show dev eth0)
	grep -q "^default via $NM_GW " <<<"$r4" || echo "default via $NM_GW"
	grep -q "^10\.0\.0\.0/24 " <<<"$r4" || echo "10.0.0.0/24"
	grep -q "^2001:db8::/64 " <<<"$r6" || echo "2001:db8::/64"
}
back_up() { nm_configured && [ -z "$(routes_missing)" ]; }

nm_setup systemd-networkd
nm_check_names_fix
nm_pull_defaults
nm_apply_fix
nm_pull_fixed

# Administrative down and up, with the fix: the kernel flushes eth0's
# IPv6 addresses and its routes on the way down (keep_addr_on_down=0);
# networkd must put back what it configured once eth0 is up.
t0=$EPOCHREALTIME
afo_in host ip link set eth0 down
sleep 1
afo_in host ip link set eth0 up
afo_until 60 back_up
check_err $? "after down/up of eth0 networkd did not restore: $(nm_missing | tr '\n' ',') $(routes_missing | tr '\n' ',') (systemd issue #39255)"
echo "# eth0's addresses and routes back $(nm_since "$t0") s after the down"
log_test "systemd-networkd with the fix: down/up of eth0 restores its addresses and routes"

afo_exit
