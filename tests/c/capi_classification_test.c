/* C99 test of the classification C API against caizheng.h only. */
#include <caizheng.h>

#include "check.h"

#include <stdio.h>
#include <string.h>



static int str_is(char* s, const char* expected) {
    int ok = s != NULL && strcmp(s, expected) == 0;
    if (!ok) fprintf(stderr, "  got \"%s\", expected \"%s\"\n", s ? s : "(null)", expected);
    cz_string_free(s);
    return ok;
}

static void test_embedded(void) {
    const cz_catalog* fun = NULL;
    const cz_catalog* again = NULL;
    int32_t tree = -1, year = -1, complete = -1, status = -1, level = -1;
    int64_t size = -1, n = -1;
    char* name = NULL;

    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2024, &fun) == CZ_OK);
    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2024, &again) == CZ_OK);
    CHECK(fun != NULL && fun == again); /* one shared handle */
    CHECK(cz_catalog_info(fun, &tree, &year, &complete, &size) == CZ_OK);
    CHECK(tree == CZ_TREE_FUNCTIONAL && year == 2024 && complete == 0 && size == 174);
    CHECK(cz_catalog_count(fun, CZ_LEVEL_LEI, &n) == CZ_OK && n == 14);
    CHECK(cz_catalog_count(fun, CZ_LEVEL_XIANG, &n) == CZ_OK && n == 113);
    CHECK(cz_catalog_count(fun, 7, &n) == CZ_ERR_INVALID_ARGUMENT);

    /* The three answers. */
    CHECK(cz_catalog_lookup(fun, "2101101", &status, &level, &name) == CZ_OK);
    CHECK(status == CZ_CODE_KNOWN && level == CZ_LEVEL_XIANG);
    CHECK(str_is(name, "\xe8\xa1\x8c\xe6\x94\xbf\xe5\x8d\x95\xe4\xbd\x8d\xe5\x8c\xbb\xe7\x96\x97")); /* 行政单位医疗 */
    name = (char*)1;
    CHECK(cz_catalog_lookup(fun, "2019999", &status, &level, &name) == CZ_OK);
    CHECK(status == CZ_CODE_UNKNOWN && level == CZ_LEVEL_XIANG && name == NULL);
    CHECK(cz_catalog_lookup(fun, "20199", &status, NULL, NULL) == CZ_OK && status == CZ_CODE_UNKNOWN);
    CHECK(cz_catalog_lookup(fun, "201x", &status, &level, NULL) == CZ_OK);
    CHECK(status == CZ_CODE_MALFORMED && level == 0);

    /* Missing handle / year. */
    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2023, &again) == CZ_ERR_NOT_FOUND);
    CHECK(again == fun); /* untouched on failure */
    CHECK(cz_catalog_embedded(9, 2024, &again) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(cz_catalog_lookup(NULL, "201", &status, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);
    cz_catalog_free((cz_catalog*)fun); /* ignored: shared handle */
    CHECK(cz_catalog_info(fun, NULL, NULL, NULL, &size) == CZ_OK && size == 174);
}

static void test_structure_and_paths(void) {
    const cz_catalog* fun = NULL;
    char* s = NULL;
    int64_t first = -1, last = -1;
    int32_t level = 0, verdict = -1;
    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2024, &fun) == CZ_OK);

    CHECK(cz_code_parent(CZ_TREE_FUNCTIONAL, "2010301", &s) == CZ_OK && str_is(s, "20103"));
    CHECK(cz_code_parent(CZ_TREE_FUNCTIONAL, "201", &s) == CZ_OK && str_is(s, ""));
    s = NULL;
    CHECK(cz_code_parent(CZ_TREE_FUNCTIONAL, "2010", &s) == CZ_ERR_PARSE && s == NULL);
    CHECK(cz_catalog_children(fun, "21011", &s) == CZ_OK && str_is(s, "2101101\n2101102\n2101103"));

    CHECK(cz_catalog_subtree_range(fun, "210", &first, &last) == CZ_OK);
    CHECK(last > first);
    CHECK(cz_catalog_at(fun, first, &s, NULL, &level) == CZ_OK && str_is(s, "210") && level == CZ_LEVEL_LEI);
    CHECK(cz_catalog_at(fun, 100000, &s, NULL, NULL) == CZ_ERR_INVALID_ARGUMENT);

    /* 一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项） */
    CHECK(cz_catalog_path_name(fun, "2010301", CZ_PATH_NARRATIVE, &s) == CZ_OK);
    CHECK(str_is(s, "\xe4\xb8\x80\xe8\x88\xac\xe5\x85\xac\xe5\x85\xb1\xe6\x9c\x8d\xe5\x8a\xa1\xef\xbc\x88\xe7\xb1\xbb\xef\xbc\x89"
                    "\xe6\x94\xbf\xe5\xba\x9c\xe5\x8a\x9e\xe5\x85\xac\xe5\x8e\x85\xef\xbc\x88\xe5\xae\xa4\xef\xbc\x89"
                    "\xe5\x8f\x8a\xe7\x9b\xb8\xe5\x85\xb3\xe6\x9c\xba\xe6\x9e\x84\xe4\xba\x8b\xe5\x8a\xa1\xef\xbc\x88\xe6\xac\xbe\xef\xbc\x89"
                    "\xe8\xa1\x8c\xe6\x94\xbf\xe8\xbf\x90\xe8\xa1\x8c\xef\xbc\x88\xe9\xa1\xb9\xef\xbc\x89"));
    s = NULL;
    CHECK(cz_catalog_path_name(fun, "2050302", CZ_PATH_NARRATIVE, &s) == CZ_ERR_NOT_FOUND && s == NULL);
    CHECK(strstr(cz_last_error(), "20503") != NULL);

    /* The report's item 7: 卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。 (类 keeps 支出). */
    {
        const char* text =
            "7\xe3\x80\x81\xe5\x8d\xab\xe7\x94\x9f\xe5\x81\xa5\xe5\xba\xb7\xe6\x94\xaf\xe5\x87\xba\xef\xbc\x88\xe7\xb1\xbb\xef\xbc\x89"
            "\xe8\xa1\x8c\xe6\x94\xbf\xe4\xba\x8b\xe4\xb8\x9a\xe5\x8d\x95\xe4\xbd\x8d\xe5\x8c\xbb\xe7\x96\x97\xef\xbc\x88\xe6\xac\xbe\xef\xbc\x89"
            "\xe8\xa1\x8c\xe6\x94\xbf\xe5\x8d\x95\xe4\xbd\x8d\xe5\x8c\xbb\xe7\x96\x97\xef\xbc\x88\xe9\xa1\xb9\xef\xbc\x89\xe3\x80\x82";
        CHECK(cz_catalog_match_path(fun, "2101101", text, &verdict, NULL) == CZ_OK && verdict == CZ_VERDICT_MATCH);
        CHECK(cz_catalog_match_path(fun, "2101102", text, &verdict, &s) == CZ_OK && verdict == CZ_VERDICT_MISMATCH);
        cz_string_free(s);
        CHECK(cz_catalog_resolve_path(fun, text, &s) == CZ_OK && str_is(s, "2101101"));
    }
}

static void test_names(void) {
    const cz_catalog* fun = NULL;
    char* s = NULL;
    int32_t verdict = -1;
    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2024, &fun) == CZ_OK);
    /* 2101101 行政单位医疗: match; 事业单位医疗: mismatch with the catalog's name. */
    CHECK(cz_catalog_check_name(fun, "2101101", "\xe8\xa1\x8c\xe6\x94\xbf\xe5\x8d\x95\xe4\xbd\x8d\xe5\x8c\xbb\xe7\x96\x97",
                                &verdict, NULL) == CZ_OK);
    CHECK(verdict == CZ_VERDICT_MATCH);
    CHECK(cz_catalog_check_name(fun, "2101101", "\xe4\xba\x8b\xe4\xb8\x9a\xe5\x8d\x95\xe4\xbd\x8d\xe5\x8c\xbb\xe7\x96\x97",
                                &verdict, &s) == CZ_OK);
    CHECK(verdict == CZ_VERDICT_MISMATCH);
    CHECK(str_is(s, "\xe8\xa1\x8c\xe6\x94\xbf\xe5\x8d\x95\xe4\xbd\x8d\xe5\x8c\xbb\xe7\x96\x97"));
    CHECK(cz_catalog_check_name(fun, "2019999", "x", &verdict, &s) == CZ_OK && verdict == CZ_VERDICT_CANNOT_VERIFY);
    CHECK(str_is(s, ""));
    CHECK(cz_catalog_check_name(fun, "20", "x", &verdict, NULL) == CZ_OK && verdict == CZ_VERDICT_MALFORMED_CODE);
    /* 公务员医疗补助 */
    CHECK(cz_catalog_find_by_name(fun, "\xe5\x85\xac\xe5\x8a\xa1\xe5\x91\x98\xe5\x8c\xbb\xe7\x96\x97\xe8\xa1\xa5\xe5\x8a\xa9", &s) == CZ_OK);
    CHECK(str_is(s, "2101103"));
    /* 医疗 */
    CHECK(cz_catalog_find_containing(fun, "\xe5\x8c\xbb\xe7\x96\x97", &s) == CZ_OK);
    CHECK(s != NULL && strstr(s, "21011\n2101101\n2101102\n2101103") != NULL);
    cz_string_free(s);
    CHECK(cz_catalog_find_by_name(fun, "nothing", &s) == CZ_OK && str_is(s, ""));
}

static void test_load(void) {
    const cz_catalog* fun = NULL;
    cz_catalog* loaded = NULL;
    cz_catalog* over = NULL;
    char* json = NULL;
    int32_t complete = -1, status = -1;
    int64_t size = 0;
    const char* good = "# tree: functional\n# year: 2024\n# complete: no\ncode,name\n"
                       "20101,\xe4\xba\xba\xe5\xa4\xa7\xe4\xba\x8b\xe5\x8a\xa1\n"; /* 人大事务 */
    const char* dup = "code,name\n201,a\n201,b\n";
    const char* orphan = "code,name\n2010301,a\n";
    const char* bad_utf8 = "code,name\n201,\xff\n";

    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2024, &fun) == CZ_OK);
    CHECK(cz_catalog_load_csv(good, -1, CZ_FROM_FILE, CZ_FROM_FILE, CZ_FROM_FILE, NULL, &loaded) == CZ_OK);
    CHECK(cz_catalog_info(loaded, NULL, NULL, &complete, &size) == CZ_OK && complete == 0 && size == 1);
    CHECK(cz_catalog_load_csv(good, -1, CZ_FROM_FILE, CZ_FROM_FILE, CZ_FROM_FILE, fun, &over) == CZ_OK);
    CHECK(cz_catalog_info(over, NULL, NULL, NULL, &size) == CZ_OK && size == 175);
    CHECK(cz_catalog_lookup(over, "20101", &status, NULL, NULL) == CZ_OK && status == CZ_CODE_KNOWN);
    CHECK(cz_catalog_compare(fun, over, &json) == CZ_OK);
    CHECK(json != NULL && strstr(json, "\"added\":[{\"code\":\"20101\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"removed\":[]") != NULL);
    cz_string_free(json);

    {
        cz_catalog* untouched = (cz_catalog*)&status;
        cz_catalog* keep = untouched;
        CHECK(cz_catalog_load_csv(dup, -1, CZ_TREE_FUNCTIONAL, 2024, CZ_FROM_FILE, NULL, &untouched) ==
              CZ_ERR_INCONSISTENT);
        CHECK(untouched == keep);
        CHECK(strstr(cz_last_error(), "line 3: duplicate code 201 (first on line 2)") != NULL);
        CHECK(cz_catalog_load_csv(orphan, -1, CZ_TREE_FUNCTIONAL, 2024, CZ_FROM_FILE, NULL, &untouched) ==
              CZ_ERR_INCONSISTENT);
        CHECK(strstr(cz_last_error(), "line 2:") != NULL);
        CHECK(cz_catalog_load_csv(orphan, -1, CZ_TREE_FUNCTIONAL, 2024, 0, NULL, &untouched) == CZ_OK);
        cz_catalog_free(untouched);
        untouched = keep;
        CHECK(cz_catalog_load_csv(bad_utf8, -1, CZ_TREE_FUNCTIONAL, 2024, CZ_FROM_FILE, NULL, &untouched) ==
              CZ_ERR_PARSE);
        CHECK(strstr(cz_last_error(), "line 2: invalid UTF-8") != NULL);
        CHECK(cz_catalog_load_csv("", 0, CZ_TREE_FUNCTIONAL, 2024, CZ_FROM_FILE, NULL, &untouched) == CZ_ERR_PARSE);
        CHECK(cz_catalog_load_csv("code,name\n201,a\n", -1, CZ_FROM_FILE, CZ_FROM_FILE, CZ_FROM_FILE, NULL,
                                  &untouched) == CZ_ERR_INVALID_ARGUMENT);
        CHECK(cz_catalog_load_csv_file("/nonexistent.csv", CZ_TREE_FUNCTIONAL, 2024, CZ_FROM_FILE, NULL,
                                       &untouched) == CZ_ERR_IO);
        CHECK(untouched == keep);
    }
    cz_catalog_free(over);
    cz_catalog_free(loaded);
    cz_catalog_free(NULL);

    {
        cz_catalog* copy = NULL;
        CHECK(cz_catalog_embedded_copy(CZ_TREE_ECONOMIC_DEPARTMENT, 2024, &copy) == CZ_OK);
        CHECK(cz_catalog_lookup(copy, "39907", &status, NULL, NULL) == CZ_OK && status == CZ_CODE_KNOWN);
        cz_catalog_free(copy);
    }
}

static void test_correspondence_and_rollup(void) {
    char* s = NULL;
    /* Hunan table 05 (万元 hundredths): 201 = 192.26 + 948.74 + 25.00 + 5.00 = 1171.00. */
    const char* codes[] = {"2010301", "2010302", "2010305", "2013299", "2080505"};
    const int64_t amounts[] = {19226, 94874, 2500, 500, 1964};
    const char* dup[] = {"2010301", "201"};
    const int64_t two[] = {1, 2};

    CHECK(cz_economic_government_for(2024, "30101", &s) == CZ_OK && str_is(s, "50101"));
    CHECK(cz_economic_government_for(2024, "30203", &s) == CZ_OK && str_is(s, ""));
    CHECK(cz_economic_departments_for(2024, "50103", &s) == CZ_OK && str_is(s, "30113"));
    CHECK(cz_economic_government_for(2023, "30101", &s) == CZ_ERR_NOT_FOUND);

    CHECK(cz_classification_roll_up(CZ_TREE_FUNCTIONAL, codes, amounts, 5, &s) == CZ_OK);
    CHECK(s != NULL && strstr(s, "[{\"code\":\"201\",\"level\":1,\"amount\":117100,\"rows\":4}") == s);
    CHECK(s != NULL && strstr(s, "{\"code\":\"20103\",\"level\":2,\"amount\":116600,\"rows\":3}") != NULL);
    CHECK(s != NULL && strstr(s, "{\"code\":\"208\",\"level\":1,\"amount\":1964,\"rows\":1}") != NULL);
    cz_string_free(s);
    CHECK(cz_classification_roll_up(CZ_TREE_FUNCTIONAL, dup, two, 2, &s) == CZ_ERR_INCONSISTENT);
    CHECK(cz_classification_roll_up(CZ_TREE_FUNCTIONAL, NULL, NULL, 0, &s) == CZ_OK && str_is(s, "[]"));
}

int main(void) {
    test_embedded();
    test_structure_and_paths();
    test_names();
    test_load();
    test_correspondence_and_rollup();
    return check_summary();
}
