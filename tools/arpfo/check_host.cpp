// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_host.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace fs = std::filesystem;

namespace {

// As many links as the kernel follows (MAXSYMLINKS).
constexpr int kMaxLinks = 40;

// @path's components, "." and ".." resolved lexically (links are resolved
// one component at a time by the caller).
std::vector<std::string> components(std::string_view path)
{
	std::vector<std::string> out;
	std::string part;
	std::istringstream in{std::string(path)};

	while (std::getline(in, part, '/')) {
		if (part.empty() || part == ".")
			continue;
		if (part == "..") {
			if (!out.empty())
				out.pop_back();
			continue;
		}
		out.push_back(part);
	}
	return out;
}

std::string join(const std::vector<std::string> &parts, std::size_t from)
{
	std::string out;

	for (std::size_t i = from; i < parts.size(); i++)
		out += "/" + parts[i];
	return out;
}

std::vector<std::string> split_nul(const std::string &s)
{
	std::vector<std::string> out;
	std::string part;
	std::istringstream in(s);

	while (std::getline(in, part, '\0'))
		out.push_back(part);
	return out;
}

} // namespace

HostFs::HostFs(fs::path root) : HostFs(root, root == "/") {}

HostFs::HostFs(fs::path root, bool live) : root_(std::move(root)), live_(live) {}

std::optional<fs::path> HostFs::resolve(std::string_view path) const
{
	std::vector<std::string> parts = components(path);
	std::vector<std::string> done;
	int links = 0;

	for (std::size_t i = 0; i < parts.size(); i++) {
		const fs::path here =
			root_ / fs::path(join(done, 0) + "/" + parts[i]).relative_path();
		std::error_code ec;
		if (!fs::is_symlink(fs::symlink_status(here, ec))) {
			done.push_back(parts[i]);
			continue;
		}
		if (++links > kMaxLinks)
			return std::nullopt;
		const std::string target = fs::read_symlink(here, ec).string();
		if (ec)
			return std::nullopt;
		const std::string rest = join(parts, i + 1);
		const std::string base = target.starts_with("/") ? "" : join(done, 0);
		parts = components(base + "/" + target + rest);
		done.clear();
		i = static_cast<std::size_t>(-1);
	}
	return root_ / fs::path(join(done, 0)).relative_path();
}

std::optional<std::string> HostFs::read(std::string_view path) const
{
	const auto p = resolve(path);
	std::error_code ec;

	if (!p || !fs::is_regular_file(*p, ec))
		return std::nullopt;
	std::ifstream in(*p, std::ios::binary);
	if (!in)
		return std::nullopt;
	return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool HostFs::exists(std::string_view path) const
{
	const auto p = resolve(path);
	std::error_code ec;

	return p && fs::exists(*p, ec);
}

bool HostFs::is_dir(std::string_view path) const
{
	const auto p = resolve(path);
	std::error_code ec;

	return p && fs::is_directory(*p, ec);
}

bool HostFs::masked(std::string_view path) const
{
	const fs::path here = root_ / fs::path(std::string(path)).relative_path();
	std::error_code ec;

	if (fs::is_symlink(fs::symlink_status(here, ec)) &&
	    fs::read_symlink(here, ec) == fs::path("/dev/null"))
		return true;
	const auto text = read(path);
	return text && text->empty();
}

std::string HostFs::link_name(std::string_view path) const
{
	const fs::path here = root_ / fs::path(std::string(path)).relative_path();
	std::error_code ec;

	if (!fs::is_symlink(fs::symlink_status(here, ec)))
		return "";
	return fs::read_symlink(here, ec).filename().string();
}

std::vector<std::string> HostFs::list(std::string_view dir) const
{
	const auto p = resolve(dir);
	std::vector<std::string> out;
	std::error_code ec;

	if (!p)
		return out;
	for (fs::directory_iterator it(*p, ec), end; !ec && it != end; it.increment(ec))
		out.push_back(it->path().filename().string());
	std::sort(out.begin(), out.end());
	return out;
}

const std::vector<Process> &HostFs::processes() const
{
	if (!processes_)
		processes_ = read_processes();
	return *processes_;
}

std::vector<Process> HostFs::read_processes() const
{
	std::vector<Process> out;

	for (const auto &name : list("/proc")) {
		if (name.empty() || !std::all_of(name.begin(), name.end(),
						 [](char c) { return c >= '0' && c <= '9'; }))
			continue;
		const auto comm = read("/proc/" + name + "/comm");
		if (!comm)
			continue; // gone meanwhile
		Process p;
		p.pid = std::stoi(name);
		p.comm = trim(*comm);
		p.argv = split_nul(read("/proc/" + name + "/cmdline").value_or(""));
		out.push_back(std::move(p));
	}
	return out;
}

std::optional<std::string> read_line(const HostFs &fs, std::string_view path)
{
	const auto text = fs.read(path);

	if (!text)
		return std::nullopt;
	return trim(std::string_view(*text).substr(0, text->find('\n')));
}

bool unit_enabled(const HostFs &fs, std::string_view unit)
{
	const std::string dir = "/etc/systemd/system";

	for (const auto &name : fs.list(dir))
		if (name.ends_with(".wants")) {
			// The link counts, wherever it points in an image.
			const std::string link = dir + "/" + name + "/" + std::string(unit);
			if (fs.exists(link) || !fs.link_name(link).empty())
				return true;
		}
	return false;
}

bool process_running(const HostFs &fs, std::string_view comm)
{
	const auto &procs = fs.processes();

	return std::any_of(procs.begin(), procs.end(),
			   [&](const Process &p) { return p.comm == comm; });
}

} // namespace arpfo::check
