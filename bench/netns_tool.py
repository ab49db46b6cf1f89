#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The two halves of the namespace benchmark (bench/netns_scale.sh).

hold N: as an unprivileged user (uid 65534) with a user namespace of its
own, as rootless container tools do, create a hub namespace and N
"container" namespaces, each with two veth pairs to the hub: eth0
(10.0.0.2/24) and eth1 (10.0.1.2/24), up, their peers up in the hub and
connected to nothing. Each container has two adapters with carrier on
two LANs of their own, no pnet of two: what the module manages there is
idle. (A veth pair with both ends in one namespace is one segment: its
ends hear each other's probes and are one pnet.) Prints "ready N" once
they exist and keeps them until its stdin closes.

measure LABEL: in the initial namespace, as root: RTNL hold times over an
idle window, then the latency of SAMPLES veth pairs added and deleted
(the RTM_NEWLINK and RTM_DELLINK that `ip link add/del` send), with the
RTNL hold times over that window too. RTNL hold times come from kprobes:
from the return of rtnl_lock(), rtnl_lock_killable() or a successful
rtnl_trylock() to __rtnl_unlock() in the same task. Prints one line of
key=value pairs; reports, never asserts.
"""
import ctypes
import os
import re
import resource
import socket
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
NOBODY = 65534

RTM_NEWLINK, RTM_DELLINK, RTM_SETLINK, RTM_NEWADDR, NLMSG_ERROR = 16, 17, 19, 20, 2
IFA_ADDRESS, IFA_LOCAL, IFLA_NET_NS_FD = 1, 2, 28
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 1, 4, 0x200, 0x400
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
IFLA_INFO_KIND, IFLA_INFO_DATA, VETH_INFO_PEER = 1, 2, 1
IFF_UP = 1

TRACING = '/sys/kernel/tracing'
GROUP = 'afo_netns_rtnl'
PROBES = [
    f'r:{GROUP}/lock rtnl_lock',
    f'r:{GROUP}/killable rtnl_lock_killable ret=$retval:s32',
    f'r:{GROUP}/trylock rtnl_trylock ret=$retval:s32',
    f'p:{GROUP}/unlock __rtnl_unlock',
]


def attr(kind, payload):
    """One netlink attribute, padded to 4 bytes."""
    n = 4 + len(payload)
    return struct.pack('HH', n, kind) + payload + b'\0' * (-n % 4)


def ifinfo(flags=0, change=0):
    return struct.pack('BxHiII', socket.AF_UNSPEC, 0, 0, flags, change)


def name(a):
    return attr(IFLA_IFNAME, a.encode() + b'\0')


def veth_msg(a, b, peer_ns=None):
    """A veth pair, down, as `ip link add A type veth peer name B`; the
    peer in the namespace of fd @peer_ns if given."""
    peer = ifinfo() + name(b)
    if peer_ns is not None:
        peer += attr(IFLA_NET_NS_FD, struct.pack('I', peer_ns))
    info = attr(IFLA_INFO_KIND, b'veth\0') + \
        attr(IFLA_INFO_DATA, attr(VETH_INFO_PEER, peer))
    return ifinfo() + name(a) + attr(IFLA_LINKINFO, info)


class Rtnl:
    """A NETLINK_ROUTE socket of the current namespace, requests acked."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  socket.NETLINK_ROUTE)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, kind, flags, body):
        self.seq += 1
        hdr = struct.pack('IHHII', 16 + len(body), kind,
                          NLM_F_REQUEST | NLM_F_ACK | flags, self.seq, 0)
        self.sock.send(hdr + body)
        while True:
            data = self.sock.recv(65536)
            _, typ, _, seq, _ = struct.unpack_from('IHHII', data)
            if typ == NLMSG_ERROR and seq == self.seq:
                err = struct.unpack_from('i', data, 16)[0]
                if err:
                    raise OSError(-err, f'rtnetlink {kind}: {os.strerror(-err)}')
                return

    def veth_add(self, a, b, peer_ns=None):
        self.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
                     veth_msg(a, b, peer_ns))

    def addr_add(self, a, ip, plen):
        raw = socket.inet_aton(ip)
        self.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
                     struct.pack('BBBBI', socket.AF_INET, plen, 0, 0,
                                 socket.if_nametoindex(a)) +
                     attr(IFA_LOCAL, raw) + attr(IFA_ADDRESS, raw))

    def link_up(self, a):
        self.request(RTM_SETLINK, 0, ifinfo(IFF_UP, IFF_UP) + name(a))

    def link_del(self, a):
        self.request(RTM_DELLINK, 0, ifinfo() + name(a))

    def close(self):
        self.sock.close()


def unshare(flags):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags):
        err = ctypes.get_errno()
        raise OSError(err, f'unshare({flags:#x}): {os.strerror(err)}')


def hold(n):
    resource.setrlimit(resource.RLIMIT_NOFILE, (n + 64, n + 64))
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    try:
        unshare(CLONE_NEWUSER)
    except OSError as e:
        print(f'error: no user namespace for uid {NOBODY}: {e}', flush=True)
        return 1
    t0 = time.monotonic()
    unshare(CLONE_NEWNET)
    hub = os.open('/proc/self/ns/net', os.O_RDONLY)
    fds = []
    for i in range(n):
        unshare(CLONE_NEWNET)
        fds.append(os.open('/proc/self/ns/net', os.O_RDONLY))
        nl = Rtnl()
        for k in range(2):
            nl.veth_add(f'eth{k}', f'c{i}e{k}', hub)
            nl.addr_add(f'eth{k}', f'10.0.{k}.2', 24)
            nl.link_up(f'eth{k}')
        nl.close()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(hub, CLONE_NEWNET):
        raise OSError(ctypes.get_errno(), 'setns to the hub')
    nl = Rtnl()
    for i in range(n):
        for k in range(2):
            nl.link_up(f'c{i}e{k}')
    nl.close()
    print(f'ready {len(fds)} uid={os.getuid()} secs={time.monotonic() - t0:.1f}',
          flush=True)
    sys.stdin.read()
    return 0


def write(path, text, mode='w'):
    """Write to a tracefs file; 'a' appends (kprobe_events) without the
    seek to the end that open(..., 'a') makes, which tracefs refuses."""
    flags = os.O_WRONLY | (os.O_APPEND if mode == 'a' else os.O_TRUNC)
    fd = os.open(f'{TRACING}/{path}', flags)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def trace_setup():
    if not os.path.exists(f'{TRACING}/kprobe_events'):
        os.system(f'mount -t tracefs nodev {TRACING}')
    if not os.path.isdir(f'{TRACING}/events/{GROUP}'):
        for p in PROBES:
            for probe in (p, p.replace('__rtnl', 'rtnl')):
                # rtnl_unlock() reaches __rtnl_unlock() through
                # netdev_run_todo() before any wait: the fallback
                try:
                    write('kprobe_events', probe + '\n', 'a')
                    break
                except OSError:
                    with open(f'{TRACING}/error_log') as f:
                        print(f'# kprobe {probe!r}: {f.read().strip()}',
                              file=sys.stderr)
    write('buffer_size_kb', '32768')
    write('trace_clock', 'mono')
    write(f'events/{GROUP}/enable', '1')
    write('tracing_on', '0')


LINE = re.compile(r'^\s*(.*)-(\d+)\s+\[\d+\].*?\s(\d+\.\d+): (\w+): .*?(?:ret=(-?\d+))?$')


def holds(text):
    """RTNL holds in a trace: [(comm, seconds)], and entries lost."""
    start, out = {}, []
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        comm, pid, ts, ev, ret = m.groups()
        ts = float(ts)
        if ev == 'lock' or (ev in ('killable', 'trylock') and ret is not None and
                            int(ret) == (0 if ev == 'killable' else 1)):
            start[pid] = ts
        elif ev == 'unlock' and pid in start:
            out.append((comm, ts - start.pop(pid)))
    return out


def pct(v, p):
    if not v:
        return 0
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


def traced(fn):
    """Run fn with the RTNL kprobes on: (fn's result, holds, seconds)."""
    write('trace', '')
    write('tracing_on', '1')
    t0 = time.monotonic()
    res = fn()
    secs = time.monotonic() - t0
    write('tracing_on', '0')
    with open(f'{TRACING}/trace') as f:
        text = f.read()
    return res, holds(text), secs


def summary(prefix, hs, secs):
    us = [h * 1e6 for _, h in hs]
    work = [h * 1e6 for c, h in hs if c.startswith('kworker')]
    return (f'{prefix}_s={secs:.2f} {prefix}_holds={len(us)} '
            f'{prefix}_held_ms_per_s={sum(us) / 1e3 / secs:.2f} '
            f'{prefix}_hold_p50_us={pct(us, 50):.0f} {prefix}_hold_p99_us={pct(us, 99):.0f} '
            f'{prefix}_hold_max_us={max(us, default=0):.0f} '
            f'{prefix}_work_holds={len(work)} '
            f'{prefix}_work_held_ms_per_s={sum(work) / 1e3 / secs:.2f}')


def measure(label, samples, idle_s):
    trace_setup()
    _, idle, idle_secs = traced(lambda: time.sleep(idle_s))
    nl = Rtnl()

    def sample():
        add, dele = [], []
        for i in range(samples):
            t0 = time.perf_counter()
            nl.veth_add('bnx0', 'bnx1')
            t1 = time.perf_counter()
            nl.link_del('bnx0')
            t2 = time.perf_counter()
            add.append((t1 - t0) * 1e6)
            dele.append((t2 - t1) * 1e6)
        return add, dele
    (add, dele), busy, busy_secs = traced(sample)
    nl.close()
    print(f'label={label} samples={samples} '
          f'add_p50_us={pct(add, 50):.0f} add_p99_us={pct(add, 99):.0f} '
          f'add_mean_us={sum(add) / len(add):.0f} '
          f'del_p50_us={pct(dele, 50):.0f} del_p99_us={pct(dele, 99):.0f} '
          f'{summary("idle", idle, idle_secs)} {summary("busy", busy, busy_secs)}',
          flush=True)
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'hold':
        return hold(int(sys.argv[2]))
    if len(sys.argv) == 5 and sys.argv[1] == 'measure':
        return measure(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    print('usage: netns_tool.py hold N | measure LABEL SAMPLES IDLE_S',
          file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
