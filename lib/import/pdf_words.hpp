// Internal: the words of a PDF with their boxes, as the PDF backend (poppler-cpp, or the stub
// when built without it) delivers them. Not installed; no poppler type crosses this header.
#pragma once

#include "caizheng/import_pdf.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace caizheng::pdf_detail {

/// One word as printed: UTF-8 text, box in points (origin top-left of the displayed page),
/// rotation in quarter turns (0 = horizontal text). Coordinates are geometry, not money.
struct word {
    std::string text;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // float-ok: page geometry in points
    int rotation = 0;
    std::string font;  // font name and size: words of one font share their box metrics
    double size = 0;   // float-ok: font size in points (0 when unknown)
};

struct page {
    double width = 0, height = 0;  // float-ok: page geometry in points
    std::vector<word> words;
};

/// All pages with their words. Throws caizheng::error as documented in import_pdf.hpp.
std::vector<page> read_words(std::string_view pdf_bytes, const pdf_import_options& options);

/// Whether read_words works in this build.
bool backend_available() noexcept;

}  // namespace caizheng::pdf_detail
