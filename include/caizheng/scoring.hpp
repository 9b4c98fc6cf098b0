// caizheng — scoring 绩效自评 (项目支出绩效自评表) and checking published scores.
//
// Every formula, policy and its source ([official] / [practice] / [open]) is in
// docs/scoring.md. Arithmetic is exact (decimal, ratio); a score is rounded half up
// (四舍五入) to 0.01 once, at the end — except where a named policy rounds the execution rate
// first (percent_2dp, floor_whole_percent), which is what that policy means.
//
// Policies are bundled in a scoring_profile; `central` (the Ministry of Finance defaults) and
// `hunan_observed` (what the bundled Hunan report's tables do) are built in from
// data/scoring/*.json; any profile can be read from JSON, so a province's rules are data.
//
// Checking a report gives findings (finding.hpp) with rule ids starting with "P." (list in
// docs/scoring.md). A published score that differs from the recomputed one is tried against
// the known policies and the finding says which one reproduces it.
//
// Errors: the scoring functions throw error(invalid_argument) for a negative weight, budget or
// target, error(overflow) when an intermediate does not fit; checking a report never throws
// for content (unreadable cells become findings).
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/export.hpp"
#include "caizheng/finding.hpp"
#include "caizheng/indicator.hpp"
#include "caizheng/percent.hpp"
#include "caizheng/report.hpp"

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng {

// ---- Policies -----------------------------------------------------------------------------------

/// How the 预算执行率 is rounded before it multiplies its 分值 [open]. Stable (CZ_RATE_*).
enum class rate_policy : int {
    exact = 0,                ///< 分值 × 执行数 / 预算数, rounded half up to 0.01 once
    percent_2dp = 1,          ///< rate rounded half up to 0.01 % first, then the score to 0.01
    floor_whole_percent = 2,  ///< rate truncated to a whole percent first (14.98/15 → 99 %)
};
BOOST_DESCRIBE_ENUM(rate_policy, exact, percent_2dp, floor_whole_percent)

/// The 反向 (≤ target) formula for a missed target [open]. Stable (CZ_REVERSE_*).
enum class reverse_formula : int {
    linear = 0,  ///< t < a < 2t → (1 − (a − t) / t) × w; a ≥ 2t → 0 (a provincial system)
    ratio = 1,   ///< a > t → t / a × w (another province's instructions)
};
BOOST_DESCRIBE_ENUM(reverse_formula, linear, ratio)

/// What a 全年预算数 of 0 gives. Stable (CZ_ZERO_BUDGET_*).
enum class zero_budget_policy : int {
    undefined = 0,   ///< no rate, no score: reported (finding P.exec.zero_budget)
    score_zero = 1,  ///< rate undefined (reported), the execution score is 0
};
BOOST_DESCRIBE_ENUM(zero_budget_policy, undefined, score_zero)

/// How a target written without an operator ("95%", "1套") is read [open]. Stable.
enum class bare_target_policy : int {
    at_least = 0,        ///< as ≥ (what tables mean by "100%", "95%")
    equal = 1,           ///< as =
    not_computable = 2,  ///< not scored: cannot verify
};
BOOST_DESCRIBE_ENUM(bare_target_policy, at_least, equal, not_computable)

/// Grade bands on the 总分 (lower bounds inclusive): 优 ≥ excellent, 良 ≥ good, 中 ≥ fair,
/// else 差 [official]: 90 / 80 / 60.
struct grade_bands {
    decimal excellent{90, 0};
    decimal good{80, 0};
    decimal fair{60, 0};
    friend bool operator==(const grade_bands&, const grade_bands&) = default;
};
BOOST_DESCRIBE_STRUCT(grade_bands, (), (excellent, good, fair))

/// Qualitative tiers as percent of 分值 (lower bounds inclusive) [official]: 达成 80–100 %,
/// 部分达成 60–<80 %, 未达成 <60 %.
struct tier_bands {
    decimal achieved{80, 0};
    decimal partial{60, 0};
    friend bool operator==(const tier_bands&, const tier_bands&) = default;
};
BOOST_DESCRIBE_STRUCT(tier_bands, (), (achieved, partial))

/// A bundle of scoring rules. Describable in JSON (profile_from_json); fields only ever added.
struct scoring_profile {
    std::string name;         ///< "central"
    std::string description;  ///< one line, with the sources
    rate_policy rate = rate_policy::exact;
    bool cap_rate = true;  ///< rate > 100 % counts as 100 % (the excess is reported either way)
    zero_budget_policy zero_budget = zero_budget_policy::undefined;
    reverse_formula reverse = reverse_formula::linear;
    bare_target_policy bare_target = bare_target_policy::at_least;
    /// An actual written as a bound that implies the target ("≥99.9%" against "≥99.9%",
    /// "2000余册" against "≥2000册") counts as met [practice].
    bool bound_actual_met = true;
    /// 成本指标 is a first-level group of its own (Hunan, 财预〔2021〕101号) rather than part of
    /// 产出 (Sichuan, Anhui). Decides the group summary and finding P.group.cost.
    bool cost_first_level = true;
    grade_bands grades;
    tier_bands tiers;
    decimal total_weight{100, 0};  ///< Σ 分值 a table must have
    /// Actual ≥ this percent of the target needs a 偏差原因 (some provinces: 130); nullopt = off.
    std::optional<decimal> deviation_reason_above;
    /// A missed target needs a 偏差原因 (some provinces).
    bool deviation_reason_below = false;
    /// An execution rate below this percent needs a reason (Sichuan: 90); nullopt = off.
    std::optional<decimal> low_rate_reason_below;
    friend bool operator==(const scoring_profile&, const scoring_profile&) = default;
};
BOOST_DESCRIBE_STRUCT(scoring_profile, (), (name, description, rate, cap_rate, zero_budget, reverse,
                                            bare_target, bound_actual_met, cost_first_level, grades,
                                            tiers, total_weight, deviation_reason_above,
                                            deviation_reason_below, low_rate_reason_below))

/// A built-in profile by name ("central", "hunan_observed"); error(not_found) otherwise.
/// The reference is to static storage, valid for the life of the process.
[[nodiscard]] CAIZHENG_CXX_API const scoring_profile& builtin_profile(std::string_view name);
/// The Ministry defaults (builtin_profile("central")).
[[nodiscard]] CAIZHENG_CXX_API const scoring_profile& central_profile();
/// Names of the built-in profiles, in a stable order.
[[nodiscard]] CAIZHENG_CXX_API std::vector<std::string> builtin_profile_names();
/// Read a profile from JSON: an object with the members of scoring_profile (decimals as
/// strings "90" or numbers written as integers, enums by name). Missing members take the value
/// of `base` (central when omitted); a "base" member names a built-in profile to start from.
/// Unknown members and bad values throw error(parse_error) listing every problem with its path.
[[nodiscard]] CAIZHENG_CXX_API scoring_profile profile_from_json(std::string_view json);
/// The profile as JSON (every member; decimals as strings).
[[nodiscard]] CAIZHENG_CXX_API std::string profile_to_json(const scoring_profile& p,
                                                           bool pretty = false);

// ---- Execution rate -----------------------------------------------------------------------------

/// Execution rate and score of one table.
struct execution_result {
    bool defined = false;              ///< false when 全年预算数 is 0 (rate undefined)
    std::optional<decimal> exact_rate;  ///< 执行数 / 预算数 × 100 rounded half up to 4 places
                                        ///< (for display; the score uses the exact ratio)
    std::optional<decimal> rate;        ///< percent the policy scores with (after the cap)
    std::optional<decimal> score;       ///< 0.01; nullopt when undefined and not score_zero
    bool capped = false;                ///< rate > 100 % was capped
    std::optional<decimal> excess;      ///< 执行数 − 预算数 when positive
    friend bool operator==(const execution_result&, const execution_result&) = default;
};
BOOST_DESCRIBE_STRUCT(execution_result, (), (defined, exact_rate, rate, score, capped, excess))

/// Score the execution rate: rate = executed / budget (全年预算数), score = weight × rate
/// under `policy`, capped at 100 % when `cap`. budget == 0: defined = false, score 0 under
/// zero_budget_policy::score_zero, else nullopt. Throws error(invalid_argument) for a negative
/// budget, executed amount or weight.
[[nodiscard]] CAIZHENG_CXX_API execution_result score_execution(
    const decimal& budget, const decimal& executed, const decimal& weight, rate_policy policy,
    bool cap = true, zero_budget_policy zero_budget = zero_budget_policy::undefined);
/// The same with the profile's policies.
[[nodiscard]] CAIZHENG_CXX_API execution_result score_execution(const decimal& budget,
                                                                const decimal& executed,
                                                                const decimal& weight,
                                                                const scoring_profile& profile);

// ---- Indicator formulas ([practice], docs/scoring.md) ---------------------------------------------

/// 正向 (≥ t): a ≥ t → w; else a / t × w; t = 0 → w. Half up to 0.01. Throws
/// error(invalid_argument) for a negative a, t or w.
[[nodiscard]] CAIZHENG_CXX_API decimal score_positive(const decimal& actual, const decimal& target,
                                                      const decimal& weight);
/// 反向 (≤ t): a ≤ t → w; else by `formula` (linear: (1 − (a − t)/t) × w, 0 from a ≥ 2t;
/// ratio: t / a × w). t = 0 → w if a ≤ 0 else 0. Half up to 0.01.
[[nodiscard]] CAIZHENG_CXX_API decimal score_reverse(const decimal& actual, const decimal& target,
                                                     const decimal& weight, reverse_formula formula);
/// 等于 (= t): t = 0 → w if a ≤ 0 else 0; otherwise as 正向. Half up to 0.01.
[[nodiscard]] CAIZHENG_CXX_API decimal score_equal(const decimal& actual, const decimal& target,
                                                   const decimal& weight);

/// How an indicator is scored. Stable (CZ_METHOD_*).
enum class indicator_method : int {
    positive = 0,      ///< 正向 (≥)
    reverse = 1,       ///< 反向 (≤)
    equal = 2,         ///< 等于 (=)
    qualitative = 3,   ///< 定性: band check only
    unverifiable = 4,  ///< has numbers but cannot be scored (reason)
};
BOOST_DESCRIBE_ENUM(indicator_method, positive, reverse, equal, qualitative, unverifiable)

/// Qualitative tiers. Stable (CZ_TIER_*).
enum class tier : int {
    achieved = 0,      ///< 达成
    partial = 1,       ///< 部分达成
    not_achieved = 2,  ///< 未达成
};
BOOST_DESCRIBE_ENUM(tier, achieved, partial, not_achieved)

/// The tier a score implies: score / weight × 100 against the bands. error(invalid_argument)
/// for weight ≤ 0 or a score outside [0, weight].
[[nodiscard]] CAIZHENG_CXX_API tier tier_of(const decimal& score, const decimal& weight,
                                            const tier_bands& bands = {});

/// One indicator scored.
struct indicator_result {
    indicator_method method = indicator_method::unverifiable;
    indicator_value target;
    indicator_value actual;
    std::optional<decimal> score;  ///< expected 得分 (0.01), nullopt when not computable
    bool met = false;              ///< the target is met (quantitative only)
    bool by_bound = false;  ///< met because the actual is written as a bound implying the target
    std::optional<decimal> achievement;  ///< a / t × 100, half up to 2 places, when t > 0 and it fits a decimal
    std::string reason;  ///< English: how it was scored, or why it cannot be
    friend bool operator==(const indicator_result&, const indicator_result&) = default;
};
BOOST_DESCRIBE_STRUCT(indicator_result, (), (method, target, actual, score, met, by_bound,
                                             achievement, reason))

/// Score one indicator from its target and actual texts and 分值 under the profile.
[[nodiscard]] CAIZHENG_CXX_API indicator_result score_indicator(std::string_view target,
                                                                std::string_view actual,
                                                                const decimal& weight,
                                                                const scoring_profile& profile);
[[nodiscard]] CAIZHENG_CXX_API indicator_result score_indicator(const indicator_value& target,
                                                                const indicator_value& actual,
                                                                const decimal& weight,
                                                                const scoring_profile& profile);

// ---- Grades -------------------------------------------------------------------------------------

/// Grades. Stable (CZ_GRADE_*).
enum class grade : int {
    excellent = 0,  ///< 优
    good = 1,       ///< 良
    fair = 2,       ///< 中
    poor = 3,       ///< 差
};
BOOST_DESCRIBE_ENUM(grade, excellent, good, fair, poor)

/// The grade of a 总分 (90.00 优, 89.99 良, 80 良, 60 中, 59.99 差 by default).
[[nodiscard]] CAIZHENG_CXX_API grade grade_of(const decimal& total, const grade_bands& bands = {});
/// "优", "良", "中", "差".
[[nodiscard]] CAIZHENG_CXX_API const char* grade_zh(grade g) noexcept;
/// Stable English names ("floor_whole_percent", "excellent"…), "unknown" when invalid.
[[nodiscard]] CAIZHENG_CXX_API const char* rate_policy_name(rate_policy p) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* grade_name(grade g) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* indicator_method_name(indicator_method m) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* tier_name(tier t) noexcept;

// ---- Checking published tables --------------------------------------------------------------------

/// Σ 分值 and Σ 得分 of one first-level group (产出 / 效益 / 满意度 / 成本, 成本 folded into
/// 产出 when the profile says so).
struct group_total {
    std::string name;  ///< level1 as printed ("产出指标")
    decimal weight;
    decimal published_score;
    friend bool operator==(const group_total&, const group_total&) = default;
};
BOOST_DESCRIBE_STRUCT(group_total, (), (name, weight, published_score))

/// One 项目支出绩效自评表 recomputed.
struct project_score {
    std::string project;
    source_location source;
    execution_result execution;                 ///< under the profile
    std::vector<rate_policy> rate_reproduced_by;  ///< policies whose score equals the printed 得分
    std::vector<indicator_result> indicators;   ///< one per table indicator, same order
    std::vector<group_total> groups;
    std::optional<decimal> published_total;     ///< the 总分 row (nullopt when missing)
    std::optional<decimal> published_sum;       ///< Σ printed 得分 (execution + indicators)
    /// Execution score under the profile + Σ indicator scores (recomputed where computable,
    /// else as printed). nullopt when a needed number is missing.
    std::optional<decimal> recomputed_total;
    std::optional<grade> published_grade;       ///< of published_total (or published_sum)
    std::optional<grade> recomputed_grade;
    std::vector<finding> findings;
    friend bool operator==(const project_score&, const project_score&) = default;
};
BOOST_DESCRIBE_STRUCT(project_score, (), (project, source, execution, rate_reproduced_by,
                                          indicators, groups, published_total, published_sum,
                                          recomputed_total, published_grade, recomputed_grade,
                                          findings))

/// Recompute one table under the profile and check it (rules P.exec.*, P.funding.*,
/// P.weights.*, P.score.*, P.total.*, P.indicator.*, P.group.*).
[[nodiscard]] CAIZHENG_CXX_API project_score score_project(const project_evaluation& p,
                                                           const scoring_profile& profile);

/// A project score or spending quoted in the prose (自评报告: "项目支出 14.97 万元 …
/// 绩效自评得分 99.99 分"), matched to a table by name.
struct text_claim {
    std::string name;                      ///< the project as the prose names it
    std::optional<std::size_t> project;    ///< index into report.annex.projects, when matched
    std::optional<decimal> spending;       ///< 项目支出 … 万元
    std::optional<decimal> score;          ///< 绩效自评得分 … 分, places as written
    std::string text;                      ///< the sentence(s)
    source_location source;
    friend bool operator==(const text_claim&, const text_claim&) = default;
};
BOOST_DESCRIBE_STRUCT(text_claim, (), (name, project, spending, score, text, source))

/// 部门整体支出 indicators from the 基础数据表 (财预〔2013〕53号), percent, half up to 2 places.
struct overall_indicators {
    std::optional<decimal> staff_control_rate;         ///< 在职人员数 / 编制数 × 100
    std::optional<decimal> staff_control_printed;      ///< as printed ("110.00%")
    std::optional<decimal> three_public_change_rate;   ///< (本年决算 − 上年决算) / 上年决算 × 100
    std::optional<decimal> three_public_control_rate;  ///< 本年决算 / 本年预算 × 100
    friend bool operator==(const overall_indicators&, const overall_indicators&) = default;
};
BOOST_DESCRIBE_STRUCT(overall_indicators, (), (staff_control_rate, staff_control_printed,
                                               three_public_change_rate, three_public_control_rate))

/// Everything the 绩效 check found.
struct performance_review {
    std::string profile;  ///< name of the profile used
    std::vector<project_score> projects;  ///< one per 自评表, report order
    std::vector<text_claim> claims;
    overall_indicators overall;
    std::vector<finding> findings;  ///< all findings: per project, cross-document, 基础数据表
    friend bool operator==(const performance_review&, const performance_review&) = default;
};
BOOST_DESCRIBE_STRUCT(performance_review, (), (profile, projects, claims, overall, findings))

/// Review the 绩效 annex of a report under the profile. Never throws for content.
[[nodiscard]] CAIZHENG_CXX_API performance_review review_performance(const report& r,
                                                                     const scoring_profile& profile);
/// The findings of review_performance — the entry point of the reconciliation engine.
[[nodiscard]] CAIZHENG_CXX_API std::vector<finding> check_performance(const report& r,
                                                                      const scoring_profile& profile);
/// The review as JSON (Boost.Describe names; decimals as strings; enums by name).
[[nodiscard]] CAIZHENG_CXX_API std::string review_to_json(const performance_review& review,
                                                          bool pretty = false);

}  // namespace caizheng
