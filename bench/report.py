#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns the raw numbers of bench/failover.sh into the benchmark report.

Usage: bench/report.py RESULTS_DIR
Reads events.csv and trace.txt there; writes events-latency.csv (the raw
events with their carrier -> first ARP time, or for the silent failures
block -> first gratuitous ARP time) and stalls.png (when matplotlib is
there), and prints the tables: cable pulls, then silent failures.
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

# Silent failures: the carrier stays up, a host adapter's switch port is
# blocked (eth0; safo1b: eth1).
SILENT = {
    'safo': 'arp_failover, no configuration but a default route via the gateway through each adapter',
    'safo1': 'arp_failover, no configuration but one default route via the gateway (on eth0, the port blocked)',
    'safo1b': 'as safo1, but eth1\'s port blocked (the adapter without the route), 10.0.0.2 pinged',
    'sbond': 'bonding active-backup, arp_interval 100, arp_validate all, arp_ip_target the gateway',
}
# The pairs compared in the ratio rows: (ours, theirs). bonding holds
# every address on its active slave, the port blocked: safo1b's blocked
# port holds the pinged address as well.
SILENT_PAIRS = (('safo', 'sbond'), ('safo1', 'sbond'), ('safo1b', 'sbond'))
# The address whose gratuitous ARP a silent system's event waits for
# (bench/failover.sh: target), as the u32 the kprobe reads (little-endian).
SILENT_ADDR = {'safo1b': 0x0200000a}
SILENT_ADDR_DEFAULT = 0x0100000a

# IPv6: cable pulls with an IPv6-only host and client.
IPV6 = {
    'afo6': 'arp_failover, IPv6 only (unsolicited neighbour advertisements)',
    'bond6': 'bonding active-backup, miimon 100, num_unsol_na 3, IPv6 only',
}
IPV6_PAIR = ('afo6', 'bond6')


# The client adapter of each system (bench/failover.sh: client_if).
CLIENT_IF = {'afo': 'cla', 'bond100': 'clb', 'bond10': 'clc', 'team': 'cld',
             'ctl': 'cle', 'safo': 'sla', 'sbond': 'slb', 'safo1': 'slc',
             'safo1b': 'sld'}
# How long after the block a gratuitous ARP still counts: the next event
# comes 3.5 s after it at the earliest.
SILENT_WINDOW_S = 3.0


def percentile(values, p):
    """Nearest-rank percentile; nan for no values."""
    s = sorted(v for v in values if not math.isnan(v))
    if not s:
        return math.nan
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


def trace_events(path):
    """[(time, kind, dev, sip)] of the benchmark's kprobes, in order; sip
    is the ARP sender address of afo_garp_rcv (a u32 as read), else None."""
    rx = re.compile(r'\s(\d+\.\d+): (afo_carrier_off|afo_carrier_on|afo_arp_rcv|'
                    r'afo_port_state|afo_garp_rcv): .*dev="([^"]*)"'
                    r'(?: state=(\d+))?(?: sip=(\w+))?')
    out = []
    with open(path) as f:
        for line in f:
            m = rx.search(line)
            if m:
                kind = m.group(2)
                if kind == 'afo_port_state':	# 1: blocked, 3: forwarding
                    kind = 'afo_port_block' if m.group(4) == '1' else 'afo_port_unblock'
                sip = int(m.group(5), 0) if m.group(5) else None
                out.append((float(m.group(1)), kind, m.group(3), sip))
    return out


def silent_latency(trace, row, t_end):
    """Port blocked (unblocked) -> first gratuitous ARP for the pinged
    address (10.0.0.1, safo1b: 10.0.0.2) at the client, in ms; the block
    comes before @t_end, the next event's t_action."""
    want = 'afo_port_block' if row['kind'] == 'takeover' else 'afo_port_unblock'
    cl = CLIENT_IF[row['system']]
    addr = SILENT_ADDR.get(row['system'], SILENT_ADDR_DEFAULT)
    t0 = float(row['t_action']) - 0.05	# /proc/uptime has 10 ms steps
    # the block comes after several process starts: 1.7-5.5 s after
    # t_action under TCG with other VMs on the machine
    block = next((t for t, k, d, _ in trace if k == want and t0 <= t < t_end), None)
    if block is None:
        return math.nan
    garp = next((t for t, k, d, sip in trace if k == 'afo_garp_rcv' and d == cl and
                 sip == addr and block <= t < block + SILENT_WINDOW_S), None)
    return math.nan if garp is None else (garp - block) * 1000.0


def latency(trace, row, t_end):
    """Carrier event of the host's eth0 -> first ARP at the client, in ms;
    @t_end: the next event's t_action."""
    if row['system'] in SILENT:
        return silent_latency(trace, row, t_end)
    if row['system'] == 'ctl' or row['system'] in IPV6:
        return math.nan		# no carrier changes there; no ARP at all
    want = 'afo_carrier_off' if row['kind'] == 'takeover' else 'afo_carrier_on'
    cl = CLIENT_IF.get(row['system'], 'cld')
    t0 = float(row['t_action']) - 0.05	# /proc/uptime has 10 ms steps
    carrier = next((t for t, k, d, _ in trace if k == want and t0 <= t < t0 + 1), None)
    if carrier is None:
        return math.nan
    arp = next((t for t, k, d, _ in trace if k == 'afo_arp_rcv' and d == cl and
                carrier <= t < carrier + 1.5), None)
    return math.nan if arp is None else (arp - carrier) * 1000.0


def fmt(v, digits=1):
    return '-' if math.isnan(v) else f'{v:.{digits}f}'


def ratio(a, b):
    """a / b as '0.42x'; '-' when either is missing, 'n/a (0)' for b = 0."""
    if math.isnan(a) or math.isnan(b):
        return '-'
    if b == 0:
        return 'n/a (0)' if a else '1.00x'
    return f'{a / b:.2f}x'


def summarize(sel):
    """Pings lost, TCP stall and latency of the events @sel: (stats, stalls)."""
    lost = [float(r['pings_lost']) for r in sel]
    stall = [float(r['tcp_stall_ms']) for r in sel]
    lat = [r['carrier_to_arp_ms'] for r in sel]
    return ({'n': len(sel), 'lost_mean': sum(lost) / len(lost),
             'lost50': percentile(lost, 50), 'lost99': percentile(lost, 99),
             'stall50': percentile(stall, 50), 'stall99': percentile(stall, 99),
             'lat50': percentile(lat, 50), 'lat99': percentile(lat, 99),
             'no_lat': sum(1 for v in lat if math.isnan(v))}, stall)


def ratio_rows(stats, pair, keys, row_format):
    """One row per event kind: ours / theirs for each of @keys; @row_format
    starts with a column wide enough for "OURS/THEIRS KIND"."""
    ours, theirs = pair
    for kind in ('takeover', 'reclaim'):
        a, b = stats.get((ours, kind)), stats.get((theirs, kind))
        if a and b:
            print(row_format % ((f'{ours}/{theirs} {kind}', '') +
                                tuple(ratio(a[k], b[k]) for k in keys)))


def silent_table(rows):
    """Silent failures: one row per system and event, then the ratios of
    arp_failover to bonding, p50 and p99 of each measure."""
    rs = [r for r in rows if r['system'] in SILENT]
    if not rs:
        return {}
    print()
    print('silent failure: carrier up, a host adapter\'s switch port blocked (listening) and unblocked')
    print('%-12s %-9s %4s  %-17s  %-15s  %-19s  %6s' %
          ('system', 'event', 'n', 'pings lost', 'tcp stall ms', 'block->GARP ms', 'no'))
    print('%-12s %-9s %4s  %5s %5s %5s  %7s %7s  %9s %9s  %6s' %
          ('', '', '', 'mean', 'p50', 'p99', 'p50', 'p99', 'p50', 'p99', 'GARP'))
    stats = {}
    stalls = {}
    for sys_ in SILENT:
        for kind in ('takeover', 'reclaim'):
            sel = [r for r in rs if r['system'] == sys_ and r['kind'] == kind]
            if not sel:
                continue
            st, stalls[(sys_, kind)] = summarize(sel)
            stats[(sys_, kind)] = st
            print('%-12s %-9s %4d  %5.2f %5s %5s  %7s %7s  %9s %9s  %6d' %
                  (sys_, kind, st['n'], st['lost_mean'], fmt(st['lost50'], 0),
                   fmt(st['lost99'], 0), fmt(st['stall50']), fmt(st['stall99']),
                   fmt(st['lat50'], 3), fmt(st['lat99'], 3), st['no_lat']))
    for pair in SILENT_PAIRS:
        ratio_rows(stats, pair, ('lost_mean', 'lost50', 'lost99', 'stall50',
                                 'stall99', 'lat50', 'lat99'),
                   '%-22s %4s  %5s %5s %5s  %7s %7s  %9s %9s')
    print()
    for k, v in SILENT.items():
        print(f'  {k}: {v}')
    print('  block->GARP: the switch port\'s state set to listening (kprobe on br_set_state) to the first')
    print('  gratuitous ARP for the pinged address (sender = target = 10.0.0.1, safo1b: 10.0.0.2;')
    print(f'  kprobe on arp_rcv) the client receives within {SILENT_WINDOW_S:.0f} s; reclaim: set to forwarding')
    print('  again. "no GARP": events without one (not in the percentiles). pings: 300, 10 ms apart;')
    print('  tcp ping-pong 3 s, one still stalled 4 s after its end stopped, its whole window')
    print('  (7000 ms) counting.')
    print('  safo/sbond, safo1/sbond, safo1b/sbond: ratio of each column, below 1 means arp_failover')
    print('  did better.')
    return stalls


def ipv6_table(rows):
    """IPv6 cable pulls: pings lost and TCP stall per system and event,
    then the ratios of arp_failover to bonding."""
    rs = [r for r in rows if r['system'] in IPV6]
    if not rs:
        return {}
    print()
    print('IPv6: cable pulled and plugged, IPv6-only host and client')
    print('%-9s %-9s %4s  %-17s  %-15s' % ('system', 'event', 'n', 'pings lost', 'tcp stall ms'))
    print('%-9s %-9s %4s  %5s %5s %5s  %7s %7s' %
          ('', '', '', 'mean', 'p50', 'p99', 'p50', 'p99'))
    stats, stalls = {}, {}
    for sys_ in IPV6:
        for kind in ('takeover', 'reclaim'):
            sel = [r for r in rs if r['system'] == sys_ and r['kind'] == kind]
            if not sel:
                continue
            st, stalls[(sys_, kind)] = summarize(sel)
            stats[(sys_, kind)] = st
            print('%-9s %-9s %4d  %5.2f %5s %5s  %7s %7s' %
                  (sys_, kind, st['n'], st['lost_mean'], fmt(st['lost50'], 0),
                   fmt(st['lost99'], 0), fmt(st['stall50']), fmt(st['stall99'])))
    ratio_rows(stats, IPV6_PAIR, ('lost_mean', 'lost50', 'lost99', 'stall50', 'stall99'),
               '%-19s %4s  %5s %5s %5s  %7s %7s')
    ours, theirs = IPV6_PAIR
    print()
    for k, v in IPV6.items():
        print(f'  {k}: {v}')
    print('  pings (ping to 2001:db8::1): 10 ms apart, 150 per event; tcp ping-pong over IPv6 as above.')
    print(f'  {ours}/{theirs}: ratio of each column, below 1 means arp_failover did better.')
    return stalls


def main(d):
    with open(f'{d}/events.csv') as f:
        rows = list(csv.DictReader(f))
    trace = trace_events(f'{d}/trace.txt')
    # events.csv is in the order of the events
    ends = [float(r['t_action']) - 0.05 for r in rows[1:]] + [math.inf]
    for r, t_end in zip(rows, ends):
        r['carrier_to_arp_ms'] = latency(trace, r, t_end)
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
    print('  A ping-pong still stalled 4 s after its end is stopped: its whole window (6000 ms) counts.')
    stalls.update(silent_table(rows))
    stalls.update(ipv6_table(rows))
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
        keys = [s for s in list(SYSTEMS) + list(SILENT) + list(IPV6)
                if (s, kind) in stalls]
        ax.boxplot([stalls[(s, kind)] for s in keys], labels=keys, whis=(1, 99))
        ax.set_title(f'{kind}: TCP longest stall')
        ax.set_ylabel('ms')
        ax.grid(axis='y', alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    print(f'plot: {path}')


if __name__ == '__main__':
    main(sys.argv[1])
