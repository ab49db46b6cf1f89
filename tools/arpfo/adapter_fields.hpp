// SPDX-License-Identifier: GPL-2.0-only
// The columns of `arpfo show`'s adapters table, by the names `-o` takes
// (as ipmpstat -o picks fields): every one, the default set that fits a
// 100-column terminal, and the parser of a field list.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "arpfo/table.hpp"

namespace arpfo {

// In the order of `-o all`.
enum class AdapterField {
	Adapter,
	Pnet,
	State,
	Probing,
	AnsweredBy,
	Priority,
	Kind,
	Vipa,
	MacAddress,
	Takeovers,
	Reclaims,
	Replies,
	Dropped,
	Probes,
	Rejected,
	Announced,
	Vrf,
	Judged,
	Heard,
	Target,
};

struct AdapterFieldInfo {
	AdapterField field;
	std::string_view name; // what -o takes: the title in lower case
	Column column;
	std::string_view help; // one line for --help and the man page
};

// Every field, in the order of `-o all`.
std::span<const AdapterFieldInfo> adapter_fields();
const AdapterFieldInfo &adapter_field(AdapterField f);

// Every field, as `-o all` picks them.
std::vector<AdapterField> all_adapter_fields();

// The fields shown without -o. The first five stay ADAPTER PNET STATE
// PROBING ANSWERED-BY: scripts read them by position.
std::vector<AdapterField> default_adapter_fields();

// @list: "all", or field names separated by commas, any case, each at
// most once. The fields in the order given, or an error in words.
std::variant<std::vector<AdapterField>, std::string> parse_adapter_fields(std::string_view list);

} // namespace arpfo
