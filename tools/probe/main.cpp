// SPDX-License-Identifier: GPL-2.0-only
// arpfo-probe: ask who-has IP on an interface and report every answer.
// The same as `arpfo probe`; both run probe_main().
#include <string_view>
#include <vector>

#include "probe/run.hpp"

int main(int argc, char **argv)
{
	const std::vector<std::string_view> args(argv + 1, argv + argc);

	return arpfo::probe_main(args, "arpfo-probe", "arpfo-probe");
}
