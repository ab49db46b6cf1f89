#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink requests to the arp_failover family, for the
end-to-end scenarios: what arpfo never sends (unknown attributes, values
out of range, wrong sizes, reserved flags) and a look at the attributes
exactly as the kernel sent them.

  genl_tool.py family                  print "id=N version=N"
  genl_tool.py dump CMD [ATTR...]      a dump of CMD with ATTRs in the request
  genl_tool.py do CMD [ATTR...]        a request of CMD, acknowledged
  genl_tool.py listen SECONDS          print "listening" once subscribed,
                                       then the events of that long

CMD and attribute types are names of include/uapi/linux/arp_failover.h
(ARPFO_CMD_ADAPTER_GET, ARPFO_A_ADAPTER_MANAGED) or numbers. ATTR is
TYPE:u8:N, TYPE:u32:N, TYPE:str:TEXT or TYPE:hex:BYTES; --flags=0xN adds
nlmsg_flags to the request.

Each message answered is one line: "cmd=NAME version=N", then for each
top-level attribute " NAME/LEN=VALUE" (VALUE: the number for a payload
of 1, 2, 4 or 8 bytes, else the bytes in hex). A refused request prints
"error=ENAME msg=EXTACK" and exits 1.
"""
import errno
import os
import re
import select
import socket
import struct
import sys
import time

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "include/uapi/linux/arp_failover.h")

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 0x1, 0x2, 0x4
NLM_F_DUMP = 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLMSGERR_ATTR_MSG = 1
GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_VERSION = 1, 2, 3
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 1, 2

# The attribute set of each command's messages, by enum prefix.
ATTR_SETS = {"ARPFO_CMD_PNET_GET": "ARPFO_A_PNET_",
             "ARPFO_CMD_ADAPTER_GET": "ARPFO_A_ADAPTER_",
             "ARPFO_CMD_ADAPTER_SET": "ARPFO_A_ADAPTER_",
             "ARPFO_CMD_ADDR_GET": "ARPFO_A_ADDR_",
             "ARPFO_CMD_EVENT_NTF": "ARPFO_A_EVENT_"}


def header_names():
    """{enumerator: value} and the #defines of the uapi header."""
    with open(HEADER) as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    names = {}
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\}", text, flags=re.S):
        value = -1
        for item in filter(None, (i.strip() for i in body.split(","))):
            m = re.fullmatch(r"(\w+)\s*(?:=\s*(\d+))?", item)
            if not m:
                continue
            value = int(m.group(2)) if m.group(2) else value + 1
            names[m.group(1)] = value
    defines = dict(re.findall(r"#define\s+(ARPFO_\w+)\s+(\S+)", text))
    return names, defines


NAMES, DEFINES = header_names()
FAMILY = DEFINES["ARPFO_GENL_NAME"].strip('"')


def number(name):
    return int(name, 0) if re.fullmatch(r"\d+|0x[0-9a-fA-F]+", name) else NAMES[name]


def attr(atype, payload):
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * (-len(payload) % 4)


def parse_attrs(data):
    out = []
    while len(data) >= 4:
        alen, atype = struct.unpack_from("=HH", data)
        if alen < 4:
            break
        out.append((atype & 0x3fff, data[4:alen]))
        data = data[(alen + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.seq = int(time.time())

    def send(self, mtype, flags, cmd, version, payload):
        self.seq += 1
        genl = struct.pack("=BBH", cmd, version, 0)
        msg = struct.pack("=IHHII", 16 + len(genl) + len(payload), mtype, flags,
                          self.seq, 0) + genl + payload
        self.sock.send(msg)

    def replies(self):
        """The messages answering the last request, then (errno, extack)."""
        msgs = []
        while True:
            data = self.sock.recv(65536)
            while len(data) >= 16:
                mlen, mtype, mflags, seq, _ = struct.unpack_from("=IHHII", data)
                body = data[16:mlen]
                data = data[(mlen + 3) & ~3:]
                if seq != self.seq:
                    continue
                if mtype in (NLMSG_ERROR, NLMSG_DONE):
                    err = -struct.unpack_from("=i", body)[0] if len(body) >= 4 else 0
                    tlvs = b""
                    if mflags & NLM_F_ACK_TLVS:
                        skip = 4
                        if mtype == NLMSG_ERROR:
                            skip += 16 if mflags & NLM_F_CAPPED else \
                                (struct.unpack_from("=I", body, 4)[0] + 3) & ~3
                        tlvs = body[skip:]
                    extack = dict(parse_attrs(tlvs)).get(NLMSGERR_ATTR_MSG, b"")
                    return msgs, err, extack.rstrip(b"\0").decode()
                msgs.append((mtype, body))

    def family(self):
        self.send(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, CTRL_CMD_GETFAMILY, 1,
                  attr(CTRL_ATTR_FAMILY_NAME, FAMILY.encode() + b"\0"))
        msgs, err, extack = self.replies()
        if err:
            sys.exit(f"looking up {FAMILY}: {os.strerror(err)} {extack}")
        attrs = dict(parse_attrs(msgs[0][1][4:]))
        groups = {}
        for _, group in parse_attrs(attrs.get(CTRL_ATTR_MCAST_GROUPS, b"")):
            g = dict(parse_attrs(group))
            groups[g[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b"\0").decode()] = \
                struct.unpack("=I", g[CTRL_ATTR_MCAST_GRP_ID])[0]
        return (struct.unpack("=H", attrs[CTRL_ATTR_FAMILY_ID])[0],
                struct.unpack("=I", attrs.get(CTRL_ATTR_VERSION, b"\0\0\0\0"))[0], groups)


def request_attrs(specs):
    payload = b""
    for spec in specs:
        atype, kind, value = spec.split(":", 2)
        data = {"u8": lambda v: struct.pack("=B", int(v, 0)),
                "u32": lambda v: struct.pack("=I", int(v, 0)),
                "str": lambda v: v.encode() + b"\0",
                "hex": bytes.fromhex}[kind](value)
        payload += attr(number(atype), data)
    return payload


def name_of(value, prefix):
    for name, v in NAMES.items():
        if v == value and name.startswith(prefix) and not name.endswith(("_MAX", "_UNSPEC")):
            return name
    return str(value)


def show(body):
    cmd, version, _ = struct.unpack_from("=BBH", body)
    cmd_name = name_of(cmd, "ARPFO_CMD_")
    prefix = ATTR_SETS.get(cmd_name, "ARPFO_A_")
    line = f"cmd={cmd_name} version={version}"
    for atype, data in parse_attrs(body[4:]):
        fmt = {1: "=B", 2: "=H", 4: "=I", 8: "=Q"}.get(len(data))
        value = struct.unpack(fmt, data)[0] if fmt else data.hex()
        line += f" {name_of(atype, prefix)}/{len(data)}={value}"
    print(line)


def main(argv):
    flags = 0
    args = []
    for a in argv[1:]:
        if a.startswith("--flags="):
            flags |= int(a.split("=", 1)[1], 0)
        else:
            args.append(a)
    if not args:
        sys.exit(__doc__)
    g = Genl()
    family, version, groups = g.family()
    if args[0] == "family":
        print(f"id={family} version={version}")
        return 0
    if args[0] == "listen":
        g.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, groups["events"])
        print("listening", flush=True)
        end = time.monotonic() + float(args[1])
        while (left := end - time.monotonic()) > 0:
            if not select.select([g.sock], [], [], left)[0]:
                break
            data = g.sock.recv(65536)
            while len(data) >= 16:
                mlen, mtype = struct.unpack_from("=IH", data)
                if mtype == family:
                    show(data[16:mlen])
                data = data[(mlen + 3) & ~3:]
            sys.stdout.flush()
        return 0
    base = NLM_F_REQUEST | (NLM_F_DUMP if args[0] == "dump" else NLM_F_ACK)
    g.send(family, base | flags, number(args[1]), int(DEFINES["ARPFO_GENL_VERSION"]),
           request_attrs(args[2:]))
    msgs, err, extack = g.replies()
    for _, body in msgs:
        show(body)
    if err:
        print(f"error={errno.errorcode.get(err, err)} msg={extack}")
        return 1
    if args[0] == "do":
        print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
