// SPDX-License-Identifier: GPL-2.0-only
// The host `arpfo check` inspects, read through a root directory ("/"
// for the running host, a fixture or a mounted image otherwise): its
// files, /proc and /sys. Paths are given as on the host; symbolic links
// are followed inside the root, so an image's absolute links stay in it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arpfo::check {

struct Process {
	int pid = 0;
	std::string comm;	       // /proc/PID/comm, at most 15 characters
	std::vector<std::string> argv; // /proc/PID/cmdline
};

class HostFs {
public:
	// @live: whether @root is the running host's own tree (what the
	// processes under its /proc do is happening now); by default when it
	// is "/".
	explicit HostFs(std::filesystem::path root);
	HostFs(std::filesystem::path root, bool live);

	const std::filesystem::path &root() const { return root_; }
	bool live() const { return live_; }

	// The contents of the regular file @path; nullopt when it is missing
	// or unreadable.
	std::optional<std::string> read(std::string_view path) const;
	bool exists(std::string_view path) const;
	bool is_dir(std::string_view path) const;
	// A link to /dev/null or an empty file: a masked configuration file.
	bool masked(std::string_view path) const;
	// The last component of the link @path points to, "" when it is no link.
	std::string link_name(std::string_view path) const;
	// The names in directory @dir, sorted; none when it is missing.
	std::vector<std::string> list(std::string_view dir) const;
	// Every process the root's /proc shows, read once: every check of a
	// run sees the same processes.
	const std::vector<Process> &processes() const;

private:
	// @path inside the root, links resolved within it; nullopt when a link
	// loops.
	std::optional<std::filesystem::path> resolve(std::string_view path) const;

	std::vector<Process> read_processes() const;

	std::filesystem::path root_;
	bool live_;
	mutable std::optional<std::vector<Process>> processes_;
};

// The first line of @path, trimmed; nullopt when unreadable.
std::optional<std::string> read_line(const HostFs &fs, std::string_view path);

// Whether systemd would start @unit at boot: a link to it in some
// /etc/systemd/system/*.wants directory.
bool unit_enabled(const HostFs &fs, std::string_view unit);

// Whether a process named @comm runs.
bool process_running(const HostFs &fs, std::string_view comm);

} // namespace arpfo::check
