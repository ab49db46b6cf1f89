// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: gather what the module and the host say, run the checks,
// print the report.
#include <cerrno>
#include <cstdio>
#include <exception>
#include <optional>
#include <stdexcept>

#include <linux/arp_failover.h>

#include "arpfo/check.hpp"
#include "arpfo/check_command.hpp"
#include "arpfo/check_devices.hpp"
#include "arpfo/check_kmsg.hpp"
#include "arpfo/check_render.hpp"
#include "arpfo/commands.hpp"
#include "arpfo/connection.hpp"
#include "arpfo/dump.hpp"
#include "arpfo/errors.hpp"
#include "arpfo/parse.hpp"

namespace arpfo {
namespace {

using check::ModuleState;

// NetworkManager answers within a second when it is well; a hung one
// must not hang the check.
constexpr std::chrono::seconds kNmcliTimeout{5};

// The devices as the module sees them, or as sysfs does without it.
check::Inputs read_module(const check::HostFs &fs)
{
	check::Inputs in;
	std::optional<Connection> conn;

	try {
		conn = connect();
	} catch (const ModuleNotLoaded &) {
		in.module = ModuleState::Missing;
		in.devices = check::sysfs_devices(fs);
		return in;
	}
	Connection &c = *conn;
	const auto pnets =
		read_dump<Pnet>(c, ARPFO_CMD_PNET_GET, "reading the physical networks", parse_pnet);
	const auto adapters =
		read_dump<Adapter>(c, ARPFO_CMD_ADAPTER_GET, "reading the adapters", parse_adapter);
	try {
		const auto devices = read_dump<Device>(c, ARPFO_CMD_DEVICE_GET,
						       "reading the devices", parse_device);
		in.devices = check::module_devices(devices, adapters, pnets);
	} catch (const NetlinkError &e) {
		if (e.error() != EOPNOTSUPP)
			throw;
		in.module = ModuleState::NoDevices;
		in.devices = check::adapter_devices(adapters, pnets);
	}
	return in;
}

// A dump that raced with a change is read again, a few times.
check::Inputs read_consistent(const check::HostFs &fs)
{
	constexpr int kAttempts = 3;

	for (int i = 1;; i++) {
		try {
			return read_module(fs);
		} catch (const DumpInterrupted &) {
			if (i == kAttempts)
				throw;
		}
	}
}

int check_host(const CheckCommand &cmd)
{
	const check::HostFs fs(cmd.root);

	if (!fs.is_dir("/"))
		throw std::runtime_error("--root " + cmd.root + ": no such directory");
	check::Inputs in = read_consistent(fs);
	// nmcli and the kernel log speak for the running host only, not for
	// an image.
	if (fs.live()) {
		in.nmcli = check::run_command({"nmcli", "-t", "-f", "DEVICE,STATE", "device"},
					      kNmcliTimeout);
		in.kernel_log = check::read_kernel_log();
	}
	const check::Report r = check::run_checks(fs, std::move(in));
	if (cmd.json)
		write_stdout(check::render_check_json(r));
	else
		write_stdout(check::render_check(r, stdout_color(cmd.color)));
	return check::exit_status(r);
}

} // namespace

int run_check(const CheckCommand &cmd)
{
	try {
		return check_host(cmd);
	} catch (const std::exception &e) {
		std::fprintf(stderr, "arpfo: check: %s\n", e.what());
		return 2;
	}
}

} // namespace arpfo
