/* The C API used from many threads at once (run under ThreadSanitizer by the tsan preset).
 *
 * N_THREADS workers start together (barrier) and each runs every case in CASES N_ROUNDS times.
 * What is exercised:
 *  - shared read-only data: every thread reads the same const inputs (SHARED_*) and must get the
 *    same results as the main thread computed alone beforehand;
 *  - the thread-local error message: each thread fails with text of its own and must read back
 *    its own message, never another thread's;
 *  - library-allocated strings: allocated and freed in a worker, and allocated in a worker and
 *    freed by the main thread after the join.
 *
 * Adding a case: write `static int case_x(int id, int round)` that returns the number of
 * failed checks, using separate handles per thread (cz_<thing>_new/free inside the case) or a
 * handle shared read-only through a static set up by the main thread before the workers start,
 * and add one line to CASES. Expensive cases (a whole reconcile) run on some rounds only.
 * C99 + POSIX threads, caizheng.h only.
 */
#define _POSIX_C_SOURCE 200809L
#include <caizheng.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_THREADS 8
#define N_ROUNDS 200

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: thread %d: CHECK failed: %s\n", __FILE__, __LINE__, id, \
                    #cond);                                                               \
            ++failed;                                                                     \
        }                                                                                 \
    } while (0)

/* ---- Shared read-only data ------------------------------------------------------------------ */

/* The 2024 tianyuan report's 类 figures as printed (万元), read by every thread. */
static const char* const SHARED_CELLS[] = {"1, 171.00", "20.26", "19.05", "17.30"};
#define N_CELLS 4
static const char* const SHARED_TOTAL = "1,227.61";
/* Results computed once by the main thread before the workers start. */
static int64_t expected_parts[N_CELLS];
static int64_t expected_total;
static int64_t expected_share; /* first part / total × 100, 2 places */

static int setup_shared(void) {
    int id = -1, failed = 0;
    int32_t empty = 0;
    for (int i = 0; i < N_CELLS; ++i)
        CHECK(cz_amount_parse(SHARED_CELLS[i], CZ_ROUND_NONE, &expected_parts[i], &empty) == CZ_OK);
    CHECK(cz_amount_parse(SHARED_TOTAL, CZ_ROUND_NONE, &expected_total, &empty) == CZ_OK);
    CHECK(cz_percent(CZ_PERCENT_SHARE, expected_parts[0], expected_total, 2,
                     CZ_ROUND_HALF_AWAY_FROM_ZERO, &expected_share) == CZ_OK);
    /* Hand-checked: 1171.00 + 20.26 + 19.05 + 17.30 = 1227.61; 1171 / 1227.61 = 95.3886…% */
    CHECK(expected_total == 122761 && expected_share == 9539);
    return failed;
}

/* ---- Cases ---------------------------------------------------------------------------------- */

/* Parse, sum, compare, percentage over the shared cells. */
static int case_money_shared(int id, int round) {
    (void)round;
    int failed = 0;
    int64_t parts[N_CELLS], sum = 0, share = 0, diff = -1, bound = -1;
    int32_t empty = -1, verdict = -1, matches = -1, scale = -1;
    for (int i = 0; i < N_CELLS; ++i) {
        CHECK(cz_amount_parse(SHARED_CELLS[i], CZ_ROUND_NONE, &parts[i], &empty) == CZ_OK);
        CHECK(parts[i] == expected_parts[i] && empty == 0);
    }
    CHECK(cz_amount_sum(parts, N_CELLS, &sum) == CZ_OK && sum == expected_total);
    CHECK(cz_tail_compare(expected_total, parts, N_CELLS, 0, &verdict, &diff, &bound) == CZ_OK);
    CHECK(verdict == CZ_TAIL_EXACT && diff == 0 && bound == 2);
    CHECK(cz_percent(CZ_PERCENT_SHARE, parts[0], sum, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &share) ==
          CZ_OK);
    CHECK(share == expected_share);
    CHECK(cz_percent_check(CZ_PERCENT_SHARE, parts[0], sum, "95.39%", &matches, &share, &scale) ==
          CZ_OK);
    CHECK(matches == 1 && share == 9539 && scale == 2);
    return failed;
}

/* Each thread's failures produce messages naming its own text; nobody else's leak in. */
static int case_error_message_is_per_thread(int id, int round) {
    (void)round;
    int failed = 0;
    char bad[32], mine[32];
    snprintf(bad, sizeof bad, "%dx%d", id, id);  /* "3x3": not an amount */
    snprintf(mine, sizeof mine, "\"%dx%d\"", id, id);
    int64_t v = 42;
    int32_t empty = 7;
    CHECK(cz_amount_parse(bad, CZ_ROUND_NONE, &v, &empty) == CZ_ERR_PARSE);
    CHECK(v == 42 && empty == 7); /* outputs untouched on failure */
    CHECK(strstr(cz_last_error(), mine) != NULL);
    /* A success does not clear it; another failure replaces it. */
    CHECK(cz_amount_add(1, 2, &v) == CZ_OK && v == 3);
    CHECK(strstr(cz_last_error(), mine) != NULL);
    CHECK(cz_amount_add(INT64_MAX, 1, &v) == CZ_ERR_OVERFLOW && v == 3);
    CHECK(strstr(cz_last_error(), mine) == NULL && cz_last_error()[0] != '\0');
    CHECK(strcmp(cz_status_name(CZ_ERR_OVERFLOW), "overflow") == 0);
    return failed;
}

/* Strings allocated and freed by the library in this thread. */
static int case_strings(int id, int round) {
    (void)round;
    int failed = 0;
    char* text = NULL;
    CHECK(cz_amount_format(122761 + id, 1, &text) == CZ_OK);
    char want[32];
    snprintf(want, sizeof want, "1,227.%02d", 61 + id);
    CHECK(text != NULL && strcmp(text, want) == 0);
    cz_string_free(text);
    CHECK(cz_decimal_format(9539, 2, &text) == CZ_OK && strcmp(text, "95.39") == 0);
    cz_string_free(text);
    CHECK(strcmp(cz_version_string(), CZ_VERSION_STRING) == 0);
    return failed;
}

/* The embedded catalog: one shared read-only handle used by every thread at once, obtained by
 * the main thread in setup_catalog(). */
static const cz_catalog* shared_catalog;

static int setup_catalog(void) {
    int id = -1, failed = 0;
    CHECK(cz_catalog_embedded(CZ_TREE_FUNCTIONAL, 2024, &shared_catalog) == CZ_OK);
    CHECK(shared_catalog != NULL);
    return failed;
}

/* Look up 2010301 行政运行 (一般公共服务 / 政府办公厅（室）及相关机构事务) in the shared handle. */
static int case_catalog_shared(int id, int round) {
    (void)round;
    int failed = 0;
    int32_t status = -1, level = -1;
    char* name = NULL;
    CHECK(cz_catalog_lookup(shared_catalog, "2010301", &status, &level, &name) == CZ_OK);
    CHECK(status == CZ_CODE_KNOWN && level == CZ_LEVEL_XIANG);
    CHECK(name != NULL && strcmp(name, "行政运行") == 0);
    cz_string_free(name);
    char* children = NULL;
    CHECK(cz_catalog_children(shared_catalog, "201", &children) == CZ_OK);
    CHECK(children != NULL && strstr(children, "20103") != NULL);
    cz_string_free(children);
    /* A malformed code: an answer, not an error; outputs of a failed call stay untouched. */
    CHECK(cz_catalog_lookup(shared_catalog, "20x", &status, &level, NULL) == CZ_OK);
    CHECK(status == CZ_CODE_MALFORMED);
    status = 99;
    CHECK(cz_catalog_lookup(shared_catalog, NULL, &status, &level, NULL) == CZ_ERR_INVALID_ARGUMENT);
    CHECK(status == 99);
    return failed;
}

/* Separate handles: every thread gets its own owned copy, uses it and frees it. The first call
 * for the 部门 economic tree also races the embedded catalog's first use across threads. */
static int case_catalog_owned(int id, int round) {
    (void)round;
    int failed = 0;
    const cz_catalog* economic = NULL;
    CHECK(cz_catalog_embedded(CZ_TREE_ECONOMIC_DEPARTMENT, 2024, &economic) == CZ_OK);
    int32_t status = -1;
    CHECK(cz_catalog_lookup(economic, "30101", &status, NULL, NULL) == CZ_OK && status == CZ_CODE_KNOWN);
    cz_catalog* mine = NULL;
    CHECK(cz_catalog_embedded_copy(CZ_TREE_FUNCTIONAL, 2024, &mine) == CZ_OK && mine != NULL);
    char* name = NULL;
    CHECK(cz_catalog_lookup(mine, "201", &status, NULL, &name) == CZ_OK && status == CZ_CODE_KNOWN);
    CHECK(name != NULL && strcmp(name, "一般公共服务支出") == 0);
    cz_string_free(name);
    cz_catalog_free(mine);
    return failed;
}

/* A report: one imported by the main thread (setup_report) and read by every thread at once
 * through `const cz_report*`; and reports of its own per thread. */
static cz_report* shared_report;
static char* shared_report_json; /* its JSON, computed by the main thread alone */
static int64_t shared_tables;

static int setup_report(void) {
    int id = -1, failed = 0;
    CHECK(cz_report_import_text_file(CAIZHENG_TEST_DATA "/reports/2024_tianyuan_data_bureau.txt",
                                     &shared_report) == CZ_OK);
    CHECK(cz_report_table_count(shared_report, &shared_tables) == CZ_OK);
    CHECK(shared_tables >= 9); /* the nine 公开 tables, some printed in halves */
    CHECK(cz_report_to_json(shared_report, 0, &shared_report_json) == CZ_OK);
    return failed;
}

static int case_report_shared(int id, int round) {
    (void)round;
    int failed = 0;
    const cz_report* r = shared_report;
    int64_t tables = -1, warnings = -1;
    CHECK(cz_report_table_count(r, &tables) == CZ_OK && tables == shared_tables);
    CHECK(cz_report_warning_count(r, &warnings) == CZ_OK && warnings >= 0);
    if (id < 2) { /* JSON is the most expensive read: two threads do it each round */
        char* json = NULL;
        CHECK(cz_report_to_json(r, 0, &json) == CZ_OK);
        CHECK(json != NULL && strcmp(json, shared_report_json) == 0);
        cz_string_free(json);
    }
    return failed;
}

static int case_report_owned(int id, int round) {
    (void)round;
    int failed = 0;
    cz_report* mine = NULL;
    CHECK(cz_report_new(&mine) == CZ_OK && mine != NULL);
    int64_t tables = -1;
    CHECK(cz_report_table_count(mine, &tables) == CZ_OK && tables == 0);
    /* Bad JSON: an error with this thread's message, and the output left alone. */
    cz_report* untouched = mine;
    CHECK(cz_report_from_json("{", 1, &untouched) == CZ_ERR_PARSE && untouched == mine);
    CHECK(cz_last_error()[0] != '\0');
    cz_report_free(mine);
    return failed;
}

/* Reconciliation: one reconciler shared by every thread (cz_reconciler_run is documented as
 * safe on a shared reconciler), run on the shared report; and a reconciler of its own per
 * thread, with a user rule of its own. The main thread computed the expected findings alone. */
static cz_reconciler* shared_reconciler;
static int64_t expected_findings, expected_errors;
static char* expected_findings_json;
#define RECONCILE_EVERY 20 /* a reconcile is ~1000x a money call: every 20th round */

static int setup_reconcile(void) {
    int id = -1, failed = 0;
    cz_findings* f = NULL;
    CHECK(cz_reconciler_new(&shared_reconciler) == CZ_OK);
    CHECK(cz_reconciler_add_rules(shared_reconciler,
                                  "id: shared.cap\nseverity: warning\nformula: basic[人员经费合计] <= 200\n") ==
          CZ_OK);
    CHECK(cz_reconciler_run(shared_reconciler, shared_report, &f) == CZ_OK);
    CHECK(cz_findings_count(f, &expected_findings) == CZ_OK);
    CHECK(cz_findings_count_severity(f, CZ_SEVERITY_ERROR, &expected_errors) == CZ_OK);
    CHECK(expected_errors > 0); /* the bundled report has real errors (tests/reconcile_test.cpp) */
    CHECK(cz_findings_render(f, shared_report, CZ_RENDER_JSON, CZ_LANG_BOTH, &expected_findings_json) == CZ_OK);
    cz_findings_free(f);
    return failed;
}

static int case_reconcile_shared(int id, int round) {
    int failed = 0;
    if ((round + id) % RECONCILE_EVERY != 0) return 0;
    cz_findings* f = NULL;
    int64_t n = -1, errors = -1;
    CHECK(cz_reconciler_run(shared_reconciler, shared_report, &f) == CZ_OK);
    CHECK(cz_findings_count(f, &n) == CZ_OK && n == expected_findings);
    CHECK(cz_findings_count_severity(f, CZ_SEVERITY_ERROR, &errors) == CZ_OK && errors == expected_errors);
    char* json = NULL;
    CHECK(cz_findings_render(f, shared_report, CZ_RENDER_JSON, CZ_LANG_BOTH, &json) == CZ_OK);
    CHECK(json != NULL && strcmp(json, expected_findings_json) == 0);
    cz_string_free(json);
    cz_findings_free(f);
    return failed;
}

static int case_reconcile_owned(int id, int round) {
    int failed = 0;
    if ((round + id + RECONCILE_EVERY / 2) % RECONCILE_EVERY != 0) return 0;
    cz_reconciler* mine = NULL;
    CHECK(cz_reconciler_new(&mine) == CZ_OK && mine != NULL);
    /* A rule of this thread's own that always fails: its id must come back in the findings. */
    char rules[160], want[32];
    snprintf(want, sizeof want, "thread%d.never", id);
    snprintf(rules, sizeof rules, "id: %s\nseverity: warning\nformula: basic[人员经费合计] < 0\n", want);
    CHECK(cz_reconciler_add_rules(mine, rules) == CZ_OK);
    /* A bad rule: CZ_ERR_PARSE with this thread's message; the reconciler is unchanged. */
    CHECK(cz_reconciler_add_rules(mine, "id: bad\nformula: T02[合计.c1 == 1\n") == CZ_ERR_PARSE);
    CHECK(cz_last_error()[0] != '\0');
    cz_findings* f = NULL;
    CHECK(cz_reconciler_run(mine, shared_report, &f) == CZ_OK);
    int64_t n = -1;
    CHECK(cz_findings_count(f, &n) == CZ_OK && n == expected_findings); /* own rule replaces shared.cap */
    int found = 0;
    for (int64_t i = 0; i < n; ++i) {
        char* rule = NULL;
        CHECK(cz_finding_info(f, i, &rule, NULL, NULL, NULL) == CZ_OK);
        if (rule != NULL && strcmp(rule, want) == 0) ++found;
        if (rule != NULL && strncmp(rule, "thread", 6) == 0 && strcmp(rule, want) != 0) ++failed;
        cz_string_free(rule);
    }
    CHECK(found == 1);
    cz_findings_free(f);
    cz_reconciler_free(mine);
    return failed;
}

/* Scoring: the built-in profile handle shared by every thread, a profile of its own per
 * thread (from JSON), and the 绩效 review of the shared report. */
static const cz_scoring_profile* shared_profile;
static char* expected_review;

static int setup_scoring(void) {
    int id = -1, failed = 0;
    CHECK(cz_scoring_profile_builtin("hunan_observed", &shared_profile) == CZ_OK);
    CHECK(cz_performance_review(shared_report, shared_profile, 0, &expected_review) == CZ_OK);
    CHECK(expected_review != NULL && strstr(expected_review, "\"projects\"") != NULL);
    return failed;
}

static int case_scoring(int id, int round) {
    int failed = 0;
    int32_t method = -1, has = -1, met = -1, grade = -1;
    int64_t score = -1;
    /* ≤24小时 vs 25小时, 分值 5: linear 反向 (1 − 1/24) × 5 = 4.7916… → 4.79 (central) */
    CHECK(cz_indicator_score("\xe2\x89\xa4" "24\xe5\xb0\x8f\xe6\x97\xb6", "25\xe5\xb0\x8f\xe6\x97\xb6", 5, 0, NULL,
                             &method, &has, &score, &met, NULL) == CZ_OK);
    CHECK(method == CZ_METHOD_REVERSE && has == 1 && score == 479 && met == 0);
    CHECK(cz_grade(9000, 2, shared_profile, &grade) == CZ_OK && grade == CZ_GRADE_EXCELLENT);
    cz_scoring_profile* mine = NULL;
    CHECK(cz_scoring_profile_from_json("{\"name\":\"p\",\"reverse\":\"ratio\",\"grades\":{\"excellent\":\"95\"}}",
                                       &mine) == CZ_OK);
    /* ratio 反向: 24 / 25 × 5 = 4.80; 90 分 is 良 when 优 starts at 95 */
    CHECK(cz_indicator_score("\xe2\x89\xa4" "24\xe5\xb0\x8f\xe6\x97\xb6", "25\xe5\xb0\x8f\xe6\x97\xb6", 5, 0, mine,
                             &method, &has, &score, &met, NULL) == CZ_OK);
    CHECK(score == 480);
    CHECK(cz_grade(9000, 2, mine, &grade) == CZ_OK && grade == CZ_GRADE_GOOD);
    cz_scoring_profile_free(mine);
    if ((round + id) % RECONCILE_EVERY == 0) {
        char* review = NULL;
        CHECK(cz_performance_review(shared_report, shared_profile, 0, &review) == CZ_OK);
        CHECK(review != NULL && strcmp(review, expected_review) == 0);
        cz_string_free(review);
    }
    return failed;
}

typedef int (*case_fn)(int id, int round);
static const struct {
    const char* name;
    case_fn run;
} CASES[] = {
    {"money_shared", case_money_shared},
    {"error_message_is_per_thread", case_error_message_is_per_thread},
    {"strings", case_strings},
    {"catalog_shared", case_catalog_shared},
    {"catalog_owned", case_catalog_owned},
    {"report_shared", case_report_shared},
    {"report_owned", case_report_owned},
    {"reconcile_shared", case_reconcile_shared},
    {"reconcile_owned", case_reconcile_owned},
    {"scoring", case_scoring},
};
#define N_CASES (sizeof CASES / sizeof CASES[0])

/* ---- Driver --------------------------------------------------------------------------------- */

static pthread_barrier_t start;

struct worker {
    int id;
    int failed;
    char* kept; /* allocated here, freed by the main thread after the join */
};

static void* run_worker(void* arg) {
    struct worker* w = arg;
    pthread_barrier_wait(&start);
    for (int round = 0; round < N_ROUNDS; ++round)
        for (size_t c = 0; c < N_CASES; ++c) {
            const int f = CASES[c].run(w->id, round);
            if (f != 0) fprintf(stderr, "thread %d: case %s failed\n", w->id, CASES[c].name);
            w->failed += f;
        }
    if (cz_amount_format(w->id * 100, 0, &w->kept) != CZ_OK) ++w->failed;
    return NULL;
}

int main(void) {
    int failed = setup_shared() + setup_catalog() + setup_report() + setup_reconcile() + setup_scoring();
    struct worker workers[N_THREADS];
    pthread_t threads[N_THREADS];
    pthread_barrier_init(&start, NULL, N_THREADS);
    for (int i = 0; i < N_THREADS; ++i) {
        workers[i].id = i;
        workers[i].failed = 0;
        workers[i].kept = NULL;
        if (pthread_create(&threads[i], NULL, run_worker, &workers[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < N_THREADS; ++i) {
        pthread_join(threads[i], NULL);
        failed += workers[i].failed;
        char want[32];
        snprintf(want, sizeof want, "%d.00", i);
        if (workers[i].kept == NULL || strcmp(workers[i].kept, want) != 0) ++failed;
        cz_string_free(workers[i].kept);
    }
    pthread_barrier_destroy(&start);
    cz_string_free(shared_report_json);
    cz_string_free(expected_findings_json);
    cz_string_free(expected_review);
    cz_reconciler_free(shared_reconciler);
    cz_report_free(shared_report);
    printf("%d threads x %d rounds x %d cases: %d failed checks\n", N_THREADS, N_ROUNDS,
           (int)N_CASES, failed);
    return failed == 0 ? 0 : 1;
}
