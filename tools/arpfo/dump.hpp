// SPDX-License-Identifier: GPL-2.0-only
// One dump of the arp_failover family, every message parsed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arpfo/connection.hpp"
#include "arpfo/errors.hpp"
#include "arpfo/requests.hpp"

namespace arpfo {

// Parses every message of the dump of @cmd with @parse; @what says what
// is being read, in errors.
template <typename T, typename Parse>
std::vector<T> read_dump(Connection &c, std::uint8_t cmd, const std::string &what, Parse parse)
{
	std::vector<T> out;

	for (const auto &msg : c.sock.exchange(dump_request(c.family.id, cmd), what)) {
		try {
			out.push_back(parse(msg));
		} catch (const MalformedMessage &e) {
			throw MalformedMessage(what + ": " + e.what());
		}
	}
	return out;
}

} // namespace arpfo
