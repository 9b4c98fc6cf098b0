// Narrative (情况说明) claims and checks. Expected values are worked out by hand from the
// figures of the bundled Hunan report (see the comments; /work/notes/hunan_findings.md) and of
// sentences of the Shanghai (Putuo) report.
#include "caizheng/classification.hpp"
#include "caizheng/import.hpp"
#include "caizheng/narrative.hpp"

#include "../lib/narrative/detail.hpp"  // the extraction the reconciler shares

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace caizheng;

namespace {

std::string hunan_text() {
    std::ifstream in(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt",
                     std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The bundled text with `from` (which must occur exactly once) replaced by `to`.
std::string edited(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

using key = std::tuple<std::string, severity, std::uint32_t>;  // rule, severity, line

std::vector<key> keys(const std::vector<finding>& fs) {
    std::vector<key> out;
    for (const auto& f : fs) out.emplace_back(f.rule, f.severity, f.locations.at(0).source.line);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<finding> with_rule(const std::vector<finding>& fs, const std::string& rule) {
    std::vector<finding> out;
    for (const auto& f : fs)
        if (f.rule == rule) out.push_back(f);
    return out;
}

const finding* at_line(const std::vector<finding>& fs, const std::string& rule, std::uint32_t line) {
    for (const auto& f : fs)
        if (f.rule == rule && f.locations.at(0).source.line == line) return &f;
    return nullptr;
}

std::size_t errors(const std::vector<finding>& fs) {
    return static_cast<std::size_t>(
        std::count_if(fs.begin(), fs.end(), [](const finding& f) { return f.severity == severity::error; }));
}

decimal d(const char* s) { return decimal::parse(s); }

}  // namespace

TEST_CASE("Hunan narrative: the claims read", "[narrative]") {
    const report r = import_text(hunan_text());
    const auto claims = extract_claims(r);
    auto find = [&](claim_kind k, const char* printed, std::uint32_t line) -> const narrative_claim& {
        for (const auto& c : claims)
            if (c.kind == k && c.printed == printed && c.source.line == line) return c;
        FAIL("claim " << printed << " on line " << line << " not found");
        return claims.front();
    };
    // 五（二）: 类 names resolved to codes through the classification catalog.
    CHECK(find(claim_kind::amount, "1171万元", 318).code == "201");
    CHECK(find(claim_kind::amount, "20.26万元", 318).code == "208");
    CHECK(find(claim_kind::amount, "19.05万元", 318).code == "210");
    CHECK(find(claim_kind::amount, "17.3万元", 318).code == "221");
    // "占95.39%" is the share of 1171 in the sentence's total 1227.61.
    const auto& s = find(claim_kind::share, "95.39%", 318);
    REQUIRE(s.subject >= 0);
    REQUIRE(s.base >= 0);
    CHECK(claims[static_cast<std::size_t>(s.subject)].printed == "1171万元");
    CHECK(claims[static_cast<std::size_t>(s.base)].printed == "1227.61万元");
    // 五（三）: each 项 paragraph names its 项 by path; item 5's path is split over two lines
    // ("…（款）机关事业" + "单位基本养老保险缴费支出（项）。").
    CHECK(find(claim_kind::budget, "190.36万元", 326).code == "2010301");
    CHECK(find(claim_kind::actual, "948.74万元", 330).code == "2010302");
    CHECK(find(claim_kind::actual, "25万元", 334).code == "2010305");
    CHECK(find(claim_kind::actual, "5万元", 338).code == "2013299");
    CHECK(find(claim_kind::budget, "20.25万元", 344).code == "2080505");
    CHECK(find(claim_kind::actual, "17.3万元", 360).code == "2210201");
    // "101%" keeps its precision: 0 places.
    const auto& c101 = find(claim_kind::completion_rate, "101%", 326);
    CHECK(c101.value->scale() == 0);
}

TEST_CASE("Hunan narrative: every finding, worked out by hand", "[narrative]") {
    const report r = import_text(hunan_text());
    const auto fs = check_narrative(r);
    // All other claims hold (hunan_findings.md §Narrative), so these are ALL the findings:
    const std::vector<key> expected = [] {
        std::vector<key> k{
            // 九（一） 三公 budget 3.8 (text) vs table 09 budget half 合计 1.40 (a copy of the actuals).
            {"N.amount", severity::error, 384},
            // 出国: "完成预算的0%" with budget 0 → a rate on a zero base is not a number.
            {"N.zero_base", severity::error, 386},
            // 出国: "减少（增加）0万元，减少（增长）0%" → template left unresolved …
            {"N.direction_unresolved", severity::error, 386},
            // … and the rate 0% on last year = 0 + 0 = 0 → zero base again.
            {"N.zero_base", severity::error, 386},
            // 接待 budget 0.3 vs table 09 budget 0.21.
            {"N.amount", severity::error, 388},
            // 购置: same three as 出国.
            {"N.zero_base", severity::error, 390},
            {"N.direction_unresolved", severity::error, 390},
            {"N.zero_base", severity::error, 390},
            // 运行维护 budget 3.5 vs table 09 budget 1.19.
            {"N.amount", severity::error, 392},
            // 运行维护: last year = 1.19 + 0.76 = 1.95 ≠ 基础数据表 2023 决算 1.96.
            {"N.previous_year", severity::error, 392},
            // 运行维护: 0.76 / 1.95 = 38.974% → 38.97 ≠ "38.78%" (which is 0.76 / 1.96).
            {"N.change_rate", severity::error, 392},
            // 九（二） 公务用车购置费及运行维护费 1.19 vs table 09 小计 1.40 (the table's 小计 is
            // itself wrong: 0.00 + 1.19 = 1.19), on both lines that state it.
            {"N.amount", severity::error, 396},
            {"N.amount", severity::error, 402},
            // 十一 培训费 1.76 vs 06 30216 培训费 0.00: a soft link (could be project money).
            {"N.amount", severity::warning, 410},
            // annex （二）: last year 978.74 + 542.15 = 1520.89 vs 基础数据表 1520.9 (1 place):
            // 1520.89 rounds to 1520.9 → within the printed precision.
            {"N.previous_year", severity::tail_difference, 500},
            // annex: 放管服 项目支出 14.97 (text, = 基础数据表) vs 自评表 全年执行数 14.98.
            {"N.annex.project", severity::error, 526},
        };
        std::sort(k.begin(), k.end());
        return k;
    }();
    CHECK(keys(fs) == expected);

    // The 运行维护 change-rate finding carries the arithmetic.
    const finding* f = at_line(fs, "N.change_rate", 392);
    REQUIRE(f);
    CHECK(*f->expected == d("38.97"));  // 0.76 / 1.95 × 100 = 38.9743…
    CHECK(*f->found == d("38.78"));
    CHECK(*f->difference == d("-0.19"));
    CHECK(f->unit == "%");
    CHECK(f->locations[0].section == "九");
    CHECK(f->message_zh.find("减少0.76万元与减少38.78%不一致") != std::string::npos);
    CHECK(f->message_zh.find("上年为1.95万元") != std::string::npos);
    CHECK(f->message_zh.find("38.97%") != std::string::npos);
    CHECK(f->message_zh.find("0.77万元") != std::string::npos);  // 1.96 − 1.19 per 基础数据表
    CHECK(!f->message_en.empty());
    CHECK(f->locations[0].text.find("公务用车运行维护费支出预算为3.5万元") == 0);

    // 三公 budget 3.8 vs 09's 1.40: expected is the table's figure, with the table cell located.
    f = at_line(fs, "N.amount", 384);
    REQUIRE(f);
    CHECK(*f->expected == d("1.40"));
    CHECK(*f->found == d("3.8"));
    CHECK(*f->difference == d("2.40"));
    REQUIRE(f->locations.size() == 2);
    CHECK(f->locations[1].table == table_kind::three_public);
    CHECK(f->locations[1].table_number == "公开09表");

    // 公务用车购置及运行维护费 1.19 vs 09's subtotal 1.40, which is itself not its parts
    // 0.00 + 1.19 = 1.19: the finding says so (the note is built only for a finding).
    f = at_line(fs, "N.amount", 396);
    REQUIRE(f);
    CHECK(*f->expected == d("1.40"));
    CHECK(*f->found == d("1.19"));
    CHECK(f->message_zh.find("（表中小计1.40本身不等于购置费0.00＋运行维护费1.19＝1.19）") != std::string::npos);
    CHECK(f->message_en.find("the table's own subtotal 1.40 is not purchase 0.00 + operation 1.19 = 1.19") !=
          std::string::npos);

    // The template finding names the words left in.
    f = at_line(fs, "N.direction_unresolved", 386);
    REQUIRE(f);
    CHECK(f->message_zh.find("减少（增加）") != std::string::npos);
    CHECK(f->message_zh.find("减少（增长）") != std::string::npos);

    // 14.97 vs 14.98 is one figure printed two ways: an error, not a tail difference.
    f = at_line(fs, "N.annex.project", 526);
    REQUIRE(f);
    CHECK(*f->expected == d("14.98"));
    CHECK(*f->found == d("14.97"));
}

TEST_CASE("Hunan narrative: correct claims produce no finding", "[narrative]") {
    // Fix every error of the bundled report, each fix commented; then nothing but the tail
    // difference of the annex (1520.89 vs the one-place 1520.9) remains.
    std::string t = hunan_text();
    // 09 budget half: the 2024 budgets of the narrative and the 基础数据表 (3.8 = 0 + 3.5 + 0.3,
    // 小计 3.5 = 0 + 3.5); actual half: 小计 1.19 = 0 + 1.19 (合计 1.4 = 0 + 1.19 + 0.21).
    t = edited(t, "1.4\t0.00\t1.4\t0.00\t1.19\t0.21\t1.4\t0.00\t1.4\t0.00\t1.19\t0.21",
               "3.8\t0.00\t3.5\t0.00\t3.5\t0.3\t1.4\t0.00\t1.19\t0.00\t1.19\t0.21");
    // 出国 and 购置: no rate on a zero base, no template words.
    t = edited(t, "因公出国（境）费支出预算为0万元，支出决算为0万元，完成预算的0%，与上年相比减少（增加）0万元，减少（增长）0%。",
               "因公出国（境）费支出预算为0万元，支出决算为0万元，与上年持平。");
    t = edited(t, "公务用车购置费支出预算为0万元，支出决算为0万元，完成预算的0%，与上年相比减少（增加）0万元，减少（增长）0%。",
               "公务用车购置费支出预算为0万元，支出决算为0万元，与上年持平。");
    // 运行维护: last year 1.96 (基础数据表) → change 1.96 − 1.19 = 0.77, rate 0.77 / 1.96 = 39.2857 → 39.29%.
    t = edited(t, "减少0.76万元，减少38.78%", "减少0.77万元，减少39.29%");
    // 自评表 of 放管服: 全年执行数 14.97 as in the 基础数据表 and the text.
    t = edited(t, "当年财政拨款\t15\t15\t14.98", "当年财政拨款\t15\t15\t14.97");
    t = edited(t, "年度资金总额\t15\t15\t14.98", "年度资金总额\t15\t15\t14.97");
    // 06 培训费 as spent (1.76).
    t = edited(t, "30216\t培训费\t0.00", "30216\t培训费\t1.76");
    const report r = import_text(t);
    const auto fs = check_narrative(r);
    CHECK(keys(fs) == std::vector<key>{{"N.previous_year", severity::tail_difference, 500}});
    CHECK(errors(fs) == 0);
}

TEST_CASE("narrative: rates on a zero base are errors", "[narrative]") {
    const std::string base = hunan_text();
    SECTION("完成年初预算的…% with 年初预算 0") {
        // 专项业务及机关事务管理: budget 0, actual 25; the bundled text rightly states no rate.
        const auto t = edited(base, "年初预算为0万元，支出决算为25万元，决算数大于",
                              "年初预算为0万元，支出决算为25万元，完成年初预算的100%，决算数大于");
        const auto fs = check_narrative(import_text(t));
        const finding* f = at_line(fs, "N.zero_base", 334);
        REQUIRE(f);
        CHECK(f->severity == severity::error);
        CHECK(*f->found == d("100"));
        CHECK(!f->expected);  // not a number to match
    }
    SECTION("增长100% when last year was 0") {
        // 机关运行经费 36.32, 增加36.32 → last year 36.32 − 36.32 = 0.
        const auto t = edited(base, "比上年决算数减少1.01万元，降低2.71%", "比上年决算数增加36.32万元，增长100%");
        const auto fs = check_narrative(import_text(t));
        const finding* f = at_line(fs, "N.zero_base", 406);
        REQUIRE(f);
        CHECK(f->message_zh.find("上年为0") != std::string::npos);
        CHECK(at_line(fs, "N.change_rate", 406) == nullptr);
    }
    SECTION("a share of a zero base") {
        // 政府采购 total 0 while a part claims a share of it.
        const auto t = edited(base, "授予中小企业合同金额177.08万元，占政府采购支出总额的46.14%",
                              "授予中小企业合同金额0万元，占政府采购支出总额的46.14%，其中：授予小微企业合同金额0万元，占授予中小企业合同金额的0%。另：授予中小企业合同金额177.08万元");
        const auto fs = check_narrative(import_text(t));
        CHECK(at_line(fs, "N.zero_base", 414) != nullptr);  // 0% of a 0 base
    }
}

TEST_CASE("narrative: direction words agree with the figures", "[narrative]") {
    const std::string base = hunan_text();
    SECTION("决算数小于 when actual > budget") {
        // 行政运行: 192.26 > 190.36, so "小于" is wrong.
        const auto t = edited(base, "完成年初预算的101%，决算数大于年初预算数", "完成年初预算的101%，决算数小于年初预算数");
        const auto fs = check_narrative(import_text(t));
        const finding* f = at_line(fs, "N.direction", 326);
        REQUIRE(f);
        CHECK(f->severity == severity::error);
        CHECK(*f->expected == d("190.36"));
        CHECK(*f->found == d("192.26"));
    }
    SECTION("change amount and rate with opposite words") {
        // 一: 减少526.73 but 增长30.02%.
        const auto t = edited(base, "2024年度收、支总计1227.61万元。与上年相比，减少526.73万元，减少30.02%",
                              "2024年度收、支总计1227.61万元。与上年相比，减少526.73万元，增长30.02%");
        const auto fs = check_narrative(import_text(t));
        CHECK(at_line(fs, "N.direction", 296) != nullptr);
    }
    SECTION("增加 where the figures make it a decrease") {
        // 一: "增加526.73" → last year 1227.61 − 526.73 = 700.88; 526.73 / 700.88 = 75.1527% ≠ 30.02.
        const auto t = edited(base, "2024年度收、支总计1227.61万元。与上年相比，减少526.73万元，减少30.02%",
                              "2024年度收、支总计1227.61万元。与上年相比，增加526.73万元，增长30.02%");
        const auto fs = check_narrative(import_text(t));
        const finding* f = at_line(fs, "N.change_rate", 296);
        REQUIRE(f);
        CHECK(*f->expected == d("75.15"));
        CHECK(f->message_zh.find("上年为700.88万元") != std::string::npos);
    }
}

TEST_CASE("narrative: claims are checked at the precision they state", "[narrative]") {
    const std::string base = hunan_text();
    // 192.26 / 190.36 × 100 = 100.9981…: "101%" holds at 0 places (no finding in the bundled
    // report, see above); "100%" does not, and neither does "100.99%" at 2 places (101.00).
    {
        const auto fs = check_narrative(import_text(edited(base, "完成年初预算的101%", "完成年初预算的100%")));
        const finding* f = at_line(fs, "N.completion_rate", 326);
        REQUIRE(f);
        CHECK(*f->expected == d("101"));
        CHECK(f->expected->scale() == 0);
    }
    {
        const auto fs = check_narrative(import_text(edited(base, "完成年初预算的101%", "完成年初预算的100.99%")));
        const finding* f = at_line(fs, "N.completion_rate", 326);
        REQUIRE(f);
        CHECK(f->expected->to_string() == "101.00");
    }
    {
        // "70.6%": 70.93 / 100.47 = 70.5982… → 70.6 at one place (holds); "70.59%" does not (70.60).
        const auto ok = check_narrative(import_text(edited(base, "占货物支出金额的70.6%", "占货物支出金额的70.60%")));
        CHECK(at_line(ok, "N.share", 414) == nullptr);
        const auto bad = check_narrative(import_text(edited(base, "占货物支出金额的70.6%", "占货物支出金额的70.59%")));
        const finding* f = at_line(bad, "N.share", 414);
        REQUIRE(f);
        CHECK(f->expected->to_string() == "70.60");
    }
    {
        // A share against the table: 人员经费 212.55 of 基本支出 248.87 = 85.4060 → 85.41.
        const auto fs = check_narrative(import_text(edited(base, "占基本支出的85.41%", "占基本支出的85.40%")));
        const finding* f = at_line(fs, "N.share", 366);
        REQUIRE(f);
        CHECK(*f->expected == d("85.41"));
        // the base is the text's own 基本支出 figure, named as printed
        CHECK(f->message_zh == "人员经费：212.55万元占248.87万元应为85.41%，叙述为85.40%");
    }
    {
        // An amount against the table: 五（二） 卫生健康 19.05 (05: 7.63 + 11.42).
        const auto fs = check_narrative(import_text(edited(base, "卫生健康（类）支出19.05万元", "卫生健康（类）支出19.5万元")));
        const finding* f = at_line(fs, "N.amount", 318);
        REQUIRE(f);
        CHECK(*f->expected == d("19.05"));
        CHECK(*f->found == d("19.5"));
    }
}

TEST_CASE("narrative: sentences that cannot be read are listed, never skipped", "[narrative]") {
    const auto t = edited(hunan_text(), "本单位部门决算在天元区政府门户网站信息公开平台上的财政信息模块中公开。",
                          "本单位部门决算在天元区政府门户网站信息公开平台上的财政信息模块中公开。另有代管资金12.5万元，比例为3.5%。");
    const auto fs = check_narrative(import_text(t));
    const auto u = with_rule(fs, "N.unchecked");
    REQUIRE(u.size() == 1);
    CHECK(u[0].severity == severity::unchecked);
    CHECK(u[0].locations[0].section == "十五");
    CHECK(u[0].locations[0].text == "另有代管资金12.5万元，比例为3.5%。");
    CHECK(u[0].message_zh.find("12.5万元") != std::string::npos);
    CHECK(u[0].message_zh.find("3.5%") != std::string::npos);
    // options.list_unchecked = false drops them.
    narrative_options o;
    o.list_unchecked = false;
    CHECK(with_rule(check_narrative(import_text(t), o), "N.unchecked").empty());
}

TEST_CASE("narrative: year and department agree with the report's own", "[narrative]") {
    const std::string base = hunan_text();
    {
        const auto fs = check_narrative(import_text(edited(base, "\n十四、关于2024年度预算绩效情况的说明\n", "\n十四、关于2023年度预算绩效情况的说明\n")));
        const finding* f = at_line(fs, "N.year", 420);
        REQUIRE(f);
        CHECK(*f->expected == d("2024"));
        CHECK(*f->found == d("2023"));
    }
    {
        // "与 2023 年度相比" compares with the previous year: 2022 is wrong there.
        const auto fs = check_narrative(import_text(edited(base, "2024 年基本支出为 248.87 万元。与 2023 年度相比",
                                                           "2024 年基本支出为 248.87 万元。与 2022 年度相比")));
        const finding* f = at_line(fs, "N.year", 496);
        REQUIRE(f);
        CHECK(*f->expected == d("2023"));
    }
    {
        // The signing date "2025 年 6 月 3 日" is a date, not a year claim: no finding in the
        // bundled report (checked above). A 截至 date must be the year end.
        const auto fs = check_narrative(import_text(edited(base, "截至2024年12月31日，部门（单位）共有车辆", "截至2023年12月31日，部门（单位）共有车辆")));
        CHECK(at_line(fs, "N.year", 418) != nullptr);
    }
    {
        const auto fs = check_narrative(import_text(edited(base, "株洲市天元区数据局单位本级更新公务用车0辆", "株洲市芦淞区财政局单位本级更新公务用车0辆")));
        const auto dep = with_rule(fs, "N.department");
        REQUIRE(dep.size() == 1);
        CHECK(dep[0].locations[0].source.line == 402);
        CHECK(dep[0].message_zh.find("株洲市芦淞区财政局") != std::string::npos);
    }
}

TEST_CASE("narrative: the 其中 parts add up", "[narrative]") {
    // 十二: 383.8 = 100.47 + 7.78 + 275.55 holds; with 275.65 the sum is 383.90 (0.10 off, beyond
    // the tail bound ⌊3/2⌋ × 0.01 = 0.01) → error.
    const auto fs = check_narrative(import_text(edited(hunan_text(), "政府采购服务支出275.55万元", "政府采购服务支出275.65万元")));
    const finding* f = at_line(fs, "N.parts_sum", 414);
    REQUIRE(f);
    CHECK(f->severity == severity::error);
    CHECK(*f->expected == d("383.8"));
    CHECK(*f->found == d("383.90"));
    CHECK(*f->bound == d("0.01"));
    // 十三: vehicles 1 = 0 + 1 + 0 …; 2 vehicles stated with parts adding to 1 → error (counts).
    const auto v = check_narrative(import_text(edited(hunan_text(), "共有车辆1辆", "共有车辆2辆")));
    CHECK(at_line(v, "N.parts_sum", 418) != nullptr);
}

TEST_CASE("narrative: project claims for scoring", "[narrative]") {
    const report r = import_text(hunan_text());
    const auto p = extract_project_claims(r);
    REQUIRE(p.size() == 6);
    CHECK(p[0].project == "“放管服”和“一件事一次办”改革工作经费项目");
    CHECK(*p[0].spending == d("14.97"));
    CHECK(*p[0].score == d("99.99"));
    CHECK(p[0].score_text == "99.99");
    REQUIRE(p[0].evaluation);
    CHECK(r.annex.projects[*p[0].evaluation].project == "“放管服”和“一件事一次办”改革工作经费");
    CHECK(*p[3].score == d("90.19"));
    CHECK(*p[4].score == d("100"));
    REQUIRE(p[5].evaluation);
    CHECK(r.annex.projects[*p[5].evaluation].project == "机关干部进小区工作经费");
    CHECK(same_project_name("政务服务大厅运转费用", "服务大厅运转费用"));
    CHECK(!same_project_name("疫情防控专项资金", "政务公开工作经费"));
}

// ---- Shanghai phrasing (上海市普陀区财政局 2024) ------------------------------------------------

namespace {

void set(report_table& t, table_row& row, column_id id, const char* text) {
    const auto i = t.column_index(id, row.side);
    REQUIRE(i);
    set_cell_text(row.cells[*i], text);
}

narrative_section section(int number, const char* numeral, const char* title,
                          std::vector<std::string> paragraphs, std::uint32_t line) {
    narrative_section s;
    s.number = number;
    s.numeral = numeral;
    s.title = title;
    s.source.line = line;
    for (auto& p : paragraphs) {
        text_line l;
        l.text = std::move(p);
        l.source.line = ++line;
        s.paragraphs.push_back(std::move(l));
    }
    return s;
}

/// Tables of the Putuo report (figures as printed there) and sentences of its narrative.
report putuo() {
    report r;
    r.meta.department = "上海市普陀区财政局";
    r.meta.year = 2024;
    {
        auto t = make_table(table_kind::expenditure);
        auto& row = add_row(t, "", "合计");
        row.role = row_role::total;
        set(t, row, column_id::total_expenditure, "2,940.05");
        set(t, row, column_id::basic_expenditure, "2,336.91");
        set(t, row, column_id::project_expenditure, "603.14");
        r.tables.push_back(std::move(t));
    }
    {
        auto t = make_table(table_kind::general_budget_expenditure);
        auto& tot = add_row(t, "", "合计");
        tot.role = row_role::total;
        set(t, tot, column_id::subtotal, "2,940.05");
        set(t, tot, column_id::basic_expenditure, "2,336.91");
        set(t, tot, column_id::project_expenditure, "603.14");
        auto& a = add_row(t, "2010601", "行政运行");
        set(t, a, column_id::subtotal, "1,511.89");
        auto& b = add_row(t, "2010602", "一般行政管理事务");
        set(t, b, column_id::subtotal, "10.00");
        r.tables.push_back(std::move(t));
    }
    {
        auto t = make_table(table_kind::basic_expenditure_detail);
        auto& p = add_row(t, "", "人员经费合计");
        p.role = row_role::total;
        set(t, p, column_id::amount, "2,152.26");
        auto& g = add_row(t, "", "公用经费合计");
        g.role = row_role::total;
        set(t, g, column_id::amount, "184.65");
        r.tables.push_back(std::move(t));
    }
    {
        // Putuo's 三公 table prints 预算数 0.95 under 合计 and 公务接待费 only; actuals blank.
        auto t = make_table(table_kind::three_public);
        t.rows.clear();
        auto& b = add_row(t, "", "预算数", row_side::budget);
        set(t, b, column_id::total, "0.95");
        set(t, b, column_id::overseas_travel, "0.00");
        set(t, b, column_id::vehicle_total, "0.00");
        set(t, b, column_id::vehicle_purchase, "0.00");
        set(t, b, column_id::vehicle_operation, "0.00");
        set(t, b, column_id::official_reception, "0.95");
        auto& a = add_row(t, "", "决算数", row_side::actual);
        for (auto id : {column_id::total, column_id::overseas_travel, column_id::vehicle_total,
                        column_id::vehicle_purchase, column_id::vehicle_operation, column_id::official_reception})
            set(t, a, id, "0.00");
        r.tables.push_back(std::move(t));
    }
    r.narrative.push_back(section(1, "一", "收入支出决算总体情况说明",
        {"上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入",
         "支出总计减少56.95万元，下降1.87%。主要原因：基本支出中人员进出及退休变化，",
         "以及项目支出中合同支付进度条款等原因减少支付。"}, 528));
    r.narrative.push_back(section(3, "三", "支出决算情况说明",
        {"本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%； 项目支出",
         "603.14万元，占20.51%；"}, 539));
    r.narrative.push_back(section(5, "五", "一般公共预算财政拨款支出决算情况说明",
        {"（三）一般公共预算财政拨款支出决算具体情况",
         "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完",
         "成年初预算的98.20%。 决算数小于预算数的主要原因：因年度工作计划安排，个别信",
         "息化项目和中介机构服务调减。其中：",
         "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人",
         "员经费及公用经费等的基本支出。年初预算为 1560.05 万元，支出决算为1511.89万",
         "元。 决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。",
         "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：",
         "局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，支出决算为10.00万元。",
         "决算数与预算数基本持平。",
         "3、一般公共服务支出（类）财政事务（款）信息化建设（项）。年初预算为135.90万元，支出决算为135.25万元。",
         "4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。年初预算为450.52万元，支出决算为449.52万元。",
         "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。年初预算为 85.55 万元，支出决算为84.65万元。",
         "6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为161.62万元，支出决算为160.75万元。",
         "7、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。年初预算为 80.81 万元，支出决算为80.38万元。",
         "8、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）。年初预算为 0.94 万元，支出决算为0.94万元。",
         "9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。年初预算为62.29 万元，支出决算为60.99万元。",
         "10、住房保障支出（类）住房改革支出（款）住房公积金（项）。年初预算为 187.75 万元，支出决算为187.19万元。",
         "11、住房保障支出（类）住房改革支出（款）购房补贴（项）。年初预算为 258.50万元，支出决算为258.50万元。决算数与预算数基本持平。"},
        554));
    r.narrative.push_back(section(6, "六", "一般公共预算财政拨款基本支出决算情况说明",
        {"一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要包括：基本工资；公用经费184.65万元，主要包括：办公费。"}, 626));
    r.narrative.push_back(section(7, "七", "财政拨款“三公”经费支出决算情况说明",
        {"（一）“三公”经费财政拨款支出决算总体情况说明。",
         "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的",
         "0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行",
         "维护费支出决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成",
         "预算的0%。2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三",
         "公”经费支出。"}, 635));
    r.narrative.push_back(section(11, "十一", "其他重要事项的情况说明",
        {"（一）机关运行经费支出情况",
         "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是优化办公环境。",
         "（二）政府采购支出情况",
         "上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为251.25万元，其",
         "中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元。",
         "（三）国有资产占有使用情况说明",
         "截至2024年12月31日，上海市普陀区财政局共有车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、其他用车0辆。单价100万元（含）以上设备（不含车辆）2台（套）。"},
        678));
    return r;
}

}  // namespace

TEST_CASE("Shanghai phrasing: the Putuo sentences", "[narrative]") {
    const report r = putuo();
    const auto fs = check_narrative(r);
    // What holds (no finding): 一 last year 2995.39 + 56.95 = 3052.34, 56.95 / 3052.34 = 1.8658%
    // → "下降1.87%"; 三 2336.91 / 2940.05 = 79.4854% → 79.49, 603.14 / 2940.05 = 20.5146% →
    // 20.51, 2336.91 + 603.14 = 2940.05 = 03 合计; 五 2940.05 / 2993.92 = 98.2007% → 98.20;
    // 行政运行 1511.89 = 05 2010601 and "小于" (1511.89 < 1560.05); 一般行政管理事务 10.00 = 05
    // and "基本持平" (10.00 = 10.00); 六 2152.26 / 184.65 = 06 人员/公用经费合计; 七 三公
    // 0.00 / 0.95 = 0% and 接待 0.00 / 0.95 = 0%; 十一 机关运行经费 184.65 = 06 公用经费合计,
    // last year 184.65 − 2.55 = 182.10, 2.55 / 182.10 = 1.4003% → 1.40; vehicles 0 = 0 + 0 + 0.
    const std::vector<key> expected = [] {
        std::vector<key> k{
            // 七: 出国 "完成预算的0%" on a 0.00 budget (09 budget half) → zero base.
            {"N.zero_base", severity::error, 637},
            // 七: 公务用车购置及运行维护费 "完成预算的0%" on a 0.00 budget → zero base.
            {"N.zero_base", severity::error, 637},
            // 五（三）: Σ 11 项 budgets = 2993.93 vs stated 2993.92; Σ actuals = 2940.06 vs
            // 2940.05: 0.01 each, within ⌊11/2⌋ × 0.01 = 0.05 → tail differences.
            {"N.items_sum", severity::tail_difference, 556},
            {"N.items_sum", severity::tail_difference, 556},
            // 十一 政府采购: 4.79 + 0 + 246.47 = 251.26 vs 251.25: within ⌊3/2⌋ × 0.01 → tail.
            {"N.parts_sum", severity::tail_difference, 682},
        };
        std::sort(k.begin(), k.end());
        return k;
    }();
    CHECK(keys(fs) == expected);
    for (const auto& f : with_rule(fs, "N.items_sum")) CHECK(*f.bound == d("0.05"));
    // The 项 paths of Shanghai ("一般公共服务支出（类）财政事务（款）行政运行（项）") resolve.
    const auto claims = extract_claims(r);
    const auto it = std::find_if(claims.begin(), claims.end(),
                                 [](const narrative_claim& c) { return c.printed == "1511.89万元"; });
    REQUIRE(it != claims.end());
    CHECK(it->code == "2010601");
    CHECK(it->kind == claim_kind::actual);
}

TEST_CASE("Shanghai phrasing: errors are found", "[narrative]") {
    report r = putuo();
    // 三: 79.94% instead of 79.49%.
    r.narrative[1].paragraphs[0].text = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.94%； 项目支出";
    // 一般行政管理事务 "基本持平" while 10.00 vs 9.00 differ → a warning.
    r.narrative[2].paragraphs[8].text = "局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，支出决算为9.00万元。";
    // the department of another district
    r.narrative[0].paragraphs[0].text = "上海市静安区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入";
    const auto fs = check_narrative(r);
    const finding* f = at_line(fs, "N.share", 540);
    REQUIRE(f);
    CHECK(*f->expected == d("79.49"));
    f = at_line(fs, "N.direction", 564);
    REQUIRE(f);
    CHECK(f->severity == severity::warning);
    REQUIRE(with_rule(fs, "N.department").size() == 1);
    CHECK(with_rule(fs, "N.department")[0].message_zh.find("上海市静安区财政局") != std::string::npos);
}

namespace {

/// The paragraph of section 五 of putuo() that starts with `prefix`.
text_line& putuo_item(report& r, std::string_view prefix) {
    for (auto& l : r.narrative[2].paragraphs)
        if (l.text.starts_with(prefix)) return l;
    FAIL("no paragraph " << prefix);
    throw;
}

}  // namespace

TEST_CASE("narrative: a 项 sum that misses a paragraph's figure is unchecked, not an error", "[narrative]") {
    // 五（三） has 11 项 paragraphs. Paragraph 4 without its 决算数 ("支出决算为" and no figure):
    // Σ of the 10 actuals left would be 2940.06 − 449.52 = 2490.54 against the stated 2940.05,
    // an "error" made only of the missing figure. The actual total is unchecked, naming
    // paragraph 4; the budgets, all 11 there, still sum to 2993.93 against 2993.92 → tail.
    report r = putuo();
    putuo_item(r, "4、").text = "4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。年初预算为450.52万元，支出决算为。";
    auto fs = with_rule(check_narrative(r), "N.items_sum");
    REQUIRE(fs.size() == 2);
    std::sort(fs.begin(), fs.end(), [](const finding& a, const finding& b) { return a.severity < b.severity; });
    const auto unchecked = std::find_if(fs.begin(), fs.end(), [](const finding& f) { return f.severity == severity::unchecked; });
    const auto tail = std::find_if(fs.begin(), fs.end(), [](const finding& f) { return f.severity == severity::tail_difference; });
    REQUIRE(unchecked != fs.end());
    REQUIRE(tail != fs.end());
    CHECK(unchecked->message_zh == "财政拨款支出：支出决算总数2940.05万元未能与各项之和核对：第4项（第566行起）没有这一数字");
    CHECK(*tail->found == d("2993.93"));
}

TEST_CASE("narrative: a figure inside a 项 heading is not part of the path", "[narrative]") {
    // pdftotext -layout can put a later line of a paragraph between the two lines of its
    // heading (the Putuo layout text does, 五（三） item 6): "…机关事业单位基本养老" +
    // "161.62万元，支出决算为160.75万元。" + "保险缴费支出（项）。…年初预算为" + "障预估…". The path stops
    // before the figure (a path has none), so the figures are claims of item 6, not words of a
    // name; the cut path resolves to no code, so they are compared with no table row (before,
    // the path resolved to the 款 行政事业单位养老支出). Item 6 then has no budget: that total is
    // unchecked; the actuals, all 11 there, sum to 2940.06 against 2940.05 → tail.
    report r = putuo();
    putuo_item(r, "6、").text =
        "6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老161.62万元，支出决算为160.75万元。"
        "保险缴费支出（项）。主要用于：在职人员的基本养老保险支出。年初预算为障预估，实际执行基本贴合预期。";
    const auto claims = extract_claims(r);
    const auto actual = std::find_if(claims.begin(), claims.end(), [](const narrative_claim& c) { return c.printed == "160.75万元"; });
    REQUIRE(actual != claims.end());
    CHECK(actual->kind == claim_kind::actual);
    CHECK(actual->code.empty());
    const auto fs = check_narrative(r);
    CHECK(with_rule(fs, "N.amount").empty());
    const auto sums = with_rule(fs, "N.items_sum");
    REQUIRE(sums.size() == 2);
    for (const auto& f : sums) {
        if (f.severity == severity::unchecked) CHECK(f.message_zh.find("第6项") != std::string::npos);
        else {
            INFO(f.message_zh);
            CHECK((f.severity == severity::tail_difference && *f.found == d("2940.06")));
        }
    }
}

TEST_CASE("narrative: words before the report's own department name are not another department", "[narrative]") {
    // The Putuo report's 十: "…，建立了普陀区财政局预算绩效管理工作机制". The name window after
    // "，" is "建立了普陀区财政局"; it ends with 普陀区财政局 — the place 普陀区 and the organ of
    // the report's 上海市普陀区财政局 — so it is the report's own department after a verb.
    report r = putuo();  // department 上海市普陀区财政局
    r.narrative[0].paragraphs[0].text = "本部门制定了实施办法，建立了普陀区财政局预算绩效管理工作机制。";
    CHECK(with_rule(check_narrative(r), "N.department").empty());
    // A region suffix among the words before it changes nothing: "在全市建立了普陀区财政局".
    r.narrative[0].paragraphs[0].text = "本部门制定了实施办法，在全市建立了普陀区财政局预算绩效管理工作机制。";
    CHECK(with_rule(check_narrative(r), "N.department").empty());
    // Another district after the same words is another department: the common tail
    // "区财政局" holds the region suffix 区 but no character of a place name before it.
    r.narrative[0].paragraphs[0].text = "本部门制定了实施办法，建立了静安区财政局预算绩效管理工作机制。";
    const auto fs = with_rule(check_narrative(r), "N.department");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message_zh == "叙述中的单位名称“建立了静安区财政局”与报告单位“上海市普陀区财政局”不符");
}

namespace {

/// A 2024 report whose only narrative is section 一 `title` with these lines.
report one_section_report(const std::string& title, std::vector<text_line> lines) {
    report r;
    r.meta.year = 2024;
    narrative_section s;
    s.number = 1;
    s.numeral = "一";
    s.title = title;
    s.paragraphs = std::move(lines);
    r.narrative.push_back(std::move(s));
    return r;
}

/// The claims of a report whose only narrative is one paragraph of section `title`.
std::vector<narrative_claim> claims_of_paragraph(const std::string& title, const std::string& text) {
    return extract_claims(one_section_report(title, {text_line{text, {}}}));
}

const narrative_claim* claim_printed(const std::vector<narrative_claim>& cs, const std::string& printed) {
    for (const auto& c : cs)
        if (c.printed == printed) return &c;
    return nullptr;
}

}  // namespace

// The extractor finds every pattern word of a sentence in one pass (lib/narrative/extract.cpp,
// lexicon). These sentences put the words where a one-pass matcher could miss them: at the
// very start or end of the sentence, right before the figure, overlapping another word, after
// bytes that are not well-formed UTF-8 (the scan must try every byte, like a plain search).
TEST_CASE("narrative: clause words are found wherever they occur", "[narrative]") {
    SECTION("a direction word at the start of the sentence, right before the figure") {
        const auto cs = claims_of_paragraph("收入支出决算总体情况", "增长5%。");
        const auto* c = claim_printed(cs, "5%");
        REQUIRE(c);
        CHECK(c->kind == claim_kind::change_rate);
        CHECK(c->direction == claim_direction::increase);
    }
    SECTION("overlapping words: the longest topic of the table wins, templates are seen") {
        // "公务用车购置费及运行维护费" contains both "公务用车购置费" and "运行维护费"; the
        // table lists the whole phrase first, so the topic is the vehicle total.
        auto cs = claims_of_paragraph("财政拨款“三公”经费支出决算情况", "公务用车购置费及运行维护费支出决算2万元。");
        const auto* c = claim_printed(cs, "2万元");
        REQUIRE(c);
        CHECK(c->kind == claim_kind::actual);
        CHECK(c->topic == "公务用车购置及运行维护费");
        // "减少（增加）": a direction word followed by another in brackets is a template.
        cs = claims_of_paragraph("收入支出决算总体情况", "收支总计10万元，与上年相比减少（增加）5万元。");
        c = claim_printed(cs, "5万元");
        REQUIRE(c);
        CHECK(c->kind == claim_kind::change_amount);
        CHECK(c->direction == claim_direction::unresolved);
        // "决算数" contains "决算"; "基本持平" contains "持平" (flat either way); "预算" is the
        // last word of the sentence.
        cs = claims_of_paragraph("一般公共预算财政拨款支出决算情况", "年初预算为10万元，支出决算为10万元，决算数与预算基本持平。");
        const auto cmp = std::find_if(cs.begin(), cs.end(),
                                      [](const narrative_claim& x) { return x.kind == claim_kind::comparison; });
        REQUIRE(cmp != cs.end());
        CHECK(cmp->direction == claim_direction::flat);
        CHECK(claim_printed(cs, "10万元")->kind == claim_kind::budget);
    }
    SECTION("words after bytes that are not well-formed UTF-8") {
        // a lone lead byte, and a truncated 3-byte sequence, right before "减少"
        for (const std::string& junk : {std::string("\xE5"), std::string("\xE5\x87"), std::string("\x80")}) {
            const auto cs = claims_of_paragraph("收入支出决算总体情况",
                                                "收支总计10万元，与上年相比" + junk + "减少5万元，" + junk + "下降3%。");
            const auto* amount = claim_printed(cs, "5万元");
            REQUIRE(amount);
            CHECK(amount->kind == claim_kind::change_amount);
            CHECK(amount->direction == claim_direction::decrease);
            const auto* rate = claim_printed(cs, "3%");
            REQUIRE(rate);
            CHECK(rate->kind == claim_kind::change_rate);
            CHECK(rate->direction == claim_direction::decrease);
        }
    }
    SECTION("reason words and ASCII separators") {
        // after 主要原因 a figure explains; "," ends the clause as "，" does
        const auto cs = claims_of_paragraph("收入支出决算总体情况",
                                            "收支总计10万元,减少2万元,主要原因是项目减少3万元。");
        CHECK(claim_printed(cs, "2万元")->kind == claim_kind::change_amount);
        CHECK(claim_printed(cs, "3万元")->kind == claim_kind::explanation);
        CHECK(claim_printed(cs, "10万元")->topic == "收支总计");
    }
}

TEST_CASE("narrative: the project claims of one shared extraction are those of extract_project_claims", "[narrative]") {
    // The reconciler extracts the narrative once and gives the 绩效 review the project claims of
    // that extraction's annex sentences; they must be exactly those of extract_project_claims,
    // which reads the annex prose alone.
    std::vector<report> reports;
    for (const char* name : {"2024_tianyuan_data_bureau.txt", "2024_putuo_finance_bureau.layout.txt",
                             "2024_shanghai_final_accounts_template.layout.txt"})
        reports.push_back(import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/" + name));
    // A 情况说明 sentence that reads as a project score must not become a claim of the annex.
    report variant = reports.front();
    REQUIRE_FALSE(variant.narrative.empty());
    text_line extra;
    extra.text = "（1）信息化建设项目绩效自评得分为95分。";
    extra.source = variant.narrative.back().paragraphs.empty() ? source_location{}
                                                               : variant.narrative.back().paragraphs.back().source;
    variant.narrative.back().paragraphs.push_back(extra);
    reports.push_back(variant);
    bool outside_annex = false;
    for (const report& r : reports) {
        const narrative_detail::extraction x = narrative_detail::extract(r);
        for (std::size_t i = 0; i < x.claims.size(); ++i)
            if (x.claims[i].kind == claim_kind::project_score && x.sentence_of[i] < x.annex_first)
                outside_annex = true;
        const std::vector<project_claim> alone = extract_project_claims(r);
        CHECK(narrative_detail::project_claims(r, x) == alone);
        CHECK(narrative_detail::project_claims(r, narrative_detail::extract_annex(r)) == alone);
    }
    CHECK_FALSE(extract_project_claims(reports.front()).empty());
    CHECK(outside_annex);  // the variant exercises the filter
}

TEST_CASE("narrative: department names are looked for only in sentences with a region suffix", "[narrative]") {
    // The extractor's word scan marks the sentences in which a region suffix (省市区县州旗盟)
    // occurs at all; departments() reads only those. A stray continuation byte (0x80) before
    // the name does not hide it from either: the scan tries every byte that is not a
    // continuation byte, departments() steps over the stray byte as one character.
    report r = putuo();  // department 上海市普陀区财政局
    r.narrative[0].paragraphs[0].text = "\x80，上海市静安区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入";
    const narrative_detail::extraction x = narrative_detail::extract(r);
    bool seen_with = false, seen_without = false;
    for (const auto& s : x.sentences) {
        const bool has = s.text.find("区") != std::string::npos || s.text.find("市") != std::string::npos ||
                         s.text.find("省") != std::string::npos || s.text.find("县") != std::string::npos ||
                         s.text.find("州") != std::string::npos || s.text.find("旗") != std::string::npos ||
                         s.text.find("盟") != std::string::npos;
        CHECK(s.region_suffix == has);  // every sentence of extract() is scanned
        (has ? seen_with : seen_without) = true;
    }
    CHECK(seen_with);
    CHECK(seen_without);
    const auto fs = with_rule(check_narrative(r), "N.department");
    // "上海市静安区财政局": region 上海市 (then 静安区), organ 局; not the report's 普陀区 bureau.
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message_zh == "叙述中的单位名称“上海市静安区财政局”与报告单位“上海市普陀区财政局”不符");
    // The same sentence without the region suffixes: "静安财政局" names no region, no finding.
    r.narrative[0].paragraphs[0].text = "\x80，静安财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入";
    CHECK(with_rule(check_narrative(r), "N.department").empty());
}

TEST_CASE("narrative: 类 paths resolve the same when the catalog's answer is remembered", "[narrative]") {
    // Without table 05 the 类 path goes to the catalog (resolve_path); the extractor
    // remembers its answer per thread. The first and the later extractions give the code
    // the catalog itself gives: 一般公共服务 is 类 201 of the functional classification.
    const auto catalog = classification::catalog::embedded(classification::tree::functional, 2024);
    const auto direct = catalog.resolve_path("一般公共服务（类）");
    REQUIRE(direct.size() == 1);
    CHECK(direct[0].code() == "201");
    for (int k = 0; k < 3; ++k) {
        const auto cs = claims_of_paragraph("一般公共预算财政拨款支出决算情况", "一般公共服务（类）支出1171万元。");
        const auto* c = claim_printed(cs, "1171万元");
        REQUIRE(c);
        CHECK(c->topic == "一般公共服务（类）");
        CHECK(c->code == "201");
    }
}

TEST_CASE("narrative: project keys in one pass are those of the general path", "[narrative]") {
    // project_key reads a well-formed name in one pass; names that are not well-formed UTF-8
    // take the general path (normalize_name, then each kind of quote erased in turn). Both
    // must give the same key: on crafted names and on every name of the bundled reports.
    std::vector<std::string> names = {
        "信息化建设项目", "“放管服”改革工作经费", " 数据 要素\u3000市场 (试点) 项目 ", "《数字天元》建设费用",
        "‘智慧’ \"城市\" 费", "经费", "项目项目", "工作经费经费", "(1)平台运维费", "\t\r\n\f\v", "",
        // not well-formed: without the space, E2 80 and 9C make “, which the general path erases
        "\xE2\x80 \x9C名称", "\x80项目", "名称\xE5", "\xE3\x80\x80\xE2\x80", "\xE5\x90", "\xC3\xA9t\xC3\xA9项目",
        "\xF0\x9F\x98\x80表情项目", "\xF0\x9F\x98", "（\xE3\x80\x8A书名\xE3\x80\x8B）经费",
    };
    for (const char* name : {"2024_tianyuan_data_bureau.txt", "2024_putuo_finance_bureau.layout.txt",
                             "2024_shanghai_final_accounts_template.layout.txt"}) {
        const report r = import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/" + name);
        for (const auto& p : r.annex.projects) names.push_back(p.project);
        if (r.annex.basic_data)
            for (const auto& row : r.annex.basic_data->rows) names.push_back(row.label);
        for (const auto& p : extract_project_claims(r)) names.push_back(p.project);
    }
    CHECK(names.size() > 40);
    for (const auto& n : names) {
        INFO(n);
        CHECK(narrative_detail::project_key(n) == narrative_detail::project_key_general(n));
    }
    // by hand: quotes and whitespace go, "（" for "(", then the suffixes ("工作经费", "项目" …)
    CHECK(narrative_detail::project_key("“放管服”改革工作经费") == "放管服改革");
    CHECK(narrative_detail::project_key(" 数据 要素\u3000市场 (试点) 项目 ") == "数据要素市场（试点）");
    CHECK(narrative_detail::project_key("项目项目") == "项目");  // a key is never emptied by a suffix
    // one whole suffix at a time, the table from the top after each: 项目, then 费用
    CHECK(narrative_detail::project_key("信息化建设费用项目") == "信息化建设");
    // 经费, then (工作经费 is the whole key, so it stays) 经费 again: the key of "工作经费" too,
    // not "工作经" (费 taken off the 经费 left, when the suffixes after 经费 were tried on it)
    CHECK(narrative_detail::project_key("工作经费经费") == "工作");
    CHECK(narrative_detail::project_key("工作经费经费") == narrative_detail::project_key("工作经费"));
    CHECK(narrative_detail::project_key("平台运维经费费") == "平台运维");
    CHECK(narrative_detail::project_key("数据平台") == "数据平台");  // no suffix
    CHECK(narrative_detail::project_key("\xE2\x80 \x9C名称") == "名称");  // the general path's “
    CHECK(same_project_name("“放管服”改革工作经费", "放管服改革项目"));
}

TEST_CASE("narrative: heading kinds come from the heading's own words", "[narrative]") {
    // A section of no kind ("其他重要事项") with a sub-heading "（一）政府采购情况": the sentences
    // after it are read as 政府采购 (topics of that kind only); the section heading's kind is
    // that of its title after "、" ("关于政府采购支出的说明").
    report r;
    r.meta.year = 2024;
    narrative_section s;
    s.number = 1;
    s.numeral = "一";
    s.title = "其他重要事项的情况说明";
    s.paragraphs.push_back(text_line{"（一）政府采购情况", {}});
    s.paragraphs.push_back(text_line{"本部门政府采购支出总额10万元，其中：货物5万元。", {}});
    r.narrative.push_back(s);
    s.number = 2;
    s.numeral = "二";
    s.title = "关于政府采购";
    s.paragraphs = {text_line{"本部门政府采购支出总额20万元。", {}}};
    r.narrative.push_back(s);
    const auto cs = extract_claims(r);
    REQUIRE(claim_printed(cs, "10万元"));
    CHECK(claim_printed(cs, "10万元")->topic == "政府采购");
    CHECK(claim_printed(cs, "5万元")->topic == "政府采购货物");
    CHECK(claim_printed(cs, "20万元")->topic == "政府采购");
    // without the sub-heading the section has no kind: no 政府采购 topic
    r.narrative[0].paragraphs.erase(r.narrative[0].paragraphs.begin());
    CHECK(claim_printed(extract_claims(r), "10万元")->topic.empty());
}

TEST_CASE("narrative: sentences joined from lines or without their '*' outlive the lines read", "[narrative]") {
    // The sentences of an extraction are views into the report or into the extraction's own
    // arena (joined paragraphs, headings, annex lines without '*'); they stay valid when the
    // extraction is moved (the reconciler moves it into the checks). Run under ASan in CI.
    report r = one_section_report("收入支出决算总体情况", {text_line{"2024年度收、支总计", {}}, text_line{"10万元。", {}}});
    document_part annex;
    annex.title = "第五部分 附件";
    annex.lines = {text_line{"2024年度部门整体支出绩效自评报告", {}}, text_line{"（1）数据**平台**项目", {}},
                   text_line{"项目支出14.97万元，*绩效自评得分99.99分。", {}}};
    r.parts.push_back(annex);
    narrative_detail::extraction first = narrative_detail::extract(r);
    const narrative_detail::extraction x = std::move(first);
    REQUIRE(x.sentences.size() >= 4);
    CHECK(x.sentences[0].text == "一、收入支出决算总体情况");
    CHECK(x.sentences[1].text == "2024年度收、支总计10万元。");
    CHECK(x.sentences[1].numeral == "一");
    CHECK(x.sentences.back().text == "项目支出14.97万元，绩效自评得分99.99分。");
    CHECK(x.sentences.back().project == "数据平台项目");
    CHECK(x.sentences.back().numeral == "附件");
    const auto ps = narrative_detail::project_claims(r, x);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].project == "数据平台项目");
    CHECK(*ps[0].spending == decimal::parse("14.97"));
    CHECK(ps[0].score_text == "99.99");
    CHECK(ps == extract_project_claims(r));
}

TEST_CASE("narrative: the extraction's claims are views that outlive a move of it", "[narrative]") {
    // The extraction keeps its claims as views (narrative_detail::claim_view): into the report
    // (a topic read from the clause, a base phrase, the section numeral), into the extraction's
    // arena (a printed form without its '*', a code the catalog resolved) or into literals (a
    // pattern's topic, the unit). They must stay valid when the extraction is moved (the
    // reconciler moves it into the checks; ASan in CI) and read as extract_claims gives them.
    // 10 万元 with a '*' before its unit; a 类 path (code 201 in the 2024 catalog); a share of
    // a base named by phrase
    report r = one_section_report("收入支出决算总体情况", {text_line{"2024年度收入支出总计10 *万元。", {}},
                                                           text_line{"一般公共服务（类）支出8万元，占基本支出的80%。", {}}});
    narrative_detail::extraction first = narrative_detail::extract(r);
    const narrative_detail::extraction x = std::move(first);
    auto find = [&](std::string_view printed) -> const narrative_detail::claim_view* {
        for (const auto& c : x.claims)
            if (c.printed == printed) return &c;
        return nullptr;
    };
    const auto* total = find("10 万元");  // the '*' dropped, the space kept
    REQUIRE(total);
    CHECK(total->topic == narrative_detail::t_grand_total);  // a pattern's topic (a literal)
    CHECK(total->unit == "万元");
    CHECK(total->section == "一");
    CHECK(*total->value == decimal::parse("10"));
    const auto* path = find("8万元");
    REQUIRE(path);
    CHECK(path->topic == "一般公共服务（类）");
    CHECK(path->code == "201");
    const auto* share = find("80%");
    REQUIRE(share);
    CHECK(share->kind == claim_kind::share);
    CHECK(share->base_phrase == "基本支出");
    CHECK(share->topic == "一般公共服务（类）");  // its part's topic
    // extract_claims copies the same fields
    const auto cs = extract_claims(r);
    REQUIRE(cs.size() == x.claims.size());
    for (std::size_t i = 0; i < cs.size(); ++i) {
        CHECK(cs[i].kind == x.claims[i].kind);
        CHECK(cs[i].topic == x.claims[i].topic);
        CHECK(cs[i].code == x.claims[i].code);
        CHECK(cs[i].printed == x.claims[i].printed);
        CHECK(cs[i].unit == x.claims[i].unit);
        CHECK(cs[i].base_phrase == x.claims[i].base_phrase);
        CHECK(cs[i].section == x.claims[i].section);
        CHECK(cs[i].subject == x.claims[i].subject);
        CHECK(cs[i].base == x.claims[i].base);
        CHECK(cs[i].sentence == x.sentences[static_cast<std::size_t>(x.sentence_of[i])].text);
    }
}

TEST_CASE("narrative: sentences end only at end marks the character walk reaches", "[narrative]") {
    // split_sentences steps over characters by their lead byte: an end mark inside the bytes a
    // malformed lead byte claims ("\xE4" takes the next two bytes) does not end a sentence;
    // one after well-formed text, ！ and ？ included, does.
    const report r = one_section_report("收入支出决算总体情况", {text_line{"收入合计10万元！支出合计9万元？\xE4。结余1万元。其他2万元", {}}});
    const auto x = narrative_detail::extract(r);
    std::vector<std::string_view> texts;
    for (const auto& t : x.sentences) texts.push_back(t.text);
    REQUIRE(texts.size() == 5);  // the heading and four sentences
    CHECK(texts[1] == "收入合计10万元！");
    CHECK(texts[2] == "支出合计9万元？");
    CHECK(texts[3] == "\xE4。结余1万元。");  // E4 E3 80 | 82 …: no end mark at the 。 after it
    CHECK(texts[4] == "其他2万元");
}

TEST_CASE("narrative: sentences and figures from a paragraph's one scan are those of the character walk", "[narrative]") {
    // A paragraph of ASCII and well-formed 3-byte characters only is split into sentences and
    // read for figures from its one word scan (the end marks it finds, the digits it steps
    // on); one with any other byte ("é", two bytes, after the last sentence) by the walks of
    // split_sentences and scan_figures. Both must read the same claims: figures with thousands
    // separators, after a point, split by a space, at a sentence's start (after 。, U+3000,
    // spaces), dates, counts, a bare number.
    const std::string text =
        "收入合计1,234.5万元，其中：财政拨款收入1,000万元、其他收入234.5万元。\u30002024年6月30日，支出合计12 34万元，"
        "占3.5.6%！ 5万元以上设备2台（套）；增长10%？第1.5项减少0.5万元。7";
    const auto walked = claims_of_paragraph("收入支出决算总体情况", text);
    const auto walk = claims_of_paragraph("收入支出决算总体情况", text + "é");
    CHECK(walked == walk);
    // 1,234.5万元, 1,000万元, 234.5万元; 2024年 (6月, 30日: no claim); "12 34万元": 34万元 (12 is
    // a bare number); "3.5.6%": none (a second point ends the digits, then no unit); 5万元 (以上:
    // a threshold), 2台（套）, 10%; 1.5项, 0.5万元; "7": a bare number
    REQUIRE(walked.size() == 10);
    const auto* total = claim_printed(walked, "1,234.5万元");
    REQUIRE(total);
    CHECK(total->value == decimal::parse("1234.5"));
    CHECK(claim_printed(walked, "34万元"));
    CHECK(claim_printed(walked, "234.5万元"));
    REQUIRE(claim_printed(walked, "0.5万元"));
    CHECK(claim_printed(walked, "0.5万元")->kind == claim_kind::change_amount);
}

TEST_CASE("narrative: organ suffixes are found only on characters of the window", "[narrative]") {
    // departments() looks for the organ suffix (局, 委员会 …) on the 3-byte units of the window
    // after the region. A unit that is not well-formed ("\xE4\xE5\xB1": a lead byte, then the
    // first two bytes of 局) counts as a character of the window (is_cjk_at) and holds no 局;
    // the 局 two characters later does: the name is "上海市" + that unit + "静安局" (an organ
    // right after the region, "上海市局", would name no one).
    report r = putuo();  // department 上海市普陀区财政局
    r.narrative[0].paragraphs[0].text = "，上海市\xE4\xE5\xB1静安局2024年度收入支出总计2995.39万元。";
    const auto fs = with_rule(check_narrative(r), "N.department");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message_zh == "叙述中的单位名称“上海市\xE4\xE5\xB1静安局”与报告单位“上海市普陀区财政局”不符");
}

namespace {

/// check() with departments() reading every sentence whole (the plain path): the extraction
/// without the offsets of its region suffixes.
std::vector<finding> checked_reading_whole_sentences(const report& r) {
    narrative_detail::extraction x = narrative_detail::extract(r);
    for (auto& s : x.sentences) s.regions_begin = s.regions_end = -1;
    return narrative_detail::check(r, narrative_options{}, std::move(x));
}

std::string bundled(const std::string& name) {
    std::ifstream in(std::string(CAIZHENG_TEST_DATA) + "/reports/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("narrative: department names read around the region suffixes are those of whole sentences", "[narrative]") {
    // departments() reads a sentence only around the region suffixes the extractor found
    // (from the character boundaries whose name windows can reach one); the names must be
    // those of the walk over the whole sentence, also where bytes that are not well-formed
    // UTF-8 (a lead byte that swallows the next bytes, a stray continuation byte) come before
    // the name and the walk has to find its character boundaries again.
    for (const char* name : {"2024_tianyuan_data_bureau.txt", "2024_putuo_finance_bureau.layout.txt",
                             "2024_shanghai_final_accounts_template.layout.txt"}) {
        INFO(name);
        const report r = import_text(bundled(name));
        CHECK(narrative_detail::check(r, narrative_options{}, narrative_detail::extract(r)) ==
              checked_reading_whole_sentences(r));
    }
    // the name after every number of bytes (so the walk around its region suffix starts at
    // every offset), with bytes that are not well-formed before it, near and far
    std::vector<std::string> fills;
    for (std::string f; f.size() <= 27; f += "的") fills.push_back(f);
    for (std::string f = "a"; f.size() <= 4; f += "a") fills.push_back(f + "的的的的的的");
    // a run of 2-byte lead bytes: walked from one byte or the next, the walk stays out of step
    // to its end, where one step swallows the comma that starts the name window and the other
    // does not; the walk around the region suffix must start on the right byte
    for (std::string f = "\xC3"; f.size() <= 30; f += "\xC3") fills.push_back(f);
    const std::vector<std::string> breaks{"", "\xF0", "\xE5", "\xC3", "\x80", "\xF0\x80", "1年", "2024年度", "；", " "};
    const std::vector<std::string> names{"，上海市静安区财政局", "上海市静安区财政局", ",  上海市静安区财政局",
                                         "，建立了静安区财政局", "，全区建立了上海市静安区财政局"};
    std::size_t named = 0, cases = 0;
    for (const auto& far : {std::string(), std::string("\xF0的的的的的的的的的")})
        for (const auto& brk : breaks)
            for (const auto& fill : fills)
                for (const auto& near : {std::string(), std::string("\xF0"), std::string("\xE5")})
                    for (const auto& nm : names) {
                        report r;
                        r.meta.department = "上海市普陀区财政局";
                        r.meta.year = 2024;
                        const std::string text = far + brk + fill + near + nm + "2024年度收入支出总计2995.39万元。";
                        r.narrative.push_back(section(1, "一", "收入支出决算总体情况说明", {text}, 1));
                        const auto x = narrative_detail::extract(r);
                        REQUIRE(!x.sentences.empty());
                        REQUIRE(x.sentences[0].regions_begin >= 0);  // read around its region suffixes
                        const auto fast = narrative_detail::check(r, narrative_options{}, narrative_detail::extract(r));
                        INFO(text);
                        REQUIRE(fast == checked_reading_whole_sentences(r));
                        named += with_rule(fast, "N.department").empty() ? 0 : 1;
                        ++cases;
                    }
    // many sentences name another department (a stray lead byte right before the name can
    // swallow the comma and so the start of the name window, a window that starts far before
    // the region suffix holds none in its first 8 characters: those name nothing)
    CHECK(named > cases / 4);
    CHECK(named < cases);
}

TEST_CASE("narrative: finding messages in full (each written in one piece)", "[narrative]") {
    const std::string base = hunan_text();
    auto find = [](const std::vector<finding>& fs, const std::string& rule, const std::string& start) -> const finding* {
        for (const auto& f : fs)
            if (f.rule == rule && f.message_zh.rfind(start, 0) == 0) return &f;
        return nullptr;
    };
    SECTION("a figure stated with fewer decimals than its table cell") {
        // 六 人员经费 212.6 (one place) for 06's 人员经费合计 212.55, which is 212.6 at one place.
        const auto fs = check_narrative(import_text(edited(base, "人员经费212.55万元", "人员经费212.6万元")));
        const finding* f = find(fs, "N.amount", "人员经费：");
        REQUIRE(f);
        CHECK(f->severity == severity::warning);
        CHECK(f->message_zh == "人员经费：212.6万元按1位小数表述，公开06表人员经费合计为212.55万元");
        CHECK(f->message_en == "人员经费: 212.6万元 is stated with 1 decimals; 公开06表 人员经费合计 prints 212.55");
    }
    SECTION("a rate without its amount, against the 基础数据表's last year") {
        // 公务用车运行维护费 1.19 this year, 1.96 last year (基础数据表 公车运行维护):
        // |1.19 − 1.96| / 1.96 × 100 = 39.2857… → 39.29, not the stated 38.78.
        const auto fs = check_narrative(
            import_text(edited(base, "与上年相比减少0.76万元，减少38.78%", "与上年相比减少38.78%")));
        const finding* f = find(fs, "N.change_rate", "公务用车运行维护费：");
        REQUIRE(f);
        CHECK(f->message_zh == "公务用车运行维护费：减少38.78%不一致：基础数据表上年为1.96万元，变动率应为39.29%");
        CHECK(f->message_en ==
              "公务用车运行维护费: rate 38.78% disagree: the 基础数据表 gives last year 1.96, so the rate is 39.29%");
    }
}

TEST_CASE("narrative: unresolved templates are listed as a search per direction word lists them", "[narrative]") {
    // unresolved() finds the templates ("减少（增加）") from the sentence's "（"; the plain way,
    // below, searches each direction word in table order and takes those followed by "（" and
    // a "）" at most 12 bytes further. Both must name the same words in the same order.
    auto plain = [](std::string_view s) {
        std::string words;
        for (const auto& w : narrative_detail::direction_words)
            for (auto at = narrative_detail::find_word(s, w.word); at != std::string_view::npos;
                 at = narrative_detail::find_word(s, w.word, at + 1)) {
                const auto open = at + w.word.size();
                if (!narrative_detail::starts_with(s, open, "（")) continue;
                const auto close = narrative_detail::find_word(s, "）", open);
                if (close == std::string_view::npos || close - open > 12) continue;
                if (!words.empty()) words += "、";
                words += s.substr(at, close + 3 - at);
            }
        return words;
    };
    const std::vector<std::string> extras{"", "基本持平（增加）", "持平（）", "增长（这是很长的说明）", "减少（增加",
                                          "提高（降低）下降（上升）", "增加（增加）增加（减少）", "降低 （增加）",
                                          "（增加）减少", "上升（降低）上升（下降）", "下降（增长）基本持平（减少）"};
    std::size_t checked = 0;
    for (const auto& a : extras)
        for (const auto& b : extras) {
            const std::string text = a + "与上年相比减少（增加）0万元，" + b + "减少（增长）0%。";
            report r;
            r.meta.year = 2024;
            r.narrative.push_back(section(1, "一", "收入支出决算总体情况说明", {text}, 1));
            const auto fs = with_rule(check_narrative(r), "N.direction_unresolved");
            INFO(text);
            REQUIRE(fs.size() <= 1);  // one finding per sentence
            if (fs.empty()) continue;  // an extra word that settles the direction ("持平（）")
            CHECK(fs[0].message_zh == "模板用语“" + plain(text) + "”未按实际情况选定（增加或减少），变动方向不明");
            ++checked;
        }
    CHECK(checked > 80);  // of 121 sentences
    // by hand: the two templates of the bundled Hunan sentence, in table order (增加 before 减少)
    CHECK(plain("与上年相比减少（增加）0万元，减少（增长）0%。") == "减少（增加）、减少（增长）");
}

TEST_CASE("narrative: a share's base from the table is named by its cell", "[narrative]") {
    // Putuo 三 without its 本年支出合计 sentence: the share's base is the section's total from
    // the table (03's 合计 row, 支出合计 2,940.05; the test table has no 公开 number).
    // 2336.91 / 2940.05 × 100 = 79.4857… → 79.49, not the stated 79.50.
    report r = putuo();
    REQUIRE(r.narrative[1].numeral == "三");
    r.narrative[1].paragraphs.resize(1);
    r.narrative[1].paragraphs[0].text = "基本支出2336.91万元，占79.50%；";
    const auto fs = with_rule(check_narrative(r), "N.share");
    REQUIRE(fs.size() == 1);
    CHECK(*fs[0].expected == d("79.49"));
    CHECK(fs[0].message_zh.find("2336.91万元占合计2940.05万元应为79.49%，叙述为79.50%") != std::string::npos);
    CHECK(fs[0].message_en.find("2336.91万元 of 合计2940.05万元 is 79.49%, the text says 79.50%") != std::string::npos);
}
