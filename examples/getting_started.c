/* Getting started with caizheng from C (docs/getting-started.md shows this file and its output;
 * getting_started.cpp and getting_started.py print exactly the same lines). C99. */
#include <caizheng.h>

#include <stdio.h>
#include <stdlib.h>

/* Stop with the library's message when a call fails. */
static void must(cz_status status) {
    if (status != CZ_OK) {
        fprintf(stderr, "caizheng: %s: %s\n", cz_status_name(status), cz_last_error());
        exit(1);
    }
}

/* Print an amount (hundredths of its unit), e.g. 122761 → "1,227.61". */
static void print_amount(int64_t value, int grouped) {
    char* text = NULL;
    must(cz_amount_format(value, grouped, &text));
    fputs(text, stdout);
    cz_string_free(text);
}

static const char* verdict_name(int32_t verdict) {
    static const char* const names[] = {"exact", "tail_difference", "mismatch"};
    return names[verdict];
}

int main(void) {
    /* Cells as a PDF extraction leaves them: 万元, two places, stray spaces after separators. */
    const char* const cells[] = {"1, 171.00", "20.26", "19.05", "17.30"};
    int64_t parts[4];
    int32_t is_empty = 0;
    for (int i = 0; i < 4; ++i) must(cz_amount_parse(cells[i], CZ_ROUND_NONE, &parts[i], &is_empty));
    int64_t sum = 0;
    must(cz_amount_sum(parts, 4, &sum));
    printf("sum of parts: ");
    print_amount(sum, 1);
    printf(" 万元\n");

    /* Does the stated total add up? Exact, a tail difference (尾数误差) or a real mismatch. */
    int64_t stated = 0, difference = 0, bound = 0;
    int32_t verdict = 0;
    must(cz_amount_parse("1,227.61", CZ_ROUND_NONE, &stated, &is_empty));
    must(cz_tail_compare(stated, parts, 4, 0, &verdict, &difference, &bound));
    printf("stated total ");
    print_amount(stated, 1);
    printf(": %s\n", verdict_name(verdict));

    /* A narrative claim checked at the precision it states (占比 = part / whole × 100). */
    int64_t share = 0, expected = 0;
    int32_t matches = 0, expected_scale = 0;
    char* text = NULL;
    must(cz_percent(CZ_PERCENT_SHARE, parts[0], stated, 2, CZ_ROUND_HALF_AWAY_FROM_ZERO, &share));
    must(cz_percent_check(CZ_PERCENT_SHARE, parts[0], stated, "95.39%", &matches, &expected,
                          &expected_scale));
    must(cz_decimal_format(share, 2, &text));
    printf("share of the first part: %s%% (claimed 95.39%%: %s)\n", text, matches ? "ok" : "wrong");
    cz_string_free(text);

    /* Three items of 3,350 元 are 0.34 万元 each once rounded; their total, 10,050 元, is 1.01. */
    const int64_t rounded[] = {34, 34, 34};
    must(cz_tail_compare(101, rounded, 3, 0, &verdict, &difference, &bound));
    printf("1.01 vs 0.34 + 0.34 + 0.34: %s (difference ", verdict_name(verdict));
    print_amount(difference, 0);
    printf(", bound ");
    print_amount(bound, 0);
    printf(")\n");

    /* Exact decimal arithmetic: no binary floating point anywhere. */
    int64_t a = 0, b = 0, c = 0;
    must(cz_amount_parse("0.1", CZ_ROUND_NONE, &a, &is_empty));
    must(cz_amount_parse("0.2", CZ_ROUND_NONE, &b, &is_empty));
    must(cz_amount_add(a, b, &c));
    printf("0.1 + 0.2 = ");
    print_amount(c, 0);
    printf("\n");

    /* Bad input is a status code; the message, for this thread, quotes it. */
    if (cz_amount_parse("12a", CZ_ROUND_NONE, &a, &is_empty) != CZ_OK)
        printf("error: %s\n", cz_last_error());
    return 0;
}
