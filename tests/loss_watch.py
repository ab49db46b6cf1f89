#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Watch a network manager take addresses off an adapter, and what
arp_failover says about it, on one clock: for the network-manager
scenarios (tests/nm_lib.bash).

  loss_watch.py IFNAME SECONDS ADDRESS...

Run in the namespace of IFNAME. Prints "ready" once it listens, then,
when every ADDRESS left IFNAME and the module said so (one
ARPFO_EVENT_ADDR_LOST per address and its log line, which it writes once
per adapter), or after SECONDS, one JSON object:

  {"carrier_lost": T or null, "deleted": {ADDRESS: T},
   "event": {ADDRESS: T}, "logged": T or null, "line": "..." or null}

T is the CLOCK_MONOTONIC second at which this process received IFNAME's
first RTM_NEWLINK without carrier, the address's RTM_DELADDR, the
module's event, or the kernel log line. All are received here, so their
differences hold whatever the clock of the kernel log; a message received
late makes the module look slower, never faster.
"""
import json
import os
import re
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl_tool  # noqa: E402 (the family lookup and attribute parser)

RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR = 0x1, 0x10, 0x100
RTM_NEWLINK, RTM_DELADDR = 16, 21
IFF_LOWER_UP = 0x10000
IFA_ADDRESS, IFA_LOCAL = 1, 2
LOG_TEXT = "removed while"


def canonical(addr):
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    return socket.inet_ntop(family, socket.inet_pton(family, addr))


def route_socket():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    sock.bind((0, RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR))
    return sock


def route_events(data, ifindex):
    """("carrier", None) for each RTM_NEWLINK of ifindex without carrier
    and ("deleted", ADDRESS) for each address of it an RTM_DELADDR
    removed, in data."""
    while len(data) >= 16:
        mlen, mtype = struct.unpack_from("=IH", data)
        body = data[16:mlen]
        data = data[(mlen + 3) & ~3:]
        if mtype == RTM_NEWLINK and len(body) >= 16:
            _, _, index, flags = struct.unpack_from("=BxHiI", body)
            if index == ifindex and not flags & IFF_LOWER_UP:
                yield "carrier", None
        if mtype != RTM_DELADDR or len(body) < 8:
            continue
        family, _, _, _, index = struct.unpack_from("=BBBBI", body)
        if index != ifindex:
            continue
        attrs = dict(genl_tool.parse_attrs(body[8:]))
        raw = attrs.get(IFA_LOCAL if family == socket.AF_INET else IFA_ADDRESS)
        if raw:
            yield "deleted", socket.inet_ntop(family, raw)


def event_socket():
    g = genl_tool.Genl()
    family, _, groups = g.family()
    g.sock.setsockopt(genl_tool.SOL_NETLINK, genl_tool.NETLINK_ADD_MEMBERSHIP,
                      groups["events"])
    return g.sock, family


def lost_addrs(data, family, ifname):
    """The addresses of ifname in the ARPFO_EVENT_ADDR_LOST events in data."""
    names = genl_tool.NAMES
    while len(data) >= 16:
        mlen, mtype = struct.unpack_from("=IH", data)
        body = data[16:mlen]
        data = data[(mlen + 3) & ~3:]
        if mtype != family:
            continue
        attrs = dict(genl_tool.parse_attrs(body[4:]))
        kind = struct.unpack("=I", attrs.get(names["ARPFO_A_EVENT_TYPE"], b"\0" * 4))[0]
        name = attrs.get(names["ARPFO_A_EVENT_IFNAME"], b"").rstrip(b"\0").decode()
        if kind != names["ARPFO_EVENT_ADDR_LOST"] or name != ifname:
            continue
        if names["ARPFO_A_EVENT_ADDR6"] in attrs:
            yield socket.inet_ntop(socket.AF_INET6, attrs[names["ARPFO_A_EVENT_ADDR6"]])
        elif names["ARPFO_A_EVENT_ADDR"] in attrs:
            yield socket.inet_ntop(socket.AF_INET, attrs[names["ARPFO_A_EVENT_ADDR"]])


def kmsg_open():
    fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
    os.lseek(fd, 0, os.SEEK_END)
    return fd


def kmsg_lines(fd):
    """The kernel log records written since the last call."""
    while True:
        try:
            record = os.read(fd, 8192).decode(errors="replace")
        except BlockingIOError:
            return
        except BrokenPipeError:	# overwritten before we read it
            continue
        yield record.split(";", 1)[-1].split("\n", 1)[0]


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    ifname, seconds = argv[1], float(argv[2])
    want = [canonical(a) for a in argv[3:]]
    ifindex = socket.if_nametoindex(ifname)
    rt = route_socket()
    ev, family = event_socket()
    kmsg = kmsg_open()
    line_re = re.compile(re.escape(f"{ifname}: arp_failover: ") +
                         r"(\S+) " + LOG_TEXT)
    out = {"carrier_lost": None, "deleted": {}, "event": {}, "logged": None,
           "line": None}
    print("ready", flush=True)

    def done():
        return all(a in out["deleted"] and a in out["event"] for a in want) \
            and out["logged"] is not None

    end = time.monotonic() + seconds
    while not done() and (left := end - time.monotonic()) > 0:
        ready = select.select([rt, ev, kmsg], [], [], left)[0]
        now = time.monotonic()
        if rt in ready:
            for kind, a in route_events(rt.recv(65536), ifindex):
                if kind == "carrier":
                    out["carrier_lost"] = out["carrier_lost"] or now
                else:
                    out["deleted"].setdefault(a, now)
        if ev in ready:
            for a in lost_addrs(ev.recv(65536), family, ifname):
                out["event"].setdefault(a, now)
        if kmsg in ready:
            for text in kmsg_lines(kmsg):
                if out["line"] is None and line_re.search(text):
                    out["logged"], out["line"] = now, text
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
