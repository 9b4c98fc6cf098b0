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
 * Adding a case (e.g. when reconcile / scoring land): write `static int case_x(int id)`
 * that returns the number of failed checks, using separate handles per thread
 * (cz_<thing>_new/free inside the case) or a handle shared read-only through a static set up
 * in setup_shared(), and add one line to CASES. C99 + POSIX threads, caizheng.h only.
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
static int case_money_shared(int id) {
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
static int case_error_message_is_per_thread(int id) {
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
static int case_strings(int id) {
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
static int case_catalog_shared(int id) {
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
static int case_catalog_owned(int id) {
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

static int case_report_shared(int id) {
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

static int case_report_owned(int id) {
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

typedef int (*case_fn)(int id);
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
    /* reconcile / scoring cases go here */
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
            const int f = CASES[c].run(w->id);
            if (f != 0) fprintf(stderr, "thread %d: case %s failed\n", w->id, CASES[c].name);
            w->failed += f;
        }
    if (cz_amount_format(w->id * 100, 0, &w->kept) != CZ_OK) ++w->failed;
    return NULL;
}

int main(void) {
    int failed = setup_shared() + setup_catalog() + setup_report();
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
    cz_report_free(shared_report);
    printf("%d threads x %d rounds x %d cases: %d failed checks\n", N_THREADS, N_ROUNDS,
           (int)N_CASES, failed);
    return failed == 0 ? 0 : 1;
}
