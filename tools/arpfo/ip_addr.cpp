// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/ip_addr.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <stdexcept>
#include <system_error>

#include <arpa/inet.h>

namespace arpfo {

IpAddr IpAddr::from_bytes6(std::span<const std::uint8_t> bytes)
{
	Ipv6 v6{};

	if (bytes.size() != v6.size())
		throw std::invalid_argument("an IPv6 address has 16 bytes, not " +
					    std::to_string(bytes.size()));
	std::copy(bytes.begin(), bytes.end(), v6.begin());
	return IpAddr(v6);
}

std::string IpAddr::str() const
{
	std::array<char, INET6_ADDRSTRLEN> buf{};
	const int af = is_v6() ? AF_INET6 : AF_INET;
	const void *src = std::visit([](const auto &bytes) -> const void * { return bytes.data(); },
				     value_);

	// Fails only for an unknown family or a buffer too small: neither here.
	if (!::inet_ntop(af, src, buf.data(), static_cast<socklen_t>(buf.size())))
		throw std::system_error(errno, std::generic_category(), "inet_ntop");
	return buf.data();
}

} // namespace arpfo
