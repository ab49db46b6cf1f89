// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "arpfo/options.hpp"
#include "arpfo/usage.hpp"

using namespace arpfo;

namespace {

CommandLine parse(std::initializer_list<std::string_view> args)
{
	const std::vector<std::string_view> v(args);
	return parse_command_line(v);
}

template <typename T>
T get(std::initializer_list<std::string_view> args)
{
	const auto r = parse(args);
	if (const auto *e = std::get_if<CommandLineError>(&r))
		ADD_FAILURE() << "usage error: " << e->message;
	const auto *t = std::get_if<T>(&r);
	return t ? *t : T{};
}

std::string error_of(std::initializer_list<std::string_view> args)
{
	const auto r = parse(args);
	const auto *e = std::get_if<CommandLineError>(&r);
	return e ? e->message : "";
}

std::string topic_of_error(std::initializer_list<std::string_view> args)
{
	const auto r = parse(args);
	const auto *e = std::get_if<CommandLineError>(&r);
	return e ? e->topic : "<none>";
}

} // namespace

TEST(ArpfoOptions, ShowDefaultsToEverything)
{
	const auto s = get<ShowCommand>({"show"});

	EXPECT_EQ(s.select, (Selection{true, true, true}));
	EXPECT_FALSE(s.json);
	EXPECT_EQ(s.color, ColorMode::Auto);
}

TEST(ArpfoOptions, ShowSelectors)
{
	EXPECT_EQ(get<ShowCommand>({"show", "-g"}).select, (Selection{true, false, false}));
	EXPECT_EQ(get<ShowCommand>({"show", "--adapters"}).select, (Selection{false, true, false}));
	EXPECT_EQ(get<ShowCommand>({"show", "-a", "--groups"}).select, (Selection{true, false, true}));
	EXPECT_EQ(get<ShowCommand>({"show", "-ia"}).select, (Selection{false, true, true}));
	EXPECT_EQ(get<ShowCommand>({"show", "--addresses"}).select, (Selection{false, false, true}));
	EXPECT_EQ(get<ShowCommand>({"show", "-gia"}).select, (Selection{true, true, true}));
}

TEST(ArpfoOptions, ShowOutputOptions)
{
	const auto s = get<ShowCommand>({"show", "--json", "--color=never", "-i"});
	EXPECT_TRUE(s.json);
	EXPECT_EQ(s.color, ColorMode::Never);
	EXPECT_EQ(get<ShowCommand>({"show", "--color=always"}).color, ColorMode::Always);
	EXPECT_EQ(get<ShowCommand>({"show", "--color=auto"}).color, ColorMode::Auto);
	EXPECT_EQ(get<ShowCommand>({"show", "--color"}).color, ColorMode::Always);
	EXPECT_EQ(get<ShowCommand>({"show", "--colour=never"}).color, ColorMode::Never);
}

TEST(ArpfoOptions, ShowErrors)
{
	EXPECT_EQ(error_of({"show", "-x"}), "show: unknown option '-x'");
	EXPECT_EQ(error_of({"show", "-gx"}), "show: unknown option '-x'");
	EXPECT_EQ(error_of({"show", "--frob"}), "show: unknown option '--frob'");
	EXPECT_EQ(error_of({"show", "eth0"}), "show: unexpected argument 'eth0'");
	EXPECT_EQ(error_of({"show", "--color=sometimes"}),
		  "show: --color takes auto, always or never, got 'sometimes'");
	EXPECT_EQ(error_of({"show", "--color="}), "show: --color takes auto, always or never, got ''");
	EXPECT_EQ(topic_of_error({"show", "-x"}), "show");
}

TEST(ArpfoOptions, Monitor)
{
	const auto m = get<MonitorCommand>({"monitor"});
	EXPECT_FALSE(m.json);
	EXPECT_EQ(m.color, ColorMode::Auto);

	const auto j = get<MonitorCommand>({"monitor", "--json", "--color=always"});
	EXPECT_TRUE(j.json);
	EXPECT_EQ(j.color, ColorMode::Always);

	EXPECT_EQ(error_of({"monitor", "-g"}), "monitor: unknown option '-g'");
	EXPECT_EQ(error_of({"monitor", "eth0"}), "monitor: unexpected argument 'eth0'");
	EXPECT_EQ(error_of({"monitor", "--color=no"}),
		  "monitor: --color takes auto, always or never, got 'no'");
}

TEST(ArpfoOptions, Set)
{
	const auto p = get<SetCommand>({"set", "eth0", "priority", "10"});
	EXPECT_EQ(p.change, (AdapterChange{"eth0", 10, std::nullopt}));

	EXPECT_EQ(get<SetCommand>({"set", "eth1", "managed", "off"}).change,
		  (AdapterChange{"eth1", std::nullopt, false}));
	EXPECT_EQ(get<SetCommand>({"set", "eth1", "managed", "on", "priority", "4294967295"}).change,
		  (AdapterChange{"eth1", 4294967295u, true}));
	EXPECT_EQ(get<SetCommand>({"set", "e", "priority", "0"}).change.priority, 0u);
	EXPECT_EQ(get<SetCommand>({"set", "e", "priority", "007"}).change.priority, 7u);
}

TEST(ArpfoOptions, SetRejectsBadPriority)
{
	for (const char *bad : {"-1", "4294967296", "99999999999999999999999", "1x", "", "+1",
				" 1", "1 ", "0x10", "1e3"})
		EXPECT_EQ(error_of({"set", "eth0", "priority", bad}),
			  std::string("set: priority must be a whole number from 0 to 4294967295, got '") +
				  bad + "'")
			<< bad;
}

TEST(ArpfoOptions, SetRejectsBadManaged)
{
	for (const char *bad : {"yes", "ON", "1", "", "of"})
		EXPECT_EQ(error_of({"set", "eth0", "managed", bad}),
			  std::string("set: managed must be on or off, got '") + bad + "'")
			<< bad;
}

TEST(ArpfoOptions, SetRejectsBadShape)
{
	EXPECT_EQ(error_of({"set"}), "set: which adapter? expected DEV priority N | managed on|off");
	EXPECT_EQ(error_of({"set", "eth0"}),
		  "set: nothing to change on eth0 (give priority N or managed on|off)");
	EXPECT_EQ(error_of({"set", "eth0", "priority"}), "set: priority needs a value");
	EXPECT_EQ(error_of({"set", "eth0", "managed", "on", "priority"}), "set: priority needs a value");
	EXPECT_EQ(error_of({"set", "eth0", "speed", "10"}),
		  "set: unknown setting 'speed' (known: priority, managed)");
	EXPECT_EQ(error_of({"set", "eth0", "priority", "1", "priority", "2"}),
		  "set: priority given twice");
	EXPECT_EQ(error_of({"set", "eth0", "managed", "on", "managed", "off"}),
		  "set: managed given twice");
	for (const char *bad : {"", "a-very-long-interface-name", "a/b", "a:b", "a b", ".", ".."})
		EXPECT_EQ(error_of({"set", bad, "priority", "1"}),
			  std::string("set: bad interface name '") + bad + "'")
			<< bad;
	EXPECT_EQ(topic_of_error({"set"}), "set");
}

TEST(ArpfoOptions, Probe)
{
	const auto p = get<ProbeCommand>({"probe", "eth0", "10.0.0.1", "--count", "2", "--json"});
	EXPECT_EQ(p.args, (std::vector<std::string>{"eth0", "10.0.0.1", "--count", "2", "--json"}));
	// Checked by arpfo-probe's own parser when it runs.
	EXPECT_TRUE(get<ProbeCommand>({"probe"}).args.empty());
}

TEST(ArpfoOptions, Help)
{
	EXPECT_EQ(get<HelpCommand>({"--help"}).topic, "");
	EXPECT_EQ(get<HelpCommand>({"-h"}).topic, "");
	EXPECT_EQ(get<HelpCommand>({"help"}).topic, "");
	EXPECT_EQ(get<HelpCommand>({"help", "set"}).topic, "set");
	EXPECT_EQ(get<HelpCommand>({"show", "--help"}).topic, "show");
	EXPECT_EQ(get<HelpCommand>({"show", "-g", "-h"}).topic, "show");
	EXPECT_EQ(get<HelpCommand>({"monitor", "--help"}).topic, "monitor");
	EXPECT_EQ(get<HelpCommand>({"set", "--help"}).topic, "set");
	EXPECT_EQ(get<HelpCommand>({"set", "eth0", "priority", "--help"}).topic, "set");
	EXPECT_EQ(get<HelpCommand>({"probe", "--help"}).topic, "probe");
	EXPECT_EQ(error_of({"help", "frob"}), "help: no such command 'frob'");
}

TEST(ArpfoOptions, Version)
{
	EXPECT_TRUE(std::holds_alternative<VersionCommand>(parse({"--version"})));
	EXPECT_TRUE(std::holds_alternative<VersionCommand>(parse({"-V"})));
	EXPECT_EQ(error_of({"--version", "x"}), "unexpected argument 'x'");
	EXPECT_EQ(kVersion, "0.3.0");
}

TEST(ArpfoOptions, UnknownOrMissingCommand)
{
	EXPECT_EQ(error_of({}), "no command given");
	EXPECT_EQ(error_of({"frobnicate"}), "unknown command 'frobnicate'");
	EXPECT_EQ(error_of({"--json"}), "unknown option '--json'");
	EXPECT_EQ(error_of({"Show"}), "unknown command 'Show'");
	EXPECT_EQ(topic_of_error({"frobnicate"}), "");
}

TEST(ArpfoUsage, EveryTopic)
{
	EXPECT_NE(usage("").find("usage: arpfo COMMAND"), std::string::npos);
	EXPECT_NE(usage("show").find("usage: arpfo show [-g|--groups]"), std::string::npos);
	EXPECT_NE(usage("monitor").find("usage: arpfo monitor"), std::string::npos);
	EXPECT_NE(usage("set").find("usage: arpfo set DEV priority N"), std::string::npos);
	EXPECT_EQ(usage("probe").rfind("usage: arpfo probe IFACE IP [--count N]", 0), 0u);
	EXPECT_NE(usage("probe").find("\n                   [--source IP]"), std::string::npos);
	for (const char *topic : {"", "show", "monitor", "set", "probe"})
		EXPECT_EQ(usage(topic).back(), '\n') << topic;
}
