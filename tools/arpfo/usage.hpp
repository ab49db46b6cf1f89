// SPDX-License-Identifier: GPL-2.0-only
// The help texts of arpfo and its commands.
#pragma once

#include <string>
#include <string_view>

namespace arpfo {

// @topic: "" for the overview, else a command name ("show", "monitor",
// "set", "probe"); an unknown topic gets the overview.
std::string usage(std::string_view topic);

} // namespace arpfo
