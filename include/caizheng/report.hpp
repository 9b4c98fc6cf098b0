// caizheng — the report model: one 部门决算公开 as data.
//
// A report holds its metadata, the nine 公开 tables (identified by meaning, table_kind, never by
// the number a province prints), the narrative (情况说明) as ordered sections, the 绩效 annex
// (基础数据表 and 项目支出绩效自评表), other prose parts, and the warnings of the import that
// built it. Every value remembers where it came from (source_location), so a finding can point
// at the table, row, column and source line (or PDF page and box).
//
// Money: table cells hold exact decimals in the table's unit (report_table::unit, 万元 or 元),
// normalized to two places; an empty cell (printed blank, "-", "—") is std::nullopt, distinct
// from 0.00. The printed text of every cell is kept as well. No binary floating point.
//
// All types are plain aggregates described with Boost.Describe (names, JSON: see
// report_json.hpp) and compare with ==; a JSON round trip gives an == model.
// Stability: fields and enumerators are only ever added, never renamed or renumbered.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/export.hpp"
#include "caizheng/money.hpp"

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng {

// ---- Identification -------------------------------------------------------------------------

/// The nine standard disclosure tables, by meaning. Values are stable (C API: CZ_TABLE_*).
enum class table_kind : int {
    income_expenditure_total = 0,    ///< 收入支出决算总表 (部门收支决算总表), Hunan 01
    income = 1,                      ///< 收入决算表, 02
    expenditure = 2,                 ///< 支出决算表, 03
    fiscal_total = 3,                ///< 财政拨款收入支出决算总表, 04
    general_budget_expenditure = 4,  ///< 一般公共预算财政拨款支出决算表, 05
    basic_expenditure_detail = 5,    ///< 一般公共预算财政拨款基本支出决算(明细)表, 06
    government_fund = 6,             ///< 政府性基金预算财政拨款收入支出决算表 (Hunan 07, Shanghai 08)
    state_capital = 7,               ///< 国有资本经营预算财政拨款(收入)支出决算表 (Hunan 08, Shanghai 09)
    three_public = 8,                ///< 财政拨款"三公"经费支出决算表 (Hunan 09, Shanghai 07)
};
BOOST_DESCRIBE_ENUM(table_kind, income_expenditure_total, income, expenditure, fiscal_total,
                    general_budget_expenditure, basic_expenditure_detail, government_fund,
                    state_capital, three_public)

/// Number of table kinds.
inline constexpr int table_kind_count = 9;

/// Meaning of a column (栏次). Values are stable (C API: CZ_COL_*). A table's columns are data
/// (report_table::columns): provinces differ (Hunan's 08 has 3 columns, Shanghai's 6).
enum class column_id : int {
    other = 0,                          ///< a column whose header was not recognised
    amount = 1,                         ///< 决算数 / 金额 (06, and generic single-amount tables)
    income_amount = 2,                  ///< 01/04 收入 side 决算数 / 金额
    expenditure_amount = 3,             ///< 01 支出 side 决算数
    total_income = 4,                   ///< 本年收入合计
    fiscal_appropriation_income = 5,    ///< 财政拨款收入
    superior_subsidy_income = 6,        ///< 上级补助收入
    business_income = 7,                ///< 事业收入
    operating_income = 8,               ///< 经营收入
    affiliated_remittance_income = 9,   ///< 附属单位上缴收入
    other_income = 10,                  ///< 其他收入
    total_expenditure = 11,             ///< 本年支出合计
    basic_expenditure = 12,             ///< 基本支出
    project_expenditure = 13,           ///< 项目支出
    remittance_to_superior = 14,        ///< 上缴上级支出
    operating_expenditure = 15,         ///< 经营支出
    subsidy_to_affiliated = 16,         ///< 对附属单位补助支出
    total = 17,                         ///< 合计 (04 支出 side, 08; an 08 printed like 07: its 本年支出 小计)
    general_budget = 18,                ///< 一般公共预算财政拨款 (04)
    government_fund = 19,               ///< 政府性基金预算财政拨款 (04)
    state_capital = 20,                 ///< 国有资本经营预算财政拨款 (04)
    subtotal = 21,                      ///< 本年支出 小计 (05, 07)
    opening_balance = 22,               ///< 年初结转和结余 (07, 08 Shanghai)
    current_income = 23,                ///< 本年收入 (07, 08 Shanghai)
    closing_balance = 24,               ///< 年末结转和结余 (07, 08 Shanghai)
    overseas_travel = 25,               ///< 因公出国（境）费 (09)
    vehicle_total = 26,                 ///< 公务用车购置及运行维护费 小计 (09)
    vehicle_purchase = 27,              ///< 公务用车购置费 (09)
    vehicle_operation = 28,             ///< 公务用车运行维护费 (09)
    official_reception = 29,            ///< 公务接待费 (09)
};
BOOST_DESCRIBE_ENUM(column_id, other, amount, income_amount, expenditure_amount, total_income,
                    fiscal_appropriation_income, superior_subsidy_income, business_income,
                    operating_income, affiliated_remittance_income, other_income,
                    total_expenditure, basic_expenditure, project_expenditure,
                    remittance_to_superior, operating_expenditure, subsidy_to_affiliated, total,
                    general_budget, government_fund, state_capital, subtotal, opening_balance,
                    current_income, closing_balance, overseas_travel, vehicle_total,
                    vehicle_purchase, vehicle_operation, official_reception)

/// Which half of a side-by-side table a row or column belongs to. Tables 01 and 04 print
/// 收入 and 支出 side by side; table 09 prints 预算数 and 决算数 halves; the model normalizes
/// both into rows with a side. Values are stable (C API: CZ_SIDE_*).
enum class row_side : int {
    none = 0,         ///< single-sided table / column used by every row
    income = 1,       ///< 收入 half (01, 04)
    expenditure = 2,  ///< 支出 half (01, 04)
    budget = 3,       ///< 预算数 half (09)
    actual = 4,       ///< 决算数 half (09)
};
BOOST_DESCRIBE_ENUM(row_side, none, income, expenditure, budget, actual)

/// What a row is. 合计/小计/总计 rows are identified so checks know what must add up.
/// Values are stable (C API: CZ_ROLE_*).
enum class row_role : int {
    item = 0,         ///< an ordinary row (a classification code, a named income line…)
    total = 1,        ///< 合计 (incl. 本年收入合计, 人员经费合计, 公用经费合计)
    subtotal = 2,     ///< 小计
    grand_total = 3,  ///< 总计
    blank = 4,        ///< a numbered placeholder row without name (01 行次 9)
};
BOOST_DESCRIBE_ENUM(row_role, item, total, subtotal, grand_total, blank)

/// Level of a classification code by its length: 类 3 digits, 款 5, 项 7.
enum class code_level : int { none = 0, lei = 1, kuan = 2, xiang = 3 };
BOOST_DESCRIBE_ENUM(code_level, none, lei, kuan, xiang)

// ---- Where a value came from ------------------------------------------------------------------

/// A rectangle on a PDF page, for PDF importers. Coordinates in hundredths of a point (1/7200
/// inch), origin top-left of the page, exact integers so a JSON round trip is exact.
struct source_box {
    std::int32_t page = 0;  ///< 1-based page number
    std::int64_t x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    friend bool operator==(const source_box&, const source_box&) = default;
};
BOOST_DESCRIBE_STRUCT(source_box, (), (page, x0, y0, x1, y1))

/// Where something was read. line 0 means "not from text" (JSON, API calls).
struct source_location {
    std::uint32_t line = 0;   ///< 1-based line in the imported text
    std::uint32_t field = 0;  ///< 1-based field (tab-separated cell) in that line, 0 if none
    std::optional<source_box> box;  ///< page and box when imported from a PDF
    friend bool operator==(const source_location&, const source_location&) = default;
};
BOOST_DESCRIBE_STRUCT(source_location, (), (line, field, box))

/// A line (or paragraph) of prose with its origin.
struct text_line {
    std::string text;
    source_location source;
    friend bool operator==(const text_line&, const text_line&) = default;
};
BOOST_DESCRIBE_STRUCT(text_line, (), (text, source))

// ---- The nine tables --------------------------------------------------------------------------

/// One cell of a 公开 table. value: exact, in the table's unit, two places; nullopt = empty
/// (printed blank or as an empty marker), which is not the same as 0.00. text: as printed
/// ("1, 227. 61"), "" for a cell that was not printed at all.
struct table_cell {
    std::optional<decimal> value;
    std::string text;
    source_location source;
    friend bool operator==(const table_cell&, const table_cell&) = default;
};
BOOST_DESCRIBE_STRUCT(table_cell, (), (value, text, source))

/// A column: meaning, 栏次 as printed (0 if none), header label as printed, and the side of
/// the rows that use it (none = every row).
struct table_column {
    column_id id = column_id::other;
    std::int32_t number = 0;
    std::string label;
    row_side side = row_side::none;
    friend bool operator==(const table_column&, const table_column&) = default;
};
BOOST_DESCRIBE_STRUCT(table_column, (), (id, number, label, side))

/// A row. Rows are identified by 行次 (01, 04: line_number) or by classification code
/// (02, 03, 05, 07, 08: functional code; 06: economic code) — code is digits only ("2010301"),
/// level derivable (code_level_of). name: whitespace removed ("公务员医疗补助");
/// printed_name: as printed ("公务员医疗 补助"). cells has exactly one entry per table column;
/// cells of columns of the other side are empty with text "".
struct table_row {
    row_side side = row_side::none;
    row_role role = row_role::item;
    std::optional<std::int32_t> line_number;  ///< 行次
    std::string code;
    std::string name;
    std::string printed_name;
    std::vector<table_cell> cells;
    source_location source;
    friend bool operator==(const table_row&, const table_row&) = default;
};
BOOST_DESCRIBE_STRUCT(table_row, (), (side, role, line_number, code, name, printed_name, cells,
                                      source))

/// One 公开 table. number: as printed ("公开01表"), "" if none. no_data: the "本表无数据"
/// statement when the document says the table is legitimately empty. notes: 注/说明 lines.
struct report_table {
    table_kind kind = table_kind::income_expenditure_total;
    std::string number;
    std::string title;
    money_unit unit = money_unit::wan_yuan;
    std::vector<table_column> columns;
    std::vector<table_row> rows;
    std::optional<text_line> no_data;
    std::vector<text_line> notes;
    source_location source;  ///< the title line

    /// Index of the first column with this meaning (and side, when given), or nullopt.
    [[nodiscard]] CAIZHENG_CXX_API std::optional<std::size_t> column_index(
        column_id id, std::optional<row_side> side = {}) const;
    /// First row with this classification code, or nullptr.
    [[nodiscard]] CAIZHENG_CXX_API const table_row* find_code(std::string_view code) const;
    /// Row with this 行次 (and side, when given), or nullptr.
    [[nodiscard]] CAIZHENG_CXX_API const table_row* find_line(std::int32_t line_number,
                                               std::optional<row_side> side = {}) const;
    /// First row whose name (whitespace removed) equals `name` (and side, when given).
    [[nodiscard]] CAIZHENG_CXX_API const table_row* find_name(std::string_view name,
                                               std::optional<row_side> side = {}) const;
    /// The cell of `row` in the column with this meaning, or nullptr if there is no such column.
    [[nodiscard]] CAIZHENG_CXX_API const table_cell* cell(const table_row& row, column_id id) const;

    friend bool operator==(const report_table&, const report_table&) = default;
};
BOOST_DESCRIBE_STRUCT(report_table, (), (kind, number, title, unit, columns, rows, no_data, notes,
                                         source))

// ---- Narrative and other prose ----------------------------------------------------------------

/// A numbered section of the 情况说明 (一 … 十五): number 1…, numeral as printed ("十四"),
/// title without the numeral, and its paragraphs in order (sub-headings such as "（一）…"
/// are paragraphs too).
struct narrative_section {
    std::int32_t number = 0;
    std::string numeral;
    std::string title;
    std::vector<text_line> paragraphs;
    source_location source;
    friend bool operator==(const narrative_section&, const narrative_section&) = default;
};
BOOST_DESCRIBE_STRUCT(narrative_section, (), (number, numeral, title, paragraphs, source))

/// Any other part of the document kept as prose (第一部分 概况, 第四部分 名词解释, the annex's
/// 自评报告 text, the table of contents): title as printed, lines in order.
struct document_part {
    std::string title;
    std::vector<text_line> lines;
    source_location source;
    friend bool operator==(const document_part&, const document_part&) = default;
};
BOOST_DESCRIBE_STRUCT(document_part, (), (title, lines, source))

// ---- Performance annex (绩效) -------------------------------------------------------------------

/// A number in the annex as printed: value exact with the places written (nullopt when empty
/// or not a number); percent = printed with "%" (value is then the number of percent, 99.00).
struct figure {
    std::optional<decimal> value;
    bool percent = false;
    std::string text;
    source_location source;
    friend bool operator==(const figure&, const figure&) = default;
};
BOOST_DESCRIBE_STRUCT(figure, (), (value, percent, text, source))

/// A row of the 基础数据表: its label (first cell) and the remaining cells as figures (text
/// cells keep their text with value nullopt).
struct basic_data_row {
    std::string label;
    std::vector<figure> cells;
    source_location source;
    friend bool operator==(const basic_data_row&, const basic_data_row&) = default;
};
BOOST_DESCRIBE_STRUCT(basic_data_row, (), (label, cells, source))

/// 部门整体支出绩效评价基础数据表, kept as printed rows (its layout is irregular).
struct basic_data_table {
    std::string title;
    std::vector<basic_data_row> rows;
    source_location source;
    friend bool operator==(const basic_data_table&, const basic_data_table&) = default;
};
BOOST_DESCRIBE_STRUCT(basic_data_table, (), (title, rows, source))

/// Funding source rows of a 项目支出绩效自评表. Values are stable.
enum class funding_kind : int {
    total = 0,         ///< 年度资金总额
    current_fiscal = 1,  ///< 其中：当年财政拨款
    carried_over = 2,  ///< 上年结转(金额)
    other = 3,         ///< 其他/其它资金
};
BOOST_DESCRIBE_ENUM(funding_kind, total, current_fiscal, carried_over, other)

/// One funding row: 年初预算数, 全年预算数, 全年执行数 (万元 as the table says).
struct funding_row {
    funding_kind kind = funding_kind::total;
    std::string label;  ///< as printed ("其中:当年财政拨款")
    figure initial_budget;
    figure full_year_budget;
    figure executed;
    source_location source;
    friend bool operator==(const funding_row&, const funding_row&) = default;
};
BOOST_DESCRIBE_STRUCT(funding_row, (), (kind, label, initial_budget, full_year_budget, executed,
                                        source))

/// One 绩效指标 line. level1/level2 are filled in from the rows above when printed blank
/// (the table prints them once per group).
struct performance_indicator {
    std::string level1;  ///< 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标
    std::string level2;  ///< 二级指标: 数量指标 / 质量指标 / 时效指标 / …
    std::string level3;  ///< 三级指标 name
    std::string target;  ///< 年度指标值 as printed ("≥2000册")
    std::string actual;  ///< 实际完成值 as printed
    figure weight;       ///< 分值
    figure score;        ///< 得分
    std::string deviation;  ///< 偏差原因分析及改进措施
    source_location source;
    friend bool operator==(const performance_indicator&, const performance_indicator&) = default;
};
BOOST_DESCRIBE_STRUCT(performance_indicator, (), (level1, level2, level3, target, actual, weight,
                                                  score, deviation, source))

/// One 项目支出绩效自评表.
struct project_evaluation {
    std::string project;      ///< 项目支出名称
    std::string department;   ///< 主管部门
    std::string implementer;  ///< 实施单位
    std::vector<funding_row> funding;
    figure execution_weight;  ///< 执行率 row 分值 (usually 10)
    figure execution_rate;    ///< 执行率 as printed ("99.00%")
    figure execution_score;   ///< 执行率 得分
    std::string goal_target;  ///< 年度总体目标 预期目标
    std::string goal_actual;  ///< 年度总体目标 实际完成情况
    std::vector<performance_indicator> indicators;
    figure total_weight;  ///< 总分 row 分值 (100)
    figure total_score;   ///< 总分
    source_location source;  ///< the 项目支出名称 line
    friend bool operator==(const project_evaluation&, const project_evaluation&) = default;
};
BOOST_DESCRIBE_STRUCT(project_evaluation, (), (project, department, implementer, funding,
                                               execution_weight, execution_rate, execution_score,
                                               goal_target, goal_actual, indicators, total_weight,
                                               total_score, source))

/// The 绩效 annex.
struct performance_annex {
    std::optional<basic_data_table> basic_data;
    std::vector<project_evaluation> projects;
    friend bool operator==(const performance_annex&, const performance_annex&) = default;
};
BOOST_DESCRIBE_STRUCT(performance_annex, (), (basic_data, projects))

// ---- Import warnings and the report -----------------------------------------------------------

/// Why the importer warned. Values are stable (C API: CZ_WARN_*).
enum class warning_kind : int {
    unplaced_line = 0,    ///< a line the importer could not place anywhere
    bad_amount = 1,       ///< a cell that should be an amount and does not parse
    malformed_code = 2,   ///< a classification code with wrong digits/length
    missing_table = 3,    ///< one of the nine tables was not found
    column_count = 4,     ///< a row with more or fewer cells than the table has columns
    duplicate_table = 5,  ///< a table found twice (the second is kept as unplaced lines)
    unit = 6,             ///< a table without 单位 line, or an unknown unit
    metadata = 7,         ///< department / year not found
    limit = 8,            ///< input beyond a size limit (truncated, over-long line)
    encoding = 9,         ///< invalid UTF-8 or control bytes (replaced)
    annex = 10,           ///< a 绩效 annex line that does not fit its table
};
BOOST_DESCRIBE_ENUM(warning_kind, unplaced_line, bad_amount, malformed_code, missing_table,
                    column_count, duplicate_table, unit, metadata, limit, encoding, annex)

/// One import warning: the 1-based line (0 when not tied to a line), the line's text
/// (truncated to 200 bytes), and a human reason in English.
struct import_warning {
    warning_kind kind = warning_kind::unplaced_line;
    std::uint32_t line = 0;
    std::string text;
    std::string reason;
    friend bool operator==(const import_warning&, const import_warning&) = default;
};
BOOST_DESCRIBE_STRUCT(import_warning, (), (kind, line, text, reason))

/// Report metadata. unit: the unit of the tables (each table also records its own).
/// units_included: 决算单位构成 as listed ("株洲市天元区数据局本级").
struct report_metadata {
    std::string department;
    std::int32_t year = 0;
    money_unit unit = money_unit::wan_yuan;
    std::vector<std::string> units_included;
    std::string title;  ///< document title as printed ("部门决算公开")
    friend bool operator==(const report_metadata&, const report_metadata&) = default;
};
BOOST_DESCRIBE_STRUCT(report_metadata, (), (department, year, unit, units_included, title))

/// One 部门决算公开.
struct report {
    report_metadata meta;
    std::vector<report_table> tables;  ///< in document order, at most one per kind
    std::vector<narrative_section> narrative;  ///< 情况说明 sections in document order
    performance_annex annex;
    std::vector<document_part> parts;  ///< other prose (概况, 名词解释, annex report text…)
    std::vector<import_warning> warnings;

    /// The table of this kind, or nullptr.
    [[nodiscard]] CAIZHENG_CXX_API const report_table* table(table_kind kind) const;
    [[nodiscard]] CAIZHENG_CXX_API report_table* table(table_kind kind);
    /// Narrative section by number (1 = 一), or nullptr.
    [[nodiscard]] CAIZHENG_CXX_API const narrative_section* section(std::int32_t number) const;
    /// Kinds of the nine tables not present, in kind order.
    [[nodiscard]] CAIZHENG_CXX_API std::vector<table_kind> missing_tables() const;

    friend bool operator==(const report&, const report&) = default;
};
BOOST_DESCRIBE_STRUCT(report, (), (meta, tables, narrative, annex, parts, warnings))

// ---- Helpers ---------------------------------------------------------------------------------

/// Stable English name of an enumerator ("income_expenditure_total"), "unknown" if invalid.
[[nodiscard]] CAIZHENG_CXX_API const char* table_kind_name(table_kind k) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* column_id_name(column_id c) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* warning_kind_name(warning_kind w) noexcept;
/// The standard Chinese title of a table kind ("收入支出决算总表").
[[nodiscard]] CAIZHENG_CXX_API const char* table_kind_title(table_kind k) noexcept;
/// The table kind a printed title names (spaces ignored, department prefix and year allowed,
/// e.g. "株洲市天元区数据局2024年度收入支出决算总表"), or nullopt.
[[nodiscard]] CAIZHENG_CXX_API std::optional<table_kind> table_kind_from_title(std::string_view title);

/// 类/款/项 by length (3/5/7 digits); none for anything else.
[[nodiscard]] CAIZHENG_CXX_API code_level code_level_of(std::string_view code) noexcept;
/// Structural check only (the catalog check is reconciliation's): all ASCII digits, length 3,
/// 5 or 7 for functional codes.
[[nodiscard]] CAIZHENG_CXX_API bool is_functional_code(std::string_view code) noexcept;
/// Structural check: all ASCII digits, length 3 or 5 (部门预算支出经济分类).
[[nodiscard]] CAIZHENG_CXX_API bool is_economic_code(std::string_view code) noexcept;
/// Whether rows of this kind carry economic (true: table 06) or functional codes.
[[nodiscard]] constexpr bool uses_economic_codes(table_kind k) noexcept {
    return k == table_kind::basic_expenditure_detail;
}

/// The usual columns of a table kind (Hunan/Ministry of Finance layout), with 栏次 numbers
/// and standard labels. Builders start from these; importers may replace them.
[[nodiscard]] CAIZHENG_CXX_API std::vector<table_column> standard_columns(table_kind k);
/// A new empty table of this kind: standard title and columns, given unit.
[[nodiscard]] CAIZHENG_CXX_API report_table make_table(table_kind k,
                                                       money_unit unit = money_unit::wan_yuan);
/// Append a row with one empty cell per column; returns it.
CAIZHENG_CXX_API table_row& add_row(report_table& t, std::string code, std::string name,
                                    row_side side = row_side::none);
/// The role a row name implies: ends with 总计 → grand_total, 合计 → total, 小计 → subtotal.
[[nodiscard]] CAIZHENG_CXX_API row_role role_of_name(std::string_view name) noexcept;
/// Set a cell from printed text: parses with parse_cell (exact, ≤ 2 places), keeps the text.
/// Throws parse_error / error(inexact) for text that is not an amount.
CAIZHENG_CXX_API void set_cell_text(table_cell& cell, std::string_view text);

/// A cell's value as 万元 given the unit of its table: exact from 万元; from 元 rounded once
/// by `mode` (error(inexact) without one when a digit would be lost). nullopt when empty.
[[nodiscard]] CAIZHENG_CXX_API std::optional<wan_yuan> cell_wan_yuan(
    const table_cell& cell, money_unit table_unit, std::optional<rounding_mode> mode = {});

/// Structural validation of a model (what the JSON importer enforces): every row has one cell
/// per column, table cells have ≤ 2 places, codes are well formed for their table, at most
/// one table per kind. Returns one message per problem, each starting with a JSON path
/// ("$.tables[2].rows[5].cells: 3 cells, table has 7 columns"); empty when valid.
[[nodiscard]] CAIZHENG_CXX_API std::vector<std::string> validate(const report& r);

}  // namespace caizheng
