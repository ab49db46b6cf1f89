// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_kmsg.hpp"

#include <array>
#include <cerrno>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace arpfo::check {
namespace {

// /dev/kmsg, closed when it goes.
class Kmsg {
public:
	Kmsg() : fd_(::open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC)) {}
	Kmsg(const Kmsg &) = delete;
	Kmsg &operator=(const Kmsg &) = delete;
	~Kmsg()
	{
		if (fd_ >= 0)
			::close(fd_);
	}
	int get() const { return fd_; }

private:
	int fd_;
};

// A record is "LEVEL,SEQUENCE,TIME,FLAGS;MESSAGE\n" followed by
// " KEY=VALUE\n" lines of its context.
std::string message(std::string_view record)
{
	const auto start = record.find(';');
	const auto end = record.find('\n');

	if (start == std::string_view::npos)
		return "";
	return std::string(record.substr(start + 1, end == std::string_view::npos
							    ? std::string_view::npos
							    : end - start - 1));
}

} // namespace

std::optional<std::string> read_kernel_log()
{
	const Kmsg kmsg;
	// Larger than any record (the kernel's limit is 8 KiB).
	std::array<char, 16384> buf{};
	std::string log;

	if (kmsg.get() < 0)
		return std::nullopt;
	// One record a read; EPIPE: records were overwritten meanwhile, the
	// next read goes on with the oldest left; EAGAIN: the end.
	for (;;) {
		const ssize_t n = ::read(kmsg.get(), buf.data(), buf.size());
		if (n > 0) {
			log += message({buf.data(), static_cast<std::size_t>(n)}) + "\n";
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)
			continue;
		break;
	}
	return log;
}

} // namespace arpfo::check
