// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/errors.hpp"

#include <cerrno>
#include <cstring>

#include <linux/arp_failover.h>

#include "arpfo/ctrl.hpp"
#include "arpfo/requests.hpp"

namespace arpfo {
namespace {

std::string detail(int error, std::string_view extack)
{
	if (!extack.empty())
		return std::string(extack);
	return std::strerror(error);
}

} // namespace

NetlinkError::NetlinkError(std::string_view context, int error, std::string_view extack)
	: std::runtime_error(std::string(context) + ": " + detail(error, extack)),
	  error_(error), extack_(extack)
{
}

ModuleNotLoaded::ModuleNotLoaded() : std::runtime_error(module_not_loaded()) {}

std::string module_not_loaded()
{
	return "the arp_failover module is not loaded (no generic netlink family \"" ARPFO_GENL_NAME
	       "\"); load it with: modprobe arp_failover";
}

void check_module_version(const Family &family)
{
	if (family.version >= ARPFO_GENL_VERSION)
		return;
	throw IncompatibleModule("the loaded arp_failover module speaks version " +
				 std::to_string(family.version) +
				 " of the generic netlink family \"" ARPFO_GENL_NAME
				 "\", older than the version " +
				 std::to_string(ARPFO_GENL_VERSION) +
				 " this arpfo needs; load the arp_failover module that came with "
				 "this arpfo, or use the arpfo that came with the loaded module");
}

std::string describe_change(const AdapterChange &change)
{
	std::string out = "setting " + change.ifname;

	if (change.priority)
		out += " priority " + std::to_string(*change.priority);
	if (change.managed)
		out += std::string(" managed ") + (*change.managed ? "on" : "off");
	return out;
}

std::string set_failure(const AdapterChange &change, int error, std::string_view extack)
{
	const std::string out = describe_change(change) + ": ";

	if (error == EPERM || error == EACCES)
		return out + "changing adapters needs CAP_NET_ADMIN (run as root)";
	return out + detail(error, extack);
}

} // namespace arpfo
