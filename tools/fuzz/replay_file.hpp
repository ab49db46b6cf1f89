// SPDX-License-Identifier: GPL-2.0-only
// The --replay file: captured genuine probe frames, in hex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace arpfo::fuzz {

struct ReplayError {
	std::string message;
};

using ReplayFrames = std::vector<std::vector<std::uint8_t>>;
using ReplayResult = std::variant<ReplayFrames, ReplayError>;

// One frame per line, in hex, as `tests/frame_tool.py probes` prints
// them. Blank lines and '#' comments are skipped; spaces, tabs and ':'
// between digits are ignored. Every frame must be an ARP frame carrying a
// probe tag (magic ARPFO_PROBE_MAGIC, 0xaf02) at byte 42 and be at most
// 1514 bytes long.
ReplayResult parse_replay(std::string_view text);

} // namespace arpfo::fuzz
