// SPDX-License-Identifier: GPL-2.0-only
// Terminal colour: whether to use it, and how to paint a piece of text.
#pragma once

#include <string>
#include <string_view>

namespace arpfo {

enum class ColorMode { Auto, Always, Never };

// What a piece of text means; the palette maps meaning to colour.
enum class Paint { None, Good, Warn, Bad, Moved };

// Auto: only when stdout is a terminal and NO_COLOR (@no_color, the
// environment variable's value or nullptr) is unset or empty.
bool use_color(ColorMode mode, bool stdout_is_tty, const char *no_color);

// @text wrapped in the SGR sequence of @paint when @enabled.
std::string paint(std::string_view text, Paint p, bool enabled);

} // namespace arpfo
