// SPDX-License-Identifier: GPL-2.0-only
// arpfo check: the module cannot load for want of a trusted signature
// (Secure Boot, lockdown). The hosts are trees written by the test: a
// module file is a *.ko, which the kernel's `make clean` would delete
// from tests/data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "arpfo/check.hpp"
#include "arpfo/check_signature.hpp"
#include "check_fixture.hpp"

using namespace arpfo::check;
using namespace arpfo::check::test;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kKver = "6.1.0-57-amd64";
constexpr std::string_view kSigned = "\x7f"
				     "ELF...PKCS#7...~Module signature appended~\n";
// A DER certificate's first bytes, then its body.
const std::string kDkmsCert = std::string("0\x82\x01\x0b", 4) + "DKMS module signing key";
const std::string kOtherCert = std::string("0\x82\x02\x10", 4) + "Debian Secure Boot CA";

// A host tree in a temporary directory, removed when it goes.
class Host {
public:
	Host()
		: root_(fs::temp_directory_path() /
			("arpfo-check-sig-" + std::to_string(::testing::UnitTest::GetInstance()
								      ->random_seed()) +
			 "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name()))
	{
		fs::remove_all(root_);
		put("/proc/sys/kernel/osrelease", std::string(kKver) + "\n");
	}
	Host(const Host &) = delete;
	Host &operator=(const Host &) = delete;
	~Host() { fs::remove_all(root_); }

	void put(const std::string &path, std::string_view data)
	{
		const fs::path p = root_ / fs::path(path).relative_path();
		fs::create_directories(p.parent_path());
		std::ofstream(p, std::ios::binary) << data;
	}
	// Secure Boot on, and Debian's kernel locked down because of it.
	void secure_boot()
	{
		put("/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c",
		    std::string("\x06\x00\x00\x00\x01", 5));
		put("/sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
	}
	// The module installed at @rel under /lib/modules/KVER.
	void module(const std::string &rel, std::string_view data)
	{
		const std::string dir = "/lib/modules/" + std::string(kKver);
		put(dir + "/modules.dep", "kernel/drivers/net/veth.ko:\n" + rel + ":\n");
		put(dir + "/" + rel, data);
	}
	HostFs fs() const { return HostFs(root_, false); }

private:
	fs::path root_;
};

std::vector<Finding> findings(const Host &h, ModuleState m = ModuleState::Missing,
			      std::optional<std::string> log = std::nullopt)
{
	return check_signature(h.fs(), m, log);
}

} // namespace

// make install's module is unsigned: under Secure Boot the kernel refuses
// it; the fix is the DKMS package, which signs, and enrolling its key.
TEST(CheckSignature, UnsignedUnderSecureBoot)
{
	Host h;
	h.secure_boot();
	h.module("updates/arp_failover.ko", "\x7f"
					    "ELF... no signature");
	const auto f = findings(h);

	ASSERT_EQ(f.size(), 1u);
	EXPECT_EQ(f[0].severity, Severity::Error);
	EXPECT_EQ(f[0].topic, "Secure Boot");
	EXPECT_TRUE(says(f[0], "Secure Boot is on and /lib/modules/6.1.0-57-amd64/updates/"
			       "arp_failover.ko is not signed: the kernel refuses to load it"))
		<< f[0].text;
	ASSERT_TRUE(f[0].fix);
	EXPECT_EQ(f[0].fix->then.front(), "apt install arp-failover-dkms");
}

// DKMS signed it, but its key is not in shim's list: the kernel rejects
// it ("Key was rejected by service") until the key is enrolled.
TEST(CheckSignature, DkmsKeyNotEnrolled)
{
	Host h;
	h.secure_boot();
	h.module("updates/dkms/arp_failover.ko", kSigned);
	h.put("/var/lib/dkms/mok.pub", kDkmsCert);
	h.put("/sys/firmware/efi/mok-variables/MokListRT", "\xa1\x59\xc0\xa5" + kOtherCert);
	const auto f = findings(h);

	ASSERT_EQ(f.size(), 1u);
	EXPECT_EQ(f[0].severity, Severity::Error);
	EXPECT_TRUE(says(f[0], "is signed by DKMS with /var/lib/dkms/mok.pub, which is not "
			       "enrolled: the kernel refuses it"))
		<< f[0].text;
	ASSERT_TRUE(f[0].fix);
	EXPECT_TRUE(f[0].fix->path.empty());
	EXPECT_EQ(f[0].fix->then.front(), "mokutil --import /var/lib/dkms/mok.pub");
}

// Once enrolled, or without Secure Boot, lockdown or sig_enforce, the
// signature is no reason for the module not to load.
TEST(CheckSignature, EnrolledOrNotEnforced)
{
	Host h;
	h.secure_boot();
	h.module("updates/dkms/arp_failover.ko", kSigned);
	h.put("/var/lib/dkms/mok.pub", kDkmsCert);
	h.put("/sys/firmware/efi/mok-variables/MokListRT",
	      "\xa1\x59\xc0\xa5" + kOtherCert + "\xa1\x59\xc0\xa5" + kDkmsCert);
	EXPECT_TRUE(findings(h).empty());

	Host off;
	off.put("/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c",
		std::string("\x06\x00\x00\x00\x00", 5));
	off.put("/sys/kernel/security/lockdown", "[none] integrity confidentiality\n");
	off.put("/sys/module/module/parameters/sig_enforce", "N\n");
	off.module("updates/arp_failover.ko", "unsigned");
	EXPECT_FALSE(signature_policy(off.fs()).enforced());
	EXPECT_TRUE(findings(off).empty());

	off.put("/sys/module/module/parameters/sig_enforce", "Y\n");
	ASSERT_EQ(findings(off).size(), 1u);
	EXPECT_TRUE(says(findings(off)[0], "module.sig_enforce is on and")) << findings(off)[0].text;
}

// The kernel log tells of a refusal whatever the files say; a loaded
// module has nothing to fear.
TEST(CheckSignature, RejectionInKernelLog)
{
	Host h;
	const std::string log = "arp_failover: loaded, version 0.3.0\n"
				"Lockdown: modprobe: unsigned module loading is restricted; see "
				"man kernel_lockdown.7\n";
	const auto f = findings(h, ModuleState::Missing, log);

	ASSERT_EQ(f.size(), 1u);
	EXPECT_EQ(f[0].severity, Severity::Error);
	EXPECT_TRUE(says(f[0], "kernel log: \"Lockdown: modprobe: unsigned module loading is "
			       "restricted; see man kernel_lockdown.7\""))
		<< f[0].text;
	EXPECT_EQ(f[0].fix->then.front(), "mokutil --import /var/lib/dkms/mok.pub");
	EXPECT_TRUE(findings(h, ModuleState::Loaded, log).empty());
	EXPECT_EQ(signature_rejections("Loading of module with unavailable key is rejected\nok\n"),
		  std::vector<std::string>{"Loading of module with unavailable key is rejected"});
}

// run_checks reports it among the host's findings, after the module's.
TEST(CheckSignature, InTheReport)
{
	Host h;
	h.secure_boot();
	h.module("updates/arp_failover.ko", "unsigned");
	const Report r = run_checks(h.fs(), {ModuleState::Missing, two_adapters(), std::nullopt,
					     std::nullopt});

	ASSERT_EQ(about(r, "", "Secure Boot").size(), 1u);
	EXPECT_EQ(exit_status(r), 1);
}
