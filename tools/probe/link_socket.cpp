// SPDX-License-Identifier: GPL-2.0-only
#include "probe/link_socket.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace arpfo {
namespace {

[[noreturn]] void fail(const std::string &iface, const char *what)
{
	throw std::system_error(errno, std::generic_category(), iface + ": " + what);
}

ifreq request_for(const std::string &iface)
{
	ifreq ifr{};

	std::strncpy(ifr.ifr_name, iface.c_str(), IFNAMSIZ - 1);
	return ifr;
}

} // namespace

LinkSocket::LinkSocket(const std::string &iface, Listen listen) : iface_(iface)
{
	// Protocol 0 registers no receive hook: the socket only sends.
	const std::uint16_t proto = listen == Listen::Arp ? htons(ETH_P_ARP) : 0;

	fd_ = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd_ < 0)
		fail(iface, "cannot open a packet socket (needs CAP_NET_RAW)");

	ifreq ifr = request_for(iface);
	if (::ioctl(fd_, SIOCGIFINDEX, &ifr) < 0) {
		::close(fd_);
		fail(iface, "no such interface");
	}
	ifindex_ = ifr.ifr_ifindex;

	ifr = request_for(iface);
	if (::ioctl(fd_, SIOCGIFHWADDR, &ifr) < 0) {
		::close(fd_);
		fail(iface, "cannot read the hardware address");
	}
	std::copy_n(reinterpret_cast<const std::uint8_t *>(ifr.ifr_hwaddr.sa_data),
		    mac_.size(), mac_.begin());

	ifr = request_for(iface);
	if (::ioctl(fd_, SIOCGIFADDR, &ifr) == 0) {
		sockaddr_in sin{};
		std::memcpy(&sin, &ifr.ifr_addr, sizeof(sin));
		std::memcpy(ipv4_.data(), &sin.sin_addr, ipv4_.size());
	}

	sockaddr_ll sll{};
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = proto;
	sll.sll_ifindex = ifindex_;
	if (::bind(fd_, reinterpret_cast<sockaddr *>(&sll), sizeof(sll)) < 0) {
		::close(fd_);
		fail(iface, "cannot bind the packet socket");
	}
}

LinkSocket::~LinkSocket()
{
	if (fd_ >= 0)
		::close(fd_);
}

void LinkSocket::send(std::span<const std::uint8_t> frame)
{
	sockaddr_ll sll{};

	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex_;
	sll.sll_halen = 6;
	std::copy_n(frame.begin(), 6, sll.sll_addr);
	if (::sendto(fd_, frame.data(), frame.size(), 0,
		     reinterpret_cast<sockaddr *>(&sll), sizeof(sll)) < 0)
		fail(iface_, "cannot send");
}

unsigned int LinkSocket::mtu() const
{
	ifreq ifr = request_for(iface_);

	if (::ioctl(fd_, SIOCGIFMTU, &ifr) < 0)
		fail(iface_, "cannot read the MTU");
	return static_cast<unsigned int>(ifr.ifr_mtu);
}

LinkSocket::BatchResult
LinkSocket::send_batch(std::span<const std::span<const std::uint8_t>> frames)
{
	constexpr std::size_t kMaxBatch = 64;
	std::array<iovec, kMaxBatch> iov{};
	std::array<mmsghdr, kMaxBatch> msgs{};
	sockaddr_ll sll{};
	const std::size_t n = std::min(frames.size(), kMaxBatch);

	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ARP);
	sll.sll_ifindex = ifindex_;
	for (std::size_t i = 0; i < n; i++) {
		// sendmsg() takes a non-const iovec but does not write the data.
		iov[i].iov_base = const_cast<std::uint8_t *>(frames[i].data());
		iov[i].iov_len = frames[i].size();
		msgs[i].msg_hdr.msg_name = &sll;
		msgs[i].msg_hdr.msg_namelen = sizeof(sll);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	const int sent = ::sendmmsg(fd_, msgs.data(), static_cast<unsigned int>(n), 0);
	if (sent < 0)
		return {0, errno};
	return {static_cast<std::size_t>(sent), 0};
}

std::optional<std::vector<std::uint8_t>>
LinkSocket::receive(std::chrono::steady_clock::time_point deadline)
{
	using namespace std::chrono;

	for (;;) {
		const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
		if (left.count() <= 0)
			return std::nullopt;

		pollfd pfd{fd_, POLLIN, 0};
		const int n = ::poll(&pfd, 1, static_cast<int>(left.count()) + 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fail(iface_, "poll");
		if (n == 0)
			continue;

		std::vector<std::uint8_t> buf(2048);
		sockaddr_ll from{};
		socklen_t len = sizeof(from);
		const ssize_t got = ::recvfrom(fd_, buf.data(), buf.size(), 0,
					       reinterpret_cast<sockaddr *>(&from), &len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			fail(iface_, "cannot receive");
		if (from.sll_pkttype == PACKET_OUTGOING)
			continue;
		buf.resize(static_cast<std::size_t>(got));
		return buf;
	}
}

} // namespace arpfo
