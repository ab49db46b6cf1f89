// SPDX-License-Identifier: GPL-2.0-only
// SIGINT and SIGTERM as a readable file descriptor (signalfd), so a poll
// loop sees them without a race; the signals stay blocked while it lives.
#pragma once

#include <signal.h>

namespace arpfo {

class SignalFd {
public:
	// Blocks SIGINT and SIGTERM; throws std::system_error.
	SignalFd();
	~SignalFd();
	SignalFd(const SignalFd &) = delete;
	SignalFd &operator=(const SignalFd &) = delete;

	int fd() const { return fd_; }
	// Reads (consumes) one pending signal, so that it is not delivered
	// when the mask is restored; returns its number, 0 when none.
	int take();

private:
	sigset_t old_mask_{};
	int fd_ = -1;
};

} // namespace arpfo
