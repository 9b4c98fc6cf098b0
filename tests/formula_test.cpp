// The audit-formula language: parsing (every construct, error positions), evaluation on
// hand-built data (empty cells, tolerances, scopes, units), the rules format, and the built-in
// rules on the bundled Hunan report with the expected findings worked out by hand.
#include "caizheng/classification.hpp"
#include "caizheng/formula.hpp"
#include "caizheng/import.hpp"
#include "caizheng/report.hpp"

#include "../lib/formula/program.hpp"  // internal: strip_enumeration's byte-level fast path is tested below

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

using namespace caizheng;

namespace {

decimal D(const char* s) { return decimal::parse(s); }

/// Set a row's cells from printed texts ("" = printed empty).
void fill(table_row& row, std::initializer_list<const char*> cells) {
    std::size_t i = 0;
    for (const char* c : cells) set_cell_text(row.cells.at(i++), c);
}

/// A small report: a 02 with two rows whose col 1 adds to 10.01 against a 合计 of 10.00 (one
/// hundredth: a tail difference for 2 parts + 1 total, bound ⌊2/2⌋ = 0.01), an empty cell in
/// col 3, and a 06 with a 类 and its 款.
report small_report() {
    report r;
    report_table inc = make_table(table_kind::income);
    inc.number = "公开02表";
    fill(add_row(inc, "", "合计"), {"10.00", "10.00", "", "0.00", "0.00", "0.00", "0.00"});
    fill(add_row(inc, "2010301", "行政运行"), {"6.00", "6.00", "", "0.00", "0.00", "0.00", "0.00"});
    fill(add_row(inc, "2010302", "一般行政管理事务"), {"4.01", "4.01", "", "0.00", "0.00", "0.00", "0.00"});
    r.tables.push_back(std::move(inc));
    report_table basic = make_table(table_kind::basic_expenditure_detail);
    basic.number = "公开06表";
    fill(add_row(basic, "301", "工资福利支出"), {"3.00"});
    fill(add_row(basic, "30101", "基本工资"), {"1.00"});
    fill(add_row(basic, "30102", "津贴补贴"), {"2.00"});
    fill(add_row(basic, "302", "商品和服务支出"), {"0.50"});
    fill(add_row(basic, "30201", "办公费"), {"0.00"});
    fill(add_row(basic, "", "人员经费合计"), {"3.00"});
    r.tables.push_back(std::move(basic));
    return r;
}

std::vector<formula_result> eval(const report& r, std::string_view text) {
    const report_formula_data data(r);
    return formula::parse(text).evaluate(data);
}

formula_result eval1(const report& r, std::string_view text) {
    auto res = eval(r, text);
    REQUIRE(res.size() == 1);
    return res.front();
}

const report& hunan() {
    static const report r = import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt");
    return r;
}

/// Rule id → results, for the built-in rules on a report.
std::map<std::string, std::vector<formula_result>> run_builtin(const formula_data& d) {
    std::map<std::string, std::vector<formula_result>> out;
    for (const auto& rule : builtin_formula_rules()) out[rule.id] = rule.check.evaluate(d);
    return out;
}

int count(const std::vector<formula_result>& rs, formula_outcome o) {
    int n = 0;
    for (const auto& r : rs) n += r.outcome == o;
    return n;
}

}  // namespace

// ---- Parsing ------------------------------------------------------------------------------------

TEST_CASE("every construct parses", "[formula][parse]") {
    const char* good[] = {
        "T02[合计].c1 == sum(T02[*].c1)",
        "T06[301] == sum(T06[301*]) within tail",
        "T03[*]: c1 == c2 + c3 + c4 + c5 + c6",
        "income.c*: [合计] == sum([leaf]) within tail",
        "fiscal.c2..c5: [支出 & 合计].* == sum([支出 & * & <(支出 & 合计)].*)",
        "收入决算表[合计].c1 == 支出决算表[合计].c1",
        "公开01表[#10] == sum(公开01表[#1..8])",
        "T01[行10] == sum(T01[行1..行8])",
        "T01[#13] = T01[#10] + T01[#11] + T01[#12] within 0.01",
        "basic[人员经费合计] == sum(basic[301, 303])",
        "summary[\"使用非财政拨款结余（含专用结余）\"] >= 0",
        "summary[使用非财政拨款结余*] <= 100.5",
        "T05[*]: c1 == T03[@].c1 when T04[本年支出合计].c2 == T04[本年支出合计].c3",
        "summary[支出 & 类]: summary[@] == sum(income[@*].c1)",
        "sangong[决算].total == sangong[预算].total",
        "sangong[actual].official_reception < sangong[budget].基本支出",
        "T02[合计].total_income == sum(T02[leaf].c1) within 尾数",
        "count(T02[leaf].c1) > 3",
        "abs(T02[合计].c1 - T03[合计].c1) <= 0.05",
        "2 * T02[合计].c1 == T02[合计].c1 * 2",
        "-T02[合计].c1 == -1 * T02[合计].c1",
        "T02[合计].c1 != 0",
        "T02[类, 款 & leaf, 项].c1 > 0",
        "T02[(合计, 总计) & 小计].c1 == 0",
        "T02[>合计 & <总计].c1 >= 0",
        "T02[all].c1 == T02[全部].c1",
        "Ｔ０２［合计］．ｃ１＝＝sum（Ｔ０２［＊］．ｃ１）",
        "T02【合计】.c1 ≤ T02[合计].c2",
        "T03[*]: .基本支出 + .\"项目支出\" == c1",
        "T02[合计].c1 == sum(T02[*].c2..c7, 1.5, -T02[合计].c3)",
    };
    for (const char* f : good) {
        INFO(f);
        CHECK_NOTHROW(formula::parse(f));
        CHECK_FALSE(check_formula(f).has_value());
    }
    CHECK(formula::parse("T03[*]: c1 == c2").scope() == formula_scope::rows);
    CHECK(formula::parse("income.c*: [合计] == sum([leaf])").scope() == formula_scope::columns);
    CHECK(formula::parse("T02[合计].c1 == 1").scope() == formula_scope::once);
    CHECK(formula::parse("T02[合计].c1 == 1 within tail").tolerance() == formula_tolerance::tail);
    CHECK(formula::parse("T02[合计].c1 == 1 within 0.01").tolerance() == formula_tolerance::absolute);
    CHECK(formula::parse("T02[合计].c1 == 1").tolerance() == formula_tolerance::none);
    CHECK(formula::parse("T02[合计].c1 == 1").text() == "T02[合计].c1 == 1");
}

TEST_CASE("malformed formulas are rejected with the position and a clear message", "[formula][parse]") {
    struct bad {
        const char* text;
        std::size_t column;  // 1-based character column
        const char* message;
    };
    const bad cases[] = {
        // T,0,2,[,合,计 are characters 1–6; '.' is the 7th character (byte 10).
        {"T02[合计.c1 == 1", 7, "expected ']' after row selector"},
        {"T02[*].c1 == ", 14, "expected a value"},
        {"T02[*].c1 1", 11, "expected a comparison"},
        {"T2x[*].c1 == 1", 1, "unknown table 'T2x'"},
        {"T02[10].c1 == 1", 5, "a classification code has 3, 5 or 7 digits ('10'); for a 行次 write #10"},
        {"T02[*].c1 == 1 within", 22, "expected 'tail' or an amount after 'within'"},
        {"T02[*].c1 != 1 within tail", 16, "a tolerance cannot apply to '!='"},
        {"c1 == c2 + c3", 1, "a column without a row needs a row scope"},
        {"T03[*]: c1 == c2 * c3", 18, "'*' needs a constant on one side"},
        {"T02[@].c1 == 1", 5, "'@' (the scope's current row) needs a row scope"},
        {"T02[*].c1 == sum(T02[*].c1", 27, "expected ')' to close sum("},
        {"T02[*].c1 == 1.23456", 14, "at most 4 decimal places"},
        {"T02[*].c1 == 1 and T03[*].c1 == 2", 16, "'and'/'or' are not supported"},
        {"T02[*].c1 == foo(1)", 14, "unknown function 'foo'"},
        {"T02[*].c1 == 1 == 2", 16, "only one comparison per formula"},
        {"T02[\"合计].c1 == 1", 5, "unterminated quoted name"},
        {"T02[*].c8..c2 == 1", 12, "a column range goes from the lower to the higher"},
        {"T02[*].c1 == 1 ;", 16, "unexpected character ';'"},
        {"T02[].c1 == 1", 5, "empty row selector"},
        {"T02[*]. == 1", 9, "expected a column after '.'"},
        {"T03[*] c1 == c2", 8, "expected a comparison"},
        {"T02[*].c1 == \xff", 14, "invalid UTF-8"},
        {"[合计] == 1", 1, "a row selector without a table needs a scope"},
        {"T02.c1: [合计] == 1", 5, "a column scope names several columns"},
        {"T02[*].c1 == 1 when T02[*].c1 == 1 within tail", 36, "a 'when' condition takes no tolerance"},
        {"T02[*].c1 == T02", 17, "expected '[' and a row selector after table T02"},
        {"T02[#x] == 1", 6, "expected a 行次"},
        {"exists(1) == 1", 8, "exists() takes cell references"},
        {"存在(T02[合计].c1 + 1) == 1", 15, "存在() takes cell references"},
    };
    for (const auto& b : cases) {
        INFO(b.text);
        try {
            (void)formula::parse(b.text);
            FAIL("parsed");
        } catch (const parse_error& e) {
            const std::string msg = e.what();
            INFO(msg);
            CHECK(msg.find(b.message) != std::string::npos);
            CHECK(msg.find("at character " + std::to_string(b.column)) != std::string::npos);
            CHECK(e.code() == errc::parse_error);
        }
        const auto err = check_formula(b.text);
        REQUIRE(err.has_value());
        CHECK(std::string(err->what()).find(b.message) != std::string::npos);
    }
    // position() is the byte offset: '.' after 合计 is byte 10 (4 ASCII bytes + 2 × 3).
    try {
        (void)formula::parse("T02[合计.c1 == 1");
        FAIL("parsed");
    } catch (const parse_error& e) {
        CHECK(e.position() == 10);
    }
}

// ---- Evaluation on hand-built data ------------------------------------------------------------------

TEST_CASE("holds, tail difference, failure and the tail bound", "[formula][eval]") {
    const report r = small_report();
    // Col 1: 合计 10.00 vs 6.00 + 4.01 = 10.01: −0.01 with m = 3 non-zero figures, bound
    // ⌊(3 − 1)/2⌋ = 1 hundredth → tail difference.
    auto res = eval1(r, "T02[合计].c1 == sum(T02[leaf].c1) within tail");
    CHECK(res.outcome == formula_outcome::tail_difference);
    CHECK(res.left == D("10.00"));
    CHECK(res.right == D("10.01"));
    CHECK(res.difference == D("-0.01"));
    CHECK(res.bound == D("0.01"));
    CHECK(res.parts == 3);
    CHECK(res.unit == money_unit::wan_yuan);
    REQUIRE(res.cells.size() == 3);  // 合计 col 1, then the two rows
    CHECK(res.cells[0] == formula_cell_ref{0, 0, 0, formula_operand::left, false});
    CHECK(res.cells[1] == formula_cell_ref{0, 1, 0, formula_operand::right, false});
    CHECK(res.cells[2] == formula_cell_ref{0, 2, 0, formula_operand::right, false});
    // Without a tolerance the same gap fails; with an absolute 0.01 it is tolerated.
    CHECK(eval1(r, "T02[合计].c1 == sum(T02[leaf].c1)").outcome == formula_outcome::fails);
    CHECK(eval1(r, "T02[合计].c1 == sum(T02[leaf].c1) within 0.01").outcome == formula_outcome::tolerated);
    CHECK(eval1(r, "T02[合计].c1 == sum(T02[leaf].c1) within 0.009").outcome == formula_outcome::fails);
    // Same figure printed twice (m = 2): bound ⌊1/2⌋ = 0, so any gap is an error.
    res = eval1(r, "T02[合计].c1 == T02[2010302].c1 + 5.99 within tail");
    CHECK(res.right == D("10.00"));
    CHECK(res.outcome == formula_outcome::holds);
    res = eval1(r, "T02[合计].c1 == T02[2010302].c1 + 6 within tail");
    CHECK(res.outcome == formula_outcome::fails);
    CHECK(res.bound == D("0.00"));
    // 06: 301 = 3.00 = 1.00 + 2.00 exactly; 302 = 0.50 vs its only 款 0.00 → fails.
    CHECK(eval1(r, "T06[301] == sum(T06[301*])").outcome == formula_outcome::holds);
    res = eval1(r, "T06[302] == sum(T06[302*]) within tail");
    CHECK(res.outcome == formula_outcome::fails);
    CHECK(res.difference == D("0.50"));
    CHECK(res.parts == 1);  // the zero 款 adds no rounding error
}

TEST_CASE("inequalities and tolerances on them", "[formula][eval]") {
    const report r = small_report();
    CHECK(eval1(r, "T02[合计].c1 < 10.01").outcome == formula_outcome::holds);
    CHECK(eval1(r, "T02[合计].c1 <= 10").outcome == formula_outcome::holds);
    CHECK(eval1(r, "T02[合计].c1 > 10").outcome == formula_outcome::fails);
    CHECK(eval1(r, "T02[合计].c1 > 10 within 0.01").outcome == formula_outcome::tolerated);
    CHECK(eval1(r, "T02[合计].c1 >= 10.02 within 0.01").outcome == formula_outcome::fails);
    CHECK(eval1(r, "T02[合计].c1 != 10").outcome == formula_outcome::fails);
    CHECK(eval1(r, "abs(T02[合计].c1 - sum(T02[leaf].c1)) <= 0.01").outcome == formula_outcome::holds);
    CHECK(eval1(r, "count(T02[leaf].c1) == 2").outcome == formula_outcome::holds);
    // Col 3 is printed empty in every row: count counts non-empty cells only.
    CHECK(eval1(r, "count(T02[all].c3) == 0").outcome == formula_outcome::holds);
    CHECK(eval1(r, "0.5 * T02[合计].c1 == 5").outcome == formula_outcome::holds);
    // 4.01 × 0.33333 would need 7 places: not rounded, cannot evaluate.
    auto res = eval1(r, "T02[2010302].c1 * 0.3333 == 1");
    CHECK(res.outcome == formula_outcome::cannot_evaluate);
    CHECK(res.problem == formula_problem::arithmetic);
}

TEST_CASE("empty cells and absent rows", "[formula][eval]") {
    const report r = small_report();
    // Empty vs empty holds; empty vs 0 holds (empty counted as 0); empty vs non-zero is missing.
    CHECK(eval1(r, "T02[合计].c3 == sum(T02[leaf].c3)").outcome == formula_outcome::holds);
    CHECK(eval1(r, "T02[合计].c3 == T02[合计].c4").outcome == formula_outcome::holds);
    auto res = eval1(r, "T02[合计].c3 == T02[合计].c1");
    CHECK(res.outcome == formula_outcome::missing);
    CHECK(res.problem == formula_problem::cell_empty);
    CHECK_FALSE(res.left.has_value());
    CHECK(res.right == D("10.00"));
    CHECK(res.problem_table == table_kind::income);
    CHECK(res.cells.at(0).empty);
    // An absent row: missing, naming the reference.
    res = eval1(r, "T02[2210201].c1 == T06[30102]");
    CHECK(res.outcome == formula_outcome::missing);
    CHECK(res.problem == formula_problem::row_missing);
    CHECK(res.problem_key == "T02[2210201].c1");
    CHECK(res.message.find("no row") != std::string::npos);
    // sum() over no row at all is empty as well.
    CHECK(eval1(r, "sum(T02[221*].c1) == 2").outcome == formula_outcome::missing);
    CHECK(eval1(r, "sum(T02[221*].c1) == 0").outcome == formula_outcome::holds);
    // Empty cells are 0 in arithmetic next to figures.
    CHECK(eval1(r, "T02[合计].c3 + T02[合计].c1 == 10").outcome == formula_outcome::holds);
}

TEST_CASE("cannot evaluate: missing table, ambiguous selector, missing column", "[formula][eval]") {
    const report r = small_report();
    auto res = eval1(r, "T03[合计].c1 == 1");
    CHECK(res.outcome == formula_outcome::cannot_evaluate);
    CHECK(res.problem == formula_problem::table_missing);
    res = eval1(r, "expenditure[合计].c1 == 1");
    CHECK(res.problem == formula_problem::table_missing);
    CHECK(res.problem_table == table_kind::expenditure);
    res = eval1(r, "T02[leaf].c1 == 1");
    CHECK(res.outcome == formula_outcome::cannot_evaluate);
    CHECK(res.problem == formula_problem::ambiguous);
    CHECK(res.message.find("matches 2 cells") != std::string::npos);
    res = eval1(r, "T02[合计].c9 == 1");
    CHECK(res.problem == formula_problem::column_missing);
    res = eval1(r, "T02[合计] == 1");  // 7 columns: the column must be named
    CHECK(res.problem == formula_problem::ambiguous);
    CHECK(eval1(r, "T06[301] == 3").outcome == formula_outcome::holds);  // one column: optional
}

TEST_CASE("exists(): whether a table has the row and the column, never a problem itself", "[formula][eval]") {
    const report r = small_report();
    // a printed cell, and a printed-empty cell (c3): both exist
    CHECK(eval1(r, "exists(T02[合计].c1) == 1").outcome == formula_outcome::holds);
    CHECK(eval1(r, "存在(T02[合计].c3) == 1").outcome == formula_outcome::holds);
    // no such column (02 has 7), no such row, no such column by meaning: 0, and the result
    // holds without a problem (the same references read as values are problems)
    for (const char* f : {"exists(T02[合计].c9) == 0", "exists(T02[2210201].c1) == 0",
                          "exists(T02[合计].opening_balance) == 0", "exists(T02[合计].c1, T02[合计].c9) == 0"}) {
        INFO(f);
        const formula_result res = eval1(r, f);
        CHECK(res.outcome == formula_outcome::holds);
        CHECK(res.problem == formula_problem::none);
    }
    CHECK(eval1(r, "T02[合计].c9 == 0").problem == formula_problem::column_missing);
    CHECK(eval1(r, "T02[2210201].c1 == 1").problem == formula_problem::row_missing);
    // several cells (a selector or a row without a named column): they exist
    CHECK(eval1(r, "exists(T02[leaf].c1) == 1").outcome == formula_outcome::holds);
    CHECK(eval1(r, "exists(T02[合计]) == 1").outcome == formula_outcome::holds);
    // as a condition on a table's shape, per row: 06 has one amount column, no c2
    const auto rows = eval(r, "T06[*]: c1 == 0 when exists(c2) == 1");
    REQUIRE(rows.size() == 5);
    for (const formula_result& x : rows) {
        CHECK(x.outcome == formula_outcome::not_applicable);
        CHECK(x.problem == formula_problem::condition);
    }
    // …and true for every row of 02: the comparison itself decides
    const auto inc = eval(r, "T02[*]: c4 == 0 when exists(c7) == 1");
    REQUIRE(inc.size() == 2);
    for (const formula_result& x : inc) CHECK(x.outcome == formula_outcome::holds);
    // a missing table is the formula's problem, as for any reference
    CHECK(eval1(r, "exists(T03[合计].c1) == 0").problem == formula_problem::table_missing);
}

TEST_CASE("row-wise and column-wise formulas give one result per row or column", "[formula][eval]") {
    const report r = small_report();
    auto res = eval(r, "T02[all]: c1 == sum(c2..c7)");
    REQUIRE(res.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(res[i].outcome == formula_outcome::holds);
        CHECK(res[i].row == i);
        CHECK(res[i].table == 0u);
    }
    res = eval(r, "T02[leaf]: c1 == 6");
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::holds);
    CHECK(res[1].outcome == formula_outcome::fails);
    CHECK(res[1].left == D("4.01"));
    // Column scope: col 1 and col 2 have the tail gap, col 3 is empty everywhere (holds),
    // cols 4–7 are 0 = 0.
    res = eval(r, "income.c*: [合计] == sum([leaf]) within tail");
    REQUIRE(res.size() == 7);
    CHECK(res[0].outcome == formula_outcome::tail_difference);
    CHECK(res[0].column == 0u);
    CHECK(res[1].outcome == formula_outcome::tail_difference);
    for (std::size_t c = 2; c < 7; ++c) CHECK(res[c].outcome == formula_outcome::holds);
    res = eval(r, "income.c2..c3: [合计].* == sum([leaf].*)");
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::fails);
    CHECK(res[0].column == 1u);
    // Every 类 of 06 against its 款 through '@'.
    res = eval(r, "basic[类]: basic[@] == sum(basic[@*])");
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::holds);  // 301
    CHECK(res[1].outcome == formula_outcome::fails);  // 302: 0.50 vs 0.00
    // when: not applicable when the condition fails.
    res = eval(r, "T02[leaf]: c1 == 6 when T02[合计].c1 == 11");
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::not_applicable);
    CHECK(res[0].problem == formula_problem::condition);
}

TEST_CASE("a 'when' condition that reads no scope item decides every item alike", "[formula][eval]") {
    // small_report's 02: 合计 c1 10.00; the leaves 2010301 c1 6.00, 2010302 c1 4.01. The
    // condition below reads 02's 合计 row whatever the item (evaluated once per formula); each
    // item must still get the condition's cell and, when it does not hold, its own
    // not_applicable result.
    report r = small_report();
    const formula_cell_ref total_c1{0, 0, 0, formula_operand::condition, false};
    const formula f = formula::parse("T02[leaf]: c1 == 6 when T02[合计].c1 == 10");
    // Holds (10.00 = 10): each leaf is checked: 6.00 = 6 holds, 4.01 ≠ 6 fails.
    auto res = f.evaluate(report_formula_data(r));
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::holds);
    CHECK(res[1].outcome == formula_outcome::fails);
    CHECK(res[1].left == D("4.01"));
    CHECK(res[1].difference == D("-1.99"));  // 4.01 − 6
    for (std::size_t i = 0; i < 2; ++i) {
        CAPTURE(i);
        CHECK(res[i].row == i + 1);
        CHECK(res[i].problem == formula_problem::none);
        CHECK(res[i].message.empty());
        // the condition's cell, then the item's own c1 (left)
        REQUIRE(res[i].cells.size() == 2);
        CHECK(res[i].cells[0] == total_c1);
        CHECK(res[i].cells[1] == formula_cell_ref{0, static_cast<std::uint32_t>(i + 1), 0, formula_operand::left, false});
    }
    // The same formula on a report whose 合计 is 11.00: the condition fails for both leaves,
    // with the message naming both sides (11.00 vs 10.00), and neither leaf is read.
    r.tables[0].rows[0].cells[0].value = D("11.00");
    res = f.evaluate(report_formula_data(r));
    REQUIRE(res.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CAPTURE(i);
        CHECK(res[i].row == i + 1);
        CHECK(res[i].outcome == formula_outcome::not_applicable);
        CHECK(res[i].problem == formula_problem::condition);
        CHECK(res[i].message == "the 'when' condition does not hold (11.00 vs 10.00)");
        CHECK(!res[i].left);
        CHECK(!res[i].right);
        REQUIRE(res[i].cells.size() == 1);
        CHECK(res[i].cells[0] == total_c1);
    }
    // A condition that cannot be evaluated (02 has 7 columns, the condition names none): every
    // item cannot be evaluated, with the same problem.
    res = eval(r, "T02[leaf]: c1 == 6 when T02[合计] == 11");
    REQUIRE(res.size() == 2);
    for (const auto& x : res) {
        CHECK(x.outcome == formula_outcome::cannot_evaluate);
        CHECK(x.problem == formula_problem::ambiguous);
        CHECK(x.message == res[0].message);
        CHECK(!x.message.empty());
    }
    // Conditions that do read the item are evaluated per item. '@': 06's 类 301 is 3.00 > 1
    // (checked: 3.00 = 1.00 + 2.00 holds), 302 is 0.50 (not applicable, although its check would
    // fail: 0.50 vs 办公费 0.00).
    res = eval(r, "basic[类]: basic[@] == sum(basic[@*]) when basic[@] > 1");
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::holds);
    CHECK(res[1].outcome == formula_outcome::not_applicable);
    CHECK(res[1].message == "the 'when' condition does not hold (0.50 vs 1.00)");
    // The item's own row (no selector): 6.00 > 5 holds, 4.01 does not.
    res = eval(r, "T02[leaf]: c1 == 6 when c1 > 5");
    REQUIRE(res.size() == 2);
    CHECK(res[0].outcome == formula_outcome::holds);
    CHECK(res[1].outcome == formula_outcome::not_applicable);
    // An omitted column in a columns scope reads the item's column: 合计 is 11.00 in c1 and
    // 10.00 in c2 (c3 empty, c4–c7 0.00); only c2 is checked (10.00 vs its leaves 6.00 + 4.01 =
    // 10.01, a tail difference); every other column is not applicable.
    res = eval(r, "income.c*: [合计] == sum([leaf]) within tail when [合计] == 10");
    REQUIRE(res.size() == 7);
    for (std::size_t c = 0; c < 7; ++c) {
        CAPTURE(c);
        CHECK(res[c].column == c);
        CHECK(res[c].outcome == (c == 1 ? formula_outcome::tail_difference : formula_outcome::not_applicable));
    }
    // A condition naming its column in a columns scope reads no item: 02's 合计 c2 is 10.00
    // for every column, so every column is checked (c1: 11.00 vs 10.01 fails; c2: the tail
    // difference above; c3 empty on both sides and c4–c7 0.00 = 0.00 hold), and each result
    // starts with the condition's cell.
    res = eval(r, "income.c*: [合计] == sum([leaf]) within tail when T02[合计].c2 == 10");
    REQUIRE(res.size() == 7);
    CHECK(res[0].outcome == formula_outcome::fails);  // c1: 11.00 vs 10.01
    CHECK(res[1].outcome == formula_outcome::tail_difference);
    for (std::size_t c = 2; c < 7; ++c) CHECK(res[c].outcome == formula_outcome::holds);
    for (const auto& x : res) {
        REQUIRE(!x.cells.empty());
        CHECK(x.cells[0] == formula_cell_ref{0, 0, 1, formula_operand::condition, false});
    }
}

TEST_CASE("tables by printed number, alias, kind name or title", "[formula][eval]") {
    report r = small_report();
    for (const char* f : {"T02[合计].c1 == 10", "公开02表[合计].c1 == 10", "公开02[合计].c1 == 10",
                          "income[合计].c1 == 10", "收入表[合计].c1 == 10", "收入决算表[合计].c1 == 10",
                          "Income[合计].c1 == 10", "T06[301] == 3", "basic[301] == 3",
                          "一般公共预算财政拨款基本支出决算明细表[301] == 3"}) {
        INFO(f);
        CHECK(eval1(r, f).outcome == formula_outcome::holds);
    }
    // Without printed numbers, T<n> is the n-th table of the document: 02 is first here.
    for (auto& t : r.tables) t.number.clear();
    CHECK(eval1(r, "T01[合计].c1 == 10").outcome == formula_outcome::holds);
    CHECK(eval1(r, "T02[301] == 3").outcome == formula_outcome::holds);
    CHECK(table_number_of("公开 09 表") == 9);
    CHECK(table_number_of("公开０７表") == 7);
    CHECK(table_number_of("") == 0);
}

TEST_CASE("sides, 行次, names and positions", "[formula][eval]") {
    report r;
    report_table t = make_table(table_kind::income_expenditure_total);
    auto line = [&](std::int32_t n, const char* name, row_side side, const char* v) {
        table_row& row = add_row(t, "", name, side);
        row.line_number = n;
        set_cell_text(row.cells.at(side == row_side::income ? 0 : 1), v);
    };
    line(1, "一、一般公共预算财政拨款收入", row_side::income, "5.00");
    line(2, "二、事业收入", row_side::income, "2.00");
    line(3, "本年收入合计", row_side::income, "7.00");
    line(4, "年初结转和结余", row_side::income, "1.00");
    line(5, "总计", row_side::income, "8.00");
    line(6, "一、一般公共服务支出", row_side::expenditure, "6.00");
    line(7, "本年支出合计", row_side::expenditure, "6.00");
    line(8, "年末结转和结余", row_side::expenditure, "2.00");
    line(9, "总计", row_side::expenditure, "8.00");
    r.tables.push_back(std::move(t));
    CHECK(eval1(r, "T01[#3] == sum(T01[#1..2])").outcome == formula_outcome::holds);
    CHECK(eval1(r, "T01[行3] == T01[行1] + T01[行2]").outcome == formula_outcome::holds);
    CHECK(eval1(r, "summary[收入 & 合计] == sum(summary[收入 & * & <(收入 & 合计)])").outcome ==
          formula_outcome::holds);
    CHECK(eval1(r, "summary[收入 & 总计] == sum(summary[收入 & (合计, * & >(收入 & 合计))])").outcome ==
          formula_outcome::holds);
    // 总计 appears on both sides: ambiguous without a side or a column.
    CHECK(eval1(r, "summary[总计] == 8").problem == formula_problem::ambiguous);
    // With a column, only rows using it match: c2 is the expenditure side.
    CHECK(eval1(r, "summary[总计].c2 == 8").outcome == formula_outcome::holds);
    CHECK(eval1(r, "summary[收入 & 总计] == summary[支出 & 总计]").outcome == formula_outcome::holds);
    // Names match with or without the "一、" enumeration; a quoted name with '*' is a prefix.
    CHECK(eval1(r, "summary[一般公共服务支出] == 6").outcome == formula_outcome::holds);
    CHECK(eval1(r, "summary[\"一、一般公共服务支出\"] == 6").outcome == formula_outcome::holds);
    CHECK(eval1(r, "summary[\"一般公共预算\"*] == 5").outcome == formula_outcome::holds);
    CHECK(eval1(r, "summary[年初*] == 1").outcome == formula_outcome::holds);
    // A column that the matching row's side does not use.
    CHECK(eval1(r, "summary[#6].c1 == 6").problem == formula_problem::column_missing);
}

TEST_CASE("units: a 元 table against a 万元 table", "[formula][eval]") {
    report r = small_report();
    report_table gen = make_table(table_kind::general_budget_expenditure, money_unit::yuan);
    // 100000.00 元 = 10.00 万元.
    fill(add_row(gen, "", "合计"), {"100000.00", "100000.00", "0.00"});
    r.tables.push_back(std::move(gen));
    auto res = eval1(r, "general[合计].c1 == income[合计].c1");
    CHECK(res.outcome == formula_outcome::holds);
    CHECK(res.unit == money_unit::yuan);  // the finer unit
    CHECK(res.left == D("100000.00"));
    // Tail ulp is 0.01 of the coarser unit (万元 = 100 元): 10.00 万元 vs 100100.00 元 is 1 ulp.
    r.tables.back().rows[0].cells[0].value = D("100100.00");
    res = eval1(r, "general[合计].c1 == income[合计].c1 + income[合计].c2 - income[合计].c1 within tail");
    CHECK(res.outcome == formula_outcome::tail_difference);
    CHECK(res.bound == D("100.00"));
}

namespace {
/// formula_data without any report: one table, codes and values in arrays.
class array_data final : public formula_data {
public:
    std::size_t table_count() const override { return 1; }
    formula_table_info table(std::size_t) const override {
        return {table_kind::basic_expenditure_detail, 6, money_unit::wan_yuan, 3, 1};
    }
    formula_column_info column(std::size_t, std::size_t) const override {
        return {column_id::amount, 0, "决算数", row_side::none};
    }
    formula_row_info row(std::size_t, std::size_t r) const override {
        static const char* codes[] = {"301", "30101", "30102"};
        formula_row_info i;
        i.code = codes[r];
        i.leaf = r != 0;
        return i;
    }
    formula_cell_info cell(std::size_t, std::size_t r, std::size_t) const override {
        static const std::int64_t v[] = {21255, 10000, 11254};  // hundredths
        return {decimal(v[r], 2), static_cast<std::uint32_t>(r + 1)};
    }
};
}  // namespace

TEST_CASE("evaluation reads any formula_data", "[formula][eval]") {
    const array_data d;
    // 212.55 vs 100.00 + 112.54 = 212.54: 0.01 with m = 3 → bound 0.01 → tail difference.
    const auto res = formula::parse("T06[301] == sum(T06[301*]) within tail").evaluate(d);
    REQUIRE(res.size() == 1);
    CHECK(res[0].outcome == formula_outcome::tail_difference);
    CHECK(res[0].difference == D("0.01"));
    // Buffers are reused by the out-parameter overload.
    std::vector<formula_result> out;
    const formula f = formula::parse("T06[*]: T06[@] > 0");
    f.evaluate(d, out);
    CHECK(out.size() == 3);
    f.evaluate(d, out);
    CHECK(out.size() == 3);
    CHECK(out[2].cells.size() == 1);
}

namespace {
/// Three tables, none printing a number: a kind outside the enum, then two 支出决算表 whose
/// only cell (code 301) holds 1.00, 2.00 and 3.00.
class kinds_data final : public formula_data {
public:
    std::size_t table_count() const override { return 3; }
    formula_table_info table(std::size_t t) const override {
        const table_kind k = t == 0 ? static_cast<table_kind>(42) : table_kind::expenditure;
        return {k, 0, money_unit::wan_yuan, 1, 1};
    }
    formula_column_info column(std::size_t, std::size_t) const override {
        return {column_id::amount, 0, "决算数", row_side::none};
    }
    formula_row_info row(std::size_t, std::size_t) const override {
        formula_row_info i;
        i.code = "301";
        return i;
    }
    formula_cell_info cell(std::size_t t, std::size_t, std::size_t) const override {
        return {decimal(static_cast<std::int64_t>(t + 1) * 100, 2), 1};
    }
};
}  // namespace

TEST_CASE("a table named by kind is the first table of that kind", "[formula][eval]") {
    // evaluation looks a kind up in a per-kind array built from the table infos (once per
    // batch); a table whose kind is outside the enum is skipped, the first of two tables of a
    // kind is the one read, a 'T' number without printed numbers is the position
    const kinds_data d;
    auto check = [&] {
        auto res = formula::parse("expenditure[301] == 2").evaluate(d);  // table 1: 2.00
        REQUIRE(res.size() == 1);
        CHECK(res[0].outcome == formula_outcome::holds);
        REQUIRE(res[0].cells.size() == 1);
        CHECK(res[0].cells[0].table == 1);
        res = formula::parse("T03[301] == 3").evaluate(d);  // position 3: table 2, 3.00
        REQUIRE(res.size() == 1);
        CHECK(res[0].outcome == formula_outcome::holds);
        res = formula::parse("income[301] == 1").evaluate(d);  // no such kind
        REQUIRE(res.size() == 1);
        CHECK(res[0].outcome == formula_outcome::cannot_evaluate);
        CHECK(res[0].problem == formula_problem::table_missing);
        CHECK(res[0].problem_table == table_kind::income);
    };
    check();
    {
        const detail::formula_batch batch(d);  // the array of the batch
        check();
    }
}

// ---- Rules format -------------------------------------------------------------------------------

TEST_CASE("rules text: blocks, continuation lines, errors with line and column", "[formula][rules]") {
    const auto rules = parse_formula_rules(
        "# my bureau's checks\n"
        "\n"
        "id: my.one\n"
        "severity: warning\n"
        "zh: 测试\n"
        "en: a test\n"
        "formula: T02[合计].c1 ==\n"
        "    sum(T02[leaf].c1) within tail\n"
        "\n"
        "id: my.two\n"
        "formula: T06[301] == 3\n");
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].id == "my.one");
    CHECK(rules[0].severity == formula_severity::warning);
    CHECK(rules[0].description_zh == "测试");
    CHECK(rules[0].check.text() == "T02[合计].c1 == sum(T02[leaf].c1) within tail");
    CHECK(rules[0].line == 3);
    CHECK(rules[1].severity == formula_severity::error);
    CHECK(rules[1].line == 10);

    struct bad {
        const char* text;
        const char* message;
    };
    const bad cases[] = {
        {"id: a\nformula: T02[合计.c1 == 1\n", "rules line 2, column 16: rule a: expected ']' after row selector"},
        {"id: a\nformula: 1 == 1\n    + T02[\n", "rules line 3, column 11: rule a: expected ']'"},
        {"id: a\n", "rule a has no 'formula:' line"},
        {"formula: 1 == 1\n", "rules line 1, column 1: a rule needs an 'id:' line"},
        {"id: a\nformula: 1 == 1\n\nid: a\nformula: 1 == 1\n", "rules line 4, column 1: duplicate rule id a"},
        {"id: a\nseverity: fatal\nformula: 1 == 1\n", "severity is 'error' or 'warning'"},
        {"id: a\ncolour: red\n", "unknown key 'colour'"},
        {"id: a b\nformula: 1 == 1\n", "a rule id uses ASCII letters"},
        {"  formula: 1 == 1\n", "continuation line"},
    };
    for (const auto& b : cases) {
        INFO(b.text);
        try {
            (void)parse_formula_rules(b.text);
            FAIL("parsed");
        } catch (const parse_error& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(b.message) != std::string::npos);
        }
    }
}

TEST_CASE("built-in rules are embedded and all parse", "[formula][rules]") {
    CHECK(builtin_formula_rules_text().find("id: income.total_row") != std::string_view::npos);
    const auto& rules = builtin_formula_rules();
    CHECK(rules.size() >= 40);
    for (const auto& r : rules) {
        INFO(r.id);
        CHECK_FALSE(r.description_zh.empty());
        CHECK_FALSE(r.description_en.empty());
        CHECK_FALSE(r.check.text().empty());
    }
}

// ---- The bundled Hunan report --------------------------------------------------------------------

TEST_CASE("built-in rules on the bundled Hunan report: the hand-worked findings", "[formula][hunan]") {
    const report& r = hunan();
    const auto functional = classification::catalog::embedded(classification::tree::functional, 2024);
    const report_formula_data data(r, &functional);
    auto res = run_builtin(data);

    // 02 收入决算表: 合计 1227.61 but the 8 rows add to 192.26 + 948.74 + 25.00 + 5.00 + 19.64 +
    // 0.62 + 7.63 + 11.42 = 1210.31: 17.30 short (the 2210201 住房公积金 row of 05) — an error, not
    // a tail difference (bound ⌊(1 + 8 − 1)/2⌋ = 0.04). Same in col 2 财政拨款; cols 3–7 are 0.
    const auto& inc = res.at("income.total_row");
    REQUIRE(inc.size() == 7);
    CHECK(inc[0].outcome == formula_outcome::fails);
    CHECK(inc[0].left == D("1227.61"));
    CHECK(inc[0].right == D("1210.31"));
    CHECK(inc[0].difference == D("17.30"));
    CHECK(inc[0].bound == D("0.04"));
    CHECK(inc[1].outcome == formula_outcome::fails);
    CHECK(inc[1].difference == D("17.30"));
    for (std::size_t c = 2; c < 7; ++c) CHECK(inc[c].outcome == formula_outcome::holds);
    // 03 支出决算表: the same row is missing: col 1 17.30, col 2 基本支出 248.87 vs 192.26 + 19.64 +
    // 0.62 + 7.63 + 11.42 = 231.57 (17.30); col 3 项目支出 948.74 + 25 + 5 = 978.74 holds.
    const auto& exp = res.at("expenditure.total_row");
    REQUIRE(exp.size() == 6);
    CHECK(exp[0].outcome == formula_outcome::fails);
    CHECK(exp[0].difference == D("17.30"));
    CHECK(exp[1].outcome == formula_outcome::fails);
    CHECK(exp[1].right == D("231.57"));
    CHECK(exp[1].difference == D("17.30"));
    CHECK(exp[2].outcome == formula_outcome::holds);
    CHECK(count(exp, formula_outcome::holds) == 4);
    // 05 has all 9 rows: 1210.31 + 17.30 = 1227.61, 231.57 + 17.30 = 248.87, 978.74 — all hold.
    CHECK(count(res.at("general.total_row"), formula_outcome::holds) == 3);
    // 05 ↔ 03 row by row (all spending is 一般公共预算: 01 本年支出合计 1227.61 = 04 col 3 1227.61):
    // 8 rows agree, 2210201 is absent from 03 → missing, naming the code and the table.
    const auto& g03 = res.at("general.rows_in_expenditure");
    REQUIRE(g03.size() == 9);
    CHECK(count(g03, formula_outcome::holds) == 8);
    const auto& miss = g03[8];
    CHECK(miss.outcome == formula_outcome::missing);
    CHECK(miss.problem == formula_problem::row_missing);
    CHECK(miss.problem_key == "2210201");
    CHECK(miss.problem_table == table_kind::expenditure);
    CHECK(miss.left == D("17.30"));
    CHECK_FALSE(miss.right.has_value());
    CHECK(r.tables[*miss.table].rows[*miss.row].name == "住房公积金");
    CHECK(count(res.at("expenditure.rows_in_general"), formula_outcome::holds) == 8);
    // 类 roll-up (with the catalog, 01's "九、住房保障支出" is 221): 201 = 192.26 + 948.74 + 25 + 5
    // = 1171.00 ✓, 208 = 19.64 + 0.62 = 20.26 ✓, 210 = 7.63 + 11.42 = 19.05 ✓, zero 类 ✓;
    // 221 17.30 has no 项 in 02 → missing. 04/05: 221 = 17.30 ✓ (05 has 2210201).
    // The nine 类 lines of 01 get a code when the catalog knows the 类 (the embedded 2024 catalog
    // is partial: 外交 202 and 国防 203, both 0.00 here, may be absent), 221 is the last line.
    const auto& lei02 = res.at("income.lei_vs_summary");
    REQUIRE(lei02.size() >= 7);
    REQUIRE(lei02.size() <= 9);
    CHECK(count(lei02, formula_outcome::holds) == static_cast<int>(lei02.size()) - 1);
    CHECK(lei02.back().outcome == formula_outcome::missing);
    CHECK(lei02.back().problem_key == "221*");
    CHECK(lei02.back().left == D("17.30"));
    CHECK(count(res.at("expenditure.lei_vs_summary"), formula_outcome::missing) == 1);
    const auto& lei05 = res.at("general.lei_vs_fiscal");
    CHECK(count(lei05, formula_outcome::holds) == static_cast<int>(lei05.size()));
    CHECK(lei05.size() == lei02.size());
    // 06: 301 printed 212.55, its 款 54.38 + 30.94 + 63.27 + 19.64 + 7.34 + 7.63 + 11.42 + 0.62 +
    // 17.3 = 212.54: 0.01 with 1 + 9 non-zero figures, bound ⌊9/2⌋ = 0.04 → tail difference.
    // 302 = 5.78 + 4.06 + 0.29 + 2.43 + 0.21 + 1.06 + 2.4 + 1.19 + 9.28 + 9.62 = 36.32 ✓;
    // 303, 307, 310, 399 are 0 ✓.
    const auto& lei06 = res.at("basic.lei_sum");
    REQUIRE(lei06.size() == 6);
    CHECK(lei06[0].outcome == formula_outcome::tail_difference);
    CHECK(lei06[0].difference == D("0.01"));
    CHECK(lei06[0].bound == D("0.04"));
    CHECK(lei06[0].parts == 10);
    CHECK(count(lei06, formula_outcome::holds) == 5);
    // 人员经费 212.55 = 301 + 303 (0); 公用经费 36.32 = 302 + 0s; 212.55 + 36.32 = 248.87 = 05 基本.
    CHECK(res.at("basic.personnel")[0].outcome == formula_outcome::holds);
    CHECK(res.at("basic.public")[0].outcome == formula_outcome::holds);
    CHECK(res.at("basic.vs_general")[0].outcome == formula_outcome::holds);
    // 09: 合计 1.4 vs 0.00 + 1.4 + 0.21 = 1.61 (−0.21, bound ⌊(3 − 1)/2⌋ = 0.01) and 小计 1.4 vs
    // 0.00 + 1.19 = 1.19 (0.21): errors in both the budget and the actual half.
    const auto& sg = res.at("sangong.total");
    REQUIRE(sg.size() == 2);
    for (const auto& x : sg) {
        CHECK(x.outcome == formula_outcome::fails);
        CHECK(x.difference == D("-0.21"));
        CHECK(x.bound == D("0.01"));
    }
    const auto& veh = res.at("sangong.vehicle");
    REQUIRE(veh.size() == 2);
    CHECK(veh[0].outcome == formula_outcome::fails);
    CHECK(veh[0].difference == D("0.21"));
    CHECK(veh[1].outcome == formula_outcome::fails);
    // Soft links hold: 30108 19.64 = 2080505 19.64; 30110 + 30111 = 7.63 + 11.42 = 21011xx;
    // 30113 17.3 = 2210201 17.30; 09 actual 运维 1.19 = 30231, 接待 0.21 = 30217, 出国 0 = 30212.
    for (const char* id : {"basic.pension_link", "basic.medical_link", "basic.housing_link",
                           "sangong.overseas_link", "sangong.vehicle_link", "sangong.reception_link"}) {
        INFO(id);
        CHECK(res.at(id).at(0).outcome == formula_outcome::holds);
    }
    // 07/08 print "本表无数据" with an empty 合计 row: empty = empty, and empty vs 04's 0.00 holds.
    for (const char* id : {"fund.total_row", "fund.row_sum", "fund.carry_over", "fund.vs_fiscal",
                           "capital.total_row", "capital.row_sum", "capital.vs_fiscal"}) {
        INFO(id);
        CHECK_FALSE(res.at(id).empty());
        CHECK(count(res.at(id), formula_outcome::holds) == static_cast<int>(res.at(id).size()));
    }
    // Hunan's 08 has three columns (合计, 基本, 项目), no balances: the carry-over of the
    // Shanghai layout applies to none of its rows (exists(.opening_balance) is 0)
    CHECK_FALSE(res.at("capital.carry_over").empty());
    CHECK(count(res.at("capital.carry_over"), formula_outcome::not_applicable) ==
          static_cast<int>(res.at("capital.carry_over").size()));
    // Everything else holds on this report: 01 and 04 add up (1227.61 = 1171.00 + 20.26 + 19.05 +
    // 17.30; 总计 = 合计 + 0 + 0; 04 income 1227.61 + 0 + 0), rows add across (02 col 1 = col 2,
    // 03 col 1 = 基本 + 项目, 05 小计 = 基本 + 项目), and the cross-table totals are 1227.61.
    const std::set<std::string> with_findings = {
        "income.total_row", "expenditure.total_row", "general.rows_in_expenditure", "income.lei_vs_summary",
        "expenditure.lei_vs_summary", "basic.lei_sum", "sangong.total", "sangong.vehicle", "capital.carry_over"};
    for (const auto& [id, results] : res) {
        if (with_findings.count(id)) continue;
        INFO(id);
        CHECK_FALSE(results.empty());
        for (const auto& x : results) {
            INFO(x.message);
            CHECK(x.outcome == formula_outcome::holds);
        }
    }
}

TEST_CASE("without a catalog, 01's 类 lines carry no code and roll-ups have nothing to check", "[formula][hunan]") {
    const report_formula_data data(hunan());
    const auto res = run_builtin(data);
    CHECK(res.at("income.lei_vs_summary").empty());
    CHECK(res.at("income.total_row").at(0).outcome == formula_outcome::fails);
}

TEST_CASE("income by 类 is held against 01's 类 spending only when nothing is carried over", "[formula][hunan]") {
    // Hunan 2024 carries nothing (01: 年初结转和结余 0.00, 年末结转和结余 0.00, both 总计 1227.61
    // = 本年收入合计 = 本年支出合计), so income.lei_vs_summary applies (test above). Give the
    // department 10.00 brought in and still held at the year end (年初 10.00, 年末 10.00, both
    // 总计 1237.61): 收入总计 + 支出总计 = 2475.22 ≠ 本年收入合计 + 本年支出合计 = 2455.22, so a
    // 类's income need not be its spending — every item is not_applicable (problem condition),
    // while 03 ↔ 01 (expenditure.lei_vs_summary) is still checked, with its one missing 类 (221).
    report r = hunan();
    report_table* s = r.table(table_kind::income_expenditure_total);
    REQUIRE(s != nullptr);
    int changed = 0;
    for (auto& row : s->rows) {
        const std::size_t c = row.side == row_side::income ? 0 : 1;
        if (row.name == "年初结转和结余" || row.name == "年末结转和结余") row.cells.at(c).value = D("10.00"), ++changed;
        if (row.name == "总计") row.cells.at(c).value = D("1237.61"), ++changed;
    }
    REQUIRE(changed == 4);
    const auto functional = classification::catalog::embedded(classification::tree::functional, 2024);
    const auto res = run_builtin(report_formula_data(r, &functional));
    const auto& lei02 = res.at("income.lei_vs_summary");
    REQUIRE(lei02.size() >= 7);
    CHECK(count(lei02, formula_outcome::not_applicable) == static_cast<int>(lei02.size()));
    for (const auto& x : lei02) CHECK(x.problem == formula_problem::condition);
    const auto& lei03 = res.at("expenditure.lei_vs_summary");
    CHECK(count(lei03, formula_outcome::missing) == 1);
    CHECK(count(lei03, formula_outcome::holds) == static_cast<int>(lei03.size()) - 1);
    // The balance lines themselves still add up: 总计 = 合计 + 10.00 on each side.
    CHECK(res.at("summary.income_grand_total").at(0).outcome == formula_outcome::holds);
    CHECK(res.at("summary.expenditure_grand_total").at(0).outcome == formula_outcome::holds);
}

TEST_CASE("a one-cell change makes a passing built-in rule fail", "[formula][hunan]") {
    report r = hunan();
    // 05 row 2010301 小计 192.26 → 192.36: its row no longer adds up (192.36 vs 192.26 + 0.00,
    // m = 2, bound 0) and the 合计 column sum is 0.10 off (more than ⌊9/2⌋ = 0.04).
    report_table* g = r.table(table_kind::general_budget_expenditure);
    REQUIRE(g != nullptr);
    table_row* row = nullptr;
    for (auto& x : g->rows)
        if (x.code == "2010301") row = &x;
    REQUIRE(row != nullptr);
    row->cells[0].value = D("192.36");
    const report_formula_data data(r);
    auto res = run_builtin(data);
    CHECK(count(res.at("general.row_sum"), formula_outcome::fails) == 1);
    CHECK(res.at("general.total_row")[0].outcome == formula_outcome::fails);
    CHECK(res.at("general.total_row")[0].difference == D("-0.10"));
}

// ---- Fast paths ---------------------------------------------------------------------------------

namespace {

/// The same data as a report_formula_data behind plain virtual calls: the evaluator cannot see
/// that it is a report, so it takes its generic path (match() per row, names stripped on the
/// fly, virtual column/cell reads) instead of the cached bit sets and bare names.
class forwarding_data final : public formula_data {
public:
    explicit forwarding_data(const formula_data& d) : d_(d) {}
    std::size_t table_count() const override { return d_.table_count(); }
    formula_table_info table(std::size_t t) const override { return d_.table(t); }
    formula_column_info column(std::size_t t, std::size_t c) const override { return d_.column(t, c); }
    formula_row_info row(std::size_t t, std::size_t r) const override { return d_.row(t, r); }
    formula_cell_info cell(std::size_t t, std::size_t r, std::size_t c) const override { return d_.cell(t, r, c); }

private:
    const formula_data& d_;
};

void check_same(const std::vector<formula_result>& fast, const std::vector<formula_result>& slow) {
    REQUIRE(fast.size() == slow.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const formula_result& a = fast[i];
        const formula_result& b = slow[i];
        CHECK(a.outcome == b.outcome);
        CHECK(a.problem == b.problem);
        CHECK(a.table == b.table);
        CHECK(a.row == b.row);
        CHECK(a.column == b.column);
        CHECK(a.left == b.left);
        CHECK(a.right == b.right);
        CHECK(a.difference == b.difference);
        CHECK(a.bound == b.bound);
        CHECK(a.parts == b.parts);
        CHECK(a.cells == b.cells);
        CHECK(a.problem_table == b.problem_table);
        CHECK(a.problem_key == b.problem_key);
        CHECK(a.message == b.message);
    }
}

}  // namespace

TEST_CASE("report fast paths give the results of the generic path", "[formula][eval]") {
    // Selectors of every kind, including and/or, '<'/'>' anchors, names with and without their
    // enumeration, name prefixes, codes, levels, 行次, '@' and '@*', and column specs by
    // number, range, id and label.
    const char* formulas[] = {
        "summary[收入 & 合计] == sum(summary[收入 & * & <(收入 & 合计)]) within tail",
        "summary[支出 & 总计] == sum(summary[支出 & (合计, * & >(支出 & 合计))]) within tail",
        "summary[支出 & 类]: summary[@] == sum(income[@*].c1) within tail",
        "fiscal[收入 & \"一般公共预算财政拨款\"* & <(收入 & 合计)] == summary[收入 & \"一般公共预算财政拨款\"*]",
        "fiscal.c2..c5: [支出 & 合计] == sum([支出 & * & <(支出 & 合计)]) within tail",
        "general[leaf]: c1 == expenditure[@].c1",
        "basic[类]: basic[@] == sum(basic[@*]) within tail",
        "basic[人员经费合计] == sum(basic[301, 303]) within tail",
        "sum(income[款 & leaf].c1) + sum(income[项, 类].c2) == income[合计].c1 within tail",
        "income[一般公共服务支出, \"一、一般公共服务支出\", 201].c1 >= 0",
        "summary[#1..8].c1 == summary[#1..8].c1",
        "income.c*: [合计] == sum([leaf]) within tail",
        "income[all]: c1 == sum(c2..c7) within tail",
        "fund[all]: .subtotal == .basic_expenditure + .project_expenditure within tail",
        "income[合计].\"本年收入合计\" == income[合计].c1",
        "income[合计].财政拨款收入 + income[合计].\"其他 收入\" >= 0",
        "summary[收入 & 合计] == summary[支出 & 合计]",
        "expenditure[*]: c1 > 1000000",
        // name prefixes shorter and longer than the 8-byte keys, with an enumeration, codes' leaves,
        // roles and sides by mask
        "income[\"一般\"*]: c1 >= 0",
        "income[\"一般公共服务\"*]: c1 >= 0",
        "income[\"一、一般\"*, \"（一）\"*]: c1 >= 0",
        "basic[301*]: c1 >= 0",
        "basic[302*, 30101*]: c1 >= 0",
        "income[小计, 总计, 合计]: c1 >= 0",
        "sangong[决算].vehicle_operation >= sangong[预算].vehicle_operation",
    };
    for (const char* name : {"2024_tianyuan_data_bureau.txt", "2024_putuo_finance_bureau.layout.txt",
                             "2024_shanghai_final_accounts_template.layout.txt"}) {
        CAPTURE(name);
        const report r = import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/" + name);
        const auto functional = classification::catalog::embedded(classification::tree::functional, 2024);
        const report_formula_data fast(r, &functional);
        const forwarding_data slow(fast);
        const auto compare_all = [&] {
            for (const auto& rule : builtin_formula_rules()) {
                CAPTURE(rule.id);
                check_same(rule.check.evaluate(fast), rule.check.evaluate(slow));
            }
            for (const char* text : formulas) {
                CAPTURE(text);
                const formula f = formula::parse(text);
                check_same(f.evaluate(fast), f.evaluate(slow));
            }
        };
        compare_all();
        // In a batch over `fast` (detail::formula_batch, as the reconciler runs its rules: row
        // sets shared between formulas with the same selectors), twice (the second pass reads
        // only kept sets): the same results. Each report's `fast` may sit where the previous
        // one did; its batch must not see the previous sets.
        const detail::formula_batch batch(fast);
        for (int pass = 0; pass < 2; ++pass) {
            CAPTURE(pass);
            compare_all();
        }
    }
}

TEST_CASE("strip_enumeration: every numeral and delimiter, and names it must leave alone", "[formula][names]") {
    using detail::strip_enumeration;
    // Each numeral of 一…十〇零 with each delimiter is stripped; so are runs and ASCII digits.
    for (const char* numeral : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零", "3", "12"}) {
        const std::string n = numeral;
        CHECK(strip_enumeration(n + "、基本支出") == "基本支出");
        CHECK(strip_enumeration(n + "．基本支出") == "基本支出");
        CHECK(strip_enumeration(n + ".基本支出") == "基本支出");
        CHECK(strip_enumeration(n + ",基本支出") == "基本支出");
        CHECK(strip_enumeration("（" + n + "）基本支出") == "基本支出");
        CHECK(strip_enumeration("(" + n + ")基本支出") == "基本支出");
        CHECK(strip_enumeration("（" + n + ")基本支出") == "基本支出");
        // A numeral that starts the name itself (no delimiter) stays.
        CHECK(strip_enumeration(n + "基本支出") == n + "基本支出");
        CHECK(strip_enumeration("（" + n + "基本支出") == "（" + n + "基本支出");
    }
    CHECK(strip_enumeration("十一、其他支出") == "其他支出");
    CHECK(strip_enumeration("（二十）其他") == "其他");
    // Characters that share a numeral's lead byte (E4/E5/E9/E3) are not numerals.
    CHECK(strip_enumeration("一般公共服务支出") == "一般公共服务支出");
    CHECK(strip_enumeration("五险、一金") == "五险、一金");
    CHECK(strip_enumeration("上年结转") == "上年结转");          // 上 = E4 B8 8A, next to 一 E4 B8 80
    CHECK(strip_enumeration("四川、支出") == "四川、支出");      // 四 then 川: 川 is no numeral nor delimiter
    CHECK(strip_enumeration("、支出") == "、支出");             // a delimiter with no numeral
    CHECK(strip_enumeration("一、") == "");
    CHECK(strip_enumeration("") == "");
    // Truncated UTF-8 never reads past the end.
    CHECK(strip_enumeration("\xE4\xB8") == "\xE4\xB8");
    CHECK(strip_enumeration("一\xE3\x80") == "一\xE3\x80");
    CHECK(strip_enumeration("（") == "（");
}

TEST_CASE("report_formula_data: the code index and leaf flags for codes in any order and of any length",
          "[formula][data]") {
    report r = small_report();
    report_table basic = make_table(table_kind::basic_expenditure_detail);
    basic.number = "公开03表";  // (T03 below)
    // Printed out of order, a duplicate, and codes longer than the 7-byte integer keys (compared as strings).
    for (const char* code : {"302", "30101", "301", "30201", "", "30102", "301", "3010101010", "30101010109",
                             "3010101011", "30201"})
        fill(add_row(basic, code, "某项"), {"1.00"});
    r.tables.push_back(std::move(basic));
    const report_formula_data data(r);
    for (std::size_t t = 0; t < r.tables.size(); ++t) {
        const auto& rows = r.tables[t].rows;
        // Independent reference: (code, row) sorted as strings; a leaf has no other code extending it.
        std::vector<std::pair<std::string, std::uint32_t>> want;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (!rows[i].code.empty()) want.emplace_back(rows[i].code, static_cast<std::uint32_t>(i));
        std::sort(want.begin(), want.end());
        const auto& got = data.code_index(t);
        REQUIRE(got.size() == want.size());
        for (std::size_t k = 0; k < want.size(); ++k) {
            CHECK(got[k].first == want[k].first);
            CHECK(got[k].second == want[k].second);
        }
        for (std::size_t i = 0; i < rows.size(); ++i) {
            bool extended = false;
            for (const auto& other : rows)
                if (other.code.size() > rows[i].code.size() && other.code.starts_with(rows[i].code) &&
                    !rows[i].code.empty())
                    extended = true;
            INFO("table " << t << " row " << i << " code " << rows[i].code);
            CHECK(data.row_info(t, i).leaf == !extended);
            CHECK(data.row(t, i).code == rows[i].code);
            CHECK(data.bare_name(t, i) == rows[i].name);
        }
        CHECK_THROWS_AS(data.row(t, rows.size()), std::out_of_range);
        CHECK_THROWS_AS(data.column(t, r.tables[t].columns.size()), std::out_of_range);
    }
    CHECK_THROWS_AS(data.row(r.tables.size(), 0), std::out_of_range);
    // 30101 is extended by the long codes, 3010101010 by 30101010109; 3010101011 by none.
    CHECK_FALSE(data.row_info(2, 1).leaf);
    CHECK_FALSE(data.row_info(2, 7).leaf);
    CHECK(data.row_info(2, 9).leaf);
    // Code selectors (3, 5 or 7 digits) by their 8-byte keys, through the report and the generic path;
    // 301* counts the leaves 30102, 30101010109 and 3010101011.
    const forwarding_data slow(data);
    const std::pair<const char*, int> cases[] = {
        {"T03[301]", 2},  {"T03[30101]", 1}, {"T03[30201]", 2},  {"T03[3010101]", 0},
        {"T03[301*]", 3}, {"T03[302*]", 2},  {"T03[30101*]", 2}, {"T03[30102*]", 0},
    };
    for (const auto& [text, rows] : cases) {
        CAPTURE(text, rows);
        const formula f = formula::parse("count(" + std::string(text) + ") == " + std::to_string(rows));
        const auto a = f.evaluate(data);
        REQUIRE(a.size() == 1);
        CHECK(a[0].outcome == formula_outcome::holds);
        check_same(a, f.evaluate(slow));
    }
}

TEST_CASE("prefix_key: the first 8 bytes, zero-padded, first byte lowest, for every length", "[formula][names]") {
    // Bytes with the high bit set too (UTF-8), lengths 0 to 11 (the short lengths are read with
    // overlapping 4-byte loads or single bytes): the key is sum(byte[i] << 8i) over i < min(n, 8).
    const std::string text = "\x01\x82\x33\xF4\x05\xE6\x77\x88\x99\xAA\x0B";
    for (std::size_t n = 0; n <= text.size(); ++n) {
        CAPTURE(n);
        std::uint64_t want = 0;
        for (std::size_t i = 0; i < n && i < 8; ++i)
            want |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
        CHECK(detail::prefix_key(std::string_view(text).substr(0, n)) == want);
        // the key of a view inside a longer string reads nothing past the view
        CHECK(detail::prefix_key(std::string_view(text).substr(1, n > 0 ? n - 1 : 0)) ==
              (n > 1 ? detail::prefix_key(std::string(text.substr(1, n - 1))) : 0));
    }
}

TEST_CASE("names and name prefixes around the 8-byte name keys", "[formula][names]") {
    report r;
    report_table inc = make_table(table_kind::income);
    inc.number = "公开02表";
    for (const char* name : {"ABCDEFGH", "ABCDEFGHI", "ABCDEFG", "ABC", "一、ABCDEFGH", "ABCDEFGX"})
        fill(add_row(inc, "", name), {"1.00", "1.00", "0.00", "0.00", "0.00", "0.00", "0.00"});
    r.tables.push_back(std::move(inc));
    const report_formula_data fast(r);
    const forwarding_data slow(fast);
    // (expected rows: ABCDEFGH and 一、ABCDEFGH by its bare name; prefixes count every row starting so)
    const std::pair<const char*, int> cases[] = {
        {"count(income[\"ABCDEFGH\"].c1) == 2", 2},  {"count(income[\"ABCDEFGH\"*].c1) == 3", 3},
        {"count(income[\"ABCDEFG\"*].c1) == 5", 5},  {"count(income[\"ABCDEFGHI\"*].c1) == 1", 1},
        {"count(income[\"ABC\"*].c1) == 6", 6},      {"count(income[\"ABCDEFGHIJ\"*].c1) == 0", 0},
        {"count(income[\"一、ABCDEFGH\"].c1) == 2", 2}, {"count(income[\"ABCDEFGX\"].c1) == 1", 1},
        {"count(income[\"ABCDEFG\"].c1) == 1", 1},
    };
    for (const auto& [text, rows] : cases) {
        CAPTURE(text, rows);
        const formula f = formula::parse(text);
        const auto a = f.evaluate(fast);
        REQUIRE(a.size() == 1);
        CHECK(a[0].outcome == formula_outcome::holds);
        check_same(a, f.evaluate(slow));
    }
}

TEST_CASE("a cell out of range mid-sum: the cells read up to it, then cannot_evaluate", "[formula][eval]") {
    // 02 col 1: 合计 3.00, then leaves 1.00, 9 000 000 000 000 000.00 and 2.00. At 4 places the
    // second leaf is 9×10^19, beyond int64: the sum stops there. The result keeps the cells
    // read in order — the 合计 (left side), the first leaf, the failing leaf — and not the third,
    // with and without a batch
    report r;
    report_table inc = make_table(table_kind::income);
    fill(add_row(inc, "", "合计"), {"3.00", "", "", "", "", "", ""});
    fill(add_row(inc, "2010301", "行政运行"), {"1.00", "", "", "", "", "", ""});
    fill(add_row(inc, "2010302", "一般行政管理事务"), {"9000000000000000.00", "", "", "", "", "", ""});
    fill(add_row(inc, "2010303", "机关服务"), {"2.00", "", "", "", "", "", ""});
    r.tables.push_back(std::move(inc));
    const formula f = formula::parse("income[合计].c1 == sum(income[leaf].c1)");
    const report_formula_data d(r);
    auto check = [&] {
        const auto res = f.evaluate(d);
        REQUIRE(res.size() == 1);
        CHECK(res[0].outcome == formula_outcome::cannot_evaluate);
        CHECK(res[0].problem == formula_problem::arithmetic);
        CHECK(res[0].message == "a cell value is out of range");
        REQUIRE(res[0].cells.size() == 3);
        CHECK(res[0].cells[0].row == 0);
        CHECK(res[0].cells[0].operand == formula_operand::left);
        CHECK(res[0].cells[1].row == 1);
        CHECK(res[0].cells[2].row == 2);
        CHECK(res[0].cells[2].operand == formula_operand::right);
    };
    check();
    const detail::formula_batch batch(d);
    check();
}
