// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "bench/stall_meter.hpp"

using arpfo::StallMeter;
using namespace std::chrono_literals;

TEST(StallMeter, LongestGapBetweenRoundTrips)
{
	const auto t0 = StallMeter::Clock::time_point{};
	StallMeter m(t0);

	m.round_trip(t0 + 1ms);
	m.round_trip(t0 + 2ms);
	m.round_trip(t0 + 250ms);	/* a failover */
	m.round_trip(t0 + 251ms);
	EXPECT_EQ(m.count(), 4u);
	EXPECT_DOUBLE_EQ(m.longest_ms(), 248.0);
}

TEST(StallMeter, FirstGapCountsFromStart)
{
	const auto t0 = StallMeter::Clock::time_point{};
	StallMeter m(t0);

	EXPECT_EQ(m.count(), 0u);
	EXPECT_DOUBLE_EQ(m.longest_ms(), 0.0);
	m.round_trip(t0 + 30ms);
	EXPECT_DOUBLE_EQ(m.longest_ms(), 30.0);
}
