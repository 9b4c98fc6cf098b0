/* C99 test of the scoring C API against caizheng.h only. Expected values worked by hand
 * (docs/scoring.md; the bundled Hunan report, tests/data/reports/2024_tianyuan_data_bureau.txt). */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static void test_parse(void) {
    int32_t kind = -1, op = -1, approx = -1, scale = -1;
    int64_t m = -1;
    char* unit = NULL;
    char* reason = NULL;
    /* "≥2000册" */
    CHECK(cz_indicator_parse("\xe2\x89\xa5" "2000\xe5\x86\x8c", &kind, &op, &approx, &m, &scale, &unit, &reason) == CZ_OK);
    CHECK(kind == CZ_VALUE_NUMBER && op == CZ_CMP_AT_LEAST && approx == 0 && m == 2000 && scale == 0);
    CHECK(unit && strcmp(unit, "\xe5\x86\x8c") == 0);
    CHECK(reason && reason[0] == '\0');
    cz_string_free(unit);
    cz_string_free(reason);
    /* "2000余册": at least, approximate */
    CHECK(cz_indicator_parse("2000\xe4\xbd\x99\xe5\x86\x8c", &kind, &op, &approx, &m, &scale, NULL, NULL) == CZ_OK);
    CHECK(kind == CZ_VALUE_NUMBER && op == CZ_CMP_AT_LEAST && approx == 1 && m == 2000);
    /* "≥99.9%" */
    CHECK(cz_indicator_parse("\xe2\x89\xa5" "99.9%", &kind, &op, &approx, &m, &scale, &unit, NULL) == CZ_OK);
    CHECK(op == CZ_CMP_AT_LEAST && m == 999 && scale == 1 && strcmp(unit, "%") == 0);
    cz_string_free(unit);
    /* "一般": qualitative with a reason */
    CHECK(cz_indicator_parse("\xe4\xb8\x80\xe8\x88\xac", &kind, &op, &approx, &m, &scale, NULL, &reason) == CZ_OK);
    CHECK(kind == CZ_VALUE_QUALITATIVE && m == 0 && scale == 0 && strlen(reason) > 0);
    cz_string_free(reason);
    /* "1-2次": not computable */
    CHECK(cz_indicator_parse("1-2\xe6\xac\xa1", &kind, &op, &approx, &m, &scale, NULL, NULL) == CZ_OK);
    CHECK(kind == CZ_VALUE_NOT_COMPUTABLE);
    /* NULL arguments; outputs unchanged */
    kind = 42;
    CHECK(cz_indicator_parse(NULL, &kind, &op, &approx, &m, &scale, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(kind == 42);
    CHECK(cz_indicator_parse("1", NULL, &op, &approx, &m, &scale, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
}

static void test_execution(void) {
    int32_t defined = -1, has = -1, capped = -1;
    int64_t score = -1, rate = -1;
    /* 14.98 / 15, 分值 10: exact 9.99 (rate 99.8667 %), floor 9.90 */
    CHECK(cz_execution_score(1500, 2, 1498, 2, 10, 0, CZ_RATE_EXACT, 1, CZ_ZERO_BUDGET_UNDEFINED, &defined, &has,
                             &score, &rate, &capped) == CZ_OK);
    CHECK(defined == 1 && has == 1 && score == 999 && rate == 998667 && capped == 0);
    CHECK(cz_execution_score(15, 0, 1498, 2, 10, 0, CZ_RATE_FLOOR_WHOLE_PERCENT, 1, CZ_ZERO_BUDGET_UNDEFINED, &defined,
                             &has, &score, NULL, NULL) == CZ_OK);
    CHECK(score == 990);
    /* 2469 / 20000 = 12.345 %: percent_2dp 12.35 % → 1.235 → 1.24 */
    CHECK(cz_execution_score(20000, 0, 2469, 0, 10, 0, CZ_RATE_PERCENT_2DP, 1, CZ_ZERO_BUDGET_UNDEFINED, &defined, &has,
                             &score, NULL, NULL) == CZ_OK);
    CHECK(score == 124);
    /* over budget: capped */
    CHECK(cz_execution_score(15, 0, 16, 0, 10, 0, CZ_RATE_EXACT, 1, CZ_ZERO_BUDGET_UNDEFINED, &defined, &has, &score,
                             NULL, &capped) == CZ_OK);
    CHECK(score == 1000 && capped == 1);
    /* zero budget: undefined, no score; 0 with the policy */
    CHECK(cz_execution_score(0, 0, 5, 0, 10, 0, CZ_RATE_EXACT, 1, CZ_ZERO_BUDGET_UNDEFINED, &defined, &has, &score,
                             &rate, NULL) == CZ_OK);
    CHECK(defined == 0 && has == 0 && score == 0 && rate == 0);
    CHECK(cz_execution_score(0, 0, 5, 0, 10, 0, CZ_RATE_EXACT, 1, CZ_ZERO_BUDGET_SCORE_ZERO, &defined, &has, &score,
                             NULL, NULL) == CZ_OK);
    CHECK(defined == 0 && has == 1 && score == 0);
    /* bad arguments leave outputs alone */
    score = 77;
    CHECK(cz_execution_score(-1, 0, 5, 0, 10, 0, CZ_RATE_EXACT, 1, 0, &defined, &has, &score, NULL, NULL) ==
          CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_execution_score(1, 0, 5, 0, 10, 0, 9, 1, 0, &defined, &has, &score, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_execution_score(1, 0, 5, 0, 10, 19, 0, 1, 0, &defined, &has, &score, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(score == 77);
}

static void test_formulas_and_grades(void) {
    int64_t s = -1;
    int32_t g = -1, t = -1;
    /* 反向 t = 24, a = 25, w = 5: linear 4.79, ratio 4.80; a = 2t linear 0 */
    CHECK(cz_indicator_formula(CZ_METHOD_REVERSE, CZ_REVERSE_LINEAR, 25, 0, 24, 0, 5, 0, &s) == CZ_OK && s == 479);
    CHECK(cz_indicator_formula(CZ_METHOD_REVERSE, CZ_REVERSE_RATIO, 25, 0, 24, 0, 5, 0, &s) == CZ_OK && s == 480);
    CHECK(cz_indicator_formula(CZ_METHOD_REVERSE, CZ_REVERSE_LINEAR, 48, 0, 24, 0, 5, 0, &s) == CZ_OK && s == 0);
    /* 正向 94 / 95 × 5 = 4.947… → 4.95; 等于 t = 0, a = 0 → w */
    CHECK(cz_indicator_formula(CZ_METHOD_POSITIVE, 0, 94, 0, 95, 0, 5, 0, &s) == CZ_OK && s == 495);
    CHECK(cz_indicator_formula(CZ_METHOD_EQUAL, 0, 0, 0, 0, 0, 10, 0, &s) == CZ_OK && s == 1000);
    CHECK(cz_indicator_formula(CZ_METHOD_QUALITATIVE, 0, 0, 0, 0, 0, 10, 0, &s) == CZ_ERR_INVALID_ARGUMENT);
    /* grades: 90.00 优, 89.99 良, 60 中, 59.99 差 */
    CHECK(cz_grade(9000, 2, NULL, &g) == CZ_OK && g == CZ_GRADE_EXCELLENT);
    CHECK(cz_grade(8999, 2, NULL, &g) == CZ_OK && g == CZ_GRADE_GOOD);
    CHECK(cz_grade(60, 0, NULL, &g) == CZ_OK && g == CZ_GRADE_FAIR);
    CHECK(cz_grade(5999, 2, NULL, &g) == CZ_OK && g == CZ_GRADE_POOR);
    /* tiers: 8 of 10 达成, 7.99 部分达成, 11 of 10 invalid */
    CHECK(cz_tier(8, 0, 10, 0, NULL, &t) == CZ_OK && t == CZ_TIER_ACHIEVED);
    CHECK(cz_tier(799, 2, 10, 0, NULL, &t) == CZ_OK && t == CZ_TIER_PARTIAL);
    CHECK(cz_tier(11, 0, 10, 0, NULL, &t) == CZ_ERR_INVALID_ARGUMENT);
}

static void test_profiles_and_indicators(void) {
    const cz_scoring_profile* central = NULL;
    const cz_scoring_profile* hunan = NULL;
    cz_scoring_profile* custom = NULL;
    char* names = NULL;
    char* json = NULL;
    char* reason = NULL;
    int32_t method = -1, has = -1, met = -1, g = -1;
    int64_t score = -1;
    CHECK(cz_scoring_profile_names(&names) == CZ_OK);
    CHECK(names && strncmp(names, "central\n", 8) == 0 && strstr(names, "hunan_observed") != NULL);
    cz_string_free(names);
    CHECK(cz_scoring_profile_builtin("central", &central) == CZ_OK && central != NULL);
    CHECK(cz_scoring_profile_builtin("hunan_observed", &hunan) == CZ_OK && hunan != NULL);
    CHECK(cz_scoring_profile_builtin("atlantis", &central) == CZ_ERR_NOT_FOUND);
    CHECK(cz_scoring_profile_to_json(hunan, 0, &json) == CZ_OK);
    CHECK(strstr(json, "\"rate\":\"floor_whole_percent\"") != NULL);
    cz_string_free(json);
    cz_scoring_profile_free((cz_scoring_profile*)hunan); /* ignored for built-ins */

    /* ≤24小时 vs 25小时, w 5: linear 4.79 (central), ratio 4.80 (custom profile) */
    CHECK(cz_indicator_score("\xe2\x89\xa4" "24\xe5\xb0\x8f\xe6\x97\xb6", "25\xe5\xb0\x8f\xe6\x97\xb6", 5, 0, NULL,
                             &method, &has, &score, &met, &reason) == CZ_OK);
    CHECK(method == CZ_METHOD_REVERSE && has == 1 && score == 479 && met == 0 && strlen(reason) > 0);
    cz_string_free(reason);
    CHECK(cz_scoring_profile_from_json("{\"name\":\"p\",\"reverse\":\"ratio\",\"grades\":{\"excellent\":\"95\"}}", &custom) == CZ_OK);
    CHECK(cz_indicator_score("\xe2\x89\xa4" "24\xe5\xb0\x8f\xe6\x97\xb6", "25\xe5\xb0\x8f\xe6\x97\xb6", 5, 0, custom,
                             &method, &has, &score, &met, NULL) == CZ_OK);
    CHECK(score == 480);
    CHECK(cz_grade(9000, 2, custom, &g) == CZ_OK && g == CZ_GRADE_GOOD);
    cz_scoring_profile_free(custom);
    custom = (cz_scoring_profile*)1;
    CHECK(cz_scoring_profile_from_json("{\"rate\":\"ceil\"}", &custom) == CZ_ERR_PARSE);
    CHECK(custom == (cz_scoring_profile*)1);
    CHECK(strstr(cz_last_error(), "$.rate") != NULL);
    /* 95% vs 一般: cannot verify */
    CHECK(cz_indicator_score("95%", "\xe4\xb8\x80\xe8\x88\xac", 10, 0, NULL, &method, &has, &score, &met, NULL) == CZ_OK);
    CHECK(method == CZ_METHOD_UNVERIFIABLE && has == 0);
}

static char* read_file(const char* path, long* size) {
    FILE* f = fopen(path, "rb");
    char* buf;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (char*)malloc((size_t)*size + 1);
    if (buf && fread(buf, 1, (size_t)*size, f) != (size_t)*size) {
        free(buf);
        buf = NULL;
    }
    if (buf) buf[*size] = '\0';
    fclose(f);
    return buf;
}

static void test_review(const char* data_dir) {
    char path[1024];
    long size = 0;
    char* text;
    char* json = NULL;
    const cz_scoring_profile* hunan = NULL;
    cz_report* report = NULL;
    snprintf(path, sizeof path, "%s/reports/2024_tianyuan_data_bureau.txt", data_dir);
    text = read_file(path, &size);
    CHECK(text != NULL);
    if (!text) return;
    CHECK(cz_performance_review_text(text, (int64_t)size, NULL, 0, &json) == CZ_OK);
    /* 放管服 under central: 9.99 + 90 = 99.99 recomputed, published 99.90 */
    CHECK(json && strstr(json, "\"recomputed_total\":\"99.99\"") != NULL);
    CHECK(json && strstr(json, "\"published_total\":\"99.90\"") != NULL);
    CHECK(json && strstr(json, "\"rule\":\"P.text.score\"") != NULL);
    cz_string_free(json);
    json = NULL;
    /* under hunan_observed the table's own 99.90 is reproduced */
    CHECK(cz_scoring_profile_builtin("hunan_observed", &hunan) == CZ_OK);
    CHECK(cz_report_import_text(text, (int64_t)size, &report) == CZ_OK);
    CHECK(cz_performance_review(report, hunan, 1, &json) == CZ_OK);
    CHECK(json && strstr(json, "\"recomputed_total\": \"99.90\"") != NULL);
    CHECK(json && strstr(json, "\"profile\": \"hunan_observed\"") != NULL);
    cz_string_free(json);
    cz_report_free(report);
    CHECK(cz_performance_review_text(NULL, 0, NULL, 0, &json) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_performance_review(NULL, NULL, 0, &json) == CZ_ERR_INVALID_ARGUMENT);
    free(text);
}

int main(int argc, char** argv) {
    test_parse();
    test_execution();
    test_formulas_and_grades();
    test_profiles_and_indicators();
    test_review(argc > 1 ? argv[1] : "tests/data");
    return check_summary();
}
