#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The table of bench/netns_scale.sh: one column per run (none, module,
baseline, none again), the raw numbers, and the ratio of the module's to
the mean of the runs without it (and of the baseline's, if run).
Reports, never asserts."""
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
    others = [lab for lab in ('module', 'baseline') if lab in labels]
    print(f'{"":32}' + ''.join(f'{lab:>10}' for lab in labels) +
          ''.join(f'{lab + "/none":>15}' for lab in others))
    for key, name in ROWS:
        vals = [float(r.get(key, 'nan')) for r in runs]

        def mean(label):
            v = [x for x, r in zip(vals, runs) if r['label'] == label]
            return sum(v) / len(v) if v else 0
        none = mean('none')
        ratios = ''.join(f'{mean(lab) / none:15.2f}' if none else f'{"-":>15}'
                         for lab in others)
        print(f'{name:32}' + ''.join(f'{v:10.0f}' if v >= 10 else f'{v:10.2f}'
                                     for v in vals) + ratios)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
