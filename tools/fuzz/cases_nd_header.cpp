// SPDX-License-Identifier: GPL-2.0-only
// The nd_bad_header category: Neighbor Discovery frames whose IPv6 or
// ICMPv6 header is wrong or unusual, the message itself well formed.
//
// Hop limit other than 255, code other than 0 and a wrong checksum each
// make the kernel's ND drop a message, and the module must leave it too;
// a wrong payload length (longer than the frame, shorter than the
// message, zero), an ICMPv6 message shorter than a solicitation and a cut
// frame test every length check on the way. The checksum is right but in
// the csum_* variants: a receiver that trims the payload to its length
// finds it right, so payload_len_short reaches the ND parser with a
// shorter message. Extension headers (hop-by-hop, destination options,
// fragment, routing) stand between IPv6 and ICMPv6: the module reads only
// solicitations right after the IPv6 header, the kernel reads through
// them. Odd sources and destinations (multicast or loopback sources,
// loopback, scope-0, interface-local, all-nodes or another address's
// solicited-node group as destination) the kernel drops or accepts on its
// own terms.
//
// One frame in four is an advertisement, the rest solicitations.
#include <array>

#include "fuzz/nd_frame.hpp"

namespace arpfo::fuzz::detail {
namespace {

// Hop-by-hop or destination options (@proto): 8 bytes holding a PadN, a
// router alert (hop-by-hop only), or an RFC 4727 experimental option with
// random action bits (skip, discard, discard and report).
ExtHeader options_header(std::uint8_t proto, Rng &rng)
{
	ExtHeader h{proto, {0, 0, 1, 4, 0, 0, 0, 0}};

	switch (rng.below(3)) {
	case 0:
		break;
	case 1:
		if (proto == kProtoHopOpts)
			h.bytes = {0, 0, 5, 2, 0, 0, 1, 0}; // router alert (MLD), PadN
		break;
	default:
		h.bytes[2] = static_cast<std::uint8_t>(0x1e | rng.below(8) << 5);
		rng.fill(std::span(h.bytes).subspan(4));
		break;
	}
	return h;
}

// A fragment header at offset 0: the whole message (atomic), or the
// first fragment of one whose rest never comes.
ExtHeader fragment_header(Rng &rng, bool more)
{
	ExtHeader h{kProtoFragment, {0, 0, 0, static_cast<std::uint8_t>(more), 0, 0, 0, 0}};

	rng.fill(std::span(h.bytes).subspan(4));
	return h;
}

// A type 0 routing header (deprecated) with no segment left.
ExtHeader routing_header()
{
	return ExtHeader{kProtoRouting, {0, 0, 0, 0, 0, 0, 0, 0}};
}

void to_multicast(NdFields &n, const Ipv6 &group)
{
	n.dst = group;
	n.eth_dst = multicast_mac(group);
}

constexpr std::array<NdCase, 35> kHeaderCases{{
	{"hop_0", [](const CaseInput &, NdFields &n) { n.hop_limit = 0; }},
	{"hop_1", [](const CaseInput &, NdFields &n) { n.hop_limit = 1; }},
	{"hop_64", [](const CaseInput &, NdFields &n) { n.hop_limit = 64; }},
	{"hop_254", [](const CaseInput &, NdFields &n) { n.hop_limit = 254; }},
	{"hop_random",
	 [](const CaseInput &in, NdFields &n) {
		 n.hop_limit = static_cast<std::uint8_t>(in.rng.below(255));
	 }},
	{"code_1", [](const CaseInput &, NdFields &n) { n.code = 1; }},
	{"code_255", [](const CaseInput &, NdFields &n) { n.code = 255; }},
	{"code_random",
	 [](const CaseInput &in, NdFields &n) {
		 n.code = static_cast<std::uint8_t>(in.rng.between(1, 255));
	 }},
	{"csum_zero", [](const CaseInput &, NdFields &n) { n.bad_checksum = BadChecksum::Zero; }},
	{"csum_all_ones",
	 [](const CaseInput &, NdFields &n) { n.bad_checksum = BadChecksum::AllOnes; }},
	{"csum_off_by_one",
	 [](const CaseInput &, NdFields &n) { n.bad_checksum = BadChecksum::OffByOne; }},
	{"csum_swapped",
	 [](const CaseInput &, NdFields &n) { n.bad_checksum = BadChecksum::Swapped; }},
	{"csum_random",
	 [](const CaseInput &in, NdFields &n) {
		 n.bad_checksum = BadChecksum::Random;
		 n.checksum_noise = static_cast<std::uint16_t>(in.rng.between(1, 0xffff));
	 }},
	{"version_4", [](const CaseInput &, NdFields &n) { n.version = 4; }},
	{"version_random",
	 [](const CaseInput &in, NdFields &n) {
		 n.version = static_cast<std::uint8_t>((6 + in.rng.between(1, 15)) % 16);
	 }},
	// Any traffic class and flow label: valid.
	{"flow_random",
	 [](const CaseInput &in, NdFields &n) { n.flow = in.rng.u32() & 0x0fffffff; }},
	// Claims more than the frame holds.
	{"payload_len_long",
	 [](const CaseInput &in, NdFields &n) {
		 const std::size_t more = in.rng.one_in(4) ? 0xffff : nd_payload_len(n) +
									     in.rng.between(1, 64);
		 n.payload_len = static_cast<std::uint16_t>(std::min<std::size_t>(more, 0xffff));
	 }},
	// Claims less than the message: the rest is padding to a receiver.
	{"payload_len_short",
	 [](const CaseInput &in, NdFields &n) {
		 n.payload_len = static_cast<std::uint16_t>(in.rng.below(nd_payload_len(n)));
	 }},
	{"payload_len_zero", [](const CaseInput &, NdFields &n) { n.payload_len = 0; }},
	// A message of 0 to 23 bytes, the payload length true: cut in the
	// header or the target.
	{"icmp_short",
	 [](const CaseInput &in, NdFields &n) { n.msg_len = in.rng.below(kNdMsgLen); }},
	// The frame ends inside the IPv6 header or the message.
	{"frame_cut",
	 [](const CaseInput &in, NdFields &n) {
		 n.frame_len = in.rng.between(kEthHeaderLen, kIpv6PayloadOff + kNdMsgLen - 1);
	 }},
	// Bytes after the payload, as an Ethernet trailer.
	{"trailer",
	 [](const CaseInput &in, NdFields &n) {
		 n.trailer.resize(in.rng.between(1, 64));
		 in.rng.fill(n.trailer);
	 }},
	{"ext_hop_by_hop",
	 [](const CaseInput &in, NdFields &n) {
		 n.ext = {options_header(kProtoHopOpts, in.rng)};
	 }},
	{"ext_dst_opts",
	 [](const CaseInput &in, NdFields &n) {
		 n.ext = {options_header(kProtoDstOpts, in.rng)};
	 }},
	{"ext_fragment_atomic",
	 [](const CaseInput &in, NdFields &n) { n.ext = {fragment_header(in.rng, false)}; }},
	{"ext_fragment_first",
	 [](const CaseInput &in, NdFields &n) { n.ext = {fragment_header(in.rng, true)}; }},
	{"ext_routing", [](const CaseInput &, NdFields &n) { n.ext = {routing_header()}; }},
	{"ext_chain",
	 [](const CaseInput &in, NdFields &n) {
		 n.ext = {options_header(kProtoHopOpts, in.rng),
			  options_header(kProtoDstOpts, in.rng), fragment_header(in.rng, false)};
	 }},
	{"src_multicast",
	 [](const CaseInput &in, NdFields &n) {
		 n.src = in.rng.one_in(2) ? kIp6AllNodes : random_multicast6(in.rng);
	 }},
	{"src_loopback", [](const CaseInput &, NdFields &n) { n.src = kIp6Loopback; }},
	{"dst_loopback",
	 [](const CaseInput &in, NdFields &n) {
		 n.dst = kIp6Loopback;
		 n.eth_dst = host_mac(in);
	 }},
	// The solicited-node group's address with reserved scope 0, or
	// interface-local scope 1: neither may come from the wire.
	{"dst_scope_0",
	 [](const CaseInput &, NdFields &n) {
		 Ipv6 g = solicited_node(n.target);
		 g[1] = 0x00;
		 to_multicast(n, g);
	 }},
	{"dst_interface_local",
	 [](const CaseInput &, NdFields &n) {
		 Ipv6 g = solicited_node(n.target);
		 g[1] = 0x01;
		 to_multicast(n, g);
	 }},
	{"dst_all_nodes", [](const CaseInput &, NdFields &n) { to_multicast(n, kIp6AllNodes); }},
	// Another address's group: another adapter of the host may have
	// joined it. (2001:db8::1 and 2001:db8:ffff::1 share theirs.)
	{"dst_other_group",
	 [](const CaseInput &in, NdFields &n) {
		 const Ipv6 own = solicited_node(n.target);
		 Ipv6 group = solicited_node(host_ip6(in));
		 while (group == own)
			 group = solicited_node(random_ip6(in.rng));
		 to_multicast(n, group);
	 }},
}};

} // namespace

void make_nd_bad_header(const CaseInput &in, Frame &f)
{
	const NdCase &c = nd_cycle(kHeaderCases, in.ordinal);
	NdFields n = in.rng.one_in(4) ? na_from_stranger(in) : ns_for_host(in);

	c.shape(in, n);
	f.variant = c.name;
	finish_nd(in, f, n);
}

} // namespace arpfo::fuzz::detail
