// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/usage.hpp"

#include <algorithm>

#include "arpfo/adapter_fields.hpp"
#include "probe/options.hpp"

namespace arpfo {
namespace {

constexpr std::string_view kOverview =
	"usage: arpfo COMMAND [ARGS...]\n"
	"       arpfo --help | --version\n"
	"Shows and changes what the arp_failover module does in this network\n"
	"namespace.\n"
	"\n"
	"commands:\n"
	"  show [-g] [-i] [-a] [-d] [-o FIELD,...] [--json] [--color=WHEN]\n"
	"                    physical networks, adapters, addresses, devices\n"
	"  monitor [--json] [--color=WHEN]\n"
	"                    print every event until interrupted\n"
	"  set DEV priority N | managed on|off ...\n"
	"                    change one adapter (needs CAP_NET_ADMIN)\n"
	"  probe IFACE IP [OPTIONS]\n"
	"                    ask who-has IP on IFACE and report every answer\n"
	"  check [--json] [--root DIR]\n"
	"                    what on this host would defeat a takeover, and the fix\n"
	"\n"
	"'arpfo COMMAND --help' describes one command. Exit status: 0 on success,\n"
	"1 on a runtime error, 2 on a usage error ('probe' and 'check' have their\n"
	"own, see their help).\n";

constexpr std::string_view kShow =
	"usage: arpfo show [-g|--groups] [-i|--adapters] [-a|--addresses] [-d|--devices]\n"
	"                  [-o FIELD,...|all] [--json] [--color[=auto|always|never]]\n"
	"Prints the physical networks (-g), the managed adapters (-i) and the\n"
	"managed addresses (-a) of this namespace; all three without a selector.\n"
	"-d lists every network device, managed or why not.\n"
	"  -o FIELD,...   the adapters table's columns, in that order; 'all' for\n"
	"                 every one (the fields are listed below)\n"
	"  --json         one JSON object with the keys pnets, adapters, addresses\n"
	"                 (and devices with -d); every field, whatever -o says\n"
	"  --color=WHEN   colour the states: auto (default: when stdout is a terminal\n"
	"                 and NO_COLOR is not set), always, never\n"
	"fields of -o (* shown without -o):\n";

// "  name         help" for each field of the adapters table.
std::string show_usage()
{
	std::string out(kShow);

	const auto defaults = default_adapter_fields();

	for (const auto &f : adapter_fields()) {
		const bool shown =
			std::find(defaults.begin(), defaults.end(), f.field) != defaults.end();
		std::string line = (shown ? "* " : "  ") + std::string(f.name);
		line.resize(16, ' ');
		out += line + std::string(f.help) + "\n";
	}
	return out;
}

constexpr std::string_view kMonitor =
	"usage: arpfo monitor [--json] [--color[=auto|always|never]]\n"
	"Prints one line per event of the module (takeovers, reclaims, carrier and\n"
	"health changes, physical network changes, rejected probes, addresses,\n"
	"VIPA duty, path judgements), each with a local timestamp, until SIGINT or\n"
	"SIGTERM.\n"
	"  --json         one JSON object per line\n"
	"  --color=WHEN   as for show\n";

constexpr std::string_view kCheck =
	"usage: arpfo check [--json] [--root DIR] [--color[=auto|always|never]]\n"
	"Checks this host for what would defeat a takeover. Lists every device, managed\n"
	"by the module or why not, then for each managed adapter (every Ethernet device\n"
	"when the module is not loaded): the network managers that would remove its\n"
	"addresses on carrier loss (systemd-networkd, netplan, NetworkManager, dhcpcd,\n"
	"ifplugd; ifupdown is fine), IPv6 keep_addr_on_down and strict rp_filter.\n"
	"Each finding is ok, info, warn or error, says what will happen and gives the\n"
	"exact fix: a file to create or edit and the command to apply it. It changes\n"
	"nothing.\n"
	"  --json         one JSON object: module, devices, findings, status\n"
	"  --root DIR     read configuration, /proc and /sys under DIR (a mounted image,\n"
	"                 a test fixture); devices still come from the running module\n"
	"  --color=WHEN   as for show\n"
	"Exit status: 0 nothing defeats a takeover, 1 an error or a warning was found,\n"
	"2 the check could not run.\n";

constexpr std::string_view kSet =
	"usage: arpfo set DEV priority N\n"
	"       arpfo set DEV managed on|off\n"
	"Changes the adapter DEV; several settings may follow one DEV, e.g.\n"
	"'arpfo set eth1 priority 10 managed on'. Needs CAP_NET_ADMIN.\n"
	"  priority N     backup preference, 0 to 4294967295, higher wins\n"
	"  managed on|off start or stop managing DEV\n";

} // namespace

std::string usage(std::string_view topic)
{
	if (topic == "show")
		return show_usage();
	if (topic == "monitor")
		return std::string(kMonitor);
	if (topic == "set")
		return std::string(kSet);
	if (topic == "probe")
		return probe_usage("arpfo probe");
	if (topic == "check")
		return std::string(kCheck);
	return std::string(kOverview);
}

} // namespace arpfo
