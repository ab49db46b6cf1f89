// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/category.hpp"

namespace arpfo::fuzz {

std::string_view category_name(Category c)
{
	switch (c) {
	case Category::Valid:
		return "valid";
	case Category::BadFormat:
		return "bad_format";
	case Category::Truncated:
		return "truncated";
	case Category::Oversized:
		return "oversized";
	case Category::BadOpcode:
		return "bad_opcode";
	case Category::OurIdentity:
		return "our_identity";
	case Category::ForgedProbe:
		return "forged_probe";
	case Category::ReplayedProbe:
		return "replayed_probe";
	case Category::OddMac:
		return "odd_mac";
	case Category::RandomPayload:
		return "random_payload";
	case Category::ForgedLive:
		return "forged_live";
	case Category::ReplayedLive:
		return "replayed_live";
	case Category::NdValid:
		return "nd_valid";
	case Category::NdBadHeader:
		return "nd_bad_header";
	case Category::NdBadOptions:
		return "nd_bad_options";
	case Category::NdSpoof:
		return "nd_spoof";
	}
	return "unknown";
}

} // namespace arpfo::fuzz
