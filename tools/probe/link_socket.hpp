// SPDX-License-Identifier: GPL-2.0-only
// A packet socket bound to one interface for ARP frames.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "probe/arp_frame.hpp"

namespace arpfo {

class LinkSocket {
public:
	// Throws std::system_error naming the interface and the failed step.
	explicit LinkSocket(const std::string &iface);
	~LinkSocket();
	LinkSocket(const LinkSocket &) = delete;
	LinkSocket &operator=(const LinkSocket &) = delete;

	const Mac &mac() const { return mac_; }
	// The interface's primary IPv4 address, or 0.0.0.0 when it has none.
	const Ipv4 &ipv4() const { return ipv4_; }

	void send(std::span<const std::uint8_t> frame);
	// The next frame received (not sent) on the interface, or nothing
	// when the deadline passes first.
	std::optional<std::vector<std::uint8_t>>
	receive(std::chrono::steady_clock::time_point deadline);

private:
	int fd_ = -1;
	int ifindex_ = 0;
	std::string iface_;
	Mac mac_{};
	Ipv4 ipv4_{};
};

} // namespace arpfo
