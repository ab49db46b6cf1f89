#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""UDP datagrams from sockets set up as the egress scenarios need.

  egress_send.py FLOW...

  FLOW is DST[+N]:PORT[,OPTION...]: one datagram to DST:PORT, or one to
  each of N consecutive addresses from DST, each from its own socket
  (a connected socket would keep a route). OPTIONs:
      uid=N      the socket belongs to user N (its creator)
      dev=IF     SO_BINDTODEVICE to IF
      ucif=IF    IP_UNICAST_IF to IF
      src=ADDR   bound to ADDR, IP_TRANSPARENT (ADDR need not be local)
      tos=N      IP_TOS N

  Prints one line a flow: "FLOW sent=N" and, for each error the sends
  met, " ERRNAME=N" (e.g. ENETUNREACH=100), in the order given. Exit
  status 0 whatever the sends met; 2 on a bad FLOW.
"""
import errno
import ipaddress
import os
import socket
import struct
import sys

IP_TRANSPARENT = 19
IP_UNICAST_IF = 50


def parse(flow):
    """(first address, count, port, options) of a FLOW argument."""
    head, *opts = flow.split(',')
    dst, port = head.rsplit(':', 1)
    count = 1
    if '+' in dst:
        dst, n = dst.split('+')
        count = int(n)
    return ipaddress.IPv4Address(dst), count, int(port), \
        dict(o.split('=', 1) for o in opts)


def make_socket(opts):
    """A UDP socket set up as OPTS say; created as opts['uid'] if given."""
    uid = int(opts.get('uid', 0))
    if uid:
        os.seteuid(uid)
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    finally:
        if uid:
            os.seteuid(0)
    if 'dev' in opts:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                     opts['dev'].encode())
    if 'ucif' in opts:
        idx = socket.if_nametoindex(opts['ucif'])
        s.setsockopt(socket.IPPROTO_IP, IP_UNICAST_IF, struct.pack('!I', idx))
    if 'tos' in opts:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, int(opts['tos'], 0))
    if 'src' in opts:
        s.setsockopt(socket.IPPROTO_IP, IP_TRANSPARENT, 1)
        s.bind((opts['src'], 0))
    return s


def send_flow(flow):
    """Send FLOW's datagrams; its report line."""
    first, count, port, opts = parse(flow)
    sent, errors = 0, {}
    for i in range(count):
        with make_socket(opts) as s:
            try:
                s.sendto(b'arp_failover egress', (str(first + i), port))
                sent += 1
            except OSError as e:
                name = errno.errorcode.get(e.errno, str(e.errno))
                errors[name] = errors.get(name, 0) + 1
    return ' '.join([flow, f'sent={sent}'] +
                    [f'{k}={v}' for k, v in errors.items()])


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        for flow in sys.argv[1:]:
            parse(flow)
    except ValueError as e:
        print(f'egress_send.py: bad flow: {e}', file=sys.stderr)
        return 2
    for flow in sys.argv[1:]:
        print(send_flow(flow), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
