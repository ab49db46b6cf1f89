#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns the raw numbers of bench/failover.sh into the benchmark report.

Usage: bench/report.py RESULTS_DIR
Reads events.csv and trace.txt there; writes events-latency.csv (the raw
events with their carrier -> first ARP time) and stalls.png (when
matplotlib is there), and prints the table.
"""
import csv
import math
import re
import sys

SYSTEMS = {
    'afo': 'arp_failover',
    'bond100': 'bonding active-backup, miimon 100',
    'bond10': 'bonding active-backup, miimon 10',
    'team': 'teamd activebackup, ethtool watcher',
    'ctl': 'control: no failover, a dummy device of the switch toggled (the VM\'s own cost)',
}


# The client adapter of each system (bench/failover.sh: client_if).
CLIENT_IF = {'afo': 'cla', 'bond100': 'clb', 'bond10': 'clc', 'team': 'cld',
             'ctl': 'cle'}


def percentile(values, p):
    """Nearest-rank percentile; nan for no values."""
    s = sorted(v for v in values if not math.isnan(v))
    if not s:
        return math.nan
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


def trace_events(path):
    """[(time, kind, dev)] of the benchmark's kprobes, in order."""
    rx = re.compile(r'\s(\d+\.\d+): (afo_carrier_off|afo_carrier_on|afo_arp_rcv): .*dev="([^"]*)"')
    out = []
    with open(path) as f:
        for line in f:
            m = rx.search(line)
            if m:
                out.append((float(m.group(1)), m.group(2), m.group(3)))
    return out


def latency(trace, row):
    """Carrier event of the host's eth0 -> first ARP at the client, in ms."""
    if row['system'] == 'ctl':
        return math.nan		# no carrier changes there
    want = 'afo_carrier_off' if row['kind'] == 'takeover' else 'afo_carrier_on'
    cl = CLIENT_IF.get(row['system'], 'cld')
    t0 = float(row['t_action']) - 0.05	# /proc/uptime has 10 ms steps
    carrier = next((t for t, k, d in trace if k == want and t0 <= t < t0 + 1), None)
    if carrier is None:
        return math.nan
    arp = next((t for t, k, d in trace if k == 'afo_arp_rcv' and d == cl and
                carrier <= t < carrier + 1.5), None)
    return math.nan if arp is None else (arp - carrier) * 1000.0


def fmt(v, digits=1):
    return '-' if math.isnan(v) else f'{v:.{digits}f}'


def main(d):
    with open(f'{d}/events.csv') as f:
        rows = list(csv.DictReader(f))
    trace = trace_events(f'{d}/trace.txt')
    for r in rows:
        r['carrier_to_arp_ms'] = latency(trace, r)
    with open(f'{d}/events-latency.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)

    print('%-9s %-9s %4s  %-17s  %-15s  %-19s' %
          ('system', 'event', 'n', 'pings lost', 'tcp stall ms', 'carrier->ARP ms'))
    print('%-9s %-9s %4s  %5s %5s %5s  %7s %7s  %9s %9s' %
          ('', '', '', 'mean', 'p50', 'p99', 'p50', 'p99', 'p50', 'p99'))
    stalls = {}
    for sys_ in SYSTEMS:
        for kind in ('takeover', 'reclaim'):
            rs = [r for r in rows if r['system'] == sys_ and r['kind'] == kind]
            if not rs:
                continue
            lost = [float(r['pings_lost']) for r in rs]
            stall = [float(r['tcp_stall_ms']) for r in rs]
            lat = [r['carrier_to_arp_ms'] for r in rs]
            stalls[(sys_, kind)] = stall
            print('%-9s %-9s %4d  %5.2f %5s %5s  %7s %7s  %9s %9s' %
                  (sys_, kind, len(rs), sum(lost) / len(lost),
                   fmt(percentile(lost, 50), 0), fmt(percentile(lost, 99), 0),
                   fmt(percentile(stall, 50)), fmt(percentile(stall, 99)),
                   fmt(percentile(lat, 50), 3), fmt(percentile(lat, 99), 3)))
    print()
    for k, v in SYSTEMS.items():
        print(f'  {k}: {v}')
    print('  pings: 10 ms apart, 150 per event; tcp stall: longest gap between two round trips of a')
    print('  one-byte TCP ping-pong; carrier->ARP: netif_carrier_off/on of the host\'s eth0 to the first')
    print('  ARP frame the client receives (the gratuitous ARP in practice), kprobes in one trace.')
    plot(stalls, f'{d}/stalls.png')


def plot(stalls, path):
    try:
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
    except ImportError:
        print('(no plot: python3-matplotlib is not installed)')
        return
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, kind in zip(axes, ('takeover', 'reclaim')):
        keys = [s for s in SYSTEMS if (s, kind) in stalls]
        ax.boxplot([stalls[(s, kind)] for s in keys], labels=keys, whis=(1, 99))
        ax.set_title(f'{kind}: TCP longest stall')
        ax.set_ylabel('ms')
        ax.grid(axis='y', alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    print(f'plot: {path}')


if __name__ == '__main__':
    main(sys.argv[1])
