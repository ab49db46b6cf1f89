// SPDX-License-Identifier: GPL-2.0-only
// Frame-writing helpers shared by the category builders.
#include <algorithm>
#include <stdexcept>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz::detail {

void put_be16(Frame &f, std::size_t off, std::uint16_t v)
{
	f.bytes.at(off) = static_cast<std::uint8_t>(v >> 8);
	f.bytes.at(off + 1) = static_cast<std::uint8_t>(v);
}

void put_be32(Frame &f, std::size_t off, std::uint32_t v)
{
	put_be16(f, off, static_cast<std::uint16_t>(v >> 16));
	put_be16(f, off + 2, static_cast<std::uint16_t>(v));
}

void put_bytes(Frame &f, std::size_t off, std::span<const std::uint8_t> v)
{
	if (off > f.bytes.size() || v.size() > f.bytes.size() - off)
		throw std::out_of_range("frame write past 1514 bytes");
	std::copy(v.begin(), v.end(), f.bytes.begin() + static_cast<std::ptrdiff_t>(off));
}

void write_eth(Frame &f, const Mac &dst, const Mac &src, std::uint16_t type)
{
	put_bytes(f, 0, dst);
	put_bytes(f, 6, src);
	put_be16(f, 12, type);
	f.len = kEthHeaderLen;
}

void write_arp(Frame &f, const ArpFields &a)
{
	const std::size_t o = kEthHeaderLen;

	write_eth(f, a.eth_dst, a.eth_src, a.ethertype);
	put_be16(f, o + 0, a.hrd);
	put_be16(f, o + 2, a.pro);
	f.bytes[o + 4] = a.hln;
	f.bytes[o + 5] = a.pln;
	put_be16(f, o + 6, a.op);
	put_bytes(f, o + 8, a.sha);
	put_bytes(f, o + 14, a.spa);
	put_bytes(f, o + 18, a.tha);
	put_bytes(f, o + 24, a.tpa);
	f.len = o + kArpPayloadLen;
}

void pad_zero(Frame &f, std::size_t len)
{
	len = std::min(len, f.bytes.size());
	if (len > f.len)
		std::fill(f.bytes.begin() + static_cast<std::ptrdiff_t>(f.len),
			  f.bytes.begin() + static_cast<std::ptrdiff_t>(len), 0);
	f.len = std::max(f.len, len);
}

void pad_random(Frame &f, std::size_t len, Rng &rng)
{
	len = std::min(len, f.bytes.size());
	if (len > f.len)
		rng.fill(std::span<std::uint8_t>(f.bytes).subspan(f.len, len - f.len));
	f.len = std::max(f.len, len);
}

Mac host_mac(const CaseInput &in)
{
	if (in.ctx.host_macs.empty())
		return random_unicast_mac(in.rng);
	return in.rng.pick(std::span<const Mac>(in.ctx.host_macs));
}

Ipv4 host_ip(const CaseInput &in)
{
	if (in.ctx.host_ips.empty())
		return random_ip(in.rng);
	return in.rng.pick(std::span<const Ipv4>(in.ctx.host_ips));
}

Mac random_unicast_mac(Rng &rng)
{
	Mac m;

	rng.fill(m);
	m[0] = static_cast<std::uint8_t>((m[0] & 0xfc) | 0x02);
	return m;
}

Mac random_multicast_mac(Rng &rng)
{
	Mac m;

	rng.fill(m);
	switch (rng.below(3)) {
	case 0: // IPv4 multicast
		m[0] = 0x01;
		m[1] = 0x00;
		m[2] = 0x5e;
		m[3] &= 0x7f;
		break;
	case 1: // IPv6 multicast
		m[0] = 0x33;
		m[1] = 0x33;
		break;
	default: // any group address
		m[0] |= 0x01;
		break;
	}
	return m;
}

Ipv4 random_ip(Rng &rng)
{
	Ipv4 ip;

	rng.fill(ip);
	return ip;
}

Ipv4 stranger_ip(const CaseInput &in)
{
	return in.rng.one_in(4) ? in.ctx.unrelated_ip : random_ip(in.rng);
}

ArpFields request_for_host(const CaseInput &in)
{
	ArpFields a;

	a.eth_dst = in.rng.one_in(4) ? host_mac(in) : kBroadcast;
	a.eth_src = in.ctx.client_mac;
	a.sha = random_unicast_mac(in.rng);
	a.spa = stranger_ip(in);
	a.tpa = host_ip(in);
	return a;
}

ArpFields probe_shape(const CaseInput &in, const Mac &sha)
{
	ArpFields a;

	a.eth_src = in.ctx.client_mac;
	a.sha = sha;
	a.tpa = host_ip(in);
	return a;
}

void maybe_pad_to_minimum(Frame &f, Rng &rng)
{
	if (rng.one_in(2))
		pad_zero(f, kMinFrameLen);
}

} // namespace arpfo::fuzz::detail
