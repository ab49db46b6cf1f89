// SPDX-License-Identifier: GPL-2.0-only
// Interface names for the ifindexes in messages: first the names the
// module reported, then the system's (a fallback the caller supplies, so
// tests stay independent of the machine), else "if<N>".
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "arpfo/model.hpp"

namespace arpfo {

class Names {
public:
	using Fallback = std::function<std::optional<std::string>(std::uint32_t)>;

	explicit Names(Fallback fallback = {}) : fallback_(std::move(fallback)) {}

	// The names in an adapter dump, then @fallback.
	static Names of_adapters(std::span<const Adapter> adapters, Fallback fallback = {});

	void add(std::uint32_t ifindex, std::string name);
	std::string operator()(std::uint32_t ifindex) const;

private:
	std::map<std::uint32_t, std::string> known_;
	Fallback fallback_;
};

} // namespace arpfo
