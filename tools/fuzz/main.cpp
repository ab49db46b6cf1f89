// SPDX-License-Identifier: GPL-2.0-only
// arpfo-fuzz: send a reproducible stream of malformed, hostile and
// valid-looking ARP and ICMPv6 Neighbor Discovery frames on an interface,
// as fast as it takes them.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <vector>

#include "fuzz/generator.hpp"
#include "fuzz/link_stats.hpp"
#include "fuzz/options.hpp"
#include "fuzz/replay_file.hpp"
#include "fuzz/runner.hpp"
#include "fuzz/summary.hpp"
#include "probe/link_socket.hpp"

namespace {

using namespace arpfo::fuzz;

// A setup problem: reported with exit status 2.
struct SetupError : std::runtime_error {
	using std::runtime_error::runtime_error;
};

ReplayFrames load_replay(const std::string &path)
{
	std::ifstream in(path);
	if (!in)
		throw SetupError(path + ": " + std::strerror(errno));
	std::ostringstream text;
	text << in.rdbuf();
	if (in.bad())
		throw SetupError(path + ": read error");

	auto parsed = parse_replay(text.str());
	if (const auto *err = std::get_if<ReplayError>(&parsed))
		throw SetupError(path + ": " + err->message);
	return std::get<ReplayFrames>(std::move(parsed));
}

std::string failure_message(const FuzzOptions &o, const RunLimits &limits, const RunStats &st)
{
	return o.iface + ": cannot send frame " + std::to_string(st.failed_index) + " (" +
	       std::string(category_name(st.failed_category)) + "/" +
	       std::string(st.failed_variant) + ", " + std::to_string(st.failed_len) +
	       " bytes): " + std::strerror(st.error) +
	       (is_transient(st.error) ? " (no frame accepted for " +
						 std::to_string(limits.give_up.count()) + " ms)"
				       : "");
}

int run(const FuzzOptions &o)
{
	FuzzContext ctx;
	ctx.host_macs = o.target_macs;
	ctx.host_ips = o.target_ips;
	ctx.unrelated_ip = o.unrelated_ip;
	ctx.host_ip6s = o.target_ip6s;
	ctx.unrelated_ip6 = o.unrelated_ip6;
	if (!o.replay_path.empty()) {
		auto sets = split_replay(load_replay(o.replay_path));
		ctx.replay = std::move(sets.probes);
		ctx.replay_live = std::move(sets.lives);
	}

	arpfo::LinkSocket sock(o.iface, arpfo::LinkSocket::Listen::Nothing);
	ctx.client_mac = sock.mac();
	ctx.max_frame_len = std::min<std::size_t>(kMaxFrameLen, sock.mtu() + arpfo::kEthHeaderLen);

	std::random_device rd;
	const std::uint64_t seed = o.seed ? *o.seed : std::uint64_t{rd()} << 32 | rd();
	std::optional<Generator> gen;
	try {
		gen.emplace(seed, std::move(ctx));
	} catch (const std::invalid_argument &e) {
		throw SetupError(o.iface + ": " + e.what());
	}

	const BatchSend send = [&sock](std::span<const std::span<const std::uint8_t>> frames) {
		const auto r = sock.send_batch(frames);
		return SendResult{r.sent, r.error};
	};
	const Progress progress = [&o](const RunStats &st) {
		std::fputs(render_progress(st, o.count).c_str(), stderr);
	};
	RunLimits limits;
	limits.count = o.count;
	limits.rate = o.rate;

	const auto dropped_before = tx_dropped(o.iface);
	FuzzReport report{o.iface, seed, o.count, run_fuzz(*gen, send, limits, progress), {}, {}};
	const auto dropped_after = tx_dropped(o.iface);
	if (dropped_before && dropped_after)
		report.link_dropped = static_cast<std::uint32_t>(*dropped_after - *dropped_before);
	if (report.run.error)
		report.error = failure_message(o, limits, report.run);

	const std::string out = o.json ? render_json(report) : render_text(report);
	std::fputs(out.c_str(), stdout);
	if (!report.error.empty())
		std::fprintf(stderr, "arpfo-fuzz: %s\n", report.error.c_str());
	return exit_code(report);
}

} // namespace

int main(int argc, char **argv)
{
	const std::vector<std::string_view> args(argv + 1, argv + argc);
	const auto parsed = parse_fuzz_options(args);

	if (const auto *err = std::get_if<UsageError>(&parsed)) {
		std::fprintf(stderr, "arpfo-fuzz: %s\n%s", err->message.c_str(),
			     fuzz_usage().data());
		return 2;
	}
	try {
		return run(std::get<FuzzOptions>(parsed));
	} catch (const SetupError &e) {
		std::fprintf(stderr, "arpfo-fuzz: %s\n", e.what());
		return 2;
	} catch (const std::system_error &e) {
		std::fprintf(stderr, "arpfo-fuzz: %s\n", e.what());
		return 2;
	}
}
