// SPDX-License-Identifier: GPL-2.0-only
// Netlink messages for the tests, built with libmnl as the kernel would
// send them, plus ways to break them.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/arp_failover.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

namespace arpfo::test {

// The family id the tests pretend the controller assigned.
inline constexpr std::uint16_t kFamily = 0x1f;

class Msg {
public:
	// A generic netlink message of @cmd.
	explicit Msg(std::uint8_t cmd, std::uint16_t type = kFamily,
		     std::uint16_t flags = NLM_F_MULTI)
	{
		nlmsghdr *h = mnl_nlmsg_put_header(buf_.data());
		h->nlmsg_type = type;
		h->nlmsg_flags = flags;
		h->nlmsg_seq = 7;
		auto *g = static_cast<genlmsghdr *>(mnl_nlmsg_put_extra_header(h, GENL_HDRLEN));
		g->cmd = cmd;
		g->version = ARPFO_GENL_VERSION;
	}

	// An NLMSG_ERROR for a request, capped, with @extack when not empty.
	static Msg error(int err, const std::string &extack = {})
	{
		Msg m;
		nlmsghdr *h = mnl_nlmsg_put_header(m.buf_.data());
		h->nlmsg_type = NLMSG_ERROR;
		h->nlmsg_flags = NLM_F_CAPPED;
		auto *e = static_cast<nlmsgerr *>(mnl_nlmsg_put_extra_header(h, sizeof(nlmsgerr)));
		e->error = -err;
		e->msg.nlmsg_len = 40;
		e->msg.nlmsg_type = kFamily;
		if (!extack.empty()) {
			h->nlmsg_flags |= NLM_F_ACK_TLVS;
			m.strz(NLMSGERR_ATTR_MSG, extack);
			m.u32(NLMSGERR_ATTR_OFFS, 20);
		}
		return m;
	}

	Msg &u8(std::uint16_t type, std::uint8_t v)
	{
		mark();
		mnl_attr_put_u8(nlh(), type, v);
		return *this;
	}
	Msg &u16(std::uint16_t type, std::uint16_t v)
	{
		mark();
		mnl_attr_put_u16(nlh(), type, v);
		return *this;
	}
	Msg &u32(std::uint16_t type, std::uint32_t v)
	{
		mark();
		mnl_attr_put_u32(nlh(), type, v);
		return *this;
	}
	Msg &u64(std::uint16_t type, std::uint64_t v)
	{
		mark();
		mnl_attr_put_u64(nlh(), type, v);
		return *this;
	}
	Msg &strz(std::uint16_t type, const std::string &s)
	{
		mark();
		mnl_attr_put_strz(nlh(), type, s.c_str());
		return *this;
	}
	Msg &flag(std::uint16_t type)
	{
		mark();
		mnl_attr_put(nlh(), type, 0, nullptr);
		return *this;
	}
	Msg &raw(std::uint16_t type, const std::vector<std::uint8_t> &bytes)
	{
		mark();
		mnl_attr_put(nlh(), type, bytes.size(), bytes.data());
		return *this;
	}
	Msg &mac(std::uint16_t type, std::uint8_t last)
	{
		return raw(type, {0x02, 0x00, 0x00, 0x00, 0x00, last});
	}
	// The 16 bytes of IPv6 address @text ("2001:db8::1").
	Msg &ipv6(std::uint16_t type, const std::string &text)
	{
		std::array<std::uint8_t, 16> a{};
		if (::inet_pton(AF_INET6, text.c_str(), a.data()) != 1)
			throw std::invalid_argument("not an IPv6 address: " + text);
		return raw(type, {a.begin(), a.end()});
	}
	Msg &begin(std::uint16_t type)
	{
		mark();
		nests_.push_back(nlh()->nlmsg_len);
		mnl_attr_nest_start(nlh(), type);
		return *this;
	}
	Msg &end()
	{
		auto *base = reinterpret_cast<char *>(buf_.data());
		mnl_attr_nest_end(nlh(), reinterpret_cast<nlattr *>(base + nests_.back()));
		nests_.pop_back();
		return *this;
	}

	std::vector<std::uint8_t> bytes() const
	{
		const auto *p = reinterpret_cast<const std::uint8_t *>(buf_.data());
		return {p, p + reinterpret_cast<const nlmsghdr *>(buf_.data())->nlmsg_len};
	}
	// Where the last attribute put (or nest begun) starts in bytes().
	std::size_t last_attr() const { return last_; }

private:
	Msg() = default;

	nlmsghdr *nlh() { return reinterpret_cast<nlmsghdr *>(buf_.data()); }
	void mark() { last_ = nlh()->nlmsg_len; }

	std::array<std::uint32_t, 1024> buf_{};
	std::vector<std::size_t> nests_; // offsets of the open nests
	std::size_t last_ = 0;
};

// Sets the nla_len of the attribute at @offset of @bytes.
inline void set_attr_len(std::vector<std::uint8_t> &bytes, std::size_t offset, std::uint16_t len)
{
	std::memcpy(bytes.data() + offset, &len, sizeof(len));
}

} // namespace arpfo::test
