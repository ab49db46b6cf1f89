// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/attrs.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "arpfo/errors.hpp"

namespace arpfo {
namespace {

// State of one mnl_attr_parse() walk. The callback runs inside libmnl (C),
// so it must not throw: it records the problem and stops the walk.
struct Walk {
	explicit Walk(std::span<const AttrPolicy> p, const AttrPolicy *a = nullptr)
		: policy(p), any(a)
	{
	}

	std::span<const AttrPolicy> policy;
	const AttrPolicy *any = nullptr; // policy of every type, for arrays
	std::vector<std::pair<std::uint16_t, const nlattr *>> entries;
	const char *next = nullptr; // first byte after the attributes walked
	std::string error;

	const AttrPolicy *lookup(const nlattr *attr) const
	{
		if (any)
			return any;
		if (policy.empty() ||
		    mnl_attr_type_valid(attr, static_cast<std::uint16_t>(policy.size() - 1)) < 0)
			return nullptr;
		const AttrPolicy &p = policy[mnl_attr_get_type(attr)];
		return p.type == MNL_TYPE_UNSPEC ? nullptr : &p;
	}
};

std::string label(std::string_view name, std::uint16_t type)
{
	std::string out = "attribute ";

	if (!name.empty())
		out += std::string(name) + " ";
	return out + "(type " + std::to_string(type) + ")";
}

std::string describe(const nlattr *attr, const AttrPolicy &p)
{
	const std::string a = label(p.name, mnl_attr_get_type(attr));
	const std::string n = std::to_string(mnl_attr_get_payload_len(attr));

	switch (p.type) {
	case MNL_TYPE_U8:
		return a + " has " + n + " bytes, a u8 needs 1";
	case MNL_TYPE_U16:
		return a + " has " + n + " bytes, a u16 needs 2";
	case MNL_TYPE_U32:
		return a + " has " + n + " bytes, a u32 needs 4";
	case MNL_TYPE_U64:
		return a + " has " + n + " bytes, a u64 needs 8";
	case MNL_TYPE_NUL_STRING:
		return a + " is not a NUL-terminated string";
	case MNL_TYPE_BINARY:
		return a + " has " + n + " bytes, expected " + std::to_string(p.len);
	case MNL_TYPE_FLAG:
		return a + " is a flag but carries " + n + " bytes";
	case MNL_TYPE_NESTED:
		return a + " is too short (" + n + " bytes) to hold a nest";
	default:
		return a + " is malformed";
	}
}

int on_attr(const nlattr *attr, void *data) noexcept
{
	auto &w = *static_cast<Walk *>(data);

	w.next = reinterpret_cast<const char *>(attr) + MNL_ALIGN(mnl_attr_get_len(attr));
	const AttrPolicy *p = w.lookup(attr);
	if (!p)
		return MNL_CB_OK; // unknown to this version: skip it
	const int rc = p->type == MNL_TYPE_BINARY ? mnl_attr_validate2(attr, p->type, p->len)
						  : mnl_attr_validate(attr, p->type);
	try {
		if (rc < 0) {
			w.error = describe(attr, *p);
			return MNL_CB_ERROR;
		}
		w.entries.emplace_back(mnl_attr_get_type(attr), attr);
	} catch (const std::exception &) {
		w.error = "out of memory";
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

// After the walk: libmnl stops silently at an attribute whose length runs
// past the end; that is an error here. Fewer bytes than an attribute
// header are padding, as for the kernel's nla_parse().
void check_rest(const Walk &w, const char *first, const char *tail, const Attrs &attrs)
{
	const char *at = w.next ? w.next : first;

	if (at >= tail || static_cast<std::size_t>(tail - at) < sizeof(nlattr))
		return;
	const auto *bad = reinterpret_cast<const nlattr *>(at);
	const std::uint16_t len = mnl_attr_get_len(bad);
	const std::string a = label(attrs.name_of(mnl_attr_get_type(bad)),
				    mnl_attr_get_type(bad));
	if (len < sizeof(nlattr))
		attrs.fail(a + " has an impossible length " + std::to_string(len));
	attrs.fail(a + " claims " + std::to_string(len) + " bytes but only " +
		   std::to_string(tail - at) + " are left");
}

} // namespace

MessageView::MessageView(std::span<const std::uint8_t> bytes, std::string_view what)
	: what_(what)
{
	nlmsghdr h{};

	if (bytes.size() < sizeof(h))
		throw MalformedMessage(what_ + ": truncated: " + std::to_string(bytes.size()) +
				       " bytes, shorter than a netlink header");
	std::memcpy(&h, bytes.data(), sizeof(h));
	if (h.nlmsg_len < sizeof(h))
		throw MalformedMessage(what_ + ": impossible length " +
				       std::to_string(h.nlmsg_len) + " in the netlink header");
	if (h.nlmsg_len > bytes.size())
		throw MalformedMessage(what_ + ": truncated: the header says " +
				       std::to_string(h.nlmsg_len) + " bytes, only " +
				       std::to_string(bytes.size()) + " arrived");
	// Zeroed up to the 4-byte boundary libmnl rounds the length to.
	storage_.assign(MNL_ALIGN(h.nlmsg_len) / sizeof(std::uint32_t), 0);
	std::memcpy(storage_.data(), bytes.data(), h.nlmsg_len);
}

const genlmsghdr &MessageView::genl() const
{
	if (payload_len() < sizeof(genlmsghdr))
		throw MalformedMessage(what_ + ": too short for a generic netlink header (" +
				       std::to_string(payload_len()) + " payload bytes)");
	return *static_cast<const genlmsghdr *>(mnl_nlmsg_get_payload(header()));
}

Attrs Attrs::of_message(const MessageView &msg, std::size_t offset,
			std::span<const AttrPolicy> policy)
{
	Attrs attrs(policy, msg.what());
	Walk w(policy);

	if (msg.payload_len() < offset)
		attrs.fail("too short for its header (" + std::to_string(msg.payload_len()) +
			   " payload bytes, need " + std::to_string(offset) + ")");
	const nlmsghdr *nlh = msg.header();
	const auto rc = mnl_attr_parse(nlh, static_cast<unsigned int>(offset), on_attr, &w);
	if (rc == MNL_CB_ERROR)
		attrs.fail(w.error);
	attrs.entries_ = std::move(w.entries);
	// The message's own end, not libmnl's rounded-up tail: fewer than 4
	// bytes after the last attribute are padding however they are counted.
	check_rest(w, static_cast<const char *>(mnl_nlmsg_get_payload_offset(nlh, offset)),
		   reinterpret_cast<const char *>(nlh) + nlh->nlmsg_len, attrs);
	return attrs;
}

namespace {

Walk walk_nest(const nlattr *nest, Walk w, const Attrs &attrs)
{
	const auto *first = static_cast<const char *>(mnl_attr_get_payload(nest));

	if (mnl_attr_parse_nested(nest, on_attr, &w) == MNL_CB_ERROR)
		attrs.fail(w.error);
	check_rest(w, first, first + mnl_attr_get_payload_len(nest), attrs);
	return w;
}

constexpr AttrPolicy kNestEntry{"", MNL_TYPE_NESTED, 0};

} // namespace

Attrs Attrs::of_nest(const nlattr *nest, std::span<const AttrPolicy> policy, std::string what)
{
	Attrs attrs(policy, std::move(what));

	attrs.entries_ = walk_nest(nest, Walk(policy), attrs).entries;
	return attrs;
}

Attrs Attrs::array_of_nests(const nlattr *nest, std::string what)
{
	Attrs attrs({}, std::move(what));

	attrs.entries_ = walk_nest(nest, Walk({}, &kNestEntry), attrs).entries;
	return attrs;
}

const nlattr *Attrs::get(std::uint16_t type) const
{
	const auto it = std::find_if(entries_.rbegin(), entries_.rend(),
				     [type](const auto &e) { return e.first == type; });
	return it == entries_.rend() ? nullptr : it->second;
}

std::vector<const nlattr *> Attrs::all(std::uint16_t type) const
{
	std::vector<const nlattr *> out;

	for (const auto &[t, attr] : entries_)
		if (t == type)
			out.push_back(attr);
	return out;
}

namespace {

// An accessor reading @type as @want when the policy says otherwise would
// read the wrong number of bytes: a bug in this tool, not in the message.
void expect_type(std::span<const AttrPolicy> policy, std::uint16_t type, mnl_attr_data_type want)
{
	if (type >= policy.size() || policy[type].type != want)
		throw std::logic_error("attribute type " + std::to_string(type) +
				       " read against its policy");
}

} // namespace

std::optional<std::uint8_t> Attrs::u8(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_U8);
	const nlattr *a = get(type);
	return a ? std::optional(mnl_attr_get_u8(a)) : std::nullopt;
}

std::optional<std::uint16_t> Attrs::u16(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_U16);
	const nlattr *a = get(type);
	return a ? std::optional(mnl_attr_get_u16(a)) : std::nullopt;
}

std::optional<std::uint32_t> Attrs::u32(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_U32);
	const nlattr *a = get(type);
	return a ? std::optional(mnl_attr_get_u32(a)) : std::nullopt;
}

std::optional<std::uint64_t> Attrs::u64(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_U64);
	const nlattr *a = get(type);
	return a ? std::optional(mnl_attr_get_u64(a)) : std::nullopt;
}

std::optional<std::string> Attrs::str(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_NUL_STRING);
	const nlattr *a = get(type);
	if (!a)
		return std::nullopt;
	const auto *s = static_cast<const char *>(mnl_attr_get_payload(a));
	return std::string(s, ::strnlen(s, mnl_attr_get_payload_len(a)));
}

std::optional<Mac> Attrs::mac(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_BINARY);
	const nlattr *a = get(type);
	if (!a)
		return std::nullopt;
	Mac mac{};
	if (mnl_attr_get_payload_len(a) != mac.size())
		throw std::logic_error("MAC attribute policy is not ETH_ALEN");
	std::memcpy(mac.data(), mnl_attr_get_payload(a), mac.size());
	return mac;
}

std::optional<std::span<const std::uint8_t>> Attrs::binary(std::uint16_t type) const
{
	expect_type(policy_, type, MNL_TYPE_BINARY);
	const nlattr *a = get(type);
	if (!a)
		return std::nullopt;
	return std::span(static_cast<const std::uint8_t *>(mnl_attr_get_payload(a)),
			 mnl_attr_get_payload_len(a));
}

const nlattr *Attrs::need(std::uint16_t type) const
{
	const nlattr *a = get(type);

	if (!a)
		fail("missing attribute " + label_of(type));
	return a;
}

std::uint32_t Attrs::need_u32(std::uint16_t type) const
{
	need(type);
	return *u32(type);
}

std::uint8_t Attrs::need_u8(std::uint16_t type) const
{
	need(type);
	return *u8(type);
}

std::optional<std::uint16_t> Attrs::one_of(std::uint16_t first, std::uint16_t second) const
{
	const bool has_first = get(first) != nullptr;
	const bool has_second = get(second) != nullptr;

	if (has_first && has_second)
		fail("attributes " + label_of(first) + " and " + label_of(second) +
		     " are both present, expected one");
	if (!has_first && !has_second)
		return std::nullopt;
	return has_first ? first : second;
}

std::uint16_t Attrs::need_one_of(std::uint16_t first, std::uint16_t second) const
{
	const auto present = one_of(first, second);

	if (!present)
		fail("missing attribute " + label_of(first) + " or " + label_of(second));
	return *present;
}

void Attrs::fail(std::string_view problem) const
{
	throw MalformedMessage(what_ + ": " + std::string(problem));
}

std::string Attrs::name_of(std::uint16_t type) const
{
	return type < policy_.size() ? std::string(policy_[type].name) : std::string();
}

std::string Attrs::label_of(std::uint16_t type) const
{
	const std::string name = name_of(type);

	return (name.empty() ? "" : name + " ") + "(type " + std::to_string(type) + ")";
}

} // namespace arpfo
