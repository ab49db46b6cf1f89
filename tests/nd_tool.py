#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Neighbour solicitations for the IPv6 scenarios, well-formed or not.

  nd_tool.py solicit IFACE TARGET [options]
      send one neighbour solicitation for TARGET from IFACE (its MAC) and
      print, as JSON, the advertisements for TARGET that came back within
      --wait ms: {"macs": [...], "flags": [...], "verdict": single|none|
      multiple}. Exit status 0 whatever came back.

  options (each makes a solicitation the kernel's ND would drop or treat
  specially; the module must do the same):
      --src ADDR     IPv6 source (default: IFACE's first global address)
      --dad          source :: (a duplicate address detection probe)
      --hop N        hop limit (ND requires 255)
      --code N       ICMPv6 code (ND requires 0)
      --bad-csum     a wrong ICMPv6 checksum
      --opt KIND     source link-layer option: sllao (default), none,
                     zero-length, overrun (runs past the end)
      --sllao MAC    the MAC in the source link-layer option, where the
                     answer goes (default: IFACE's)
      --short        cut the message before the target's last bytes
      --mcast-target a multicast target (ff02::1)
      --unicast MAC  to TARGET itself at MAC instead of its
                     solicited-node group
      --wait MS      how long to listen (default 300)
      --macs         print only the MACs that answered, space-separated
                     (one process fewer for the scenarios: TCG is slow)
"""
import argparse
import ipaddress
import json
import select
import socket
import struct
import sys
import time

ETH_P_IPV6 = 0x86dd
ICMPV6 = 58
NS, NA = 135, 136


def mac_bytes(text):
    return bytes.fromhex(text.replace(':', ''))


def mac_text(raw):
    return ':'.join(f'{b:02x}' for b in raw)


def iface_mac(iface):
    with open(f'/sys/class/net/{iface}/address') as f:
        return mac_bytes(f.read().strip())


def iface_global(iface):
    with open('/proc/net/if_inet6') as f:
        for line in f:
            addr, _, _, scope, _, name = line.split()
            if name == iface and scope == '00':
                return ipaddress.IPv6Address(bytes.fromhex(addr))
    sys.exit(f'nd_tool.py: {iface} has no global IPv6 address')


def checksum(src, dst, payload):
    pseudo = src.packed + dst.packed + struct.pack('>IxxxB', len(payload), ICMPV6)
    data = pseudo + payload
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack(f'>{len(data) // 2}H', data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def solicitation(a, mac):
    lladdr = mac_bytes(a.sllao) if a.sllao else mac
    target = ipaddress.IPv6Address(a.target)
    if a.mcast_target:
        target = ipaddress.IPv6Address('ff02::1')
    src = ipaddress.IPv6Address('::') if a.dad else \
        ipaddress.IPv6Address(a.src) if a.src else iface_global(a.iface)
    if a.unicast:
        dst, dmac = target, mac_bytes(a.unicast)
    else:
        low = ipaddress.IPv6Address(a.target).packed[13:]
        dst = ipaddress.IPv6Address(b'\xff\x02' + bytes(9) + b'\x01\xff' + low)
        dmac = b'\x33\x33\xff' + low
    opt = {'sllao': b'\x01\x01' + lladdr, 'none': b'',
           'zero-length': b'\x01\x00' + lladdr,
           'overrun': b'\x01\x02' + lladdr}[a.opt]
    if a.dad and a.opt == 'sllao':
        opt = b''
    body = struct.pack('>BBHI', NS, a.code, 0, 0) + target.packed + opt
    if a.short:
        body = body[:20]
    csum = checksum(src, dst, body)
    if a.bad_csum:
        csum ^= 0x5555
    body = body[:2] + struct.pack('>H', csum) + body[4:]
    ip6 = struct.pack('>IHBB', 6 << 28, len(body), ICMPV6, a.hop) + \
        src.packed + dst.packed
    return dmac + mac + struct.pack('>H', ETH_P_IPV6) + ip6 + body


def advertisement_for(frame, target):
    """(source MAC, flags) of an NA for @target in @frame, else None."""
    if len(frame) < 14 + 40 + 24 or frame[12:14] != b'\x86\xdd' or \
            frame[20] != ICMPV6 or frame[54] != NA:
        return None
    if frame[62:78] != target.packed:
        return None
    bits = frame[58]
    flags = ''.join(f for f, b in (('R', 0x80), ('S', 0x40), ('O', 0x20))
                    if bits & b)
    return mac_text(frame[6:12]), flags


def solicit(a):
    mac = iface_mac(a.iface)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_IPV6))
    s.bind((a.iface, 0))
    s.send(solicitation(a, mac))
    target = ipaddress.IPv6Address(a.target)
    macs, flags = [], []
    end = time.monotonic() + a.wait / 1000
    while (left := end - time.monotonic()) > 0:
        if not select.select([s], [], [], left)[0]:
            break
        frame, info = s.recvfrom(2048)
        if info[2] == socket.PACKET_OUTGOING:
            continue
        na = advertisement_for(frame, target)
        if na and na[0] not in macs:
            macs.append(na[0])
            flags.append(na[1])
    verdict = 'none' if not macs else 'single' if len(macs) == 1 else 'multiple'
    if a.macs:
        print(' '.join(macs))
    else:
        print(json.dumps({'macs': macs, 'flags': flags, 'verdict': verdict}))


def main(argv):
    p = argparse.ArgumentParser(usage=__doc__)
    p.add_argument('cmd', choices=['solicit'])
    p.add_argument('iface')
    p.add_argument('target')
    p.add_argument('--src')
    p.add_argument('--dad', action='store_true')
    p.add_argument('--hop', type=int, default=255)
    p.add_argument('--code', type=int, default=0)
    p.add_argument('--bad-csum', action='store_true')
    p.add_argument('--opt', default='sllao',
                   choices=['sllao', 'none', 'zero-length', 'overrun'])
    p.add_argument('--sllao')
    p.add_argument('--short', action='store_true')
    p.add_argument('--mcast-target', action='store_true')
    p.add_argument('--unicast')
    p.add_argument('--wait', type=int, default=300)
    p.add_argument('--macs', action='store_true')
    solicit(p.parse_args(argv[1:]))


if __name__ == '__main__':
    main(sys.argv)
