// SPDX-License-Identifier: GPL-2.0-only
// arpfo-pingpong: a TCP ping-pong that reports its longest stall.
//
//   arpfo-pingpong server PORT
//   arpfo-pingpong client IP PORT DURATION_MS
//
// IP is an IPv4 or an IPv6 address; the server takes both.
//
// The client sends one byte, waits for the echo, and repeats for
// DURATION_MS; it prints "round_trips=N longest_stall_ms=X". A failover
// shows up as the longest gap between two completed round trips.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "bench/stall_meter.hpp"

namespace {

class Fd {
public:
	explicit Fd(int fd) : fd_(fd) {}
	~Fd()
	{
		if (fd_ >= 0)
			::close(fd_);
	}
	Fd(const Fd &) = delete;
	Fd &operator=(const Fd &) = delete;
	int get() const { return fd_; }

private:
	int fd_;
};

[[noreturn]] void fail(const std::string &what)
{
	throw std::system_error(errno, std::generic_category(), what);
}

std::optional<unsigned int> number(std::string_view s)
{
	unsigned int v = 0;
	auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc{} || p != s.data() + s.size())
		return std::nullopt;
	return v;
}

// A socket address of either family, and its length.
struct Endpoint {
	sockaddr_storage ss{};
	socklen_t len = 0;

	const sockaddr *sa() const { return reinterpret_cast<const sockaddr *>(&ss); }
	int family() const { return ss.ss_family; }
};

Endpoint address(std::string_view ip, unsigned int port)
{
	const std::string text(ip);
	const auto nport = htons(static_cast<std::uint16_t>(port));
	Endpoint e;

	if (text.find(':') != std::string::npos) {
		auto *sin6 = reinterpret_cast<sockaddr_in6 *>(&e.ss);
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = nport;
		if (::inet_pton(AF_INET6, text.c_str(), &sin6->sin6_addr) != 1)
			throw std::invalid_argument("not an IPv6 address: " + text);
		e.len = sizeof(*sin6);
	} else {
		auto *sin = reinterpret_cast<sockaddr_in *>(&e.ss);
		sin->sin_family = AF_INET;
		sin->sin_port = nport;
		if (::inet_pton(AF_INET, text.c_str(), &sin->sin_addr) != 1)
			throw std::invalid_argument("not an IPv4 address: " + text);
		e.len = sizeof(*sin);
	}
	return e;
}

void no_delay(int fd)
{
	const int one = 1;
	::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

int serve(unsigned int port)
{
	// "::" with IPV6_V6ONLY off: IPv4 clients arrive v4-mapped.
	const Endpoint any = address("::", port);
	Fd ls(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
	const int one = 1, zero = 0;

	if (ls.get() < 0)
		fail("socket");
	::setsockopt(ls.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	::setsockopt(ls.get(), IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (::bind(ls.get(), any.sa(), any.len) < 0)
		fail("bind port " + std::to_string(port));
	if (::listen(ls.get(), 4) < 0)
		fail("listen");
	for (;;) {
		Fd conn(::accept(ls.get(), nullptr, nullptr));
		char c;

		if (conn.get() < 0)
			fail("accept");
		no_delay(conn.get());
		while (::read(conn.get(), &c, 1) == 1)
			if (::write(conn.get(), &c, 1) != 1)
				break;
	}
}

int client(const char *ip, unsigned int port, unsigned int duration_ms)
{
	using Clock = arpfo::StallMeter::Clock;
	const Endpoint to = address(ip, port);
	Fd s(::socket(to.family(), SOCK_STREAM | SOCK_CLOEXEC, 0));

	if (s.get() < 0)
		fail("socket");
	if (::connect(s.get(), to.sa(), to.len) < 0)
		fail(std::string("connect to ") + ip);
	no_delay(s.get());

	const auto end = Clock::now() + std::chrono::milliseconds(duration_ms);
	arpfo::StallMeter meter(Clock::now());
	char c = 'x';
	while (Clock::now() < end) {
		if (::write(s.get(), &c, 1) != 1 || ::read(s.get(), &c, 1) != 1)
			fail("ping-pong");
		meter.round_trip(Clock::now());
	}
	std::printf("round_trips=%llu longest_stall_ms=%.1f\n",
		    static_cast<unsigned long long>(meter.count()), meter.longest_ms());
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	const std::string_view mode = argc > 1 ? argv[1] : "";
	try {
		if (mode == "server" && argc == 3) {
			if (auto port = number(argv[2]); port && *port < 65536)
				return serve(*port);
		} else if (mode == "client" && argc == 5) {
			auto port = number(argv[3]);
			auto ms = number(argv[4]);
			if (port && *port < 65536 && ms)
				return client(argv[2], *port, *ms);
		}
	} catch (const std::exception &e) {
		std::fprintf(stderr, "arpfo-pingpong: %s\n", e.what());
		return 2;
	}
	std::fprintf(stderr, "usage: arpfo-pingpong server PORT\n"
			     "       arpfo-pingpong client IP PORT DURATION_MS\n");
	return 2;
}
