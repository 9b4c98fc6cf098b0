// caizheng — the report model as JSON (Boost.JSON): the stable interchange for finance systems.
//
// Schema: docs/report-schema.md. Every struct of report.hpp becomes an object with its members
// by name (in declaration order), enums become their stable English names ("income",
// "wan_yuan"), optionals become null when empty, and every amount, score or percentage is an
// exact decimal STRING ("1227.61"), never a JSON number. Export then import gives an == report.
#pragma once

#include "caizheng/report.hpp"

#include <string>
#include <string_view>

namespace caizheng {

/// Identifies the document: {"format": report_json_format, "version": report_json_version, …}.
inline constexpr const char* report_json_format = "caizheng-report";
inline constexpr int report_json_version = 1;

/// The whole report as JSON text; `pretty` indents with two spaces.
[[nodiscard]] CAIZHENG_CXX_API std::string report_to_json(const report& r, bool pretty = false);

/// Read a report from JSON text. Throws parse_error for text that is not JSON, and
/// error(parse_error) listing every problem with its JSON path, e.g.
///   $.tables[1].kind: unknown table kind "incme"
///   $.tables[2].rows[0].cells: 5 cells, table has 6 columns
///   $.tables[2].rows[3].cells[1].value: bad amount "12,3x": …
///   $.tables[4].rows[7].code: malformed functional classification code "20103011"
/// Unknown members are errors (they usually are typos); missing members take their defaults.
[[nodiscard]] CAIZHENG_CXX_API report report_from_json(std::string_view json);

/// Read a JSON file (error(io_error) when unreadable).
[[nodiscard]] CAIZHENG_CXX_API report report_from_json_file(const std::string& path);

}  // namespace caizheng
