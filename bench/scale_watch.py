#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The clocks of bench/scale.sh: what must be polled faster than bash can
start processes under TCG. Each command runs inside one namespace (through
`ip netns exec`) and prints key=value pairs on one line.

  discover --adapters A --arpfo PATH [--timeout S] [--tag T] -- INSMOD...
      Runs INSMOD, then polls `arpfo show -g --json` until one pnet holds
      all A adapters, healthy. Prints T+insmod_s (insmod's own time) and
      T+discovery_s (from insmod's start), T+discovery_res_s (the time
      between the last poll that saw less and the first that saw all: the
      resolution of the number).

  settle --arpfo PATH [--quiet S] [--timeout S] [--tag T]
      Polls `arpfo show -i --json` until no adapter probes and the sum of
      the adapters' announcement counters has not changed for S seconds.
      Prints T+settle_s (when the last change was seen, from the start)
      and T+announcements (the sum).

  pnets --arpfo PATH [--tag T]
      Prints T+pnets: how many pnets `arpfo show -g --json` lists.

  failover --old-mac MAC --count N --pull-netns NS --pull-dev DEV
           [--prefix P] [--timeout S]
      Sets DEV of network namespace NS down (the switch side of a cable:
      pulling it), then polls this namespace's /proc/net/arp until no
      entry of the N addresses starting with P holds MAC any more. The
      cable is pulled by an ioctl from here rather than by `ip`, so that
      the clock starts when it is pulled, not a process start earlier.
      Prints pull_s (the ioctl's own time), prepared (entries with MAC
      before), failover_s (from the pull to all moved; nan when they did
      not within S seconds), failover_res_s (the time since the poll
      before, which still saw fewer), moved_1s (moved at the first poll at
      or after 1 s), moved (at the end), new_macs, and softnet_drops
      (frames the kernel's input backlogs dropped meanwhile, all CPUs and
      namespaces).
"""
import argparse
import ctypes
import fcntl
import json
import os
import socket
import struct
import subprocess
import sys
import time

POLL_S = 0.1
# Polls during the first half second are 10 ms apart: most moves end there.
FAST_POLL_S, FAST_FOR_S = 0.01, 0.5
CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def arpfo_json(arpfo, selector):
    out = subprocess.run([arpfo, 'show', selector, '--json'],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None
    try:
        return json.loads(out.stdout)
    except ValueError:
        return None


def all_on_one_pnet(arpfo, adapters):
    d = arpfo_json(arpfo, '-g')
    return d is not None and any(
        len(p['members']) == adapters and p['healthy'] == adapters
        for p in d['pnets'])


def discover(args):
    start = time.monotonic()
    subprocess.run(args.cmd, check=True)
    inserted = time.monotonic()
    last_miss = inserted
    while True:
        found = all_on_one_pnet(args.arpfo, args.adapters)
        now = time.monotonic()
        if found or now - start > args.timeout:
            break
        last_miss = now
        time.sleep(POLL_S)
    t = args.tag
    found_s = '%.3f' % (now - start) if found else 'nan'
    return ('%sinsmod_s=%.3f %sdiscovery_s=%s %sdiscovery_res_s=%.3f' %
            (t, inserted - start, t, found_s, t, now - last_miss))


def pnets(args):
    d = arpfo_json(args.arpfo, '-g')
    return '%spnets=%s' % (args.tag, len(d['pnets']) if d else 'nan')


def announcing(arpfo):
    """(sum of announcement counters, whether an adapter probes), or None."""
    d = arpfo_json(arpfo, '-i')
    if d is None:
        return None
    return (sum(a['stats']['announcements'] for a in d['adapters']),
            any(a['probing'] for a in d['adapters']))


def settle(args):
    start = time.monotonic()
    last, changed = None, start
    while True:
        seen = announcing(args.arpfo)
        now = time.monotonic()
        if seen is None or seen[1] or seen[0] != (last[0] if last else None):
            last, changed = seen, now
        elif now - changed >= args.quiet:
            break
        if now - start > args.timeout:
            changed = float('nan')
            break
        time.sleep(0.3)
    total = last[0] if last else 'nan'
    return '%ssettle_s=%.3f %sannouncements=%s' % (
        args.tag, changed - start, args.tag, total)


def arp_macs(prefix):
    """The MAC of each address starting with prefix in /proc/net/arp."""
    macs = []
    with open('/proc/net/arp') as f:
        next(f)
        for line in f:
            fields = line.split()
            if len(fields) >= 6 and fields[0].startswith(prefix):
                macs.append(fields[3])
    return macs


def softnet_drops():
    """Column 2 of /proc/net/softnet_stat: backlog drops, summed over CPUs."""
    with open('/proc/net/softnet_stat') as f:
        return sum(int(line.split()[1], 16) for line in f)


def moved_to(macs, old):
    return [m for m in macs if m != old and m != '00:00:00:00:00:00']


def socket_in(netns):
    """A socket of network namespace netns (named by `ip netns`); this
    process stays where it is."""
    libc = ctypes.CDLL(None, use_errno=True)
    here = os.open('/proc/self/ns/net', os.O_RDONLY)
    there = os.open('/run/netns/' + netns, os.O_RDONLY)
    try:
        if libc.setns(there, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), 'setns ' + netns)
        try:
            return socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        finally:
            if libc.setns(here, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), 'setns back')
    finally:
        os.close(here)
        os.close(there)


def ifreq(dev, flags=0):
    return struct.pack('16sh22x', dev.encode(), flags)


def failover(args):
    sock = socket_in(args.pull_netns)
    got = fcntl.ioctl(sock, SIOCGIFFLAGS, ifreq(args.pull_dev))
    flags = struct.unpack('16sh22x', got)[1]
    prepared = arp_macs(args.prefix).count(args.old_mac)
    drops = softnet_drops()
    pulled = time.monotonic()
    fcntl.ioctl(sock, SIOCSIFFLAGS, ifreq(args.pull_dev, flags & ~IFF_UP))
    pull_s = time.monotonic() - pulled
    moved_1s, done_s, prev = None, 'nan', 0.0
    while True:
        moved = moved_to(arp_macs(args.prefix), args.old_mac)
        elapsed = time.monotonic() - pulled
        if moved_1s is None and elapsed >= 1.0:
            moved_1s = len(moved)
        if len(moved) >= args.count:
            done_s = '%.3f' % elapsed
            break
        if elapsed > args.timeout:
            break
        prev = elapsed
        time.sleep(FAST_POLL_S if elapsed < FAST_FOR_S else POLL_S)
    if moved_1s is None:
        moved_1s = len(moved)
    return ('pull_s=%.3f prepared=%d failover_s=%s failover_res_s=%.3f '
            'moved_1s=%d moved=%d new_macs=%s softnet_drops=%d' %
            (pull_s, prepared, done_s, elapsed - prev, moved_1s, len(moved),
             ','.join(sorted(set(moved))) or '-', softnet_drops() - drops))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest='what', required=True)
    d = sub.add_parser('discover')
    d.add_argument('--adapters', type=int, required=True)
    d.add_argument('--arpfo', required=True)
    d.add_argument('--timeout', type=float, default=60)
    d.add_argument('--tag', default='')
    d.add_argument('cmd', nargs='+')
    s = sub.add_parser('settle')
    s.add_argument('--arpfo', required=True)
    s.add_argument('--quiet', type=float, default=1.0)
    s.add_argument('--timeout', type=float, default=120)
    s.add_argument('--tag', default='')
    g = sub.add_parser('pnets')
    g.add_argument('--arpfo', required=True)
    g.add_argument('--tag', default='')
    f = sub.add_parser('failover')
    f.add_argument('--old-mac', required=True)
    f.add_argument('--count', type=int, required=True)
    f.add_argument('--prefix', default='10.1.')
    f.add_argument('--pull-netns', required=True)
    f.add_argument('--pull-dev', required=True)
    f.add_argument('--timeout', type=float, default=60)
    args = p.parse_args()
    print({'discover': discover, 'settle': settle, 'pnets': pnets,
           'failover': failover}[args.what](args))
    return 0


if __name__ == '__main__':
    sys.exit(main())
