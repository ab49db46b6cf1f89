// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_nm_spec.hpp"

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

// NetworkManager's own globbing of interface names: '*' and '?' only.
bool nm_glob(std::string_view pattern, std::string_view name)
{
	if (pattern.empty())
		return name.empty();
	if (pattern[0] == '*')
		return nm_glob(pattern.substr(1), name) ||
		       (!name.empty() && nm_glob(pattern, name.substr(1)));
	if (name.empty())
		return false;
	return (pattern[0] == '?' || pattern[0] == name[0]) &&
	       nm_glob(pattern.substr(1), name.substr(1));
}

bool same_mac(std::string_view text, const std::optional<Mac> &mac)
{
	return mac && lower(text) == format_mac(*mac);
}

// Whether one spec (without "except:") matches.
bool spec_match(std::string_view spec, std::string_view name, const std::optional<Mac> &mac)
{
	constexpr std::string_view kIfname = "interface-name:";

	if (spec == "*")
		return true;
	if (spec.starts_with(kIfname)) {
		std::string_view pattern = spec.substr(kIfname.size());
		if (pattern.starts_with("="))
			return pattern.substr(1) == name;
		if (pattern.starts_with("~"))
			pattern.remove_prefix(1);
		return nm_glob(pattern, name);
	}
	if (spec.starts_with("mac:"))
		return same_mac(spec.substr(4), mac);
	if (spec.starts_with("type:"))
		return spec.substr(5) == "ethernet";
	if (spec.find(':') != std::string_view::npos && spec.size() == 17)
		return same_mac(spec, mac); // a bare MAC address
	if (spec.find(':') != std::string_view::npos)
		return false; // driver:, s390-subchannels:, ...: not known here
	return spec == name;  // a bare interface name, no globbing
}

} // namespace

std::vector<std::string> nm_specs(std::string_view list)
{
	std::vector<std::string> out;
	std::string cur;

	for (std::size_t i = 0; i < list.size(); i++) {
		const char c = list[i];
		if (c == '\\' && i + 1 < list.size()) {
			cur += list[++i];
		} else if (c == ',' || c == ';') {
			out.push_back(trim(cur));
			cur.clear();
		} else {
			cur += c;
		}
	}
	out.push_back(trim(cur));
	std::erase_if(out, [](const std::string &s) { return s.empty(); });
	return out;
}

bool nm_spec_match(std::string_view list, std::string_view name, const std::optional<Mac> &mac)
{
	constexpr std::string_view kExcept = "except:";
	bool positive = false;
	bool matched = false;

	for (const auto &spec : nm_specs(list)) {
		if (std::string_view(spec).starts_with(kExcept)) {
			if (spec_match(std::string_view(spec).substr(kExcept.size()), name, mac))
				return false;
			continue;
		}
		positive = true;
		matched = matched || spec_match(spec, name, mac);
	}
	return positive ? matched : !nm_specs(list).empty();
}

} // namespace arpfo::check
