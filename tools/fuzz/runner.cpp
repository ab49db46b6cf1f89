// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/runner.hpp"

#include <algorithm>
#include <cerrno>
#include <optional>
#include <thread>
#include <vector>

namespace arpfo::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::microseconds kFirstBackoff{100};
constexpr std::chrono::microseconds kMaxBackoff{50'000};

double seconds_since(Clock::time_point start)
{
	return std::chrono::duration<double>(Clock::now() - start).count();
}

// With a rate, bursts last at most 5 ms.
std::size_t batch_size(const RunLimits &l)
{
	const std::size_t most = std::max<std::size_t>(l.batch, 1);

	if (l.rate == 0)
		return most;
	return static_cast<std::size_t>(std::clamp<std::uint64_t>(l.rate / 200, 1, most));
}

void pace(Clock::time_point start, std::uint64_t sent, std::uint64_t rate)
{
	const auto due = start + std::chrono::duration_cast<Clock::duration>(
					 std::chrono::duration<double>(static_cast<double>(sent) /
								       static_cast<double>(rate)));
	if (Clock::now() < due)
		std::this_thread::sleep_until(due);
}

} // namespace

bool is_transient(int error)
{
	return error == ENOBUFS || error == EAGAIN || error == EWOULDBLOCK || error == ENOMEM ||
	       error == EINTR;
}

RunStats run_fuzz(const Generator &gen, const BatchSend &send, const RunLimits &limits,
		  const Progress &progress)
{
	const auto start = Clock::now();
	const std::size_t batch = batch_size(limits);
	std::vector<Frame> frames(batch);
	std::vector<std::span<const std::uint8_t>> views(batch);
	RunStats st;
	unsigned int tenths = 0;

	while (st.sent < limits.count) {
		const auto n = static_cast<std::size_t>(
			std::min<std::uint64_t>(batch, limits.count - st.sent));
		const std::uint64_t first = st.sent;

		for (std::size_t i = 0; i < n; i++) {
			gen.generate(first + i, frames[i]);
			views[i] = frames[i].data();
		}
		if (limits.rate)
			pace(start, st.sent, limits.rate);

		std::size_t done = 0;
		auto backoff = kFirstBackoff;
		std::optional<Clock::time_point> stalled_since;
		while (done < n) {
			const SendResult r = send(std::span(views).subspan(done, n - done));
			const std::size_t took = std::min(r.accepted, n - done);

			for (std::size_t i = done; i < done + took; i++)
				st.per_category[category_slot(frames[i].category)]++;
			done += took;
			st.sent += took;
			if (took) {
				backoff = kFirstBackoff;
				stalled_since.reset();
			}
			if (done == n || r.error == EINTR)
				continue;
			// Nothing taken and no error would spin: treat it as a full queue.
			const int error = r.error ? r.error : ENOBUFS;
			if (!stalled_since)
				stalled_since = Clock::now();
			if (!is_transient(error) || Clock::now() - *stalled_since >= limits.give_up) {
				const Frame &f = frames[done];
				st.error = error;
				st.failed_index = first + done;
				st.failed_category = f.category;
				st.failed_variant = f.variant;
				st.failed_len = f.len;
				st.seconds = seconds_since(start);
				return st;
			}
			std::this_thread::sleep_for(backoff);
			backoff = std::min(backoff * 2, kMaxBackoff);
			st.backoffs++;
		}

		const unsigned int before = tenths;
		while (tenths < 10 && st.sent >= limits.count * (tenths + 1) / 10)
			tenths++;
		if (tenths != before && progress) {
			st.seconds = seconds_since(start);
			progress(st);
		}
	}
	st.seconds = seconds_since(start);
	return st;
}

} // namespace arpfo::fuzz
