/* C API reports: import the Hunan text, walk it, export/import JSON, build a report by calls.
 * Expected values read by hand from tests/data/reports/2024_tianyuan_data_bureau.txt. */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static char* slurp(const char* path, long* size) {
    FILE* f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* buf = malloc((size_t)*size + 1);
    if (fread(buf, 1, (size_t)*size, f) != (size_t)*size) *size = 0;
    buf[*size] = 0;
    fclose(f);
    return buf;
}

static void walk_hunan(const cz_report* r) {
    char* dept = NULL;
    int32_t year = 0, unit = -1;
    CHECK(cz_report_metadata(r, &dept, &year, &unit) == CZ_OK);
    CHECK(dept && strcmp(dept, "株洲市天元区数据局") == 0);
    CHECK(year == 2024);
    CHECK(unit == CZ_UNIT_WAN_YUAN);
    cz_string_free(dept);

    int64_t n = 0;
    CHECK(cz_report_table_count(r, &n) == CZ_OK && n == 9);
    int32_t mask = -1;
    CHECK(cz_report_missing_tables(r, &mask) == CZ_OK && mask == 0);
    CHECK(cz_report_warning_count(r, &n) == CZ_OK && n == 0);

    /* 03 支出决算表: 合计 row "1, 227. 61" (line 135), row 2101103 (line 144) */
    int64_t t = -1, rows = 0, cols = 0, row = -1, col = -1;
    int32_t kind = -1, no_data = -1;
    CHECK(cz_report_find_table(r, CZ_TABLE_EXPENDITURE, &t) == CZ_OK);
    CHECK(cz_report_table_info(r, t, &kind, &unit, &rows, &cols, &no_data) == CZ_OK);
    CHECK(kind == CZ_TABLE_EXPENDITURE && rows == 9 && cols == 6 && no_data == 0);
    char* title = NULL;
    char* number = NULL;
    CHECK(cz_report_table_title(r, t, &title, &number) == CZ_OK);
    CHECK(strcmp(title, "支出决算表") == 0 && strcmp(number, "公开03表") == 0);
    cz_string_free(title);
    cz_string_free(number);
    int64_t value = 0;
    int32_t empty = -1, line = 0, field = 0;
    char* text = NULL;
    CHECK(cz_report_cell(r, t, 0, 0, &value, &empty, &text, &line, &field) == CZ_OK);
    CHECK(value == 122761 && empty == 0 && line == 135 && field == 3);
    CHECK(text && strcmp(text, "1, 227. 61") == 0);
    cz_string_free(text);
    CHECK(cz_report_find_row(r, t, "2101103", &row) == CZ_OK && row == 8);
    CHECK(cz_report_find_column(r, t, CZ_COL_BASIC_EXPENDITURE, CZ_SIDE_NONE, &col) == CZ_OK && col == 1);
    CHECK(cz_report_cell(r, t, row, col, &value, NULL, NULL, NULL, NULL) == CZ_OK && value == 1142);
    char* code = NULL;
    char* name = NULL;
    int32_t side = -1, role = -1, line_number = 0;
    CHECK(cz_report_row(r, t, row, &side, &role, &line_number, &code, &name, &line) == CZ_OK);
    CHECK(strcmp(code, "2101103") == 0 && strcmp(name, "公务员医疗补助") == 0 && line == 144);
    CHECK(side == CZ_SIDE_NONE && role == CZ_ROLE_ITEM && line_number == -1);
    cz_string_free(code);
    cz_string_free(name);
    CHECK(cz_report_find_row(r, t, "2210201", &row) == CZ_ERR_NOT_FOUND);

    /* 01: 行次 22 九、住房保障支出 17.30 (line 92) */
    CHECK(cz_report_find_table(r, CZ_TABLE_INCOME_EXPENDITURE_TOTAL, &t) == CZ_OK);
    CHECK(cz_report_table_info(r, t, NULL, NULL, &rows, &cols, NULL) == CZ_OK && rows == 26 && cols == 2);
    CHECK(cz_report_row(r, t, 13 + 8, &side, &role, &line_number, NULL, &name, NULL) == CZ_OK);
    CHECK(side == CZ_SIDE_EXPENDITURE && line_number == 22 && strcmp(name, "九、住房保障支出") == 0);
    cz_string_free(name);
    CHECK(cz_report_cell(r, t, 21, 1, &value, &empty, NULL, NULL, NULL) == CZ_OK && value == 1730 && empty == 0);
    CHECK(cz_report_cell(r, t, 21, 0, &value, &empty, NULL, NULL, NULL) == CZ_OK && empty == 1);  /* other side */

    /* 07: 本表无数据 */
    CHECK(cz_report_find_table(r, CZ_TABLE_GOVERNMENT_FUND, &t) == CZ_OK);
    CHECK(cz_report_table_info(r, t, NULL, NULL, NULL, NULL, &no_data) == CZ_OK && no_data == 1);

    /* narrative */
    CHECK(cz_report_section_count(r, &n) == CZ_OK && n == 15);
    int32_t num = 0;
    int64_t paras = 0;
    CHECK(cz_report_section(r, 13, &num, &title, &paras) == CZ_OK);
    CHECK(num == 14 && strcmp(title, "关于2024年度预算绩效情况的说明") == 0 && paras == 6);
    cz_string_free(title);
    CHECK(cz_report_paragraph(r, 0, 0, &text, &line) == CZ_OK && line == 296);
    CHECK(strncmp(text, "2024年度收、支总计1227.61万元", strlen("2024年度收、支总计1227.61万元")) == 0);
    cz_string_free(text);

    /* errors leave outputs alone */
    value = 77;
    CHECK(cz_report_cell(r, 99, 0, 0, &value, NULL, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT && value == 77);
    CHECK(cz_report_cell(r, 0, 0, 5, &value, NULL, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT && value == 77);
    CHECK(cz_report_find_table(NULL, 0, &t) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_report_find_table(r, 42, &t) == CZ_ERR_INVALID_ARGUMENT);
}

int main(void) {
    const char* path = CAIZHENG_TEST_DATA "/reports/2024_tianyuan_data_bureau.txt";
    long size = 0;
    char* data = slurp(path, &size);
    CHECK(data != NULL);
    if (!data) return 1;

    cz_report* r = NULL;
    CHECK(cz_report_import_text(data, size, &r) == CZ_OK);
    walk_hunan(r);
    cz_report* f = NULL;
    CHECK(cz_report_import_text_file(path, &f) == CZ_OK);
    walk_hunan(f);
    cz_report_free(f);

    /* JSON round trip */
    char* json = NULL;
    CHECK(cz_report_to_json(r, 0, &json) == CZ_OK);
    cz_report* back = NULL;
    CHECK(cz_report_from_json(json, (int64_t)strlen(json), &back) == CZ_OK);
    walk_hunan(back);
    char* json2 = NULL;
    CHECK(cz_report_to_json(back, 0, &json2) == CZ_OK);
    CHECK(strcmp(json, json2) == 0);
    cz_string_free(json2);
    cz_report_free(back);

    /* a bad JSON: the error names the path */
    char* bad = malloc(strlen(json) + 1);
    strcpy(bad, json);
    char* kind = strstr(bad, "\"kind\":\"income\"");
    CHECK(kind != NULL);
    if (kind) memcpy(kind, "\"kind\":\"incme\" ", 15);
    cz_report* none = (cz_report*)0x1;
    CHECK(cz_report_from_json(bad, (int64_t)strlen(bad), &none) == CZ_ERR_PARSE);
    CHECK(strstr(cz_last_error(), "$.tables[1].kind: unknown table kind \"incme\"") != NULL);
    CHECK(none == (cz_report*)0x1);
    free(bad);
    cz_string_free(json);
    cz_report_free(r);

    /* hostile: binary garbage gives a report with warnings */
    char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; ++i) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    cz_report* g = NULL;
    CHECK(cz_report_import_text(junk, (int64_t)sizeof junk, &g) == CZ_OK);
    int32_t mask = 0;
    CHECK(cz_report_missing_tables(g, &mask) == CZ_OK && mask == 0x1FF);
    int64_t nw = 0;
    CHECK(cz_report_warning_count(g, &nw) == CZ_OK && nw >= 9);
    int32_t wkind = -1, wline = -1;
    char* reason = NULL;
    CHECK(cz_report_warning(g, nw - 1, &wkind, &wline, NULL, &reason) == CZ_OK);
    CHECK(wkind == CZ_WARN_MISSING_TABLE && wline == 0 && strstr(reason, "三公") != NULL);
    cz_string_free(reason);
    cz_report_free(g);

    /* building a report by API calls, row by row */
    cz_report* b = NULL;
    CHECK(cz_report_new(&b) == CZ_OK);
    CHECK(cz_report_set_metadata(b, "测试局", 2024, CZ_UNIT_WAN_YUAN) == CZ_OK);
    int64_t t = -1, row = -1;
    CHECK(cz_report_add_table(b, CZ_TABLE_GENERAL_BUDGET_EXPENDITURE, CZ_UNIT_WAN_YUAN, &t) == CZ_OK && t == 0);
    CHECK(cz_report_add_table(b, CZ_TABLE_GENERAL_BUDGET_EXPENDITURE, CZ_UNIT_WAN_YUAN, &t) == CZ_ERR_INCONSISTENT);
    CHECK(cz_report_add_row(b, 0, CZ_SIDE_NONE, "", "合计", -1, &row) == CZ_OK && row == 0);
    CHECK(cz_report_set_cell_text(b, 0, 0, 0, "1,227.61") == CZ_OK);
    CHECK(cz_report_add_row(b, 0, CZ_SIDE_NONE, "2010301", "行政运行", -1, &row) == CZ_OK && row == 1);
    CHECK(cz_report_set_cell(b, 0, 1, 0, 19226, 0) == CZ_OK);
    CHECK(cz_report_set_cell(b, 0, 1, 2, 0, 1) == CZ_OK);
    CHECK(cz_report_set_cell_text(b, 0, 1, 1, "12.345") == CZ_ERR_INEXACT);
    CHECK(cz_report_set_cell_text(b, 0, 1, 1, "abc") == CZ_ERR_PARSE);
    CHECK(cz_report_add_row(b, 0, CZ_SIDE_NONE, "20103011", "x", -1, &row) == CZ_ERR_PARSE && row == 1);
    int32_t role = -1;
    CHECK(cz_report_row(b, 0, 0, NULL, &role, NULL, NULL, NULL, NULL) == CZ_OK && role == CZ_ROLE_TOTAL);
    int64_t value = 0;
    int32_t empty = -1;
    CHECK(cz_report_cell(b, 0, 0, 0, &value, &empty, NULL, NULL, NULL) == CZ_OK && value == 122761 && empty == 0);
    CHECK(cz_report_cell(b, 0, 1, 2, &value, &empty, NULL, NULL, NULL) == CZ_OK && empty == 1);
    char* problems = NULL;
    CHECK(cz_report_validate(b, &problems) == CZ_OK && problems[0] == 0);
    cz_string_free(problems);
    CHECK(cz_report_to_json(b, 1, &json) == CZ_OK);
    CHECK(strstr(json, "\"value\": \"1227.61\"") != NULL);
    cz_string_free(json);
    cz_report_free(b);
    cz_report_free(NULL);

    free(data);
    if (failures) fprintf(stderr, "%d failures\n", failures);
    return check_summary();
}
