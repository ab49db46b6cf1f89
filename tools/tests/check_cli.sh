#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# arpfo check end to end, the binary itself: its exit status, its text and
# JSON over a fixture host, and its refusals. Without the module (the build
# host cannot load it) the devices come from the fixture's sysfs.
# usage: check_cli.sh ARPFO DATA_DIR
arpfo=$1
data=$2
fail=0

if [ -e /sys/module/arp_failover ]; then
	echo "SKIP: the arp_failover module is loaded here; the fixture's devices are not"
	exit 77
fi

# expect STATUS PATTERN ARGS...: arpfo ARGS exits with STATUS and prints
# (stdout and stderr) something matching the grep pattern PATTERN.
expect() {
	want=$1 pattern=$2
	shift 2
	out=$("$arpfo" "$@" 2>&1)
	got=$?
	if [ "$got" -ne "$want" ] || ! printf '%s\n' "$out" | grep -q -- "$pattern"; then
		echo "FAIL: arpfo $*: status $got (want $want), output:"
		printf '%s\n' "$out" | sed 's/^/    /'
		fail=1
	else
		echo "ok: arpfo $*"
	fi
}

expect 1 '^arp_failover: not loaded$' check --root "$data/none" --color=never
expect 1 '^  eth2   not managed: a port of bond bond0' check --root "$data/none" --color=never
expect 1 '^  warn   IPv6: keep_addr_on_down is off' check --root "$data/none" --color=never
expect 1 '"ifname":"eth0","membership":null,.*"status":1}$' check --json --root="$data/none"
expect 1 'fix: create /etc/systemd/network/10-eth0.network.d/arp-failover.conf' \
	check --root "$data/networkd" --color=never
expect 2 '^arpfo: check: --root /nonexistent/x: no such directory$' check --root /nonexistent/x
expect 2 "^arpfo: check: unknown option '--frob'" check --frob
exit $fail
