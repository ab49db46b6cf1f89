// SPDX-License-Identifier: GPL-2.0-only
// What the module reports over generic netlink, as plain values: one
// struct per dumped object and per event. Enumerations stay raw numbers
// so that a value this tool does not know yet survives to be shown.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arpfo/ip_addr.hpp"
#include "probe/arp_frame.hpp"

namespace arpfo {

// One physical network: the adapters that hear each other's probes.
struct Pnet {
	std::uint32_t id = 0;
	std::vector<std::uint32_t> members; // ifindexes (sort_snapshot() sorts)
	std::uint32_t healthy = 0;	    // members that may answer
	// ifindex answering for the host's VIPAs on this pnet; 0: none, or a
	// module too old to say
	std::uint32_t vipa_holder = 0;
};

// Counters of one adapter since it became managed.
struct AdapterStats {
	std::uint64_t probes_sent = 0;
	std::uint64_t probes_heard = 0;
	std::uint64_t probes_rejected = 0;
	std::uint64_t announcements = 0;
	std::uint64_t replies = 0;
	std::uint64_t dropped = 0;
	std::uint64_t takeovers = 0;
	std::uint64_t reclaims = 0;
	std::uint64_t live_sent = 0;	// liveness frames sent
	std::uint64_t live_heard = 0;	// siblings' liveness frames heard
	std::uint64_t target_sent = 0;	// probes of its target sent
	std::uint64_t target_heard = 0; // answers of its target heard
	std::uint64_t addrs_lost = 0;	// its addresses removed while a sibling
					// answered for them

	bool operator==(const AdapterStats &) const = default;
};

struct Adapter {
	std::uint32_t ifindex = 0;
	std::string ifname;	 // empty when the message carried none
	std::optional<Mac> mac;
	std::uint32_t pnet = 0;
	std::uint32_t state = 0; // enum arpfo_adapter_state
	bool probing = false;
	std::uint32_t responder = 0; // ifindex answering for it, 0: none
	std::uint32_t priority = 0;
	std::uint32_t kind = 0;  // enum arpfo_adapter_kind
	AdapterStats stats;
	bool vipa_duty = false; // answers for the VIPAs on its pnet
	// ifindex of its L3 master (a VRF device); 0: none, or a module too
	// old to say
	std::uint32_t l3dev = 0;
	// enum arpfo_judgement: how its path was judged; ARPFO_JUDGED_OK from
	// a module without silent failure detection (its STATE says the rest)
	std::uint32_t judged = 0;
	// Milliseconds since it last heard a sibling's liveness frame, and
	// since a sibling last heard its own; absent: never (since carrier).
	std::optional<std::uint32_t> hears_ms;
	std::optional<std::uint32_t> heard_ms;
	// The target it probes: its gateway (IPv4), or an IPv6-only adapter's
	// default router (IPv6, usually link-local); absent: none.
	std::optional<IpAddr> target;
	// Milliseconds since the target last answered; absent: never.
	std::optional<std::uint32_t> target_ms;
	// enum arpfo_target_src: where the target came from; NONE from a
	// module too old to say.
	std::uint8_t target_src = 0;
	// Its addresses removed while a sibling answered for them, since it was
	// last healthy: the takeover does not hold for those. 0 from a module
	// too old to say.
	std::uint32_t addrs_lost = 0;
};

// A VIPA is held by a device that is no managed adapter (usually a dummy)
// and has no responder of its own: on each pnet the pnet's VIPA holder
// answers for it (Pnet::vipa_holder). A shared address (held by several
// devices of one L3 domain) is answered by the kernel from each of them,
// as without the module: one entry per holder, its responder the holder.
struct Address {
	IpAddr addr;		     // IPv4 or IPv6 (global or unique-local)
	std::uint32_t owner = 0;     // ifindex of the device holding it
	std::uint32_t responder = 0; // ifindex answering ARP, 0: none (or a VIPA)
	bool vipa = false;
	std::uint32_t l3dev = 0; // ifindex of its L3 master (a VRF), 0: none
	bool shared = false;
};

// One ARPFO_CMD_EVENT_NTF. Which optional fields are set depends on type.
struct Event {
	std::uint32_t type = 0; // enum arpfo_event_type
	std::uint32_t ifindex = 0;
	std::optional<std::string> ifname;
	std::optional<std::uint32_t> old_value;
	std::optional<std::uint32_t> new_value;
	std::optional<IpAddr> addr; // of ADDR_NEW and ADDR_DEL, IPv4 or IPv6
	std::optional<Mac> mac;
	std::optional<std::uint32_t> reason; // enum arpfo_reject_reason
};

// One network device of the namespace (ARPFO_CMD_DEVICE_GET): managed,
// or the one reason why not.
struct Device {
	std::uint32_t ifindex = 0;
	std::string ifname;
	std::uint32_t membership = 0; // enum arpfo_membership, 0: managed
	std::uint32_t master = 0;     // ifindex of its master, 0: none

	bool operator==(const Device &) const = default;
};

// Everything one `arpfo show` dumps.
struct Snapshot {
	std::vector<Pnet> pnets;
	std::vector<Adapter> adapters;
	std::vector<Address> addresses;
	std::vector<Device> devices{}; // only when asked for (show -d)
};

// An IPv4 address carried as a u32 in network byte order, as bytes.
inline Ipv4 ipv4_of(std::uint32_t network_order)
{
	return std::bit_cast<Ipv4>(network_order);
}

} // namespace arpfo
