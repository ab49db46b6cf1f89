#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Unload a module at a moment chosen to the millisecond, for races with
the kernel's own work (tests/unload_race.sh). Starting rmmod costs
seconds under TCG, long after whatever it was meant to meet; this
process is started once and waits.

  unloader.py MODULE

For each line DELAY (seconds, a float) read from standard input: waits
DELAY, then asks the kernel to unload MODULE, again while the kernel says
it is in use (a reference held for a moment), for up to 5 s, and prints
one line: "ok" or "error=ENAME". A line is printed only once the unload
returned: an unload that never does prints nothing.
"""
import ctypes
import errno
import os
import sys
import time

SYS_DELETE_MODULE = 176  # x86_64
BUSY = (errno.EAGAIN, errno.EBUSY)


def unload(libc, name):
    deadline = time.monotonic() + 5
    while True:
        if libc.syscall(SYS_DELETE_MODULE, name, os.O_NONBLOCK) == 0:
            return "ok"
        err = ctypes.get_errno()
        if err not in BUSY or time.monotonic() > deadline:
            return "error=" + errno.errorcode.get(err, str(err))
        time.sleep(0.05)


def main():
    libc = ctypes.CDLL(None, use_errno=True)
    name = sys.argv[1].encode()
    for line in sys.stdin:
        time.sleep(float(line))
        print(unload(libc, name), flush=True)


if __name__ == "__main__":
    main()
