// PDF backend on poppler-cpp: document → pages → words with boxes. The only file that sees
// poppler types. poppler's global state (error callback, font caches) is shared by the process,
// so documents are read one at a time under a lock; the caller's work after that is parallel.
#include "pdf_words.hpp"

#include "caizheng/error.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <limits>
#include <memory>
#include <mutex>
#include <string>

namespace caizheng::pdf_detail {
namespace {

std::mutex& poppler_lock() {
    static std::mutex m;
    return m;
}

void quiet(const std::string&, void*) {}  // poppler's syntax warnings are not ours to print

std::string utf8(const poppler::ustring& s) {
    const poppler::byte_array b = s.to_utf8();
    return std::string(b.begin(), b.end());
}

}  // namespace

bool backend_available() noexcept { return true; }

std::vector<page> read_words(std::string_view bytes, const pdf_import_options& options) {
    if (bytes.size() > options.max_bytes)
        throw error(errc::invalid_argument, "PDF of " + std::to_string(bytes.size()) + " bytes is larger than max_bytes (" +
                                                std::to_string(options.max_bytes) + ")");
    if (!looks_like_pdf(bytes)) throw error(errc::parse_error, "not a PDF: no %PDF- header in the first 1024 bytes");
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw error(errc::invalid_argument, "PDF larger than 2 GiB");

    const std::lock_guard<std::mutex> hold(poppler_lock());
    poppler::set_debug_error_function(quiet, nullptr);
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) throw error(errc::parse_error, "damaged or truncated PDF: poppler cannot open it (or it needs a password)");
    if (doc->is_locked()) throw error(errc::parse_error, "encrypted PDF: a password is needed to read it");
    const int n = doc->pages();
    if (n <= 0) throw error(errc::parse_error, "PDF without pages (damaged or truncated)");
    if (n > options.max_pages)
        throw error(errc::invalid_argument, "PDF of " + std::to_string(n) + " pages is longer than max_pages (" +
                                                std::to_string(options.max_pages) + ")");
    std::vector<page> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        std::unique_ptr<poppler::page> p(doc->create_page(i));
        page pg;
        if (!p) {  // an unreadable page object: kept as a page without words (warned later)
            out.push_back(std::move(pg));
            continue;
        }
        const poppler::rectf r = p->page_rect(poppler::media_box);
        const bool sideways = p->orientation() == poppler::page::landscape || p->orientation() == poppler::page::seascape;
        pg.width = sideways ? r.height() : r.width();
        pg.height = sideways ? r.width() : r.height();
        std::vector<poppler::text_box> boxes = p->text_list(poppler::page::text_list_include_font);
        if (boxes.size() > options.max_words_per_page)
            throw error(errc::parse_error, "page " + std::to_string(i + 1) + " has " + std::to_string(boxes.size()) +
                                               " words, more than max_words_per_page (" +
                                               std::to_string(options.max_words_per_page) + ")");
        pg.words.reserve(boxes.size());
        for (const poppler::text_box& b : boxes) {
            word w;
            w.text = utf8(b.text());
            if (w.text.empty()) continue;
            const poppler::rectf bb = b.bbox();
            w.x0 = bb.left();
            w.y0 = bb.top();
            w.x1 = bb.right();
            w.y1 = bb.bottom();
            w.rotation = b.rotation();
            if (b.has_font_info()) {
                w.font = b.get_font_name();
                w.size = b.get_font_size();
            }
            pg.words.push_back(std::move(w));
        }
        out.push_back(std::move(pg));
    }
    return out;
}

}  // namespace caizheng::pdf_detail
