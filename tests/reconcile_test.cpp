// Reconciliation: the bundled Hunan report's findings worked out by hand, a report that passes
// every rule (built from the bundled one by fixing its errors here), and for every built-in rule
// a failing case made by changing one cell of that correct report.
#include "caizheng/import.hpp"
#include "caizheng/reconcile.hpp"
#include "caizheng/report_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

using namespace caizheng;

namespace {

const report& hunan() {
    static const report r = import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt");
    return r;
}

/// Only the table families (formula rules, codes, document, causes): the narrative and 绩效
/// families have their own tests.
reconcile_options tables_only() {
    reconcile_options o;
    o.narrative = false;
    o.performance = false;
    return o;
}

std::vector<std::size_t> with_rule(const reconcile_result& res, std::string_view rule) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < res.findings.size(); ++i)
        if (res.findings[i].rule == rule) out.push_back(i);
    return out;
}

decimal d(const char* s) { return decimal::parse(s); }

report_table& table_of(report& r, table_kind k) {
    report_table* t = r.table(k);
    REQUIRE(t != nullptr);
    return *t;
}

/// A row by code, "#行次", or name (and side).
table_row& row_of(report& r, table_kind k, std::string_view key, std::optional<row_side> side = {}) {
    report_table& t = table_of(r, k);
    for (table_row& row : t.rows) {
        if (side && row.side != *side) continue;
        if (row.code == key || row_key(row) == key || row.name == key) return row;
        if (key.empty()) return row;
    }
    FAIL("no row " << key);
    throw std::logic_error("unreachable");
}

void set(report& r, table_kind k, std::string_view key, column_id col, const char* text,
         std::optional<row_side> side = {}) {
    report_table& t = table_of(r, k);
    table_row& row = row_of(r, k, key, side);
    const auto ci = t.column_index(col, side ? std::optional<row_side>() : std::nullopt);
    std::optional<std::size_t> idx;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (t.columns[i].id == col && (t.columns[i].side == row_side::none || t.columns[i].side == row.side)) idx = i;
    if (!idx) idx = ci;
    REQUIRE(idx.has_value());
    set_cell_text(row.cells[*idx], text);
}

/// Insert a row after the last row of the table (the 2210201 row the bundled report lacks).
void add_code_row(report& r, table_kind k, const char* code, const char* name, std::vector<const char*> cells) {
    report_table& t = table_of(r, k);
    table_row& row = add_row(t, code, name);
    REQUIRE(cells.size() == row.cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) set_cell_text(row.cells[i], cells[i]);
}

/// The bundled report with its errors fixed: it passes every rule.
report clean_report() {
    report r = hunan();
    // 02 lacks 2210201 住房公积金 17.30 (present in 05; 02's 合计 1227.61 includes it):
    add_code_row(r, table_kind::income, "2210201", "住房公积金",
                 {"17.30", "17.30", "0.00", "0.00", "0.00", "0.00", "0.00"});
    // 03 lacks it too (05 has it; 03's 合计 1227.61 and 基本 248.87 include it):
    add_code_row(r, table_kind::expenditure, "2210201", "住房公积金",
                 {"17.30", "17.30", "0.00", "0.00", "0.00", "0.00"});
    // 09: the 公务用车 小计 must be 购置 0.00 + 运行维护 1.19 = 1.19 (合计 1.40 = 0 + 1.19 + 0.21 holds then):
    set(r, table_kind::three_public, "", column_id::vehicle_total, "1.19", row_side::budget);
    set(r, table_kind::three_public, "", column_id::vehicle_total, "1.19", row_side::actual);
    // 06: 301 212.55 against Σ 款 212.54 is a tail difference; make it exact (30101 +0.01):
    set(r, table_kind::basic_expenditure_detail, "30101", column_id::amount, "54.39");
    return r;
}

}  // namespace

// ---- The bundled report ---------------------------------------------------------------------------

TEST_CASE("bundled Hunan report: the findings worked out by hand", "[reconcile][hunan]") {
    const reconcile_result res = reconcile(hunan(), tables_only());
    INFO(render_text(hunan(), res));

    // (1) 02 收入决算表: 合计 1227.61, its 8 rows 192.26 + 948.74 + 25.00 + 5.00 + 19.64 + 0.62 + 7.63
    //     + 11.42 = 1210.31; gap 17.30 = the row 2210201 住房公积金 17.30 of 05, absent from 02.
    //     8 non-zero parts → tail bound ⌊8/2⌋ = 0.04 < 17.30: an error, in col 1 and col 2 (财政拨款).
    const auto root02 = with_rule(res, "cross.missing_row");
    REQUIRE(root02.size() == 1);
    const finding& m02 = res.findings[root02[0]];
    CHECK(m02.severity == severity::error);
    CHECK(m02.expected == d("17.30"));
    CHECK(m02.message_en.find("02 is missing 2210201 住房公积金 17.30, present in 05") != std::string::npos);
    const auto total02 = with_rule(res, "income.total_row");
    REQUIRE(total02.size() == 2);
    for (std::size_t i : total02) {
        const finding& f = res.findings[i];
        CHECK(f.severity == severity::error);
        CHECK(f.found == d("1227.61"));
        CHECK(f.expected == d("1210.31"));
        CHECK(f.difference == d("17.30"));
        CHECK(f.bound == d("0.04"));
        CHECK(res.cause[i] == static_cast<std::int32_t>(root02[0]));  // same root cause
    }
    // (2) 02 rolled up to 类 against 01: 201 = 192.26 + 948.74 + 25 + 5 = 1171.00 ✓, 208 = 19.64 + 0.62
    //     = 20.26 ✓, 210 = 7.63 + 11.42 = 19.05 ✓, 221: no row in 02 (0) vs 01 17.30 ✗ — same cause.
    const auto lei02 = with_rule(res, "income.lei_vs_summary");
    REQUIRE(lei02.size() == 1);
    CHECK(res.cause[lei02[0]] == static_cast<std::int32_t>(root02[0]));

    // (3) 03 支出决算表: 05 has 2210201 17.30 and 03 does not (all spending is 一般公共预算, so the
    //     rows must be equal): "03 is missing 2210201 住房公积金 17.30, present in 05".
    const auto root03 = with_rule(res, "general.rows_in_expenditure");
    REQUIRE(root03.size() == 1);
    CHECK(res.findings[root03[0]].message_en.find("03 is missing 2210201 住房公积金 17.30, present in 05") !=
          std::string::npos);
    CHECK(res.cause[root03[0]] == -1);
    //     03 col 1: rows 1210.31 vs 合计 1227.61; col 2 基本: 192.26 + 19.64 + 0.62 + 7.63 + 11.42 =
    //     231.57 vs 合计 248.87; both gaps 17.30 — the same missing row (col 3 978.74 ✓).
    const auto total03 = with_rule(res, "expenditure.total_row");
    REQUIRE(total03.size() == 2);
    std::set<std::string> found03;
    for (std::size_t i : total03) {
        CHECK(res.findings[i].difference == d("17.30"));
        CHECK(res.cause[i] == static_cast<std::int32_t>(root03[0]));
        found03.insert(res.findings[i].found->to_string() + "/" + res.findings[i].expected->to_string());
    }
    CHECK(found03 == std::set<std::string>{"1227.61/1210.31", "248.87/231.57"});
    const auto lei03 = with_rule(res, "expenditure.lei_vs_summary");
    REQUIRE(lei03.size() == 1);
    CHECK(res.cause[lei03[0]] == static_cast<std::int32_t>(root03[0]));

    // (4) 09 三公, both halves print 1.4 / 0.00 / 1.4 / 0.00 / 1.19 / 0.21:
    //     公务用车 小计 1.40 vs 购置 0.00 + 运行维护 1.19 = 1.19: gap 0.21, 1 non-zero part → bound 0.
    const auto veh = with_rule(res, "sangong.vehicle");
    REQUIRE(veh.size() == 2);
    for (std::size_t i : veh) {
        CHECK(res.findings[i].severity == severity::error);
        CHECK(res.findings[i].found == d("1.40"));
        CHECK(res.findings[i].expected == d("1.19"));
        CHECK(res.findings[i].difference == d("0.21"));
    }
    //     合计 1.40 vs 出国 0.00 + 小计 1.40 + 接待 0.21 = 1.61: gap −0.21, bound ⌊2/2⌋ = 0.01 → error; but
    //     1.40 = 0.00 + 0.00 + 1.19 + 0.21, so the 小计 is the wrong cell: 合计 follows from 小计.
    const auto tot = with_rule(res, "sangong.total");
    REQUIRE(tot.size() == 2);
    for (std::size_t i : tot) {
        CHECK(res.findings[i].found == d("1.40"));
        CHECK(res.findings[i].expected == d("1.61"));
        CHECK(res.findings[i].difference == d("-0.21"));
        CHECK(res.findings[i].bound == d("0.01"));
        REQUIRE(res.cause[i] >= 0);
        CHECK(res.findings[static_cast<std::size_t>(res.cause[i])].rule == "sangong.vehicle");
    }

    // (5) 06: 301 printed 212.55, its 款 54.38 + 30.94 + 63.27 + 19.64 + 7.34 + 7.63 + 11.42 + 0.62 +
    //     17.3 = 212.54: gap 0.01 with 9 non-zero parts, bound ⌊9/2⌋ = 0.04 → a TAIL DIFFERENCE, not an error.
    const auto tail = with_rule(res, "basic.lei_sum");
    REQUIRE(tail.size() == 1);
    const finding& t = res.findings[tail[0]];
    CHECK(t.severity == severity::tail_difference);
    CHECK(t.found == d("212.55"));
    CHECK(t.expected == d("212.54"));
    CHECK(t.difference == d("0.01"));
    CHECK(t.bound == d("0.04"));
    CHECK(t.locations.front().row == "301");
    CHECK(t.message_en.find("n = 9 parts") != std::string::npos);
    CHECK(res.count(severity::tail_difference) == 1);

    // Nothing else: 01, 04, 05, 07, 08, the 06 identities, soft links and codes all hold
    // (1 + 2 + 1 + 1 + 2 + 1 + 2 + 2 = 12 errors).
    CHECK(res.count(severity::error) == 12);
    CHECK(res.count(severity::warning) == 0);
    CHECK(res.count(severity::unchecked) == 0);
    // findings are sorted by severity
    CHECK(std::is_sorted(res.findings.begin(), res.findings.end(), [](const finding& a, const finding& b) {
        return static_cast<int>(a.severity) < static_cast<int>(b.severity);
    }));
}

TEST_CASE("bundled report: the project figure 14.97/14.98 is one root cause with one root finding", "[reconcile][hunan]") {
    // The “放管服”和“一件事一次办”改革工作经费 project: the 自评表's 全年执行数 prints 14.98, the
    // 基础数据表's 本年决算数 14.97 and the 自评报告 prose "项目支出 14.97 万元". One figure printed
    // two ways: P.basic.project (自评表 14.98 vs 基础数据表 14.97) is the root; N.annex.project
    // (prose 14.97 vs 自评表 14.98) compares the same two values at the same 自评表 cell, so it is
    // linked under it (reported once as a root cause, the narrative finding listed beneath).
    const reconcile_result res = reconcile(hunan());
    INFO(render_text(hunan(), res));
    const auto p = with_rule(res, "P.basic.project");
    const auto n = with_rule(res, "N.annex.project");
    REQUIRE(p.size() == 1);
    REQUIRE(n.size() == 1);
    const finding& root = res.findings[p[0]];
    CHECK(root.found == d("14.98"));     // the 自评表
    CHECK(root.expected == d("14.97"));  // the 基础数据表
    CHECK(res.cause[p[0]] == -1);
    CHECK(root.message_en.find("It explains 1 other finding") != std::string::npos);
    const finding& prose = res.findings[n[0]];
    CHECK(prose.found == d("14.97"));     // the prose
    CHECK(prose.expected == d("14.98"));  // the 自评表
    CHECK(res.cause[n[0]] == static_cast<std::int32_t>(p[0]));
    CHECK(prose.message_en.find("the same disagreement as P.basic.project") != std::string::npos);
    // Text output prints the narrative finding under its root, not as a second root.
    const std::string text = render_text(hunan(), res);
    const auto at_root = text.find("P.basic.project");
    const auto at_child = text.find("↳ #" + std::to_string(n[0] + 1) + " ");
    REQUIRE(at_root != std::string::npos);
    REQUIRE(at_child != std::string::npos);
    CHECK(at_root < at_child);
    // Without cause analysis both stay unlinked roots.
    reconcile_options o;
    o.causes = false;
    const reconcile_result plain = reconcile(hunan(), o);
    for (std::int32_t c : plain.cause) CHECK(c == -1);
}

TEST_CASE("bundled report: every family runs and the outputs agree", "[reconcile][hunan]") {
    const reconcile_result all = reconcile(hunan());
    const reconcile_result tables = reconcile(hunan(), tables_only());
    CHECK(all.rules_evaluated > tables.rules_evaluated);
    CHECK(all.findings.size() > tables.findings.size());  // narrative and 绩效 findings
    // a result kept among many (run_batch) holds at most about twice the room its findings need
    CHECK(tables.findings.capacity() <= 2 * tables.findings.size() + 8);
    CHECK(all.findings.capacity() <= 2 * all.findings.size() + 8);
    bool narrative = false, performance = false;
    for (const finding& f : all.findings) {
        narrative = narrative || rule_family_of(f.rule) == rule_family::narrative;
        performance = performance || rule_family_of(f.rule) == rule_family::performance;
    }
    CHECK(narrative);
    CHECK(performance);

    const std::string text = render_text(hunan(), tables);
    CHECK(text.find("02 is missing 2210201 住房公积金 17.30, present in 05") != std::string::npos);
    CHECK(text.find("TAIL DIFFERENCES") != std::string::npos);

    const boost::json::value j = boost::json::parse(render_json(hunan(), tables, true));
    CHECK(j.at("format").as_string() == "caizheng-findings");
    CHECK(j.at("summary").at("error").as_int64() == 12);
    const auto& fs = j.at("findings").as_array();
    REQUIRE(fs.size() == tables.findings.size());
    CHECK(fs[0].at("severity").as_string() == "error");
    for (std::size_t i = 0; i < fs.size(); ++i) {
        const auto& c = fs[i].at("cause");
        if (tables.cause[i] < 0) CHECK(c.is_null());
        else CHECK(c.as_int64() == tables.cause[i]);
    }

    const std::string html = render_html(hunan(), tables);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<style>") != std::string::npos);
    CHECK(html.find("http://") == std::string::npos);   // self-contained: no external resource
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("class=\"num error\"") != std::string::npos);  // a highlighted cell
    CHECK(html.find("class=\"num tail\"") != std::string::npos);   // 06 301
    CHECK(html.find("class=\"ghost\"") != std::string::npos);      // the missing 2210201 rows

    // text from the report and the findings is escaped; markup, integers and numbers are written
    reconcile_result odd = tables;
    odd.findings[0].message_en = "a <b>\"q\"</b> & done";
    const std::string page = render_html(hunan(), odd);
    CHECK(page.find("a &lt;b&gt;&quot;q&quot;&lt;/b&gt; &amp; done") != std::string::npos);
    CHECK(page.find("<b>\"q\"</b>") == std::string::npos);
    CHECK(page.find("id=\"f1\"><div class=\"head\"><span class=\"id\">#1</span>") != std::string::npos);
    CHECK(page.find(" " + std::to_string(hunan().meta.year) + " 决算核对 reconciliation</title>") != std::string::npos);
}

TEST_CASE("findings JSON: compact and pretty forms hold every member of every finding", "[reconcile][json]") {
    reconcile_result res = reconcile(hunan());
    REQUIRE(!res.findings.empty());
    // a message no bundled report has: quotes, a backslash and control characters to escape
    res.findings[0].message_en = "a \"quoted\" \\ path\nnext\tline \x01";
    const std::string compact = render_json(hunan(), res, false);
    const std::string pretty = render_json(hunan(), res, true);
    const boost::json::value c = boost::json::parse(compact);
    // compact is Boost.JSON's own compact form; pretty is the same document
    CHECK(boost::json::serialize(c) == compact);
    CHECK(boost::json::parse(pretty) == c);
    CHECK(pretty.back() == '\n');
    CHECK(pretty.find("\n  \"findings\": [\n    {\n      \"rule\": ") != std::string::npos);

    CHECK(c.at("report").at("department").as_string() == hunan().meta.department);
    CHECK(c.at("report").at("year").as_int64() == hunan().meta.year);
    CHECK(c.at("summary").at("rules_evaluated").to_number<std::size_t>() == res.rules_evaluated);
    CHECK(c.at("summary").at("unchecked").to_number<std::size_t>() == res.count(severity::unchecked));
    const auto& fs = c.at("findings").as_array();
    REQUIRE(fs.size() == res.findings.size());
    const auto text_or_null = [](const std::optional<decimal>& d) {
        return d ? boost::json::value(d->to_string()) : boost::json::value(nullptr);
    };
    for (std::size_t i = 0; i < fs.size(); ++i) {
        const finding& f = res.findings[i];
        const auto& o = fs[i].as_object();
        INFO(i);
        CHECK(o.at("rule").as_string() == f.rule);
        CHECK(o.at("expected") == text_or_null(f.expected));
        CHECK(o.at("found") == text_or_null(f.found));
        CHECK(o.at("difference") == text_or_null(f.difference));
        CHECK(o.at("bound") == text_or_null(f.bound));
        CHECK(o.at("message_zh").as_string() == f.message_zh);
        CHECK(o.at("message_en").as_string() == f.message_en);
        CHECK(o.at("index").to_number<std::size_t>() == i);
        CHECK(o.at("family").as_string().size() > 0);
        const auto& locs = o.at("locations").as_array();
        REQUIRE(locs.size() == f.locations.size());
        for (std::size_t k = 0; k < locs.size(); ++k) {
            CHECK(locs[k].at("row").as_string() == f.locations[k].row);
            CHECK(locs[k].at("column").as_int64() == f.locations[k].column);
            CHECK(locs[k].at("text").as_string() == f.locations[k].text);
            CHECK(locs[k].at("table").is_null() == !f.locations[k].table.has_value());
        }
        // members in declaration order, then index, cause, family
        std::vector<std::string> keys;
        for (const auto& kv : o) keys.emplace_back(kv.key());
        CHECK(keys == std::vector<std::string>{"rule", "severity", "locations", "expected", "found", "difference",
                                               "bound", "unit", "message_zh", "message_en", "index", "cause", "family"});
    }

    const reconcile_result none;
    CHECK(render_json(hunan(), none, false).find("\"findings\":[]}") != std::string::npos);
    CHECK(render_json(hunan(), none, true).find("\"findings\": []\n}\n") != std::string::npos);
}

// ---- A correct report, and one cell changed per rule -----------------------------------------------

TEST_CASE("the bundled report with its errors fixed passes every rule", "[reconcile]") {
    const report r = clean_report();
    const reconcile_result res = reconcile(r, tables_only());
    INFO(render_text(r, res));
    CHECK(res.findings.empty());
}

namespace {

struct mutation {
    const char* rule;
    std::function<void(report&)> change;
};

const std::vector<mutation>& mutations() {
    using K = table_kind;
    using C = column_id;
    using S = row_side;
    static const std::vector<mutation> m = {
        {"summary.income_total", [](report& r) { set(r, K::income_expenditure_total, "#8", C::income_amount, "1.00"); }},
        {"summary.income_grand_total", [](report& r) { set(r, K::income_expenditure_total, "#11", C::income_amount, "1.00"); }},
        {"summary.expenditure_total", [](report& r) { set(r, K::income_expenditure_total, "#15", C::expenditure_amount, "1.00"); }},
        {"summary.expenditure_grand_total", [](report& r) { set(r, K::income_expenditure_total, "#24", C::expenditure_amount, "1.00"); }},
        {"summary.balance", [](report& r) { set(r, K::income_expenditure_total, "#26", C::expenditure_amount, "1227.62"); }},
        {"income.total_row", [](report& r) { set(r, K::income, "合计", C::superior_subsidy_income, "1.00"); }},
        {"income.row_sum", [](report& r) { set(r, K::income, "2010301", C::total_income, "192.27"); }},
        {"income.total_vs_summary", [](report& r) { set(r, K::income, "合计", C::total_income, "1227.62"); }},
        {"income.lei_vs_summary", [](report& r) { set(r, K::income, "2010301", C::total_income, "193.26"); }},
        {"expenditure.total_row", [](report& r) { set(r, K::expenditure, "合计", C::remittance_to_superior, "1.00"); }},
        {"expenditure.row_sum", [](report& r) { set(r, K::expenditure, "2010301", C::basic_expenditure, "192.25"); }},
        {"expenditure.total_vs_summary", [](report& r) { set(r, K::expenditure, "合计", C::total_expenditure, "1227.62"); }},
        {"expenditure.lei_vs_summary", [](report& r) { set(r, K::expenditure, "2010301", C::total_expenditure, "193.26"); }},
        {"fiscal.income_total", [](report& r) { set(r, K::fiscal_total, "#3", C::income_amount, "1.00"); }},
        {"fiscal.income_grand_total", [](report& r) { set(r, K::fiscal_total, "#15", C::income_amount, "1227.62"); }},
        {"fiscal.opening_balance", [](report& r) { set(r, K::fiscal_total, "#12", C::income_amount, "1.00"); }},
        {"fiscal.row_sum", [](report& r) { set(r, K::fiscal_total, "#16", C::general_budget, "1171.01"); }},
        {"fiscal.expenditure_total", [](report& r) { set(r, K::fiscal_total, "#17", C::government_fund, "1.00"); }},
        {"fiscal.expenditure_grand_total", [](report& r) { set(r, K::fiscal_total, "#26", C::total, "1.00"); }},
        {"fiscal.balance", [](report& r) { set(r, K::fiscal_total, "#30", C::total, "1227.62"); }},
        {"fiscal.general_vs_summary", [](report& r) { set(r, K::fiscal_total, "#1", C::income_amount, "1227.62"); }},
        {"fiscal.fund_vs_summary", [](report& r) { set(r, K::fiscal_total, "#2", C::income_amount, "1.00"); }},
        {"fiscal.capital_vs_summary", [](report& r) { set(r, K::fiscal_total, "#3", C::income_amount, "1.00"); }},
        {"general.total_row", [](report& r) { set(r, K::general_budget_expenditure, "合计", C::project_expenditure, "978.84"); }},
        {"general.row_sum", [](report& r) { set(r, K::general_budget_expenditure, "2010301", C::subtotal, "192.27"); }},
        {"general.total_vs_fiscal", [](report& r) { set(r, K::general_budget_expenditure, "合计", C::subtotal, "1227.62"); }},
        {"general.lei_vs_fiscal", [](report& r) { set(r, K::general_budget_expenditure, "2010301", C::subtotal, "193.26"); }},
        {"general.rows_in_expenditure", [](report& r) { set(r, K::general_budget_expenditure, "2101101", C::subtotal, "7.64"); }},
        {"expenditure.rows_in_general", [](report& r) { set(r, K::expenditure, "2101101", C::total_expenditure, "7.64"); }},
        {"general.basic_vs_expenditure", [](report& r) { set(r, K::general_budget_expenditure, "合计", C::basic_expenditure, "248.88"); }},
        {"basic.lei_sum", [](report& r) { set(r, K::basic_expenditure_detail, "302", C::amount, "36.42"); }},
        {"basic.personnel", [](report& r) { set(r, K::basic_expenditure_detail, "人员经费合计", C::amount, "212.65"); }},
        {"basic.public", [](report& r) { set(r, K::basic_expenditure_detail, "公用经费合计", C::amount, "36.42"); }},
        {"basic.vs_general", [](report& r) { set(r, K::basic_expenditure_detail, "公用经费合计", C::amount, "36.42"); }},
        {"basic.pension_link", [](report& r) { set(r, K::basic_expenditure_detail, "30108", C::amount, "19.65"); }},
        {"basic.medical_link", [](report& r) { set(r, K::basic_expenditure_detail, "30110", C::amount, "7.73"); }},
        {"basic.housing_link", [](report& r) { set(r, K::basic_expenditure_detail, "30113", C::amount, "17.31"); }},
        {"fund.total_row", [](report& r) { set(r, K::government_fund, "合计", C::subtotal, "1.00"); }},
        {"fund.row_sum", [](report& r) { set(r, K::government_fund, "合计", C::subtotal, "1.00"); }},
        {"fund.carry_over", [](report& r) { set(r, K::government_fund, "合计", C::subtotal, "1.00"); }},
        {"fund.vs_fiscal", [](report& r) { set(r, K::government_fund, "合计", C::subtotal, "1.00"); }},
        {"capital.total_row", [](report& r) { set(r, K::state_capital, "合计", C::total, "1.00"); }},
        {"capital.row_sum", [](report& r) { set(r, K::state_capital, "合计", C::total, "1.00"); }},
        {"capital.vs_fiscal", [](report& r) { set(r, K::state_capital, "合计", C::total, "1.00"); }},
        {"capital.carry_over", [](report& r) {
             // the rule applies to an 08 printed like 07 (Shanghai): give 08 that layout, as the
             // importers do (本年支出 小计 with 08's id total), then 1.00 opening balance that
             // neither is spent nor reaches the (empty) closing balance
             report_table& t = table_of(r, K::state_capital);
             t.columns = standard_columns(K::government_fund);
             for (table_column& c : t.columns)
                 if (c.id == C::subtotal) c.id = C::total;
             for (table_row& row : t.rows) row.cells.assign(t.columns.size(), table_cell{});
             set(r, K::state_capital, "合计", C::opening_balance, "1.00");
         }},
        {"sangong.total", [](report& r) { set(r, K::three_public, "", C::official_reception, "0.31", S::budget); }},
        {"sangong.vehicle", [](report& r) { set(r, K::three_public, "", C::vehicle_purchase, "1.00", S::actual); }},
        {"sangong.overseas_link", [](report& r) { set(r, K::three_public, "", C::overseas_travel, "0.50", S::actual); }},
        {"sangong.vehicle_link", [](report& r) { set(r, K::three_public, "", C::vehicle_operation, "1.29", S::actual); }},
        {"sangong.reception_link", [](report& r) { set(r, K::three_public, "", C::official_reception, "0.31", S::actual); }},
        // C++ rules
        {"codes.malformed", [](report& r) { row_of(r, K::income, "2010301").code = "201030"; }},
        {"codes.unknown", [](report& r) { row_of(r, K::income, "2010305").code = "2019998"; }},
        {"codes.name", [](report& r) { row_of(r, K::income, "2010301").name = "行政运行经费"; }},
        {"codes.name_truncated", [](report& r) { row_of(r, K::income, "2010302").name = "一般行政管理"; }},
        {"codes.duplicate", [](report& r) { row_of(r, K::basic_expenditure_detail, "30106").code = "30107"; }},
        {"codes.lei_name", [](report& r) { row_of(r, K::income_expenditure_total, "#14").name = "一、一般公共服务费用"; }},
        {"codes.catalog_year", [](report& r) { r.meta.year = 2031; }},
        {"document.missing_table", [](report& r) {
             r.tables.erase(std::remove_if(r.tables.begin(), r.tables.end(),
                                           [](const report_table& t) { return t.kind == table_kind::state_capital; }),
                            r.tables.end());
         }},
        {"document.import_warning", [](report& r) { r.warnings.push_back({warning_kind::unplaced_line, 7, "???", "test"}); }},
        {"document.no_data", [](report& r) { set(r, K::fiscal_total, "#25", C::government_fund, "1.00"); }},
        {"cross.missing_row", [](report& r) {
             auto& rows = table_of(r, K::income).rows;
             rows.erase(std::remove_if(rows.begin(), rows.end(), [](const table_row& x) { return x.code == "2101101"; }),
                        rows.end());
         }},
    };
    return m;
}

}  // namespace

TEST_CASE("every built-in rule: passes on the correct report, fails when one cell changes", "[reconcile][rules]") {
    const report clean = clean_report();
    const reconcile_result ok = reconcile(clean, tables_only());
    REQUIRE(ok.findings.empty());
    std::set<std::string> covered;
    for (const mutation& m : mutations()) {
        DYNAMIC_SECTION(m.rule) {
            report r = clean;
            m.change(r);
            const reconcile_result res = reconcile(r, tables_only());
            INFO(render_text(r, res, {message_language::en, false}));
            const auto hits = with_rule(res, m.rule);
            REQUIRE_FALSE(hits.empty());
            const rule_info* info = find_builtin_rule(m.rule);
            REQUIRE(info != nullptr);
            CHECK(res.findings[hits[0]].severity == info->severity);
        }
        covered.insert(m.rule);
    }
    // every rule of the catalog has its case (the narrative and 绩效 families are tested elsewhere)
    for (const rule_info& i : builtin_rules()) {
        if (i.family == rule_family::narrative || i.family == rule_family::performance) continue;
        INFO(i.id);
        CHECK(covered.count(i.id) == 1);
    }
}

TEST_CASE("a code printed three times: each repeat is reported against its first row", "[reconcile]") {
    report r = clean_report();
    table_row& first = row_of(r, table_kind::basic_expenditure_detail, "30107");
    const std::uint32_t first_line = first.source.line;
    const std::uint32_t line_a = row_of(r, table_kind::basic_expenditure_detail, "30106").source.line;
    const std::uint32_t line_b = row_of(r, table_kind::basic_expenditure_detail, "30112").source.line;
    REQUIRE(first_line < line_b);
    row_of(r, table_kind::basic_expenditure_detail, "30106").code = "30107";
    row_of(r, table_kind::basic_expenditure_detail, "30112").code = "30107";
    const reconcile_result res = reconcile(r, tables_only());
    std::vector<std::string> messages;
    for (const std::size_t i : with_rule(res, "codes.duplicate")) messages.push_back(res.findings[i].message_en);
    // 30106 is printed above 30107 in 06: the first 30107 is then the renamed 30106 row
    const std::uint32_t lo = std::min(first_line, line_a);
    const std::uint32_t hi = std::max(first_line, line_a);
    const std::vector<std::string> want = {
        "06: code 30107 appears twice (lines " + std::to_string(lo) + " and " + std::to_string(hi) + ").",
        "06: code 30107 appears twice (lines " + std::to_string(lo) + " and " + std::to_string(line_b) + ")."};
    CHECK(messages == want);
}

TEST_CASE("codes.duplicate: a repeat in a table printed in code order, and codes too long for a key", "[reconcile]") {
    // 02 prints its codes in increasing order (no sort needed) until a code repeats there
    report r = clean_report();
    const std::uint32_t line_a = row_of(r, table_kind::income, "2010301").source.line;
    const std::uint32_t line_b = row_of(r, table_kind::income, "2010302").source.line;
    REQUIRE(line_a < line_b);
    row_of(r, table_kind::income, "2010302").code = "2010301";
    reconcile_result res = reconcile(r, tables_only());
    auto dup = with_rule(res, "codes.duplicate");
    REQUIRE(dup.size() == 1);
    CHECK(res.findings[dup[0]].message_en == "02: code 2010301 appears twice (lines " + std::to_string(line_a) +
                                                 " and " + std::to_string(line_b) + ").");
    // codes of more than 7 bytes (malformed, but still compared for repeats as strings): 30106
    // and 30112 of 06 both printed as 301010101, 30107 as 3010101010
    r = clean_report();
    const std::uint32_t line_c = row_of(r, table_kind::basic_expenditure_detail, "30106").source.line;
    const std::uint32_t line_d = row_of(r, table_kind::basic_expenditure_detail, "30112").source.line;
    REQUIRE(line_c < line_d);
    row_of(r, table_kind::basic_expenditure_detail, "30106").code = "301010101";
    row_of(r, table_kind::basic_expenditure_detail, "30112").code = "301010101";
    row_of(r, table_kind::basic_expenditure_detail, "30107").code = "3010101010";
    res = reconcile(r, tables_only());
    dup = with_rule(res, "codes.duplicate");
    REQUIRE(dup.size() == 1);
    CHECK(res.findings[dup[0]].message_en == "06: code 301010101 appears twice (lines " + std::to_string(line_c) +
                                                 " and " + std::to_string(line_d) + ").");
    CHECK(with_rule(res, "codes.malformed").size() == 3);
    // 06 printed upside down: every coded row starts a run of increasing codes (more than a few
    // runs: the codes are sorted), as integer keys and, with a code over 7 bytes, as strings.
    // The first row of a repeat is now the lower one on the page.
    for (const char* code : {"30107", "301010101"}) {
        INFO(code);
        r = clean_report();
        const std::uint32_t line_e = row_of(r, table_kind::basic_expenditure_detail, "30107").source.line;
        row_of(r, table_kind::basic_expenditure_detail, "30106").code = code;
        row_of(r, table_kind::basic_expenditure_detail, "30112").code = code;
        auto& rows = table_of(r, table_kind::basic_expenditure_detail).rows;
        std::reverse(rows.begin(), rows.end());
        res = reconcile(r, tables_only());
        std::vector<std::string> messages;
        for (const std::size_t i : with_rule(res, "codes.duplicate")) messages.push_back(res.findings[i].message_en);
        std::vector<std::string> want;
        if (std::string_view(code) == "30107") {
            // rows 30112 (now first), 30107, 30106 (now last) all print 30107, in this row order
            want = {"06: code 30107 appears twice (lines " + std::to_string(line_d) + " and " + std::to_string(line_e) + ").",
                    "06: code 30107 appears twice (lines " + std::to_string(line_d) + " and " + std::to_string(line_c) + ")."};
        } else {
            want = {"06: code 301010101 appears twice (lines " + std::to_string(line_d) + " and " + std::to_string(line_c) + ")."};
        }
        // (findings are listed in the report's order, not the table's)
        std::sort(messages.begin(), messages.end());
        std::sort(want.begin(), want.end());
        CHECK(messages == want);
    }
}

TEST_CASE("codes.lei_name: names that need normalization and names that do not", "[reconcile]") {
    // 01 line 14 is 一、一般公共服务支出 (类 201 一般公共服务支出); the name is normalized
    // (whitespace dropped, ASCII parentheses made full-width) and its enumeration dropped before
    // the catalog lookup, with or without a trailing 支出.
    auto lei_findings = [](const char* name) {
        report r = clean_report();
        row_of(r, table_kind::income_expenditure_total, "#14").name = name;
        const reconcile_result res = reconcile(r, tables_only());
        std::vector<std::string> out;
        for (const std::size_t i : with_rule(res, "codes.lei_name")) out.push_back(res.findings[i].message_en);
        return out;
    };
    // nothing to normalize
    CHECK(lei_findings("一、一般公共服务支出").empty());
    CHECK(lei_findings("一般公共服务").empty());
    CHECK(lei_findings("1.一般公共服务支出").empty());
    // normalized first: a space, an ideographic space, ASCII parentheses around the numeral
    CHECK(lei_findings("一、一般公共服务 支出").empty());
    CHECK(lei_findings("一、\u3000一般公共服务").empty());
    CHECK(lei_findings("(一)一般公共服务").empty());
    // not a 类 either way; the message quotes the name as given
    CHECK(lei_findings("一、一般公共服务费用").size() == 1);
    const auto spaced = lei_findings("(一) 一般公共服务 费用");
    REQUIRE(spaced.size() == 1);
    CHECK(spaced[0].find("'(一) 一般公共服务 费用'") != std::string::npos);
    // an ASCII parenthesis kept inside the name is normalized to full-width, which the catalog's
    // 类 names do not contain
    CHECK(lei_findings("一般公共服务(支出)").size() == 1);
}

TEST_CASE("a row absent here whose 款 or a longer code is printed here is no missing row", "[reconcile]") {
    // 02 without 2101101 行政单位医疗 7.63 is 7.63 short (see the next case), but when 02 prints
    // 2101103 as 21011 (an ancestor of 2101101) or as 210110101 (a code extending it), 2101101
    // of 05 has a row in 02: the gap is not explained by a missing row.
    for (const char* code : {"21011", "210110101"}) {
        INFO(code);
        report r = clean_report();
        auto& rows = table_of(r, table_kind::income).rows;
        rows.erase(std::remove_if(rows.begin(), rows.end(), [](const table_row& x) { return x.code == "2101101"; }),
                   rows.end());
        row_of(r, table_kind::income, "2101103").code = code;
        const reconcile_result res = reconcile(r, tables_only());
        CHECK_FALSE(with_rule(res, "income.total_row").empty());
        CHECK(with_rule(res, "cross.missing_row").empty());
    }
}

TEST_CASE("a missing row links every check it upsets to one root cause", "[reconcile]") {
    report r = clean_report();
    // remove 2101101 行政单位医疗 7.63 from 02: 合计 col 1 and col 2 are 7.63 short, 类 210 too
    auto& rows = table_of(r, table_kind::income).rows;
    rows.erase(std::remove_if(rows.begin(), rows.end(), [](const table_row& x) { return x.code == "2101101"; }),
               rows.end());
    const reconcile_result res = reconcile(r, tables_only());
    const auto root = with_rule(res, "cross.missing_row");
    REQUIRE(root.size() == 1);
    CHECK(res.findings[root[0]].message_en.find("02 is missing 2101101 行政单位医疗 7.63, present in 05") !=
          std::string::npos);
    std::size_t linked = 0;
    for (std::size_t i = 0; i < res.findings.size(); ++i)
        if (res.cause[i] == static_cast<std::int32_t>(root[0])) ++linked;
    CHECK(linked == 3);  // 合计 col 1, col 2, 类 210
    CHECK(res.count(severity::error) == 4);
}

TEST_CASE("tail differences: within ⌊n/2⌋ is not an error, beyond it is", "[reconcile]") {
    report r = clean_report();
    // 06 301 = Σ 9 non-zero 款: +0.04 is the bound ⌊9/2⌋ → tail difference
    set(r, table_kind::basic_expenditure_detail, "301", column_id::amount, "212.59");
    set(r, table_kind::basic_expenditure_detail, "人员经费合计", column_id::amount, "212.59");
    reconcile_result res = reconcile(r, tables_only());
    auto hits = with_rule(res, "basic.lei_sum");
    REQUIRE(hits.size() == 1);
    CHECK(res.findings[hits[0]].severity == severity::tail_difference);
    CHECK(res.findings[hits[0]].bound == d("0.04"));
    // +0.05 is beyond it → error
    set(r, table_kind::basic_expenditure_detail, "301", column_id::amount, "212.60");
    res = reconcile(r, tables_only());
    hits = with_rule(res, "basic.lei_sum");
    REQUIRE(hits.size() == 1);
    CHECK(res.findings[hits[0]].severity == severity::error);
    // the same figure printed twice: 01 本年收入合计 vs 02 合计 by 0.01 is an error (no parts summed)
    report r2 = clean_report();
    set(r2, table_kind::income, "合计", column_id::total_income, "1227.62");
    set(r2, table_kind::income, "合计", column_id::fiscal_appropriation_income, "1227.62");
    res = reconcile(r2, tables_only());
    hits = with_rule(res, "income.total_vs_summary");
    REQUIRE(hits.size() == 1);
    CHECK(res.findings[hits[0]].severity == severity::error);
}

TEST_CASE("every built-in rule is found by its id, and only by it", "[reconcile][catalog]") {
    REQUIRE(builtin_rules().size() > 40);
    for (const rule_info& i : builtin_rules()) {
        INFO(i.id);
        CHECK(find_builtin_rule(i.id) == &i);
        CHECK(rule_family_of(i.id) == i.family);
        CHECK(find_builtin_rule(i.id + "x") == nullptr);
        CHECK(find_builtin_rule(std::string_view(i.id).substr(0, i.id.size() - 1)) == nullptr);
    }
    CHECK(find_builtin_rule("") == nullptr);
    CHECK(find_builtin_rule("zzz") == nullptr);
    CHECK(find_builtin_rule("A") == nullptr);
    CHECK(rule_family_of("N.whatever") == rule_family::narrative);
    CHECK(rule_family_of("P.whatever") == rule_family::performance);
}

// ---- User rules, options, batches ------------------------------------------------------------------

TEST_CASE("user formula rules run with the built-in ones", "[reconcile][user]") {
    reconciler rec(tables_only());
    rec.add_rules("id: my.staff_costs\nseverity: warning\nzh: 人员经费不超过200万元\nen: personnel costs at most 200\n"
                  "formula: basic[人员经费合计] <= 200\n");
    REQUIRE(rec.user_rules().size() == 1);
    const reconcile_result res = rec.run(clean_report());
    const auto hits = with_rule(res, "my.staff_costs");
    REQUIRE(hits.size() == 1);  // 212.55 > 200
    CHECK(res.findings[hits[0]].severity == severity::warning);
    CHECK(rule_family_of("my.staff_costs") == rule_family::user);
    // a bad formula is rejected with its position; the reconciler is unchanged
    CHECK_THROWS_AS(rec.add_rules("id: bad\nformula: T02[合计.c1 == 1\n"), parse_error);
    CHECK_THROWS_AS(rec.add_rules("id: basic.lei_sum\nformula: 1 == 1\n"), parse_error);  // a built-in id
    CHECK(rec.user_rules().size() == 1);
}

TEST_CASE("disabled rules are neither run nor reported", "[reconcile]") {
    reconcile_options o = tables_only();
    o.disabled_rules = {"sangong.*", "basic.lei_sum"};
    const reconcile_result res = reconcile(hunan(), o);
    CHECK(with_rule(res, "sangong.total").empty());
    CHECK(with_rule(res, "sangong.vehicle").empty());
    CHECK(with_rule(res, "basic.lei_sum").empty());
    CHECK(res.count(severity::error) == 8);
}

TEST_CASE("batch: the same results as one by one, on several threads", "[reconcile][batch]") {
    std::vector<report> reports;
    for (int i = 0; i < 12; ++i) reports.push_back(i % 2 ? hunan() : clean_report());
    const reconciler rec(tables_only());
    const auto batch = rec.run_batch(reports, 3);
    REQUIRE(batch.size() == reports.size());
    for (std::size_t i = 0; i < reports.size(); ++i) CHECK(batch[i] == rec.run(reports[i]));
    CHECK(rec.run_batch(std::span<const report>(), 4).empty());
}

TEST_CASE("robust on other documents and on an empty report", "[reconcile]") {
    const report empty;
    const reconcile_result res = reconcile(empty);
    CHECK(with_rule(res, "document.missing_table").size() == 9);
    for (const char* name : {"2024_putuo_finance_bureau.layout.txt", "2024_shanghai_final_accounts_template.layout.txt"}) {
        const report r = import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/" + name);
        const reconcile_result x = reconcile(r);
        CHECK(x.cause.size() == x.findings.size());
        CHECK_FALSE(render_html(r, x).empty());
        CHECK_FALSE(render_text(r, x).empty());
    }
}

TEST_CASE("an 08 printed like 07 (Shanghai) is checked by the rules on 08's spending", "[reconcile]") {
    // Putuo's 08 has the six columns of 07 and no data (note at line 523); its 本年支出 小计
    // is 08's `total`, so capital.row_sum and capital.vs_fiscal read it as in the usual 08
    report r = import_text_file(CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.layout.txt");
    const reconcile_result before = reconcile(r, tables_only());
    CHECK(with_rule(before, "capital.row_sum").empty());  // an empty table adds up
    CHECK(with_rule(before, "capital.vs_fiscal").empty());
    // 1.00 of spending in 08's 合计 with no 基本/项目 and 0 in 04's 国有资本经营 column:
    // both rules now fail instead of being unchecked for want of a column
    set(r, table_kind::state_capital, "合计", column_id::total, "1.00");
    const reconcile_result after = reconcile(r, tables_only());
    for (const char* rule : {"capital.row_sum", "capital.vs_fiscal"}) {
        INFO(rule);
        const auto hits = with_rule(after, rule);
        REQUIRE(hits.size() == 1);
        CHECK(after.findings[hits[0]].severity == severity::error);
    }
    // the carry-over of this layout: 0 + 0 − 1.00 spent leaves −1.00, not the empty 年末
    CHECK(with_rule(before, "capital.carry_over").empty());
    REQUIRE(with_rule(after, "capital.carry_over").size() == 1);
    // 1.00 brought forward and spent: 1.00 + 0 − 1.00 = 0 = the empty 年末 (counted as 0)
    set(r, table_kind::state_capital, "合计", column_id::opening_balance, "1.00");
    const reconcile_result balanced = reconcile(r, tables_only());
    CHECK(with_rule(balanced, "capital.carry_over").empty());
    CHECK(with_rule(balanced, "capital.row_sum").size() == 1);  // still no 基本/项目 for the 1.00
}

TEST_CASE("docs/rules.md lists every rule of the catalog", "[reconcile][docs]") {
    std::ifstream in(std::string(CAIZHENG_SOURCE_DIR) + "/docs/rules.md");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    for (const rule_info& i : builtin_rules()) {
        INFO(i.id);
        CHECK(doc.find("`" + i.id + "`") != std::string::npos);
    }
}
