/* caizheng C API — 绩效自评 scoring. Included by caizheng.h; do not include directly.
 *
 * Formulas, policies and their sources: docs/scoring.md. Decimals cross as (int64_t mantissa,
 * int32_t scale); scores come back as int64_t hundredths (9.99 分 = 999), rounded half up once.
 *
 * Profiles: cz_scoring_profile_builtin() gives the SHARED read-only handle of a built-in
 * profile ("central", "hunan_observed"): static storage, never freed (cz_scoring_profile_free
 * ignores it). cz_scoring_profile_from_json() gives an OWNED handle, freed with
 * cz_scoring_profile_free(). Wherever a `const cz_scoring_profile*` is taken, NULL means
 * "central". Profiles are immutable: any number of threads may use one handle at once.
 *
 * Thread safety: every function here is pure (no shared mutable state) and may be called from
 * any number of threads at once; the built-in profiles are initialized once, thread-safely.
 */
#ifndef CAIZHENG_CAPI_SCORING_H
#define CAIZHENG_CAPI_SCORING_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cz_scoring_profile cz_scoring_profile;

/* Execution-rate policies (how the rate is rounded before it multiplies its 分值). */
#define CZ_RATE_EXACT 0               /**< 分值 × 执行数 / 预算数, rounded once */
#define CZ_RATE_PERCENT_2DP 1         /**< rate rounded to 0.01 % first */
#define CZ_RATE_FLOOR_WHOLE_PERCENT 2 /**< rate truncated to a whole percent first */

/* 反向 formula for a missed ≤ target. */
#define CZ_REVERSE_LINEAR 0 /**< (1 − (a − t)/t) × w, 0 from a ≥ 2t */
#define CZ_REVERSE_RATIO 1  /**< t / a × w */

/* A 全年预算数 of 0. */
#define CZ_ZERO_BUDGET_UNDEFINED 0  /**< no score */
#define CZ_ZERO_BUDGET_SCORE_ZERO 1 /**< score 0 */

/* Comparison written with a target/actual value. */
#define CZ_CMP_NONE 0
#define CZ_CMP_AT_LEAST 1 /**< ≥, 余/多, 以上 */
#define CZ_CMP_AT_MOST 2  /**< ≤, 以下/以内 */
#define CZ_CMP_EQUAL 3
#define CZ_CMP_GREATER 4
#define CZ_CMP_LESS 5

/* What a target/actual text is. */
#define CZ_VALUE_NUMBER 0
#define CZ_VALUE_QUALITATIVE 1
#define CZ_VALUE_NOT_COMPUTABLE 2
#define CZ_VALUE_EMPTY 3

/* How an indicator is scored. */
#define CZ_METHOD_POSITIVE 0     /**< 正向 */
#define CZ_METHOD_REVERSE 1      /**< 反向 */
#define CZ_METHOD_EQUAL 2        /**< 等于 */
#define CZ_METHOD_QUALITATIVE 3  /**< 定性: band check only */
#define CZ_METHOD_UNVERIFIABLE 4 /**< cannot be scored (reason given) */

/* Qualitative tiers and grades. */
#define CZ_TIER_ACHIEVED 0     /**< 达成 */
#define CZ_TIER_PARTIAL 1      /**< 部分达成 */
#define CZ_TIER_NOT_ACHIEVED 2 /**< 未达成 */
#define CZ_GRADE_EXCELLENT 0   /**< 优 */
#define CZ_GRADE_GOOD 1        /**< 良 */
#define CZ_GRADE_FAIR 2        /**< 中 */
#define CZ_GRADE_POOR 3        /**< 差 */

/* ---- Profiles ---------------------------------------------------------------------------- */

/** The shared handle of a built-in profile; CZ_ERR_NOT_FOUND for an unknown name. */
CZ_API int32_t cz_scoring_profile_builtin(const char* name, const cz_scoring_profile** out_profile);
/** Names of the built-in profiles, '\n'-separated ("central\nhunan_observed"). */
CZ_API int32_t cz_scoring_profile_names(char** out_names);
/** A profile from JSON (docs/scoring.md: members of scoring_profile, "base" names a built-in
 *  to start from, central by default). CZ_ERR_PARSE listing every problem with its JSON path. */
CZ_API int32_t cz_scoring_profile_from_json(const char* json, cz_scoring_profile** out_profile);
/** The profile as JSON (every member), pretty = 1 indents. NULL profile = central. */
CZ_API int32_t cz_scoring_profile_to_json(const cz_scoring_profile* profile, int32_t pretty,
                                          char** out_json);
/** Free an owned profile. NULL and the built-in handles are ignored. */
CZ_API void cz_scoring_profile_free(cz_scoring_profile* profile);

/* ---- Target / actual text ---------------------------------------------------------------- */

/** Parse a 年度指标值 / 实际完成值 text ("≥2000册", "2000余册", "≤15万元", "95%", "一般").
 *  *out_kind is CZ_VALUE_*; for CZ_VALUE_NUMBER: *out_op CZ_CMP_*, *out_approximate 1 for
 *  余/多, the number in (*out_mantissa, *out_scale) with the places written, *out_unit ("册",
 *  "%", "" …); otherwise *out_op = CZ_CMP_NONE, the number (0, 0), *out_unit "" and *out_reason
 *  says why (English). out_unit and out_reason may be NULL; strings are freed with
 *  cz_string_free(). Never fails for content. */
CZ_API int32_t cz_indicator_parse(const char* text, int32_t* out_kind, int32_t* out_op,
                                  int32_t* out_approximate, int64_t* out_mantissa,
                                  int32_t* out_scale, char** out_unit, char** out_reason);

/* ---- Scoring ------------------------------------------------------------------------------- */

/** Execution-rate score: rate = executed / budget (全年预算数), score = weight × rate under
 *  `policy` (CZ_RATE_*), capped at 100 % when cap != 0, zero budget per `zero_budget`
 *  (CZ_ZERO_BUDGET_*). Outputs: *out_defined (0 when budget is 0), *out_has_score, *out_score
 *  (hundredths), *out_rate (the exact rate in ten-thousandths of a percent: 99.8667 % =
 *  998667; 0 when undefined), *out_capped. out_rate and out_capped may be NULL.
 *  CZ_ERR_INVALID_ARGUMENT for negative inputs. */
CZ_API int32_t cz_execution_score(int64_t budget_mantissa, int32_t budget_scale,
                                  int64_t executed_mantissa, int32_t executed_scale,
                                  int64_t weight_mantissa, int32_t weight_scale, int32_t policy,
                                  int32_t cap, int32_t zero_budget, int32_t* out_defined,
                                  int32_t* out_has_score, int64_t* out_score, int64_t* out_rate,
                                  int32_t* out_capped);

/** A formula alone: method CZ_METHOD_POSITIVE / _REVERSE / _EQUAL with actual a, target t and
 *  分值 w; `reverse` (CZ_REVERSE_*) is used by CZ_METHOD_REVERSE. *out_score in hundredths. */
CZ_API int32_t cz_indicator_formula(int32_t method, int32_t reverse, int64_t actual_mantissa,
                                    int32_t actual_scale, int64_t target_mantissa,
                                    int32_t target_scale, int64_t weight_mantissa,
                                    int32_t weight_scale, int64_t* out_score);

/** Score one indicator from its texts and 分值 under `profile` (NULL = central).
 *  *out_method CZ_METHOD_*; *out_has_score 0 when it cannot be scored (qualitative or not
 *  verifiable); *out_score hundredths; *out_met 1 when the target is met; *out_reason (may be
 *  NULL) how it was scored or why it cannot be. */
CZ_API int32_t cz_indicator_score(const char* target, const char* actual, int64_t weight_mantissa,
                                  int32_t weight_scale, const cz_scoring_profile* profile,
                                  int32_t* out_method, int32_t* out_has_score, int64_t* out_score,
                                  int32_t* out_met, char** out_reason);

/** Grade of a 总分 under the profile's bands (NULL = central): CZ_GRADE_*. */
CZ_API int32_t cz_grade(int64_t total_mantissa, int32_t total_scale,
                        const cz_scoring_profile* profile, int32_t* out_grade);
/** Qualitative tier a score implies (CZ_TIER_*); CZ_ERR_INVALID_ARGUMENT when weight ≤ 0 or
 *  the score is outside [0, weight]. */
CZ_API int32_t cz_tier(int64_t score_mantissa, int32_t score_scale, int64_t weight_mantissa,
                       int32_t weight_scale, const cz_scoring_profile* profile, int32_t* out_tier);

/* ---- Reviewing a report ----------------------------------------------------------------- */

/** Import a report from its text (`length` bytes, -1 = NUL-terminated) and review its 绩效
 *  annex under `profile` (NULL = central). *out_json: the review as JSON — {"profile",
 *  "projects":[{project, execution, rate_reproduced_by, indicators, groups, published_total,
 *  published_sum, recomputed_total, published_grade, recomputed_grade, findings}…], "claims",
 *  "overall", "findings"} with decimals as strings (docs/scoring.md). */
CZ_API int32_t cz_performance_review_text(const char* text, int64_t length,
                                          const cz_scoring_profile* profile, int32_t pretty,
                                          char** out_json);

/** The same for a report already loaded (cz_report, see report.h). */
CZ_API int32_t cz_performance_review(const struct cz_report* report,
                                     const cz_scoring_profile* profile, int32_t pretty,
                                     char** out_json);

#ifdef __cplusplus
}
#endif

#endif /* CAIZHENG_CAPI_SCORING_H */
