// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <cerrno>
#include <numeric>
#include <vector>

#include "fuzz/runner.hpp"

using namespace arpfo;
using namespace arpfo::fuzz;

namespace {

Generator generator()
{
	FuzzContext ctx;
	ctx.host_macs = {Mac{0x02, 0, 0, 0, 0x01, 0}};
	ctx.host_ips = {Ipv4{10, 0, 0, 1}};
	ctx.client_mac = Mac{0x02, 0, 0, 0, 0x0c, 0};
	return Generator(99, ctx);
}

std::uint64_t total(const CategoryCounts &c)
{
	return std::accumulate(c.begin(), c.end(), std::uint64_t{0});
}

} // namespace

TEST(FuzzRunner, SendsEveryFrameInOrder)
{
	const Generator gen = generator();
	std::vector<std::vector<std::uint8_t>> wire;
	const BatchSend send = [&](std::span<const std::span<const std::uint8_t>> frames) {
		for (auto f : frames)
			wire.emplace_back(f.begin(), f.end());
		return SendResult{frames.size(), 0};
	};
	int progress_calls = 0;
	RunLimits limits;
	limits.count = 1400;

	const RunStats st = run_fuzz(gen, send, limits, [&](const RunStats &) { progress_calls++; });
	EXPECT_EQ(st.sent, 1400u);
	EXPECT_EQ(total(st.per_category), 1400u);
	EXPECT_EQ(st.error, 0);
	EXPECT_EQ(progress_calls, 10);
	ASSERT_EQ(wire.size(), 1400u);
	Frame f;
	for (std::uint64_t i = 0; i < wire.size(); i += 97) {
		gen.generate(i, f);
		EXPECT_EQ(wire[i], std::vector<std::uint8_t>(f.data().begin(), f.data().end()));
	}
	// 14 categories without a replay file: 1400 = 14 * 100.
	EXPECT_EQ(st.per_category[category_slot(Category::Valid)], 100u);
	EXPECT_EQ(st.per_category[category_slot(Category::RandomPayload)], 100u);
	EXPECT_EQ(st.per_category[category_slot(Category::ForgedLive)], 100u);
	EXPECT_EQ(st.per_category[category_slot(Category::NdValid)], 100u);
	EXPECT_EQ(st.per_category[category_slot(Category::NdSpoof)], 100u);
	EXPECT_EQ(st.per_category[category_slot(Category::ReplayedProbe)], 0u);
	EXPECT_EQ(st.per_category[category_slot(Category::ReplayedLive)], 0u);
}

TEST(FuzzRunner, PartialBatchesAndFullQueuesLoseNothing)
{
	const Generator gen = generator();
	std::uint64_t calls = 0, on_wire = 0;
	// Takes at most 5 frames, and every third call reports a full queue.
	const BatchSend send = [&](std::span<const std::span<const std::uint8_t>> frames) {
		if (++calls % 3 == 0)
			return SendResult{0, ENOBUFS};
		const std::size_t n = std::min<std::size_t>(frames.size(), 5);
		on_wire += n;
		return SendResult{n, n < frames.size() ? EAGAIN : 0};
	};
	RunLimits limits;
	limits.count = 777;

	const RunStats st = run_fuzz(gen, send, limits, nullptr);
	EXPECT_EQ(st.error, 0);
	EXPECT_EQ(st.sent, 777u);
	EXPECT_EQ(on_wire, 777u);
	EXPECT_EQ(total(st.per_category), 777u);
	EXPECT_GT(st.backoffs, 0u);
}

TEST(FuzzRunner, PersistentFullQueueFails)
{
	const Generator gen = generator();
	std::uint64_t calls = 0;
	const BatchSend send = [&](std::span<const std::span<const std::uint8_t>> frames) {
		// 100 frames go through, then the queue stays full.
		if (calls >= 100)
			return SendResult{0, ENOBUFS};
		calls += frames.size();
		return SendResult{frames.size(), 0};
	};
	RunLimits limits;
	limits.count = 1000;
	limits.batch = 10;
	limits.give_up = std::chrono::milliseconds(20);

	const RunStats st = run_fuzz(gen, send, limits, nullptr);
	EXPECT_EQ(st.error, ENOBUFS);
	EXPECT_EQ(st.sent, 100u);
	EXPECT_EQ(st.failed_index, 100u);
	EXPECT_EQ(total(st.per_category), 100u);
	EXPECT_GT(st.backoffs, 2u);
}

TEST(FuzzRunner, HardErrorFailsAtOnceWithTheFrame)
{
	const Generator gen = generator();
	const BatchSend send = [&](std::span<const std::span<const std::uint8_t>> frames) {
		return SendResult{frames.size() > 3 ? 3u : 0u, EMSGSIZE};
	};
	RunLimits limits;
	limits.count = 50;

	const RunStats st = run_fuzz(gen, send, limits, nullptr);
	EXPECT_EQ(st.error, EMSGSIZE);
	EXPECT_EQ(st.sent, 3u);
	EXPECT_EQ(st.failed_index, 3u);
	EXPECT_EQ(st.failed_category, gen.category_of(3));
	EXPECT_FALSE(st.failed_variant.empty());
	EXPECT_GT(st.failed_len, 0u);
	EXPECT_EQ(st.backoffs, 0u);
}

TEST(FuzzRunner, RateLimits)
{
	const Generator gen = generator();
	const BatchSend send = [](std::span<const std::span<const std::uint8_t>> frames) {
		return SendResult{frames.size(), 0};
	};
	RunLimits limits;
	limits.count = 200;
	limits.rate = 2000; // 100 ms for 200 frames

	const RunStats st = run_fuzz(gen, send, limits, nullptr);
	EXPECT_EQ(st.sent, 200u);
	EXPECT_GE(st.seconds, 0.09);
	EXPECT_LT(st.seconds, 2.0);
}

TEST(FuzzRunner, TransientErrors)
{
	EXPECT_TRUE(is_transient(ENOBUFS));
	EXPECT_TRUE(is_transient(EAGAIN));
	EXPECT_FALSE(is_transient(ENETDOWN));
	EXPECT_FALSE(is_transient(EMSGSIZE));
}
