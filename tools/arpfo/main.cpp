// SPDX-License-Identifier: GPL-2.0-only
// arpfo: show, watch and change what the arp_failover module does.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "arpfo/commands.hpp"
#include "arpfo/options.hpp"
#include "arpfo/usage.hpp"
#include "probe/run.hpp"

namespace {

template <typename... F>
struct Overloaded : F... {
	using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

int run(const arpfo::CommandLine &cmdline)
{
	return std::visit(
		Overloaded{
			[](const arpfo::ShowCommand &c) { return arpfo::run_show(c); },
			[](const arpfo::MonitorCommand &c) { return arpfo::run_monitor(c); },
			[](const arpfo::SetCommand &c) { return arpfo::run_set(c); },
			[](const arpfo::CheckCommand &c) { return arpfo::run_check(c); },
			[](const arpfo::ProbeCommand &c) {
				const std::vector<std::string_view> args(c.args.begin(), c.args.end());
				return arpfo::probe_main(args, "arpfo probe", "arpfo");
			},
			[](const arpfo::HelpCommand &c) {
				arpfo::write_stdout(arpfo::usage(c.topic));
				return 0;
			},
			[](const arpfo::VersionCommand &) {
				arpfo::write_stdout("arpfo " + std::string(arpfo::kVersion) + "\n");
				return 0;
			},
			[](const arpfo::CommandLineError &e) {
				std::fprintf(stderr, "arpfo: %s\n%s", e.message.c_str(),
					     arpfo::usage(e.topic).c_str());
				return 2;
			},
		},
		cmdline);
}

} // namespace

int main(int argc, char **argv)
{
	const std::vector<std::string_view> args(argv + 1, argv + argc);

	try {
		return run(arpfo::parse_command_line(args));
	} catch (const std::exception &e) {
		std::fprintf(stderr, "arpfo: %s\n", e.what());
		return 1;
	}
}
