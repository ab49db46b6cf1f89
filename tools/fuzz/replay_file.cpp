// SPDX-License-Identifier: GPL-2.0-only
#include "fuzz/replay_file.hpp"

#include <cstdio>

#include "fuzz/frame.hpp"

namespace arpfo::fuzz {
namespace {

int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

std::string hex16(unsigned int v)
{
	char buf[8];

	std::snprintf(buf, sizeof(buf), "0x%04x", v);
	return buf;
}

// Empty when @frame is a probe we can replay, else why not.
std::string check_probe(const std::vector<std::uint8_t> &frame)
{
	const std::size_t min = kTagOffset + kTagLen;

	if (frame.size() < min)
		return std::to_string(frame.size()) + " bytes, a probe frame has at least " +
		       std::to_string(min) + " (Ethernet 14, ARP 28, tag " +
		       std::to_string(kTagLen) + ")";
	const unsigned int magic = frame[kTagOffset] << 8 | frame[kTagOffset + 1];
	if (magic != kProbeMagic)
		return "no probe tag at byte " + std::to_string(kTagOffset) + " (" + hex16(magic) +
		       ", not " + hex16(kProbeMagic) + ")";
	return {};
}

// Empty when @frame is a liveness frame we can replay, else why not.
std::string check_live(const std::vector<std::uint8_t> &frame)
{
	const std::size_t min = kLiveOffset + kLiveLen;

	if (frame.size() < min)
		return std::to_string(frame.size()) + " bytes, a liveness frame has at least " +
		       std::to_string(min) + " (Ethernet 14, then " + std::to_string(kLiveLen) + ")";
	const unsigned int magic = frame[kLiveOffset] << 8 | frame[kLiveOffset + 1];
	if (magic != kLiveMagic)
		return "no liveness tag at byte " + std::to_string(kLiveOffset) + " (" +
		       hex16(magic) + ", not " + hex16(kLiveMagic) + ")";
	return {};
}

unsigned int ethertype(const std::vector<std::uint8_t> &frame)
{
	return frame.size() < kEthHeaderLen ? 0 : frame[12] << 8 | frame[13];
}

// Empty when @frame is a probe or a liveness frame we can replay, else
// why not.
std::string check_frame(const std::vector<std::uint8_t> &frame)
{
	if (frame.size() > kMaxFrameLen)
		return std::to_string(frame.size()) + " bytes, more than " +
		       std::to_string(kMaxFrameLen);
	if (frame.size() < kEthHeaderLen)
		return std::to_string(frame.size()) + " bytes, not even an Ethernet header";
	const unsigned int type = ethertype(frame);
	if (type == kEthPArp)
		return check_probe(frame);
	if (type == kEthPLive)
		return check_live(frame);
	return "EtherType " + hex16(type) + ", neither ARP (0x0806) nor a liveness frame's (" +
	       hex16(kEthPLive) + ")";
}

} // namespace

ReplayResult parse_replay(std::string_view text)
{
	ReplayFrames frames;
	std::size_t line_no = 0;

	while (!text.empty()) {
		const std::size_t eol = text.find('\n');
		std::string_view line = text.substr(0, eol);
		text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
		line_no++;
		line = line.substr(0, line.find('#'));

		std::vector<std::uint8_t> frame;
		int high = -1;
		for (char c : line) {
			if (c == ' ' || c == '\t' || c == '\r' || c == ':')
				continue;
			const int v = hex_value(c);
			if (v < 0)
				return ReplayError{"line " + std::to_string(line_no) + ": '" +
						   std::string(1, c) + "' is not a hex digit"};
			if (high < 0) {
				high = v;
			} else {
				frame.push_back(static_cast<std::uint8_t>(high << 4 | v));
				high = -1;
			}
		}
		if (high >= 0)
			return ReplayError{"line " + std::to_string(line_no) +
					   ": odd number of hex digits"};
		if (frame.empty())
			continue;
		if (auto why = check_frame(frame); !why.empty())
			return ReplayError{"line " + std::to_string(line_no) + ": " + why};
		frames.push_back(std::move(frame));
	}
	if (frames.empty())
		return ReplayError{"no frames (one hex frame per line expected)"};
	return frames;
}

ReplaySets split_replay(ReplayFrames frames)
{
	ReplaySets sets;

	for (auto &frame : frames)
		(ethertype(frame) == kEthPLive ? sets.lives : sets.probes)
			.push_back(std::move(frame));
	return sets;
}

} // namespace arpfo::fuzz
