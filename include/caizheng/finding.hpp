// caizheng — a finding: one thing in a report that does not add up, or could not be checked.
//
// Every check (table identities, cross-table links, codes, narrative claims, 绩效 scoring)
// reports in this one format, so one renderer (text, JSON, HTML) serves them all. A finding
// names the rule, where it is (table/row/column/source line, or narrative section, or project),
// what was expected and found, the difference, and — for sums of rounded parts — the
// tail-difference bound that decided between tail_difference and error.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/report.hpp"

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <optional>
#include <string>
#include <vector>

namespace caizheng {

/// How serious a finding is. Values are stable (C API: CZ_SEVERITY_*).
enum class severity : int {
    error = 0,            ///< a real error: figures that must agree do not
    warning = 1,          ///< suspicious, or a soft link that usually holds; a person should look
    tail_difference = 2,  ///< 尾数误差: a gap within the rounding bound of the parts summed
    unchecked = 3,        ///< something that could not be checked (unreadable sentence, …)
    info = 4,             ///< a note (e.g. which scoring policy reproduces a published score)
};
BOOST_DESCRIBE_ENUM(severity, error, warning, tail_difference, unchecked, info)

/// One place a finding points at. Fill what applies:
/// - a table cell: table (+ table_number as printed), row (code, or 行次 as "#10", or the row
///   name for unnamed rows), column (栏次 number and label), source;
/// - a narrative sentence: section (numeral as printed, "五"), text (the sentence), source;
/// - a 绩效 table: project (项目支出名称), row (indicator or funding label), column, source.
struct finding_location {
    std::optional<table_kind> table;
    std::string table_number;  ///< "公开02表" as printed, "" if none
    std::string row;           ///< code ("2210201"), "#10" for 行次, or a name ("合计")
    std::string row_name;      ///< the row's name as in the table ("住房公积金")
    std::int32_t column = 0;   ///< 栏次, 0 if none
    std::string column_label;  ///< "本年收入合计"
    std::string section;       ///< narrative section numeral ("九") or annex part
    std::string project;       ///< 绩效 project name
    std::string text;          ///< the sentence or cell text concerned
    source_location source;
    friend bool operator==(const finding_location&, const finding_location&) = default;
};
BOOST_DESCRIBE_STRUCT(finding_location, (), (table, table_number, row, row_name, column,
                                             column_label, section, project, text, source))

/// A finding. expected/found/difference are exact decimals in `unit` ("万元", "元", "%",
/// "分" for scores, "" for counts); difference = found − expected. bound: the largest gap a
/// tail difference can explain (⌊n/2⌋ hundredths for n rounded parts), when that rule applied.
struct finding {
    std::string rule;  ///< rule id, e.g. "T02.rows_sum" (see docs/rules.md)
    caizheng::severity severity = caizheng::severity::error;
    std::vector<finding_location> locations;  ///< the first is the primary place
    std::optional<decimal> expected;
    std::optional<decimal> found;
    std::optional<decimal> difference;
    std::optional<decimal> bound;
    std::string unit;
    std::string message_zh;  ///< explanation in Chinese
    std::string message_en;  ///< explanation in English
    friend bool operator==(const finding&, const finding&) = default;
};
BOOST_DESCRIBE_STRUCT(finding, (), (rule, severity, locations, expected, found, difference, bound,
                                    unit, message_zh, message_en))

}  // namespace caizheng
