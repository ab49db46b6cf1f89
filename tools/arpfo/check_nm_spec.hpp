// SPDX-License-Identifier: GPL-2.0-only
// NetworkManager's device lists ("Device List Format" in
// NetworkManager.conf(5)): match-device=, unmanaged-devices=, and the
// deprecated [main] ignore-carrier=.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probe/arp_frame.hpp"

namespace arpfo::check {

// The specs of a list: separated by ',' or ';' (a backslash escapes
// either), blanks around each trimmed.
std::vector<std::string> nm_specs(std::string_view list);

// Whether the Ethernet device @name (MAC @mac, when known) matches @list:
// some positive spec matches and no "except:" one does; a list of only
// "except:" specs matches every device none of them names. Specs this
// tool cannot evaluate (driver:, s390-subchannels:, ...) do not match.
bool nm_spec_match(std::string_view list, std::string_view name, const std::optional<Mac> &mac);

} // namespace arpfo::check
