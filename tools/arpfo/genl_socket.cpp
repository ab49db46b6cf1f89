// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/genl_socket.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>

#include <linux/netlink.h>
#include <sys/socket.h>

#include "arpfo/errors.hpp"

namespace arpfo {
namespace {

// Large enough for any dump datagram: the kernel sizes them after the
// reader's buffer, capped at 32 KiB.
constexpr std::size_t kReceiveBytes = 64 * 1024;

// What the libmnl callbacks collect. They run inside C code, so they
// catch everything and report failure through @failed.
struct Collected {
	std::vector<Message> data;
	Message ack; // the NLMSG_ERROR or NLMSG_DONE that ended the exchange
	bool failed = false;
};

Message copy_of(const nlmsghdr *nlh)
{
	const auto *p = reinterpret_cast<const std::uint8_t *>(nlh);
	return Message(p, p + nlh->nlmsg_len);
}

int on_data(const nlmsghdr *nlh, void *data) noexcept
{
	auto &c = *static_cast<Collected *>(data);

	try {
		c.data.push_back(copy_of(nlh));
	} catch (...) {
		c.failed = true;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int on_end(const nlmsghdr *nlh, void *data) noexcept
{
	auto &c = *static_cast<Collected *>(data);

	try {
		c.ack = copy_of(nlh);
	} catch (...) {
		c.failed = true;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

// Callbacks by control message type; NLMSG_NOOP and NLMSG_OVERRUN have
// none, so libmnl skips them.
std::array<mnl_cb_t, NLMSG_MIN_TYPE> control_callbacks()
{
	std::array<mnl_cb_t, NLMSG_MIN_TYPE> cbs{};

	cbs[NLMSG_ERROR] = on_end;
	cbs[NLMSG_DONE] = on_end;
	return cbs;
}

// Throws NetlinkError for the errno of the call that just failed.
[[noreturn]] void fail(std::string_view what, std::string_view step)
{
	const int err = errno;

	throw NetlinkError(std::string(what) + (step.empty() ? "" : ": ") + std::string(step), err);
}

} // namespace

GenlSocket::GenlSocket() : buf_(kReceiveBytes / sizeof(std::uint32_t))
{
	sock_.reset(mnl_socket_open(NETLINK_GENERIC));
	if (!sock_)
		fail("cannot open a generic netlink socket", "");
	if (mnl_socket_bind(sock_.get(), 0, MNL_SOCKET_AUTOPID) < 0)
		fail("cannot bind a generic netlink socket", "");
	portid_ = mnl_socket_get_portid(sock_.get());
	// Best effort: without them (kernels before 4.12) errors come
	// without the kernel's message, and acks echo the request.
	int one = 1;
	mnl_socket_setsockopt(sock_.get(), NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(sock_.get(), NETLINK_CAP_ACK, &one, sizeof(one));
	seq_ = static_cast<std::uint32_t>(std::time(nullptr));
}

int GenlSocket::fd() const
{
	return mnl_socket_get_fd(sock_.get());
}

std::vector<Message> GenlSocket::exchange(Message request, std::string_view what)
{
	const std::uint32_t seq = ++seq_;
	nlmsghdr hdr{};

	if (request.size() < sizeof(hdr))
		throw std::logic_error("netlink request shorter than its header");
	std::memcpy(&hdr, request.data(), sizeof(hdr));
	hdr.nlmsg_seq = seq;
	std::memcpy(request.data(), &hdr, sizeof(hdr));
	if (mnl_socket_sendto(sock_.get(), request.data(), request.size()) < 0)
		fail(what, "sending the request");

	Collected c;
	auto control = control_callbacks(); // libmnl takes them non-const
	for (;;) {
		const ssize_t n = mnl_socket_recvfrom(sock_.get(), buf_.data(),
						      buf_.size() * sizeof(buf_[0]));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fail(what, "receiving the answer");
		const int rc = mnl_cb_run2(buf_.data(), static_cast<std::size_t>(n), seq, portid_,
					   on_data, &c, control.data(), control.size());
		if (c.failed)
			throw std::bad_alloc();
		if (rc < 0 && errno == EINTR)
			throw DumpInterrupted(what, EINTR,
					      "interrupted by a concurrent change, try again");
		if (rc < 0)
			fail(what, "reading the answer");
		if (rc == MNL_CB_STOP)
			break;
	}
	Ack ack;
	try {
		ack = parse_ack(c.ack);
	} catch (const MalformedMessage &e) {
		throw MalformedMessage(std::string(what) + ": " + e.what());
	}
	if (ack.error != 0)
		throw NetlinkError(what, ack.error, ack.message);
	return std::move(c.data);
}

Family GenlSocket::resolve(std::string_view name)
{
	const std::string what = "looking up generic netlink family \"" + std::string(name) + "\"";
	const auto answer = exchange(family_request(name), what);

	if (answer.empty())
		throw NetlinkError(what, ENOENT, "the controller answered nothing");
	return parse_family(answer.front());
}

void GenlSocket::subscribe(std::uint32_t group, std::string_view what)
{
	if (mnl_socket_setsockopt(sock_.get(), NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) == 0)
		return;
	// The kernel refuses a group of the administrator's to anyone else.
	if (errno == EPERM)
		fail(what, "joining the multicast group needs CAP_NET_ADMIN (run as root)");
	fail(what, "joining the multicast group");
}

void GenlSocket::grow_receive_buffer(int bytes)
{
	if (::setsockopt(fd(), SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) < 0)
		::setsockopt(fd(), SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
}

GenlSocket::Notifications GenlSocket::receive()
{
	Notifications out;
	const ssize_t n = mnl_socket_recvfrom(sock_.get(), buf_.data(),
					      buf_.size() * sizeof(buf_[0]));

	if (n < 0 && errno == ENOBUFS) {
		out.lost = true;
		return out;
	}
	if (n < 0 && errno == EINTR)
		return out;
	if (n < 0)
		fail("receiving events", "");

	Collected c;
	const int rc = mnl_cb_run(buf_.data(), static_cast<std::size_t>(n), 0, 0, on_data, &c);
	if (c.failed)
		throw std::bad_alloc();
	if (rc < 0)
		fail("reading events", "");
	out.messages = std::move(c.data);
	return out;
}

} // namespace arpfo
