/* C API: reconcile the bundled Hunan report, read findings by index, render, add rules. C99. */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int main(void) {
    cz_report* report = NULL;
    CHECK(cz_report_import_text_file(CAIZHENG_TEST_DATA "/reports/2024_tianyuan_data_bureau.txt", &report) == CZ_OK);
    if (!report) return 1;

    cz_reconciler* rec = NULL;
    CHECK(cz_reconciler_new(&rec) == CZ_OK);
    CHECK(cz_reconciler_disable_rule(rec, "N.*") == CZ_OK);
    CHECK(cz_reconciler_disable_rule(rec, "P.*") == CZ_OK);
    CHECK(cz_reconciler_add_rules(rec, "id: my.cap\nseverity: warning\nformula: basic[人员经费合计] <= 200\n") == CZ_OK);
    CHECK(cz_reconciler_add_rules(rec, "id: bad\nformula: T02[合计.c1 == 1\n") == CZ_ERR_PARSE);
    CHECK(strstr(cz_last_error(), "column") != NULL || strstr(cz_last_error(), "character") != NULL);
    CHECK(cz_reconciler_add_rules(NULL, "x") == CZ_ERR_INVALID_ARGUMENT);

    cz_findings* f = NULL;
    CHECK(cz_reconciler_run(rec, report, &f) == CZ_OK);
    int64_t n = 0, errors = 0, tails = 0;
    CHECK(cz_findings_count(f, &n) == CZ_OK);
    CHECK(cz_findings_count_severity(f, CZ_SEVERITY_ERROR, &errors) == CZ_OK);
    CHECK(cz_findings_count_severity(f, CZ_SEVERITY_TAIL_DIFFERENCE, &tails) == CZ_OK);
    /* 12 errors worked out by hand (tests/reconcile_test.cpp); 06 301 is the one tail difference */
    CHECK(errors == 12);
    CHECK(tails == 1);

    int found_missing = 0, found_tail = 0, found_user = 0;
    for (int64_t i = 0; i < n; ++i) {
        char* rule = NULL;
        int32_t sev = -1, fam = -1;
        int64_t cause = -2;
        CHECK(cz_finding_info(f, i, &rule, &sev, &fam, &cause) == CZ_OK);
        char *zh = NULL, *en = NULL;
        CHECK(cz_finding_messages(f, i, &zh, &en) == CZ_OK);
        char *e = NULL, *fo = NULL, *d = NULL, *b = NULL, *u = NULL;
        CHECK(cz_finding_figures(f, i, &e, &fo, &d, &b, &u) == CZ_OK);
        if (strcmp(rule, "cross.missing_row") == 0) {
            found_missing = 1;
            CHECK(strstr(en, "02 is missing 2210201") != NULL);
            CHECK(e && strcmp(e, "17.30") == 0);
            CHECK(fam == CZ_FAMILY_CROSS_TABLE);
            CHECK(cause == -1);
        }
        if (strcmp(rule, "basic.lei_sum") == 0) {
            found_tail = 1;
            CHECK(sev == CZ_SEVERITY_TAIL_DIFFERENCE);
            CHECK(fo && strcmp(fo, "212.55") == 0);
            CHECK(e && strcmp(e, "212.54") == 0);
            CHECK(b && strcmp(b, "0.04") == 0);
            int64_t nl = 0;
            CHECK(cz_finding_location_count(f, i, &nl) == CZ_OK && nl >= 1);
            int32_t table = -1, column = -1, line = -1;
            char *row = NULL, *row_name = NULL;
            CHECK(cz_finding_location(f, i, 0, &table, &row, &row_name, &column, &line) == CZ_OK);
            CHECK(table == CZ_TABLE_BASIC_EXPENDITURE_DETAIL);
            CHECK(row && strcmp(row, "301") == 0);
            CHECK(line > 0);
            cz_string_free(row);
            cz_string_free(row_name);
        }
        if (strcmp(rule, "my.cap") == 0) {
            found_user = 1;
            CHECK(sev == CZ_SEVERITY_WARNING);
            CHECK(fam == CZ_FAMILY_USER);
        }
        cz_string_free(rule);
        cz_string_free(zh);
        cz_string_free(en);
        cz_string_free(e);
        cz_string_free(fo);
        cz_string_free(d);
        cz_string_free(b);
        cz_string_free(u);
    }
    CHECK(found_missing && found_tail && found_user);
    CHECK(cz_finding_info(f, n, NULL, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);

    char* text = NULL;
    CHECK(cz_findings_render(f, report, CZ_RENDER_TEXT, CZ_LANG_EN, &text) == CZ_OK);
    CHECK(text && strstr(text, "02 is missing 2210201") != NULL);
    cz_string_free(text);
    CHECK(cz_findings_render(f, report, CZ_RENDER_HTML, CZ_LANG_BOTH, &text) == CZ_OK);
    CHECK(text && strncmp(text, "<!DOCTYPE html>", 15) == 0);
    cz_string_free(text);
    CHECK(cz_findings_render(f, report, CZ_RENDER_JSON, CZ_LANG_BOTH, &text) == CZ_OK);
    CHECK(text && strstr(text, "\"caizheng-findings\"") != NULL);
    cz_string_free(text);
    text = NULL;
    CHECK(cz_findings_render(f, report, 7, CZ_LANG_BOTH, &text) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(text == NULL);

    /* batch: same counts as one by one */
    const cz_report* many[3] = {report, report, report};
    cz_findings* outs[3] = {NULL, NULL, NULL};
    CHECK(cz_reconciler_run_batch(rec, many, 3, 2, outs) == CZ_OK);
    for (int i = 0; i < 3; ++i) {
        int64_t m = 0;
        CHECK(outs[i] != NULL && cz_findings_count(outs[i], &m) == CZ_OK && m == n);
        cz_findings_free(outs[i]);
    }

    char* rules = NULL;
    CHECK(cz_reconcile_rules_json(&rules) == CZ_OK);
    CHECK(rules && strstr(rules, "\"income.total_row\"") != NULL);
    cz_string_free(rules);

    cz_findings_free(f);
    cz_reconciler_free(rec);
    cz_report_free(report);
    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return check_summary();
}
