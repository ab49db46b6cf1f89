// SPDX-License-Identifier: GPL-2.0-only
// Neighbor Discovery frames and addresses shared by the nd_* categories.
#include "fuzz/nd_frame.hpp"

#include <algorithm>

namespace arpfo::fuzz::detail {
namespace {

// One's-complement sum of @bytes as big-endian 16-bit words, an odd last
// byte padded with zero.
std::uint32_t sum16(std::uint32_t sum, std::span<const std::uint8_t> bytes)
{
	for (std::size_t i = 0; i < bytes.size(); i += 2)
		sum += static_cast<std::uint32_t>(bytes[i]) << 8 |
		       (i + 1 < bytes.size() ? bytes[i + 1] : 0u);
	return sum;
}

bool same_checksum(std::uint16_t a, std::uint16_t b)
{
	// 0x0000 and 0xffff are both zero in one's complement.
	return a == b || ((a == 0 || a == 0xffff) && (b == 0 || b == 0xffff));
}

std::uint16_t spoiled(std::uint16_t good, const NdFields &n)
{
	std::uint16_t bad = good;

	switch (n.bad_checksum) {
	case BadChecksum::None:
		return good;
	case BadChecksum::Zero:
		bad = 0;
		break;
	case BadChecksum::AllOnes:
		bad = 0xffff;
		break;
	case BadChecksum::OffByOne:
		bad = static_cast<std::uint16_t>(good + 1);
		break;
	case BadChecksum::Swapped:
		bad = static_cast<std::uint16_t>(good << 8 | good >> 8);
		break;
	case BadChecksum::Random:
		bad = good ^ n.checksum_noise;
		break;
	}
	return same_checksum(bad, good) ? static_cast<std::uint16_t>(good ^ 1) : bad;
}

std::size_t ext_len(const NdFields &n)
{
	std::size_t len = 0;

	for (const auto &e : n.ext)
		len += e.bytes.size();
	return len;
}

// The ICMPv6 message of @n, checksum zero, cut as msg_len says.
std::vector<std::uint8_t> nd_message(const NdFields &n)
{
	std::vector<std::uint8_t> msg(kNdMsgLen, 0);

	msg[0] = n.type;
	msg[1] = n.code;
	for (int i = 0; i < 4; i++)
		msg[4 + static_cast<std::size_t>(i)] =
			static_cast<std::uint8_t>(n.flags >> (24 - 8 * i));
	std::copy(n.target.begin(), n.target.end(), msg.begin() + 8);
	append(msg, n.options);
	if (n.msg_len)
		msg.resize(std::min(msg.size(), *n.msg_len));
	return msg;
}

} // namespace

std::uint16_t icmpv6_checksum(const Ipv6 &src, const Ipv6 &dst, std::uint32_t len,
			      std::span<const std::uint8_t> msg)
{
	std::uint32_t sum = sum16(0, src);

	sum = sum16(sum, dst);
	sum += len >> 16;
	sum += len & 0xffff;
	sum += kProtoIcmpv6;
	sum = sum16(sum, msg);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return static_cast<std::uint16_t>(~sum);
}

void write_nd(Frame &f, const NdFields &n, std::size_t max_len)
{
	max_len = std::min(max_len, f.bytes.size());
	const std::size_t elen = ext_len(n);
	const std::size_t head = kIpv6PayloadOff + elen;
	std::vector<std::uint8_t> msg = nd_message(n);

	// Options cut to the frame, so that the payload length stays true.
	msg.resize(std::min(msg.size(), max_len > head ? max_len - head : 0));
	const std::uint16_t claimed =
		n.payload_len.value_or(static_cast<std::uint16_t>(elen + msg.size()));

	write_eth(f, n.eth_dst, n.eth_src, kEthPIpv6);
	put_be32(f, kEthHeaderLen,
		 static_cast<std::uint32_t>(n.version & 0x0f) << 28 | (n.flow & 0x0fffffff));
	put_be16(f, kEthHeaderLen + 4, claimed);
	f.bytes[kEthHeaderLen + 6] = n.ext.empty() ? kProtoIcmpv6 : n.ext.front().proto;
	f.bytes[kEthHeaderLen + 7] = n.hop_limit;
	put_bytes(f, kEthHeaderLen + 8, n.src);
	put_bytes(f, kEthHeaderLen + 24, n.dst);

	std::size_t off = kIpv6PayloadOff;
	for (std::size_t i = 0; i < n.ext.size(); i++) {
		std::vector<std::uint8_t> e = n.ext[i].bytes;
		if (!e.empty())
			e[0] = i + 1 < n.ext.size() ? n.ext[i + 1].proto : kProtoIcmpv6;
		put_bytes(f, off, e);
		off += e.size();
	}

	const std::uint32_t icmp_len = claimed >= elen ? static_cast<std::uint32_t>(claimed - elen) : 0;
	const std::size_t covered = std::min<std::size_t>(icmp_len, msg.size());
	const std::uint16_t csum =
		spoiled(icmpv6_checksum(n.src, n.dst, icmp_len, std::span(msg).first(covered)), n);
	if (msg.size() >= 4) {
		msg[2] = static_cast<std::uint8_t>(csum >> 8);
		msg[3] = static_cast<std::uint8_t>(csum);
	}
	put_bytes(f, off, msg);
	off += msg.size();

	const std::size_t tail = std::min(n.trailer.size(), max_len > off ? max_len - off : 0);
	put_bytes(f, off, std::span(n.trailer).first(tail));
	off += tail;

	f.len = std::min(off, max_len);
	if (n.frame_len)
		f.len = std::min(f.len, *n.frame_len);
}

void finish_nd(const CaseInput &in, Frame &f, const NdFields &n)
{
	write_nd(f, n, in.ctx.max_frame_len);
	if (!n.frame_len) // a cut frame stays cut
		maybe_pad_to_minimum(f, in.rng);
}

Ipv6 host_ip6(const CaseInput &in)
{
	if (in.ctx.host_ip6s.empty())
		return random_ip6(in.rng);
	return in.rng.pick(std::span<const Ipv6>(in.ctx.host_ip6s));
}

Ipv6 random_ip6(Rng &rng)
{
	Ipv6 a{0x20, 0x01, 0x0d, 0xb8};

	rng.fill(std::span(a).subspan(4));
	return a;
}

Ipv6 random_link_local(Rng &rng)
{
	Ipv6 a{0xfe, 0x80};

	rng.fill(std::span(a).subspan(8));
	return a;
}

Ipv6 random_multicast6(Rng &rng)
{
	Ipv6 a;

	rng.fill(a);
	a[0] = 0xff;
	return a;
}

Ipv6 stranger_ip6(const CaseInput &in)
{
	if (in.rng.one_in(4))
		return in.ctx.unrelated_ip6;

	Ipv6 a = host_ip6(in);
	const auto &hosts = in.ctx.host_ip6s;

	in.rng.fill(std::span(a).subspan(8));
	while (std::find(hosts.begin(), hosts.end(), a) != hosts.end())
		a[15]++;
	return a;
}

Ipv6 solicited_node(const Ipv6 &target)
{
	Ipv6 g{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff};

	std::copy(target.begin() + 13, target.end(), g.begin() + 13);
	return g;
}

Mac multicast_mac(const Ipv6 &group)
{
	return Mac{0x33, 0x33, group[12], group[13], group[14], group[15]};
}

Ipv6 link_local_of(const Mac &mac)
{
	Ipv6 a{0xfe, 0x80};

	a[8] = static_cast<std::uint8_t>(mac[0] ^ 0x02); // the universal/local bit
	a[9] = mac[1];
	a[10] = mac[2];
	a[11] = 0xff;
	a[12] = 0xfe;
	std::copy(mac.begin() + 3, mac.end(), a.begin() + 13);
	return a;
}

Ipv6 v4_mapped(const Ipv4 &ip)
{
	return Ipv6{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ip[0], ip[1], ip[2], ip[3]};
}

std::vector<std::uint8_t> lladdr_option(std::uint8_t type, const Mac &mac, std::uint8_t units)
{
	std::vector<std::uint8_t> opt(std::max<std::size_t>(units, 1) * 8, 0);

	opt[0] = type;
	opt[1] = units;
	std::copy(mac.begin(), mac.end(), opt.begin() + 2);
	return opt;
}

void append(std::vector<std::uint8_t> &to, std::span<const std::uint8_t> bytes)
{
	to.insert(to.end(), bytes.begin(), bytes.end());
}

void to_group(NdFields &n)
{
	n.dst = solicited_node(n.target);
	n.eth_dst = multicast_mac(n.dst);
}

void to_host(const CaseInput &in, NdFields &n)
{
	n.eth_dst = host_mac(in);
	n.dst = n.target;
}

NdFields ns_for_host(const CaseInput &in)
{
	NdFields n;

	n.eth_src = in.ctx.client_mac;
	n.src = stranger_ip6(in);
	n.target = host_ip6(in);
	n.options = lladdr_option(kOptSourceLl, random_unicast_mac(in.rng));
	if (in.rng.one_in(4))
		to_host(in, n);
	else
		to_group(n);
	return n;
}

NdFields na_from_stranger(const CaseInput &in)
{
	NdFields n;

	n.type = kNdNa;
	n.eth_src = in.ctx.client_mac;
	n.eth_dst = host_mac(in);
	n.src = stranger_ip6(in);
	n.dst = host_ip6(in);
	n.target = n.src;
	n.flags = kNaSolicited | (in.rng.one_in(2) ? kNaOverride : 0);
	n.options = lladdr_option(kOptTargetLl, random_unicast_mac(in.rng));
	return n;
}

std::size_t nd_payload_len(const NdFields &n)
{
	const std::size_t msg = kNdMsgLen + n.options.size();

	return ext_len(n) + (n.msg_len ? std::min(msg, *n.msg_len) : msg);
}

std::size_t nd_option_room(std::size_t max_len)
{
	const std::size_t head = kIpv6PayloadOff + kNdMsgLen;

	return max_len > head ? max_len - head : 0;
}

} // namespace arpfo::fuzz::detail
