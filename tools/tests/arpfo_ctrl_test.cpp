// SPDX-License-Identifier: GPL-2.0-only
// The controller's family answer and netlink acknowledgements.
#include <gtest/gtest.h>

#include <cerrno>

#include "arpfo/ctrl.hpp"
#include "arpfo/errors.hpp"
#include "arpfo_msg.hpp"

using namespace arpfo;
using arpfo::test::Msg;

namespace {

Msg family_msg()
{
	Msg m(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	m.strz(CTRL_ATTR_FAMILY_NAME, "arp_failover")
		.u16(CTRL_ATTR_FAMILY_ID, 0x1f)
		.u32(CTRL_ATTR_VERSION, 1)
		.u32(CTRL_ATTR_HDRSIZE, 0)
		.u32(CTRL_ATTR_MAXATTR, 11)
		.begin(CTRL_ATTR_OPS)
		.begin(1)
		.u32(CTRL_ATTR_OP_ID, 1)
		.end()
		.end()
		.begin(CTRL_ATTR_MCAST_GROUPS)
		.begin(1)
		.strz(CTRL_ATTR_MCAST_GRP_NAME, "events")
		.u32(CTRL_ATTR_MCAST_GRP_ID, 12)
		.end()
		.begin(2)
		.u32(CTRL_ATTR_MCAST_GRP_ID, 13)
		.strz(CTRL_ATTR_MCAST_GRP_NAME, "other")
		.end()
		.end();
	return m;
}

// NLMSG_DONE closing a dump, with @err (negative) and an extack message.
std::vector<std::uint8_t> done(int err, const std::string &extack = {})
{
	std::array<std::uint32_t, 64> buf{};
	nlmsghdr *nlh = mnl_nlmsg_put_header(buf.data());

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	*static_cast<int *>(mnl_nlmsg_put_extra_header(nlh, sizeof(int))) = err;
	if (!extack.empty()) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, extack.c_str());
	}
	const auto *p = reinterpret_cast<const std::uint8_t *>(buf.data());
	return {p, p + nlh->nlmsg_len};
}

} // namespace

TEST(ArpfoCtrl, Family)
{
	const Family f = parse_family(family_msg().bytes());

	EXPECT_EQ(f.id, 0x1f);
	EXPECT_EQ(f.version, 1u);
	ASSERT_EQ(f.groups.size(), 2u);
	EXPECT_EQ(f.group("events"), 12u);
	EXPECT_EQ(f.group("other"), 13u);
	EXPECT_EQ(f.group("nope"), 0u);
}

// The version the controller reports is the one the module's family
// registered; an older one is refused before any request is sent.
TEST(ArpfoCtrl, FamilyVersion)
{
	const Family old = parse_family(family_msg().bytes());
	EXPECT_EQ(old.version, 1u);
	EXPECT_THROW(check_module_version(old), IncompatibleModule);

	Msg m(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	m.strz(CTRL_ATTR_FAMILY_NAME, "arp_failover")
		.u16(CTRL_ATTR_FAMILY_ID, 0x1f)
		.u32(CTRL_ATTR_VERSION, ARPFO_GENL_VERSION);
	const Family current = parse_family(m.bytes());
	EXPECT_EQ(current.version, 2u);
	EXPECT_NO_THROW(check_module_version(current));

	Msg unversioned(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	unversioned.u16(CTRL_ATTR_FAMILY_ID, 0x1f);
	EXPECT_EQ(parse_family(unversioned.bytes()).version, 0u);
	EXPECT_THROW(check_module_version(parse_family(unversioned.bytes())), IncompatibleModule);
}

TEST(ArpfoCtrl, FamilyWithoutGroups)
{
	Msg m(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	m.u16(CTRL_ATTR_FAMILY_ID, 0x20);
	const Family f = parse_family(m.bytes());

	EXPECT_EQ(f.id, 0x20);
	EXPECT_TRUE(f.groups.empty());
}

TEST(ArpfoCtrl, RejectsBadFamilies)
{
	Msg no_id(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	no_id.strz(CTRL_ATTR_FAMILY_NAME, "arp_failover");
	EXPECT_THROW(parse_family(no_id.bytes()), MalformedMessage);

	Msg bad_group(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	bad_group.u16(CTRL_ATTR_FAMILY_ID, 0x20)
		.begin(CTRL_ATTR_MCAST_GROUPS)
		.begin(1)
		.strz(CTRL_ATTR_MCAST_GRP_NAME, "events")
		.u16(CTRL_ATTR_MCAST_GRP_ID, 12)
		.end()
		.end();
	try {
		parse_family(bad_group.bytes());
		FAIL() << "parsed";
	} catch (const MalformedMessage &e) {
		EXPECT_STREQ(e.what(), "generic netlink family message: MCAST_GROUPS #1: attribute "
				       "MCAST_GRP_ID (type 2) has 2 bytes, a u32 needs 4");
	}

	Msg not_nests(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL, 0);
	not_nests.u16(CTRL_ATTR_FAMILY_ID, 0x20)
		.begin(CTRL_ATTR_MCAST_GROUPS)
		.raw(1, {1, 2})
		.end();
	EXPECT_THROW(parse_family(not_nests.bytes()), MalformedMessage);
}

TEST(ArpfoCtrl, Acks)
{
	const Ack ok = parse_ack(Msg::error(0).bytes());
	EXPECT_EQ(ok.error, 0);
	EXPECT_EQ(ok.message, "");

	const Ack plain = parse_ack(Msg::error(ENODEV).bytes());
	EXPECT_EQ(plain.error, ENODEV);
	EXPECT_EQ(plain.message, "");

	const Ack extack = parse_ack(Msg::error(ENODEV, "no such adapter").bytes());
	EXPECT_EQ(extack.error, ENODEV);
	EXPECT_EQ(extack.message, "no such adapter");
}

// Without NETLINK_CAP_ACK the kernel echoes the request before the TLVs.
TEST(ArpfoCtrl, UncappedAckWithExtack)
{
	std::array<std::uint32_t, 64> buf{};
	nlmsghdr *nlh = mnl_nlmsg_put_header(buf.data());
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_ACK_TLVS;
	auto *err = static_cast<nlmsgerr *>(mnl_nlmsg_put_extra_header(nlh, sizeof(nlmsgerr)));
	err->error = -EINVAL;
	err->msg.nlmsg_len = sizeof(nlmsghdr) + 8; // the request had 8 payload bytes
	mnl_nlmsg_put_extra_header(nlh, 8);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "bad priority");
	const auto *p = reinterpret_cast<const std::uint8_t *>(buf.data());
	const Ack ack = parse_ack(std::vector<std::uint8_t>(p, p + nlh->nlmsg_len));

	EXPECT_EQ(ack.error, EINVAL);
	EXPECT_EQ(ack.message, "bad priority");
}

TEST(ArpfoCtrl, DumpDone)
{
	EXPECT_EQ(parse_ack(done(0)).error, 0);
	const Ack failed = parse_ack(done(-EPERM, "not allowed"));
	EXPECT_EQ(failed.error, EPERM);
	EXPECT_EQ(failed.message, "not allowed");
}

TEST(ArpfoCtrl, RejectsBadAcks)
{
	auto short_err = Msg::error(EINVAL).bytes();
	short_err.resize(sizeof(nlmsghdr) + 4);
	const auto len = static_cast<std::uint32_t>(short_err.size());
	std::memcpy(short_err.data(), &len, sizeof(len));
	EXPECT_THROW(parse_ack(short_err), MalformedMessage);

	EXPECT_THROW(parse_ack(family_msg().bytes()), MalformedMessage);

	auto bad_extack = Msg::error(EINVAL, "x").bytes();
	bad_extack[sizeof(nlmsghdr) + sizeof(nlmsgerr)] = 0xff; // the MSG attribute's length
	EXPECT_THROW(parse_ack(bad_extack), MalformedMessage);
}
