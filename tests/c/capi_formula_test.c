/* C99 test of the formula C API against caizheng.h only. */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <string.h>



static void test_check(void) {
    int32_t valid = -1, column = -1;
    int64_t position = -2;
    char* message = (char*)"untouched";
    CHECK(cz_formula_check("T02[\xe5\x90\x88\xe8\xae\xa1].c1 == sum(T02[*].c1) within tail", &valid, &position,
                           &column, &message) == CZ_OK); /* T02[合计].c1 == … */
    CHECK(valid == 1 && position == -1 && column == 0 && message == NULL);
    /* "T02[合计.c1 == 1": the '.' is byte 10, character 7. */
    CHECK(cz_formula_check("T02[\xe5\x90\x88\xe8\xae\xa1.c1 == 1", &valid, &position, &column, &message) == CZ_OK);
    CHECK(valid == 0 && position == 10 && column == 7);
    CHECK(message != NULL && strstr(message, "expected ']' after row selector") != NULL);
    CHECK(message != NULL && strstr(message, "at character 7") != NULL);
    cz_string_free(message);
    /* optional outputs may be NULL */
    CHECK(cz_formula_check("c1 == c2", &valid, NULL, NULL, NULL) == CZ_OK);
    CHECK(valid == 0);
    /* invalid arguments leave outputs unchanged */
    valid = 42;
    CHECK(cz_formula_check(NULL, &valid, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(valid == 42);
    CHECK(cz_formula_check("1 == 1", NULL, NULL, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
}

static void test_rules(void) {
    int32_t valid = -1, column = -1;
    int64_t count = -1, line = -1;
    char* message = NULL;
    const char* good = "id: a\nformula: 1 == 1\n\nid: b\nseverity: warning\nformula: T06[301] == 3\n";
    CHECK(cz_formula_rules_check(good, &valid, &count, &line, &column, &message) == CZ_OK);
    CHECK(valid == 1 && count == 2 && message == NULL);
    CHECK(cz_formula_rules_check("id: a\nformula: T02[*.c1 == 1\n", &valid, &count, &line, &column, &message) == CZ_OK);
    CHECK(valid == 0 && line == 2 && column == 15);
    CHECK(message != NULL && strstr(message, "rules line 2, column 15") != NULL);
    cz_string_free(message);
    char* text = NULL;
    CHECK(cz_formula_builtin_rules(&text) == CZ_OK);
    CHECK(text != NULL && strstr(text, "id: income.total_row") != NULL);
    CHECK(cz_formula_rules_check(text, &valid, &count, NULL, NULL, NULL) == CZ_OK);
    CHECK(valid == 1 && count >= 40);
    cz_string_free(text);
    CHECK(cz_formula_builtin_rules(NULL) == CZ_ERR_INVALID_ARGUMENT);
}

int main(void) {
    test_check();
    test_rules();
    return check_summary();
}
