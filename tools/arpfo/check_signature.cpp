// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/check_signature.hpp"

#include <algorithm>
#include <sstream>

#include "arpfo/check_text.hpp"

namespace arpfo::check {
namespace {

// The EFI global variable and shim's list of enrolled keys (MokListRT),
// as efivarfs shows them: four bytes of attributes, then the data.
constexpr std::string_view kSecureBootVar =
	"/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";
constexpr std::string_view kMokListVars[] = {
	"/sys/firmware/efi/mok-variables/MokListRT",
	"/sys/firmware/efi/efivars/MokListRT-605dab50-e046-4293-9c36-b4f4eb1c6d23",
};
constexpr std::string_view kDkmsCert = "/var/lib/dkms/mok.pub";
// What scripts/sign-file appends to a signed module.
constexpr std::string_view kSigMagic = "~Module signature appended~\n";

// The lines kernel/module/signing.c and security/lockdown print when
// they refuse a module.
constexpr std::string_view kRejections[] = {
	"Loading of unsigned module is rejected",
	"Loading of module with unavailable key is rejected",
	"Loading of module with unsupported crypto is rejected",
	"unsigned module loading is restricted",
};

// The word in brackets of "none [integrity] confidentiality".
std::string selected(std::string_view modes)
{
	const auto open = modes.find('[');
	const auto close = modes.find(']', open);

	if (open == std::string_view::npos || close == std::string_view::npos)
		return "";
	return std::string(modes.substr(open + 1, close - open - 1));
}

// The path of arp_failover's module for the running kernel, as modprobe
// finds it through modules.dep; "" when none is installed.
std::string installed_module(const HostFs &fs, const std::string &kver)
{
	const auto dep = fs.read("/lib/modules/" + kver + "/modules.dep");
	std::istringstream in(dep.value_or(""));
	std::string line;

	while (std::getline(in, line)) {
		const std::string path = line.substr(0, line.find(':'));
		const auto slash = path.rfind('/');
		const std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
		if (name == "arp_failover.ko" || name.starts_with("arp_failover.ko."))
			return path.starts_with("/") ? path : "/lib/modules/" + kver + "/" + path;
	}
	return "";
}

// Whether shim's list of enrolled keys holds @cert (DER).
std::optional<bool> enrolled(const HostFs &fs, const std::string &cert)
{
	for (const auto var : kMokListVars)
		if (const auto list = fs.read(var))
			return list->find(cert) != std::string::npos;
	return std::nullopt;
}

const Fix kEnrollFix{Fix::Action::Create,
		     "",
		     {},
		     {"mokutil --import /var/lib/dkms/mok.pub",
		      "reboot, and in MokManager choose \"Enroll MOK\" with the password given "
		      "to mokutil",
		      "modprobe arp_failover"}};

std::vector<Finding> from_log(const std::vector<std::string> &refused)
{
	return {{Severity::Error, "", "Secure Boot",
		 "the kernel refused a module for want of a trusted signature (kernel log: \"" +
			 refused.back() +
			 "\"): arp_failover is refused the same way until it is signed with "
			 "a key the kernel trusts; DKMS signs it with /var/lib/dkms/mok.pub, "
			 "which counts once enrolled",
		 kEnrollFix}};
}

std::vector<Finding> from_module(const HostFs &fs, const SignaturePolicy &policy)
{
	const auto kver = read_line(fs, "/proc/sys/kernel/osrelease");
	const std::string path = kver ? installed_module(fs, *kver) : "";
	const auto ko = path.empty() || !path.ends_with(".ko") ? std::nullopt : fs.read(path);

	// Not installed for this kernel, or compressed (the signature is
	// inside): nothing to tell from the file.
	if (!ko)
		return {};
	if (!ko->ends_with(kSigMagic))
		return {{Severity::Error, "", "Secure Boot",
			 policy.reason() + " and " + path +
				 " is not signed: the kernel refuses to load it (make install "
				 "installs an unsigned module; the arp-failover-dkms package or "
				 "make dkms-install has DKMS build and sign it)",
			 Fix{Fix::Action::Create,
			     "",
			     {},
			     {"apt install arp-failover-dkms",
			      "mokutil --import /var/lib/dkms/mok.pub, reboot, enroll it in "
			      "MokManager"}}}};
	const auto cert = fs.read(kDkmsCert);
	if (path.find("/updates/dkms/") == std::string::npos || !cert || cert->empty())
		return {};
	if (enrolled(fs, *cert) == false)
		return {{Severity::Error, "", "Secure Boot",
			 policy.reason() + " and " + path +
				 " is signed by DKMS with /var/lib/dkms/mok.pub, which is not "
				 "enrolled: the kernel refuses it (\"Key was rejected by service\")",
			 kEnrollFix}};
	return {};
}

} // namespace

bool SignaturePolicy::enforced() const
{
	return secure_boot || sig_enforce || (!lockdown.empty() && lockdown != "none");
}

std::string SignaturePolicy::reason() const
{
	if (secure_boot)
		return "Secure Boot is on";
	if (sig_enforce)
		return "module.sig_enforce is on";
	return "the kernel is locked down (" + lockdown + ")";
}

SignaturePolicy signature_policy(const HostFs &fs)
{
	SignaturePolicy p;
	const auto sb = fs.read(kSecureBootVar);

	p.secure_boot = sb && sb->size() >= 5 && (*sb)[4] == 1;
	p.lockdown = selected(fs.read("/sys/kernel/security/lockdown").value_or(""));
	p.sig_enforce = read_line(fs, "/sys/module/module/parameters/sig_enforce") == "Y";
	return p;
}

std::vector<std::string> signature_rejections(std::string_view kernel_log)
{
	std::vector<std::string> out;
	std::istringstream in{std::string(kernel_log)};
	std::string line;

	while (std::getline(in, line))
		if (std::any_of(std::begin(kRejections), std::end(kRejections),
				[&](std::string_view r) { return line.find(r) != std::string::npos; }))
			out.push_back(trim(line));
	return out;
}

std::vector<Finding> check_signature(const HostFs &fs, ModuleState module,
				     const std::optional<std::string> &kernel_log)
{
	if (module != ModuleState::Missing)
		return {};
	if (kernel_log) {
		const auto refused = signature_rejections(*kernel_log);
		if (!refused.empty())
			return from_log(refused);
	}
	const SignaturePolicy policy = signature_policy(fs);
	if (!policy.enforced())
		return {};
	return from_module(fs, policy);
}

} // namespace arpfo::check
