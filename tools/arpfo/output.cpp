// SPDX-License-Identifier: GPL-2.0-only
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include <unistd.h>

#include "arpfo/commands.hpp"

namespace arpfo {

void write_stdout(std::string_view text)
{
	if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
	    std::fflush(stdout) != 0)
		throw std::system_error(errno, std::generic_category(), "writing to standard output");
}

bool stdout_color(ColorMode mode)
{
	return use_color(mode, ::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"));
}

} // namespace arpfo
