// caizheng — building a report from the text of a published 部门决算公开.
//
// Understands tab-separated text (cells between tabs, as the Hunan fixture) and
// `pdftotext -layout` text (columns aligned with spaces, as the Shanghai fixtures); see
// docs/import.md for exactly what each recovers. Tables are found by their title, never by
// their number. Nothing is dropped silently: a line that cannot be placed becomes an
// import_warning with its line number and text; each missing table is a warning of kind
// missing_table; the report keeps everything else it could read.
//
// Robustness: any byte sequence is accepted. Invalid UTF-8 and control bytes are replaced
// (warning), over-long lines are cut (warning), warnings beyond a cap are summarized. Only
// input larger than options.max_bytes is refused (error(invalid_argument)). Time and memory
// are linear in the input.
#pragma once

#include "caizheng/report.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace caizheng {

/// How the importer reads cell boundaries.
enum class text_layout : int {
    automatic = 0,  ///< tab-separated when table lines contain tabs, else space-aligned
    tabs = 1,       ///< cells separated by tabs (empty cells between consecutive tabs)
    spaces = 2,     ///< pdftotext -layout: cells separated by runs of two or more spaces
};
BOOST_DESCRIBE_ENUM(text_layout, automatic, tabs, spaces)

struct text_import_options {
    text_layout layout = text_layout::automatic;
    std::size_t max_bytes = std::size_t{64} << 20;  ///< larger input: error(invalid_argument)
    std::size_t max_line_bytes = std::size_t{64} << 10;  ///< longer lines are cut (warning limit)
    std::size_t max_warnings = 10000;  ///< further warnings are counted in one last warning
};

/// Import a report from document text (UTF-8). Never throws for content; throws
/// error(invalid_argument) only when text.size() > options.max_bytes.
[[nodiscard]] CAIZHENG_CXX_API report import_text(std::string_view text,
                                                  const text_import_options& options = {});

/// Read a file and import it (error(io_error) when unreadable, invalid_argument when larger
/// than options.max_bytes — checked before reading).
[[nodiscard]] CAIZHENG_CXX_API report import_text_file(const std::string& path,
                                                       const text_import_options& options = {});

}  // namespace caizheng
