// SPDX-License-Identifier: GPL-2.0-only
// `arpfo check`: what it found on the host, as plain values. Each finding
// says what is, what will happen to a takeover, and the exact fix.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probe/arp_frame.hpp"

namespace arpfo::check {

// Error: defeats a takeover; warn: defeats it in some cases (an
// administrative down, after a delay); info: worth knowing; ok: checked
// and fine.
enum class Severity { Ok, Info, Warn, Error };

// "ok", "info", "warn", "error".
std::string_view severity_name(Severity s);

// Whether a daemon acts on this host.
enum class Presence {
	Absent,
	Enabled, // starts at boot, but does not run now
	Running,
};

// What a finding about a daemon weighs: on the running host (@live) one
// that is only enabled acts on nothing now, so what it would do is worth
// knowing (info), not an error; in an image, enabled is what will run.
Severity weigh(Severity s, Presence p, bool live);

// What an administrator does to fix a finding, exactly.
struct Fix {
	enum class Action {
		Create, // create @path with @lines (a drop-in of our own)
		Append, // append @lines to @path
		Set,	// in @path, make the setting of @lines[0]'s key read @lines
	};
	Action action = Action::Create;
	std::string path;
	std::vector<std::string> lines;
	std::vector<std::string> then; // commands to run afterwards

	bool operator==(const Fix &) const = default;
};

struct Finding {
	Severity severity = Severity::Ok;
	std::string device; // "" for the host as a whole
	std::string topic;  // "module", "systemd-networkd", "NetworkManager", ...
	std::string text;   // what is, and what it does to a takeover
	std::optional<Fix> fix;

	bool operator==(const Finding &) const = default;
};

// A network device as the check knows it.
struct DeviceFacts {
	std::uint32_t ifindex = 0;
	std::string name;
	// enum arpfo_membership; nullopt when the module cannot say (not
	// loaded, or too old to list devices).
	std::optional<std::uint32_t> membership;
	std::string master; // its master's name, "" for none
	std::optional<Mac> mac;
	// Managed adapters on its pnet, itself included; nullopt: unknown.
	std::optional<std::size_t> pnet_size;
	std::uint32_t pnet = 0;

	bool operator==(const DeviceFacts &) const = default;
};

// How far the module could tell which devices it manages.
enum class ModuleState {
	Loaded,	   // its device dump says
	NoDevices, // loaded, but too old to list devices: its adapters only
	Missing,   // not loaded: every Ethernet device is checked
};

struct Report {
	ModuleState module = ModuleState::Loaded;
	std::vector<DeviceFacts> devices;
	std::vector<Finding> findings;
};

// Whether the manager checks apply to @d: a managed adapter, or any
// Ethernet device when the module cannot say.
bool checked(const DeviceFacts &d);

// 1 when a finding is an error or a warning, else 0.
int exit_status(const Report &r);

} // namespace arpfo::check
