#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw Ethernet frames for the end-to-end scenarios.

  frame_tool.py send IFACE HEX       send one frame (hex) on IFACE
  frame_tool.py flood IFACE HEX N    send that frame N times, at once
  frame_tool.py replay IFACE SECONDS FILE
                                     send every frame of FILE (hex, one a
                                     line) on IFACE, again and again (a pass
                                     every 50 ms) for SECONDS; print how
                                     many were sent
  frame_tool.py probes PCAP          print, one per line in hex, every
                                     arp_failover discovery probe in PCAP
  frame_tool.py lives PCAP           print, one per line in hex, every
                                     arp_failover liveness frame in PCAP
                                     (EtherType 0x88b5, not ARP)
  frame_tool.py persec PCAP START SECONDS
                                     print, for each second of SECONDS from
                                     START (epoch seconds), "ARP LIVE": the
                                     ARP frames and arp_failover liveness
                                     frames in PCAP that second
  frame_tool.py origin HEX           print the origin (decimal) of the
                                     probe or liveness frame HEX
  frame_tool.py seq HEX              print its sequence number (decimal)
  frame_tool.py retag HEX MAGIC      print the probe HEX with its tag's
                                     magic replaced by MAGIC (0xaf03: the
                                     ARP-shaped liveness frame of earlier
                                     versions), the rest untouched
  frame_tool.py aslive PROBE LIVE    print the liveness frame LIVE carrying
                                     the tag of the probe PROBE (under the
                                     liveness magic), the rest untouched
  frame_tool.py reorigin HEX ORIGIN  print it with the tag's origin
                                     replaced by ORIGIN, the rest untouched
  frame_tool.py forge SHA ORIGIN IFINDEX TIP
                                     print a probe that claims SHA, ORIGIN
                                     (decimal or 0x hex) and IFINDEX but
                                     carries a made-up tag MAC
  frame_tool.py padded SHA SIP TIP   print a plain who-has request whose
                                     padding starts with the probe magic
"""
import socket
import struct
import sys
import time

# ARPFO_PROBE_MAGIC, ARPFO_LIVE_MAGIC, ARPFO_LIVE_ETHERTYPE,
# ARPFO_PROBE_TAG_LEN, ARPFO_LIVE_FRAME_LEN and the layouts of struct
# arpfo_probe_tag (magic, origin, ifindex, seq, mac[8]) and struct
# arpfo_live_frame (the tag, rx_ifindex, pnet), from
# include/uapi/linux/arp_failover_probe.h. A probe's tag follows its ARP
# payload; a liveness frame's, the Ethernet header.
PROBE_MAGIC = 0xaf02
LIVE_MAGIC = 0xaf04
LIVE_ETHERTYPE = 0x88b5
TAG_LEN = 22
TAG_FORMAT = '>HIII8s'
TAG_OFF = 14 + 28
LIVE_LEN = 30
LIVE_OFF = 14
assert struct.calcsize(TAG_FORMAT) == TAG_LEN


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


def replay(iface, seconds, path):
    """Every frame of the file in turn, over and over, for @seconds: one
    process for the whole burst (a process start takes a second or more
    under TCG)."""
    with open(path) as f:
        frames = [bytes.fromhex(line.split('#')[0].strip())
                  for line in f if line.split('#')[0].strip()]
    if not frames:
        sys.exit(f'frame_tool.py: {path}: no frames')
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    sent = 0
    end = time.monotonic() + float(seconds)
    while True:
        for frame in frames:
            s.send(frame)
            sent += 1
        if time.monotonic() >= end:
            break
        time.sleep(0.05)
    print(sent)


def is_tagged(frame, magics):
    """A probe's shape, as the module reads it: an ARP request from
    0.0.0.0 with one of @magics after the payload, and a whole tag."""
    return len(frame) >= TAG_OFF + TAG_LEN and frame[12:14] == b'\x08\x06' and \
        frame[20:22] == b'\x00\x01' and frame[28:32] == bytes(4) and \
        struct.unpack_from('>H', frame, TAG_OFF)[0] in magics


def is_probe(frame):
    return is_tagged(frame, (PROBE_MAGIC,))


def is_live(frame):
    """A liveness frame: EtherType 0x88b5, the liveness magic, whole."""
    return len(frame) >= LIVE_OFF + LIVE_LEN and \
        struct.unpack_from('>HH', frame, 12) == (LIVE_ETHERTYPE, LIVE_MAGIC)


def tag_offset(frame):
    """Where the tag of a probe or liveness frame starts."""
    return LIVE_OFF if is_live(frame) else TAG_OFF


def pcap_records(path):
    """(seconds since the epoch, frame) of every record of a pcap file
    (microsecond timestamps, little endian: tcpdump's, here)."""
    with open(path, 'rb') as f:
        data = f.read()
    off = 24                                  # pcap global header
    while off + 16 <= len(data):
        sec, usec, caplen = struct.unpack_from('<III', data, off)
        yield sec + usec / 1e6, data[off + 16:off + 16 + caplen]
        off += 16 + caplen


def pcap_frames(path):
    for _, frame in pcap_records(path):
        yield frame


def persec(path, start_text, seconds_text):
    start, seconds = float(start_text), int(seconds_text)
    counts = [[0, 0] for _ in range(seconds)]
    for when, frame in pcap_records(path):
        i = int(when - start)
        if 0 <= when - start and i < seconds:
            counts[i][0] += frame[12:14] == b'\x08\x06'
            counts[i][1] += is_live(frame)
    for arp, live in counts:
        print(arp, live)


def probes(path):
    for frame in pcap_frames(path):
        if is_probe(frame):
            print(frame.hex())


def lives(path):
    for frame in pcap_frames(path):
        if is_live(frame):
            print(frame.hex())


def tagged(hexframe, probe=True, live=True):
    """The frame HEX, which must be a probe (if @probe) or a liveness
    frame (if @live)."""
    try:
        frame = bytes.fromhex(hexframe)
    except ValueError:
        frame = b''
    if not (probe and is_probe(frame) or live and is_live(frame)):
        what = ' or '.join(w for w, ok in (('probe', probe), ('liveness frame', live)) if ok)
        sys.exit(f'frame_tool.py: not a {what}: {hexframe}')
    return bytearray(frame)


def origin(hexframe):
    frame = tagged(hexframe)
    print(struct.unpack_from(TAG_FORMAT, frame, tag_offset(frame))[1])


def seq(hexframe):
    frame = tagged(hexframe)
    print(struct.unpack_from(TAG_FORMAT, frame, tag_offset(frame))[3])


def u32(text):
    """A u32 written in decimal or 0x hex."""
    try:
        value = int(text, 16) if text.lower().startswith('0x') else int(text, 10)
    except ValueError:
        value = -1
    if not 0 <= value <= 0xffffffff:
        sys.exit(f'frame_tool.py: {text}: not a u32 (decimal or 0x hex)')
    return value


def retag(hexframe, magic_text):
    frame = tagged(hexframe, live=False)
    magic = u32(magic_text)
    if magic > 0xffff:
        sys.exit(f'frame_tool.py: {magic_text}: not a u16')
    struct.pack_into('>H', frame, TAG_OFF, magic)
    print(frame.hex())


def aslive(probe_hex, live_hex):
    probe = tagged(probe_hex, live=False)
    frame = tagged(live_hex, probe=False)
    frame[LIVE_OFF + 2:LIVE_OFF + TAG_LEN] = probe[TAG_OFF + 2:TAG_OFF + TAG_LEN]
    print(frame.hex())


def reorigin(hexframe, origin_text):
    frame = tagged(hexframe)
    struct.pack_into('>I', frame, tag_offset(frame) + 2, u32(origin_text))
    print(frame.hex())


def forge(sha, origin_text, ifindex, tip):
    mac = bytes.fromhex(sha.replace(':', ''))
    arp = struct.pack('>HHBBH', 1, 0x0800, 6, 4, 1) + mac + bytes(4) + \
        bytes(6) + socket.inet_aton(tip)
    tag = struct.pack(TAG_FORMAT, PROBE_MAGIC, u32(origin_text), u32(ifindex), 1,
                      b'forgedtg')
    print((b'\xff' * 6 + mac + b'\x08\x06' + arp + tag).hex())


def padded(sha, sip, tip):
    mac = bytes.fromhex(sha.replace(':', ''))
    arp = struct.pack('>HHBBH', 1, 0x0800, 6, 4, 1) + mac + \
        socket.inet_aton(sip) + bytes(6) + socket.inet_aton(tip)
    pad = struct.pack('>H', PROBE_MAGIC) + bytes(TAG_LEN - 2)
    print((b'\xff' * 6 + mac + b'\x08\x06' + arp + pad).hex())


def main(argv):
    cmds = {'send': (send, 2), 'flood': (flood, 3), 'replay': (replay, 3),
            'probes': (probes, 1), 'lives': (lives, 1), 'persec': (persec, 3),
            'origin': (origin, 1),
            'seq': (seq, 1), 'retag': (retag, 2), 'aslive': (aslive, 2),
            'reorigin': (reorigin, 2),
            'forge': (forge, 4), 'padded': (padded, 3)}
    if len(argv) < 2 or argv[1] not in cmds or len(argv) - 2 != cmds[argv[1]][1]:
        sys.exit(__doc__)
    cmds[argv[1]][0](*argv[2:])


if __name__ == '__main__':
    main(sys.argv)
