// SPDX-License-Identifier: GPL-2.0-only
// The send loop: generates frames in batches, hands them to a sender,
// paces them, waits out transient errors and counts what the kernel took.
// The sender is a function, so tests drive the loop without sockets.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "fuzz/category.hpp"
#include "fuzz/generator.hpp"

namespace arpfo::fuzz {

// How many frames of a batch, from the first, the kernel accepted, and
// the errno that stopped it (0 when none did).
struct SendResult {
	std::size_t accepted = 0;
	int error = 0;
};

using BatchSend = std::function<SendResult(std::span<const std::span<const std::uint8_t>>)>;

struct RunLimits {
	std::uint64_t count = 0;
	std::uint64_t rate = 0; // frames per second, 0: as fast as possible
	std::size_t batch = 64;
	// A transient error (ENOBUFS, EAGAIN, ENOMEM) is retried after a short
	// back-off; this long without a frame accepted, the run fails.
	std::chrono::milliseconds give_up{10'000};
};

struct RunStats {
	std::uint64_t sent = 0;	       // accepted by the kernel
	CategoryCounts per_category{}; // of those
	std::uint64_t backoffs = 0;    // transient errors waited out
	double seconds = 0;

	// When the run stopped early: the error and the frame it hit.
	int error = 0;
	std::uint64_t failed_index = 0;
	Category failed_category{};
	std::string_view failed_variant;
	std::size_t failed_len = 0;
};

// Called each time another tenth of the frames has been sent.
using Progress = std::function<void(const RunStats &)>;

bool is_transient(int error);

RunStats run_fuzz(const Generator &gen, const BatchSend &send, const RunLimits &limits,
		  const Progress &progress);

} // namespace arpfo::fuzz
