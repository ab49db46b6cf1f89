// SPDX-License-Identifier: GPL-2.0-only
// The whole of arpfo-probe, from arguments to exit status, shared by the
// arpfo-probe program and `arpfo probe`.
#pragma once

#include <span>
#include <string_view>

namespace arpfo {

// @args: the arguments after the program (or command) name. @prog names
// the program in the usage text ("arpfo-probe", "arpfo probe"); @prefix
// starts every error message ("arpfo-probe", "arpfo"). Prints the report
// on stdout and returns the exit status: 0 when exactly one MAC answered,
// 1 when none or several did, 2 on a usage or system error.
int probe_main(std::span<const std::string_view> args, std::string_view prog,
	       std::string_view prefix);

} // namespace arpfo
