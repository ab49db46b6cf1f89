// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/requests.hpp"

#include <array>
#include <stdexcept>

#include <libmnl/libmnl.h>
#include <linux/arp_failover.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

namespace arpfo {
namespace {

// One request under construction, in aligned storage.
class Request {
public:
	Request(std::uint16_t type, std::uint16_t flags, std::uint8_t cmd, std::uint8_t version)
	{
		nlh_ = mnl_nlmsg_put_header(buf_.data());
		nlh_->nlmsg_type = type;
		nlh_->nlmsg_flags = flags;
		auto *genl = static_cast<genlmsghdr *>(
			mnl_nlmsg_put_extra_header(nlh_, sizeof(genlmsghdr)));
		genl->cmd = cmd;
		genl->version = version;
	}

	Request(const Request &) = delete;
	Request &operator=(const Request &) = delete;

	void put_u32(std::uint16_t type, std::uint32_t v)
	{
		if (!mnl_attr_put_u32_check(nlh_, room(), type, v))
			throw std::length_error("request too long");
	}

	void put_strz(std::uint16_t type, const std::string &s)
	{
		if (!mnl_attr_put_strz_check(nlh_, room(), type, s.c_str()))
			throw std::length_error("request too long");
	}

	Message bytes() const
	{
		const auto *p = reinterpret_cast<const std::uint8_t *>(buf_.data());
		return Message(p, p + nlh_->nlmsg_len);
	}

private:
	std::size_t room() const { return sizeof(buf_); }

	std::array<std::uint32_t, 128> buf_{};
	nlmsghdr *nlh_;
};

} // namespace

Message family_request(std::string_view name)
{
	Request r(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);

	r.put_strz(CTRL_ATTR_FAMILY_NAME, std::string(name));
	return r.bytes();
}

Message dump_request(std::uint16_t family, std::uint8_t cmd)
{
	return Request(family, NLM_F_REQUEST | NLM_F_DUMP, cmd, ARPFO_GENL_VERSION).bytes();
}

Message set_request(std::uint16_t family, const AdapterChange &change)
{
	Request r(family, NLM_F_REQUEST | NLM_F_ACK, ARPFO_CMD_ADAPTER_SET, ARPFO_GENL_VERSION);

	r.put_strz(ARPFO_A_ADAPTER_IFNAME, change.ifname);
	if (change.priority)
		r.put_u32(ARPFO_A_ADAPTER_PRIORITY, *change.priority);
	if (change.managed)
		r.put_u32(ARPFO_A_ADAPTER_MANAGED, *change.managed ? 1 : 0);
	return r.bytes();
}

} // namespace arpfo
