# SPDX-License-Identifier: GPL-2.0
#
# Debian chroots of the checks (scripts/kernels, scripts/deb-check):
# setting one up with mmdebstrap and running a command in one. Sourced,
# not run; the caller runs as root.
#
# Environment: ARPFO_DEBIAN_MIRROR and ARPFO_DEBIAN_SECURITY_MIRROR
# (default deb.debian.org).

MIRROR=${ARPFO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${ARPFO_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# chroot_create SUITE ROOT VARIANT PACKAGES: a chroot of the release
# SUITE (with its -security suite, but for sid) at ROOT, of mmdebstrap's
# VARIANT, with PACKAGES (comma separated) installed; apt's lists are
# kept for apt-get in it later. A mirror may serve a release whose
# Release file has expired (sid's is refreshed daily upstream).
chroot_create() {
	local suite=$1 root=$2 variant=$3 packages=$4 mirrors

	mirrors=("deb [signed-by=$KEYRING] $MIRROR $suite main")
	case $suite in
	sid|unstable) ;;
	*) mirrors+=("deb [signed-by=$KEYRING] $SECMIRROR $suite-security main") ;;
	esac
	mmdebstrap --mode=root --variant="$variant" --skip=cleanup/apt/lists \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		--include="$packages" "$suite" "$root" "${mirrors[@]}"
}

# in_chroot ROOT COMMAND...: run a command inside a chroot, with /dev and
# /proc, in a mount namespace of its own: nothing stays mounted when it
# ends.
in_chroot() {
	local root=$1

	shift
	unshare -m --propagation private sh -c '
		root=$1; shift
		mount --rbind /dev "$root/dev" && mount -t proc proc "$root/proc" &&
		exec chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LANG=C.UTF-8 "$@"' sh "$root" "$@"
}
