// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/names.hpp"

namespace arpfo {

Names Names::of_adapters(std::span<const Adapter> adapters, Fallback fallback)
{
	Names names(std::move(fallback));

	for (const auto &a : adapters)
		names.add(a.ifindex, a.ifname);
	return names;
}

void Names::add(std::uint32_t ifindex, std::string name)
{
	if (!name.empty())
		known_.insert_or_assign(ifindex, std::move(name));
}

std::string Names::operator()(std::uint32_t ifindex) const
{
	if (const auto it = known_.find(ifindex); it != known_.end())
		return it->second;
	if (fallback_)
		if (auto name = fallback_(ifindex); name && !name->empty())
			return *name;
	return "if" + std::to_string(ifindex);
}

} // namespace arpfo
