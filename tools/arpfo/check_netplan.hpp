// SPDX-License-Identifier: GPL-2.0-only
// netplan renders its YAML into .network files for systemd-networkd
// (/run/systemd/network/10-netplan-ID.network) with no carrier option for
// a plain ethernet; its own key for one is ignore-carrier.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

// Whether networkd's file @path is one netplan wrote.
bool rendered_by_netplan(std::string_view path);
// The netplan ID of the definition it was rendered from ("eth0" for
// 10-netplan-eth0.network).
std::string netplan_id(std::string_view path);
// The YAML file under /etc/netplan, /run/netplan or /lib/netplan that
// defines @id, "" when none does as far as a line "  ID:" shows.
std::string netplan_source(const HostFs &fs, std::string_view id);
// What networkd does with the file netplan rendered at @path (@loss, as
// carrier_loss_text() tells it), told as netplan's finding.
Finding netplan_finding(const HostFs &fs, const DeviceFacts &d, std::string_view path,
			Severity severity, const std::string &loss);
// One drop-in YAML giving ignore-carrier to each of @ids.
Fix netplan_fix(std::span<const std::string> ids);

} // namespace arpfo::check
