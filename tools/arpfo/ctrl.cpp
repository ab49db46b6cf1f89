// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/ctrl.hpp"

#include <array>
#include <cstring>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "arpfo/attrs.hpp"
#include "arpfo/errors.hpp"

namespace arpfo {
namespace {

constexpr std::array<AttrPolicy, CTRL_ATTR_MCAST_GROUPS + 1> family_policy()
{
	std::array<AttrPolicy, CTRL_ATTR_MCAST_GROUPS + 1> p{};

	p[CTRL_ATTR_FAMILY_ID] = {"FAMILY_ID", MNL_TYPE_U16};
	p[CTRL_ATTR_FAMILY_NAME] = {"FAMILY_NAME", MNL_TYPE_NUL_STRING};
	p[CTRL_ATTR_VERSION] = {"VERSION", MNL_TYPE_U32};
	p[CTRL_ATTR_MCAST_GROUPS] = {"MCAST_GROUPS", MNL_TYPE_NESTED};
	return p;
}

constexpr std::array<AttrPolicy, CTRL_ATTR_MCAST_GRP_ID + 1> group_policy()
{
	std::array<AttrPolicy, CTRL_ATTR_MCAST_GRP_ID + 1> p{};

	p[CTRL_ATTR_MCAST_GRP_NAME] = {"MCAST_GRP_NAME", MNL_TYPE_NUL_STRING};
	p[CTRL_ATTR_MCAST_GRP_ID] = {"MCAST_GRP_ID", MNL_TYPE_U32};
	return p;
}

constexpr std::array<AttrPolicy, NLMSGERR_ATTR_OFFS + 1> extack_policy()
{
	std::array<AttrPolicy, NLMSGERR_ATTR_OFFS + 1> p{};

	p[NLMSGERR_ATTR_MSG] = {"MSG", MNL_TYPE_NUL_STRING};
	return p;
}

constexpr auto kFamilyPolicy = family_policy();
constexpr auto kGroupPolicy = group_policy();
constexpr auto kExtackPolicy = extack_policy();

Ack parse_error(const MessageView &msg)
{
	const nlmsghdr *nlh = msg.header();
	nlmsgerr err{};

	if (msg.payload_len() < sizeof(err))
		throw MalformedMessage(msg.what() + ": too short for struct nlmsgerr (" +
				       std::to_string(msg.payload_len()) + " payload bytes)");
	std::memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));

	Ack ack{-err.error, {}};
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return ack;
	// Without NETLINK_CAP_ACK the request's payload is echoed too.
	std::size_t offset = sizeof(err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && err.msg.nlmsg_len > sizeof(nlmsghdr))
		offset += MNL_ALIGN(err.msg.nlmsg_len - sizeof(nlmsghdr));
	ack.message = Attrs::of_message(msg, offset, kExtackPolicy)
			      .str(NLMSGERR_ATTR_MSG)
			      .value_or("");
	return ack;
}

Ack parse_done(const MessageView &msg)
{
	const nlmsghdr *nlh = msg.header();
	int error = 0;

	if (msg.payload_len() < sizeof(error))
		return {}; // kernels before 2.6.x: no status at all
	std::memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));

	Ack ack{error < 0 ? -error : 0, {}};
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		ack.message = Attrs::of_message(msg, sizeof(error), kExtackPolicy)
				      .str(NLMSGERR_ATTR_MSG)
				      .value_or("");
	return ack;
}

} // namespace

std::uint32_t Family::group(std::string_view name) const
{
	for (const auto &[n, group_id] : groups)
		if (n == name)
			return group_id;
	return 0;
}

Family parse_family(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "generic netlink family message");
	msg.genl();
	const Attrs a = Attrs::of_message(msg, GENL_HDRLEN, kFamilyPolicy);
	Family f;

	a.need(CTRL_ATTR_FAMILY_ID);
	f.id = *a.u16(CTRL_ATTR_FAMILY_ID);
	f.version = a.u32(CTRL_ATTR_VERSION).value_or(0);
	const nlattr *groups = a.get(CTRL_ATTR_MCAST_GROUPS);
	if (!groups)
		return f;
	const std::string what = msg.what() + ": MCAST_GROUPS";
	const Attrs array = Attrs::array_of_nests(groups, what);
	for (const auto &[index, entry] : array.entries()) {
		const Attrs g = Attrs::of_nest(entry, kGroupPolicy,
					       what + " #" + std::to_string(index));
		g.need(CTRL_ATTR_MCAST_GRP_NAME);
		f.groups.emplace_back(*g.str(CTRL_ATTR_MCAST_GRP_NAME),
				      g.need_u32(CTRL_ATTR_MCAST_GRP_ID));
	}
	return f;
}

Ack parse_ack(std::span<const std::uint8_t> bytes)
{
	const MessageView msg(bytes, "netlink acknowledgement");

	switch (msg.header()->nlmsg_type) {
	case NLMSG_ERROR:
		return parse_error(msg);
	case NLMSG_DONE:
		return parse_done(msg);
	default:
		throw MalformedMessage(msg.what() + ": unexpected message type " +
				       std::to_string(msg.header()->nlmsg_type));
	}
}

} // namespace arpfo
