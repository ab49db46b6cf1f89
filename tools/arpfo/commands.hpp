// SPDX-License-Identifier: GPL-2.0-only
// The commands that talk to the kernel. Each returns the exit status or
// throws an exception whose what() main() prints after "arpfo: ".
#pragma once

#include <string_view>

#include "arpfo/options.hpp"

namespace arpfo {

int run_show(const ShowCommand &cmd);
int run_monitor(const MonitorCommand &cmd);
int run_set(const SetCommand &cmd);
// Handles its own runtime errors: they exit with status 2.
int run_check(const CheckCommand &cmd);

// Writes @text to stdout and flushes it; throws when that fails.
void write_stdout(std::string_view text);
// Whether to colour stdout in @mode (NO_COLOR, isatty).
bool stdout_color(ColorMode mode);

} // namespace arpfo
