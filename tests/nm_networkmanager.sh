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

NM_TOPIC=NetworkManager
NM_EXAMPLE=NetworkManager.conf
NM_FIX_PATH=/etc/NetworkManager/conf.d/90-arp-failover.conf
NM_RELOAD="nmcli general reload"

# The host's NetworkManager.conf and profiles replace the guest's (which
# are this machine's): the keyfile plugin alone (Debian's ifupdown plugin
# would leave devices of this machine's /etc/network/interfaces alone),
# and DNS and hostname left alone (the guest's /etc is read-only).
nm_start() {
	local i

	nm_state_dir /etc/NetworkManager /run/NetworkManager /var/lib/NetworkManager \
		/run/dbus || return 1
	mkdir -p /etc/NetworkManager/conf.d /etc/NetworkManager/system-connections || return 1
	cat >/etc/NetworkManager/NetworkManager.conf <<-CONF
		[main]
		plugins=keyfile
		no-auto-default=*
		dns=none
		rc-manager=unmanaged
		hostname-mode=none
		auth-polkit=false
	CONF
	for i in 0 1; do
		cat >/etc/NetworkManager/system-connections/eth$i.nmconnection <<-PROFILE
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
		chmod 600 /etc/NetworkManager/system-connections/eth$i.nmconnection || return 1
	done
	nm_dbus_start || return 1
	nm_daemon /tmp/nm-networkmanager.log NetworkManager --debug
}

nm_fix() {
	install -m 644 "$NM_EXAMPLES/$NM_EXAMPLE" $NM_FIX_PATH && $NM_RELOAD
}

nm_setup NetworkManager
nm_check_names_fix
nm_pull_defaults
nm_apply_fix
nm_pull_fixed
afo_exit
