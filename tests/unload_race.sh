#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unloading races namespaces going away: each round builds a test bed in
# fresh namespaces (a host with 4 to 12 managed adapters and their
# addresses, clients of one managed adapter each, a switch), loads the
# module while they are being built (odd rounds) or before, in one round
# of four fails the host's first adapter over to a sibling, then deletes
# every namespace with `ip -all netns delete` and unloads the module at a
# random moment of that. The kernel dismantles each namespace in a work
# of its own, which takes it off the list of namespaces first and
# unregisters its devices later: the unload meets namespaces half way,
# and every reference the module holds on their devices must still be
# released. One left blocks the namespace's cleanup ("unregister_netdevice:
# waiting for s0 to become free") and rmmod with it, for good: an unload
# that has not returned within 30 s fails the scenario with the kernel's
# waiting lines. Afterwards namespaces and devices must still come and go.
#
#           host                     switch                clients
#   s0 10.0.0.1, 10.0.1.1 ... --+                  +-- c0 10.0.0.100
#   s1 10.0.0.2, ...          --+----- seg --------+-- c1 10.0.0.101
#   ... s(K-1)                --+                  +-- ...
#
# afo-timeout: 240
. "$(dirname "$0")/lib.sh"
ROUNDS=20
CLIENTS=6
RMMOD_WAIT=30

# bed K: the namespaces (named without the scenario's PID: ip -all netns
# delete removes them) and the switch in one batch, the host's K adapters
# with 4 addresses each in another, one batch per client.
bed() {
	local k=$1 i a

	{
		echo "netns add ur-sw"
		echo "netns add ur-h"
		for ((i = 0; i < CLIENTS; i++)); do
			echo "netns add ur-c$i"
		done
	} | ip -batch - || return 1
	{
		echo "link add seg type bridge"
		echo "link set seg type bridge forward_delay 0 stp_state 0"
		echo "link set seg up"
		for ((i = 0; i < k; i++)); do
			echo "link add p$i type veth peer name s$i netns ur-h"
			echo "link set p$i master seg up"
		done
		for ((i = 0; i < CLIENTS; i++)); do
			echo "link add pc$i type veth peer name c$i netns ur-c$i"
			echo "link set pc$i master seg up"
		done
	} | ip -n ur-sw -batch - || return 1
	{
		for ((i = 0; i < k; i++)); do
			echo "link set s$i address 02:00:00:00:00:$(printf %02x "$i") up"
			for a in 0 1 2 3; do
				echo "addr add 10.0.$a.$((i + 1))/16 dev s$i"
			done
		done
	} | ip -n ur-h -batch - || return 1
	for ((i = 0; i < CLIENTS; i++)); do
		ip -n "ur-c$i" -batch - <<-BATCH || return 1
			link set c$i up
			addr add 10.0.0.$((100 + i))/16 dev c$i
		BATCH
	done
}

# The kernel's lines about devices that wait for their last reference.
waiting_lines() {
	dmesg | grep -E 'waiting for .* to become free|blocked for more than' | tail -n 8
}

# The unloader, started once: an rmmod started now would meet the
# namespaces' cleanup seconds late under TCG.
coproc UNLOADER { exec python3 "$REPO/tests/unloader.py" arp_failover 2>&1; }

# The moment to aim at: the kernel unregisters a dying namespace's
# devices (the module says "no longer managed") a grace period after it
# took the namespace off its list. An unload just before that is the one
# that meets the namespace half way. Each round measures when that came
# after the deletion began (kernel timestamps, from a mark written to
# the kernel log), in ms, for the next round to aim a little before it;
# 0: not seen (the unload came first), aim anywhere in the deletion.
first_release_ms() {
	dmesg | awk '
		/unload_race: deleting/ { t0 = substr($0, 2, index($0, "]") - 2) + 0; seen = 0; ms = 0 }
		t0 && !seen && /no longer managed/ {
			t = substr($0, 2, index($0, "]") - 2) + 0
			ms = int((t - t0) * 1000); seen = 1
		}
		END { print ms + 0 }'
}

# delete_and_unload: every namespace deleted, the module unloaded at a
# random moment of that (up to 80 ms before the devices went the round
# before, else within how long the deletion took), which must return
# within RMMOD_WAIT seconds.
delete_and_unload() {
	local res t0 at

	if ((release_ms > 0)); then
		at=$((release_ms - RANDOM % 80))
		((at < 0)) && at=0
	else
		at=$((RANDOM % (delete_ms + 1)))
	fi
	t0=${EPOCHREALTIME/./}
	echo "unload_race: deleting" >/dev/kmsg
	printf '%d.%03d\n' $((at / 1000)) $((at % 1000)) >&"${UNLOADER[1]}"
	ip -all netns delete
	delete_ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
	if ! read -r -t "$RMMOD_WAIT" res <&"${UNLOADER[0]}"; then
		echo "# rmmod has not returned after ${RMMOD_WAIT}s:"
		waiting_lines | sed 's/^/#   /'
		return 124
	fi
	[ "$res" = ok ] || { echo "# rmmod: $res"; return 1; }
	at=$(first_release_ms)
	((at > 0)) && release_ms=$at
	return 0
}

# takeover: s0 loses its cable; a sibling answers for it once discovery
# put them on one network (waited for, up to 5 s).
takeover() {
	local t

	ip -n ur-sw link set p0 down
	for ((t = 0; t < 25; t++)); do
		[ "$(dmesg | grep -c 's0: arp_failover: takeover')" -gt "$taken" ] && break
		sleep 0.2
	done
	taken=$(dmesg | grep -c 's0: arp_failover: takeover')
}

fails=0 takeovers=0 taken=0 delete_ms=300 release_ms=0
for ((r = 1; r <= ROUNDS && fails == 0; r++)); do
	if ((r % 2)); then
		# Loaded while the beds' namespaces and devices come.
		sleep 0.$((RANDOM % 3)) && insmod "$MODULE" &
		loader=$!
	else
		insmod "$MODULE" || { fails=$((fails + 1)); break; }
		loader=
	fi
	bed $((4 + RANDOM % 9)) || fails=$((fails + 1))
	if [ -n "$loader" ]; then
		wait "$loader" || fails=$((fails + 1))
	fi
	if ((r % 4 == 2)); then
		sleep 1
		takeover
		takeovers=$((takeovers + 1))
	fi
	delete_and_unload || { fails=$((fails + 1)); break; }
done
rounds=$((r - 1))
echo "# the last deletion of every namespace took ${delete_ms} ms, devices went after ${release_ms} ms"
[ "$fails" -eq 0 ]
check_err $? "round $rounds of $ROUNDS failed"
log_test "$rounds rounds of netns delete + rmmod, $takeovers after a takeover ($taken seen)"

[ "$fails" -eq 0 ] || afo_exit	# rmmod may be stuck: nothing more to see

# The host is not left blocked: a namespace comes and goes, a device of
# the initial namespace is deleted, and the kernel waits on no device.
out=$(timeout 20 bash -c 'ip netns add ur-after &&
	ip -n ur-after link add ua type veth peer name ub &&
	ip netns del ur-after &&
	ip link add ur0 type dummy && ip link del ur0' 2>&1)
check_err $? "namespaces or devices are stuck after the rounds: $out"
sleep 1
[ -z "$(waiting_lines)" ]
check_err $? "the kernel waits for a device: $(waiting_lines)"
log_test "namespaces and devices come and go afterwards"

afo_exit
