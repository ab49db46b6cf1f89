#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NetworkManager (Debian 12: 1.42) configures the host's adapters from two
# keyfile profiles (topology in nm_lib.bash). With its defaults it takes
# an adapter down about 6 s after it lost carrier, removing all its IPv4
# and IPv6 addresses, and the module says so; with
# Documentation/examples/network-managers/NetworkManager.conf in conf.d
# (ignore-carrier for the adapters) and "nmcli general reload", the
# takeover holds through a 12 s pull, twice its grace.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nm_lib.bash"
require_cmd NetworkManager
require_cmd dbus-daemon
require_cmd nmcli

# Everything NetworkManager reads, so that nothing of this machine's own
# configuration (the guest sees the host's /etc) changes what it does;
# plugins, DNS and hostname settings keep it off files it must not touch.
NMRUN=/run/NetworkManager

nm_start() {
	local i

	nm_state_dir $NMRUN /var/lib/NetworkManager $NMRUN/afo/conf.d \
		$NMRUN/afo/lib-conf.d $NMRUN/afo/connections || return 1
	cat >$NMRUN/afo/NetworkManager.conf <<-CONF
		[main]
		plugins=keyfile
		no-auto-default=*
		dns=none
		rc-manager=unmanaged
		hostname-mode=none
		auth-polkit=false

		[keyfile]
		path=$NMRUN/afo/connections
	CONF
	for i in 0 1; do
		cat >$NMRUN/afo/connections/eth$i.nmconnection <<-PROFILE
			[connection]
			id=eth$i
			type=ethernet
			interface-name=eth$i

			[ipv4]
			method=manual
			address1=10.0.0.$((i + 1))/24,$NM_GW

			[ipv6]
			method=manual
			address1=2001:db8::$((i + 1))/64
		PROFILE
		chmod 600 $NMRUN/afo/connections/eth$i.nmconnection || return 1
	done
	nm_dbus_start || return 1
	nm_daemon /tmp/nm-networkmanager.log NetworkManager --debug \
		--config=$NMRUN/afo/NetworkManager.conf \
		--config-dir=$NMRUN/afo/conf.d \
		--system-config-dir=$NMRUN/afo/lib-conf.d \
		--state-file=/var/lib/NetworkManager/NetworkManager.state
}

nm_fix() {
	install -m 644 "$NM_EXAMPLES/NetworkManager.conf" \
		$NMRUN/afo/conf.d/90-arp-failover.conf &&
	nmcli general reload
}

nm_setup NetworkManager
nm_pull_defaults
nm_apply_fix
nm_pull_fixed
afo_exit
