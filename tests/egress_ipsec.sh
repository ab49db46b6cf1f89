#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IPsec through a silent adapter's egress (topology in egress_lib.bash).
# The host and the client protect their traffic with ESP in transport
# mode, level required. While eth0 is judged target-lost the host's
# packets from 10.0.0.1 leave through eth1, still encrypted: the client's
# switch port sees only ESP from 10.0.0.1, and pings go through. (A
# reroute that replaced the xfrm bundle by a plain route would send them
# in clear, and the client's policy would drop them.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/egress_lib.bash"
require_cmd tcpdump

egress_setup
KEY=0x0102030405060708090a0b0c0d0e0f1011121314
AEAD="aead rfc4106(gcm(aes)) $KEY 128"
# xfrm NS LOCAL PEER SPI_OUT SPI_IN: transport-mode ESP between LOCAL and
# PEER, required both ways.
xfrm() {
	afo_in "$1" ip -batch - <<-BATCH
		xfrm state add src $2 dst $3 proto esp spi $4 reqid 1 mode transport $AEAD
		xfrm state add src $3 dst $2 proto esp spi $5 reqid 2 mode transport $AEAD
		xfrm policy add src $2/32 dst $3/32 dir out tmpl src $2 dst $3 proto esp reqid 1 mode transport level required
		xfrm policy add src $3/32 dst $2/32 dir in tmpl src $3 dst $2 proto esp reqid 2 mode transport level required
	BATCH
}
xfrm host 10.0.0.1 10.0.0.100 0x1001 0x1002 &&
xfrm client 10.0.0.100 10.0.0.1 0x1002 0x1001
check_err $? "cannot set up IPsec (no esp4 or xfrm_user?)"
afo_until 20 egress_live
check_err $? "liveness: $(afo_in host "$ARPFO" show --json)"
egress_capture wire "$(afo_peer client eth0)" "ip and src host 10.0.0.1"
check_err $? "tcpdump did not start on the client's switch port"
afo_in host ping -I 10.0.0.1 -c 2 -i 0.2 -W 2 10.0.0.100 >/dev/null
check_err $? "no ping under IPsec before any failure"
log_test "before: ESP between 10.0.0.1 and the client"

egress_block on
check_err $? "no takeover of eth0 by eth1 within 10 s of blocking its port"
[ "$(afo_judged host eth0) $(afo_carrier host eth0)" = "target-lost 1" ]
check_err $? "eth0 judged '$(afo_judged host eth0)', carrier $(afo_carrier host eth0)"
afo_in host ping -I 10.0.0.1 -c 3 -i 0.2 -W 2 10.0.0.100 >/dev/null
pinged=$?
seen=$(egress_capture_end wire)
clear=$(grep -v ': ESP(' <<<"$seen")
[ -z "$clear" ]
check_err $? "the client's port saw $(grep -c . <<<"$clear") frames in clear from 10.0.0.1: $(head -2 <<<"$clear" | tr '\n' ';')"
esp=$(grep -c "^[^ ]* $MAC1 > .*: ESP(" <<<"$seen")
[ "$esp" -ge 3 ]
check_err $? "the client's port saw $esp ESP frames from eth1's MAC, not 3: $(tr '\n' ';' <<<"$seen")"
check_err $pinged "no ping under IPsec while eth0 is diverted"
log_test "eth0 silent: 10.0.0.1's traffic leaves through eth1 as ESP only"

afo_exit
