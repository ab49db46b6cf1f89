// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/color.hpp"

namespace arpfo {
namespace {

std::string_view sgr(Paint p)
{
	switch (p) {
	case Paint::Good:
		return "\033[32m"; // green
	case Paint::Warn:
		return "\033[33m"; // yellow
	case Paint::Bad:
		return "\033[31m"; // red
	case Paint::Moved:
		return "\033[1;35m"; // bold magenta: a takeover
	case Paint::None:
		break;
	}
	return "";
}

} // namespace

bool use_color(ColorMode mode, bool stdout_is_tty, const char *no_color)
{
	switch (mode) {
	case ColorMode::Always:
		return true;
	case ColorMode::Never:
		return false;
	case ColorMode::Auto:
		break;
	}
	return stdout_is_tty && (no_color == nullptr || *no_color == '\0');
}

std::string paint(std::string_view text, Paint p, bool enabled)
{
	const std::string_view on = sgr(p);

	if (!enabled || on.empty())
		return std::string(text);
	return std::string(on) + std::string(text) + "\033[0m";
}

} // namespace arpfo
