// Fuzz target: user rules added to a reconciler through the C API (cz_reconciler_add_rules),
// any bytes, then a reconcile of the bundled 2024 tianyuan report (imported once).
// Properties: no crash/UB/leak/timeout; a failure is an input error with a message and leaves
// the reconciler unchanged (its findings on the report are those of a fresh reconciler); rules
// that are accepted run without error, and every finding they add reads back through the
// accessors and renders as text and JSON.
#include "fuzz_common.hpp"

#include <memory>

namespace {
struct fixture {
    cz_report* report = nullptr;
    std::int64_t baseline = -1;  // findings of a fresh reconciler
    fixture() {
        FUZZ_CHECK(cz_report_import_text_file(
                       CAIZHENG_SOURCE_DIR "/tests/data/reports/2024_tianyuan_data_bureau.txt",
                       &report) == CZ_OK);
        cz_reconciler* r = nullptr;
        FUZZ_CHECK(cz_reconciler_new(&r) == CZ_OK);
        baseline = count(r);
        cz_reconciler_free(r);
    }
    ~fixture() { cz_report_free(report); }
    fixture(const fixture&) = delete;
    fixture& operator=(const fixture&) = delete;

    std::int64_t count(const cz_reconciler* r) const {
        cz_findings* f = nullptr;
        FUZZ_CHECK(cz_reconciler_run(r, report, &f) == CZ_OK);
        std::int64_t n = -1;
        FUZZ_CHECK(cz_findings_count(f, &n) == CZ_OK);
        cz_findings_free(f);
        return n;
    }
};

const fixture& bundled() {
    static const fixture f;
    return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    if (!fuzz::same_text(text)) return 0;  // the C API reads up to the first NUL
    const fixture& fx = bundled();
    cz_reconciler* rec = nullptr;
    FUZZ_CHECK(cz_reconciler_new(&rec) == CZ_OK);
    const std::unique_ptr<cz_reconciler, void (*)(cz_reconciler*)> guard(rec, cz_reconciler_free);
    const cz_status st = cz_reconciler_add_rules(rec, text.c_str());
    if (st != CZ_OK) {
        fuzz::check_failure(st);
        FUZZ_CHECK(fx.count(rec) == fx.baseline);  // unchanged
        return 0;
    }
    cz_findings* f = nullptr;
    FUZZ_CHECK(cz_reconciler_run(rec, fx.report, &f) == CZ_OK);
    std::int64_t n = -1;
    FUZZ_CHECK(cz_findings_count(f, &n) == CZ_OK && n >= fx.baseline);
    for (std::int64_t i = 0; i < n; ++i) {
        char* rule = nullptr;
        std::int32_t severity = -1, family = -1;
        std::int64_t cause = -2;
        FUZZ_CHECK(cz_finding_info(f, i, &rule, &severity, &family, &cause) == CZ_OK);
        FUZZ_CHECK(!fuzz::take(rule).empty());
        FUZZ_CHECK(severity >= CZ_SEVERITY_ERROR && severity <= CZ_SEVERITY_INFO);
        FUZZ_CHECK(cause >= -1 && cause < n);
        char *zh = nullptr, *en = nullptr;
        FUZZ_CHECK(cz_finding_messages(f, i, &zh, &en) == CZ_OK);
        fuzz::take(zh);
        fuzz::take(en);
    }
    for (const std::int32_t format : {CZ_RENDER_TEXT, CZ_RENDER_JSON}) {
        char* out = nullptr;
        FUZZ_CHECK(cz_findings_render(f, fx.report, format, CZ_LANG_BOTH, &out) == CZ_OK);
        FUZZ_CHECK(!fuzz::take(out).empty());
    }
    cz_findings_free(f);
    return 0;
}
