// SPDX-License-Identifier: GPL-2.0-only
// `arpfo show`: the tables (like ipmpstat -g/-i/-a) and the JSON document.
// Pure functions from the model to text.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "arpfo/adapter_fields.hpp"
#include "arpfo/model.hpp"
#include "arpfo/names.hpp"

namespace arpfo {

// Which tables or JSON keys `show` prints, and the adapters table's
// columns (JSON has every field).
struct Selection {
	bool groups = true;
	bool adapters = true;
	bool addresses = true;
	bool devices = false; // every device, managed or why not
	std::vector<AdapterField> adapter_fields = default_adapter_fields();

	bool operator==(const Selection &) const = default;
};

// "down", "delayed", "healthy"; "unknown(N)" for a value this version
// does not know.
std::string state_name(std::uint32_t state);
// "host", "offload" or "unknown(N)".
std::string kind_name(std::uint32_t kind);
// "ok", "no-carrier", "silent", "target-lost"; the number itself for a
// judgement this version does not know.
std::string judgement_name(std::uint32_t judged);
// enum arpfo_target_src: "named", "gateway", "neighbour"; "" for none.
std::string target_src_name(std::uint8_t src);
// "ok" when every member is healthy, "failed" when none is, else "degraded".
std::string pnet_state(const Pnet &p);

std::string render_groups(std::span<const Pnet> pnets, const Names &names, bool color);
// The columns @fields, in that order. An adapter whose addresses were
// removed while a sibling answered for it is marked "!" after its name,
// and a footnote line under the table says so.
std::string render_adapters(std::span<const Adapter> adapters, const Names &names, bool color,
			    std::span<const AdapterField> fields);
// A VIPA is answered by the VIPA holder of each of @pnets.
std::string render_addresses(std::span<const Address> addresses, std::span<const Pnet> pnets,
			     const Names &names, bool color);
// Every device of the namespace: managed, or the reason why not.
std::string render_devices(std::span<const Device> devices, const Names &names, bool color);
// The selected tables, a blank line between two.
std::string render_tables(const Snapshot &s, const Selection &sel, const Names &names,
			  bool color);
// One JSON document, one line, only the selected keys. The addresses'
// "answered_by" of a VIPA comes from s.pnets even when the pnets are not
// selected.
std::string render_show_json(const Snapshot &s, const Selection &sel, const Names &names);

// Pnets by id, adapters and devices by ifindex, addresses by value (IPv4
// before IPv6), then L3 master, then owner.
void sort_snapshot(Snapshot &s);

} // namespace arpfo
