// SPDX-License-Identifier: GPL-2.0-only
// Runs a helper program (nmcli) and reads what it prints, bounded in
// time: a NetworkManager that hangs must not hang `arpfo check`.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace arpfo::check {

// The standard output of @argv (looked up in PATH) when it exits with
// status 0 within @timeout; nullopt when it cannot start, fails or takes
// longer (then it is killed). Its standard input and error are /dev/null.
std::optional<std::string> run_command(const std::vector<std::string> &argv,
				       std::chrono::milliseconds timeout);

} // namespace arpfo::check
