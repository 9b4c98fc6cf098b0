// Internal: what the rule families of the reconciliation engine share. Not installed.
#pragma once

#include "caizheng/classification.hpp"
#include "caizheng/formula.hpp"
#include "caizheng/reconcile.hpp"

#include "../common/text.hpp"

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace caizheng::reconcile_detail {

/// What the cause analysis needs to know about a finding besides the finding itself.
struct finding_meta {
    std::int32_t table = -1;   ///< index into report.tables of the primary cell (or scope)
    std::int32_t row = -1;     ///< row index of the primary cell (or scope row)
    std::int32_t column = -1;  ///< column index of the primary cell (or scope column)
    std::int32_t scope_table = -1, scope_row = -1, scope_column = -1;  ///< formula item
    formula_outcome outcome = formula_outcome::fails;
    formula_problem problem = formula_problem::none;
    std::optional<table_kind> problem_table;
    std::string problem_key;
    std::optional<decimal> left, right;
};

/// The state of one reconciliation run.
struct context {
    const report& r;
    const reconcile_options& options;
    std::vector<finding> findings;
    std::vector<std::int32_t> cause;
    std::vector<finding_meta> meta;
    std::size_t rules = 0;
    std::optional<classification::catalog> functional;  ///< for the report's year (or nearest)
    std::optional<classification::catalog> economic;    ///< 部门预算支出经济分类
    std::int32_t catalog_year = 0;

    context(const report& rep, const reconcile_options& opt) : r(rep), options(opt) {}
    [[nodiscard]] bool disabled(std::string_view id) const;
    std::size_t add(finding&& f, finding_meta m = {});
};

// ---- Locations and text ------------------------------------------------------------------------

/// "02" from "公开02表"; the kind's standard title when no number is printed.
std::string short_name(const report_table& t);
/// "公开02表" as printed, else the standard title.
std::string long_name(const report_table& t);
/// Location of a cell (col given) or a row (no col) of report.tables[t].
finding_location cell_location(const report& r, std::size_t t, std::size_t row,
                               std::optional<std::size_t> col);
/// out.push_back(cell_location(r, t, row, col)), built in place.
void add_cell_location(std::vector<finding_location>& out, const report& r, std::size_t t, std::size_t row,
                       std::optional<std::size_t> col);
/// "02 合计 col 1 本年收入合计" / "公开02表 合计 第1栏（本年收入合计）".
std::string describe_en(const report& r, std::size_t t, std::size_t row, std::optional<std::size_t> col);
std::string describe_zh(const report& r, std::size_t t, std::size_t row, std::optional<std::size_t> col);
/// Exact decimal as printed with its places ("17.30").
std::string num(const decimal& d);

using detail::append_pieces;
using detail::int_text;
using detail::small_text;
/// num(d) without allocating.
inline small_text num_text(const decimal& d) noexcept { return detail::fixed_text(d.mantissa(), d.scale()); }
/// The appending forms: the same texts as short_name, long_name, describe_en and describe_zh,
/// appended to out (no temporaries).
void append_short_name(std::string& out, const report_table& t);
void append_long_name(std::string& out, const report_table& t);
void append_describe_en(std::string& out, const report& r, std::size_t t, std::size_t row,
                        std::optional<std::size_t> col);
void append_describe_zh(std::string& out, const report& r, std::size_t t, std::size_t row,
                        std::optional<std::size_t> col);
/// Index of a table kind in report.tables, or −1.
std::int32_t table_index(const report& r, table_kind k);

// ---- Severity labels ------------------------------------------------------------------------------

/// Every label of a severity that the outputs print, in one table (render_text, render_html and
/// the formula findings' messages use it; the enumerator's own name is its Boost.Describe name).
struct severity_labels {
    const char* tag;       ///< short tag: text "[tail]", HTML CSS class "tail"
    const char* word_zh;   ///< in messages: "不是尾数误差，是错误"
    const char* title_zh;  ///< text section heading
    const char* title_en;
    const char* badge;     ///< HTML badge "错误 error"
    const char* ansi;      ///< text colour
};
/// The labels of s (indexed by its stable value; every Describe enumerator has one entry).
const severity_labels& labels_of(severity s) noexcept;

// ---- Families ----------------------------------------------------------------------------------

/// Evaluate formula rules and turn their outcomes into findings. `family` for user rules;
/// built-in rules get table or cross_table by their id.
void run_formula_rules(context& c, const formula_data& data, const std::vector<formula_rule>& rules,
                       bool user);
/// table or cross_table for a built-in formula rule id.
rule_family formula_rule_family(std::string_view id);
/// Codes and names against the catalog (rules codes.*).
void run_codes(context& c);
/// Missing tables, import warnings, 本表无数据 statements (rules document.*).
void run_document(context& c);
/// Link consequences to root causes; may add cross.missing_row findings.
void link_causes(context& c, const report_formula_data& data);
/// Link consequences among the narrative and 绩效 findings (N.annex.project → P.basic.project).
void link_family_causes(context& c);
/// The C++ rules of the catalog (codes, document, cause analysis).
const std::vector<rule_info>& cxx_rules();

/// Output being written (render_text, render_html): a string with stream-like appends. An
/// std::ostringstream cost most of a render: a call and a sentry per insertion, the buffer grown
/// by copying, and a final copy in str(). Integers as std::to_chars writes them.
struct text_out {
    std::string s;
    text_out& operator<<(std::string_view v) {
        s.append(v);
        return *this;
    }
    text_out& operator<<(const char* v) {
        s.append(v);
        return *this;
    }
    text_out& operator<<(char c) {
        s.push_back(c);
        return *this;
    }
    template <std::integral T>
        requires(!std::is_same_v<T, char> && !std::is_same_v<T, bool>)
    text_out& operator<<(T v) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        s.append(buf, r.ptr);
        return *this;
    }
};

}  // namespace caizheng::reconcile_detail
