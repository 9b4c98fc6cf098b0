// caizheng — building a report from the published PDF of a 部门决算公开.
//
// The PDF's words and their boxes (poppler) are grouped into lines by vertical overlap, each
// line is laid out as space-aligned text with every word at the character column of its x
// position (a reconstruction like `pdftotext -layout`, one page after the other separated by
// form feeds), and that text goes through the text importer (import.hpp, space-aligned
// layout). Every value of the resulting model then gets its page and box back:
// source_location::box = the word(s) printed for a table cell or figure, the whole printed
// line for rows, titles, notes and prose. source_location::line is the line of the
// reconstructed text (pdf_layout_text returns it). See docs/import.md, "PDF".
//
// Boxes: source_box, 1-based page, hundredths of a point (1/7200 inch), origin top-left of the
// page as displayed (the page's /Rotate applied), x to the right, y downwards.
//
// Errors (caizheng::error):
//  - unsupported: caizheng was built without PDF support (CAIZHENG_WITH_PDF=OFF or poppler-cpp
//    not found) — "caizheng was built without PDF support"; or the PDF has no text layer at
//    all (a scanned document: "scanned PDF, no text layer on any of its N pages").
//  - invalid_argument: more than options.max_bytes bytes, more than options.max_pages pages.
//  - parse_error: not a PDF (no "%PDF-" header), damaged or truncated beyond what poppler
//    repairs, encrypted with a password, a page with more than options.max_words_per_page words.
//  - io_error: the file cannot be read.
// Pages without any text in a document that has text elsewhere are reported as import
// warnings (kind limit, "page N has no text layer"), never silently empty.
//
// Thread safety: may be called from several threads; the poppler part runs one document at a
// time (a process-wide lock), the rest in parallel.
#pragma once

#include "caizheng/import.hpp"
#include "caizheng/report.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caizheng {

struct pdf_import_options {
    std::size_t max_bytes = std::size_t{256} << 20;  ///< larger input: error(invalid_argument)
    std::int32_t max_pages = 1000;                   ///< more pages: error(invalid_argument)
    std::size_t max_words_per_page = 50000;          ///< more words on a page: error(parse_error)
    text_import_options text;  ///< for the text import of the reconstruction (layout is forced
                               ///< to spaces; max_bytes applies to the reconstructed text)
};

/// Whether this build of caizheng reads PDF (built with poppler-cpp).
[[nodiscard]] CAIZHENG_CXX_API bool pdf_supported() noexcept;

/// Import a report from the bytes of a PDF. Throws as listed above; never returns an empty
/// report for a PDF without text.
[[nodiscard]] CAIZHENG_CXX_API report import_pdf(std::string_view pdf_bytes,
                                                 const pdf_import_options& options = {});

/// Read a PDF file and import it (io_error when unreadable; size checked before reading).
[[nodiscard]] CAIZHENG_CXX_API report import_pdf_file(const std::string& path,
                                                      const pdf_import_options& options = {});

/// The space-aligned text the importer reads, rebuilt from the PDF's word positions (pages
/// separated by form feeds). For inspection and debugging; same errors as import_pdf.
[[nodiscard]] CAIZHENG_CXX_API std::string pdf_layout_text(std::string_view pdf_bytes,
                                                           const pdf_import_options& options = {});

/// Whether the bytes start like a PDF ("%PDF-" within the first 1024 bytes).
[[nodiscard]] CAIZHENG_CXX_API bool looks_like_pdf(std::string_view bytes) noexcept;

}  // namespace caizheng
