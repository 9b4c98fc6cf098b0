// caizheng — audit formulas (审核公式): user-defined checks over the nine 公开 tables.
//
// A formula is a comparison of two exact expressions over table cells, optionally for every
// row or every column of a table, with a tolerance:
//     T02[合计].c1 == sum(T02[leaf].c1) within tail
//     basic[301] == sum(basic[301*]) within tail
//     expenditure[all]: c1 == c2 + c3 + c4 + c5 + c6
//     income.c*: [合计] == sum([leaf]) within tail
// The grammar, the meaning of every selector, empty cells and tolerances are in
// docs/formulas.md. Formulas are parsed once (formula::parse) and evaluated many times against
// any data that implements formula_data (report_formula_data adapts a caizheng::report).
//
// Arithmetic is exact: values are fixed-point integers (4 places of the evaluation unit, the
// finest unit among the tables a formula reads); no binary floating point. Overflow or an
// inexact product makes the result cannot_evaluate, never a rounded number.
//
// Errors: formula::parse throws parse_error whose position() is the byte offset of the
// offending character and whose message names the 1-based character column ("expected ']'
// after row selector at character 12"). evaluate() never throws for data problems (they
// become outcomes); it throws only std::bad_alloc.
// Thread safety: a formula is immutable after parsing; evaluate() may run concurrently on
// the same formula. formula_data implementations must allow concurrent const calls.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/export.hpp"
#include "caizheng/money.hpp"
#include "caizheng/report.hpp"

#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caizheng {

namespace classification {
class catalog;
}

// ---- The data a formula reads -----------------------------------------------------------------

/// A table as formulas see it. `number`: the 公开 number the document prints (7 for
/// "公开07表"), 0 when none is printed.
struct formula_table_info {
    table_kind kind = table_kind::income_expenditure_total;
    std::int32_t number = 0;
    money_unit unit = money_unit::wan_yuan;
    std::size_t rows = 0;
    std::size_t columns = 0;
};

/// A column: meaning, 栏次 as printed (0 when none), label as printed, and the side of the
/// rows that use it (none = every row).
struct formula_column_info {
    column_id id = column_id::other;
    std::int32_t number = 0;
    std::string_view label;
    row_side side = row_side::none;
};

/// A row. `leaf`: no other row of the table has a code that extends this row's code (rows
/// without a code are leaves). Views stay valid as long as the data object.
struct formula_row_info {
    row_role role = row_role::item;
    row_side side = row_side::none;
    std::optional<std::int32_t> line_number;  ///< 行次
    std::string_view code;                    ///< classification code, digits only, or ""
    std::string_view name;                    ///< whitespace removed
    bool leaf = true;
    std::uint32_t source_line = 0;
};

/// A cell. value: exact, in the table's unit; nullopt = printed empty (not the same as 0).
struct formula_cell_info {
    std::optional<decimal> value;
    std::uint32_t source_line = 0;
};

/// Read-only tabular data. Tables, rows and columns are addressed by 0-based index; results
/// point at cells with the same indices. A cell (t, r, c) is only read when column c's side
/// is none or equals row r's side.
class CAIZHENG_CXX_API formula_data {
public:
    virtual ~formula_data();
    [[nodiscard]] virtual std::size_t table_count() const = 0;
    [[nodiscard]] virtual formula_table_info table(std::size_t t) const = 0;
    [[nodiscard]] virtual formula_column_info column(std::size_t t, std::size_t c) const = 0;
    [[nodiscard]] virtual formula_row_info row(std::size_t t, std::size_t r) const = 0;
    [[nodiscard]] virtual formula_cell_info cell(std::size_t t, std::size_t r, std::size_t c) const = 0;
};

/// formula_data over a caizheng::report (tables, rows and columns indexed as in the model:
/// table t is report.tables[t]). Keeps a reference: the report must outlive it and not change.
/// Construction precomputes each table's printed number and the leaf flags (sorting each
/// table's codes once).
///
/// `functional` (optional, a 支出功能分类 catalog): rows of tables 01 and 04 name their 类
/// without printing its code ("一、一般公共服务支出"); with a catalog, such an expenditure row
/// whose name (without its "一、") is the name of exactly one 类 gets that 类's code, so
/// formulas can roll 项 rows up to it (`summary[支出 & 类]: c2 == sum(income[@*].c1)`).
/// The catalog must outlive this object.
class CAIZHENG_CXX_API report_formula_data final : public formula_data {
public:
    explicit report_formula_data(const report& r, const classification::catalog* functional = nullptr);
    // Not copyable: the cached row infos view the derived codes this object owns (a move keeps
    // them where they are).
    report_formula_data(const report_formula_data&) = delete;
    report_formula_data& operator=(const report_formula_data&) = delete;
    report_formula_data(report_formula_data&&) noexcept = default;
    report_formula_data& operator=(report_formula_data&&) noexcept = default;
    [[nodiscard]] std::size_t table_count() const override;
    [[nodiscard]] formula_table_info table(std::size_t t) const override;
    [[nodiscard]] formula_column_info column(std::size_t t, std::size_t c) const override;
    [[nodiscard]] formula_row_info row(std::size_t t, std::size_t r) const override;
    [[nodiscard]] formula_cell_info cell(std::size_t t, std::size_t r, std::size_t c) const override;
    [[nodiscard]] const report& source() const noexcept { return *report_; }
    /// The cached info of table t / column c of table t (what table() / column() return),
    /// without a virtual call or a bounds check (t and c must be in range).
    [[nodiscard]] const formula_table_info& table_info(std::size_t t) const noexcept { return tables_[t]; }
    [[nodiscard]] const formula_column_info& column_info(std::size_t t, std::size_t c) const noexcept {
        return columns_[column_start_[t] + c];
    }
    /// The cached info of row r of table t (what row() returns), without a virtual call or copy.
    [[nodiscard]] const formula_row_info& row_info(std::size_t t, std::size_t r) const noexcept {
        return rows_[row_start_[t] + r];
    }
    /// Row r's name without a leading enumeration ("一、基本支出" → "基本支出"), computed once at
    /// construction (formulas match names with and without it); views the report.
    [[nodiscard]] std::string_view bare_name(std::size_t t, std::size_t r) const noexcept {
        return bare_names_[row_start_[t] + r];
    }
    /// Bit sets over table t's rows, built at construction (bit i % 64 of word i / 64 = row i;
    /// (rows + 63) / 64 words): the rows of role `r`, the rows of side `s`, the leaf item rows.
    /// r and s must be valid enumerators.
    [[nodiscard]] const std::uint64_t* role_rows(std::size_t t, row_role r) const noexcept {
        return mask(t, static_cast<std::size_t>(r));
    }
    [[nodiscard]] const std::uint64_t* side_rows(std::size_t t, row_side s) const noexcept {
        return mask(t, 5 + static_cast<std::size_t>(s));
    }
    [[nodiscard]] const std::uint64_t* leaf_item_rows(std::size_t t) const noexcept { return mask(t, 10); }
    /// The first 8 bytes of row r's name / bare name, zero-padded, as one little-endian word
    /// (a quick filter before comparing names).
    [[nodiscard]] std::uint64_t name_key(std::size_t t, std::size_t r) const noexcept {
        return name_keys_[row_start_[t] + r];
    }
    [[nodiscard]] std::uint64_t bare_key(std::size_t t, std::size_t r) const noexcept {
        return bare_keys_[row_start_[t] + r];
    }
    /// The same for row r's code (row_info(t, r).code).
    [[nodiscard]] std::uint64_t code_key(std::size_t t, std::size_t r) const noexcept {
        return code_keys_[row_start_[t] + r];
    }
    /// The rows of table t that have a code, as (code, row index) sorted by code then row: the
    /// rows of a code, or of every code below it, are one range (formula '@' and '@*').
    [[nodiscard]] const std::vector<std::pair<std::string_view, std::uint32_t>>& code_index(
        std::size_t t) const noexcept {
        return code_index_[t];
    }

private:
    static constexpr std::size_t masks_per_table = 11;  // 5 roles, 5 sides, leaf items
    [[nodiscard]] const std::uint64_t* mask(std::size_t t, std::size_t k) const noexcept {
        return masks_.data() + mask_start_[t] + k * ((tables_[t].rows + 63) / 64);
    }

    const report* report_;
    std::vector<std::string> codes_;  // per row of every table (row_start_): derived 类 codes ("" = as printed)
    // Built once at construction so that row() and table() are plain copies (evaluation reads
    // each row many times: one scan per row selector). Rows and columns of every table in one
    // vector each: table t's rows are [row_start_[t], row_start_[t + 1]).
    std::vector<formula_table_info> tables_;      // per table
    std::vector<std::size_t> row_start_;          // per table, and the total at the end
    std::vector<std::size_t> column_start_;       // per table, and the total at the end
    std::vector<formula_row_info> rows_;          // per row
    std::vector<std::string_view> bare_names_;    // per row
    std::vector<std::uint64_t> name_keys_;        // per row
    std::vector<std::uint64_t> bare_keys_;        // per row
    std::vector<std::uint64_t> code_keys_;        // per row
    std::vector<std::size_t> mask_start_;         // per table: its first word in masks_
    std::vector<std::uint64_t> masks_;            // per table: masks_per_table bit sets
    std::vector<formula_column_info> columns_;    // per column
    std::vector<std::vector<std::pair<std::string_view, std::uint32_t>>> code_index_;  // per table
};

/// The printed 公开 number in a table number text: "公开01表" → 1, "公开 09 表" → 9; 0 if none.
[[nodiscard]] CAIZHENG_CXX_API std::int32_t table_number_of(std::string_view printed) noexcept;

// ---- Results ------------------------------------------------------------------------------------

/// What evaluating a formula (for one row or column, or once) found. Values are stable.
enum class formula_outcome : int {
    holds = 0,            ///< the comparison holds exactly
    tail_difference = 1,  ///< fails exactly, holds within the 尾数误差 bound (within tail)
    tolerated = 2,        ///< fails exactly, holds within the stated absolute tolerance
    fails = 3,            ///< does not hold, even with the tolerance
    missing = 4,          ///< one side has no figure (empty cells, absent rows) and the other is not 0
    not_applicable = 5,   ///< the `when` condition does not hold
    cannot_evaluate = 6,  ///< a table is missing, a selector is ambiguous, arithmetic overflowed…
};
BOOST_DESCRIBE_ENUM(formula_outcome, holds, tail_difference, tolerated, fails, missing,
                    not_applicable, cannot_evaluate)

/// Why a side has no figure or the formula cannot be evaluated. Values are stable.
enum class formula_problem : int {
    none = 0,
    table_missing = 1,   ///< a table the formula reads is not in the data
    row_missing = 2,     ///< a single-row reference matched no row
    cell_empty = 3,      ///< a referenced cell is printed empty
    ambiguous = 4,       ///< a single-cell reference matched several rows or columns
    column_missing = 5,  ///< no such column, or the column is not used by the row's side
    arithmetic = 6,      ///< overflow, or a product that is not exact at 4 places
    condition = 7,       ///< the `when` condition does not hold (not_applicable)
};
BOOST_DESCRIBE_ENUM(formula_problem, none, table_missing, row_missing, cell_empty, ambiguous,
                    column_missing, arithmetic, condition)

/// Where a cell read by a formula sits in the compared expression.
enum class formula_operand : int { left = 0, right = 1, condition = 2 };
BOOST_DESCRIBE_ENUM(formula_operand, left, right, condition)

/// A cell the evaluation read (indices into formula_data). empty: printed empty.
struct formula_cell_ref {
    std::uint32_t table = 0;
    std::uint32_t row = 0;
    std::uint32_t column = 0;
    formula_operand operand = formula_operand::left;
    bool empty = false;
    friend bool operator==(const formula_cell_ref&, const formula_cell_ref&) = default;
};

/// The result for one evaluation item: the whole formula, or one row (row-wise formula), or
/// one column (column-wise formula). Amounts are exact decimals in `unit`, with 2 places when
/// exact at 2 places, else 4.
struct formula_result {
    formula_outcome outcome = formula_outcome::holds;
    formula_problem problem = formula_problem::none;
    /// The item: scope table index, and the row (row-wise) or column (column-wise) index.
    std::optional<std::size_t> table, row, column;
    std::optional<decimal> left, right;  ///< nullopt: that side has no figure (empty/absent)
    decimal difference;                  ///< left − right, empty sides counted as 0
    decimal bound;                       ///< tolerance applied (tail bound or absolute), 0 if none
    std::size_t parts = 0;               ///< non-zero rounded figures on both sides (within tail)
    money_unit unit = money_unit::wan_yuan;
    std::vector<formula_cell_ref> cells;  ///< every cell read, in reading order
    /// For missing/cannot_evaluate: the table (kind) and row key ("2210201", "#10", a name)
    /// the problem is about, when known.
    std::optional<table_kind> problem_table;
    std::string problem_key;
    std::string message;  ///< English explanation when outcome is missing/not_applicable/cannot_evaluate
};

/// Stable English name of an outcome ("tail_difference").
[[nodiscard]] CAIZHENG_CXX_API const char* formula_outcome_name(formula_outcome o) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* formula_problem_name(formula_problem p) noexcept;

// ---- Formulas -----------------------------------------------------------------------------------

namespace detail {
struct formula_program;
}

/// How a formula iterates. Values are stable.
enum class formula_scope : int { once = 0, rows = 1, columns = 2 };
BOOST_DESCRIBE_ENUM(formula_scope, once, rows, columns)

/// Tolerance clause. Values are stable.
enum class formula_tolerance : int { none = 0, absolute = 1, tail = 2 };
BOOST_DESCRIBE_ENUM(formula_tolerance, none, absolute, tail)

/// A parsed formula. Cheap to copy (shares the immutable parsed program).
class CAIZHENG_CXX_API formula {
public:
    /// Parse; throws parse_error (position = byte offset; message with the character column).
    [[nodiscard]] static formula parse(std::string_view text);

    [[nodiscard]] const std::string& text() const noexcept;
    [[nodiscard]] formula_scope scope() const noexcept;
    [[nodiscard]] formula_tolerance tolerance() const noexcept;

    /// Evaluate: one result (scope once), one per matching row or column. A missing scope
    /// table gives one cannot_evaluate result.
    [[nodiscard]] std::vector<formula_result> evaluate(const formula_data& data) const;
    /// Same, into `out` (resized; its elements' buffers are reused: no allocation in steady
    /// state when nothing fails).
    void evaluate(const formula_data& data, std::vector<formula_result>& out) const;

private:
    std::shared_ptr<const detail::formula_program> program_;
};

/// Check a formula's syntax: nullopt when it parses, else the parse_error (message, position).
[[nodiscard]] CAIZHENG_CXX_API std::optional<parse_error> check_formula(std::string_view text);

// ---- Named rules ----------------------------------------------------------------------------------

/// Severity of a rule's finding when its formula fails. Values are stable.
enum class formula_severity : int { error = 0, warning = 1 };
BOOST_DESCRIBE_ENUM(formula_severity, error, warning)

/// A named rule: id ("income.total_row"), severity, descriptions, the formula, and the 1-based
/// line of its `id:` in the rules text.
struct formula_rule {
    std::string id;
    formula_severity severity = formula_severity::error;
    std::string description_zh;
    std::string description_en;
    formula check;
    std::uint32_t line = 0;
};

/// Parse a rules text (format in docs/formulas.md: blocks of `key: value` lines — id,
/// severity, zh, en, formula — separated by blank lines, `#` comments). Throws parse_error
/// whose position is the byte offset in `text` and whose message names the line and column.
[[nodiscard]] CAIZHENG_CXX_API std::vector<formula_rule> parse_formula_rules(std::string_view text);

/// The text of data/rules/builtin.formulas, embedded at build time.
[[nodiscard]] CAIZHENG_CXX_API std::string_view builtin_formula_rules_text() noexcept;
/// The built-in rules, parsed once (thread-safe).
[[nodiscard]] CAIZHENG_CXX_API const std::vector<formula_rule>& builtin_formula_rules();

}  // namespace caizheng
