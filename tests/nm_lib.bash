# SPDX-License-Identifier: GPL-2.0
#
# Shared by the network-manager scenarios (tests/nm_*.sh), sourced after
# lib.sh: a real network manager from Debian's packages configures the
# host's two adapters, as on a real server, and the scenario checks what
# happens to a takeover with the manager's defaults and with the one-step
# fix of Documentation/examples/network-managers/, copied byte for byte
# (hence the adapters are eth0 and eth1, the names the examples use).
#
#        host (the manager runs here)         switch          client
#   eth0 10.0.0.1/24 2001:db8::1/64 ---+
#                                      +-- seg0 ------------- eth0 10.0.0.100
#   eth1 10.0.0.2/24 2001:db8::2/64 ---+                           2001:db8::100
#   default via 10.0.0.100 on both
#
# The scenario runs in a mount namespace of its own, where the manager's
# configuration lives at its real paths (/etc/systemd/network,
# /etc/NetworkManager, /etc/dhcpcd.conf: tmpfs over the guest's read-only
# /etc) and its state in tmpfs of its own: the fix goes exactly where the
# admin guide puts it, arpfo check reads what the manager reads, and
# nothing is left behind for the next scenario.
#
# A scenario sets NM_TOPIC (the manager's name in arpfo check),
# NM_EXAMPLE (its file of Documentation/examples/network-managers/),
# NM_FIX_PATH (where the guide puts it, DEV for the adapter's name) and
# NM_RELOAD (the guide's reload), defines nm_start (start the manager
# with the host's configuration and the manager's defaults) and nm_fix
# (drop in NM_EXAMPLE at NM_FIX_PATH and run NM_RELOAD), then runs
# nm_setup, nm_check_names_fix, nm_pull_defaults, nm_apply_fix and
# nm_pull_fixed.
if [ -z "${NM_OWN_MOUNTS:-}" ]; then
	NM_OWN_MOUNTS=1 exec unshare -m --propagation private bash "$0" "$@"
fi

NM_MAC0=02:00:00:00:01:00
NM_MAC1=02:00:00:00:01:01
NM_GW=10.0.0.100
# What each manager is told to configure, "ADAPTER ADDRESS/PREFIX" a line.
NM_WANT="eth0 10.0.0.1/24
eth0 2001:db8::1/64
eth1 10.0.0.2/24
eth1 2001:db8::2/64"
NM_EXAMPLES=$REPO/Documentation/examples/network-managers
# The daemons this scenario started, stopped before the namespaces go.
NM_PIDS=()

nm_cleanup() {
	local pid

	for pid in "${NM_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${NM_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	NM_PIDS=()
	afo_cleanup
}
trap nm_cleanup EXIT

# nm_state_dir DIR...: each DIR an empty tmpfs of this scenario's mount
# namespace (DIR may be read-only, as /etc is in the guest).
nm_state_dir() {
	local d

	for d in "$@"; do
		{ [ -d "$d" ] || mkdir -p "$d"; } &&
			mount -t tmpfs -o mode=755 tmpfs "$d" || return 1
	done
}

# nm_topology: the picture above; the adapters are up, without addresses.
nm_topology() {
	afo_switch seg0 &&
	afo_netns_add host &&
	afo_netns_add client &&
	afo_port host eth0 seg0 $NM_MAC0 &&
	afo_port host eth1 seg0 $NM_MAC1 &&
	afo_port client eth0 seg0 02:00:00:00:0c:00 $NM_GW/24 2001:db8::100/64
}

# nm_daemon LOG COMMAND...: run a daemon in the background in the host's
# namespace, in a mount namespace of its own where /sys is read-only:
# systemd-networkd and NetworkManager wait for udev to initialise every
# link while /sys is writable, and there is no udev here. Its PID (the
# daemon's own: each step execs the next) goes into NM_PIDS.
nm_daemon() {
	local log=$1

	shift
	ip netns exec "$(afo_ns host)" unshare -m \
		sh -c 'mount -o remount,ro /sys && exec "$@"' sh "$@" >"$log" 2>&1 &
	NM_PIDS+=($!)
}

# nm_dbus_start: the system bus (Debian's own configuration), which
# NetworkManager needs and networkctl talks through.
nm_dbus_start() {
	nm_state_dir /run/dbus || return 1
	dbus-daemon --system --nofork --nopidfile >/tmp/nm-dbus.log 2>&1 &
	NM_PIDS+=($!)
	afo_until 30 test -S /run/dbus/system_bus_socket
}

# nm_missing: the lines of NM_WANT not on their adapter as a usable
# address (absent, tentative or failed by duplicate address detection).
nm_missing() {
	ip -n "$(afo_ns host)" -o addr show | awk -v want="$NM_WANT" '
		BEGIN { n = split(want, w, "\n"); for (i = 1; i <= n; i++) need[w[i]] = 1 }
		($2 " " $4) in need && !/tentative|dadfailed/ { delete need[$2 " " $4] }
		END { for (k in need) print k }'
}

nm_configured() { [ -z "$(nm_missing)" ]; }

# nm_paired: the module manages both adapters, healthy, on one pnet.
nm_paired() {
	local j

	j=$(afo_in host "$ARPFO" show --json) || return 1
	[ "$(jq_py "$j" "sorted(a['ifname'] for a in d['adapters'] if a['state'] == 'healthy') == ['eth0', 'eth1'] and any({'eth0', 'eth1'} <= set(p['members']) for p in d['pnets'])")" = True ]
}

# nm_setup NAME: topology, module, then the manager (nm_start) with its
# defaults; waits until it configured every address and the module
# paired the adapters. Says how long the manager took to start.
nm_setup() {
	local t0

	NM_NAME=$1
	nm_topology
	check_err $? "topology setup failed"
	afo_load
	check_err $? "insmod failed"
	t0=$EPOCHREALTIME
	nm_start
	check_err $? "$NM_NAME did not start"
	afo_until 120 nm_configured
	check_err $? "$NM_NAME did not configure: $(nm_missing | tr '\n' ',')"
	echo "# $NM_NAME configured both adapters $(nm_since "$t0") s after its start"
	afo_until 60 nm_paired
	check_err $? "eth0 and eth1 not paired: $(afo_in host "$ARPFO" show -i --color=never)"
	log_test "$NM_NAME configures eth0 and eth1, the module pairs them"
}

# nm_since T0: seconds since $EPOCHREALTIME was T0, to a tenth.
nm_since() {
	awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

# nm_check_topic JSON: arpfo check's findings of NM_TOPIC, as
# "DEVICE:SEVERITY" words.
nm_check_topic() {
	jq_py "$1" "[f'{f[\"device\"]}:{f[\"severity\"]}' for f in d['findings'] if f['topic'] == '$NM_TOPIC']"
}

# nm_check_names_fix: before any pull, arpfo check fails (status 1) and
# names, for eth0 and eth1, an error of NM_TOPIC whose fix is the admin
# guide's: NM_EXAMPLE's lines at NM_FIX_PATH, then NM_RELOAD.
nm_check_names_fix() {
	local j rc ok

	j=$(afo_in host "$ARPFO" check --json)
	rc=$?
	ok=$(jq_py "$j" "all(any(f['topic'] == '$NM_TOPIC' and f['device'] == dev and
		f['severity'] == 'error' and f['fix'] is not None and
		f['fix']['path'] == '$NM_FIX_PATH'.replace('DEV', dev) and
		f['fix']['then'] == ['$NM_RELOAD'] and
		f['fix']['lines'] == [l for l in open('$NM_EXAMPLES/$NM_EXAMPLE').read().splitlines()
				      if l.strip() and not l.startswith('#')]
		for f in d['findings']) for dev in ('eth0', 'eth1'))")
	[ $rc = 1 ] && [ "$ok" = True ]
	check_err $? "arpfo check (status $rc) does not name $NM_EXAMPLE for eth0 and eth1: $j"
	log_test "$NM_NAME defaults: arpfo check fails and names the guide's fix ($(nm_check_topic "$j"))"
}

# nm_check_fixed: after the fix, arpfo check has no error or warning of
# NM_TOPIC (others, such as keep_addr_on_down, may stay: said here).
nm_check_fixed() {
	local j

	j=$(afo_in host "$ARPFO" check --json)
	[ "$(jq_py "$j" "[f for f in d['findings'] if f['topic'] == '$NM_TOPIC' and f['severity'] in ('error', 'warn')]")" = "" ] &&
		[ -n "$(nm_check_topic "$j")" ]
	check_err $? "arpfo check after the fix: $j"
	echo "# arpfo check after the fix: status $(jq_py "$j" "d['status']");" \
		"$NM_TOPIC: $(nm_check_topic "$j"); also" \
		"$(jq_py "$j" "[f'{f[\"topic\"]}:{f[\"device\"]}:{f[\"severity\"]}' for f in d['findings'] if f['topic'] != '$NM_TOPIC' and f['severity'] != 'ok']")"
}

# nm_watch_field JSON EXPR: EXPR of loss_watch.py's result (as d).
nm_watch_field() { jq_py "$1" "$2" 2>/dev/null; }

# nm_pull_defaults: with the manager's defaults, pull eth0's cable: the
# manager removes 10.0.0.1 and 2001:db8::1, and the module reports each
# (event) and says so in its log, within 1 s of the removal, and arpfo
# show marks eth0. Then plug it back and wait until the manager
# configured it again; the mark is gone once eth0 is healthy.
nm_pull_defaults() {
	local out=/tmp/nm-watch.out j a del ev gap first line show

	afo_in host "$REPO/tests/loss_watch.py" eth0 90 10.0.0.1 2001:db8::1 >$out 2>&1 &
	local watch=$!
	afo_until 60 grep -q '^ready' $out
	check_err $? "loss_watch.py did not start: $(cat $out)"
	afo_cable host eth0 down
	wait $watch
	j=$(tail -n 1 $out)
	for a in 10.0.0.1 2001:db8::1; do
		del=$(nm_watch_field "$j" "d['deleted']['$a']")
		[ -n "$del" ]
		check_err $? "$NM_NAME did not remove $a from eth0 within 90 s of the pull: $j"
		ev=$(nm_watch_field "$j" "d['event']['$a']")
		gap=$(nm_watch_field "$j" "'%.3f' % (d['event']['$a'] - d['deleted']['$a'])")
		[ -n "$ev" ] && awk -v g="$gap" 'BEGIN { exit !(g <= 1.0) }'
		check_err $? "no addr-lost event for $a within 1 s of its removal: $j"
		echo "# $NM_NAME removed $a $(nm_watch_field "$j" "'%.1f' % (d['deleted']['$a'] - d['carrier_lost'])") s" \
			"after the carrier loss; the module's addr-lost event came ${gap} s later"
	done
	first=$(nm_watch_field "$j" "min(d['deleted'].values())")
	line=$(nm_watch_field "$j" "d['line']")
	gap=$(nm_watch_field "$j" "'%.3f' % (d['logged'] - $first)")
	[[ $line == *"eth0: "*" removed while eth1 answers for it (carrier lost)"* ]] &&
		awk -v g="$gap" 'BEGIN { exit !(g <= 1.0) }'
	check_err $? "no log line within 1 s of the first removal: $j"
	echo "# kernel: $line (${gap} s after the first removal)"
	show=$(afo_in host "$ARPFO" show -i --color=never)
	grep -q '^eth0! ' <<<"$show" &&
		grep -q '^! eth0: 2 addresses removed while eth1 answers for it' <<<"$show"
	check_err $? "arpfo show does not mark eth0 for its 2 lost addresses: $show"
	log_test "$NM_NAME defaults: a pull removes eth0's addresses; the module says so at once"

	afo_cable host eth0 up
	afo_until 120 nm_configured
	check_err $? "$NM_NAME did not configure eth0 again: $(nm_missing | tr '\n' ',')"
	afo_until 60 nm_paired
	check_err $? "eth0 not healthy again: $(afo_in host "$ARPFO" show -i --color=never)"
	show=$(afo_in host "$ARPFO" show -i --color=never)
	! grep -q '^eth0!' <<<"$show"
	check_err $? "eth0 still marked once healthy: $show"
	log_test "$NM_NAME defaults: eth0 configured again after the plug"
}

# nm_apply_fix: drop in the documented file and reload (nm_fix); every
# address usable again after it, the module pairing the adapters, and
# arpfo check finding no fault with the manager.
nm_apply_fix() {
	nm_fix
	check_err $? "applying the documented fix failed"
	afo_until 120 nm_configured
	check_err $? "not configured after the fix: $(nm_missing | tr '\n' ',')"
	afo_until 60 nm_paired
	check_err $? "eth0 and eth1 not paired after the fix"
	nm_check_fixed
	log_test "$NM_NAME: the documented fix applied by one file and a reload; arpfo check finds no fault with it"
}

# nm_ping_loss FILE: "LOST TRANSMITTED" of a ping's summary in FILE.
nm_ping_loss() {
	sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' "$1" |
		awk '{ print $1 - $2, $1 }'
}

# nm_pull_fixed: with the fix, a 12 s pull (longer than NetworkManager's
# grace) while the client pings 10.0.0.1 and 2001:db8::1 every 10 ms:
# eth1 answers for both all along, at most 1% of the pings are lost, the
# manager leaves eth0's addresses alone and the module reports no loss;
# after the plug every address is usable again (IPv6 ones neither
# tentative nor failed by DAD).
nm_pull_fixed() {
	local n=2000 p4 p6 lost tx fam

	afo_dmesg_mark
	afo_in client ping -q -i 0.01 -c $n -W 1 10.0.0.1 >/tmp/nm-ping4.out 2>&1 &
	p4=$!
	afo_in client ping -6 -q -i 0.01 -c $n -W 1 2001:db8::1 >/tmp/nm-ping6.out 2>&1 &
	p6=$!
	sleep 1
	afo_cable host eth0 down
	sleep 12
	[ "$(afo_neigh client 10.0.0.1)" = $NM_MAC1 ] &&
		[ "$(afo_neigh client 2001:db8::1)" = $NM_MAC1 ]
	check_err $? "after 12 s without carrier the client holds $(afo_neigh client 10.0.0.1) for 10.0.0.1, $(afo_neigh client 2001:db8::1) for 2001:db8::1"
	[ "$(nm_missing | grep -c '^eth0 ')" = 0 ]
	check_err $? "$NM_NAME removed despite the fix: $(nm_missing | tr '\n' ',')"
	afo_cable host eth0 up
	wait $p4
	wait $p6
	for fam in 4 6; do
		read -r lost tx <<<"$(nm_ping_loss /tmp/nm-ping$fam.out)"
		[ -n "$tx" ] && [ $((lost * 100)) -le "$tx" ]
		check_err $? "IPv$fam: ${lost:-?} of ${tx:-?} pings lost (more than 1%): $(cat /tmp/nm-ping$fam.out)"
		echo "# IPv$fam: ${lost:-?} of ${tx:-?} pings lost over the 12 s pull and the plug"
	done
	! afo_dmesg_since | grep -q 'removed while'
	check_err $? "the module reported a lost address: $(afo_dmesg_since | grep 'removed while')"
	log_test "$NM_NAME with the fix: the takeover holds through a 12 s pull"

	afo_until 120 nm_configured
	check_err $? "after the plug: $(nm_missing | tr '\n' ','); $(afo_dad_left host eth0)"
	afo_until 60 nm_paired
	check_err $? "eth0 not healthy again after the plug"
	log_test "$NM_NAME with the fix: every address usable after the plug, DAD passed"
}
