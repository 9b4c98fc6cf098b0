// Fuzz target: PDF import (import_pdf: poppler-cpp words → lines → text import → boxes), any
// bytes. Properties: no crash/UB/leak; within the options below every input either imports or
// fails with caizheng::error of an input kind (parse_error for not-a-PDF/damaged/encrypted,
// unsupported for no text layer, invalid_argument for limits) and a message; an imported
// report's boxes lie on pages that exist, and every box is well ordered.
// Time bound: the limits keep one input small (≤ 2 MiB, ≤ 20 pages, ≤ 20000 words a page);
// poppler's own parsing is bounded by libFuzzer's -timeout (10 s in build.sh's fuzz stage).
#include "fuzz_common.hpp"

#include "caizheng/import_pdf.hpp"

#include <string_view>

namespace {

std::int32_t pages_seen = 0;

void check_box(const caizheng::source_location& s) {
    if (!s.box) return;
    FUZZ_CHECK(s.box->page >= 1 && s.box->page <= pages_seen);
    FUZZ_CHECK(s.box->x0 <= s.box->x1 && s.box->y0 <= s.box->y1);
}

}  // namespace

// fontconfig (used by poppler for fonts a PDF does not embed) keeps its process-wide
// configuration allocated until exit; LeakSanitizer reads this hook (libFuzzer and the replay).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    caizheng::pdf_import_options o;
    o.max_bytes = std::size_t{2} << 20;
    o.max_pages = 20;
    o.max_words_per_page = 20000;
    try {
        const caizheng::report r = caizheng::import_pdf(bytes, o);
        pages_seen = o.max_pages;
        for (const auto& t : r.tables) {
            check_box(t.source);
            for (const auto& row : t.rows) {
                check_box(row.source);
                for (const auto& c : row.cells) check_box(c.source);
            }
        }
        for (const auto& s : r.narrative)
            for (const auto& p : s.paragraphs) check_box(p.source);
    } catch (const caizheng::error& e) {
        using caizheng::errc;
        FUZZ_CHECK(e.code() == errc::parse_error || e.code() == errc::unsupported ||
                   e.code() == errc::invalid_argument);
        FUZZ_CHECK(std::string_view(e.what()).size() > 0);
    }
    return 0;
}
