// The C++ rules of the catalog (the formula rules come from data/rules/builtin.formulas).
#include "detail.hpp"

namespace caizheng::reconcile_detail {

const std::vector<rule_info>& cxx_rules() {
    static const std::vector<rule_info> rules = [] {
        std::vector<rule_info> v;
        auto add = [&](const char* id, rule_family fam, severity sev, const char* zh, const char* en,
                       const char* check) {
            v.push_back(rule_info{id, fam, sev, zh, en, check, false});
        };
        // ---- codes
        add("codes.malformed", rule_family::codes, severity::error,
            "科目编码格式正确（功能分类 3/5/7 位数字，经济分类 3/5 位数字）",
            "Every row's classification code is well formed (functional: 3, 5 or 7 digits; economic: 3 or 5)",
            "catalog.status(code) != malformed, for every coded row of 02, 03, 05, 06, 07, 08");
        add("codes.unknown", rule_family::codes, severity::warning,
            "科目编码在该年度分类目录中存在（目录不完整时为提示，完整时为错误）",
            "Every code is in the classification catalog of the report's year (a warning when the "
            "catalog is partial, an error when it claims completeness)",
            "catalog(year).status(code) == known; unknown → warning if !catalog.is_complete() else error");
        add("codes.name", rule_family::codes, severity::error,
            "科目名称与分类目录一致（忽略空格、全半角括号）",
            "Every row's name matches the catalog's name for its code (whitespace and bracket width ignored)",
            "catalog.check_name(code, name) != mismatch");
        add("codes.name_truncated", rule_family::codes, severity::warning,
            "科目名称为目录名称的截断（常见于表格排版）",
            "A row's name is a truncation of the catalog's name (a layout artifact, worth a look)",
            "normalize(name) is a proper prefix of normalize(catalog name)");
        add("codes.duplicate", rule_family::codes, severity::error,
            "同一张表中同一科目编码只出现一次",
            "A code appears at most once in a table",
            "count(rows with code c) <= 1, per table");
        add("codes.lei_name", rule_family::codes, severity::warning,
            "收入支出决算总表和财政拨款收入支出决算总表的支出类级科目名称可在分类目录中找到",
            "The 类 lines of tables 01 and 04 (printed without codes) name a 类 of the catalog",
            "catalog.find_by_name(name without 一、 numbering [+ 支出]) has a 类, for 01/04 支出 lines above 本年支出合计");
        add("codes.catalog_year", rule_family::codes, severity::info,
            "报告年度没有内置分类目录时，使用最接近年度的目录",
            "When no catalog is embedded for the report's year, the nearest year's catalog is used",
            "catalog year != report year");
        // ---- document
        add("document.missing_table", rule_family::document, severity::error,
            "九张公开表齐全（无数据的表也应公开并说明）",
            "All nine disclosure tables are present (an empty one is published with a 本表无数据 statement)",
            "report.missing_tables() is empty");
        add("document.import_warning", rule_family::document, severity::unchecked,
            "导入时无法放置或读取的内容（未检查，需人工查看）",
            "Content the importer could not place or read (not checked: a person should look)",
            "one finding per report.warnings entry");
        add("document.no_data", rule_family::document, severity::error,
            "声明“本表无数据”的表没有非零数字，且财政拨款收入支出决算总表对应栏为零",
            "A table stating 本表无数据 has no non-zero figure, and the matching column of table 04 is zero",
            "no_data ⇒ every cell of the table is empty or 0, and fiscal[支出 & 合计].c4 (07) / .c5 (08) == 0");
        // ---- cause analysis
        add("cross.missing_row", rule_family::cross_table, severity::error,
            "表中缺少某科目行：差额正好等于另一张表中该行的数字",
            "A table lacks a row: the gap of a 合计 or 类 check is exactly that row's figure in another table",
            "gap(T, column, 类 prefix) == Σ rows of 05/03/02 whose code T lacks (same column meaning)");
        // ---- families of other modules
        add("N.*", rule_family::narrative, severity::error,
            "情况说明中的数字与表格一致（见 narrative.hpp）",
            "Numeric claims of the 情况说明 agree with the tables (narrative.hpp; ids listed there)",
            "check_narrative(report, narrative_options)");
        add("P.*", rule_family::performance, severity::error,
            "绩效自评表、基础数据表与自评报告一致，得分计算正确（见 docs/scoring.md）",
            "The 绩效 annex: 自评表, 基础数据表 and the report text agree; scores recompute (docs/scoring.md)",
            "check_performance(report, builtin_profile(options.scoring_profile))");
        return v;
    }();
    return rules;
}

}  // namespace caizheng::reconcile_detail
