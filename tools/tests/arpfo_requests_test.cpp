// SPDX-License-Identifier: GPL-2.0-only
// What arpfo would send, read back with libmnl.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include <libmnl/libmnl.h>
#include <linux/arp_failover.h>
#include <linux/genetlink.h>

#include "arpfo/requests.hpp"

using namespace arpfo;

namespace {

struct Parsed {
	nlmsghdr hdr{};
	genlmsghdr genl{};
	std::map<std::uint16_t, std::vector<std::uint8_t>> attrs;
};

int collect(const nlattr *attr, void *data)
{
	auto &attrs = *static_cast<std::map<std::uint16_t, std::vector<std::uint8_t>> *>(data);
	const auto *p = static_cast<const std::uint8_t *>(mnl_attr_get_payload(attr));

	attrs[mnl_attr_get_type(attr)] = {p, p + mnl_attr_get_payload_len(attr)};
	return MNL_CB_OK;
}

Parsed parse(Message msg)
{
	Parsed out;
	std::vector<std::uint32_t> aligned((msg.size() + 3) / 4);
	std::memcpy(aligned.data(), msg.data(), msg.size());
	const auto *nlh = reinterpret_cast<const nlmsghdr *>(aligned.data());

	EXPECT_TRUE(mnl_nlmsg_ok(nlh, static_cast<int>(msg.size())));
	out.hdr = *nlh;
	std::memcpy(&out.genl, mnl_nlmsg_get_payload(nlh), sizeof(out.genl));
	mnl_attr_parse(nlh, sizeof(genlmsghdr), collect, &out.attrs);
	return out;
}

// The payload of a u32 attribute holding @v, in host byte order.
std::vector<std::uint8_t> u32_bytes(std::uint32_t v)
{
	std::vector<std::uint8_t> out(sizeof(v));
	std::memcpy(out.data(), &v, sizeof(v));
	return out;
}

} // namespace

TEST(ArpfoRequests, Family)
{
	const Parsed p = parse(family_request("arp_failover"));

	EXPECT_EQ(p.hdr.nlmsg_type, GENL_ID_CTRL);
	EXPECT_EQ(p.hdr.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	EXPECT_EQ(p.genl.cmd, CTRL_CMD_GETFAMILY);
	const std::string name = "arp_failover";
	EXPECT_EQ(p.attrs.at(CTRL_ATTR_FAMILY_NAME),
		  std::vector<std::uint8_t>(name.c_str(), name.c_str() + name.size() + 1));
}

TEST(ArpfoRequests, Dump)
{
	const Parsed p = parse(dump_request(0x1f, ARPFO_CMD_ADAPTER_GET));

	EXPECT_EQ(p.hdr.nlmsg_type, 0x1f);
	EXPECT_EQ(p.hdr.nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	EXPECT_EQ(p.hdr.nlmsg_len, sizeof(nlmsghdr) + sizeof(genlmsghdr));
	EXPECT_EQ(p.genl.cmd, ARPFO_CMD_ADAPTER_GET);
	EXPECT_EQ(p.genl.version, ARPFO_GENL_VERSION);
	EXPECT_TRUE(p.attrs.empty());
}

TEST(ArpfoRequests, SetBoth)
{
	const Parsed p = parse(set_request(0x1f, {"eth1", 4294967295u, false}));
	const std::uint32_t prio = 4294967295u;

	EXPECT_EQ(p.hdr.nlmsg_type, 0x1f);
	EXPECT_EQ(p.hdr.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	EXPECT_EQ(p.genl.cmd, ARPFO_CMD_ADAPTER_SET);
	EXPECT_EQ(p.attrs.at(ARPFO_A_ADAPTER_IFNAME), (std::vector<std::uint8_t>{'e', 't', 'h', '1', 0}));
	EXPECT_EQ(p.attrs.at(ARPFO_A_ADAPTER_PRIORITY), u32_bytes(prio));
	// A u32: the kernel's strict policy refuses any other size.
	EXPECT_EQ(p.attrs.at(ARPFO_A_ADAPTER_MANAGED), u32_bytes(0));
	EXPECT_EQ(p.attrs.count(ARPFO_A_ADAPTER_IFINDEX), 0u);
}

TEST(ArpfoRequests, SetOnlyWhatIsGiven)
{
	const Parsed p = parse(set_request(0x1f, {"eth1", std::nullopt, true}));

	EXPECT_EQ(p.attrs.count(ARPFO_A_ADAPTER_PRIORITY), 0u);
	EXPECT_EQ(p.attrs.at(ARPFO_A_ADAPTER_MANAGED), u32_bytes(1));
}
