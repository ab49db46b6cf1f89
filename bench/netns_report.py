#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The table of bench/netns_scale.sh: one column per run (none, module,
baseline, none again), the raw numbers, and the ratio of the module's to
the mean of the runs without it. Reports, never asserts."""
import sys

ROWS = [
    ('add_p50_us', 'veth pair add p50 (us)'),
    ('add_p99_us', 'veth pair add p99 (us)'),
    ('del_p50_us', 'veth pair del p50 (us)'),
    ('del_p99_us', 'veth pair del p99 (us)'),
    ('idle_holds', 'RTNL holds, idle window'),
    ('idle_held_ms_per_s', 'RTNL held ms/s, idle'),
    ('idle_work_held_ms_per_s', '  of which works (ms/s)'),
    ('idle_hold_p99_us', 'RTNL hold p99, idle (us)'),
    ('busy_held_ms_per_s', 'RTNL held ms/s, adding'),
    ('busy_hold_p50_us', 'RTNL hold p50, adding (us)'),
    ('busy_hold_p99_us', 'RTNL hold p99, adding (us)'),
    ('busy_work_holds', 'holds by works, adding'),
]


def main(path):
    runs = []
    with open(path) as f:
        for line in f:
            kv = dict(p.split('=', 1) for p in line.split() if '=' in p)
            if 'label' in kv:
                runs.append(kv)
    labels = [r['label'] for r in runs]
    print(f'{"":32}' + ''.join(f'{lab:>12}' for lab in labels) +
          f'{"module/none":>13}')
    for key, name in ROWS:
        vals = [float(r.get(key, 'nan')) for r in runs]
        none = [v for v, r in zip(vals, runs) if r['label'] == 'none']
        mod = [v for v, r in zip(vals, runs) if r['label'] == 'module']
        base = sum(none) / len(none) if none else 0
        ratio = f'{mod[0] / base:13.2f}' if mod and base else f'{"-":>13}'
        print(f'{name:32}' + ''.join(f'{v:12.0f}' if v >= 10 else f'{v:12.2f}'
                                     for v in vals) + ratio)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
