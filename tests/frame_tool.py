#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw Ethernet frames for the end-to-end scenarios.

  frame_tool.py send IFACE HEX       send one frame (hex) on IFACE
  frame_tool.py flood IFACE HEX N    send that frame N times, at once
  frame_tool.py probes PCAP          print, one per line in hex, every
                                     arp_failover discovery probe in PCAP
  frame_tool.py forge SHA IFINDEX TIP   print a probe that claims SHA and
                                     IFINDEX but carries a made-up tag
  frame_tool.py padded SHA SIP TIP   print a plain who-has request whose
                                     padding starts with the probe magic
"""
import socket
import struct
import sys

# ARPFO_PROBE_MAGIC and the layout of struct arpfo_probe_tag, from
# include/uapi/linux/arp_failover_probe.h.
PROBE_MAGIC = 0xaf01
TAG_OFF = 14 + 28


def send(iface, hexframe):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    s.send(bytes.fromhex(hexframe))


def flood(iface, hexframe, count):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    frame = bytes.fromhex(hexframe)
    for _ in range(int(count)):
        s.send(frame)


def probes(path):
    with open(path, 'rb') as f:
        data = f.read()
    off = 24                                  # pcap global header
    while off + 16 <= len(data):
        caplen = struct.unpack_from('<I', data, off + 8)[0]
        frame = data[off + 16:off + 16 + caplen]
        off += 16 + caplen
        if len(frame) >= TAG_OFF + 18 and frame[12:14] == b'\x08\x06' and \
                struct.unpack_from('>H', frame, TAG_OFF)[0] == PROBE_MAGIC:
            print(frame.hex())


def forge(sha, ifindex, tip):
    mac = bytes.fromhex(sha.replace(':', ''))
    arp = struct.pack('>HHBBH', 1, 0x0800, 6, 4, 1) + mac + bytes(4) + \
        bytes(6) + socket.inet_aton(tip)
    tag = struct.pack('>HII', PROBE_MAGIC, int(ifindex), 1) + b'forgedtg'
    print((b'\xff' * 6 + mac + b'\x08\x06' + arp + tag).hex())


def padded(sha, sip, tip):
    mac = bytes.fromhex(sha.replace(':', ''))
    arp = struct.pack('>HHBBH', 1, 0x0800, 6, 4, 1) + mac + \
        socket.inet_aton(sip) + bytes(6) + socket.inet_aton(tip)
    pad = struct.pack('>H', PROBE_MAGIC) + bytes(16)
    print((b'\xff' * 6 + mac + b'\x08\x06' + arp + pad).hex())


def main(argv):
    cmds = {'send': (send, 2), 'flood': (flood, 3), 'probes': (probes, 1),
            'forge': (forge, 3), 'padded': (padded, 3)}
    if len(argv) < 2 or argv[1] not in cmds or len(argv) - 2 != cmds[argv[1]][1]:
        sys.exit(__doc__)
    cmds[argv[1]][0](*argv[2:])


if __name__ == '__main__':
    main(sys.argv)
