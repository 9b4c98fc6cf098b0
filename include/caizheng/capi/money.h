/* caizheng C API — exact money. Included by caizheng.h; do not include directly.
 *
 * Amounts: int64_t hundredths of their unit. Decimals: (int64_t mantissa, int32_t scale).
 * Rounding: a CZ_ROUND_* mode, or CZ_ROUND_NONE to demand an exact result (CZ_ERR_INEXACT
 * when a digit would be lost). Thread safety: every function here is pure and may be called
 * from any number of threads at once.
 */
#ifndef CAIZHENG_CAPI_MONEY_H
#define CAIZHENG_CAPI_MONEY_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CZ_UNIT_YUAN 0     /**< 元 */
#define CZ_UNIT_WAN_YUAN 1 /**< 万元 */
#define CZ_UNIT_YI_YUAN 2  /**< 亿元 */

#define CZ_ROUND_NONE (-1)                /**< exact or CZ_ERR_INEXACT */
#define CZ_ROUND_HALF_AWAY_FROM_ZERO 0    /**< 四舍五入, the default */
#define CZ_ROUND_HALF_EVEN 1
#define CZ_ROUND_HALF_DOWN 2
#define CZ_ROUND_TOWARD_ZERO 3
#define CZ_ROUND_AWAY_FROM_ZERO 4
#define CZ_ROUND_FLOOR 5
#define CZ_ROUND_CEILING 6

/** Parse a published amount ("1,227.61", "1, 227. 61", "１２３．４５", "（5.00）") to hundredths.
 *  Empty markers ("", "-", "—", "－") set *out_is_empty = 1 and *out_value = 0. More than two
 *  places: rounded by `rounding`, or CZ_ERR_INEXACT with CZ_ROUND_NONE. */
CZ_API int32_t cz_amount_parse(const char* text, int32_t rounding, int64_t* out_value,
                               int32_t* out_is_empty);
/** Format hundredths as "1227.61" (grouped = 0) or "1,227.61" (grouped = 1); always two places.
 *  *out_text is freed with cz_string_free(). */
CZ_API int32_t cz_amount_format(int64_t value, int32_t grouped, char** out_text);
/** Convert between CZ_UNIT_* (e.g. 元 → 万元 divides by 10^4 and rounds once). */
CZ_API int32_t cz_amount_convert(int64_t value, int32_t from_unit, int32_t to_unit,
                                 int32_t rounding, int64_t* out_value);
/** a + b, a − b, −a, exact; CZ_ERR_OVERFLOW instead of wrapping. */
CZ_API int32_t cz_amount_add(int64_t a, int64_t b, int64_t* out_value);
CZ_API int32_t cz_amount_sub(int64_t a, int64_t b, int64_t* out_value);
CZ_API int32_t cz_amount_neg(int64_t a, int64_t* out_value);
/** Exact sum of `count` amounts (partial sums may exceed the range; only the total must fit). */
CZ_API int32_t cz_amount_sum(const int64_t* values, int64_t count, int64_t* out_value);
/** a × k (exact); a ÷ k rounded once. */
CZ_API int32_t cz_amount_mul_int(int64_t a, int64_t k, int64_t* out_value);
CZ_API int32_t cz_amount_div_int(int64_t a, int64_t k, int32_t rounding, int64_t* out_value);
/** a × (m·10^−s) and a ÷ (m·10^−s), rounded once to two places. */
CZ_API int32_t cz_amount_mul_decimal(int64_t a, int64_t mantissa, int32_t scale, int32_t rounding,
                                     int64_t* out_value);
CZ_API int32_t cz_amount_div_decimal(int64_t a, int64_t mantissa, int32_t scale, int32_t rounding,
                                     int64_t* out_value);
/** a × b ÷ c computed exactly, then rounded once to two places. */
CZ_API int32_t cz_amount_mul_div(int64_t a, int64_t b_mantissa, int32_t b_scale, int64_t c_mantissa,
                                 int32_t c_scale, int32_t rounding, int64_t* out_value);

/** Parse an exact decimal ("12.5", "1,227.615") with the fewest places that hold it: trailing
 *  zeros of the fraction are dropped ("12.50" → (125, 1)); at most 18 significant places. */
CZ_API int32_t cz_decimal_parse(const char* text, int64_t* out_mantissa, int32_t* out_scale);
/** Round (or extend) a decimal to `places` (0..18); the result has scale `places`. */
CZ_API int32_t cz_decimal_round(int64_t mantissa, int32_t scale, int32_t places, int32_t rounding,
                                int64_t* out_mantissa);
/** Format a decimal with exactly `scale` places; freed with cz_string_free(). */
CZ_API int32_t cz_decimal_format(int64_t mantissa, int32_t scale, char** out_text);
/** Parse "12.5万元", "3亿元", "1,227.61元" into a decimal and a CZ_UNIT_*. */
CZ_API int32_t cz_quantity_parse(const char* text, int64_t* out_mantissa, int32_t* out_scale,
                                 int32_t* out_unit);
/** Parse "95.39%" / "101％" / "95.30%" into the number of percent with the places written,
 *  trailing zeros kept ("95.30%" → (9530, 2)): the precision the claim states. */
CZ_API int32_t cz_percent_parse(const char* text, int64_t* out_mantissa, int32_t* out_scale);

#define CZ_PERCENT_SHARE 0      /**< a / b × 100 (占比: part, whole) */
#define CZ_PERCENT_CHANGE 1     /**< (a − b) / b × 100 (增减率: current, previous) */
#define CZ_PERCENT_COMPLETION 2 /**< a / b × 100 (完成率: actual, budget) */

/** A percentage of two amounts (same unit), exact, rounded once to `places` (0..16). The result
 *  has scale `places`. b == 0 gives CZ_ERR_DIVISION_BY_ZERO: a rate on a zero base is no number. */
CZ_API int32_t cz_percent(int32_t kind, int64_t a, int64_t b, int32_t places, int32_t rounding,
                          int64_t* out_mantissa);
/** Check a published percentage claim ("95.39%", "101%", "70.6") at the precision it states,
 *  rounding half away from zero: *out_matches = 1 or 0, and the value at that precision in
 *  (*out_expected_mantissa, *out_expected_scale). */
CZ_API int32_t cz_percent_check(int32_t kind, int64_t a, int64_t b, const char* claim,
                                int32_t* out_matches, int64_t* out_expected_mantissa,
                                int32_t* out_expected_scale);

#define CZ_TAIL_EXACT 0           /**< total == Σ parts */
#define CZ_TAIL_DIFFERENCE 1      /**< within the rounding bound ⌊n/2⌋ hundredths: 尾数误差 */
#define CZ_TAIL_MISMATCH 2        /**< beyond the bound: a real error */

/** Compare a stated total with the sum of `count` rounded parts. n counts non-zero parts, or
 *  all parts when count_zero_parts != 0. Outputs: verdict, total − Σ parts, the bound. */
CZ_API int32_t cz_tail_compare(int64_t total, const int64_t* parts, int64_t count,
                               int32_t count_zero_parts, int32_t* out_verdict,
                               int64_t* out_difference, int64_t* out_bound);
/** Largest-remainder apportionment: `count` exact amounts in from_unit (hundredths) to to_unit
 *  hundredths whose sum is the rounded total (ties: larger remainder, larger |amount|, earlier
 *  part). `out_values` must hold `count` elements. */
CZ_API int32_t cz_apportion(const int64_t* exact, int64_t count, int32_t from_unit, int32_t to_unit,
                            int64_t* out_values);

#ifdef __cplusplus
}
#endif

#endif /* CAIZHENG_CAPI_MONEY_H */
