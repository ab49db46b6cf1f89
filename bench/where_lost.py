#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Read what bench/where_lost.sh left and say where each lost ping died.

Usage: bench/where_lost.py RESULTS_DIR
"""
import re
import sys


def seqs(path, want):
    """{icmp seq: [(time, line)]} of the ICMP echo lines matching want."""
    out = {}
    for line in open(path):
        m = re.search(r'ICMP echo (request|reply), id \d+, seq (\d+)', line)
        if m and m.group(1) == want:
            out.setdefault(int(m.group(2)), []).append(line.split()[0])
    return out


def main():
    d = sys.argv[1]
    ping = open(f'{d}/ping.out').read()
    lost = sorted({int(s) for s in re.findall(r'no answer yet for icmp_seq=(\d+)', ping)})
    got = {int(s) for s in re.findall(r'icmp_seq=(\d+) ttl', ping)}
    lost = [s for s in lost if s not in got]
    where = {
        'client sent request': seqs(f'{d}/c0.txt', 'request'),
        'host eth0 got request': seqs(f'{d}/h0.txt', 'request'),
        'host eth1 got request': seqs(f'{d}/h1.txt', 'request'),
        'host eth0 sent reply': seqs(f'{d}/h0.txt', 'reply'),
        'host eth1 sent reply': seqs(f'{d}/h1.txt', 'reply'),
        'client got reply': seqs(f'{d}/c0.txt', 'reply'),
    }
    print(f'lost pings: {len(lost)} {lost}')
    for s in lost:
        seen = [k for k, v in where.items() if s in v]
        print(f'  seq {s}: ' + ('; '.join(seen) or 'seen nowhere'))
    syms = []
    for line in open(f'{d}/kallsyms.txt'):
        addr, _, name = line.split()[:3]
        syms.append((int(addr, 16), name))
    syms.sort()

    def sym(addr):
        a = int(addr, 16)
        best = '?'
        lo, hi = 0, len(syms)
        while lo < hi:
            mid = (lo + hi) // 2
            if syms[mid][0] <= a:
                best = f'{syms[mid][1]}+0x{a - syms[mid][0]:x}'
                lo = mid + 1
            else:
                hi = mid
        return best

    drops = {}
    for line in open(f'{d}/trace.txt'):
        m = re.search(r'kfree_skb: .*protocol=(\d+) location=(\S+) reason:\s*(\S*)', line)
        if m:
            key = (sym(m.group(2)), int(m.group(1)), m.group(3))
            drops[key] = drops.get(key, 0) + 1
    print('drops (skb:kfree_skb) by place, protocol, reason:')
    for (loc, proto, why), n in sorted(drops.items(), key=lambda kv: -kv[1]):
        print(f'  {n:6d}  {loc}  0x{proto:04x}  {why}')
    # per cable pull: switch port closed -> host carrier event -> first GARP
    ev = []
    for line in open(f'{d}/trace.txt'):
        m = re.search(r'\s(\d+\.\d+): (afo_dev_close|afo_linkwatch|arp_failover_carrier|arp_failover_garp|kfree_skb)(.*)', line)
        if m:
            ev.append((float(m.group(1)), m.group(2), m.group(3)))
    print('per cable event (ms after the first linkwatch event, i.e. the carrier change itself):')
    i = 0
    while i < len(ev):
        t, what, rest = ev[i]
        if what != 'arp_failover_carrier':
            i += 1
            continue
        prev = max((j for j in range(i) if ev[j][1] == 'arp_failover_carrier'), default=-1)
        start = min((e[0] for e in ev[prev + 1:i] if e[1] == 'afo_linkwatch'), default=t)
        garp = next((e[0] for e in ev if e[1] == 'arp_failover_garp' and e[0] >= t), None)
        near = [e for e in ev if e[1] == 'kfree_skb' and start - 0.001 <= e[0] <= (garp or t) + 0.005]
        print(f'  {rest.strip()[2:]:20s} notifier +{(t - start) * 1e3:7.3f}  garp +{((garp or t) - start) * 1e3:7.3f}'
              f'  drops meanwhile: {len(near)}')
        for e in near:
            m = re.search(r'protocol=(\d+) location=(\S+) reason:\s*(\S*)', e[2])
            if m:
                print(f'      {(e[0] - start) * 1e3:7.3f} ms  {sym(m.group(2))}  0x{int(m.group(1)):04x}  {m.group(3)}')
        i += 1


main()
