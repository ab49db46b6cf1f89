# SPDX-License-Identifier: GPL-2.0-only
#
# The front door. Kbuild reads ./Kbuild for the module itself; this file
# only drives the external-module build and the checks.
#
#   make            build arp_failover.ko against KDIR (W=1)
#   make check      every check; last line "N passed, N failed, N skipped"
#   make check-debug  every scenario on a KASAN/lockdep/kmemleak kernel
#   make fuzz       a million malformed and hostile ARP frames, in the VM
#   make demo       boot the stock Debian kernel in a VM and show the module
#   make install    install the module for KDIR's kernel and run depmod
#   make bench      failover benchmark against bonding, in the VM
#   make bench-scale  scale benchmark: 2-64 adapters, 1-4096 addresses, in the VM
#   make bench-netns  1,000 unprivileged namespaces with a veth pair: ip link
#                     add latency and RTNL hold time with and without the module
#   make kselftests the kernel's net selftests without and with the module
#                   (the side without it cached; FRESH=1 runs it again)
#   make kernels    build, sparse, DKMS and e2e against 5.10, 6.1-rt, 6.12, sid
#   make dkms-install  register the module with DKMS
#   make deb        Debian packages (arp-failover-dkms, arp-failover-tools)
#                   in build/deb, checked with lintian
#   make deb-check  install them in a Debian 12 chroot, DKMS for two
#                   kernels, purge; boot their module in the VM

# The running kernel's build tree if it has one, else the newest Debian
# headers (this machine's own kernel has no module support).
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	  $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV))
KBUILD_ARGS := -C $(KDIR) M=$(CURDIR) W=1
# The offload adapter test driver links against the module's exports.
OFFLOAD_ARGS := -C $(KDIR) M=$(CURDIR)/tests/offload W=1 \
	KBUILD_EXTRA_SYMBOLS=$(CURDIR)/Module.symvers

.PHONY: all module sparse checkpatch kunit tools tools-test e2e bench bench-scale bench-netns \
	bench-where-lost kselftests kernels check check-debug fuzz demo install \
	dkms-install deb deb-check clean deps

all: module

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: run scripts/install-deps"; exit 1; }
	$(MAKE) $(KBUILD_ARGS) modules
	$(MAKE) $(OFFLOAD_ARGS) modules

# C=2 checks every source whether or not it needs rebuilding.
sparse:
	$(MAKE) $(KBUILD_ARGS) C=2 modules
	$(MAKE) $(OFFLOAD_ARGS) C=2 modules

checkpatch:
	@scripts/checkpatch

kunit:
	@scripts/kunit

# make check builds the C++ tools from scratch every time; ccache keeps
# their objects in the cache folder, keyed by content, not by path.
# TOOLS_TARGETS builds only those (make check: the programs the VM runs).
ARPFO_CACHE ?= /var/cache/arp_failover
CCACHE := $(shell command -v ccache 2>/dev/null)
tools:
	cmake -S tools -B build/tools -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		$(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE))
	CCACHE_DIR=$(ARPFO_CACHE)/ccache CCACHE_BASEDIR=$(CURDIR) CCACHE_NOHASHDIR=1 \
		cmake --build build/tools -j2 $(if $(TOOLS_TARGETS),--target $(TOOLS_TARGETS))

tools-test: tools
	ctest --test-dir build/tools --output-on-failure

e2e: module tools
	scripts/e2e

bench: module tools
	@scripts/bench
	@scripts/bench-scale

bench-scale: module tools
	@scripts/bench-scale

bench-netns: module
	@scripts/bench-netns

bench-where-lost: module tools
	@scripts/bench-where-lost

# The kernel's own net selftests, each without and with the module; a case
# that passes only without it is a regression (see Documentation/testing.rst).
# The runs without the module are cached; FRESH=1 runs them again.
kselftests: module
	@scripts/kselftests $(if $(FRESH),--fresh) || kill -KILL $$PPID

deps:
	@scripts/install-deps

# Every kernel of scripts/kernels.list, each in a chroot of its Debian
# release (set up once): build, sparse, DKMS build, and the e2e scenarios
# with that kernel booted in the VM.
kernels: tools
	@scripts/install-deps
	@scripts/kernels || kill -KILL $$PPID

# The summary must stay the last line, but make reports a failed recipe
# with an "Error" line of its own after it. So on failure the recipe ends
# make itself with SIGKILL, which make cannot catch and report: the exit
# status stays non-zero (137) and nothing follows the summary.
check:
	@scripts/check || kill -KILL $$PPID

check-debug:
	@scripts/check-debug || kill -KILL $$PPID

fuzz:
	@scripts/fuzz || kill -KILL $$PPID

demo:
	@scripts/demo

install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(shell cat $(KDIR)/include/config/kernel.release)

# DKMS: sources under /usr/src/arp_failover-VERSION, rebuilt for every
# kernel installed later.
dkms-install:
	@tree=$$(scripts/dkms-tree /usr/src) && v=$${tree##*-} && \
	{ dkms remove -m arp_failover -v $$v --all >/dev/null 2>&1 || true; } && \
	dkms add -m arp_failover -v $$v && \
	dkms build -m arp_failover -v $$v && \
	dkms install -m arp_failover -v $$v

# Debian packages from the tree (scripts/deb-build); deb-check installs
# them in a chroot and boots their module (scripts/deb-check, part of
# make check).
deb:
	@scripts/install-deps
	@scripts/deb-build

deb-check: module tools
	@scripts/deb-check

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C $(KDIR) M=$(CURDIR)/tests/offload clean
	rm -rf build results
