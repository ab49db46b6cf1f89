// SPDX-License-Identifier: GPL-2.0-only
#include "arpfo/table.hpp"

#include <algorithm>

namespace arpfo {
namespace {

std::string printable(std::string_view s)
{
	std::string out(s);

	for (char &c : out)
		if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
			c = '?';
	return out;
}

std::size_t width(std::string_view s)
{
	return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
		return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
	}));
}

} // namespace

std::string render_table(std::span<const Column> columns, std::span<const Row> rows,
			 bool color)
{
	std::vector<std::size_t> widths;
	std::vector<Row> shown;

	for (const auto &c : columns)
		widths.push_back(width(c.title));
	for (const auto &row : rows) {
		Row r;
		for (std::size_t i = 0; i < columns.size(); i++) {
			Cell cell = i < row.size() ? row[i] : Cell{};
			cell.text = printable(cell.text);
			widths[i] = std::max(widths[i], width(cell.text));
			r.push_back(std::move(cell));
		}
		shown.push_back(std::move(r));
	}

	const auto line = [&](const Row &r) {
		std::string out;
		for (std::size_t i = 0; i < columns.size(); i++) {
			const std::string pad(widths[i] - width(r[i].text), ' ');
			const bool last = i + 1 == columns.size();
			if (i > 0)
				out += "  ";
			if (columns[i].right)
				out += pad;
			out += paint(r[i].text, r[i].paint, color);
			if (!columns[i].right && !last)
				out += pad;
		}
		return out + "\n";
	};

	Row header;
	for (const auto &c : columns)
		header.push_back({std::string(c.title), Paint::None});
	std::string out = line(header);
	for (const auto &r : shown)
		out += line(r);
	return out;
}

} // namespace arpfo
