// The report model: helpers, building by hand, JSON export/import and its validation.
#include "caizheng/report.hpp"
#include "caizheng/report_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace caizheng;

namespace {

/// A small report built the way a finance system would: table by table, row by row.
report small_report() {
    report r;
    r.meta.department = "测试局";
    r.meta.year = 2024;
    r.meta.units_included = {"测试局本级"};
    report_table t = make_table(table_kind::income);
    table_row& total = add_row(t, "", "合计");
    set_cell_text(total.cells[0], "1,227.61");
    set_cell_text(total.cells[1], "1227.61");
    table_row& item = add_row(t, "2010301", "行政运行");
    set_cell_text(item.cells[0], "192.26");
    set_cell_text(item.cells[6], "—");  // an empty marker: empty, not zero
    r.tables.push_back(std::move(t));
    report_table t9 = make_table(table_kind::three_public);
    table_row& b = add_row(t9, "", "预算数", row_side::budget);
    set_cell_text(b.cells[0], "3.8");
    r.tables.push_back(std::move(t9));
    r.narrative.push_back({1, "一", "收入支出决算总体情况说明", {{"2024年度收、支总计1227.61万元。", {296, 0, {}}}}, {294, 0, {}}});
    project_evaluation p;
    p.project = "项目";
    p.total_score = {decimal(9990, 2), false, "99.90", {634, 8, {}}};
    p.execution_rate = {decimal(9900, 2), true, "99.00%", {}};
    p.indicators.push_back({"产出指标", "数量指标", "x", "≥2000册", "2000余册", {decimal(5, 0), false, "5", {}}, {}, "", {}});
    r.annex.projects.push_back(p);
    r.warnings.push_back({warning_kind::unplaced_line, 12, "文字", "reason"});
    r.tables[0].rows[1].cells[0].source.box = source_box{3, 7200, 14400, 9000, 15000};
    return r;
}

std::string problems_of(const std::string& json) {
    try {
        (void)report_from_json(json);
    } catch (const error& e) {
        CHECK(e.code() == errc::parse_error);
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("table titles are recognised by meaning, not number") {
    CHECK(table_kind_from_title("收入支出决算总表") == table_kind::income_expenditure_total);
    CHECK(table_kind_from_title("部门收支决算总表") == table_kind::income_expenditure_total);
    CHECK(table_kind_from_title("财政拨款收入支出决算总表") == table_kind::fiscal_total);
    CHECK(table_kind_from_title("收入决算表") == table_kind::income);
    CHECK(table_kind_from_title("支出决算表") == table_kind::expenditure);
    CHECK(table_kind_from_title("一般公共预算财政拨款支出决算表") == table_kind::general_budget_expenditure);
    CHECK(table_kind_from_title("一般公共预算财政拨款基本支出决算明细表") == table_kind::basic_expenditure_detail);
    CHECK(table_kind_from_title("一般公共预算财政拨款基本支出决算表") == table_kind::basic_expenditure_detail);  // Shanghai
    CHECK(table_kind_from_title("政府性基金预算财政拨款收入支出决算表") == table_kind::government_fund);
    CHECK(table_kind_from_title("国有资本经营预算财政拨款支出决算表") == table_kind::state_capital);
    CHECK(table_kind_from_title("国有资本经营预算财政拨款收入支出决算表") == table_kind::state_capital);
    CHECK(table_kind_from_title("财政拨款“三公”经费支出决算表") == table_kind::three_public);
    CHECK(table_kind_from_title("财政拨款\"三公\"经费支出决算表") == table_kind::three_public);
    CHECK(table_kind_from_title("株洲市天元区数据局2024年度收入 决算表") == table_kind::income);
    CHECK_FALSE(table_kind_from_title("部门决算表").has_value());
    CHECK_FALSE(table_kind_from_title("收入决算情况说明").has_value());
    for (int k = 0; k < table_kind_count; ++k)
        CHECK(table_kind_from_title(table_kind_title(static_cast<table_kind>(k))) == static_cast<table_kind>(k));
}

TEST_CASE("codes: structural checks and levels") {
    CHECK(code_level_of("201") == code_level::lei);
    CHECK(code_level_of("20103") == code_level::kuan);
    CHECK(code_level_of("2010301") == code_level::xiang);
    CHECK(code_level_of("2010") == code_level::none);
    CHECK(code_level_of("20a") == code_level::none);
    CHECK(is_functional_code("2210201"));
    CHECK_FALSE(is_functional_code("22102011"));
    CHECK(is_economic_code("30113"));
    CHECK_FALSE(is_economic_code("3011301"));
    CHECK(role_of_name("本年收入合计") == row_role::total);
    CHECK(role_of_name("小计") == row_role::subtotal);
    CHECK(role_of_name("总计") == row_role::grand_total);
    CHECK(role_of_name("行政运行") == row_role::item);
}

TEST_CASE("building a report by hand; cells: empty is not zero, text kept") {
    const report r = small_report();
    const report_table& t = *r.table(table_kind::income);
    CHECK(t.columns.size() == 7);
    CHECK(t.rows[0].role == row_role::total);
    CHECK(t.rows[0].cells[0].value == decimal(122761, 2));
    CHECK(t.rows[0].cells[0].text == "1,227.61");
    CHECK_FALSE(t.rows[1].cells[6].value.has_value());
    CHECK(t.rows[1].cells[6].text == "—");
    CHECK_FALSE(t.rows[1].cells[5].value.has_value());
    CHECK(t.cell(t.rows[1], column_id::total_income)->value == decimal(19226, 2));
    CHECK(*t.column_index(column_id::other_income) == 6);
    CHECK(t.find_code("2010301") == &t.rows[1]);
    table_cell c;
    CHECK_THROWS_AS(set_cell_text(c, "12.345"), error);  // more than two places: never rounded
    CHECK_THROWS_AS(set_cell_text(c, "abc"), parse_error);
    set_cell_text(c, "17.3");
    CHECK(c.value->to_string() == "17.30");
    CHECK(cell_wan_yuan(c, money_unit::wan_yuan) == wan_yuan::from_raw(1730));
    CHECK(r.missing_tables().size() == 7);
    CHECK(validate(r).empty());
}

TEST_CASE("JSON: round trip, amounts as strings") {
    const report r = small_report();
    const std::string j = report_to_json(r);
    CHECK(report_from_json(j) == r);
    CHECK(report_from_json(report_to_json(r, true)) == r);
    const auto v = boost::json::parse(j);
    CHECK(v.at("format") == "caizheng-report");
    CHECK(v.at("version") == 1);
    const auto& cell = v.at("tables").at(0).at("rows").at(0).at("cells").at(0);
    CHECK(cell.at("value") == "1227.61");
    CHECK(cell.at("text") == "1,227.61");
    CHECK(v.at("tables").at(0).at("rows").at(1).at("cells").at(6).at("value").is_null());
    CHECK(v.at("tables").at(0).at("kind") == "income");
    CHECK(v.at("meta").at("unit") == "wan_yuan");
    CHECK(v.at("tables").at(0).at("rows").at(1).at("cells").at(0).at("source").at("box").at("page") == 3);
    // a change anywhere breaks equality
    report other = r;
    other.tables[0].rows[1].cells[0].source.line = 1;
    CHECK_FALSE(other == r);
}

TEST_CASE("JSON import validates, naming the JSON path") {
    const report r = small_report();
    auto doc = boost::json::parse(report_to_json(r)).as_object();
    auto edit = [&](auto f) {
        auto d = doc;
        f(d);
        return problems_of(boost::json::serialize(d));
    };
    auto cells = [](boost::json::object& d, std::size_t table, std::size_t row) -> boost::json::array& {
        return d["tables"].as_array()[table].as_object()["rows"].as_array()[row].as_object()["cells"].as_array();
    };
    CHECK_THAT(edit([](auto& d) { d["tables"].as_array()[1].as_object()["kind"] = "incme"; }),
               Catch::Contains("$.tables[1].kind: unknown table kind \"incme\""));
    CHECK_THAT(edit([&](auto& d) { cells(d, 0, 0).pop_back(); }),
               Catch::Contains("$.tables[0].rows[0].cells: 6 cells, table has 7 columns"));
    CHECK_THAT(edit([&](auto& d) { cells(d, 0, 1).at(0).as_object()["value"] = "12,3x"; }),
               Catch::Contains("$.tables[0].rows[1].cells[0].value: bad amount \"12,3x\""));
    CHECK_THAT(edit([&](auto& d) { cells(d, 0, 1).at(0).as_object()["value"] = 192.26; }),
               Catch::Contains("$.tables[0].rows[1].cells[0].value: amounts are decimal strings"));
    CHECK_THAT(edit([&](auto& d) { cells(d, 0, 1).at(0).as_object()["value"] = "192.265"; }),
               Catch::Contains("$.tables[0].rows[1].cells[0].value: amount \"192.265\" has more than two places"));
    CHECK_THAT(edit([](auto& d) {
                   d["tables"].as_array()[0].as_object()["rows"].as_array()[1].as_object()["code"] = "20103011";
               }),
               Catch::Contains("$.tables[0].rows[1].code: malformed functional classification code \"20103011\""));
    CHECK_THAT(edit([](auto& d) { d["meta"].as_object()["yaer"] = 2024; }), Catch::Contains("$.meta.yaer: unknown member"));
    CHECK_THAT(edit([](auto& d) { d["meta"].as_object()["year"] = "2024"; }),
               Catch::Contains("$.meta.year: expected an integer"));
    CHECK_THAT(edit([](auto& d) { d["tables"].as_array().push_back(d["tables"].as_array()[0]); }),
               Catch::Contains("$.tables[2].kind: second table of kind income"));
    CHECK_THAT(edit([](auto& d) { d["version"] = 99; }), Catch::Contains("$.version: unsupported version"));
    // several problems are all reported
    const std::string many = edit([&](auto& d) {
        d["tables"].as_array()[1].as_object()["kind"] = "x";
        d["meta"].as_object()["unit"] = "dollar";
    });
    CHECK_THAT(many, Catch::Contains("2 problems"));
    CHECK_THAT(many, Catch::Contains("$.meta.unit: unknown unit \"dollar\""));
    CHECK_THROWS_AS(report_from_json("{not json"), parse_error);
    CHECK_THROWS_AS(report_from_json("[]"), error);
    CHECK_THROWS_AS(report_from_json(std::string(10000, '[')), error);  // depth limit, no stack overflow
    // missing members take defaults
    CHECK(report_from_json("{}") == report{});
}

TEST_CASE("the example of docs/report-schema.md is a valid report") {
    std::ifstream in(CAIZHENG_SOURCE_DIR "/docs/report-schema.md");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    const std::size_t a = doc.find("```json\n");
    REQUIRE(a != std::string::npos);
    const std::size_t b = doc.find("```", a + 8);
    const report r = report_from_json(doc.substr(a + 8, b - a - 8));
    REQUIRE(r.tables.size() == 1);
    const report_table& t = r.tables[0];
    CHECK(t.kind == table_kind::general_budget_expenditure);
    CHECK(t.rows[0].role == row_role::total);
    CHECK(t.rows[1].cells[0].value == decimal(1730, 2));
    CHECK_FALSE(t.rows[1].cells[2].value.has_value());
    CHECK(report_from_json(report_to_json(r)) == r);
}
