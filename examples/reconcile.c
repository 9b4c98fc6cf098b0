/* examples/reconcile.c — reconcile a report from C: import, run, print each finding, HTML.
 *
 *   reconcile_c REPORT.txt|REPORT.pdf [out.html]
 *
 * A file ending in .pdf or starting with %PDF is imported as a PDF; each finding then also
 * prints the page and position (points from the top-left corner) of its first location.
 */
#include <caizheng.h>

#include <stdio.h>
#include <string.h>

/* Whether the file is a PDF: by extension, else by its first bytes. */
static int is_pdf(const char* path) {
    size_t n = strlen(path);
    char head[5] = {0};
    FILE* f = NULL;
    if (n > 4 && (strcmp(path + n - 4, ".pdf") == 0 || strcmp(path + n - 4, ".PDF") == 0)) return 1;
    f = fopen(path, "rb");
    if (!f) return 0;
    n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == 5 && memcmp(head, "%PDF-", 5) == 0;
}

static const char* severity_name(int32_t s) {
    switch (s) {
        case CZ_SEVERITY_ERROR: return "error";
        case CZ_SEVERITY_WARNING: return "warning";
        case CZ_SEVERITY_TAIL_DIFFERENCE: return "tail";
        case CZ_SEVERITY_UNCHECKED: return "unchecked";
        default: return "info";
    }
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: reconcile_c REPORT.txt|REPORT.pdf [out.html]\n");
        return 2;
    }
    cz_report* report = NULL;
    cz_reconciler* rec = NULL;
    cz_findings* findings = NULL;
    const int32_t st = is_pdf(argv[1]) ? cz_report_import_pdf_file(argv[1], &report)
                                       : cz_report_import_text_file(argv[1], &report);
    if (st != CZ_OK || cz_reconciler_new(&rec) != CZ_OK ||
        cz_reconciler_run(rec, report, &findings) != CZ_OK) {
        fprintf(stderr, "reconcile_c: %s\n", cz_last_error());
        return 2;
    }
    int64_t n = 0;
    cz_findings_count(findings, &n);
    for (int64_t i = 0; i < n; ++i) {
        char *rule = NULL, *en = NULL;
        int32_t severity = 0;
        int64_t cause = -1;
        cz_finding_info(findings, i, &rule, &severity, NULL, &cause);
        cz_finding_messages(findings, i, NULL, &en);
        if (cause < 0) printf("#%lld [%s] %s: %s\n", (long long)(i + 1), severity_name(severity), rule, en);
        else printf("#%lld [%s] %s (follows from #%lld)\n", (long long)(i + 1), severity_name(severity), rule,
                    (long long)(cause + 1));
        {
            int32_t has_box = 0, page = 0;
            int64_t locations = 0, x0 = 0, y0 = 0;
            cz_finding_location_count(findings, i, &locations);
            if (locations > 0 &&
                cz_finding_location_box(findings, i, 0, &has_box, &page, &x0, &y0, NULL, NULL) == CZ_OK && has_box)
                printf("    at page %d, (%lld.%02lld, %lld.%02lld) pt from the top-left corner\n", (int)page,
                       (long long)(x0 / 100), (long long)(x0 % 100), (long long)(y0 / 100), (long long)(y0 % 100));
        }
        cz_string_free(rule);
        cz_string_free(en);
    }
    if (argc > 2) {
        char* html = NULL;
        if (cz_findings_render(findings, report, CZ_RENDER_HTML, CZ_LANG_BOTH, &html) == CZ_OK) {
            FILE* out = fopen(argv[2], "wb");
            if (out) {
                fputs(html, out);
                fclose(out);
            }
            cz_string_free(html);
        }
    }
    cz_findings_free(findings);
    cz_reconciler_free(rec);
    cz_report_free(report);
    return 0;
}
