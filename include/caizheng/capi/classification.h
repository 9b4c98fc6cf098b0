/* caizheng C API — classification catalogs (政府收支分类科目). Included by caizheng.h; do not
 * include directly.
 *
 * A cz_catalog is one tree (CZ_TREE_*) for one year. It is immutable: every function taking a
 * `const cz_catalog*` may be called from any number of threads at once on the same handle.
 * Thread safety: any number of threads at once, on the same or different handles (catalogs
 * are immutable), except cz_catalog_free().
 *
 * Handles:
 *  - cz_catalog_embedded() gives the SHARED read-only handle of an embedded catalog: static
 *    storage, valid for the life of the process, never freed (cz_catalog_free ignores it).
 *  - cz_catalog_embedded_copy(), cz_catalog_load_csv() and cz_catalog_load_csv_file() give an
 *    OWNED handle, freed with cz_catalog_free().
 *
 * Codes are UTF-8/ASCII strings ("2010301"). Lists of codes are returned as one string, the
 * codes separated by '\n' in code order ("" for none), freed with cz_string_free(). Amounts are
 * int64_t hundredths (1227.61 万元 = 122761).
 *
 * The embedded 2024 catalogs are partial (docs/classification.md): a well-formed code they do
 * not know is CZ_CODE_UNKNOWN, and a name check on it is CZ_VERDICT_CANNOT_VERIFY.
 */
#ifndef CAIZHENG_CAPI_CLASSIFICATION_H
#define CAIZHENG_CAPI_CLASSIFICATION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cz_catalog cz_catalog;

#define CZ_TREE_FUNCTIONAL 0          /**< 支出功能分类: 类 3 digits, 款 5, 项 7 */
#define CZ_TREE_ECONOMIC_DEPARTMENT 1 /**< 部门预算支出经济分类: 类 3, 款 5 */
#define CZ_TREE_ECONOMIC_GOVERNMENT 2 /**< 政府预算支出经济分类: 类 3, 款 5 */
#define CZ_TREE_REVENUE 3             /**< 收入分类: 类 3, 款 5, 项 7 */

#define CZ_LEVEL_LEI 1   /**< 类 */
#define CZ_LEVEL_KUAN 2  /**< 款 */
#define CZ_LEVEL_XIANG 3 /**< 项 */

#define CZ_CODE_KNOWN 0     /**< well-formed and in the catalog */
#define CZ_CODE_MALFORMED 1 /**< not a code of this tree */
#define CZ_CODE_UNKNOWN 2   /**< well-formed, not in the catalog */

#define CZ_VERDICT_MATCH 0
#define CZ_VERDICT_MISMATCH 1       /**< *out_expected holds the catalog's text */
#define CZ_VERDICT_CANNOT_VERIFY 2  /**< partial catalog lacks a row needed to decide */
#define CZ_VERDICT_UNKNOWN_CODE 3   /**< complete catalog lacks the code */
#define CZ_VERDICT_MALFORMED_CODE 4

#define CZ_PATH_NARRATIVE 0 /**< "一般公共服务（类）…（款）…（项）": 类 without trailing 支出 */
#define CZ_PATH_CATALOG 1   /**< every name as in the catalog */

/** Pass to cz_catalog_load_csv* to take tree / year / completeness from the file. */
#define CZ_FROM_FILE (-1)

/** The shared handle of the embedded catalog of `tree` for `year` (CZ_ERR_NOT_FOUND when that
 *  year is not embedded). Never freed. Thread-safe. */
CZ_API int32_t cz_catalog_embedded(int32_t tree, int32_t year, const cz_catalog** out_catalog);
/** An owned handle of the same (shares the constant tables); free with cz_catalog_free. */
CZ_API int32_t cz_catalog_embedded_copy(int32_t tree, int32_t year, cz_catalog** out_catalog);
/** Load a catalog from CSV text (`length` bytes; -1 = NUL-terminated) in the format of
 *  docs/classification.md. tree, year, complete: CZ_FROM_FILE or a value that must agree with
 *  the file's "# tree:" / "# year:" / "# complete:" lines (complete: 1 yes, 0 no; default yes).
 *  `base` (may be NULL): load on top of it — same tree and year; the file's rows are added or
 *  rename base rows. Errors: CZ_ERR_PARSE or CZ_ERR_INCONSISTENT, cz_last_error() listing every
 *  problem as "line N: …"; CZ_ERR_INVALID_ARGUMENT when tree or year is unknown. */
CZ_API int32_t cz_catalog_load_csv(const char* text, int64_t length, int32_t tree, int32_t year,
                                   int32_t complete, const cz_catalog* base, cz_catalog** out_catalog);
/** The same from a file (CZ_ERR_IO when it cannot be read). */
CZ_API int32_t cz_catalog_load_csv_file(const char* path, int32_t tree, int32_t year, int32_t complete,
                                        const cz_catalog* base, cz_catalog** out_catalog);
/** Free an owned handle. NULL and the shared embedded handles are ignored. Thread safety: no
 *  other call may use this handle during or after it (other handles are unaffected). */
CZ_API void cz_catalog_free(cz_catalog* catalog);

/** Tree, year, whether it claims to be complete (1/0), and the number of rows. Any output
 *  pointer may be NULL. */
CZ_API int32_t cz_catalog_info(const cz_catalog* catalog, int32_t* out_tree, int32_t* out_year,
                               int32_t* out_complete, int64_t* out_size);
/** Rows at one level (CZ_LEVEL_*). */
CZ_API int32_t cz_catalog_count(const cz_catalog* catalog, int32_t level, int64_t* out_count);

/** Look up a code: *out_status is CZ_CODE_*; *out_level the level its digits give (0 when
 *  malformed); *out_name the name when known, else NULL. out_level and out_name may be NULL. */
CZ_API int32_t cz_catalog_lookup(const cz_catalog* catalog, const char* code, int32_t* out_status,
                                 int32_t* out_level, char** out_name);
/** The row at `index` in code order (0 <= index < size). Outputs may be NULL. */
CZ_API int32_t cz_catalog_at(const cz_catalog* catalog, int64_t index, char** out_code,
                             char** out_name, int32_t* out_level);
/** Index range [first, last) of `code` and every known row below it, for cz_catalog_at. */
CZ_API int32_t cz_catalog_subtree_range(const cz_catalog* catalog, const char* code,
                                        int64_t* out_first, int64_t* out_last);
/** Known rows one level below `code`, '\n'-separated. */
CZ_API int32_t cz_catalog_children(const cz_catalog* catalog, const char* code, char** out_codes);
/** Parent code from the digits alone ("2010301" → "20103", a 类 → ""); CZ_ERR_PARSE when
 *  malformed. Pure; thread-safe. */
CZ_API int32_t cz_code_parent(int32_t tree, const char* code, char** out_parent);

/** Full path "一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）" (style CZ_PATH_*);
 *  CZ_ERR_NOT_FOUND naming the first row the catalog lacks. */
CZ_API int32_t cz_catalog_path_name(const cz_catalog* catalog, const char* code, int32_t style,
                                    char** out_path);
/** Does a narrative path refer to `code`? Whitespace/line breaks, half-width brackets, a leading
 *  "1、" and a trailing "。" are tolerated, and the 类 name may carry or drop its 支出.
 *  *out_verdict is CZ_VERDICT_*; *out_expected (may be NULL) the catalog's path, "" if unknown. */
CZ_API int32_t cz_catalog_match_path(const cz_catalog* catalog, const char* code, const char* text,
                                     int32_t* out_verdict, char** out_expected);
/** Codes whose path is `text`, '\n'-separated ("" when none). */
CZ_API int32_t cz_catalog_resolve_path(const cz_catalog* catalog, const char* text, char** out_codes);
/** Codes whose name is exactly `name`, '\n'-separated. */
CZ_API int32_t cz_catalog_find_by_name(const cz_catalog* catalog, const char* name, char** out_codes);
/** Codes whose name contains `fragment`, '\n'-separated. */
CZ_API int32_t cz_catalog_find_containing(const cz_catalog* catalog, const char* fragment,
                                          char** out_codes);
/** Check a report row ("2101101", "行政单位医疗"): *out_verdict CZ_VERDICT_*; *out_expected
 *  (may be NULL) the catalog's name, "" when unknown. Whitespace and bracket width ignored. */
CZ_API int32_t cz_catalog_check_name(const cz_catalog* catalog, const char* code, const char* name,
                                     int32_t* out_verdict, char** out_expected);
/** Differences from `older` to `newer` (same tree) as JSON:
 *  {"added":[{"code","name"}…],"removed":[…],"renamed":[{"code","old_name","new_name"}…]}. */
CZ_API int32_t cz_catalog_compare(const cz_catalog* older, const cz_catalog* newer, char** out_json);

/** 部门预算 款 → 政府预算 款 of the embedded correspondence ("30101" → "50101"; "" when the
 *  partial table does not list it). */
CZ_API int32_t cz_economic_government_for(int32_t year, const char* department_code, char** out_code);
/** 政府预算 款 → its 部门预算 款, '\n'-separated. */
CZ_API int32_t cz_economic_departments_for(int32_t year, const char* government_code,
                                           char** out_codes);

/** Roll amounts keyed by code (项, or any level) up to 款 and 类, exactly. Result as JSON, in
 *  code order: [{"code":"201","level":1,"amount":117100,"rows":4}, …] with amounts in hundredths.
 *  CZ_ERR_PARSE for a malformed code, CZ_ERR_INCONSISTENT for a repeated code or a code given
 *  with one of its ancestors, CZ_ERR_OVERFLOW when a total does not fit. Pure; thread-safe. */
CZ_API int32_t cz_classification_roll_up(int32_t tree, const char* const* codes, const int64_t* amounts,
                                         int64_t count, char** out_json);

#ifdef __cplusplus
}
#endif

#endif /* CAIZHENG_CAPI_CLASSIFICATION_H */
