/* caizheng C API — reconciliation. Included by caizheng.h; do not include directly.
 *
 * A cz_reconciler holds options and user formula rules; cz_reconciler_run() checks a
 * cz_report (capi/report.h) and gives a cz_findings: the findings, read by index with the
 * accessors below, and rendered as text, JSON or HTML. Amounts come as exact decimal strings
 * ("17.30"; NULL when absent), never as binary floating point.
 *
 * Thread safety: a cz_reconciler may be used by cz_reconciler_run from several threads at
 * once; cz_reconciler_add_rules must not overlap with other calls on the same reconciler.
 * A cz_findings is immutable: any number of threads may read it at once. Different handles are
 * independent.
 */
#ifndef CAIZHENG_CAPI_RECONCILE_H
#define CAIZHENG_CAPI_RECONCILE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cz_reconciler cz_reconciler;
typedef struct cz_findings cz_findings;
struct cz_report;

/* Severity of a finding (caizheng::severity). */
#define CZ_SEVERITY_ERROR 0
#define CZ_SEVERITY_WARNING 1
#define CZ_SEVERITY_TAIL_DIFFERENCE 2
#define CZ_SEVERITY_UNCHECKED 3
#define CZ_SEVERITY_INFO 4

/* Rule families (caizheng::rule_family). */
#define CZ_FAMILY_TABLE 0
#define CZ_FAMILY_CROSS_TABLE 1
#define CZ_FAMILY_CODES 2
#define CZ_FAMILY_NARRATIVE 3
#define CZ_FAMILY_PERFORMANCE 4
#define CZ_FAMILY_USER 5
#define CZ_FAMILY_DOCUMENT 6

/* Output formats of cz_findings_render. */
#define CZ_RENDER_TEXT 0
#define CZ_RENDER_JSON 1
#define CZ_RENDER_HTML 2

/* Message languages (text and HTML). */
#define CZ_LANG_BOTH 0
#define CZ_LANG_ZH 1
#define CZ_LANG_EN 2

/** A reconciler with the default options (every built-in family, scoring profile "central"). */
CZ_API int32_t cz_reconciler_new(cz_reconciler** out_reconciler);
CZ_API void cz_reconciler_free(cz_reconciler* reconciler);
/** Add user rules in the rules format of docs/formulas.md (UTF-8). CZ_ERR_PARSE with the line
 *  and column in cz_last_error() when the text is bad; the reconciler is then unchanged. */
CZ_API int32_t cz_reconciler_add_rules(cz_reconciler* reconciler, const char* rules_text);
/** Disable a rule id, or a prefix ending in '*' ("basic.*"). */
CZ_API int32_t cz_reconciler_disable_rule(cz_reconciler* reconciler, const char* rule_id);
/** The scoring profile of the 绩效 family ("central", "hunan_observed"). */
CZ_API int32_t cz_reconciler_set_scoring_profile(cz_reconciler* reconciler, const char* name);

/** Reconcile a report. *out_findings is freed with cz_findings_free. */
CZ_API int32_t cz_reconciler_run(const cz_reconciler* reconciler, const struct cz_report* report,
                                 cz_findings** out_findings);
/** Reconcile `count` reports on `threads` threads (0 = all cores); out_findings[i] belongs to
 *  reports[i]. On failure no output is written. */
CZ_API int32_t cz_reconciler_run_batch(const cz_reconciler* reconciler, const struct cz_report* const* reports,
                                       int64_t count, int32_t threads, cz_findings** out_findings);
CZ_API void cz_findings_free(cz_findings* findings);

/** Number of findings, and the count of one severity. */
CZ_API int32_t cz_findings_count(const cz_findings* findings, int64_t* out_count);
CZ_API int32_t cz_findings_count_severity(const cz_findings* findings, int32_t severity, int64_t* out_count);
/** Rules that ran. */
CZ_API int32_t cz_findings_rules_evaluated(const cz_findings* findings, int64_t* out_count);

/** Finding `index` (0-based): rule id (string, free with cz_string_free), severity
 *  (CZ_SEVERITY_*), family (CZ_FAMILY_*), and the index of its root cause (−1 if none).
 *  Any output pointer may be NULL. */
CZ_API int32_t cz_finding_info(const cz_findings* findings, int64_t index, char** out_rule,
                               int32_t* out_severity, int32_t* out_family, int64_t* out_cause);
/** Messages in Chinese and in English (each may be NULL). */
CZ_API int32_t cz_finding_messages(const cz_findings* findings, int64_t index, char** out_zh, char** out_en);
/** Figures as exact decimal strings; an absent figure gives NULL. unit: "万元", "元", "%"… */
CZ_API int32_t cz_finding_figures(const cz_findings* findings, int64_t index, char** out_expected,
                                  char** out_found, char** out_difference, char** out_bound, char** out_unit);
/** Number of locations of a finding (the first is the primary place). */
CZ_API int32_t cz_finding_location_count(const cz_findings* findings, int64_t index, int64_t* out_count);
/** A location: table kind (CZ_TABLE_*, −1 for none), row key (code, "#行次" or name), row name,
 *  column (栏次, 0 if none), source line (0 if none). Any output pointer may be NULL. */
CZ_API int32_t cz_finding_location(const cz_findings* findings, int64_t index, int64_t location,
                                   int32_t* out_table, char** out_row, char** out_row_name,
                                   int32_t* out_column, int32_t* out_line);
/** Where a location is printed when the report was imported from a PDF: *out_has_box = 0 if
 *  not; else 1-based page and box in hundredths of a point (origin top-left, y downwards).
 *  Any output pointer may be NULL. */
CZ_API int32_t cz_finding_location_box(const cz_findings* findings, int64_t index, int64_t location,
                                       int32_t* out_has_box, int32_t* out_page, int64_t* out_x0,
                                       int64_t* out_y0, int64_t* out_x1, int64_t* out_y1);

/** Render: CZ_RENDER_TEXT / JSON / HTML, language CZ_LANG_* (ignored by JSON). The report must
 *  be the one that was reconciled (tables are drawn from it). */
CZ_API int32_t cz_findings_render(const cz_findings* findings, const struct cz_report* report, int32_t format,
                                  int32_t language, char** out_text);

/** The built-in rule catalog as JSON: [{"id", "family", "severity", "description_zh",
 *  "description_en", "check", "is_formula"}]. */
CZ_API int32_t cz_reconcile_rules_json(char** out_json);

#ifdef __cplusplus
}
#endif

#endif /* CAIZHENG_CAPI_RECONCILE_H */
