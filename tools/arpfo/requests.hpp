// SPDX-License-Identifier: GPL-2.0-only
// The requests arpfo sends, as bytes built with libmnl. The socket fills
// in the sequence number (see GenlSocket); everything else is here, pure,
// so tests can parse what would be sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arpfo {

using Message = std::vector<std::uint8_t>;

// What `arpfo set` changes on one adapter.
struct AdapterChange {
	std::string ifname;
	std::optional<std::uint32_t> priority;
	std::optional<bool> managed;

	bool operator==(const AdapterChange &) const = default;
};

// CTRL_CMD_GETFAMILY for @name, acknowledged.
Message family_request(std::string_view name);
// A dump (NLM_F_DUMP) of @cmd from generic netlink family @family.
Message dump_request(std::uint16_t family, std::uint8_t cmd);
// ARPFO_CMD_ADAPTER_SET naming the adapter by IFNAME, acknowledged.
// Throws std::length_error when the name does not fit an attribute.
Message set_request(std::uint16_t family, const AdapterChange &change);

} // namespace arpfo
