// SPDX-License-Identifier: GPL-2.0-only
// Checked access to one netlink message and its attributes, on top of
// libmnl. A message is copied into aligned storage first, so libmnl never
// reads past the bytes that arrived; every attribute this tool knows is
// validated against a policy (type and length) before it is read;
// attributes it does not know are skipped, as newer kernels may add some.
// Every failure throws MalformedMessage naming the message and attribute.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "probe/arp_frame.hpp"

namespace arpfo {

// How one attribute type must look. MNL_TYPE_UNSPEC: not checked, ignored.
struct AttrPolicy {
	std::string_view name;
	mnl_attr_data_type type = MNL_TYPE_UNSPEC;
	std::size_t len = 0; // exact payload length of an MNL_TYPE_BINARY
};

// One netlink message (header and payload) in storage of its own.
class MessageView {
public:
	// @bytes starts with a nlmsghdr; bytes past its nlmsg_len are not
	// part of the message. @what names the message in errors.
	MessageView(std::span<const std::uint8_t> bytes, std::string_view what);

	const nlmsghdr *header() const { return reinterpret_cast<const nlmsghdr *>(storage_.data()); }
	std::size_t payload_len() const { return mnl_nlmsg_get_payload_len(header()); }
	// The generic netlink header; throws when the payload is too short.
	const genlmsghdr &genl() const;
	const std::string &what() const { return what_; }

private:
	std::vector<std::uint32_t> storage_;
	std::string what_;
};

// The validated attributes of one message or nest.
class Attrs {
public:
	// The attributes after the first @offset payload bytes of @msg.
	static Attrs of_message(const MessageView &msg, std::size_t offset,
				std::span<const AttrPolicy> policy);
	// The attributes inside @nest (already validated as a nest); @what
	// names the nest in errors.
	static Attrs of_nest(const nlattr *nest, std::span<const AttrPolicy> policy,
			     std::string what);
	// A nest whose attributes are all nests, of any type (an array).
	static Attrs array_of_nests(const nlattr *nest, std::string what);

	// The last occurrence of @type (as the kernel's nla_parse keeps), or
	// nullptr; every occurrence in message order.
	const nlattr *get(std::uint16_t type) const;
	std::vector<const nlattr *> all(std::uint16_t type) const;
	const std::vector<std::pair<std::uint16_t, const nlattr *>> &entries() const
	{
		return entries_;
	}

	std::optional<std::uint8_t> u8(std::uint16_t type) const;
	std::optional<std::uint16_t> u16(std::uint16_t type) const;
	std::optional<std::uint32_t> u32(std::uint16_t type) const;
	std::optional<std::uint64_t> u64(std::uint16_t type) const;
	// Up to the first NUL.
	std::optional<std::string> str(std::uint16_t type) const;
	std::optional<Mac> mac(std::uint16_t type) const;
	// The payload of an MNL_TYPE_BINARY, as long as its policy says.
	std::optional<std::span<const std::uint8_t>> binary(std::uint16_t type) const;
	bool flag(std::uint16_t type) const { return get(type) != nullptr; }

	// Throw "<what>: missing attribute NAME" when @type is absent.
	const nlattr *need(std::uint16_t type) const;
	std::uint32_t need_u32(std::uint16_t type) const;
	std::uint8_t need_u8(std::uint16_t type) const;
	// Which of two attributes that exclude each other is present, nullopt
	// for neither; throw "<what>: attributes A (type a) and B (type b) are
	// both present, expected one" when both are.
	std::optional<std::uint16_t> one_of(std::uint16_t first, std::uint16_t second) const;
	// As one_of(), and throw "<what>: missing attribute A (type a) or B
	// (type b)" when neither is present.
	std::uint16_t need_one_of(std::uint16_t first, std::uint16_t second) const;

	[[noreturn]] void fail(std::string_view problem) const;
	std::string name_of(std::uint16_t type) const;
	// "NAME (type N)", or "(type N)" for a type without a name.
	std::string label_of(std::uint16_t type) const;

private:
	Attrs(std::span<const AttrPolicy> policy, std::string what)
		: policy_(policy), what_(std::move(what))
	{
	}

	std::span<const AttrPolicy> policy_;
	std::string what_;
	std::vector<std::pair<std::uint16_t, const nlattr *>> entries_;
};

} // namespace arpfo
