#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The byte offset of a member of a kernel struct, read from the running
kernel's BTF, for kprobe fetch arguments (+OFFSET(%reg)) on kernels whose
kprobe events cannot name members themselves (before 6.8).

Usage: bench/btf_offset.py STRUCT MEMBER [BTF_FILE]
Prints the offset in bytes; members of anonymous structs and unions are
searched too. Exit status 1 when the struct or member is not found.
"""
import struct
import sys

# kinds (include/uapi/linux/btf.h) and the bytes that follow their header
INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, \
    RESTRICT, FUNC, FUNC_PROTO, VAR, DATASEC, FLOAT, DECL_TAG, TYPE_TAG, \
    ENUM64 = range(1, 20)


def extra(kind, vlen):
    if kind in (INT, VAR, DECL_TAG):
        return 4
    if kind == ARRAY:
        return 12
    if kind in (STRUCT, UNION, DATASEC, ENUM64):
        return 12 * vlen
    if kind in (ENUM, FUNC_PROTO):
        return 8 * vlen
    return 0


def load(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic, _ver, _flags, hdr_len, type_off, type_len, str_off, _str_len = \
        struct.unpack_from('<HBBIIIII', data)
    if magic != 0xeb9f:
        raise SystemExit(f'{path}: not BTF')
    strs = hdr_len + str_off

    def name(off):
        end = data.index(b'\0', strs + off)
        return data[strs + off:end].decode()

    types = [None]		# type id 0 is void
    pos = hdr_len + type_off
    end = pos + type_len
    while pos < end:
        name_off, info, size = struct.unpack_from('<III', data, pos)
        kind = (info >> 24) & 0x1f
        vlen = info & 0xffff
        kflag = info >> 31
        members = []
        if kind in (STRUCT, UNION):
            for i in range(vlen):
                m_name, m_type, m_off = struct.unpack_from('<III', data, pos + 12 + 12 * i)
                bits = m_off & 0xffffff if kflag else m_off
                members.append((name(m_name), m_type, bits))
        types.append((kind, name(name_off), size, members))
        pos += 12 + extra(kind, vlen)
    return types


def resolve(types, tid):
    """Through typedefs and qualifiers to the struct or union."""
    while types[tid][0] in (TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG):
        tid = types[tid][2]
    return tid


def find(types, tid, member, base=0):
    for m_name, m_type, bits in types[tid][3]:
        if m_name == member:
            return base + bits
        sub = resolve(types, m_type)
        if not m_name and types[sub][0] in (STRUCT, UNION):
            off = find(types, sub, member, base + bits)
            if off is not None:
                return off
    return None


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    types = load(argv[3] if len(argv) == 4 else '/sys/kernel/btf/vmlinux')
    for tid, t in enumerate(types):
        if t and t[0] == STRUCT and t[1] == argv[1]:
            off = find(types, tid, argv[2])
            if off is not None:
                print(off // 8)
                return 0
    print(f'btf_offset: struct {argv[1]} has no member {argv[2]}', file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
