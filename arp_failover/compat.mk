# SPDX-License-Identifier: GPL-2.0-only
#
# The feature tests of compat.h that the preprocessor cannot make: whether
# the kernel built against has a header (sparse knows no __has_include).
# Read by ../Kbuild and by tests/offload/Kbuild, which both include
# compat.h. $(srctree) is the kernel's source or headers tree.
afo_compat_flags := \
	$(if $(wildcard $(srctree)/include/linux/unaligned.h),-DAFO_HAVE_LINUX_UNALIGNED_H) \
	$(if $(wildcard $(srctree)/include/net/hotdata.h),-DAFO_HAVE_NET_HOTDATA_H)
