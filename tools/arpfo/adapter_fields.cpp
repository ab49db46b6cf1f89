// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/adapter_fields.hpp"

#include <algorithm>
#include <cctype>

namespace arpfo {
namespace {

using F = AdapterField;

constexpr AdapterFieldInfo kFields[] = {
	{F::Adapter, "adapter", {"ADAPTER"}, "the adapter's name"},
	{F::Pnet, "pnet", {"PNET", true}, "the physical network it is on"},
	{F::State, "state", {"STATE"}, "healthy, delayed, down or failed"},
	{F::Probing, "probing", {"PROBING"}, "yes while a discovery probe is out"},
	{F::AnsweredBy, "answered-by", {"ANSWERED-BY"}, "the adapter answering for its addresses"},
	{F::Priority, "priority", {"PRIORITY", true}, "backup preference, higher wins"},
	{F::Kind, "kind", {"KIND"}, "host, or offload (answers ARP itself)"},
	{F::Vipa, "vipa", {"VIPA"}, "yes while it answers for the VIPAs of its pnet"},
	{F::MacAddress, "mac", {"MAC"}, "its MAC address"},
	{F::Takeovers, "takeovers", {"TAKEOVERS", true}, "times its addresses moved away"},
	{F::Reclaims, "reclaims", {"RECLAIMS", true}, "times they came back"},
	{F::Replies, "replies", {"REPLIES", true}, "ARP replies and ND answers sent"},
	{F::Dropped, "dropped", {"DROPPED", true}, "requests left to another adapter"},
	{F::Probes, "probes", {"PROBES", true}, "discovery probes sent/heard"},
	{F::Rejected, "rejected", {"REJECTED", true}, "forged or replayed probes dropped"},
	{F::Announced, "announced", {"ANNOUNCED", true}, "gratuitous ARPs and unsolicited NAs"},
	{F::Vrf, "vrf", {"VRF"}, "its VRF, - for none"},
	{F::Judged, "judged", {"JUDGED"}, "ok, no-carrier, silent or target-lost"},
	{F::Heard, "heard", {"HEARD"}, "ms since it heard a sibling / a sibling heard it"},
	{F::Target, "target", {"TARGET"}, "the target it probes (where from, ms since it answered)"},
};

// adapter_field() indexes kFields by the enum's value.
constexpr bool in_enum_order()
{
	for (std::size_t i = 0; i < std::size(kFields); i++)
		if (static_cast<std::size_t>(kFields[i].field) != i)
			return false;
	return true;
}
static_assert(in_enum_order(), "kFields follows enum AdapterField");

std::string lower(std::string_view s)
{
	std::string out(s);

	std::transform(out.begin(), out.end(), out.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return out;
}

const AdapterFieldInfo *by_name(std::string_view name)
{
	const std::string want = lower(name);
	const auto it = std::find_if(std::begin(kFields), std::end(kFields),
				     [&](const AdapterFieldInfo &f) { return f.name == want; });

	return it == std::end(kFields) ? nullptr : it;
}

std::string known_names()
{
	std::string out;

	for (const auto &f : kFields)
		out += (out.empty() ? "" : ",") + std::string(f.name);
	return out;
}

} // namespace

std::span<const AdapterFieldInfo> adapter_fields()
{
	return kFields;
}

const AdapterFieldInfo &adapter_field(AdapterField f)
{
	return kFields[static_cast<std::size_t>(f)];
}

std::vector<AdapterField> all_adapter_fields()
{
	std::vector<AdapterField> out;

	for (const auto &f : kFields)
		out.push_back(f.field);
	return out;
}

std::vector<AdapterField> default_adapter_fields()
{
	return {F::Adapter,  F::Pnet,	   F::State,	F::Probing, F::AnsweredBy,
		F::Priority, F::Takeovers, F::Reclaims, F::Judged};
}

std::variant<std::vector<AdapterField>, std::string> parse_adapter_fields(std::string_view list)
{
	std::vector<AdapterField> out;

	if (lower(list) == "all")
		return all_adapter_fields();
	while (true) {
		const std::size_t comma = list.find(',');
		const std::string_view name = list.substr(0, comma);
		const AdapterFieldInfo *f = by_name(name);

		if (!f)
			return "unknown field '" + std::string(name) +
			       "' (fields: " + known_names() + ", or all)";
		if (std::find(out.begin(), out.end(), f->field) != out.end())
			return "field '" + std::string(f->name) + "' given twice";
		out.push_back(f->field);
		if (comma == std::string_view::npos)
			return out;
		list.remove_prefix(comma + 1);
	}
}

} // namespace arpfo
