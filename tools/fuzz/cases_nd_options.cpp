// SPDX-License-Identifier: GPL-2.0-only
// The nd_bad_options category: Neighbor Discovery messages whose option
// list is malformed, unusual or random, everything before it well formed
// and the checksum right, so that the frame reaches the option parsers
// (the module's for solicitations, the kernel's for both).
//
// The kernel drops a message with an option of length zero or one that
// runs past the end (and so must the module), and a source link-layer
// option that is not 8 bytes on Ethernet; it skips unknown options, and
// keeps the first of a duplicated one.
#include <algorithm>
#include <array>

#include "fuzz/nd_frame.hpp"

namespace arpfo::fuzz::detail {
namespace {

std::vector<std::uint8_t> sllao(Rng &rng)
{
	return lladdr_option(kOptSourceLl, random_unicast_mac(rng));
}

// An option of @type claiming @units * 8 bytes, holding @have bytes: its
// type and length, then random ones.
std::vector<std::uint8_t> raw_option(std::uint8_t type, std::uint8_t units, std::size_t have,
				     Rng &rng)
{
	std::vector<std::uint8_t> opt(std::max<std::size_t>(have, 2));

	rng.fill(opt);
	opt[0] = type;
	opt[1] = units;
	return opt;
}

// Option types: the ND ones, then others a solicitation never carries.
std::uint8_t some_type(Rng &rng)
{
	static constexpr std::array<std::uint8_t, 10> kTypes{
		kOptSourceLl, kOptTargetLl, 3 /* prefix */, 4 /* redirected */, 5 /* MTU */,
		kOptNonce,    25 /* RDNSS */, 31 /* DNSSL */, 0, 255,
	};

	return rng.one_in(4) ? rng.byte() : kTypes[rng.below(kTypes.size())];
}

// How many 8-byte options fit the frame: all of them every fourth round,
// else a few.
std::size_t small_option_count(const CaseInput &in)
{
	const std::size_t fit = nd_option_room(in.ctx.max_frame_len) / 8;

	if ((in.ordinal / 18) % 4 == 0)
		return fit;
	return std::min<std::size_t>(fit, in.rng.between(2, 32));
}

Mac odd_mac(Rng &rng)
{
	switch (rng.below(3)) {
	case 0:
		return kBroadcast;
	case 1:
		return random_multicast_mac(rng);
	default:
		return kZeroMac;
	}
}

constexpr std::array<NdCase, 18> kOptionCases{{
	{"opt_zero_length",
	 [](const CaseInput &in, NdFields &n) {
		 n.options = lladdr_option(kOptSourceLl, random_unicast_mac(in.rng), 0);
	 }},
	{"opt_zero_length_later",
	 [](const CaseInput &in, NdFields &n) {
		 append(n.options, raw_option(some_type(in.rng), 0, 8, in.rng));
	 }},
	// 1 to 7 bytes after the last option: too short for another.
	{"opt_odd_tail",
	 [](const CaseInput &in, NdFields &n) {
		 if (in.rng.one_in(3))
			 n.options.clear();
		 std::vector<std::uint8_t> tail(in.rng.between(1, 7));
		 in.rng.fill(tail);
		 append(n.options, tail);
	 }},
	// A source link-layer option claiming 16 to 32 bytes, 8 there.
	{"opt_overrun",
	 [](const CaseInput &in, NdFields &n) {
		 n.options[1] = static_cast<std::uint8_t>(in.rng.between(2, 4));
	 }},
	{"opt_overrun_later",
	 [](const CaseInput &in, NdFields &n) {
		 append(n.options, raw_option(some_type(in.rng),
					      static_cast<std::uint8_t>(in.rng.between(2, 255)), 8,
					      in.rng));
	 }},
	// 255 units (2,040 bytes): longer than any Ethernet frame.
	{"opt_huge",
	 [](const CaseInput &in, NdFields &n) {
		 const std::size_t room = std::max<std::size_t>(nd_option_room(in.ctx.max_frame_len), 8);
		 auto huge = raw_option(in.rng.one_in(2) ? kOptSourceLl : some_type(in.rng), 255,
					in.rng.between(8, room), in.rng);
		 if (in.rng.one_in(2))
			 n.options.clear();
		 append(n.options, huge);
	 }},
	// Well formed: many 8-byte options of any type, up to the MTU.
	{"opt_many_small",
	 [](const CaseInput &in, NdFields &n) {
		 n.options.clear();
		 for (std::size_t i = small_option_count(in); i > 0; i--)
			 append(n.options, raw_option(some_type(in.rng), 1, 8, in.rng));
	 }},
	// 16 to 64 bytes: Linux wants exactly 8 on Ethernet and drops others.
	{"sllao_long",
	 [](const CaseInput &in, NdFields &n) {
		 n.options = lladdr_option(kOptSourceLl, random_unicast_mac(in.rng),
					   static_cast<std::uint8_t>(in.rng.between(2, 8)));
	 }},
	{"sllao_duplicate", [](const CaseInput &in, NdFields &n) { append(n.options, sllao(in.rng)); }},
	{"sllao_odd_mac",
	 [](const CaseInput &in, NdFields &n) {
		 n.options = lladdr_option(kOptSourceLl, odd_mac(in.rng));
	 }},
	{"tllao_in_ns",
	 [](const CaseInput &in, NdFields &n) {
		 n.options = lladdr_option(kOptTargetLl, random_unicast_mac(in.rng));
	 }},
	{"nonce",
	 [](const CaseInput &in, NdFields &n) {
		 append(n.options, raw_option(kOptNonce, 1, 8, in.rng));
	 }},
	// Well formed: one to four options of 8 to 24 bytes, of any type.
	{"unknown_types",
	 [](const CaseInput &in, NdFields &n) {
		 for (std::uint64_t i = in.rng.between(1, 4); i > 0; i--) {
			 const auto units = static_cast<std::uint8_t>(in.rng.between(1, 3));
			 append(n.options, raw_option(some_type(in.rng), units, 8u * units, in.rng));
		 }
	 }},
	// Random bytes after a valid header: short mostly, up to the MTU.
	{"random_options",
	 [](const CaseInput &in, NdFields &n) {
		 const std::size_t room = std::max<std::size_t>(nd_option_room(in.ctx.max_frame_len), 1);
		 n.options.resize(in.rng.one_in(4) ? in.rng.between(1, room)
						   : std::min<std::size_t>(room, in.rng.between(1, 64)));
		 in.rng.fill(n.options);
	 }},
	{"na_tllao_zero_length",
	 [](const CaseInput &in, NdFields &n) {
		 n = na_from_stranger(in);
		 n.options[1] = 0;
	 }},
	{"na_tllao_long",
	 [](const CaseInput &in, NdFields &n) {
		 n = na_from_stranger(in);
		 n.options = lladdr_option(kOptTargetLl, random_unicast_mac(in.rng),
					   static_cast<std::uint8_t>(in.rng.between(2, 8)));
	 }},
	{"na_overrun",
	 [](const CaseInput &in, NdFields &n) {
		 n = na_from_stranger(in);
		 n.options[1] = static_cast<std::uint8_t>(in.rng.between(2, 255));
	 }},
	{"na_random_options",
	 [](const CaseInput &in, NdFields &n) {
		 n = na_from_stranger(in);
		 n.options.resize(in.rng.between(1, 64));
		 in.rng.fill(n.options);
	 }},
}};

} // namespace

void make_nd_bad_options(const CaseInput &in, Frame &f)
{
	const NdCase &c = nd_cycle(kOptionCases, in.ordinal);
	NdFields n = ns_for_host(in);

	c.shape(in, n);
	f.variant = c.name;
	finish_nd(in, f, n);
}

} // namespace arpfo::fuzz::detail
