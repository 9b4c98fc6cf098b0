// Classification catalogs: embedded 2024 data, lookups, structure, paths, names, loading.
#include "caizheng/classification.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace caizheng;
using namespace caizheng::classification;

namespace {

const tree all_trees[] = {tree::functional, tree::economic_department, tree::economic_government,
                          tree::revenue};

std::vector<std::string> codes_of(const std::vector<item>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.emplace_back(i.code());
    return out;
}

bool all_ancestors_known(const catalog& c, std::string_view code) {
    for (auto p = code; !p.empty(); p = parent_code(p, c.kind()))
        if (c.status(p) != code_status::known) return false;
    return true;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("embedded 2024 catalogs: partial, counted, only 2024") {
    for (tree t : all_trees) {
        const auto c = catalog::embedded(t, 2024);
        CHECK(c.kind() == t);
        CHECK(c.year() == 2024);
        CHECK_FALSE(c.is_complete());
        CHECK(c.is_embedded());
        CHECK(c.size() == c.counts().total());
        // 12-byte rows + 4-byte name index + hash slots (>= 2 per row) + the names.
        CHECK(c.memory_bytes() > c.size() * (12 + 4 + 8));
        CHECK(catalog::embedded_years(t) == std::vector<int>{2024});
        CHECK_THROWS_MATCHES(catalog::embedded(t, 2023), error,
                             Catch::Predicate<error>([](const error& e) { return e.code() == errc::not_found; }));
    }
    // Counts as written by tools/classification/curate_2024.py (functional.csv: 14 类, 47 款,
    // 113 项; economic_department.csv: 6 类 301 302 303 307 310 399, 87 款).
    CHECK(catalog::embedded(tree::functional).counts() == level_counts{14, 47, 113});
    CHECK(catalog::embedded(tree::economic_department).counts() == level_counts{6, 87, 0});
    CHECK(catalog::embedded(tree::economic_government).counts() == level_counts{2, 9, 0});
}

TEST_CASE("every embedded row round-trips through every lookup") {
    for (tree t : all_trees) {
        const auto c = catalog::embedded(t);
        const auto all = c.items();
        REQUIRE(all.size() == c.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto& it = all[i];
            INFO(tree_name(t) << " " << it.code() << " " << it.name());
            CHECK(c.at(i) == it);
            CHECK(c.status(it.code()) == code_status::known);
            REQUIRE(c.find(it.code()));
            CHECK(*c.find(it.code()) == it);
            CHECK(c.name(it.code()) == it.name());
            CHECK(level_of(it.code(), t) == it.level());
            const auto same = c.find_by_name(it.name());
            CHECK(std::find(same.begin(), same.end(), it) != same.end());
            REQUIRE(c.find_first_by_name(it.name()));
            CHECK(*c.find_first_by_name(it.name()) == same.front());
            const auto containing = c.find_containing(it.name());
            CHECK(std::find(containing.begin(), containing.end(), it) != containing.end());
            CHECK(c.check_name(it.code(), it.name()).verdict == verdict::match);
            const auto sub = c.subtree(it.code());
            REQUIRE_FALSE(sub.empty());
            CHECK(sub.front() == it);
            const auto [b, e] = c.subtree_range(it.code());
            CHECK(b == i);
            CHECK(e - b == sub.size());
            if (it.level() != level::lei) {
                const auto p = parent_code(it.code(), t);
                CHECK(p == it.code().substr(0, it.code().size() - 2));
                if (const auto parent = c.parent(it.code())) {
                    CHECK(parent->code() == p);
                    const auto siblings = c.children(p);
                    CHECK(std::find(siblings.begin(), siblings.end(), it) != siblings.end());
                }
            } else {
                CHECK_FALSE(c.parent(it.code()));
            }
            CHECK(c.label(it.code()) == std::string(it.name()) + "（" + level_label(it.level()) + "）");
            if (all_ancestors_known(c, it.code())) {
                for (auto style : {path_style::narrative, path_style::catalog}) {
                    const auto path = c.path_name(it.code(), style);
                    CHECK(c.match_path(it.code(), path).verdict == verdict::match);
                    const auto resolved = c.resolve_path(path);
                    CHECK(std::find(resolved.begin(), resolved.end(), it) != resolved.end());
                }
            } else {
                CHECK_THROWS_AS(c.path_name(it.code()), error);
                CHECK(c.match_path(it.code(), it.name()).verdict != verdict::match);
            }
        }
    }
}

TEST_CASE("invariants: code order, unique codes, levels match lengths, parents derivable") {
    for (tree t : all_trees) {
        const auto c = catalog::embedded(t);
        const auto all = c.items();
        std::set<std::string> seen;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto code = std::string(all[i].code());
            CHECK(seen.insert(code).second);
            CHECK(code.size() == code_length(all[i].level()));
            CHECK(level_of(code, t));
            CHECK_FALSE(all[i].name().empty());
            if (i > 0) CHECK(std::string(all[i - 1].code()) < code);  // code order is string order
            // Parent known, or derivable from digits (partial catalog): never a different shape.
            if (all[i].level() != level::lei) CHECK(level_of(parent_code(code, t), t));
        }
        // items(level) partitions the catalog, each part in code order.
        std::size_t n = 0;
        for (level l : {level::lei, level::kuan, level::xiang}) {
            const auto part = c.items(l);
            n += part.size();
            CHECK(std::is_sorted(part.begin(), part.end(),
                                 [](const item& a, const item& b) { return a.code() < b.code(); }));
            for (const auto& it : part) CHECK(it.level() == l);
        }
        CHECK(n == c.size());
    }
}

TEST_CASE("all codes of the bundled Hunan report resolve with the report's names") {
    const auto fun = catalog::embedded(tree::functional);
    // Tables 02, 03 and 05 (公开02/03/05表), functional 项 as printed; 03 splits one name.
    const std::vector<std::pair<const char*, const char*>> functional = {
        {"2010301", "行政运行"},
        {"2010302", "一般行政管理事务"},
        {"2010305", "专项业务及机关事务管理"},
        {"2013299", "其他组织事务支出"},
        {"2080505", "机关事业单位基本养老保险缴费支出"},
        {"2089999", "其他社会保障和就业支出"},
        {"2101101", "行政单位医疗"},
        {"2101103", "公务员医疗 补助"},  // table 03's PDF space
        {"2210201", "住房公积金"},
    };
    for (const auto& [code, name] : functional) {
        INFO(code);
        CHECK(fun.status(code) == code_status::known);
        CHECK(fun.check_name(code, name).verdict == verdict::match);
        CHECK(fun.match_path(code, fun.path_name(code)).verdict == verdict::match);
    }
    // Table 06 (公开06表), every economic code printed, with its name.
    const auto eco = catalog::embedded(tree::economic_department);
    const std::vector<std::pair<const char*, const char*>> economic = {
        {"301", "工资福利支出"}, {"30101", "基本工资"}, {"30102", "津贴补贴"}, {"30103", "奖金"},
        {"30106", "伙食补助费"}, {"30107", "绩效工资"}, {"30108", "机关事业单位基本养老保险缴费"},
        {"30109", "职业年金缴费"}, {"30110", "职工基本医疗保险缴费"}, {"30111", "公务员医疗补助缴费"},
        {"30112", "其他社会保障缴费"}, {"30113", "住房公积金"}, {"30114", "医疗费"},
        {"30199", "其他工资福利支出"}, {"303", "对个人和家庭的补助"}, {"30301", "离休费"},
        {"30302", "退休费"}, {"30303", "退职（役）费"}, {"30304", "抚恤金"}, {"30305", "生活补助"},
        {"30306", "救济费"}, {"30307", "医疗费补助"}, {"30308", "助学金"}, {"30309", "奖励金"},
        {"30310", "个人农业生产补贴"}, {"30311", "代缴社会保险费"}, {"30399", "其他对个人和家庭的补助"},
        {"302", "商品和服务支出"}, {"30201", "办公费"}, {"30202", "印刷费"}, {"30203", "咨询费"},
        {"30204", "手续费"}, {"30205", "水费"}, {"30206", "电费"}, {"30207", "邮电费"},
        {"30208", "取暖费"}, {"30209", "物业管理费"}, {"30211", "差旅费"},
        {"30212", "因公出国（境）费用"}, {"30213", "维修（护）费"}, {"30214", "租赁费"},
        {"30215", "会议费"}, {"30216", "培训费"}, {"30217", "公务接待费"}, {"30218", "专用材料费"},
        {"30224", "被装购置费"}, {"30225", "专用燃料费"}, {"30226", "劳务费"}, {"30227", "委托业务费"},
        {"30228", "工会经费"}, {"30229", "福利费"}, {"30231", "公务用车运行维护费"},
        {"30239", "其他交通费用"}, {"30240", "税金及附加费用"}, {"30299", "其他商品和服务支出"},
        {"307", "债务利息及费用支出"}, {"30701", "国内债务付息"}, {"30702", "国外债务付息"},
        {"310", "资本性支出"}, {"31001", "房屋建筑物购建"}, {"31002", "办公设备购置"},
        {"31003", "专用设备购置"}, {"31005", "基础设施建设"}, {"31006", "大型修缮"},
        {"31007", "信息网络及软件购置更新"}, {"31008", "物资储备"}, {"31009", "土地补偿"},
        {"31010", "安置补助"}, {"31011", "地上附着物和青苗补偿"}, {"31012", "拆迁补偿"},
        {"31013", "公务用车购置"}, {"31019", "其他交通工具购置"}, {"31021", "文物和陈列品购置"},
        {"31022", "无形资产购置"}, {"31099", "其他资本性支出"}, {"399", "其他支出"},
        {"39907", "国家赔偿费用支出"}, {"39908", "对民间非营利组织和群众性自治"},
        {"39909", "经常性赠与"}, {"39910", "资本性赠与"}, {"39999", "其他支出"},
    };
    CHECK(economic.size() == 81);  // 6 类 + 75 款 printed in table 06
    for (const auto& [code, name] : economic) {
        INFO(code);
        CHECK(eco.status(code) == code_status::known);
        CHECK(eco.check_name(code, name).verdict == verdict::match);
    }
}

TEST_CASE("three answers for a code: known, malformed, well-formed but unknown") {
    const auto fun = catalog::embedded(tree::functional);
    CHECK(fun.status("2010301") == code_status::known);
    CHECK(fun.status("201") == code_status::known);
    CHECK(fun.status("2019999") == code_status::unknown);  // seen only in a c.2021 source: excluded
    CHECK(fun.status("202") == code_status::unknown);
    CHECK(fun.status("201030") == code_status::malformed);
    CHECK(fun.status("20103011") == code_status::malformed);
    CHECK(fun.status("２０１") == code_status::malformed);
    CHECK(fun.status("") == code_status::malformed);
    CHECK(fun.status(" 201") == code_status::malformed);
    CHECK(fun.status("20a03") == code_status::malformed);
    CHECK_FALSE(fun.find("2019999"));
    CHECK_FALSE(fun.name("201030"));
    const auto eco = catalog::embedded(tree::economic_department);
    CHECK(eco.status("3010101") == code_status::malformed);  // economic trees stop at 款
    CHECK(eco.status("30230") == code_status::unknown);
}

TEST_CASE("structure from digits alone") {
    CHECK(parent_code("2010301", tree::functional) == "20103");
    CHECK(parent_code("20103", tree::functional) == "201");
    CHECK(parent_code("201", tree::functional).empty());
    CHECK(ancestor_code("2010301", level::lei, tree::functional) == "201");
    CHECK(ancestor_code("2010301", level::xiang, tree::functional) == "2010301");
    CHECK_THROWS_AS(ancestor_code("201", level::kuan, tree::functional), error);
    CHECK_THROWS_AS(parent_code("20103x", tree::functional), parse_error);
    CHECK_THROWS_AS(parent_code("3010101", tree::economic_department), parse_error);
    // 2050302 中专教育 is known, its 款 20503 is not: the parent is still 20503 by digits.
    const auto fun = catalog::embedded(tree::functional);
    REQUIRE(fun.status("2050302") == code_status::known);
    CHECK(fun.status("20503") == code_status::unknown);
    CHECK_FALSE(fun.parent("2050302"));
    CHECK(parent_code("2050302", tree::functional) == "20503");
    CHECK(codes_of(fun.subtree("205")) ==
          std::vector<std::string>{"205", "20502", "2050204", "2050205", "2050302", "2050701", "20599", "2059999"});
    CHECK(codes_of(fun.children("205")) == std::vector<std::string>{"20502", "20599"});
    CHECK(codes_of(fun.children("20103")) ==
          std::vector<std::string>{"2010301", "2010302", "2010305", "2010350", "2010399"});
    CHECK(fun.children("2010301").empty());
}

TEST_CASE("path names in the narrative form") {
    const auto fun = catalog::embedded(tree::functional);
    CHECK(fun.path_name("2010301") == "一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）");
    CHECK(fun.path_name("2010301", path_style::catalog) ==
          "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）");
    CHECK(fun.path_name("20103") == "一般公共服务（类）政府办公厅（室）及相关机构事务（款）");
    CHECK(fun.path_name("201") == "一般公共服务（类）");
    CHECK(fun.label("2010301") == "行政运行（项）");
    // A missing ancestor names itself in the error.
    try {
        (void)fun.path_name("2050302");
        FAIL("expected not_found");
    } catch (const error& e) {
        CHECK(e.code() == errc::not_found);
        CHECK(std::string(e.what()).find("20503") != std::string::npos);
    }
    CHECK_THROWS_AS(fun.path_name("2010"), parse_error);
}

TEST_CASE("narrative paths of the Hunan report (section 五（三）) match their codes") {
    const auto fun = catalog::embedded(tree::functional);
    // Copied from tests/data/reports/2024_tianyuan_data_bureau.txt; the 类 is written both
    // without (一般公共服务) and with (社会保障和就业支出) its 支出; item 5 breaks over lines.
    const std::vector<std::pair<const char*, const char*>> lines = {
        {"2010301", "1、一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。"},
        {"2010302", "2、一般公共服务（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）。"},
        {"2010305", "3、一般公共服务（类）政府办公厅（室）及相关机构事务（款）专项业务及机关事务管理（项）。"},
        {"2013299", "4、一般公共服务（类）组织事务（款）其他组织事务支出（项）。"},
        {"2080505", "5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业\n\n单位基本养老保险缴费支出（项）。"},
        {"2089999", "6、社会保障和就业支出（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）。"},
        {"2101101", "7、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。"},
        {"2101103", "8、卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）。"},
        {"2210201", "9、住房保障支出（类）住房改革支出（款）住房公积金（项）。"},
    };
    const auto report = read_text(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt");
    for (const auto& [code, text] : lines) {
        INFO(code << " " << text);
        CHECK(report.find(text) != std::string::npos);  // really the report's words
        CHECK(fun.match_path(code, text).verdict == verdict::match);
        CHECK(codes_of(fun.resolve_path(text)) == std::vector<std::string>{code});
    }
    // Wrong 项 for the code: mismatch, with the catalog's path.
    const auto wrong = fun.match_path("2010301", lines[1].second);
    CHECK(wrong.verdict == verdict::mismatch);
    CHECK(wrong.expected == "一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）");
    CHECK(fun.match_path("2010301", "一般公共服务（类）行政运行（项）").verdict == verdict::mismatch);
    CHECK(fun.match_path("2010301", "行政运行").verdict == verdict::mismatch);
    // Half-width brackets and spaces from PDF extraction are tolerated.
    CHECK(fun.match_path("2101101", "卫生健康支出(类) 行政事业单位医疗(款) 行政单位医疗(项)").verdict ==
          verdict::match);
    // 款 20503 unknown to the partial catalog: cannot verify (the known levels agree).
    CHECK(fun.match_path("2050302", "教育（类）职业教育（款）中专教育（项）").verdict == verdict::cannot_verify);
    CHECK(fun.match_path("2050302", "教育（类）职业教育（款）高中教育（项）").verdict == verdict::mismatch);
    CHECK(fun.match_path("20103x", "x").verdict == verdict::malformed_code);
    CHECK(fun.resolve_path("外交（类）").empty());
}

TEST_CASE("resolve_path: the name lookup gives what comparing every row gives") {
    // The embedded catalog's names are normalized, so resolve_path looks segments up by name.
    // The same rows loaded from CSV with one 类 name written with a space ("一般公共服务 支出",
    // normalized to the same name) take the path that compares every 类 and child.
    const auto fun = catalog::embedded(tree::functional);
    std::string csv = "# tree: functional\n# year: 2024\n# complete: no\ncode,name\n";
    for (const auto& it : fun.items()) {
        const std::string name(it.name());
        csv += std::string(it.code()) + "," + (it.code() == "201" ? "一般公共服务 支出" : name) + "\n";
    }
    const auto loaded = catalog::load_csv(csv);
    REQUIRE(loaded.size() == fun.size());
    std::vector<std::string> queries = {"外交（类）", "一般公共服务（类）", "一般公共服务支出（类）",
                                        "一般公共服务支出支出（类）", "支出（类）", "（类）", "行政运行（项）"};
    std::string previous_lei;
    for (const auto& it : fun.items()) {
        if (!all_ancestors_known(fun, it.code())) continue;
        const std::string path = fun.path_name(it.code());
        queries.push_back(path);
        queries.push_back(fun.path_name(it.code(), path_style::catalog));
        // Spaces and ASCII brackets as a PDF extraction prints them.
        std::string ascii;
        for (std::size_t i = 0; i < path.size();) {
            if (path.compare(i, 3, "（") == 0) ascii += " (", i += 3;
            else if (path.compare(i, 3, "）") == 0) ascii += ")", i += 3;
            else ascii += path[i++];
        }
        queries.push_back(ascii);
        if (it.level() == level::lei) {
            // The 类 without its 支出, and this 款 / 项 path under the previous 类 (no such path).
            const std::string name(it.name());
            if (name.ends_with("支出")) queries.push_back(name.substr(0, name.size() - 6) + "（类）");
            previous_lei = name;
        } else if (!previous_lei.empty()) {
            queries.push_back(previous_lei + "（类）" + path.substr(path.find("（类）") + 9));
        }
    }
    for (const auto& q : queries) {
        INFO(q);
        CHECK(codes_of(fun.resolve_path(q)) == codes_of(loaded.resolve_path(q)));
    }
    // The lookup finds what it should.
    CHECK(codes_of(fun.resolve_path("一般公共服务（类）")) == std::vector<std::string>{"201"});
    CHECK(codes_of(fun.resolve_path("一般公共服务 支出 (类)")) == std::vector<std::string>{"201"});
    CHECK(codes_of(loaded.resolve_path("一般公共服务（类）")) == std::vector<std::string>{"201"});
    CHECK(fun.resolve_path("一般公共服务支出支出（类）").empty());
}

TEST_CASE("unique_by_name: the only row of a level with a name") {
    const auto fun = catalog::embedded(tree::functional);
    const auto lei = fun.unique_by_name("一般公共服务支出", level::lei);
    REQUIRE(lei);
    CHECK(lei->code() == "201");
    CHECK_FALSE(fun.unique_by_name("一般公共服务支出", level::kuan));
    CHECK_FALSE(fun.unique_by_name("一般公共服务", level::lei));  // exact names only
    // 行政运行 is a 项 of many 款: not unique.
    REQUIRE(fun.find_by_name("行政运行").size() > 1);
    CHECK_FALSE(fun.unique_by_name("行政运行", level::xiang));
    // Every 类 name of the catalog that no other 类 shares finds its 类.
    for (const auto& it : fun.items(level::lei)) {
        std::size_t same = 0;
        for (const auto& other : fun.items(level::lei)) same += other.name() == it.name();
        const auto found = fun.unique_by_name(it.name(), level::lei);
        if (same == 1) {
            REQUIRE(found);
            CHECK(found->code() == it.code());
        } else {
            CHECK_FALSE(found);
        }
    }
}

TEST_CASE("find by name and substring; name check of a report row") {
    const auto fun = catalog::embedded(tree::functional);
    const auto xz = codes_of(fun.find_by_name("行政运行"));
    CHECK(std::is_sorted(xz.begin(), xz.end()));
    for (const char* c : {"2010301", "2010601", "2013901", "2120101", "2130501"})
        CHECK(std::find(xz.begin(), xz.end(), c) != xz.end());
    CHECK(fun.find_by_name("行政运").empty());  // exact only
    CHECK_FALSE(fun.find_first_by_name("行政运"));
    CHECK(fun.find_first_by_name("行政运行")->code() == "2010301");  // first in code order
    const auto yl = codes_of(fun.find_containing("医疗"));
    for (const char* c : {"21011", "2101101", "2101102", "2101103"})
        CHECK(std::find(yl.begin(), yl.end(), c) != yl.end());

    CHECK(fun.check_name("2101101", "行政单位医疗").verdict == verdict::match);
    const auto bad = fun.check_name("2101101", "事业单位医疗");
    CHECK(bad.verdict == verdict::mismatch);
    CHECK(bad.expected == "行政单位医疗");
    const auto unknown = fun.check_name("2019999", "其他一般公共服务支出");
    CHECK(unknown.verdict == verdict::cannot_verify);  // partial catalog: not an error
    CHECK(unknown.expected.empty());
    CHECK(fun.check_name("201999", "x").verdict == verdict::malformed_code);
    CHECK(fun.check_name("3021", "x").verdict == verdict::malformed_code);
    CHECK(fun.check_name("30212", "x").verdict == verdict::cannot_verify);  // a well-formed 5-digit code
    const auto eco = catalog::embedded(tree::economic_department);
    CHECK(eco.check_name("30212", "因公出国(境)费用").verdict == verdict::match);  // half-width brackets
}

TEST_CASE("roll-up of Hunan table 05 to 款 and 类 equals table 01") {
    // 公开05表 rows (万元). By hand: 201 = 192.26 + 948.74 + 25.00 + 5.00 = 1171.00;
    // 20103 = 192.26 + 948.74 + 25.00 = 1166.00; 208 = 19.64 + 0.62 = 20.26;
    // 210 = 7.63 + 11.42 = 19.05; 221 = 17.30 — table 01's 类 rows.
    const auto w = [](std::int64_t raw) { return wan_yuan::from_raw(raw); };
    const std::vector<keyed_amount<wan_yuan>> rows = {
        {"2010301", w(19226)}, {"2010302", w(94874)}, {"2010305", w(2500)}, {"2013299", w(500)},
        {"2080505", w(1964)},  {"2089999", w(62)},    {"2101101", w(763)},  {"2101103", w(1142)},
        {"2210201", w(1730)},
    };
    const auto r = roll_up(rows, tree::functional);
    std::map<std::string, wan_yuan> by;
    for (const auto& x : r) by[x.code] = x.amount;
    CHECK(by.at("201") == w(117100));
    CHECK(by.at("20103") == w(116600));
    CHECK(by.at("20132") == w(500));
    CHECK(by.at("208") == w(2026));
    CHECK(by.at("210") == w(1905));
    CHECK(by.at("221") == w(1730));
    CHECK(by.at("2010301") == w(19226));
    CHECK(r.front().code == "201");
    CHECK(r.front().rows == 4);
    CHECK(r.front().level == level::lei);
    CHECK(r.size() == 9 + 6 + 4);  // 9 项, 6 款, 4 类
    wan_yuan lei_total{};
    for (const auto& x : r)
        if (x.level == level::lei) lei_total += x.amount;
    CHECK(lei_total == w(122761));  // 1227.61

    CHECK_THROWS_AS(roll_up(std::vector<keyed_amount<wan_yuan>>{{"2010301", w(1)}, {"2010301", w(1)}},
                            tree::functional),
                    error);
    CHECK_THROWS_AS(roll_up(std::vector<keyed_amount<wan_yuan>>{{"2010301", w(1)}, {"201", w(1)}},
                            tree::functional),
                    error);
    CHECK_THROWS_AS(roll_up(std::vector<keyed_amount<wan_yuan>>{{"201x", w(1)}}, tree::functional),
                    parse_error);
    CHECK_THROWS_AS(roll_up(std::vector<keyed_amount<wan_yuan>>{
                                {"2010301", wan_yuan::from_raw(INT64_MAX)}, {"2010302", w(1)}},
                            tree::functional),
                    error);
    // Economic: 30101 + 30102 → 301.
    const auto e = roll_up(std::vector<keyed_amount<wan_yuan>>{{"30101", w(5438)}, {"30102", w(3094)}},
                           tree::economic_department);
    REQUIRE(e.size() == 3);
    CHECK(e[0].code == "301");
    CHECK(e[0].amount == w(8532));
}

TEST_CASE("correspondence 部门预算 ↔ 政府预算 经济分类") {
    const auto m = correspondence::embedded(2024);
    CHECK(m.size() == 30);
    CHECK(m.government_for("30101") == std::optional<std::string>("50101"));
    CHECK(m.government_for("30113") == std::optional<std::string>("50103"));
    CHECK_FALSE(m.government_for("30203"));  // not in the partial table
    CHECK(m.departments_for("50102") ==
          std::vector<std::string>{"30108", "30109", "30110", "30111", "30112"});
    CHECK_THROWS_AS(m.government_for("301"), parse_error);
    CHECK_THROWS_AS(correspondence::embedded(2023), error);
}

TEST_CASE("loading a good CSV: directives, header aliases, quotes, CRLF, BOM") {
    const std::string text =
        "\xEF\xBB\xBF# an official-style file\r\n"
        "# tree: functional\r\n# year: 2025\r\n"
        "科目编码,科目名称,备注\r\n"
        "201,一般公共服务支出,\r\n"
        "20101,人大事务,\r\n"
        "2010101,\"行政运行\",\"a, quoted note\"\r\n"
        "\r\n"
        "# a comment between rows\r\n"
        "20103,政府办公厅（室）及相关机构事务,\r\n";
    const auto c = catalog::load_csv(text);
    CHECK(c.kind() == tree::functional);
    CHECK(c.year() == 2025);
    CHECK(c.is_complete());  // no "# complete: no": taken as the complete list
    CHECK_FALSE(c.is_embedded());
    CHECK(c.counts() == level_counts{1, 2, 1});
    CHECK(c.name("2010101") == std::optional<std::string_view>("行政运行"));
    CHECK(codes_of(c.items()) == std::vector<std::string>{"201", "20101", "2010101", "20103"});
    CHECK(c.check_name("2010301", "行政运行").verdict == verdict::unknown_code);  // complete catalog
    CHECK(c.path_name("2010101") == "一般公共服务（类）人大事务（款）行政运行（项）");
    // Options instead of directives; partial declared by option.
    load_options o;
    o.tree = tree::functional;
    o.year = 2024;
    o.complete = false;
    const auto p = catalog::load_csv("code,name\n2010301,行政运行\n", o);
    CHECK_FALSE(p.is_complete());
    CHECK(p.status("2010301") == code_status::known);
}

TEST_CASE("the data file loads to the same catalog as the embedded one") {
    for (const auto& [t, file] : {std::pair{tree::functional, "functional.csv"},
                                  std::pair{tree::economic_department, "economic_department.csv"},
                                  std::pair{tree::economic_government, "economic_government.csv"},
                                  std::pair{tree::revenue, "revenue.csv"}}) {
        const auto loaded = catalog::load_csv_file(
            std::string(CAIZHENG_SOURCE_DIR) + "/data/classification/2024/" + file);
        const auto emb = catalog::embedded(t);
        CHECK(loaded.kind() == t);
        CHECK_FALSE(loaded.is_complete());
        CHECK(compare(emb, loaded).empty());
        CHECK(loaded.items() == emb.items());
        CHECK(loaded.find_by_name("行政运行") == emb.find_by_name("行政运行"));
    }
}

namespace {
/// The problems of a rejected load, or an empty vector when it loads.
catalog_error rejected(const std::string& text, load_options o = {}) {
    try {
        (void)catalog::load_csv(text, o);
    } catch (const catalog_error& e) {
        return e;
    }
    FAIL("expected catalog_error for: " << text);
    return catalog_error(errc::internal, "", {});
}
const char* head = "# tree: functional\n# year: 2024\ncode,name,level,parent_code\n";
}  // namespace

TEST_CASE("loading bad CSVs: each problem with its line number and kind") {
    SECTION("duplicate code") {
        const auto e = rejected(std::string(head) + "201,一般公共服务支出,lei,\n20101,人大事务,kuan,201\n201,一般公共服务支出,lei,\n");
        CHECK(e.code() == errc::inconsistent);
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].kind == problem_kind::duplicate_code);
        CHECK(e.problems()[0].line == 6);
        CHECK(e.problems()[0].code == "201");
        CHECK(std::string(e.what()).find("line 6: duplicate code 201 (first on line 4)") != std::string::npos);
    }
    SECTION("orphan in a complete catalog, accepted in a partial one") {
        const std::string text = std::string(head) + "201,一般公共服务支出,lei,\n2010301,行政运行,xiang,20103\n";
        const auto e = rejected(text);
        CHECK(e.code() == errc::inconsistent);
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].kind == problem_kind::orphan);
        CHECK(e.problems()[0].line == 5);
        CHECK(e.problems()[0].code == "2010301");
        const auto partial = catalog::load_csv("# complete: no\n" + text);
        CHECK(partial.status("2010301") == code_status::known);
        CHECK(partial.status("20103") == code_status::unknown);
    }
    SECTION("code length not matching the level, malformed codes, wrong parent") {
        const auto e = rejected(std::string(head) +
                                "201,一般公共服务支出,kuan,\n2010,x,lei,\n20103,政府办公厅（室）及相关机构事务,kuan,202\n");
        CHECK(e.code() == errc::parse_error);
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].kind == problem_kind::level_mismatch);
        CHECK(e.problems()[0].line == 4);
        CHECK(e.problems()[1].kind == problem_kind::malformed_code);
        CHECK(e.problems()[1].line == 5);
        CHECK(e.problems()[2].kind == problem_kind::parent_mismatch);
        CHECK(e.problems()[2].line == 6);
        // 7 digits in an economic tree.
        const auto eco = rejected("# tree: economic_department\n# year: 2024\ncode,name\n3010101,x\n");
        CHECK(eco.problems().at(0).kind == problem_kind::malformed_code);
    }
    SECTION("bad UTF-8") {
        const auto e = rejected(std::string(head) + "201,一般公共服务支出,lei,\n20101,\xE4\xBA,kuan,201\n");
        CHECK(e.code() == errc::parse_error);
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].kind == problem_kind::bad_utf8);
        CHECK(e.problems()[0].line == 5);
    }
    SECTION("empty file, header only, bad header") {
        load_options o;
        o.tree = tree::functional;
        o.year = 2024;
        for (const char* text : {"", "\n\n", "# tree: functional\n"}) {
            const auto e = rejected(text, o);
            CHECK(e.code() == errc::parse_error);
            REQUIRE(e.problems().size() == 1);
            CHECK(e.problems()[0].kind == problem_kind::empty_file);
            CHECK(e.problems()[0].line == 0);
        }
        CHECK(rejected("code,name\n", o).problems().at(0).kind == problem_kind::empty_file);
        const auto h = rejected("编号,名字\n201,x\n", o);
        CHECK(h.problems().at(0).kind == problem_kind::bad_header);
        CHECK(h.problems().at(0).line == 1);
    }
    SECTION("several problems are all listed") {
        const auto e = rejected(std::string(head) + "201,,lei,\n201,一般公共服务支出,lei,\n20101,\"x,kuan\n");
        CHECK(e.code() == errc::parse_error);  // syntax problems dominate
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].kind == problem_kind::malformed_row);   // line 4: empty name
        CHECK(e.problems()[1].kind == problem_kind::duplicate_code);  // line 5: 201 again
        CHECK(e.problems()[2].kind == problem_kind::malformed_row);   // line 6: unbalanced quote
        CHECK(e.problems()[2].line == 6);
    }
    SECTION("directives contradicting options; tree or year missing") {
        load_options o;
        o.tree = tree::revenue;
        const auto e = rejected(std::string(head) + "201,一般公共服务支出,lei,\n", o);
        CHECK(e.problems().at(0).kind == problem_kind::bad_directive);
        CHECK(e.problems().at(0).line == 1);
        CHECK_THROWS_MATCHES(catalog::load_csv("code,name\n201,x\n"), error,
                             Catch::Predicate<error>([](const error& x) { return x.code() == errc::invalid_argument; }));
    }
    SECTION("unreadable file") {
        CHECK_THROWS_MATCHES(catalog::load_csv_file("/nonexistent/catalog.csv"), error,
                             Catch::Predicate<error>([](const error& x) { return x.code() == errc::io_error; }));
    }
}

TEST_CASE("a file on top of the embedded catalog; comparing catalogs") {
    const auto base = catalog::embedded(tree::functional);
    // 20101 人大事务 and 20102 政协事务: named in data/classification/2024/raw/README.md as
    // absent 款 of 201. The rename is a test value.
    const std::string text =
        "# tree: functional\n# year: 2024\n# complete: no\ncode,name\n"
        "20101,人大事务\n20102,政协事务\n2101101,行政单位医疗（改名测试）\n";
    const auto over = catalog::load_csv(text, {}, base);
    CHECK(over.size() == base.size() + 2);
    CHECK_FALSE(over.is_complete());
    CHECK(over.name("2101101") == std::optional<std::string_view>("行政单位医疗（改名测试）"));
    CHECK(over.name("2010301") == base.name("2010301"));
    const auto d = compare(base, over);
    CHECK(codes_of(d.added) == std::vector<std::string>{"20101", "20102"});
    CHECK(d.removed.empty());
    REQUIRE(d.renamed.size() == 1);
    CHECK(d.renamed[0].code == "2101101");
    CHECK(d.renamed[0].old_name == "行政单位医疗");
    CHECK(d.renamed[0].new_name == "行政单位医疗（改名测试）");
    const auto back = compare(over, base);
    CHECK(codes_of(back.removed) == std::vector<std::string>{"20101", "20102"});
    // A complete file on top of a partial base stays partial unless it holds every base code.
    CHECK_FALSE(catalog::load_csv("# complete: yes\ncode,name\n201,一般公共服务支出\n", {}, base).is_complete());
    // Tree or year of the file must agree with the base.
    load_options other;
    other.year = 2025;
    CHECK_THROWS_AS(catalog::load_csv("code,name\n201,x\n", other, base), error);
    CHECK_THROWS_AS(compare(base, catalog::embedded(tree::economic_department)), error);
    // Copies share the rows; the catalog outlives the options and text it was built from.
    catalog copy = over;
    CHECK(copy.name("20101") == std::optional<std::string_view>("人大事务"));
}

TEST_CASE("a catalog is shared read-only between threads") {
    const auto loaded = catalog::load_csv_file(std::string(CAIZHENG_SOURCE_DIR) +
                                               "/data/classification/2024/functional.csv");
    const auto emb = catalog::embedded(tree::functional);
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            int n = 0;
            for (int rep = 0; rep < 50; ++rep)
                for (const auto& it : emb.items())
                    n += loaded.find(it.code()) == std::optional<item>(it) &&
                         loaded.find_by_name(it.name()) == emb.find_by_name(it.name());
            ok[static_cast<std::size_t>(k)] = n;
        });
    for (auto& t : threads) t.join();
    for (int n : ok) CHECK(n == static_cast<int>(50 * emb.size()));
}

TEST_CASE("names of enums and normalisation") {
    CHECK(std::string(tree_name(tree::economic_government)) == "economic_government");
    CHECK(tree_from_name("revenue") == tree::revenue);
    CHECK_THROWS_AS(tree_from_name("x"), error);
    CHECK(std::string(level_label(level::kuan)) == "款");
    CHECK(normalize_name(" 公务员医疗\n补助 ") == "公务员医疗补助");
    CHECK(normalize_name("因公出国(境)费用") == "因公出国（境）费用");
    CHECK(normalize_name("a\u3000b") == "ab");
}
