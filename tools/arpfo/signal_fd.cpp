// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/signal_fd.hpp"

#include <cerrno>
#include <system_error>

#include <sys/signalfd.h>
#include <unistd.h>

namespace arpfo {

SignalFd::SignalFd()
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &mask, &old_mask_) < 0)
		throw std::system_error(errno, std::generic_category(), "blocking SIGINT and SIGTERM");
	fd_ = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (fd_ < 0) {
		const int err = errno;
		sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
		throw std::system_error(err, std::generic_category(), "creating a signalfd");
	}
}

int SignalFd::take()
{
	signalfd_siginfo info{};

	if (::read(fd_, &info, sizeof(info)) != static_cast<ssize_t>(sizeof(info)))
		return 0;
	return static_cast<int>(info.ssi_signo);
}

SignalFd::~SignalFd()
{
	::close(fd_);
	sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
}

} // namespace arpfo
