// SPDX-License-Identifier: GPL-2.0-only
// A packet socket bound to one interface for ARP frames.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "probe/arp_frame.hpp"

namespace arpfo {

class LinkSocket {
public:
	// What the socket hears: the interface's ARP frames (arpfo-probe), or
	// nothing, for a sender that must not be handed a copy of each frame
	// it sends.
	enum class Listen { Arp, Nothing };

	// How many frames of a batch, from the first, the kernel accepted,
	// and the errno that stopped it (0 when none did).
	struct BatchResult {
		std::size_t sent = 0;
		int error = 0;
	};

	// Throws std::system_error naming the interface and the failed step.
	explicit LinkSocket(const std::string &iface, Listen listen = Listen::Arp);
	~LinkSocket();
	LinkSocket(const LinkSocket &) = delete;
	LinkSocket &operator=(const LinkSocket &) = delete;

	const Mac &mac() const { return mac_; }
	// The interface's primary IPv4 address, or 0.0.0.0 when it has none.
	const Ipv4 &ipv4() const { return ipv4_; }

	// Throws std::system_error when the MTU cannot be read.
	unsigned int mtu() const;

	void send(std::span<const std::uint8_t> frame);
	// Sends up to 64 complete Ethernet frames with one sendmmsg(); does
	// not throw, so that callers can wait out ENOBUFS and retry the rest.
	BatchResult send_batch(std::span<const std::span<const std::uint8_t>> frames);
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
