// SPDX-License-Identifier: GPL-2.0-only
// `arpfo check`'s report as text for people and as JSON for tools.
#pragma once

#include <string>

#include "arpfo/check_model.hpp"

namespace arpfo::check {

std::string render_check(const Report &r, bool color);
// One JSON object, one line.
std::string render_check_json(const Report &r);

} // namespace arpfo::check
