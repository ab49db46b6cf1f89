// SPDX-License-Identifier: GPL-2.0-only
// The --replay file: captured genuine probes and liveness frames, in hex.
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

// One frame per line, in hex, as `tests/frame_tool.py probes` and
// `lives` print them. Blank lines and '#' comments are skipped; spaces,
// tabs and ':' between digits are ignored. Every frame must be at most
// 1514 bytes long and either an ARP frame carrying a probe's tag (magic
// ARPFO_PROBE_MAGIC 0xaf02 at byte 42) or a liveness frame (EtherType
// ARPFO_LIVE_ETHERTYPE 0x88b5, magic ARPFO_LIVE_MAGIC 0xaf04 at byte 14,
// the whole struct arpfo_live_frame).
ReplayResult parse_replay(std::string_view text);

// The frames of a parsed replay file by their kind, in file order.
struct ReplaySets {
	ReplayFrames probes;
	ReplayFrames lives;
};
ReplaySets split_replay(ReplayFrames frames);

} // namespace arpfo::fuzz
