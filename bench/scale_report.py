#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns the raw lines of bench/scale.sh (one run a line, key=value pairs)
into the scale benchmark report. Reports, never judges: every number is
as measured, under qemu TCG, in one VM run."""
import math
import sys


def load(path):
    runs = []
    with open(path) as f:
        for line in f:
            pairs = [w.split('=', 1) for w in line.split() if '=' in w]
            if pairs:
                runs.append(dict(pairs))
    return runs


def num(run, key):
    """The number under key, or None when missing or not a number."""
    try:
        v = float(run[key])
    except (KeyError, TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def find(runs, **want):
    for r in runs:
        if all(r.get(k) == str(v) for k, v in want.items()):
            return r
    return None


def cell(v, fmt='%.3f', none='-'):
    return none if v is None else fmt % v


def ratio(a, b):
    if a is None or b is None:
        return '-'
    if b == 0:
        return 'n/a (0)'
    return '%.2fx' % (a / b)


def configs(runs):
    seen = []
    for r in runs:
        if r.get('run') == 'afo':
            key = (int(r['a']), int(r['n']))
            if key not in seen:
                seen.append(key)
    return seen


def table(title, header, rows, notes=()):
    print(title)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for line in [header] + rows:
        print('  ' + '  '.join(str(x).rjust(w) for x, w in zip(line, widths)))
    for n in notes:
        print('  ' + n)
    print()


def moved_cell(r, n):
    """'moved of N' at the end, when not all moved."""
    moved = num(r, 'moved')
    if moved is None:
        return '-'
    return 'all' if moved >= n else '%d of %d' % (moved, n)


def failover_cells(r, n):
    if r is None:
        return ['-'] * 4
    return [cell(num(r, 'failover_s')),
            cell(num(r, 'failover_res_s')),
            cell(num(r, 'moved_1s'), '%d'),
            moved_cell(r, n)]


def report_add(runs, cfgs):
    rows = []
    for a, n in cfgs:
        s, m = find(runs, run='stock', a=a, n=n), find(runs, run='afo', a=a, n=n)
        st, mt = s and num(s, 'add_s'), m and num(m, 'add_s')
        rows.append([a, n, cell(st), cell(mt), ratio(mt, st),
                     cell(m and num(m, 'add_settle_s')),
                     cell(m and num(m, 'add_announcements'), '%d')])
    table('1. Adding N addresses to eth0 with one `ip -batch` (seconds; the ip '
          'process start included)',
          ['A', 'N', 'stock s', 'module s', 'module/stock',
           'module settle s', 'announcements'], rows,
          ['settle: after ip returned, until the module had sent its last '
           'announcement (polled, 0.3 s apart);',
           'announcements: gratuitous ARPs the module had sent by then, '
           'all adapters, since insmod.'])


def report_failover(runs, cfgs):
    rows, details = [], []
    for a, n in cfgs:
        m = find(runs, run='afo', a=a, n=n)
        b = find(runs, run='bond', a=a, n=n)
        rows.append([a, n] + failover_cells(m, n) + failover_cells(b, n) +
                    [ratio(b and num(b, 'failover_s'), m and num(m, 'failover_s'))])
        if m is not None:
            macs = m.get('new_macs', '-')
            details.append([a, n, 0 if macs == '-' else len(macs.split(',')),
                            m.get('log_takeovers', '-'), m.get('log_pnet_moves', '-'),
                            m.get('after_pnets', '-'), m.get('softnet_drops', '-'),
                            b.get('softnet_drops', '-') if b else '-'])
    table('2. Failover: eth0\'s cable pulled until the client holds the '
          'backup\'s MAC for all N addresses (seconds)',
          ['A', 'N', 'afo s', 'res', 'moved@1s', 'reached',
           'bond s', 'res', 'moved@1s', 'reached', 'bond/afo'], rows,
          ['afo: arp_failover; bond: bonding active-backup over eth0+eth1 '
           '(A=2 only), miimon 10, fail_over_mac=active.',
           'fail_over_mac=active: bond0 takes the new active slave\'s MAC '
           'and announces every address of bond0 with it, once; with the',
           'default (fail_over_mac=0) the MAC never changes and there is '
           'nothing for peers to learn, so no like-for-like number.',
           'The client held the old MAC for all N addresses (stale entries '
           'from an ip batch); its /proc/net/arp was polled 10 ms',
           'apart for 0.5 s, then 0.1 s apart; res: time since the poll '
           'before, which still saw fewer moved (the resolution).',
           'reached: how many had moved when polling ended (all, or the '
           'count after the timeout); "-" under afo/bond s: not all did.'])
    table('2b. During the failover',
          ['A', 'N', 'afo backups', 'takeovers logged', 'pnet moves logged',
           'pnets after', 'drops afo', 'drops bond'], details,
          ['backups: how many different MACs the client learnt for the N '
           'addresses; takeovers, pnet moves: arp_failover\'s kernel log',
           'lines (rate-limited: at least this many); pnets after: `arpfo '
           'show` when polling ended (1 = all adapters still together).',
           'drops: frames the input backlogs dropped (/proc/net/softnet_stat). '
           'In this VM every frame of every namespace passes',
           'the one CPU\'s backlog (netdev_max_backlog), and the bridge '
           'floods each announcement to every host adapter too: a burst',
           'beyond it is lost here, discovery probes with it, where on a '
           'real segment the client and the host would each have their',
           'own CPUs and NIC rings (SCALE_BACKLOG raises the backlog).'])


def report_discovery(runs, cfgs):
    rows = []
    for a, n in cfgs:
        m = find(runs, run='afo', a=a, n=n)
        if m is None:
            continue
        rows.append([a, n] + [cell(num(m, k)) for k in (
            'insmod_s', 'discovery_s', 'discovery_res_s',
            'rmmod_s', 're_insmod_s', 're_discovery_s', 're_discovery_res_s')])
    table('3. Discovery: from insmod\'s start until `arpfo show` lists all A '
          'adapters healthy on one pnet (seconds)',
          ['A', 'N', 'insmod', 'discovery', 'res',
           'rmmod with N', 'insmod with N', 'discovery with N', 'res'], rows,
          ['First load: adapters with their own address only (N does not '
           'matter yet, the columns repeat the measurement);',
           'then, after the failover and reclaim: rmmod and load again '
           'with the N addresses on eth0. res: the poll resolution.'])


def rate(r, key):
    frames, secs = num(r, key), num(r, 'idle_s')
    if frames is None or not secs:
        return None
    return frames / secs


def report_idle(runs, cfgs):
    rows = []
    reverify = None
    for a, n in cfgs:
        m = find(runs, run='afo', a=a, n=n)
        if m is None:
            continue
        reverify = num(m, 'reverify_s') or reverify
        rows.append([a, n, cell(num(m, 'idle_s'), '%.1f'),
                     cell(num(m, 'idle_frames'), '%d'),
                     cell(rate(m, 'idle_frames'), '%.2f'),
                     cell(rate(m, 'idle_host'), '%.2f'),
                     cell(rate(m, 'idle_probes'), '%.2f')])
    for kind in ('stock', 'afo'):
        s = find(runs, run='single', kind=kind)
        if s is not None:
            rows.append(['1 alone', '0 (%s)' % kind, cell(num(s, 'idle_s'), '%.1f'),
                         cell(num(s, 'idle_frames'), '%d'),
                         cell(rate(s, 'idle_frames'), '%.2f'),
                         cell(rate(s, 'idle_host'), '%.2f'),
                         cell(rate(s, 'idle_probes'), '%.2f')])
    notes = ['Captured on the client\'s eth0 once the module had settled '
             '(after the N addresses were announced). host: frames',
             'from the host\'s adapters; probes: discovery probes among them '
             '(sender 0.0.0.0). "1 alone": one host adapter, one client.']
    if reverify:
        notes.append('The module re-verifies each adapter every reverify_s=%d s: '
                     'expect A/%d probes a second in the long run; a window'
                     % (reverify, reverify))
        notes.append('shorter than that samples it (SCALE_IDLE_S sets the '
                     'window).')
    table('4. Idle segment: ARP frames the client hears (frames/s)',
          ['A', 'N', 'window s', 'frames', 'all/s', 'host/s', 'probes/s'],
          rows, notes)


def report_liveness(runs, cfgs):
    rows = []
    for a, n in cfgs:
        m = find(runs, run='afo', a=a, n=n)
        if m is None or num(m, 'live_cpu_pct') is None:
            continue
        on, off = num(m, 'live_cpu_pct'), num(m, 'nolive_cpu_pct')
        rows.append([a, n, cell(num(m, 'live_live_fps'), '%d'),
                     cell(on, '%.1f'), cell(off, '%.1f'),
                     cell(on - off if off is not None else None, '%+.1f')])
    table('4b. What liveness costs an idle host (VM busy CPU %, one vCPU, TCG)',
          ['A', 'N', 'liveness frames/s', 'busy, on', 'busy, off', 'on - off'],
          rows, ['One window of SCALE_CPU_S (10) s each, liveness_ms=50 '
                 '(the default), then 0; side by side in one run.',
                 'Expected frames: 2 per adapter per round, 20 rounds a '
                 'second: 40 per adapter per second.'])


def per_adapter(runs, kind, key, n):
    """kB -> bytes per adapter between the fewest and most adapters."""
    pts = sorted((int(r['a']), num(r, key)) for r in runs
                 if r.get('run') == kind and r.get('n') == str(n) and
                 num(r, key) is not None)
    if len(pts) < 2 or pts[0][0] == pts[-1][0]:
        return None, pts
    (a0, k0), (a1, k1) = pts[0], pts[-1]
    return (k1 - k0) * 1024.0 / (a1 - a0), pts


def report_memory(runs, cfgs):
    rows = []
    for a, n in cfgs:
        s, m = find(runs, run='stock', a=a, n=n), find(runs, run='afo', a=a, n=n)
        sk, mk = s and num(s, 'add_kb'), m and num(m, 'add_kb')
        per = None if sk is None or mk is None else (mk - sk) * 1024.0 / n
        rows.append([a, n, cell(sk, '%d'), cell(mk, '%d'),
                     cell(sk and sk * 1024.0 / n, '%.0f'),
                     cell(mk and mk * 1024.0 / n, '%.0f'), cell(per, '%.0f')])
    table('5a. Memory per address (approximate): unreclaimable slab growth '
          'while adding the N addresses',
          ['A', 'N', 'stock kB', 'module kB', 'stock B/addr',
           'module B/addr', 'module-stock B/addr'], rows,
          ['SUnreclaim of /proc/meminfo before the batch and 1 s after it '
           '(and after the module settled); slab pages, not objects:',
           'small N is below its resolution.'])
    rows = []
    for n in sorted({n for _, n in cfgs}):
        per, pts = per_adapter(runs, 'afo', 'insmod_kb', n)
        stock, spts = per_adapter(runs, 'stock', 'topo_kb', n)
        rows.append([n, ' '.join('A=%d:%d' % (a, k) for a, k in pts),
                     cell(per, '%.0f'),
                     ' '.join('A=%d:%d' % (a, k) for a, k in spts),
                     cell(stock, '%.0f')])
    table('5b. Memory per adapter (approximate)',
          ['N', 'insmod kB by A', 'module B/adapter',
           'stock topology kB by A', 'stock B/adapter'], rows,
          ['insmod: slab growth from insmod until discovery settled, on the '
           'topology with A adapters (no extra addresses yet); the',
           'module\'s fixed cost cancels in the difference between the '
           'fewest and the most adapters, leaving its cost per adapter.',
           'stock topology: what building the topology (a veth pair and a '
           'bridge port per adapter) cost the stock kernel, for scale.'])


def report_errors(runs):
    bad = [r for r in runs if 'error' in r]
    if bad:
        print('Runs with errors:')
        for r in bad:
            print('  run=%s a=%s n=%s error=%s' % (r.get('run'), r.get('a'),
                                                  r.get('n'), r['error']))
        print()


def main(path):
    runs = load(path)
    cfgs = configs(runs)
    if not cfgs:
        print('no arp_failover runs in %s' % path)
        return 1
    print('arp_failover scale benchmark: A adapters on one segment, N '
          'addresses on eth0; qemu TCG, one VM run, stock and module')
    print('runs alternating, each in a fresh topology. Raw numbers: %s' % path)
    env = find(runs, run='env')
    if env:
        print('kernel %s; netdev_max_backlog %s; polls give up after %s s\n' %
              (env.get('kernel'), env.get('backlog'), env.get('wait_s')))
    else:
        print()
    report_add(runs, cfgs)
    report_failover(runs, cfgs)
    report_discovery(runs, cfgs)
    report_idle(runs, cfgs)
    report_liveness(runs, cfgs)
    report_memory(runs, cfgs)
    report_errors(runs)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
