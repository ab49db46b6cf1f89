// SPDX-License-Identifier: GPL-2.0-only
// `arpfo check`: whether the kernel refuses arp_failover for want of a
// trusted signature. Under Secure Boot (Debian's kernels then lock down
// to "integrity"), lockdown or module.sig_enforce=1, a module loads only
// when it is signed by a key the kernel trusts: DKMS signs with
// /var/lib/dkms/mok.pub, which counts once enrolled with mokutil. Read
// from the kernel log and from the files a root shows, so fixtures can
// drive it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arpfo/check_host.hpp"
#include "arpfo/check_model.hpp"

namespace arpfo::check {

// What the running kernel demands of a module's signature.
struct SignaturePolicy {
	bool secure_boot = false; // the firmware's SecureBoot variable is 1
	std::string lockdown;	  // the selected lockdown mode, "" when unknown
	bool sig_enforce = false; // module.sig_enforce

	// Whether a module without a trusted signature is refused.
	bool enforced() const;
	// Why, for a finding's text: "Secure Boot is on", ...
	std::string reason() const;
};

SignaturePolicy signature_policy(const HostFs &fs);

// The kernel log's lines by which it refused a module's signature.
std::vector<std::string> signature_rejections(std::string_view kernel_log);

// Findings about loading the module when it is not loaded (@module
// Missing): a refusal in @kernel_log, or an enforcing kernel and an
// installed module that is unsigned or signed with DKMS's key while that
// key is not enrolled.
std::vector<Finding> check_signature(const HostFs &fs, ModuleState module,
				     const std::optional<std::string> &kernel_log);

} // namespace arpfo::check
