/* examples/reconcile.c — reconcile a report from C: import, run, print each finding, HTML.
 *
 *   reconcile_c REPORT.txt [out.html]
 */
#include <caizheng.h>

#include <stdio.h>

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
        fprintf(stderr, "usage: reconcile_c REPORT.txt [out.html]\n");
        return 2;
    }
    cz_report* report = NULL;
    cz_reconciler* rec = NULL;
    cz_findings* findings = NULL;
    if (cz_report_import_text_file(argv[1], &report) != CZ_OK || cz_reconciler_new(&rec) != CZ_OK ||
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
