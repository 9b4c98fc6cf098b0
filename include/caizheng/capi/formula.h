/* caizheng C API — audit formulas (审核公式): checking a formula or a rules text before use.
 * Included by caizheng.h; do not include directly. Language: docs/formulas.md. Evaluating
 * formulas against a report is part of reconciliation (its C API adds formula rules to a
 * reconciler).
 *
 * Thread safety: every function here is pure and may be called from any number of threads.
 */
#ifndef CAIZHENG_CAPI_FORMULA_H
#define CAIZHENG_CAPI_FORMULA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Check one formula's syntax (UTF-8). Returns CZ_OK when the check ran: *out_valid = 1 when
 *  the formula parses, else 0 with *out_position = byte offset of the error, *out_column =
 *  1-based character column and *out_message = the message ("expected ']' after row selector,
 *  found '.' at character 7"), freed with cz_string_free(). When valid: position −1, column 0,
 *  message NULL. out_position, out_column and out_message may be NULL; out_valid may not.
 *  CZ_ERR_INVALID_ARGUMENT for NULL text or out_valid. */
CZ_API int32_t cz_formula_check(const char* text, int32_t* out_valid, int64_t* out_position,
                                int32_t* out_column, char** out_message);

/** Check a rules text (blocks of `id:`, `severity:`, `zh:`, `en:`, `formula:` lines). Like
 *  cz_formula_check; when valid *out_rule_count = number of rules; when not, *out_line and
 *  *out_column locate the error in the text (1-based) and the message starts with
 *  "rules line L, column C: ". Any output but out_valid may be NULL. */
CZ_API int32_t cz_formula_rules_check(const char* text, int32_t* out_valid, int64_t* out_rule_count,
                                      int64_t* out_line, int32_t* out_column, char** out_message);

/** The built-in rules text (data/rules/builtin.formulas, embedded at build time). *out_text is
 *  freed with cz_string_free(). */
CZ_API int32_t cz_formula_builtin_rules(char** out_text);

#ifdef __cplusplus
}
#endif

#endif /* CAIZHENG_CAPI_FORMULA_H */
