// SPDX-License-Identifier: GPL-2.0-only
// Fixture hosts for the `arpfo check` tests: configuration trees captured
// from real hosts under tests/data/check/NAME, and the devices to check.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <linux/arp_failover.h>

#include "arpfo/check.hpp"
#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check::test {

inline HostFs fixture(const std::string &name)
{
	return HostFs(std::string(ARPFO_CHECK_DATA) + "/" + name);
}

// A managed adapter on a pnet of two, MAC 02:00:00:00:00:IFINDEX.
inline DeviceFacts adapter(std::uint32_t ifindex, const std::string &name)
{
	DeviceFacts d;
	d.ifindex = ifindex;
	d.name = name;
	d.membership = ARPFO_MEMBER_MANAGED;
	d.mac = Mac{0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(ifindex)};
	d.pnet = 1;
	d.pnet_size = 2;
	return d;
}

// eth0 (ifindex 2) and eth1 (ifindex 3), as most fixtures have them.
inline std::vector<DeviceFacts> two_adapters()
{
	return {adapter(2, "eth0"), adapter(3, "eth1")};
}

inline Report check(const std::string &name, std::vector<DeviceFacts> devices = two_adapters(),
		    std::optional<std::string> nmcli = std::nullopt)
{
	return run_checks(fixture(name),
			  {ModuleState::Loaded, std::move(devices), std::move(nmcli), std::nullopt});
}

// The findings of @topic for @device.
inline std::vector<Finding> about(const Report &r, const std::string &device,
				  const std::string &topic)
{
	std::vector<Finding> out;

	std::copy_if(r.findings.begin(), r.findings.end(), std::back_inserter(out),
		     [&](const Finding &f) { return f.device == device && f.topic == topic; });
	return out;
}

// The one finding of @topic for @device; a test failure when there is not
// exactly one.
inline Finding one(const Report &r, const std::string &device, const std::string &topic)
{
	const auto found = about(r, device, topic);
	if (found.size() != 1) {
		ADD_FAILURE() << found.size() << " findings of " << topic << " for " << device;
		return {};
	}
	return found.front();
}

inline bool says(const Finding &f, const std::string &text)
{
	return f.text.find(text) != std::string::npos;
}

} // namespace arpfo::check::test
