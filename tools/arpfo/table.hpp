// SPDX-License-Identifier: GPL-2.0-only
// Aligned text tables with a header line, in the manner of ipmpstat(8):
// columns two spaces apart, padding computed on the text without colour.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "arpfo/color.hpp"

namespace arpfo {

struct Column {
	std::string_view title;
	bool right = false; // right-aligned (numbers)
};

struct Cell {
	std::string text;
	Paint paint = Paint::None;
};

using Row = std::vector<Cell>;

// Control characters in cells are shown as '?'; widths count UTF-8
// characters. No trailing blanks.
std::string render_table(std::span<const Column> columns, std::span<const Row> rows,
			 bool color);

} // namespace arpfo
