// SPDX-License-Identifier: GPL-2.0-only
// Command line of arpfo. Mistakes are returned as values (as in
// arpfo-probe); main() prints them and exits with status 2.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "arpfo/color.hpp"
#include "arpfo/render.hpp"
#include "arpfo/requests.hpp"

namespace arpfo {

// The module's AFO_VERSION (tools/CMakeLists.txt reads it from there).
inline constexpr std::string_view kVersion = ARPFO_VERSION;

struct ShowCommand {
	Selection select;
	bool json = false;
	ColorMode color = ColorMode::Auto;
};

struct MonitorCommand {
	bool json = false;
	ColorMode color = ColorMode::Auto;
};

struct SetCommand {
	AdapterChange change;
};

// `arpfo check`: the host doctor.
struct CheckCommand {
	bool json = false;
	ColorMode color = ColorMode::Auto;
	std::string root = "/"; // read the host's files under this directory
};

// The arguments after "probe", handed to arpfo-probe's own parser.
struct ProbeCommand {
	std::vector<std::string> args;
};

// --help: @topic is "" for arpfo itself or a command's name.
struct HelpCommand {
	std::string topic;
};

struct VersionCommand {};

struct CommandLineError {
	std::string message;
	std::string topic; // the command whose usage to show, "" for arpfo's
};

using CommandLine = std::variant<ShowCommand, MonitorCommand, SetCommand, ProbeCommand,
				 CheckCommand, HelpCommand, VersionCommand, CommandLineError>;

// @args: the arguments after the program name.
CommandLine parse_command_line(std::span<const std::string_view> args);

} // namespace arpfo
