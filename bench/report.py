#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns the raw numbers of bench/failover.sh into the benchmark report."""
import re
import sys


def percentile(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def latencies(trace_path):
    """Carrier loss of eth0 -> first GARP for 10.0.0.1 from eth1, in ms."""
    line_re = re.compile(r'\s(\d+\.\d+): (arp_failover_\w+): (.*)$')
    out, down_at = [], None
    with open(trace_path) as f:
        for line in f:
            m = line_re.search(line)
            if not m:
                continue
            ts, event, args = float(m.group(1)), m.group(2), m.group(3)
            if event == 'arp_failover_carrier' and 'dev=eth0 carrier=0' in args:
                down_at = ts
            elif event == 'arp_failover_garp' and down_at is not None and \
                    'dev=eth1 ip=10.0.0.1' in args:
                out.append((ts - down_at) * 1000.0)
                down_at = None
    return out


def ratio(a, b):
    return 'n/a (arp_failover: 0)' if b == 0 else '%.1fx' % (a / b)


def main(raw_path, trace_path):
    rows = {}
    with open(raw_path) as f:
        for line in f:
            mode, phase, sent, lost, stall = line.split()
            rows[(mode, phase)] = (int(sent), int(lost), float(stall))
    print('%-16s %-9s %6s %6s %14s' % ('mode', 'phase', 'pings', 'lost', 'tcp stall ms'))
    for (mode, phase), (sent, lost, stall) in rows.items():
        print('%-16s %-9s %6d %6d %14.1f' % (mode, phase, sent, lost, stall))
    print()
    for phase in ('takeover', 'reclaim'):
        afo = rows.get(('afo-0', phase))
        for bond in ('bond-100', 'bond-10'):
            b = rows.get((bond, phase))
            if afo and b:
                print('%s %s vs arp_failover: lost pings %s, tcp stall %s' %
                      (phase, bond, ratio(b[1], afo[1]), ratio(b[2], afo[2])))
    lat = latencies(trace_path)
    print()
    if lat:
        print('arp_failover takeover latency (carrier event -> first GARP), n=%d: '
              'p50 %.3f ms, p99 %.3f ms, max %.3f ms' %
              (len(lat), percentile(lat, 50), percentile(lat, 99), max(lat)))
    else:
        print('arp_failover takeover latency: no samples')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
