// Text import: the Hunan report completely, hand-made variants, hostile input.
// Expected values are read by hand from tests/data/reports/2024_tianyuan_data_bureau.txt; the
// comments give the line of the text each one comes from.
#include "caizheng/import.hpp"
#include "caizheng/report_json.hpp"

#include "../lib/import/text_util.hpp"  // internal helpers: their fast paths are tested below
#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

using namespace caizheng;

namespace {

using caizheng::test::hunan;
using caizheng::test::hunan_text;
using caizheng::test::read_file;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
    return s;
}

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
    const std::size_t p = s.find(from);
    REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
}

/// The text between the first occurrence of `from` (included) and `to` (excluded).
std::string block(const std::string& s, const std::string& from, const std::string& to) {
    const std::size_t a = s.find(from);
    REQUIRE(a != std::string::npos);
    const std::size_t b = s.find(to, a + from.size());
    REQUIRE(b != std::string::npos);
    return s.substr(a, b - a);
}

std::string value(const report_table& t, const table_row& row, column_id c) {
    const table_cell* cell = t.cell(row, c);
    REQUIRE(cell != nullptr);
    return cell->value ? cell->value->to_string() : std::string("empty");
}

std::size_t count_kind(const report& r, warning_kind k) {
    return static_cast<std::size_t>(
        std::count_if(r.warnings.begin(), r.warnings.end(), [&](const import_warning& w) { return w.kind == k; }));
}

}  // namespace

TEST_CASE("Hunan report: metadata, every table present, no warnings") {
    const report& r = hunan();
    CHECK(r.meta.department == "株洲市天元区数据局");  // line 4
    CHECK(r.meta.year == 2024);                      // line 3 "2024年度"
    CHECK(r.meta.unit == money_unit::wan_yuan);      // line 77 "单位：万元"
    CHECK(r.meta.title == "部门决算公开");            // line 5
    REQUIRE(r.meta.units_included.size() == 1);     // line 68 "…构成包括：株洲市天元区数据局本级。"
    CHECK(r.meta.units_included[0] == "株洲市天元区数据局本级");
    CHECK(r.missing_tables().empty());
    CHECK(r.tables.size() == 9);
    for (const auto& w : r.warnings) INFO(w.line << " " << w.reason << " " << w.text);
    CHECK(r.warnings.empty());
    // Numbers as printed: 公开 01 表 … 公开 09 表
    const char* numbers[] = {"公开01表", "公开02表", "公开03表", "公开04表", "公开05表",
                             "公开06表", "公开07表", "公开08表", "公开09表"};
    for (int k = 0; k < 9; ++k) {
        const report_table* t = r.table(static_cast<table_kind>(k));
        REQUIRE(t != nullptr);
        CHECK(t->number == numbers[k]);
        CHECK(t->unit == money_unit::wan_yuan);
        for (const auto& row : t->rows) CHECK(row.cells.size() == t->columns.size());
    }
    CHECK(validate(r).empty());
}

TEST_CASE("Hunan 01: both halves as rows by 行次") {
    const report_table& t = *hunan().table(table_kind::income_expenditure_total);
    // lines 84–96: 行次 1–13 on the left, 14–26 on the right
    CHECK(t.rows.size() == 26);
    CHECK(t.title == "收入支出决算总表");  // line 74
    const table_row* r1 = t.find_line(1);
    REQUIRE(r1);
    CHECK(r1->side == row_side::income);
    CHECK(r1->name == "一、一般公共预算财政拨款收入");
    CHECK(value(t, *r1, column_id::income_amount) == "1227.61");  // line 84
    CHECK(r1->source.line == 84);
    const table_row* r9 = t.find_line(9);  // line 92: "\t9\t\t九、住房保障支出…" — a numbered blank
    REQUIRE(r9);
    CHECK(r9->role == row_role::blank);
    CHECK_FALSE(r9->cells[0].value.has_value());
    const table_row* r22 = t.find_line(22);
    REQUIRE(r22);
    CHECK(r22->side == row_side::expenditure);
    CHECK(r22->name == "九、住房保障支出");
    CHECK(value(t, *r22, column_id::expenditure_amount) == "17.30");  // line 92
    const table_row* r23 = t.find_line(23);
    CHECK(r23->role == row_role::total);  // 本年支出合计
    CHECK(value(t, *r23, column_id::expenditure_amount) == "1227.61");  // line 93
    CHECK(t.find_line(26)->role == row_role::grand_total);              // 总计, line 96
    CHECK(value(t, *t.find_line(20), column_id::expenditure_amount) == "20.26");  // line 90
    // an expenditure row has no income cell
    CHECK(t.cell(*r22, column_id::income_amount) == nullptr);
    CHECK(t.notes.size() == 2);  // lines 98 and 100
}

TEST_CASE("Hunan 02 and 03: code rows, 1, 227. 61, the split row after a page break") {
    const report_table& t2 = *hunan().table(table_kind::income);
    CHECK(t2.rows.size() == 9);  // lines 112–120: 合计 + 8 codes
    CHECK(t2.columns.size() == 7);
    CHECK(t2.rows[0].role == row_role::total);
    CHECK(value(t2, t2.rows[0], column_id::total_income) == "1227.61");  // "1,227.61", line 112
    const table_row* r = t2.find_code("2080505");
    REQUIRE(r);
    CHECK(r->name == "机关事业单位基本养老保险缴费支出");
    CHECK(value(t2, *r, column_id::fiscal_appropriation_income) == "19.64");  // line 117
    CHECK(value(t2, *r, column_id::other_income) == "0.00");
    CHECK(t2.find_code("2210201") == nullptr);  // not printed in 02 (05 has it, line 196)

    const report_table& t3 = *hunan().table(table_kind::expenditure);
    CHECK(t3.rows.size() == 9);  // lines 135–142 and 144
    CHECK(value(t3, t3.rows[0], column_id::total_expenditure) == "1227.61");  // "1, 227. 61", line 135
    CHECK(t3.rows[0].cells[0].text == "1, 227. 61");
    CHECK(value(t3, t3.rows[0], column_id::basic_expenditure) == "248.87");   // "248. 87"
    CHECK(value(t3, t3.rows[0], column_id::project_expenditure) == "978.74");
    const table_row* split = t3.find_code("2101103");  // line 144, after a blank line; 145 is ------
    REQUIRE(split);
    CHECK(split->name == "公务员医疗补助");
    CHECK(split->printed_name == "公务员医疗 补助");
    CHECK(split->source.line == 144);
    CHECK(value(t3, *split, column_id::basic_expenditure) == "11.42");
    CHECK(code_level_of(split->code) == code_level::xiang);
}

TEST_CASE("Hunan 04 and 05") {
    const report_table& t4 = *hunan().table(table_kind::fiscal_total);
    CHECK(t4.rows.size() == 30);  // 行次 1–15 and 16–30, lines 159–173
    const table_row* r16 = t4.find_line(16);
    REQUIRE(r16);
    CHECK(value(t4, *r16, column_id::total) == "1171.00");           // line 159
    CHECK(value(t4, *r16, column_id::general_budget) == "1171.00");
    CHECK(value(t4, *r16, column_id::government_fund) == "0.00");
    CHECK(value(t4, *r16, column_id::state_capital) == "0.00");
    CHECK(t4.find_line(27)->role == row_role::blank);  // line 170: "…\t\t27\t\t\t\t"
    CHECK(value(t4, *t4.find_line(12), column_id::income_amount) == "0.00");  // line 170 left
    CHECK(value(t4, *t4.find_line(15), column_id::income_amount) == "1227.61");

    const report_table& t5 = *hunan().table(table_kind::general_budget_expenditure);
    CHECK(t5.rows.size() == 10);  // lines 187–196
    const table_row* r = t5.find_code("2210201");
    REQUIRE(r);
    CHECK(value(t5, *r, column_id::subtotal) == "17.30");  // line 196
    CHECK(value(t5, *t5.find_code("2010302"), column_id::project_expenditure) == "948.74");  // line 189
}

TEST_CASE("Hunan 06: three groups normalized into rows, totals") {
    const report_table& t = *hunan().table(table_kind::basic_expenditure_detail);
    // group 1: lines 208–234 (27 codes), group 2: 208–235 (28), group 3: 208–233 (26), 2 totals
    CHECK(t.rows.size() == 27 + 28 + 26 + 2);
    CHECK(t.rows[0].code == "301");
    CHECK(t.rows[27].code == "302");
    CHECK(t.rows[27 + 28].code == "307");
    CHECK(value(t, *t.find_code("30113"), column_id::amount) == "17.30");  // "17.3", line 219
    CHECK(t.find_code("30113")->cells[0].text == "17.3");
    CHECK(value(t, *t.find_code("30229"), column_id::amount) == "2.40");   // "2.4", line 231
    CHECK(value(t, *t.find_code("30299"), column_id::amount) == "9.62");   // line 235, group 2 only
    CHECK(t.find_code("30299")->source.field == 4);
    CHECK(value(t, *t.find_code("39999"), column_id::amount) == "0.00");   // line 233, group 3
    CHECK(t.find_code("39908")->name == "对民间非营利组织和群众性自治");  // printed truncated, line 230
    const table_row* staff = t.find_name("人员经费合计");
    const table_row* office = t.find_name("公用经费合计");
    REQUIRE(staff);
    REQUIRE(office);
    CHECK(staff->role == row_role::total);
    CHECK(value(t, *staff, column_id::amount) == "212.55");   // line 236, field 3
    CHECK(value(t, *office, column_id::amount) == "36.32");   // line 236, field 9
    CHECK(office->cells[0].source.field == 9);
    for (const auto& row : t.rows)
        if (!row.code.empty()) CHECK(is_economic_code(row.code));
}

TEST_CASE("Hunan 07, 08: 本表无数据; 09: budget and actual halves") {
    const report_table& t7 = *hunan().table(table_kind::government_fund);
    REQUIRE(t7.no_data.has_value());
    CHECK(t7.no_data->source.line == 255);
    CHECK(t7.columns.size() == 6);
    REQUIRE(t7.rows.size() == 1);  // line 251 "合计\t\t…" with every cell empty
    CHECK(t7.rows[0].role == row_role::total);
    for (const auto& c : t7.rows[0].cells) CHECK_FALSE(c.value.has_value());
    const report_table& t8 = *hunan().table(table_kind::state_capital);
    REQUIRE(t8.no_data.has_value());
    CHECK(t8.no_data->source.line == 272);
    CHECK(t8.columns.size() == 3);  // Hunan's 08: 合计 基本支出 项目支出 (line 266)

    const report_table& t9 = *hunan().table(table_kind::three_public);
    REQUIRE(t9.rows.size() == 2);  // line 286
    const table_row& budget = t9.rows[0];
    const table_row& actual = t9.rows[1];
    CHECK(budget.side == row_side::budget);
    CHECK(actual.side == row_side::actual);
    CHECK(value(t9, budget, column_id::total) == "1.40");              // "1.4"
    CHECK(value(t9, budget, column_id::vehicle_operation) == "1.19");
    CHECK(value(t9, actual, column_id::official_reception) == "0.21");  // field 12
    CHECK(actual.cells[5].source.field == 12);
}

TEST_CASE("Hunan narrative: fifteen sections in order") {
    const report& r = hunan();
    REQUIRE(r.narrative.size() == 15);
    for (int i = 0; i < 15; ++i) CHECK(r.narrative[static_cast<std::size_t>(i)].number == i + 1);
    CHECK(r.section(1)->title == "收入支出决算总体情况说明");  // line 294
    CHECK(r.section(1)->paragraphs.size() == 1);
    CHECK(r.section(1)->paragraphs[0].source.line == 296);
    CHECK(r.section(14)->numeral == "十四");
    CHECK(r.section(14)->source.line == 420);
    CHECK(r.section(5)->paragraphs.size() == 25);  // lines 312–360, non-empty ones
    CHECK(r.section(15)->paragraphs[0].text == "本单位部门决算在天元区政府门户网站信息公开平台上的财政信息模块中公开。");
    // prose parts keep the rest: cover, contents, 概况, 名词解释, annex report
    CHECK(r.parts.front().title == "封面");
}

TEST_CASE("Hunan 绩效 annex: 基础数据表 and six 项目支出绩效自评表") {
    const report& r = hunan();
    REQUIRE(r.annex.basic_data.has_value());
    CHECK(r.annex.basic_data->rows.size() == 31);  // lines 575–605
    const auto& row = r.annex.basic_data->rows[3];  // line 578: 三公经费|2.23||3.8||1.4|
    CHECK(row.label == "三公经费");
    REQUIRE(row.cells.size() == 5);
    CHECK(row.cells[0].value == decimal(223, 2));
    CHECK(row.cells[4].value == decimal(14, 1));
    CHECK(r.annex.basic_data->rows[1].cells[4].percent);  // line 576: 110.00%

    REQUIRE(r.annex.projects.size() == 6);
    const project_evaluation& p = r.annex.projects[0];  // lines 609–634
    CHECK(p.project == "“放管服”和“一件事一次办”改革工作经费");
    CHECK(p.department == "株洲市天元区数据局");
    CHECK(p.implementer == "株洲市天元区数据局");
    REQUIRE(p.funding.size() == 4);
    CHECK(p.funding[0].kind == funding_kind::current_fiscal);
    CHECK(p.funding[0].executed.value == decimal(1498, 2));  // line 612: 14.98
    CHECK(p.funding[3].kind == funding_kind::total);
    CHECK(p.funding[3].full_year_budget.value == decimal(15, 0));
    CHECK(p.execution_weight.value == decimal(10, 0));  // line 615
    CHECK(p.execution_rate.value == decimal(9900, 2));
    CHECK(p.execution_rate.percent);
    CHECK(p.execution_score.value == decimal(990, 2));
    CHECK(p.indicators.size() == 15);  // lines 619–633
    CHECK(p.indicators[1].level1 == "产出指标");  // carried from line 619
    CHECK(p.indicators[1].level2 == "数量指标");
    CHECK(p.indicators[1].level3 == "召开区级、镇街工作大小推进会。");
    CHECK(p.indicators[1].target == "≥10次");
    CHECK(p.indicators[1].actual == "11次");
    CHECK(p.indicators[1].weight.value == decimal(10, 0));
    CHECK(p.total_weight.value == decimal(100, 0));  // line 634
    CHECK(p.total_score.value == decimal(9990, 2));

    // 机关干部进小区: the header has an extra empty column (line 640)
    const project_evaluation& q = r.annex.projects[1];
    CHECK(q.funding[0].full_year_budget.value == decimal(5, 0));  // line 641
    CHECK(q.execution_rate.text == "100.00%");
    CHECK(q.total_score.value == decimal(10000, 2));  // line 660, 总分 in field 2
    CHECK(q.indicators.size() == 12);
    // 政务服务大厅: 偏差原因 (line 700)
    const project_evaluation& h = r.annex.projects[3];
    CHECK(h.indicators.size() == 17);
    CHECK(h.indicators[0].deviation == "有3人离职");
    CHECK(h.total_score.value == decimal(9970, 2));  // line 717
    CHECK(r.annex.projects[4].indicators[1].score.value == decimal(8, 0));  // line 732
    CHECK(r.annex.projects[4].total_score.value == decimal(8810, 2));      // line 743
    const project_evaluation& last = r.annex.projects[5];  // lines 747–770
    CHECK(last.indicators.size() == 13);
    CHECK(last.indicators[7].level2 == "生态效益指标");  // line 764: printed with no indicator
    CHECK(last.indicators[7].level3.empty());
    CHECK(last.total_score.value == decimal(10000, 2));  // line 770
}

TEST_CASE("Hunan: JSON round trip gives an identical model") {
    const report& r = hunan();
    const std::string j = report_to_json(r);
    const report back = report_from_json(j);
    CHECK(back == r);
    CHECK(report_to_json(back) == j);
    const report pretty = report_from_json(report_to_json(r, true));
    CHECK(pretty == r);
    CHECK(j.find("\"1227.61\"") != std::string::npos);  // amounts are strings
}

TEST_CASE("variant: 单位：元 instead of 万元") {
    const report r = import_text(replace_all(hunan_text(), "单位：万元", "单位：元"));
    CHECK(r.meta.unit == money_unit::yuan);
    for (const auto& t : r.tables) CHECK(t.unit == money_unit::yuan);
    const report_table& t1 = *r.table(table_kind::income_expenditure_total);
    const table_cell& c = t1.find_line(1)->cells[0];
    CHECK(c.value == decimal(122761, 2));  // the same printed digits, now 1227.61 元
    CHECK(cell_wan_yuan(c, t1.unit, rounding_mode::half_away_from_zero) == wan_yuan::from_raw(12));  // 0.12 万元
    CHECK_THROWS_AS(cell_wan_yuan(c, t1.unit), error);  // inexact without a rounding mode
    CHECK(r.warnings.empty());
}

TEST_CASE("variant: a 2023 report") {
    const report r = import_text(replace_first(hunan_text(), "2024年度\n", "2023年度\n"));
    CHECK(r.meta.year == 2023);
    CHECK(r.tables.size() == 9);
}

TEST_CASE("variant: a missing table is reported") {
    const std::string text = hunan_text();
    const std::string t05 = block(text, "一般公共预算财政拨款支出决算表\n\n部门", "一般公共预算财政拨款基本支出决算明细表\n");
    const report r = import_text(replace_first(text, t05, ""));
    REQUIRE(r.missing_tables() == std::vector<table_kind>{table_kind::general_budget_expenditure});
    REQUIRE(count_kind(r, warning_kind::missing_table) == 1);
    CHECK(r.warnings.back().reason.find("一般公共预算财政拨款支出决算表") != std::string::npos);
    CHECK(r.tables.size() == 8);
}

TEST_CASE("variant: a table whose title line is missing: its lines are reported, not merged") {
    const report r = import_text(replace_first(hunan_text(), "\n一般公共预算财政拨款支出决算表\n", "\n\n"));
    CHECK(r.missing_tables() == std::vector<table_kind>{table_kind::general_budget_expenditure});
    const report_table& t4 = *r.table(table_kind::fiscal_total);
    CHECK(t4.rows.size() == 30);        // 04 keeps exactly its own rows
    CHECK(t4.number == "公开04表");
    // the 05 table number (line 181) and its ten data rows (187–196) become warnings
    std::vector<std::uint32_t> lines;
    for (const auto& w : r.warnings)
        if (w.kind == warning_kind::unplaced_line) lines.push_back(w.line);
    CHECK(std::count(lines.begin(), lines.end(), 181u) == 1);
    for (std::uint32_t l = 187; l <= 196; ++l) CHECK(std::count(lines.begin(), lines.end(), l) == 1);
}

TEST_CASE("variant: reordered tables and narrative sections") {
    std::string text = hunan_text();
    const std::string t02 = block(text, "收入决算表\n\n部门", "支出决算表\n\n公开 03 表");
    const std::string t03 = block(text, "支出决算表\n\n公开 03 表", "财政拨款收入支出决算总表\n");
    text = replace_first(text, t02 + t03, t03 + t02);
    const std::string s2 = block(text, "二、收入决算情况说明\n\n2024", "三、支出决算情况说明\n\n2024");
    const std::string s3 = block(text, "三、支出决算情况说明\n\n2024", "四、财政拨款收入支出决算总体情况说明\n\n2024");
    text = replace_first(text, s2 + s3, s3 + s2);
    const report r = import_text(text);
    CHECK(r.warnings.empty());
    REQUIRE(r.tables.size() == 9);
    CHECK(r.tables[1].kind == table_kind::expenditure);
    CHECK(r.tables[2].kind == table_kind::income);
    CHECK(r.table(table_kind::income)->rows.size() == 9);
    CHECK(r.table(table_kind::expenditure)->find_code("2101103")->name == "公务员医疗补助");
    REQUIRE(r.narrative.size() == 15);
    CHECK(r.narrative[1].number == 3);
    CHECK(r.narrative[2].number == 2);
    CHECK(r.section(2)->paragraphs[0].text == hunan().section(2)->paragraphs[0].text);
}

TEST_CASE("variant: an extra blank line in the middle of tables") {
    std::string text = hunan_text();
    text = replace_first(text, "25.00\t25.00\t0.00\t0.00\t0.00\t0.00\t0.00\n", "25.00\t25.00\t0.00\t0.00\t0.00\t0.00\t0.00\n\n\n");
    text = replace_first(text, "五、事业收入\t5", "\n五、事业收入\t5");
    text = replace_first(text, "30106\t伙食补助费", "\n30106\t伙食补助费");
    const report r = import_text(text);
    CHECK(r.warnings.empty());
    CHECK(r.table(table_kind::income)->rows.size() == 9);
    CHECK(r.table(table_kind::income_expenditure_total)->rows.size() == 26);
    CHECK(r.table(table_kind::basic_expenditure_detail)->rows.size() == 83);
    CHECK(value(*r.table(table_kind::income), *r.table(table_kind::income)->find_code("2013299"),
                column_id::total_income) == "5.00");
}

TEST_CASE("variant: titles with the department and year, a bad amount, a malformed code, a wrong cell count") {
    std::string text = hunan_text();
    text = replace_first(text, "\n收入决算表\n", "\n株洲市天元区数据局2024年度收入决算表\n");
    text = replace_first(text, "2010305\t专项业务及机关事务管理\t25.00\t25.00", "2010305\t专项业务及机关事务管理\t25.0x\t25.00");
    text = replace_first(text, "2013299\t其他组织事务支出\t5.00\t5.00", "201329\t其他组织事务支出\t5.00\t5.00");
    text = replace_first(text, "2089999\t其他社会保障和就业支出\t0.62\t0.62\t0.00\t0.00\t0.00\t0.00\t0.00",
                         "2089999\t其他社会保障和就业支出\t0.62\t0.62\t0.00\t0.00\t0.00\t0.00");
    const report r = import_text(text);
    const report_table* t = r.table(table_kind::income);
    REQUIRE(t);
    CHECK(t->title == "株洲市天元区数据局2024年度收入决算表");
    CHECK(t->rows.size() == 9 - 1);  // the malformed-code line is a warning, not a row
    REQUIRE(count_kind(r, warning_kind::bad_amount) == 1);
    REQUIRE(count_kind(r, warning_kind::malformed_code) == 1);
    REQUIRE(count_kind(r, warning_kind::column_count) == 1);
    CHECK(r.warnings.size() == 3);
    const table_row* bad = t->find_code("2010305");
    CHECK_FALSE(bad->cells[0].value.has_value());
    CHECK(bad->cells[0].text == "25.0x");  // kept as printed
    CHECK(r.warnings[0].line == 115);
    // A code malformed for its table is not a row (the model's validation, and so the JSON
    // importer, refuse it); its line is kept in the warning with its number and text.
    CHECK(t->find_code("201329") == nullptr);
    CHECK(t->find_code("2013299") == nullptr);
    const auto mc = std::find_if(r.warnings.begin(), r.warnings.end(),
                                 [](const import_warning& w) { return w.kind == warning_kind::malformed_code; });
    REQUIRE(mc != r.warnings.end());
    CHECK(mc->line == 116);  // line 116 of the text: 2013299 其他组织事务支出 5.00 5.00 … in 02
    CHECK(mc->text == "201329\t其他组织事务支出\t5.00\t5.00\t0.00\t0.00\t0.00\t0.00\t0.00");
    CHECK(t->find_code("2089999")->cells[6].text.empty());
    CHECK(validate(r).empty());
    CHECK(report_from_json(report_to_json(r)) == r);
}

TEST_CASE("a code malformed for its table never becomes a row: every import validates and round-trips") {
    // The fuzzer's regression input: a 一般公共预算财政拨款基本支出决算表 (06, economic codes)
    // whose tab lines carry the functional codes 2101101 and 2101103 (lines 11 and 13).
    const report r = import_text_file(CAIZHENG_SOURCE_DIR "/fuzz/regressions/fuzz_report_text/economic-table-with-functional-codes");
    const report_table* t = r.table(table_kind::basic_expenditure_detail);
    REQUIRE(t);
    CHECK(t->find_code("2101101") == nullptr);
    CHECK(t->find_code("2101103") == nullptr);
    std::vector<std::uint32_t> lines;
    for (const auto& w : r.warnings)
        if (w.kind == warning_kind::malformed_code) lines.push_back(w.line);
    CHECK(lines == std::vector<std::uint32_t>{11, 13});
    CHECK(validate(r).empty());
    CHECK(report_from_json(report_to_json(r)) == r);
    CHECK(report_to_json(report_from_json(report_to_json(r))) == report_to_json(r));

    // 06 from tab text with a functional code in its first group: the other groups of the line stay.
    const report d = import_text("一般公共预算财政拨款基本支出决算表\n单位：万元\n"
                                 "2101101\t行政单位医疗\t7.63\t302\t商品和服务支出\t1.20\n");
    REQUIRE(d.table(table_kind::basic_expenditure_detail));
    REQUIRE(d.table(table_kind::basic_expenditure_detail)->rows.size() == 1);
    CHECK(d.table(table_kind::basic_expenditure_detail)->rows[0].code == "302");
    CHECK(count_kind(d, warning_kind::malformed_code) == 1);
    CHECK(validate(d).empty());

    // An amount whose 64-bit mantissa has 19 digits (90 000 000 000 000 000.00 万元) is exact in
    // the model and must read back from JSON too.
    const report big = import_text("收入决算表\n单位：万元\n2010301\t行政运行\t90000000000000000.00\n");
    REQUIRE(big.table(table_kind::income));
    CHECK(big.table(table_kind::income)->rows.at(0).cells.at(0).value == decimal(9000000000000000000, 2));
    CHECK(report_from_json(report_to_json(big)) == big);

    for (const char* f : {"/reports/2024_tianyuan_data_bureau.txt", "/reports/2024_putuo_finance_bureau.layout.txt",
                          "/reports/2024_shanghai_final_accounts_template.layout.txt"}) {
        const report x = import_text_file(std::string(CAIZHENG_TEST_DATA) + f);
        CHECK(validate(x).empty());
        CHECK(report_to_json(report_from_json(report_to_json(x))) == report_to_json(x));
    }
}

TEST_CASE("hostile input never crashes") {
    SECTION("empty") {
        const report r = import_text("");
        CHECK(r.tables.empty());
        CHECK(count_kind(r, warning_kind::missing_table) == 9);
    }
    SECTION("binary garbage") {
        std::mt19937 rng(42);
        std::string junk(1 << 20, '\0');
        for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
        const report r = import_text(junk);
        CHECK(r.tables.empty());
        CHECK(count_kind(r, warning_kind::encoding) > 0);
        CHECK(r.warnings.size() <= text_import_options{}.max_warnings + 1);
        const report back = report_from_json(report_to_json(r));  // sanitized: valid UTF-8 JSON
        CHECK(back == r);
    }
    SECTION("truncated at every 997th byte") {
        const std::string& text = hunan_text();
        for (std::size_t n = 0; n < text.size(); n += 997) {
            const report r = import_text(std::string_view(text).substr(0, n));
            CHECK(r.tables.size() + r.missing_tables().size() == 9);
        }
        const std::size_t cut = text.find("2010305\t专项业务及机关事务管理\t25. 00");
        const report r = import_text(std::string_view(text).substr(0, cut + 12));  // inside 专
        CHECK(r.table(table_kind::expenditure)->rows.size() == 4);
        CHECK(r.table(table_kind::income)->rows.size() == 9);
        CHECK(r.missing_tables().size() == 6);
    }
    SECTION("very long lines are cut with a warning") {
        std::string text = hunan_text();
        text = replace_first(text, "第一部分\n\n株洲", "第一部分\n" + std::string(200000, '9') + "\n\n株洲");
        text = replace_first(text, "2101103\t公务员医疗补助\t11.42\t11.42\t0.00\t0.00\t0.00\t0.00\t0.00\n",
                             std::string("2101103\t公务员医疗补助\t11.42\t11.42\t0.00\t0.00\t0.00\t0.00\t0.00\n") +
                                 "x" + std::string(300000, '\t') + "\n");
        const report r = import_text(text);
        CHECK(count_kind(r, warning_kind::limit) == 2);
        CHECK(count_kind(r, warning_kind::unplaced_line) == 1);  // the cut "x\t\t…" line inside 02
        CHECK(r.warnings.size() == 3);
        CHECK(r.table(table_kind::income)->rows.size() == 9);
    }
    SECTION("input over the limit is refused before reading it") {
        std::string big(100u << 20, 'x');
        CHECK_THROWS_AS(import_text(big), error);
        text_import_options small;
        small.max_bytes = 1000;
        CHECK_THROWS_AS(import_text(hunan_text(), small), error);
    }
    SECTION("many copies: duplicates reported, warnings capped") {
        std::string text;
        for (int i = 0; i < 3; ++i) text += hunan_text();
        const report r = import_text(text);
        CHECK(r.tables.size() == 9);
        CHECK(count_kind(r, warning_kind::duplicate_table) == 2 * 9);
        CHECK(r.table(table_kind::income)->rows.size() == 9);
        text_import_options few;
        few.max_warnings = 100;
        const report capped = import_text(text, few);
        REQUIRE(capped.warnings.size() == 101);
        CHECK(capped.warnings.back().kind == warning_kind::limit);
        std::string big;
        for (int i = 0; i < 40; ++i) big += hunan_text();
        CHECK(import_text(big).tables.size() == 9);
    }
}

// ---- pdftotext -layout text: the Shanghai 普陀区财政局 report -----------------------------------
// Values read by hand from tests/data/reports/2024_putuo_finance_bureau.layout.txt.

namespace {
const report& putuo() {
    static const report r = import_text_file(CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.layout.txt");
    return r;
}
std::string v(const report_table& t, const table_row* row, column_id c) {
    REQUIRE(row != nullptr);
    return value(t, *row, c);
}
}  // namespace

TEST_CASE("Putuo layout: metadata, tables by title in Shanghai order, narrative") {
    const report& r = putuo();
    CHECK(r.meta.department == "上海市普陀区财政局");  // line 1
    CHECK(r.meta.year == 2024);                       // line 2
    CHECK(r.meta.units_included ==
          std::vector<std::string>{"上海市普陀区财政局（本级）", "上海市普陀区财政局财政所", "上海市普陀区国库收付中心"});
    REQUIRE(r.tables.size() == 9);
    CHECK(r.tables[6].kind == table_kind::three_public);  // Shanghai prints 三公 seventh
    CHECK(r.tables[7].kind == table_kind::government_fund);
    CHECK(r.tables[8].kind == table_kind::state_capital);
    CHECK(r.table(table_kind::basic_expenditure_detail)->title == "一般公共预算财政拨款基本支出决算表");
    REQUIRE(r.narrative.size() == 11);  // 一 … 十一, lines 528–678 (the body, not the 目录 at 31–50)
    CHECK(r.narrative[0].source.line == 528);
    CHECK(r.narrative[10].title == "其他重要事项的情况说明");  // line 678; the 目录 says 其他重要事项说明
    // No warning: 04's fund columns are certain by position and add up (see the 04 test).
    CHECK(r.warnings.empty());
    for (const auto& t : r.tables)
        for (const auto& row : t.rows) CHECK(row.cells.size() == t.columns.size());
}

TEST_CASE("Putuo layout without its 目录 line: the 情况说明 comes from the body, not the contents") {
    // Line 3 "目 录" removed: the contents (lines 5–51 then) are read as parts, and their
    // 第三部分 (line 29) lists 一、… 十一、 (lines 30–49) like section headings. When the body's
    // 第三部分 (line 523) comes, those "sections" — headings only — are the contents: they move
    // to the contents' 第三部分 part and the narrative is read from the body.
    std::string text = read_file(CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.layout.txt");
    const std::size_t a = text.find("                  目 录\n");
    REQUIRE(a != std::string::npos);
    text.erase(a, std::string("                  目 录\n").size());
    const report r = import_text(text);
    REQUIRE(r.narrative.size() == 11);
    CHECK(r.narrative[0].title == "收入支出决算总体情况说明");
    CHECK(r.narrative[0].source.line == 527);  // line 528 of the fixture, one line up
    REQUIRE(r.narrative[0].paragraphs.size() == 3);  // lines 530–532 of the fixture
    CHECK(r.narrative[0].paragraphs[0].text.rfind("上海市普陀区财政局2024年度收入支出总计2995.39万元", 0) == 0);
    CHECK(r.narrative[10].title == "其他重要事项的情况说明");  // the body's title (line 678), not the contents'
    CHECK_FALSE(r.narrative[10].paragraphs.empty());
    // the contents' headings are kept, with their lines, in the contents' 第三部分 part
    const auto part = std::find_if(r.parts.begin(), r.parts.end(), [](const document_part& p) {
        return p.source.line == 29;
    });
    REQUIRE(part != r.parts.end());
    REQUIRE(part->lines.size() == 11);
    CHECK(part->lines[0].text == "一、收入支出决算总体情况说明");
    CHECK(part->lines[0].source.line == 30);
    CHECK(part->lines[10].text == "十一、其他重要事项说明");  // fixture line 50
    CHECK(report_from_json(report_to_json(r)) == r);
}

TEST_CASE("Putuo layout 01 and 04: halves, blanks are empty, wrapped names") {
    const report_table& t = *putuo().table(table_kind::income_expenditure_total);
    CHECK(t.rows.size() == 12 + 30);  // lines 135–164
    CHECK(v(t, t.find_name("一、一般公共预算财政拨款收入"), column_id::income_amount) == "2940.05");  // line 135
    CHECK(v(t, t.find_name("八、其他收入"), column_id::income_amount) == "6.20");          // line 142
    CHECK(v(t, t.find_name("本年收入合计"), column_id::income_amount) == "2946.25");       // line 161
    CHECK(v(t, t.find_name("年初结转和结余"), column_id::income_amount) == "49.14");       // line 163
    CHECK(v(t, t.find_name("总计", row_side::income), column_id::income_amount) == "2995.39");
    CHECK(v(t, t.find_name("二、外交支出"), column_id::expenditure_amount) == "empty");     // line 136: blank
    CHECK(v(t, t.find_name("八、社会保障和就业支出"), column_id::expenditure_amount) == "326.71");
    CHECK(v(t, t.find_name("九、卫生健康支出"), column_id::expenditure_amount) == "60.99");  // line 143
    CHECK(v(t, t.find_name("十九、住房保障支出"), column_id::expenditure_amount) == "445.69");
    CHECK(v(t, t.find_name("本年支出合计"), column_id::expenditure_amount) == "2940.05");
    CHECK(v(t, t.find_name("年末结转和结余"), column_id::expenditure_amount) == "55.34");
    CHECK(v(t, t.find_name("总计", row_side::expenditure), column_id::expenditure_amount) == "2995.39");

    const report_table& f = *putuo().table(table_kind::fiscal_total);
    CHECK(f.rows.size() == 9 + 29);
    CHECK(v(f, f.find_name("一、一般公共预算财政拨款", row_side::income), column_id::income_amount) == "2940.05");  // 258
    CHECK(v(f, f.find_name("年初财政拨款结转和结余"), column_id::income_amount) == "21.63");  // line 297
    CHECK(v(f, f.find_name("总计", row_side::income), column_id::income_amount) == "2961.68");  // line 303
    CHECK(v(f, f.find_name("二、政府性基金预算财政拨款", row_side::income), column_id::income_amount) == "empty");  // 260–262
    CHECK(v(f, f.find_name("一、一般公共服务支出"), column_id::total) == "2106.66");  // line 259
    CHECK(v(f, f.find_name("本年支出合计"), column_id::total) == "2940.05");        // lines 295–296
    CHECK(f.find_name("七、文化旅游体育与传媒支出") != nullptr);                      // lines 269–270
    // The fund columns: every 支出 amount after 合计 sits under 一般公共预算 (columns 52–58 of
    // the header, line 252), far from 政府性基金 (68–74) and 国有资本经营 (77–83), and equals
    // the row's 合计: lines 259 (2,106.66), 271 (326.71), 272 (60.99), 284 (445.69),
    // 296 (2,940.05, its 合计 printed on line 295), 297 (21.63), 303 (2,961.68).
    const std::vector<std::pair<const char*, const char*>> general = {
        {"一、一般公共服务支出", "2106.66"}, {"八、社会保障和就业支出", "326.71"}, {"九、卫生健康支出", "60.99"},
        {"十九、住房保障支出", "445.69"},    {"本年支出合计", "2940.05"},          {"年末财政拨款结转和结余", "21.63"}};
    for (const auto& [name, amount] : general) {
        CHECK(v(f, f.find_name(name), column_id::general_budget) == amount);
        CHECK(v(f, f.find_name(name), column_id::government_fund) == "empty");
        CHECK(v(f, f.find_name(name), column_id::state_capital) == "empty");
    }
    CHECK(v(f, f.find_name("总计", row_side::expenditure), column_id::general_budget) == "2961.68");
    CHECK(v(f, f.find_name("二、外交支出"), column_id::general_budget) == "empty");  // line 261: blank
    CHECK(f.find_name("二十六、抗疫特别国债安排的支出") != nullptr);                  // lines 293–294
}

TEST_CASE("Putuo layout 02, 03, 05: codes split by spaces, amounts above their row, wrapped names") {
    const report_table& t2 = *putuo().table(table_kind::income);
    CHECK(t2.rows.size() == 20);  // 合计 + 19 codes, lines 175–203
    CHECK(v(t2, &t2.rows[0], column_id::total_income) == "2946.25");  // line 175, above 合计 (177)
    CHECK(v(t2, &t2.rows[0], column_id::other_income) == "6.20");
    CHECK(v(t2, &t2.rows[0], column_id::superior_subsidy_income) == "empty");
    const table_row* r = t2.find_code("2010601");  // "201   06   01", line 181
    CHECK(v(t2, r, column_id::total_income) == "1511.90");
    CHECK(v(t2, r, column_id::fiscal_appropriation_income) == "1511.89");
    CHECK(v(t2, r, column_id::other_income) == "0.01");
    CHECK(t2.find_code("2080505")->name == "机关事业单位基本养老保险缴费支出");  // lines 189–191
    CHECK(v(t2, t2.find_code("2101101"), column_id::fiscal_appropriation_income) == "60.99");  // line 199, narrow

    const report_table& t3 = *putuo().table(table_kind::expenditure);
    CHECK(t3.rows.size() == 20);
    CHECK(v(t3, &t3.rows[0], column_id::total_expenditure) == "2940.05");  // line 214
    CHECK(v(t3, &t3.rows[0], column_id::basic_expenditure) == "2336.91");  // line 213
    CHECK(v(t3, &t3.rows[0], column_id::project_expenditure) == "603.14");
    CHECK(v(t3, t3.find_code("2010601"), column_id::basic_expenditure) == "1503.52");  // line 221
    CHECK(v(t3, t3.find_code("2010601"), column_id::project_expenditure) == "8.37");   // line 222
    CHECK(v(t3, t3.find_code("2010607"), column_id::basic_expenditure) == "empty");
    CHECK(v(t3, t3.find_code("2010607"), column_id::project_expenditure) == "135.25");  // line 224
    CHECK(v(t3, t3.find_code("2080599"), column_id::basic_expenditure) == "0.94");      // line 239 (page break)
    CHECK(t3.find_code("2080506")->name == "机关事业单位职业年金缴费支出");              // lines 236–238

    const report_table& t5 = *putuo().table(table_kind::general_budget_expenditure);
    CHECK(t5.rows.size() == 20);
    CHECK(t5.rows.back().role == row_role::total);  // 合计 printed last, line 331
    CHECK(v(t5, &t5.rows.back(), column_id::basic_expenditure) == "2336.91");
    CHECK(v(t5, t5.find_code("2010602"), column_id::basic_expenditure) == "empty");  // line 315
    CHECK(v(t5, t5.find_code("2010602"), column_id::project_expenditure) == "10.00");
    CHECK(v(t5, t5.find_code("2080505"), column_id::basic_expenditure) == "160.75");  // line 321
    CHECK(v(t5, t5.find_code("2080505"), column_id::project_expenditure) == "empty");
}

TEST_CASE("Putuo layout 06: two groups, codes and names over several lines; 09; 07/08 empty") {
    const report_table& t = *putuo().table(table_kind::basic_expenditure_detail);
    CHECK(t.rows.size() == 26 + 38 + 2);  // left 301/303 groups, right 302/310 groups, two totals
    CHECK(v(t, t.find_code("301"), column_id::amount) == "2082.85");    // line 341
    CHECK(v(t, t.find_code("30101"), column_id::amount) == "262.33");   // lines 344–346
    CHECK(v(t, t.find_code("30113"), column_id::amount) == "187.19");   // lines 383–385
    CHECK(v(t, t.find_code("30103"), column_id::amount) == "empty");    // line 353
    CHECK(t.find_code("30212")->name == "因公出国（境）费用");          // lines 384–386
    CHECK(v(t, t.find_code("30229"), column_id::amount) == "42.77");    // lines 426–428
    CHECK(v(t, t.find_code("31002"), column_id::amount) == "13.58");    // lines 453–455
    CHECK(t.find_code("30305")->name == "生活补助");                    // line 412 after a page break
    CHECK(v(t, t.find_name("人员经费合计"), column_id::amount) == "2152.26");  // line 477
    CHECK(v(t, t.find_name("公用经费合计"), column_id::amount) == "184.65");

    const report_table& t9 = *putuo().table(table_kind::three_public);
    REQUIRE(t9.rows.size() == 2);
    CHECK(v(t9, &t9.rows[0], column_id::total) == "0.95");               // line 491, first 预算数
    CHECK(v(t9, &t9.rows[0], column_id::official_reception) == "0.95");  // under the last 预算数
    CHECK(v(t9, &t9.rows[1], column_id::total) == "empty");
    CHECK(putuo().table(table_kind::government_fund)->no_data.has_value());
    CHECK(putuo().table(table_kind::state_capital)->no_data.has_value());
    CHECK(putuo().table(table_kind::state_capital)->columns.size() == 6);  // Shanghai: 收入支出 like 07
    // 08's 本年支出 小计 (column 3, header line 514) is the year's spending, the 合计 of the usual
    // three-column 08: it gets 08's id `total`; 07's same column keeps `subtotal` (05, 07)
    const report_table& t8 = *putuo().table(table_kind::state_capital);
    CHECK(t8.columns[2].id == column_id::total);
    CHECK(t8.columns[2].label == "小计");
    CHECK(t8.columns[0].id == column_id::opening_balance);
    CHECK_FALSE(t8.column_index(column_id::subtotal).has_value());
    CHECK(putuo().table(table_kind::government_fund)->columns[2].id == column_id::subtotal);
}

TEST_CASE("Shanghai template layout imports without numbers and without crashing") {
    const report r = import_text_file(CAIZHENG_TEST_DATA "/reports/2024_shanghai_final_accounts_template.layout.txt");
    CHECK(r.tables.size() == 9);
    CHECK(r.narrative.size() == 11);
    CHECK(report_from_json(report_to_json(r)) == r);
}

TEST_CASE("narrative: contents-like headings followed by a second 一、 are moved to the part, the body is read") {
    // A 第三部分 whose contents list (lines 3–4) is followed directly by the body (line 5 on):
    // the second 一、 ends the contents. Line numbers are 1-based.
    const std::string text =
        "2024年度部门决算\n"                    // 1
        "第三部分 部门决算情况说明\n"           // 2
        "一、收入支出决算总体情况说明\n"        // 3 (contents)
        "二、收入决算情况说明\n"                // 4 (contents)
        "一、收入支出决算总体情况说明\n"        // 5 (body)
        "本年收入支出总计100.00万元。\n"        // 6
        "与上年相比增加1.00万元。\n"            // 7
        "二、收入决算情况说明\n"                // 8
        "本年收入合计100.00万元。\n";           // 9
    const report r = import_text(text);
    REQUIRE(r.narrative.size() == 2);
    CHECK(r.narrative[0].source.line == 5);
    REQUIRE(r.narrative[0].paragraphs.size() == 2);
    CHECK(r.narrative[0].paragraphs[1].source.line == 7);
    CHECK(r.narrative[1].source.line == 8);
    REQUIRE(r.narrative[1].paragraphs.size() == 1);
    CHECK(r.narrative[1].paragraphs[0].text == "本年收入合计100.00万元。");
    const auto part = std::find_if(r.parts.begin(), r.parts.end(), [](const document_part& p) { return p.source.line == 2; });
    REQUIRE(part != r.parts.end());
    REQUIRE(part->lines.size() == 2);  // the contents' two headings, nothing lost
    CHECK(part->lines[0].text == "一、收入支出决算总体情况说明");
    CHECK(part->lines[0].source.line == 3);
    CHECK(part->lines[1].source.line == 4);
    // a real narrative whose sections have paragraphs is not touched by a repeated heading
    const report kept = import_text("第三部分 情况说明\n一、总体情况\n本年收入支出总计100.00万元，比上年增加1.00万元。\n"
                                    "二、收入\n本年收入合计100.00万元，全部为财政拨款收入。\n一、总体情况\n");
    REQUIRE(kept.narrative.size() == 2);
    CHECK(kept.narrative[1].paragraphs.back().text == "一、总体情况");
}

TEST_CASE("Putuo layout 04 variants: a fund amount is placed by position only when certain and adding up") {
    const std::string base = read_file(CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.layout.txt");
    // line 271: "八、社会保障和就业支出     326.71          326.71" — the second amount ends at
    // column 64, under 一般公共预算.
    const std::string line271 = "                          八、社会保障和就业支出     326.71          326.71\n";
    REQUIRE(base.find(line271) != std::string::npos);
    auto fiscal = [](const report& r) -> const report_table& { return *r.table(table_kind::fiscal_total); };
    SECTION("moved 12 columns right, under 政府性基金 (label at 68–74): placed there, no warning") {
        const report r = import_text(replace_first(base, line271,
            "                          八、社会保障和就业支出     326.71                      326.71\n"));
        const report_table& f = fiscal(r);
        CHECK(v(f, f.find_name("八、社会保障和就业支出"), column_id::government_fund) == "326.71");
        CHECK(v(f, f.find_name("八、社会保障和就业支出"), column_id::general_budget) == "empty");
        CHECK(r.warnings.empty());
    }
    SECTION("moved 4 columns right, between 一般公共预算 and 政府性基金: placed, with a warning for line 271") {
        const report r = import_text(replace_first(base, line271,
            "                          八、社会保障和就业支出     326.71              326.71\n"));
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].kind == warning_kind::column_count);
        CHECK(r.warnings[0].line == 271);
        const report_table& f = fiscal(r);
        const table_row* row = f.find_name("八、社会保障和就业支出");
        REQUIRE(row);
        std::size_t placed = 0;  // the amount is kept in one of the three fund columns
        for (column_id c : {column_id::general_budget, column_id::government_fund, column_id::state_capital})
            placed += v(f, row, c) == "326.71" ? 1 : 0;
        CHECK(placed == 1);
    }
    SECTION("a fund amount that does not add up to 合计: a warning for its line") {
        const report r = import_text(replace_first(base, line271,
            "                          八、社会保障和就业支出     326.71          326.70\n"));
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].line == 271);
        CHECK(v(fiscal(r), fiscal(r).find_name("八、社会保障和就业支出"), column_id::general_budget) == "326.70");
    }
}

// ---- the importer's text helpers (lib/import/text_util.hpp): fast paths against plain ones ----

namespace {

/// Byte-at-a-time reference for import_detail::is_clean_utf8: well-formed UTF-8 by the table
/// of the Unicode standard (ch. 3, table 3-7: lead byte, range of the second byte, length),
/// printable ASCII, tab, FF, VT, and with `lines` LF and CR followed by LF.
bool reference_clean(std::string_view s, bool lines) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            const bool ok = (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\f' || c == '\v' ||
                            (lines && (c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')));
            if (!ok) return false;
            ++i;
            continue;
        }
        unsigned lo = 0x80, hi = 0xBF;
        std::size_t len = 0;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
        else if (c == 0xED) len = 3, hi = 0x9F;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) len = 4, hi = 0x8F;
        else return false;
        if (i + len > s.size()) return false;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 < lo || c1 > hi) return false;
        for (std::size_t k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

}  // namespace

TEST_CASE("text helpers: word-at-a-time UTF-8 check agrees with the byte-at-a-time rules") {
    using caizheng::import_detail::is_clean_utf8;
    // Pieces: clean ASCII, layout controls, line ends, CJK (the two-at-a-time path), E0/ED/4-byte
    // sequences (the slow path), and damage: truncated and overlong sequences, surrogates, stray
    // continuation bytes, controls, DEL, bytes that never occur in UTF-8.
    const std::vector<std::string> good = {"a", "0123456", "  ", "\t", "\f", "\v", "\n", "\r\n", "~",
                                           "收入", "决算表", "\xE3\x80\x80", "\xEF\xBC\x90", "\xE2\x80\x94",
                                           "\xE0\xA0\x80", "\xED\x9F\xBF", "\xC2\xA9", "\xF0\x9F\x98\x80",
                                           "\xF4\x8F\xBF\xBF", "\xEE\x80\x80"};
    const std::vector<std::string> bad = {"\r", std::string(1, '\0'), "\x1B", "\x7F", "\x80", "\xBF", "\xC0\xAF",
                                          "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xE6\x94", "\xE6",
                                          "\xE6\x94\x41", "\xE6\x41\xB6", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                          "\xF5\x80\x80\x80", "\xFF", "\xF0\x9F\x98"};
    std::mt19937 rng(20241128);
    int clean = 0, unclean = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const int pieces = static_cast<int>(rng() % 24);
        for (int k = 0; k < pieces; ++k)
            s += rng() % 40 == 0 ? bad[rng() % bad.size()] : good[rng() % good.size()];
        // every start offset: the 8-byte windows fall differently over the same bytes
        for (std::size_t off = 0; off < 8 && off <= s.size(); ++off) {
            const std::string_view v = std::string_view(s).substr(off);
            for (const bool lines : {false, true}) {
                const bool expected = reference_clean(v, lines);
                INFO("round " << round << " offset " << off << " lines " << lines);
                REQUIRE(is_clean_utf8(v, lines) == expected);
                (expected ? clean : unclean) += 1;
            }
        }
    }
    CHECK(clean > 50000);  // both outcomes well covered
    CHECK(unclean > 50000);

    // One bad byte at each position of a clean text long enough for every path: it is found
    // whether it sits at the start, the middle or the end of an 8-byte window or a CJK pair.
    const std::string base = "2010301\t行政运行\t1, 227. 61\t\xE3\x80\x80（一）收入决算表 abcdefgh\f\v\t说明：无";
    REQUIRE(is_clean_utf8(base));
    for (std::size_t at = 0; at <= base.size(); ++at)
        for (const char b : {'\x01', '\r', '\x7F', '\x80', '\xC0', '\xFE'}) {
            std::string s = base;
            s.insert(at, 1, b);
            INFO("byte " << static_cast<int>(static_cast<unsigned char>(b)) << " at " << at);
            CHECK(is_clean_utf8(s) == reference_clean(s, false));
            CHECK_FALSE(is_clean_utf8(s));
        }
    // A CJK character cut by the end of the text, at every length around a word.
    const std::string cjk = "收入支出决算总表";  // 8 × 3 bytes
    for (std::size_t n = 0; n <= cjk.size(); ++n)
        CHECK(is_clean_utf8(std::string_view(cjk).substr(0, n)) == (n % 3 == 0));
}

TEST_CASE("text helpers: find_text, trim and squeeze keep the plain meaning") {
    using namespace caizheng::import_detail;
    std::mt19937 rng(7);
    const std::vector<std::string> pieces = {"本", "表", "无", "数据", "a", " ", "\t", "本表", "、", "\xE3\x80\x80"};
    for (int round = 0; round < 5000; ++round) {
        std::string h, n;
        for (int k = static_cast<int>(rng() % 12); k > 0; --k) h += pieces[rng() % pieces.size()];
        for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) n += pieces[rng() % pieces.size()];
        INFO("haystack \"" << h << "\" needle \"" << n << "\"");
        REQUIRE(find_text(h, n) == std::string_view(h).find(n));
    }
    CHECK(find_text("", "") == 0);
    CHECK(find_text("本表无数据", "") == 0);
    CHECK(find_text("ab", "abc") == std::string_view::npos);

    CHECK(trim("\xE3\x80\x80 公开01表\t\xE3\x80\x80") == "公开01表");
    CHECK(trim("\n\r\t 合计") == "合计");
    CHECK(trim("合计\n") == "合计\n");  // a trailing LF was never trimmed (lines have none)
    CHECK(trim("合计\r\f\v ") == "合计");
    CHECK(trim("  ") == "");
    CHECK(trim("\xE3\x80") == "\xE3\x80");  // half a full-width space is no space
    CHECK(squeeze("公务员医疗 补助\xE3\x80\x80（一）\t") == "公务员医疗补助（一）");
    std::string buf;
    CHECK(squeeze_into("一般公共预算 财政拨款 支出决算表", buf) == "一般公共预算财政拨款支出决算表");
    CHECK(squeeze_into("合 计", buf) == "合计");  // the buffer reused, shorter result
    CHECK(squeeze_into("合计", buf) == "合计");
    CHECK(squeeze_into("", buf) == "");
}
