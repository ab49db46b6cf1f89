// SPDX-License-Identifier: GPL-2.0-only
// What a fuzzing run did, for people (text) and for scripts (JSON).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "fuzz/runner.hpp"

namespace arpfo::fuzz {

struct FuzzReport {
	std::string iface;
	std::uint64_t seed = 0;
	std::uint64_t requested = 0;
	RunStats run;
	// Frames the interface dropped after the kernel accepted them (its
	// tx_dropped counter), when it could be read.
	std::optional<std::uint64_t> link_dropped;
	std::string error; // why the run stopped early; empty when it did not
};

int exit_code(const FuzzReport &r);
double frames_per_second(const RunStats &s);
// "arpfo-fuzz: 100000/1000000 frames (10%), 81234 frames/s"
std::string render_progress(const RunStats &s, std::uint64_t requested);
// One line per category, then "arpfo-fuzz: sent N frames (...) in S s".
std::string render_text(const FuzzReport &r);
// One JSON object, one line.
std::string render_json(const FuzzReport &r);

} // namespace arpfo::fuzz
