// SPDX-License-Identifier: GPL-2.0-only
// systemd-networkd (and netplan, which renders into it): what networkd
// does to a device's addresses when it loses carrier, as the .network
// file it picks for the device says.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"
#include "arpfo/check_networkd_files.hpp"

namespace arpfo::check {

// What networkd does to the addresses it configured on carrier loss.
struct CarrierLoss {
	enum class Kind { Keeps, DropsAfter, DropsAtOnce } kind = Kind::DropsAtOnce;
	std::string after;  // the timespan, for DropsAfter
	std::string reason; // the setting that decides, and where
};
CarrierLoss carrier_loss(const NetworkFile &f);
// "removes every address ... (why)", "keeps its addresses ... (why)".
std::string carrier_loss_text(const CarrierLoss &loss);

// Findings for each of @devices that networkd runs for or would
// configure; devices whose file netplan rendered share one netplan fix.
std::vector<Finding> check_networkd(const HostFs &fs, std::span<const DeviceFacts> devices);

} // namespace arpfo::check
