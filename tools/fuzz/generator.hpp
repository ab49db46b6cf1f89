// SPDX-License-Identifier: GPL-2.0-only
// The frame generator: frame N of a seed, computed on its own, no sockets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/frame.hpp"

namespace arpfo::fuzz {

class Generator {
public:
	// Throws std::invalid_argument when the context is unusable: a
	// max_frame_len outside 60..1514 or a replay frame (probe or
	// liveness frame) that does not fit.
	Generator(std::uint64_t seed, FuzzContext ctx);

	// Categories take turns, so each gets an equal share: replayed probes
	// and replayed liveness frames only when the context holds such
	// frames to replay. The Neighbor Discovery categories are always in,
	// random addresses standing in for missing IPv6 targets.
	std::span<const Category> categories() const { return cats_; }
	Category category_of(std::uint64_t index) const;

	// Writes frame @index into @out (bytes, length, category, variant).
	void generate(std::uint64_t index, Frame &out) const;

	std::uint64_t seed() const { return seed_; }
	const FuzzContext &context() const { return ctx_; }

private:
	std::uint64_t seed_;
	FuzzContext ctx_;
	std::vector<Category> cats_;
};

} // namespace arpfo::fuzz
