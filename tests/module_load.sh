#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module loads and unloads on the stock kernel, says so in the kernel
# log, and leaves nothing behind; twice in a row, so that unload really
# undid what load did.
. "$(dirname "$0")/lib.sh"

for round in 1 2; do
	afo_dmesg_mark
	insmod "$MODULE"
	check_err $? "insmod failed"
	grep -q '^arp_failover ' /proc/modules
	check_err $? "not listed in /proc/modules"
	afo_dmesg_since | grep -q 'arp_failover: loaded, version '
	check_err $? "no 'loaded' line in the kernel log"
	log_test "load (round $round)"

	rmmod arp_failover
	check_err $? "rmmod failed"
	! grep -q '^arp_failover ' /proc/modules
	check_err $? "still listed after rmmod"
	afo_dmesg_since | grep -q 'arp_failover: unloaded'
	check_err $? "no 'unloaded' line in the kernel log"
	log_test "unload (round $round)"
done

modinfo "$MODULE" | grep -q '^license: *GPL'
check_err $? "modinfo shows no GPL license"
log_test "modinfo"

afo_exit
