# SPDX-License-Identifier: GPL-2.0
#
# Shared by the VM scripts: which Debian kernel to boot and where the
# caches live. Sourced, not run.

ARPFO_CACHE=${ARPFO_CACHE:-/var/cache/arp_failover}

# The newest Debian kernel image that has its modules and headers installed.
vm_kernel_version() {
	local v

	for v in $(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's|/boot/vmlinuz-||' | sort -rV); do
		if [ -d "/lib/modules/$v/kernel" ] && [ -d "/usr/src/linux-headers-$v" ]; then
			echo "$v"
			return 0
		fi
	done
	echo "vm: no Debian kernel with modules and headers (run scripts/install-deps)" >&2
	return 1
}
