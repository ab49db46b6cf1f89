// SPDX-License-Identifier: GPL-2.0-only
#include "probe/arp_frame.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace arpfo {
namespace {

constexpr std::uint16_t kEthPArp = 0x0806;
constexpr std::uint16_t kEthPIp = 0x0800;
constexpr std::uint16_t kArpHrdEther = 1;

std::uint16_t load_be16(std::span<const std::uint8_t> b, std::size_t off)
{
	return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

void store_be16(std::span<std::uint8_t> b, std::size_t off, std::uint16_t v)
{
	b[off] = static_cast<std::uint8_t>(v >> 8);
	b[off + 1] = static_cast<std::uint8_t>(v & 0xff);
}

template <std::size_t N>
std::array<std::uint8_t, N> load(std::span<const std::uint8_t> b, std::size_t off)
{
	std::array<std::uint8_t, N> out{};
	std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(off), N, out.begin());
	return out;
}

template <std::size_t N>
void store(std::span<std::uint8_t> b, std::size_t off, const std::array<std::uint8_t, N> &v)
{
	std::copy(v.begin(), v.end(), b.begin() + static_cast<std::ptrdiff_t>(off));
}

} // namespace

std::array<std::uint8_t, kMinFrameLen> build_request(const Mac &src_mac,
						     const Ipv4 &src_ip,
						     const Ipv4 &target_ip)
{
	std::array<std::uint8_t, kMinFrameLen> f{};
	std::span<std::uint8_t> b{f};
	const Mac broadcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	const std::size_t a = kEthHeaderLen;

	store(b, 0, broadcast);
	store(b, 6, src_mac);
	store_be16(b, 12, kEthPArp);
	store_be16(b, a + 0, kArpHrdEther);
	store_be16(b, a + 2, kEthPIp);
	b[a + 4] = 6;
	b[a + 5] = 4;
	store_be16(b, a + 6, static_cast<std::uint16_t>(ArpOp::Request));
	store(b, a + 8, src_mac);
	store(b, a + 14, src_ip);
	store(b, a + 18, Mac{});
	store(b, a + 24, target_ip);
	return f;
}

ParseResult parse_frame(std::span<const std::uint8_t> b)
{
	const std::size_t a = kEthHeaderLen;

	if (b.size() < kEthHeaderLen)
		return ParseError{"truncated Ethernet header (" + std::to_string(b.size()) + " bytes)"};
	if (load_be16(b, 12) != kEthPArp)
		return ParseError{"not an ARP frame"};
	if (b.size() < a + kArpPayloadLen)
		return ParseError{"truncated ARP payload (" + std::to_string(b.size() - a) + " bytes)"};
	if (load_be16(b, a) != kArpHrdEther || load_be16(b, a + 2) != kEthPIp)
		return ParseError{"not Ethernet/IPv4 ARP"};
	if (b[a + 4] != 6 || b[a + 5] != 4)
		return ParseError{"bad hardware or protocol address length"};

	const std::uint16_t op = load_be16(b, a + 6);
	if (op != static_cast<std::uint16_t>(ArpOp::Request) &&
	    op != static_cast<std::uint16_t>(ArpOp::Reply))
		return ParseError{"unknown ARP operation " + std::to_string(op)};

	ArpPacket p;
	p.eth_dst = load<6>(b, 0);
	p.eth_src = load<6>(b, 6);
	p.op = static_cast<ArpOp>(op);
	p.sender_mac = load<6>(b, a + 8);
	p.sender_ip = load<4>(b, a + 14);
	p.target_mac = load<6>(b, a + 18);
	p.target_ip = load<4>(b, a + 24);
	return p;
}

std::string format_mac(const Mac &mac)
{
	char buf[18];

	std::snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		      mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

std::string format_ipv4(const Ipv4 &ip)
{
	return std::to_string(ip[0]) + '.' + std::to_string(ip[1]) + '.' +
	       std::to_string(ip[2]) + '.' + std::to_string(ip[3]);
}

std::optional<Ipv4> parse_ipv4(std::string_view text)
{
	Ipv4 ip{};
	const char *p = text.data();
	const char *end = text.data() + text.size();

	for (std::size_t i = 0; i < ip.size(); i++) {
		unsigned int v = 256;
		auto [next, ec] = std::from_chars(p, end, v);
		if (ec != std::errc{} || next == p || next - p > 3 || v > 255)
			return std::nullopt;
		ip[i] = static_cast<std::uint8_t>(v);
		p = next;
		if (i + 1 < ip.size()) {
			if (p == end || *p != '.')
				return std::nullopt;
			p++;
		}
	}
	if (p != end)
		return std::nullopt;
	return ip;
}

} // namespace arpfo
