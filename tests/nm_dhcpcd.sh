#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dhcpcd (Debian 12: 9.4.1) configures the host's adapters with static
# addresses from its dhcpcd.conf (topology in nm_lib.bash). With its
# defaults it removes an adapter's addresses at once on carrier loss, and
# the module says so; with Documentation/examples/network-managers/
# dhcpcd.conf appended (nolink for the adapters) and "dhcpcd -n", the
# takeover holds through a 12 s pull.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nm_lib.bash"
require_cmd dhcpcd

NM_TOPIC=dhcpcd
NM_EXAMPLE=dhcpcd.conf
NM_FIX_PATH=/etc/dhcpcd.conf
NM_RELOAD="dhcpcd -n"

nm_start() {
	local i

	# The host's /etc/dhcpcd.conf: a file of this scenario's own, bound
	# over the guest's.
	nm_state_dir /run/dhcpcd /var/lib/dhcpcd /run/afo-dhcpcd || return 1
	# No hook script: Debian's would rewrite /etc/resolv.conf (read-only
	# here) and costs a shell per event. No router solicitation: there is
	# no router, and it changes nothing of what happens on carrier loss.
	{
		echo "script /bin/true"
		echo "noipv6rs"
		for i in 0 1; do
			echo "interface eth$i"
			echo "static ip_address=10.0.0.$((i + 1))/24"
			echo "static ip6_address=2001:db8::$((i + 1))/64"
			echo "static routers=$NM_GW"
		done
	} >/run/afo-dhcpcd/dhcpcd.conf &&
		mount --bind /run/afo-dhcpcd/dhcpcd.conf $NM_FIX_PATH || return 1
	# -B: in the foreground (Debian's unit backgrounds it, -q -b).
	nm_daemon /tmp/nm-dhcpcd.log dhcpcd -B
}

nm_fix() {
	cat "$NM_EXAMPLES/$NM_EXAMPLE" >>$NM_FIX_PATH && afo_in host $NM_RELOAD
}

nm_setup dhcpcd
nm_check_names_fix
nm_pull_defaults
nm_apply_fix
nm_pull_fixed
afo_exit
