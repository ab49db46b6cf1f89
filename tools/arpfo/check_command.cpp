// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_command.hpp"

#include <cerrno>
#include <csignal>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace arpfo::check {
namespace {

// A file descriptor, closed when it goes.
class Fd {
public:
	explicit Fd(int fd = -1) : fd_(fd) {}
	Fd(const Fd &) = delete;
	Fd &operator=(const Fd &) = delete;
	~Fd()
	{
		if (fd_ >= 0)
			::close(fd_);
	}
	int get() const { return fd_; }
	void reset()
	{
		if (fd_ >= 0)
			::close(fd_);
		fd_ = -1;
	}

private:
	int fd_;
};

[[noreturn]] void exec_child(const std::vector<std::string> &argv, int out)
{
	std::vector<char *> args;
	const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);

	for (const auto &a : argv)
		args.push_back(const_cast<char *>(a.c_str()));
	args.push_back(nullptr);
	if (null < 0 || ::dup2(null, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 ||
	    ::dup2(null, STDERR_FILENO) < 0)
		::_exit(127);
	::execvp(args[0], args.data());
	::_exit(127);
}

// Reads @fd until EOF or @deadline; false when the deadline came first.
bool read_all(int fd, std::string &out, std::chrono::steady_clock::time_point deadline)
{
	char buf[4096];

	while (true) {
		const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
			deadline - std::chrono::steady_clock::now());
		if (left.count() <= 0)
			return false;
		pollfd p{fd, POLLIN, 0};
		const int r = ::poll(&p, 1, static_cast<int>(left.count()));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		const ssize_t n = ::read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return true;
		out.append(buf, static_cast<std::size_t>(n));
	}
}

} // namespace

std::optional<std::string> run_command(const std::vector<std::string> &argv,
				       std::chrono::milliseconds timeout)
{
	int fds[2];

	if (argv.empty() || ::pipe2(fds, O_CLOEXEC) < 0)
		return std::nullopt;
	Fd in(fds[0]), out(fds[1]);
	const pid_t pid = ::fork();
	if (pid < 0)
		return std::nullopt;
	if (pid == 0)
		exec_child(argv, out.get());
	out.reset();
	std::string text;
	const bool done = read_all(in.get(), text, std::chrono::steady_clock::now() + timeout);
	if (!done)
		::kill(pid, SIGKILL);
	int status = 0;
	while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (!done || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return std::nullopt;
	return text;
}

} // namespace arpfo::check
