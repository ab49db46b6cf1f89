// SPDX-License-Identifier: GPL-2.0-only
// ICMPv6 Neighbor Discovery categories whose frames are well formed:
// nd_valid (solicitations and advertisements as a neighbour sends them)
// and nd_spoof (what they claim is hostile: DAD probes, advertisements
// overriding the managed addresses with foreign MACs, the host's own
// addresses and MACs, odd targets).
//
// The module answers a solicitation for a managed address only on the
// adapter answering for a sibling's address, and never a DAD probe
// (source ::) or one for a multicast target; advertisements it never
// reads. Everything else is the kernel's, which must cope as well.
#include <array>

#include "fuzz/nd_frame.hpp"

namespace arpfo::fuzz::detail {
namespace {

std::vector<std::uint8_t> nonce_option(Rng &rng)
{
	std::vector<std::uint8_t> opt{kOptNonce, 1, 0, 0, 0, 0, 0, 0};

	rng.fill(std::span(opt).subspan(2));
	return opt;
}

// A duplicate address detection probe: source ::, to the target's
// solicited-node group, no option.
void dad_probe(NdFields &n)
{
	n.src = kIp6Any;
	n.options.clear();
	to_group(n);
}

// An unsolicited advertisement of a host address at a foreign MAC,
// override set, to all nodes: what a neighbour cache obeys at once.
NdFields overriding_na(const CaseInput &in)
{
	NdFields n;

	n.type = kNdNa;
	n.eth_src = in.ctx.client_mac;
	n.target = host_ip6(in);
	n.src = in.rng.one_in(2) ? n.target : stranger_ip6(in);
	n.dst = kIp6AllNodes;
	n.eth_dst = multicast_mac(n.dst);
	n.flags = kNaOverride;
	n.options = lladdr_option(kOptTargetLl, random_unicast_mac(in.rng));
	return n;
}

// An odd target, solicited from a host address (unicast, or through its
// solicited-node group, which the host joined) so that the frame reaches
// the parsers.
void odd_target(const CaseInput &in, NdFields &n, const Ipv6 &target)
{
	const Ipv6 via = host_ip6(in);

	if (in.rng.one_in(2)) {
		n.dst = via;
		n.eth_dst = host_mac(in);
	} else {
		n.dst = solicited_node(via);
		n.eth_dst = multicast_mac(n.dst);
	}
	n.target = target;
}

constexpr std::array<NdCase, 18> kSpoofCases{{
	{"dad_probe", [](const CaseInput &, NdFields &n) { dad_probe(n); }},
	// RFC 4861 7.1.1: a DAD probe never carries a source link-layer option.
	{"dad_probe_sllao",
	 [](const CaseInput &in, NdFields &n) {
		 dad_probe(n);
		 n.options = lladdr_option(kOptSourceLl, random_unicast_mac(in.rng));
	 }},
	// RFC 7527's enhanced DAD: a nonce.
	{"dad_probe_nonce",
	 [](const CaseInput &in, NdFields &n) {
		 dad_probe(n);
		 n.options = nonce_option(in.rng);
	 }},
	// A DAD probe goes to the solicited-node group; unicast it is invalid.
	{"dad_probe_unicast",
	 [](const CaseInput &in, NdFields &n) {
		 dad_probe(n);
		 to_host(in, n);
	 }},
	{"na_override", [](const CaseInput &in, NdFields &n) { n = overriding_na(in); }},
	{"na_override_unicast",
	 [](const CaseInput &in, NdFields &n) {
		 n = overriding_na(in);
		 n.eth_dst = host_mac(in);
		 n.dst = host_ip6(in);
	 }},
	// Solicited, yet multicast: invalid (RFC 4861 7.1.2).
	{"na_solicited_multicast",
	 [](const CaseInput &in, NdFields &n) {
		 n = overriding_na(in);
		 n.flags |= kNaSolicited;
	 }},
	// A copy of the host's own unsolicited advertisement.
	{"na_replica",
	 [](const CaseInput &in, NdFields &n) {
		 n = overriding_na(in);
		 n.src = n.target;
		 n.options = lladdr_option(kOptTargetLl, host_mac(in));
	 }},
	{"na_no_option",
	 [](const CaseInput &in, NdFields &n) {
		 n = overriding_na(in);
		 n.options.clear();
	 }},
	{"na_router",
	 [](const CaseInput &in, NdFields &n) {
		 n = overriding_na(in);
		 n.flags |= kNaRouter;
	 }},
	// Someone else uses a managed address: an address conflict.
	{"ns_from_host_address", [](const CaseInput &in, NdFields &n) { n.src = host_ip6(in); }},
	{"ns_from_host_mac",
	 [](const CaseInput &in, NdFields &n) {
		 n.options = lladdr_option(kOptSourceLl, host_mac(in));
	 }},
	{"ns_from_host_link_local",
	 [](const CaseInput &in, NdFields &n) { n.src = link_local_of(host_mac(in)); }},
	{"target_multicast",
	 [](const CaseInput &in, NdFields &n) {
		 const Ipv6 group = in.rng.one_in(3)   ? kIp6AllNodes
				    : in.rng.one_in(2) ? solicited_node(host_ip6(in))
						       : random_multicast6(in.rng);
		 odd_target(in, n, group);
	 }},
	{"target_unspecified", [](const CaseInput &in, NdFields &n) { odd_target(in, n, kIp6Any); }},
	// An adapter's own link-local address (EUI-64 of its MAC), to its
	// group: never managed, the module must leave it to the adapter.
	{"target_link_local",
	 [](const CaseInput &in, NdFields &n) {
		 n.src = random_link_local(in.rng);
		 n.target = link_local_of(host_mac(in));
		 to_group(n);
	 }},
	{"target_loopback", [](const CaseInput &in, NdFields &n) { odd_target(in, n, kIp6Loopback); }},
	{"target_v4_mapped",
	 [](const CaseInput &in, NdFields &n) { odd_target(in, n, v4_mapped(host_ip(in))); }},
}};

} // namespace

void make_nd_valid(const CaseInput &in, Frame &f)
{
	NdFields n = ns_for_host(in);

	switch (in.ordinal % 6) {
	case 0:
		to_group(n);
		f.variant = "ns_multicast";
		break;
	case 1:
		to_host(in, n);
		f.variant = "ns_unicast";
		break;
	case 2: // a reachability probe: unicast, no option
		to_host(in, n);
		n.options.clear();
		f.variant = "ns_no_option";
		break;
	case 3: // where most solicitations come from
		n.src = random_link_local(in.rng);
		f.variant = "ns_link_local_source";
		break;
	case 4:
		n = na_from_stranger(in);
		f.variant = "na_solicited";
		break;
	default:
		n.target = in.ctx.unrelated_ip6;
		to_group(n);
		f.variant = "ns_unrelated";
		break;
	}
	finish_nd(in, f, n);
}

void make_nd_spoof(const CaseInput &in, Frame &f)
{
	const NdCase &c = nd_cycle(kSpoofCases, in.ordinal);
	NdFields n = ns_for_host(in);

	c.shape(in, n);
	f.variant = c.name;
	finish_nd(in, f, n);
}

} // namespace arpfo::fuzz::detail
