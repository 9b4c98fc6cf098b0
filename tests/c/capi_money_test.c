/* C99 test of the money C API against caizheng.h only. */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <string.h>



static void test_version(void) {
    CHECK(cz_version_number() == CZ_VERSION_NUMBER);
    CHECK(strcmp(cz_version_string(), CZ_VERSION_STRING) == 0);
    CHECK(strcmp(cz_status_name(CZ_ERR_OVERFLOW), "overflow") == 0);
    CHECK(strcmp(cz_status_name(12345), "unknown") == 0);
}

static void test_parse_format(void) {
    int64_t v = -1;
    int32_t empty = -1;
    char* text = NULL;
    CHECK(cz_amount_parse("1, 227. 61", CZ_ROUND_NONE, &v, &empty) == CZ_OK);
    CHECK(v == 122761 && empty == 0);
    CHECK(cz_amount_parse("\xe2\x80\x94", CZ_ROUND_NONE, &v, &empty) == CZ_OK); /* — */
    CHECK(empty == 1 && v == 0);
    CHECK(cz_amount_parse("\xef\xbc\x88" "5.00\xef\xbc\x89", CZ_ROUND_NONE, &v, &empty) == CZ_OK); /* （5.00） */
    CHECK(v == -500);
    /* failure leaves outputs untouched */
    v = 77;
    empty = 5;
    CHECK(cz_amount_parse("12a", CZ_ROUND_NONE, &v, &empty) == CZ_ERR_PARSE);
    CHECK(v == 77 && empty == 5);
    CHECK(strstr(cz_last_error(), "12a") != NULL);
    CHECK(cz_amount_parse("1.005", CZ_ROUND_NONE, &v, &empty) == CZ_ERR_INEXACT);
    CHECK(cz_amount_parse("1.005", CZ_ROUND_HALF_EVEN, &v, &empty) == CZ_OK && v == 100);
    CHECK(cz_amount_parse(NULL, CZ_ROUND_NONE, &v, &empty) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_parse("1", CZ_ROUND_NONE, NULL, &empty) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_parse("1", 99, &v, &empty) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_format(122761, 1, &text) == CZ_OK);
    CHECK(text != NULL && strcmp(text, "1,227.61") == 0);
    cz_string_free(text);
    CHECK(cz_amount_format(1730, 0, &text) == CZ_OK);
    CHECK(strcmp(text, "17.30") == 0);
    cz_string_free(text);
    cz_string_free(NULL);
    CHECK(cz_amount_format(1, 0, NULL) == CZ_ERR_INVALID_ARGUMENT);
}

static void test_arithmetic(void) {
    int64_t v = 0;
    const int64_t parts[] = {117100, 2026, 1905, 1730};
    CHECK(cz_amount_add(10, 20, &v) == CZ_OK && v == 30);
    CHECK(cz_amount_sub(10, 20, &v) == CZ_OK && v == -10);
    CHECK(cz_amount_add(INT64_MAX, 1, &v) == CZ_ERR_OVERFLOW);
    CHECK(cz_amount_neg(INT64_MIN, &v) == CZ_ERR_OVERFLOW);
    CHECK(cz_amount_sum(parts, 4, &v) == CZ_OK && v == 122761);
    CHECK(cz_amount_sum(NULL, 0, &v) == CZ_OK && v == 0);
    CHECK(cz_amount_sum(NULL, 2, &v) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_sum(parts, -1, &v) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_mul_int(125, 3, &v) == CZ_OK && v == 375);
    CHECK(cz_amount_div_int(1000, 3, CZ_ROUND_HALF_AWAY_FROM_ZERO, &v) == CZ_OK && v == 333);
    CHECK(cz_amount_div_int(5, 2, CZ_ROUND_HALF_EVEN, &v) == CZ_OK && v == 2);
    CHECK(cz_amount_div_int(5, 0, CZ_ROUND_HALF_EVEN, &v) == CZ_ERR_DIVISION_BY_ZERO);
    CHECK(cz_amount_div_int(5, 2, CZ_ROUND_NONE, &v) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_mul_decimal(10000, 125, 3, CZ_ROUND_HALF_AWAY_FROM_ZERO, &v) == CZ_OK && v == 1250);
    CHECK(cz_amount_div_decimal(100, 3, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &v) == CZ_OK && v == 3333);
    CHECK(cz_amount_mul_decimal(1, 1, 19, CZ_ROUND_HALF_EVEN, &v) == CZ_ERR_INVALID_ARGUMENT);
    /* 14.98 × 10 ÷ 15 = 9.9866… → 9.99 */
    CHECK(cz_amount_mul_div(1498, 10, 0, 15, 0, CZ_ROUND_HALF_AWAY_FROM_ZERO, &v) == CZ_OK && v == 999);
}

static void test_convert(void) {
    int64_t v = 0;
    /* 1,234,567.89 元 → 123.46 万元 */
    CHECK(cz_amount_convert(123456789, CZ_UNIT_YUAN, CZ_UNIT_WAN_YUAN, CZ_ROUND_HALF_AWAY_FROM_ZERO, &v) == CZ_OK);
    CHECK(v == 12346);
    CHECK(cz_amount_convert(123456789, CZ_UNIT_YUAN, CZ_UNIT_WAN_YUAN, CZ_ROUND_NONE, &v) == CZ_ERR_INEXACT);
    CHECK(cz_amount_convert(122761, CZ_UNIT_WAN_YUAN, CZ_UNIT_YUAN, CZ_ROUND_NONE, &v) == CZ_OK && v == 1227610000);
    CHECK(cz_amount_convert(1, 7, CZ_UNIT_YUAN, CZ_ROUND_NONE, &v) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_amount_convert(INT64_MAX, CZ_UNIT_YI_YUAN, CZ_UNIT_YUAN, CZ_ROUND_NONE, &v) == CZ_ERR_OVERFLOW);
}

static void test_decimal_and_percent(void) {
    int64_t m = 0, em = 0;
    int32_t s = 0, unit = -1, ok = -1, es = -1;
    char* text = NULL;
    CHECK(cz_decimal_parse("1,227.615", &m, &s) == CZ_OK && m == 1227615 && s == 3);
    CHECK(cz_decimal_round(1227615, 3, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &m) == CZ_OK && m == 122762);
    CHECK(cz_decimal_round(1227615, 3, 2, CZ_ROUND_NONE, &m) == CZ_ERR_INEXACT);
    CHECK(cz_decimal_format(-5, 3, &text) == CZ_OK && strcmp(text, "-0.005") == 0);
    cz_string_free(text);
    CHECK(cz_quantity_parse("12.5\xe4\xb8\x87\xe5\x85\x83", &m, &s, &unit) == CZ_OK); /* 12.5万元 */
    CHECK(m == 125 && s == 1 && unit == CZ_UNIT_WAN_YUAN);
    CHECK(cz_percent_parse("95.39%", &m, &s) == CZ_OK && m == 9539 && s == 2);
    /* 1171 / 1227.61 = 95.3886…% */
    CHECK(cz_percent(CZ_PERCENT_SHARE, 117100, 122761, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &m) == CZ_OK && m == 9539);
    CHECK(cz_percent(CZ_PERCENT_CHANGE, 2500, 0, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &m) == CZ_ERR_DIVISION_BY_ZERO);
    CHECK(cz_percent(9, 1, 1, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &m) == CZ_ERR_INVALID_ARGUMENT);
    /* 192.26 / 190.36 = 100.998…%: "101%" is right at its precision */
    CHECK(cz_percent_check(CZ_PERCENT_COMPLETION, 19226, 19036, "101%", &ok, &em, &es) == CZ_OK);
    CHECK(ok == 1 && em == 101 && es == 0);
    CHECK(cz_percent_check(CZ_PERCENT_COMPLETION, 19226, 19036, "100.99", &ok, &em, &es) == CZ_OK);
    CHECK(ok == 0 && em == 10100 && es == 2);
}

static void test_tail_and_apportion(void) {
    const int64_t lei[] = {117100, 2026, 1905, 1730};
    const int64_t thirds[] = {333333, 333333, 333334}; /* 元 hundredths */
    int64_t out[3] = {0, 0, 0};
    int32_t verdict = -1;
    int64_t diff = 0, bound = 0;
    CHECK(cz_tail_compare(122762, lei, 4, 0, &verdict, &diff, &bound) == CZ_OK);
    CHECK(verdict == CZ_TAIL_DIFFERENCE && diff == 1 && bound == 2);
    CHECK(cz_tail_compare(124491, lei, 4, 0, &verdict, &diff, &bound) == CZ_OK);
    CHECK(verdict == CZ_TAIL_MISMATCH && diff == 1730);
    CHECK(cz_apportion(thirds, 3, CZ_UNIT_YUAN, CZ_UNIT_WAN_YUAN, out) == CZ_OK);
    CHECK(out[0] == 33 && out[1] == 33 && out[2] == 34);
    CHECK(cz_apportion(thirds, 3, CZ_UNIT_YUAN, 5, out) == CZ_ERR_INVALID_ARGUMENT);
}

int main(void) {
    test_version();
    test_parse_format();
    test_arithmetic();
    test_convert();
    test_decimal_and_percent();
    test_tail_and_apportion();
    return check_summary();
}
