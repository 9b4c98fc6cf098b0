/* C API: PDF import (issue 8) — the Putuo PDF through cz_report_import_pdf_file and
 * cz_report_import_pdf, a cell's page and box, a finding's box, errors. C99.
 * Expected values from the PDF's words (pdftotext -bbox-layout -f 8 -l 8): page 8, 合计
 * 本年收入合计 2,946.25 in the box 371.791,213.043 – 413.791,235.387 pt. */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUTUO CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.pdf"

int main(void) {
    int32_t supported = -1;
    CHECK(cz_pdf_supported(&supported) == CZ_OK);
    if (!supported) {
        cz_report* none = NULL;
        CHECK(cz_report_import_pdf_file(PUTUO, &none) == CZ_ERR_UNSUPPORTED);
        CHECK(strcmp(cz_last_error(), "caizheng was built without PDF support") == 0);
        CHECK(none == NULL);
        return check_summary();
    }
    cz_report* report = NULL;
    CHECK(cz_report_import_pdf_file(PUTUO, &report) == CZ_OK);
    if (!report) return 1;

    int64_t table = -1, value = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int32_t empty = -1, has_box = -1, page = 0;
    CHECK(cz_report_find_table(report, CZ_TABLE_INCOME, &table) == CZ_OK);
    CHECK(cz_report_cell(report, table, 0, 0, &value, &empty, NULL, NULL, NULL) == CZ_OK);
    CHECK(value == 294625 && empty == 0);
    CHECK(cz_report_cell_box(report, table, 0, 0, &has_box, &page, &x0, &y0, &x1, &y1) == CZ_OK);
    CHECK(has_box == 1 && page == 8);
    CHECK(x0 == 37179 && y0 == 21304 && x1 == 41379 && y1 == 23539);
    CHECK(cz_report_cell_box(report, table, 0, 99, &has_box, NULL, NULL, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);

    /* A finding on a PDF-imported report carries the page of its cell. */
    cz_reconciler* rec = NULL;
    cz_findings* f = NULL;
    CHECK(cz_reconciler_new(&rec) == CZ_OK);
    CHECK(cz_reconciler_run(rec, report, &f) == CZ_OK);
    int64_t n = 0, boxed = 0;
    CHECK(cz_findings_count(f, &n) == CZ_OK);
    for (int64_t i = 0; i < n; ++i) {
        int64_t locations = 0;
        CHECK(cz_finding_location_count(f, i, &locations) == CZ_OK);
        if (locations == 0) continue;
        has_box = 0;
        page = 0;
        CHECK(cz_finding_location_box(f, i, 0, &has_box, &page, NULL, NULL, NULL, NULL) == CZ_OK);
        if (has_box) {
            ++boxed;
            CHECK(page >= 1 && page <= 25);
        }
    }
    CHECK(boxed > 0);
    CHECK(cz_finding_location_box(f, n, 0, &has_box, NULL, NULL, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
    cz_findings_free(f);
    cz_reconciler_free(rec);

    /* Errors: not a PDF, a truncated one; the output is left alone. */
    cz_report* other = (cz_report*)&supported; /* a sentinel: must stay unchanged */
    CHECK(cz_report_import_pdf("hello", 5, &other) == CZ_ERR_PARSE);
    CHECK(strstr(cz_last_error(), "not a PDF") != NULL);
    CHECK(other == (cz_report*)&supported);
    CHECK(cz_report_import_pdf("%PDF-1.4\n", 9, &other) == CZ_ERR_PARSE);
    CHECK(other == (cz_report*)&supported);
    CHECK(cz_report_import_pdf(NULL, 5, &other) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_report_import_pdf_file("/nonexistent.pdf", &other) == CZ_ERR_IO);
    CHECK(cz_report_import_pdf_file(PUTUO, NULL) == CZ_ERR_INVALID_ARGUMENT);

    cz_report_free(report);
    return check_summary();
}
