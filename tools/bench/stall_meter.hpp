// SPDX-License-Identifier: GPL-2.0-only
// Tracks the gaps between completed round trips of a ping-pong.
#pragma once

#include <chrono>
#include <cstdint>

namespace arpfo {

class StallMeter {
public:
	using Clock = std::chrono::steady_clock;

	explicit StallMeter(Clock::time_point start) : last_(start) {}

	// One round trip completed at @now.
	void round_trip(Clock::time_point now)
	{
		const auto gap = now - last_;
		if (gap > longest_)
			longest_ = gap;
		last_ = now;
		count_++;
	}

	std::uint64_t count() const { return count_; }
	double longest_ms() const
	{
		return std::chrono::duration<double, std::milli>(longest_).count();
	}

private:
	Clock::time_point last_;
	Clock::duration longest_{};
	std::uint64_t count_ = 0;
};

} // namespace arpfo
