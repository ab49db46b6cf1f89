// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_model.hpp"

#include <algorithm>

#include <linux/arp_failover.h>

namespace arpfo::check {

std::string_view severity_name(Severity s)
{
	switch (s) {
	case Severity::Ok:
		return "ok";
	case Severity::Info:
		return "info";
	case Severity::Warn:
		return "warn";
	case Severity::Error:
		return "error";
	}
	return "?";
}

Severity weigh(Severity s, Presence p, bool live)
{
	if (p == Presence::Enabled && live && (s == Severity::Error || s == Severity::Warn))
		return Severity::Info;
	return s;
}

bool checked(const DeviceFacts &d)
{
	return !d.membership || *d.membership == ARPFO_MEMBER_MANAGED;
}

int exit_status(const Report &r)
{
	const bool bad = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding &f) {
		return f.severity == Severity::Error || f.severity == Severity::Warn;
	});
	return bad ? 1 : 0;
}

} // namespace arpfo::check
