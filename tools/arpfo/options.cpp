// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/options.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>

#include <net/if.h>

namespace arpfo {
namespace {

CommandLineError error(std::string_view topic, std::string message)
{
	return {std::string(topic) + ": " + message, std::string(topic)};
}

bool is_help(std::string_view arg)
{
	return arg == "--help" || arg == "-h";
}

std::string quoted(std::string_view s)
{
	return "'" + std::string(s) + "'";
}

// --color, --color=WHEN (also spelt --colour); nothing when @arg is not
// a colour option, an error text when WHEN is bad.
std::optional<std::variant<ColorMode, std::string>> color_option(std::string_view arg)
{
	for (const std::string_view name : {"--color", "--colour"}) {
		if (arg == name)
			return ColorMode::Always;
		if (!arg.starts_with(name) || arg.size() <= name.size() || arg[name.size()] != '=')
			continue;
		const std::string_view when = arg.substr(name.size() + 1);
		if (when == "auto")
			return ColorMode::Auto;
		if (when == "always")
			return ColorMode::Always;
		if (when == "never")
			return ColorMode::Never;
		return std::string(name) + " takes auto, always or never, got " + quoted(when);
	}
	return std::nullopt;
}

// The options show and monitor share: --json, --color. Returns whether
// @arg was one, or an error.
std::variant<bool, CommandLineError> output_option(std::string_view topic, std::string_view arg,
						   bool &json, ColorMode &color)
{
	if (arg == "--json") {
		json = true;
		return true;
	}
	if (const auto c = color_option(arg)) {
		if (const auto *msg = std::get_if<std::string>(&*c))
			return error(topic, *msg);
		color = std::get<ColorMode>(*c);
		return true;
	}
	return false;
}

// -o LIST, -oLIST, --output LIST, --output=LIST: the adapters' columns.
std::optional<CommandLineError> output_fields(std::string_view list, ShowCommand &cmd, bool &given)
{
	if (given)
		return error("show", "-o given twice");
	auto fields = parse_adapter_fields(list);
	if (const auto *msg = std::get_if<std::string>(&fields))
		return error("show", "-o: " + *msg);
	cmd.select.adapter_fields = std::get<std::vector<AdapterField>>(std::move(fields));
	given = true;
	return std::nullopt;
}

// A cluster of one-letter options, "-gia", "-io adapter,state": @i moves
// past an argument -o takes from the next word.
std::optional<CommandLineError> show_cluster(std::span<const std::string_view> args, std::size_t &i,
					     Selection &chosen, ShowCommand &cmd,
					     bool &fields_given)
{
	const std::string_view arg = args[i];

	for (std::size_t k = 1; k < arg.size(); k++) {
		const char c = arg[k];
		if (c == 'g') {
			chosen.groups = true;
		} else if (c == 'i') {
			chosen.adapters = true;
		} else if (c == 'a') {
			chosen.addresses = true;
		} else if (c == 'd') {
			chosen.devices = true;
		} else if (c == 'o') {
			if (k + 1 < arg.size())
				return output_fields(arg.substr(k + 1), cmd, fields_given);
			if (i + 1 >= args.size())
				return error("show", "-o needs a list of fields");
			return output_fields(args[++i], cmd, fields_given);
		} else {
			return error("show", "unknown option " + quoted(std::string("-") + c));
		}
	}
	return std::nullopt;
}

CommandLine parse_show(std::span<const std::string_view> args)
{
	ShowCommand cmd;
	Selection chosen{false, false, false};
	bool fields_given = false;

	for (std::size_t i = 0; i < args.size(); i++) {
		const std::string_view arg = args[i];
		if (is_help(arg))
			return HelpCommand{"show"};
		const auto r = output_option("show", arg, cmd.json, cmd.color);
		if (const auto *e = std::get_if<CommandLineError>(&r))
			return *e;
		if (std::get<bool>(r))
			continue;
		std::optional<CommandLineError> bad;
		if (arg == "--groups") {
			chosen.groups = true;
		} else if (arg == "--adapters") {
			chosen.adapters = true;
		} else if (arg == "--addresses") {
			chosen.addresses = true;
		} else if (arg == "--devices") {
			chosen.devices = true;
		} else if (arg.starts_with("--output=")) {
			bad = output_fields(arg.substr(9), cmd, fields_given);
		} else if (arg == "--output") {
			if (i + 1 >= args.size())
				return error("show", "--output needs a list of fields");
			bad = output_fields(args[++i], cmd, fields_given);
		} else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
			bad = show_cluster(args, i, chosen, cmd, fields_given);
		} else if (arg.starts_with("-")) {
			return error("show", "unknown option " + quoted(arg));
		} else {
			return error("show", "unexpected argument " + quoted(arg));
		}
		if (bad)
			return *bad;
	}
	if (chosen.groups || chosen.adapters || chosen.addresses || chosen.devices) {
		chosen.adapter_fields = std::move(cmd.select.adapter_fields);
		cmd.select = std::move(chosen);
	}
	if (fields_given && cmd.json)
		return error("show", "-o picks the table's columns; --json has every field");
	if (fields_given && !cmd.select.adapters)
		return error("show", "-o picks the adapters table's columns, but -i is not given");
	return cmd;
}

CommandLine parse_monitor(std::span<const std::string_view> args)
{
	MonitorCommand cmd;

	for (const auto arg : args) {
		if (is_help(arg))
			return HelpCommand{"monitor"};
		const auto r = output_option("monitor", arg, cmd.json, cmd.color);
		if (const auto *e = std::get_if<CommandLineError>(&r))
			return *e;
		if (std::get<bool>(r))
			continue;
		if (arg.starts_with("-"))
			return error("monitor", "unknown option " + quoted(arg));
		return error("monitor", "unexpected argument " + quoted(arg));
	}
	return cmd;
}

// As the kernel's dev_valid_name().
bool valid_ifname(std::string_view name)
{
	if (name.empty() || name.size() >= IF_NAMESIZE || name == "." || name == "..")
		return false;
	return std::none_of(name.begin(), name.end(), [](char c) {
		return c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c));
	});
}

std::optional<std::uint32_t> parse_u32(std::string_view text)
{
	std::uint64_t v = 0;

	if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) {
		    return c >= '0' && c <= '9';
	    }))
		return std::nullopt;
	const auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
	if (ec != std::errc{} || next != text.data() + text.size() ||
	    v > std::numeric_limits<std::uint32_t>::max())
		return std::nullopt;
	return static_cast<std::uint32_t>(v);
}

CommandLine parse_set(std::span<const std::string_view> args)
{
	SetCommand cmd;

	if (std::any_of(args.begin(), args.end(), is_help))
		return HelpCommand{"set"};
	if (args.empty())
		return error("set", "which adapter? expected DEV priority N | managed on|off");
	if (!valid_ifname(args[0]))
		return error("set", "bad interface name " + quoted(args[0]));
	cmd.change.ifname = args[0];
	if (args.size() == 1)
		return error("set", "nothing to change on " + cmd.change.ifname +
					    " (give priority N or managed on|off)");
	for (std::size_t i = 1; i < args.size(); i += 2) {
		const std::string_view key = args[i];
		if (key != "priority" && key != "managed")
			return error("set", "unknown setting " + quoted(key) +
						    " (known: priority, managed)");
		if (i + 1 >= args.size())
			return error("set", std::string(key) + " needs a value");
		const std::string_view value = args[i + 1];
		if (key == "priority") {
			if (cmd.change.priority)
				return error("set", "priority given twice");
			cmd.change.priority = parse_u32(value);
			if (!cmd.change.priority)
				return error("set", "priority must be a whole number from 0 to "
						    "4294967295, got " + quoted(value));
		} else {
			if (cmd.change.managed)
				return error("set", "managed given twice");
			if (value != "on" && value != "off")
				return error("set", "managed must be on or off, got " + quoted(value));
			cmd.change.managed = value == "on";
		}
	}
	return cmd;
}

CommandLine parse_check(std::span<const std::string_view> args)
{
	CheckCommand cmd;

	for (std::size_t i = 0; i < args.size(); i++) {
		const std::string_view arg = args[i];
		if (is_help(arg))
			return HelpCommand{"check"};
		const auto r = output_option("check", arg, cmd.json, cmd.color);
		if (const auto *e = std::get_if<CommandLineError>(&r))
			return *e;
		if (std::get<bool>(r))
			continue;
		if (arg.starts_with("--root=")) {
			cmd.root = arg.substr(7);
		} else if (arg == "--root") {
			if (i + 1 >= args.size())
				return error("check", "--root needs a directory");
			cmd.root = args[++i];
		} else if (arg.starts_with("-")) {
			return error("check", "unknown option " + quoted(arg));
		} else {
			return error("check", "unexpected argument " + quoted(arg));
		}
		if (cmd.root.empty())
			return error("check", "--root needs a directory");
	}
	return cmd;
}

CommandLine parse_probe(std::span<const std::string_view> args)
{
	if (std::any_of(args.begin(), args.end(), is_help))
		return HelpCommand{"probe"};
	return ProbeCommand{{args.begin(), args.end()}};
}

constexpr std::string_view kCommands[] = {"show", "monitor", "set", "probe", "check"};

bool is_command(std::string_view name)
{
	return std::find(std::begin(kCommands), std::end(kCommands), name) != std::end(kCommands);
}

} // namespace

CommandLine parse_command_line(std::span<const std::string_view> args)
{
	if (args.empty())
		return CommandLineError{"no command given", ""};

	const std::string_view first = args[0];
	const auto rest = args.subspan(1);

	if (is_help(first) || first == "help") {
		if (rest.empty())
			return HelpCommand{""};
		if (rest.size() > 1 || !is_command(rest[0]))
			return CommandLineError{"help: no such command " + quoted(rest[0]), ""};
		return HelpCommand{std::string(rest[0])};
	}
	if (first == "--version" || first == "-V" || first == "version") {
		if (!rest.empty())
			return CommandLineError{"unexpected argument " + quoted(rest[0]), ""};
		return VersionCommand{};
	}
	if (first == "show")
		return parse_show(rest);
	if (first == "monitor")
		return parse_monitor(rest);
	if (first == "set")
		return parse_set(rest);
	if (first == "probe")
		return parse_probe(rest);
	if (first == "check")
		return parse_check(rest);
	if (first.starts_with("-"))
		return CommandLineError{"unknown option " + quoted(first), ""};
	return CommandLineError{"unknown command " + quoted(first), ""};
}

} // namespace arpfo
