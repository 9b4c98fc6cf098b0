/* The one check macro of the C tests (C99, caizheng.h only): CHECK(cond) counts the check,
 * and on failure prints the place, the condition and cz_last_error(), and counts the failure.
 * A test ends with `return check_summary();`: prints the counts, 0 when nothing failed. */
#ifndef CAIZHENG_TESTS_C_CHECK_H
#define CAIZHENG_TESTS_C_CHECK_H

#include <caizheng.h>

#include <stdio.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                        \
    do {                                                                   \
        ++checks;                                                          \
        if (!(cond)) {                                                     \
            ++failures;                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n", \
                    __FILE__, __LINE__, #cond, cz_last_error());           \
        }                                                                  \
    } while (0)

static inline int check_summary(void) {
    printf("%d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}

#endif /* CAIZHENG_TESTS_C_CHECK_H */
