// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/membership.hpp"

#include <linux/arp_failover.h>

namespace arpfo {
namespace {

struct MembershipText {
	std::string_view name;
	std::string_view reason; // "%m" stands for the master's name
};

// Indexed by enum arpfo_membership.
constexpr MembershipText kMemberships[] = {
	{"managed", "managed"},
	{"vipa", "holds VIPAs: its addresses are managed, not the device"},
	{"not-ethernet", "not an Ethernet device"},
	{"loopback", "a loopback device"},
	{"ipvlan-l3", "an ipvlan in L3 mode: it does no ARP"},
	{"noarp", "ARP is off on it (NOARP) and no offload driver answers for it"},
	{"bridge-port", "a port of bridge %m: its frames belong to the bridge"},
	{"bond-port", "a port of bond %m: its frames belong to the bond"},
	{"team-port", "a port of team %m: its frames belong to the team"},
	{"ovs-port", "a port of Open vSwitch (%m): its frames belong to the switch"},
	{"enslaved", "enslaved to %m, which takes its frames"},
	{"rx-handler", "another device takes its frames (a macvlan or ipvlan on it)"},
	{"excluded", "the include or exclude parameter of the module leaves it out"},
	{"managed-off", "managed off by 'arpfo set DEV managed off'"},
	{"no-address", "it has no IPv4 address and no global or unique-local IPv6 address"},
	{"going", "it is being removed"},
};

static_assert(std::size(kMemberships) == ARPFO_MEMBER_GOING + 1,
	      "a name and a reason for every enum arpfo_membership");

const MembershipText *known(std::uint32_t membership)
{
	return membership < std::size(kMemberships) ? &kMemberships[membership] : nullptr;
}

} // namespace

std::string membership_name(std::uint32_t membership)
{
	if (const auto *m = known(membership))
		return std::string(m->name);
	return "unknown(" + std::to_string(membership) + ")";
}

std::string membership_reason(std::uint32_t membership, std::string_view master)
{
	const auto *m = known(membership);

	if (!m)
		return "not managed, for a reason (" + std::to_string(membership) +
		       ") this arpfo does not know";
	std::string out(m->reason);
	if (const auto at = out.find("%m"); at != std::string::npos)
		out.replace(at, 2,
			    master.empty() ? std::string("its master") : std::string(master));
	return out;
}

} // namespace arpfo
