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

// Empty when @frame is a probe or liveness frame we can replay, else why
// not.
std::string check_probe(const std::vector<std::uint8_t> &frame)
{
	const std::size_t min = kTagOffset + kTagLen;

	if (frame.size() < min)
		return std::to_string(frame.size()) + " bytes, a probe frame has at least " +
		       std::to_string(min) + " (Ethernet 14, ARP 28, tag " +
		       std::to_string(kTagLen) + ")";
	if (frame.size() > kMaxFrameLen)
		return std::to_string(frame.size()) + " bytes, more than " +
		       std::to_string(kMaxFrameLen);
	const unsigned int type = frame[12] << 8 | frame[13];
	if (type != kEthPArp)
		return "EtherType " + hex16(type) + ", not ARP (0x0806)";
	const unsigned int magic = frame[kTagOffset] << 8 | frame[kTagOffset + 1];
	if (magic != kProbeMagic && magic != kLiveMagic)
		return "no probe tag at byte " + std::to_string(kTagOffset) + " (" + hex16(magic) +
		       ", not " + hex16(kProbeMagic) + " or " + hex16(kLiveMagic) + ")";
	return {};
}

bool is_live(const std::vector<std::uint8_t> &frame)
{
	return (frame[kTagOffset] << 8 | frame[kTagOffset + 1]) == kLiveMagic;
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
		if (auto why = check_probe(frame); !why.empty())
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
		(is_live(frame) ? sets.lives : sets.probes).push_back(std::move(frame));
	return sets;
}

} // namespace arpfo::fuzz
