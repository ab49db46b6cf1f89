// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/generator.hpp"

#include <stdexcept>
#include <string>

#include "fuzz/cases.hpp"

namespace arpfo::fuzz {

Generator::Generator(std::uint64_t seed, FuzzContext ctx) : seed_(seed), ctx_(std::move(ctx))
{
	if (ctx_.max_frame_len < kMinFrameLen || ctx_.max_frame_len > kMaxFrameLen)
		throw std::invalid_argument("maximum frame length " +
					    std::to_string(ctx_.max_frame_len) +
					    " outside 60.." + std::to_string(kMaxFrameLen) +
					    " (is the MTU below 46?)");
	for (const auto *frames : {&ctx_.replay, &ctx_.replay_live}) {
		const bool live = frames == &ctx_.replay_live;
		const std::size_t min = live ? kLiveOffset + kLiveLen : kTagOffset + kTagLen;
		for (std::size_t i = 0; i < frames->size(); i++) {
			const std::size_t len = (*frames)[i].size();
			if (len < min || len > ctx_.max_frame_len)
				throw std::invalid_argument(
					std::string(live ? "liveness replay" : "replay") + " frame " +
					std::to_string(i + 1) + " has " + std::to_string(len) +
					" bytes, not " + std::to_string(min) + ".." +
					std::to_string(ctx_.max_frame_len));
		}
	}
	for (Category c : kAllCategories)
		if ((c != Category::ReplayedProbe || !ctx_.replay.empty()) &&
		    (c != Category::ReplayedLive || !ctx_.replay_live.empty()))
			cats_.push_back(c);
}

Category Generator::category_of(std::uint64_t index) const
{
	return cats_[index % cats_.size()];
}

void Generator::generate(std::uint64_t index, Frame &out) const
{
	using namespace detail;
	Rng rng(seed_, index);
	const CaseInput in{ctx_, rng, index / cats_.size()};
	const Category c = category_of(index);

	switch (c) {
	case Category::Valid:
		make_valid(in, out);
		break;
	case Category::BadFormat:
		make_bad_format(in, out);
		break;
	case Category::Truncated:
		make_truncated(in, out);
		break;
	case Category::Oversized:
		make_oversized(in, out);
		break;
	case Category::BadOpcode:
		make_bad_opcode(in, out);
		break;
	case Category::OurIdentity:
		make_our_identity(in, out);
		break;
	case Category::ForgedProbe:
		make_forged_probe(in, out);
		break;
	case Category::ReplayedProbe:
		make_replayed_probe(in, out);
		break;
	case Category::OddMac:
		make_odd_mac(in, out);
		break;
	case Category::RandomPayload:
		make_random_payload(in, out);
		break;
	case Category::ForgedLive:
		make_forged_live(in, out);
		break;
	case Category::ReplayedLive:
		make_replayed_live(in, out);
		break;
	case Category::NdValid:
		make_nd_valid(in, out);
		break;
	case Category::NdBadHeader:
		make_nd_bad_header(in, out);
		break;
	case Category::NdBadOptions:
		make_nd_bad_options(in, out);
		break;
	case Category::NdSpoof:
		make_nd_spoof(in, out);
		break;
	}
	out.category = c;
}

} // namespace arpfo::fuzz
