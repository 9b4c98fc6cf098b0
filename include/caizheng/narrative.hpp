// caizheng — the narrative (情况说明) checks: every number the text states, read and checked.
//
// extract_claims() reads the numbered 情况说明 sections (report::narrative) and the prose of
// the 绩效 annex's 自评报告 (the report part titled 第五部分 / 附件) sentence by sentence with a
// small hand-written UTF-8 scanner (no regular expressions): each figure ("1227.61万元",
// "95.39%", "1辆", "2024年度", "99.99分") becomes a narrative_claim with what it is about
// (topic: "收入合计", "三公经费", "公务接待费", a 类/项 path resolved to its code …), its kind
// (amount, 预算数, 决算数, share, change amount/rate, completion rate …), the direction words
// next to it (增加/减少/增长/下降, 大于/小于/等于), and links to the figures it relates to (the
// part of a share, its base, the subject of a change, the budget of a completion rate).
// Which words mean what is data (lib/narrative/patterns.hpp), not code: provinces phrase
// the same statement differently ("收、支总计" / "收入支出总计", "“三公”经费" / "三公经费").
//
// check_narrative() checks every claim against the tables, or against the other figures of
// the same sentence, at the precision the claim states ("101%" at 0 places). A rate stated on
// a zero base is an error, not a number to match; direction words must agree with the
// figures; an unresolved template ("减少（增加）") is a finding; the year and the department
// named agree with report::meta; a sentence with figures that no check could use is listed as
// severity::unchecked — nothing is skipped silently. Rules (ids "N.…") and the sentences
// understood: docs/narrative.md.
//
// Money: exact decimals in 万元 (元 and 亿元 figures are converted exactly). No floating point.
// Errors: never throws for report content; throws only for invalid options.
// Thread safety: both functions are pure; call them from any number of threads.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/export.hpp"
#include "caizheng/finding.hpp"
#include "caizheng/report.hpp"

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caizheng {

/// What a figure of the narrative states. Values are stable.
enum class claim_kind : int {
    amount = 0,           ///< an amount of a topic ("收入合计1227.61万元")
    budget = 1,           ///< 预算数 / 年初预算 of the topic ("年初预算为190.36万元")
    actual = 2,           ///< 决算数 of the topic ("支出决算为192.26万元")
    share = 3,            ///< 占…% of a base ("占95.39%", "占基本支出的85.41%")
    change_amount = 4,    ///< 与上年相比 增加/减少 … 万元
    change_rate = 5,      ///< 增长/下降/减少 …%
    completion_rate = 6,  ///< 完成(年初)预算的 …%
    comparison = 7,       ///< 决算数大于/小于/等于/与…持平 (年初)预算数 — no figure
    count = 8,            ///< a count: 辆, 个, 人次, 台（套）…
    year = 9,             ///< a year named ("2024年度", "与2023年度相比")
    project_spending = 10,  ///< annex: "项目支出 14.97 万元" of a project
    project_score = 11,   ///< annex: "绩效自评得分 99.99 分" (checked by scoring, not here)
    explanation = 12,     ///< a figure in a reason clause (主要原因…: "项目减少73万元"): not checked
    threshold = 13,       ///< a bound, not a spending ("100万元以上设备"): not checked
    balance = 14,         ///< annex: 结余结转 (= 预算 + 调增 − 实际支出)
    adjustment = 15,      ///< annex: 年中执行调增/调减
    other = 16,           ///< a figure with a unit the extractor could not place
};
BOOST_DESCRIBE_ENUM(claim_kind, amount, budget, actual, share, change_amount, change_rate,
                    completion_rate, comparison, count, year, project_spending, project_score,
                    explanation, threshold, balance, adjustment, other)

/// Direction words of a claim. Values are stable.
enum class claim_direction : int {
    none = 0,
    increase = 1,    ///< 增加 / 增长 / 上升
    decrease = 2,    ///< 减少 / 下降 / 降低
    flat = 3,        ///< 持平 / 基本持平
    unresolved = 4,  ///< a template left as written: "减少（增加）", "减少（增长）"
    greater = 5,     ///< 决算数大于预算数
    less = 6,        ///< 决算数小于预算数
    equal = 7,       ///< 决算数等于预算数
};
BOOST_DESCRIBE_ENUM(claim_direction, none, increase, decrease, flat, unresolved, greater, less,
                    equal)

/// One figure stated by the narrative (or the 自评报告 prose), as read.
struct narrative_claim {
    claim_kind kind = claim_kind::amount;
    /// Canonical topic ("收入合计", "三公经费", "公务用车运行维护费", "一般公共服务（类）"…); for
    /// a 类 or 项 the path as written; for projects the project name; "" when none was found.
    std::string topic;
    std::string code;  ///< functional code when the topic is a 类/项 path ("2010301"), else ""
    /// Exact value as printed: 万元 for money (converted exactly from 元/亿元), number of
    /// percent for rates, the count, the year, the score. nullopt for comparisons.
    std::optional<decimal> value;
    std::string unit;     ///< "万元", "%", "辆", "个", "年", "分", "" …
    std::string printed;  ///< the figure as printed ("95.39%", "1227.61万元")
    claim_direction direction = claim_direction::none;
    /// For a share: the base phrase as written ("基本支出" in "占基本支出的"), "" when implied.
    std::string base_phrase;
    /// Indexes into the claim list (−1 when none): share → its part and its base; change
    /// amount/rate and completion rate → the subject (this year's amount / 决算数); change rate
    /// → its change amount in `related`; completion rate → its budget in `base`.
    std::int32_t subject = -1;
    std::int32_t base = -1;
    std::int32_t related = -1;
    std::string section;  ///< section numeral as printed ("九"), or "附件" for annex prose
    std::int32_t section_number = 0;  ///< 1… for 情况说明 sections, 0 for the annex
    std::string sentence;             ///< the sentence the figure is in
    source_location source;           ///< line where the sentence starts
    friend bool operator==(const narrative_claim&, const narrative_claim&) = default;
};
BOOST_DESCRIBE_STRUCT(narrative_claim, (), (kind, topic, code, value, unit, printed, direction,
                                            base_phrase, subject, base, related, section,
                                            section_number, sentence, source))

/// Options of check_narrative.
struct narrative_options {
    bool check_year = true;        ///< N.year
    bool check_department = true;  ///< N.department
    bool check_annex = true;       ///< the 自评报告 prose (N.annex.*)
    bool list_unchecked = true;    ///< N.unchecked findings for sentences nothing could check
};
BOOST_DESCRIBE_STRUCT(narrative_options, (), (check_year, check_department, check_annex,
                                              list_unchecked))

/// Every claim of the narrative and of the 自评报告 prose, in document order.
[[nodiscard]] CAIZHENG_CXX_API std::vector<narrative_claim> extract_claims(const report& r);

/// Check the narrative; findings use rule ids "N.…" (docs/narrative.md), locations with
/// section (numeral), text (the sentence) and source line; expected/found/difference in the
/// claim's unit ("万元", "%", "辆").
[[nodiscard]] CAIZHENG_CXX_API std::vector<finding> check_narrative(
    const report& r, const narrative_options& options = {});

/// A project restated by the 自评报告 prose: "（1）<name> … 项目支出 14.97 万元 …；绩效自评得分
/// 99.99 分". For helper scoring: the published score to compare with the 自评表 (this module
/// does not judge scores). evaluation: index into r.annex.projects of the 自评表 whose
/// project name matches (quotes, "项目", "经费"/"费用" suffixes ignored), when one does.
struct project_claim {
    std::string project;                ///< name as written in the prose
    std::optional<decimal> spending;    ///< 项目支出 万元
    std::optional<decimal> score;       ///< 绩效自评得分, places as printed
    std::string score_text;             ///< "99.99"
    std::optional<std::size_t> evaluation;  ///< index into r.annex.projects
    std::string sentence;
    source_location source;
    friend bool operator==(const project_claim&, const project_claim&) = default;
};
BOOST_DESCRIBE_STRUCT(project_claim, (), (project, spending, score, score_text, evaluation,
                                          sentence, source))

/// The projects the 自评报告 prose restates, in document order.
[[nodiscard]] CAIZHENG_CXX_API std::vector<project_claim> extract_project_claims(const report& r);

/// Whether two project names denote the same project (quotes, whitespace, trailing "项目",
/// "工作经费"/"经费"/"费用"/"费" ignored; equal, or one contains the other).
[[nodiscard]] CAIZHENG_CXX_API bool same_project_name(std::string_view a, std::string_view b);

}  // namespace caizheng
