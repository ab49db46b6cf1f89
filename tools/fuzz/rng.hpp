// SPDX-License-Identifier: GPL-2.0-only
// A small deterministic random generator: xoshiro256** seeded through
// SplitMix64. The same seed gives the same frames with every compiler and
// standard library, which std::uniform_int_distribution does not promise,
// and one frame is reproducible on its own from (seed, index).
#pragma once

#include <cstdint>
#include <span>

namespace arpfo::fuzz {

class Rng {
public:
	// One independent stream per (seed, stream), e.g. per frame index.
	Rng(std::uint64_t seed, std::uint64_t stream)
	{
		std::uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ull);

		for (auto &s : s_)
			s = splitmix(x);
	}

	std::uint64_t next()
	{
		const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
		const std::uint64_t t = s_[1] << 17;

		s_[2] ^= s_[0];
		s_[3] ^= s_[1];
		s_[1] ^= s_[2];
		s_[0] ^= s_[3];
		s_[2] ^= t;
		s_[3] = rotl(s_[3], 45);
		return result;
	}

	// Uniform enough in [0, n) for fuzzing (n > 0); the bias is below 2^-40.
	std::uint64_t below(std::uint64_t n) { return next() % n; }

	// Uniform in [lo, hi], both included.
	std::uint64_t between(std::uint64_t lo, std::uint64_t hi)
	{
		return lo + below(hi - lo + 1);
	}

	bool one_in(std::uint64_t n) { return below(n) == 0; }

	std::uint8_t byte() { return static_cast<std::uint8_t>(next() >> 56); }
	std::uint16_t u16() { return static_cast<std::uint16_t>(next() >> 48); }
	std::uint32_t u32() { return static_cast<std::uint32_t>(next() >> 32); }

	void fill(std::span<std::uint8_t> out)
	{
		std::size_t i = 0;

		while (i < out.size()) {
			std::uint64_t v = next();
			for (int k = 0; k < 8 && i < out.size(); k++, v >>= 8)
				out[i++] = static_cast<std::uint8_t>(v);
		}
	}

	template <typename T> const T &pick(std::span<const T> from)
	{
		return from[below(from.size())];
	}

private:
	static std::uint64_t rotl(std::uint64_t x, int k) { return x << k | x >> (64 - k); }

	static std::uint64_t splitmix(std::uint64_t &x)
	{
		std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		return z ^ (z >> 31);
	}

	std::uint64_t s_[4];
};

} // namespace arpfo::fuzz
