// Internal: reading the rows of one table from `pdftotext -layout` text (space-aligned
// columns). See docs/import.md for what is and is not recovered. Not installed.
#pragma once

#include "caizheng/report.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng::import_detail {

struct layout_line {
    std::string_view text;
    std::uint32_t no = 0;
};

using warn_fn = std::function<void(warning_kind, std::uint32_t, std::string_view, std::string)>;

/// Fill t.columns and t.rows from the table's body lines (title, unit, notes already taken
/// out). Lines that cannot be placed are reported through `warn`.
void read_layout_table(report_table& t, const std::vector<layout_line>& lines, const warn_fn& warn);

}  // namespace caizheng::import_detail
