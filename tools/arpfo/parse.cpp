// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/parse.hpp"

#include <array>
#include <optional>
#include <tuple>

#include <linux/arp_failover.h>
#include <linux/genetlink.h>

#include "arpfo/attrs.hpp"

namespace arpfo {
namespace {

constexpr std::size_t kEthAlen = 6;
constexpr std::size_t kIpv6Len = std::tuple_size_v<Ipv6>;

constexpr std::array<AttrPolicy, ARPFO_A_PNET_MAX + 1> pnet_policy()
{
	std::array<AttrPolicy, ARPFO_A_PNET_MAX + 1> p{};

	p[ARPFO_A_PNET_ID] = {"ID", MNL_TYPE_U32};
	p[ARPFO_A_PNET_MEMBER] = {"MEMBER", MNL_TYPE_U32};
	p[ARPFO_A_PNET_HEALTHY] = {"HEALTHY", MNL_TYPE_U32};
	p[ARPFO_A_PNET_VIPA_HOLDER] = {"VIPA_HOLDER", MNL_TYPE_U32};
	return p;
}

constexpr std::array<AttrPolicy, ARPFO_A_ADAPTER_MAX + 1> adapter_policy()
{
	std::array<AttrPolicy, ARPFO_A_ADAPTER_MAX + 1> p{};

	p[ARPFO_A_ADAPTER_IFINDEX] = {"IFINDEX", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_IFNAME] = {"IFNAME", MNL_TYPE_NUL_STRING};
	p[ARPFO_A_ADAPTER_MAC] = {"MAC", MNL_TYPE_BINARY, kEthAlen};
	p[ARPFO_A_ADAPTER_PNET] = {"PNET", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_STATE] = {"STATE", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_PROBING] = {"PROBING", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_RESPONDER] = {"RESPONDER", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_PRIORITY] = {"PRIORITY", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_KIND] = {"KIND", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_MANAGED] = {"MANAGED", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_STATS] = {"STATS", MNL_TYPE_NESTED};
	p[ARPFO_A_ADAPTER_VIPA_DUTY] = {"VIPA_DUTY", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_L3DEV] = {"L3DEV", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_JUDGED] = {"JUDGED", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_HEARS_MS] = {"HEARS_MS", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_HEARD_MS] = {"HEARD_MS", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_TARGET] = {"TARGET", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_TARGET_MS] = {"TARGET_MS", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_ADDRS_LOST] = {"ADDRS_LOST", MNL_TYPE_U32};
	p[ARPFO_A_ADAPTER_TARGET_SRC] = {"TARGET_SRC", MNL_TYPE_U8};
	p[ARPFO_A_ADAPTER_TARGET6] = {"TARGET6", MNL_TYPE_BINARY, kIpv6Len};
	return p;
}

// ARPFO_A_STATS_PAD stays MNL_TYPE_UNSPEC: padding, whatever its size.
constexpr std::array<AttrPolicy, ARPFO_A_STATS_MAX + 1> stats_policy()
{
	std::array<AttrPolicy, ARPFO_A_STATS_MAX + 1> p{};

	p[ARPFO_A_STATS_PROBES_SENT] = {"PROBES_SENT", MNL_TYPE_U64};
	p[ARPFO_A_STATS_PROBES_HEARD] = {"PROBES_HEARD", MNL_TYPE_U64};
	p[ARPFO_A_STATS_PROBES_REJECTED] = {"PROBES_REJECTED", MNL_TYPE_U64};
	p[ARPFO_A_STATS_ANNOUNCEMENTS] = {"ANNOUNCEMENTS", MNL_TYPE_U64};
	p[ARPFO_A_STATS_REPLIES] = {"REPLIES", MNL_TYPE_U64};
	p[ARPFO_A_STATS_DROPPED] = {"DROPPED", MNL_TYPE_U64};
	p[ARPFO_A_STATS_TAKEOVERS] = {"TAKEOVERS", MNL_TYPE_U64};
	p[ARPFO_A_STATS_RECLAIMS] = {"RECLAIMS", MNL_TYPE_U64};
	p[ARPFO_A_STATS_LIVE_SENT] = {"LIVE_SENT", MNL_TYPE_U64};
	p[ARPFO_A_STATS_LIVE_HEARD] = {"LIVE_HEARD", MNL_TYPE_U64};
	p[ARPFO_A_STATS_TARGET_SENT] = {"TARGET_SENT", MNL_TYPE_U64};
	p[ARPFO_A_STATS_TARGET_HEARD] = {"TARGET_HEARD", MNL_TYPE_U64};
	p[ARPFO_A_STATS_ADDRS_LOST] = {"ADDRS_LOST", MNL_TYPE_U64};
	return p;
}

constexpr std::array<AttrPolicy, ARPFO_A_ADDR_MAX + 1> addr_policy()
{
	std::array<AttrPolicy, ARPFO_A_ADDR_MAX + 1> p{};

	p[ARPFO_A_ADDR_ADDR] = {"ADDR", MNL_TYPE_U32};
	p[ARPFO_A_ADDR_OWNER] = {"OWNER", MNL_TYPE_U32};
	p[ARPFO_A_ADDR_RESPONDER] = {"RESPONDER", MNL_TYPE_U32};
	p[ARPFO_A_ADDR_VIPA] = {"VIPA", MNL_TYPE_FLAG};
	p[ARPFO_A_ADDR_L3DEV] = {"L3DEV", MNL_TYPE_U32};
	p[ARPFO_A_ADDR_SHARED] = {"SHARED", MNL_TYPE_FLAG};
	p[ARPFO_A_ADDR_ADDR6] = {"ADDR6", MNL_TYPE_BINARY, kIpv6Len};
	return p;
}

constexpr std::array<AttrPolicy, ARPFO_A_EVENT_MAX + 1> event_policy()
{
	std::array<AttrPolicy, ARPFO_A_EVENT_MAX + 1> p{};

	p[ARPFO_A_EVENT_TYPE] = {"TYPE", MNL_TYPE_U32};
	p[ARPFO_A_EVENT_IFINDEX] = {"IFINDEX", MNL_TYPE_U32};
	p[ARPFO_A_EVENT_IFNAME] = {"IFNAME", MNL_TYPE_NUL_STRING};
	p[ARPFO_A_EVENT_OLD] = {"OLD", MNL_TYPE_U32};
	p[ARPFO_A_EVENT_NEW] = {"NEW", MNL_TYPE_U32};
	p[ARPFO_A_EVENT_ADDR] = {"ADDR", MNL_TYPE_U32};
	p[ARPFO_A_EVENT_MAC] = {"MAC", MNL_TYPE_BINARY, kEthAlen};
	p[ARPFO_A_EVENT_REASON] = {"REASON", MNL_TYPE_U32};
	p[ARPFO_A_EVENT_ADDR6] = {"ADDR6", MNL_TYPE_BINARY, kIpv6Len};
	return p;
}

constexpr std::array<AttrPolicy, ARPFO_A_DEVICE_MAX + 1> device_policy()
{
	std::array<AttrPolicy, ARPFO_A_DEVICE_MAX + 1> p{};

	p[ARPFO_A_DEVICE_IFINDEX] = {"IFINDEX", MNL_TYPE_U32};
	p[ARPFO_A_DEVICE_IFNAME] = {"IFNAME", MNL_TYPE_NUL_STRING};
	p[ARPFO_A_DEVICE_MEMBERSHIP] = {"MEMBERSHIP", MNL_TYPE_U32};
	p[ARPFO_A_DEVICE_MASTER] = {"MASTER", MNL_TYPE_U32};
	return p;
}

constexpr auto kPnetPolicy = pnet_policy();
constexpr auto kAdapterPolicy = adapter_policy();
constexpr auto kStatsPolicy = stats_policy();
constexpr auto kAddrPolicy = addr_policy();
constexpr auto kEventPolicy = event_policy();
constexpr auto kDevicePolicy = device_policy();

// The attributes of a message of this family, after its genlmsghdr.
Attrs family_attrs(const MessageView &msg, std::span<const AttrPolicy> policy)
{
	msg.genl();
	return Attrs::of_message(msg, GENL_HDRLEN, policy);
}

AdapterStats parse_stats(const Attrs &adapter)
{
	const nlattr *nest = adapter.get(ARPFO_A_ADAPTER_STATS);
	AdapterStats s;

	if (!nest)
		return s;
	const Attrs a = Attrs::of_nest(nest, kStatsPolicy, "adapter message: STATS");
	s.probes_sent = a.u64(ARPFO_A_STATS_PROBES_SENT).value_or(0);
	s.probes_heard = a.u64(ARPFO_A_STATS_PROBES_HEARD).value_or(0);
	s.probes_rejected = a.u64(ARPFO_A_STATS_PROBES_REJECTED).value_or(0);
	s.announcements = a.u64(ARPFO_A_STATS_ANNOUNCEMENTS).value_or(0);
	s.replies = a.u64(ARPFO_A_STATS_REPLIES).value_or(0);
	s.dropped = a.u64(ARPFO_A_STATS_DROPPED).value_or(0);
	s.takeovers = a.u64(ARPFO_A_STATS_TAKEOVERS).value_or(0);
	s.reclaims = a.u64(ARPFO_A_STATS_RECLAIMS).value_or(0);
	// Optional: modules without silent failure detection send none.
	s.live_sent = a.u64(ARPFO_A_STATS_LIVE_SENT).value_or(0);
	s.live_heard = a.u64(ARPFO_A_STATS_LIVE_HEARD).value_or(0);
	s.target_sent = a.u64(ARPFO_A_STATS_TARGET_SENT).value_or(0);
	s.target_heard = a.u64(ARPFO_A_STATS_TARGET_HEARD).value_or(0);
	// Optional: modules that do not watch for lost addresses send none.
	s.addrs_lost = a.u64(ARPFO_A_STATS_ADDRS_LOST).value_or(0);
	return s;
}

// The address in @v4 (a u32, network byte order) or @v6 (16 bytes), which
// exclude each other; nullopt when neither is present.
std::optional<IpAddr> ip_addr(const Attrs &a, std::uint16_t v4, std::uint16_t v6)
{
	const auto present = a.one_of(v4, v6);

	if (!present)
		return std::nullopt;
	if (*present == v4)
		return IpAddr::from_be32(*a.u32(v4));
	return IpAddr::from_bytes6(*a.binary(v6));
}

// As ip_addr(), but one of the two must be present.
IpAddr need_ip_addr(const Attrs &a, std::uint16_t v4, std::uint16_t v6)
{
	a.need_one_of(v4, v6);
	return *ip_addr(a, v4, v6);
}

// The attributes each event type cannot do without.
void check_event(const Attrs &a, std::uint32_t type)
{
	switch (type) {
	case ARPFO_EVENT_CARRIER:
	case ARPFO_EVENT_HEALTHY:
	case ARPFO_EVENT_VIPA_DUTY:
		a.need(ARPFO_A_EVENT_NEW);
		break;
	case ARPFO_EVENT_RESPONDER:
	case ARPFO_EVENT_PNET:
	case ARPFO_EVENT_JUDGED:
		a.need(ARPFO_A_EVENT_OLD);
		a.need(ARPFO_A_EVENT_NEW);
		break;
	case ARPFO_EVENT_PROBE_REJECTED:
		a.need(ARPFO_A_EVENT_MAC);
		break;
	case ARPFO_EVENT_ADDR_NEW:
	case ARPFO_EVENT_ADDR_DEL:
		a.need_one_of(ARPFO_A_EVENT_ADDR, ARPFO_A_EVENT_ADDR6);
		break;
	case ARPFO_EVENT_ADDR_LOST:
		a.need_one_of(ARPFO_A_EVENT_ADDR, ARPFO_A_EVENT_ADDR6);
		a.need(ARPFO_A_EVENT_OLD);
		a.need(ARPFO_A_EVENT_NEW);
		break;
	default:
		break;
	}
}

} // namespace

Pnet parse_pnet(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "pnet message");
	const Attrs a = family_attrs(msg, kPnetPolicy);
	Pnet p;

	p.id = a.need_u32(ARPFO_A_PNET_ID);
	p.healthy = a.need_u32(ARPFO_A_PNET_HEALTHY);
	for (const nlattr *m : a.all(ARPFO_A_PNET_MEMBER))
		p.members.push_back(mnl_attr_get_u32(m));
	// Optional: modules without VIPA support do not send it.
	p.vipa_holder = a.u32(ARPFO_A_PNET_VIPA_HOLDER).value_or(0);
	return p;
}

Adapter parse_adapter(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "adapter message");
	const Attrs a = family_attrs(msg, kAdapterPolicy);
	Adapter ad;

	ad.ifindex = a.need_u32(ARPFO_A_ADAPTER_IFINDEX);
	ad.state = a.need_u32(ARPFO_A_ADAPTER_STATE);
	ad.ifname = a.str(ARPFO_A_ADAPTER_IFNAME).value_or("");
	ad.mac = a.mac(ARPFO_A_ADAPTER_MAC);
	ad.pnet = a.u32(ARPFO_A_ADAPTER_PNET).value_or(0);
	ad.probing = a.u32(ARPFO_A_ADAPTER_PROBING).value_or(0) != 0;
	ad.responder = a.u32(ARPFO_A_ADAPTER_RESPONDER).value_or(0);
	ad.priority = a.u32(ARPFO_A_ADAPTER_PRIORITY).value_or(0);
	ad.kind = a.u32(ARPFO_A_ADAPTER_KIND).value_or(ARPFO_KIND_HOST);
	ad.stats = parse_stats(a);
	ad.vipa_duty = a.u32(ARPFO_A_ADAPTER_VIPA_DUTY).value_or(0) != 0;
	// Optional: modules without VRF support do not send it.
	ad.l3dev = a.u32(ARPFO_A_ADAPTER_L3DEV).value_or(0);
	// Optional: modules without silent failure detection send none; an
	// absent age says "never", an absent target "none".
	ad.judged = a.u32(ARPFO_A_ADAPTER_JUDGED).value_or(ARPFO_JUDGED_OK);
	ad.hears_ms = a.u32(ARPFO_A_ADAPTER_HEARS_MS);
	ad.heard_ms = a.u32(ARPFO_A_ADAPTER_HEARD_MS);
	ad.target = ip_addr(a, ARPFO_A_ADAPTER_TARGET, ARPFO_A_ADAPTER_TARGET6);
	ad.target_ms = a.u32(ARPFO_A_ADAPTER_TARGET_MS);
	ad.target_src = a.u8(ARPFO_A_ADAPTER_TARGET_SRC).value_or(ARPFO_TARGET_SRC_NONE);
	ad.addrs_lost = a.u32(ARPFO_A_ADAPTER_ADDRS_LOST).value_or(0);
	return ad;
}

Address parse_address(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "address message");
	const Attrs a = family_attrs(msg, kAddrPolicy);
	Address addr;

	addr.addr = need_ip_addr(a, ARPFO_A_ADDR_ADDR, ARPFO_A_ADDR_ADDR6);
	addr.owner = a.need_u32(ARPFO_A_ADDR_OWNER);
	addr.vipa = a.flag(ARPFO_A_ADDR_VIPA);
	// Optional: modules without VRF support send neither.
	addr.l3dev = a.u32(ARPFO_A_ADDR_L3DEV).value_or(0);
	addr.shared = a.flag(ARPFO_A_ADDR_SHARED);
	// A VIPA has no responder of its own: the holders of the pnets answer.
	// A shared address has one per entry: each holder answers for itself.
	addr.responder = addr.vipa ? a.u32(ARPFO_A_ADDR_RESPONDER).value_or(0)
				   : a.need_u32(ARPFO_A_ADDR_RESPONDER);
	return addr;
}

Device parse_device(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "device message");
	const Attrs a = family_attrs(msg, kDevicePolicy);
	Device d;

	d.ifindex = a.need_u32(ARPFO_A_DEVICE_IFINDEX);
	d.membership = a.need_u32(ARPFO_A_DEVICE_MEMBERSHIP);
	d.ifname = a.str(ARPFO_A_DEVICE_IFNAME).value_or("");
	d.master = a.u32(ARPFO_A_DEVICE_MASTER).value_or(0);
	return d;
}

Event parse_event(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "event message");
	const Attrs a = family_attrs(msg, kEventPolicy);
	Event e;

	e.type = a.need_u32(ARPFO_A_EVENT_TYPE);
	e.ifindex = a.need_u32(ARPFO_A_EVENT_IFINDEX);
	check_event(a, e.type);
	e.ifname = a.str(ARPFO_A_EVENT_IFNAME);
	e.old_value = a.u32(ARPFO_A_EVENT_OLD);
	e.new_value = a.u32(ARPFO_A_EVENT_NEW);
	e.addr = ip_addr(a, ARPFO_A_EVENT_ADDR, ARPFO_A_EVENT_ADDR6);
	e.mac = a.mac(ARPFO_A_EVENT_MAC);
	e.reason = a.u32(ARPFO_A_EVENT_REASON);
	return e;
}

GenlHeader genl_header(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "generic netlink message");
	const genlmsghdr &genl = msg.genl();

	return {msg.header()->nlmsg_type, genl.cmd, genl.version};
}

} // namespace arpfo
