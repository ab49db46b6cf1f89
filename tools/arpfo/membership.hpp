// SPDX-License-Identifier: GPL-2.0-only
// Whether the module manages a device, or why not (enum arpfo_membership),
// as a short name for tables and JSON and as a sentence for people.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace arpfo {

// "managed", "vipa", "bond-port", ...; "unknown(N)" for a reason this
// version does not know.
std::string membership_name(std::uint32_t membership);

// Why the module does not manage the device, in words; @master names its
// master device ("" for none). "managed" for a managed adapter.
std::string membership_reason(std::uint32_t membership, std::string_view master);

} // namespace arpfo
