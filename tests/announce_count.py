#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What a client heard of a host's announcements, from a capture.

  announce_count.py PCAP SINCE

PCAP holds the client's frames (tcpdump -w, microsecond timestamps);
SINCE is the time (seconds since the epoch, as date +%s.%N) the takeover
began. Prints one JSON object:

  garps      {IPv4 address: [seconds after SINCE, ...]} of every
             gratuitous ARP (a request whose sender and target are one
             address)
  nas        {IPv6 address: [seconds after SINCE, ...]} of every
             unsolicited neighbour advertisement with override set
"""
import ipaddress
import json
import struct
import sys

ETH_P_ARP = 0x0806
ETH_P_IPV6 = 0x86dd
ICMPV6 = 58
NA = 136


def pcap_records(path):
    """(timestamp, frame) of each record of a microsecond pcap file."""
    with open(path, 'rb') as f:
        data = f.read()
    off = 24                                  # pcap global header
    while off + 16 <= len(data):
        sec, usec, caplen = struct.unpack_from('<III', data, off)
        yield sec + usec / 1e6, data[off + 16:off + 16 + caplen]
        off += 16 + caplen


def garp_address(frame):
    """The address of a gratuitous ARP, else None."""
    if len(frame) < 42 or struct.unpack_from('!H', frame, 12)[0] != ETH_P_ARP:
        return None
    op = struct.unpack_from('!H', frame, 20)[0]
    sip, tip = frame[28:32], frame[38:42]
    if op != 1 or sip != tip:
        return None
    return str(ipaddress.IPv4Address(sip))


def na_target(frame):
    """The target of an unsolicited advertisement with override, else None."""
    if len(frame) < 78 or struct.unpack_from('!H', frame, 12)[0] != ETH_P_IPV6:
        return None
    if frame[20] != ICMPV6 or frame[54] != NA:
        return None
    flags = frame[58]
    if flags & 0x40 or not flags & 0x20:     # solicited, or no override
        return None
    return str(ipaddress.IPv6Address(frame[62:78]))


def main(argv):
    path, since = argv[1], float(argv[2])
    out = {'garps': {}, 'nas': {}}
    for ts, frame in pcap_records(path):
        addr = garp_address(frame)
        kind = 'garps'
        if addr is None:
            addr, kind = na_target(frame), 'nas'
        if addr is not None:
            out[kind].setdefault(addr, []).append(round(ts - since, 6))
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
