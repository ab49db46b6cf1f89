// SPDX-License-Identifier: GPL-2.0-only
// The errors arpfo reports at run time. Every one is an exception whose
// what() is a complete sentence with the context of what was being done;
// main() prints it after "arpfo: ". (Command line mistakes are values,
// see options.hpp, as in arpfo-probe.)
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace arpfo {

// A message from the kernel that does not follow the family's format.
class MalformedMessage : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

// A netlink request the kernel (or the socket) refused.
class NetlinkError : public std::runtime_error {
public:
	// what(): "@context: @extack", or "@context: strerror(@error)" when
	// the kernel sent no extended-ack message.
	NetlinkError(std::string_view context, int error, std::string_view extack = {});

	int error() const { return error_; }
	const std::string &extack() const { return extack_; }

private:
	int error_;
	std::string extack_;
};

// The loaded module speaks an older version of the generic netlink
// family than this tool reads.
class IncompatibleModule : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

// The generic netlink family does not exist: the module is not loaded.
// what() is module_not_loaded().
class ModuleNotLoaded : public std::runtime_error {
public:
	ModuleNotLoaded();
};

// What to tell the user when the generic netlink family does not exist.
std::string module_not_loaded();

struct Family;

// Throws IncompatibleModule, saying which versions and what to do, when
// @family (as the controller describes it) is older than the version
// this tool speaks, ARPFO_GENL_VERSION: an older module sends attributes
// this tool cannot read (version 1 had u8 ones) and takes requests it
// would refuse. A newer version is fine: a version only adds commands and
// attributes to the one before, and this tool skips what it does not know.
void check_module_version(const Family &family);

struct AdapterChange;

// "setting eth0 priority 10 managed off", what `arpfo set` does.
std::string describe_change(const AdapterChange &change);

// What to tell the user when ARPFO_CMD_ADAPTER_SET failed.
std::string set_failure(const AdapterChange &change, int error, std::string_view extack);

} // namespace arpfo
