// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_netplan.hpp"

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

constexpr std::string_view kPrefix = "/run/systemd/network/10-netplan-";
constexpr std::string_view kSuffix = ".network";
constexpr std::string_view kDropin = "/etc/netplan/90-arp-failover.yaml";

// netplan reads these in lexical order of file names, later ones
// amending the definitions of earlier ones.
constexpr std::string_view kYamlDirs[] = {"/etc/netplan", "/run/netplan", "/lib/netplan"};

// Whether @text has a line "ID:" indented (a definition's key).
bool defines(std::string_view text, std::string_view id)
{
	for (const auto &line : split(text, "\n")) {
		if (line.empty() || (line[0] != ' ' && line[0] != '\t'))
			continue;
		std::string key = trim(line);
		if (const auto hash = key.find(" #"); hash != std::string::npos)
			key = trim(std::string_view(key).substr(0, hash));
		if (key == std::string(id) + ":" || key == "\"" + std::string(id) + "\":")
			return true;
	}
	return false;
}

} // namespace

bool rendered_by_netplan(std::string_view path)
{
	return path.starts_with(kPrefix) && path.ends_with(kSuffix) &&
	       path.size() > kPrefix.size() + kSuffix.size();
}

std::string netplan_id(std::string_view path)
{
	return std::string(
		path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size()));
}

std::string netplan_source(const HostFs &fs, std::string_view id)
{
	for (const auto dir : kYamlDirs)
		for (const auto &name : fs.list(dir)) {
			const std::string path = std::string(dir) + "/" + name;
			if (name.ends_with(".yaml") && path != kDropin &&
			    defines(fs.read(path).value_or(""), id))
				return path;
		}
	return "";
}

Finding netplan_finding(const HostFs &fs, const DeviceFacts &d, std::string_view path,
			Severity severity, const std::string &loss)
{
	const std::string id = netplan_id(path);
	const std::string source = netplan_source(fs, id);
	const std::string from = source.empty() ? "" : " from " + source;

	return {severity, d.name, "netplan",
		"renders ethernet '" + id + "'" + from + " into " + std::string(path) +
			" without ignore-carrier, and systemd-networkd " + loss,
		std::nullopt};
}

Fix netplan_fix(std::span<const std::string> ids)
{
	Fix f{Fix::Action::Create,
	      std::string(kDropin),
	      {"network:", "  version: 2", "  ethernets:"},
	      {"chmod 600 " + std::string(kDropin), "netplan apply"}};

	for (const auto &id : ids) {
		f.lines.push_back("    " + id + ":");
		f.lines.push_back("      ignore-carrier: true");
	}
	return f;
}

} // namespace arpfo::check
