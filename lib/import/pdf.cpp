// PDF import: words with boxes (pdf_words.hpp backend) → lines → space-aligned text → the text
// importer → every source_location of the model gets its page and box back. See
// include/caizheng/import_pdf.hpp and docs/import.md ("PDF").
#include "pdf_words.hpp"

#include "caizheng/error.hpp"
#include "caizheng/import.hpp"

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace caizheng {
namespace {

using pdf_detail::page;
using pdf_detail::word;

/// A word placed in the reconstructed text.
struct placed {
    const word* w = nullptr;
    std::string key;  // text without whitespace, for matching cell texts
};

/// One line of the reconstructed text: its page and words (left to right).
struct text_line_info {
    std::int32_t page = 0;  // 1-based; 0 for lines that are not from a page
    std::vector<placed> words;
};

struct layout {
    std::vector<page> pages;  // owns the words the lines point to (moves keep them in place)
    std::string text;
    std::vector<text_line_info> lines;  // index = line number - 1
    std::vector<std::int32_t> empty_pages;
};

std::string squeeze(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
        if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x80) {  // U+3000 ideographic space
            i += 2;
            continue;
        }
        out.push_back(s[i]);
    }
    return out;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool ascii_only(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// Width of one text column on a page, in points: the median advance of a character of the
/// ASCII words (digits mostly), so right-aligned amounts line up in the text as on paper.
double column_width(const page& p) {  // float-ok: geometry
    std::vector<double> w;             // float-ok
    for (const word& x : p.words) {
        if (x.rotation != 0 || !ascii_only(x.text)) continue;
        const std::size_t n = x.text.size();
        if (n == 0 || x.x1 <= x.x0) continue;
        w.push_back((x.x1 - x.x0) / static_cast<double>(n));  // float-ok
    }
    if (w.empty()) return 5.0;
    std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(w.size() / 2), w.end());
    return std::clamp(w[w.size() / 2], 1.5, 20.0);
}

double median(std::vector<double>& v) {  // float-ok: geometry
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

/// Baselines. poppler gives word boxes from each font's ascent and descent, which published
/// PDFs often get wrong (Putuo: amounts in a box 1.86 em tall, CJK names in one 0.26 em tall,
/// on the same baseline). Model per font name: baseline = bottom − r·size. Fonts whose boxes
/// are at most 1.3 em tall are taken as they come (r = 0 for a thin band sitting on the
/// baseline, 0.2 em of descent otherwise); for taller fonts r is learnt from the words of the
/// other fonts printed beside them: for each word, the other-font word whose baseline lies
/// within its box with the nearest centre; r = median distance / size.
std::map<std::string, double> baseline_ratios(const std::vector<page>& pages) {  // float-ok
    std::map<std::string, std::vector<double>> ratios;                      // float-ok
    constexpr std::size_t max_samples = 4000;
    for (const page& p : pages)
        for (const word& w : p.words)
            if (w.size > 0 && ratios[w.font].size() < max_samples) ratios[w.font].push_back((w.y1 - w.y0) / w.size);
    std::map<std::string, double> r;  // float-ok
    std::vector<std::string> tall;
    for (auto& [f, v] : ratios) {
        const double m = median(v);  // float-ok
        if (m > 1.3) {
            tall.push_back(f);
        } else {
            r[f] = m <= 0.5 ? 0.0 : 0.2;
        }
    }
    if (tall.empty()) return r;
    std::map<std::string, std::vector<double>> samples;  // float-ok
    for (const page& p : pages) {
        struct base_word {
            double base, centre;  // float-ok
        };
        std::vector<base_word> direct;
        for (const word& w : p.words)
            if (const auto it = r.find(w.font); it != r.end() && w.size > 0)
                direct.push_back({w.y1 - it->second * w.size, (w.y0 + w.y1) / 2});
        std::sort(direct.begin(), direct.end(), [](const base_word& a, const base_word& b) { return a.base < b.base; });
        for (const word& w : p.words) {
            if (w.size <= 0 || r.count(w.font) != 0) continue;
            auto& d = samples[w.font];
            if (d.size() >= max_samples) continue;
            auto it = std::lower_bound(direct.begin(), direct.end(), w.y0,
                                       [](const base_word& b, double y) { return b.base < y; });  // float-ok
            const base_word* best = nullptr;
            double best_dist = 0;  // float-ok
            const double centre = (w.y0 + w.y1) / 2;  // float-ok
            for (int n = 0; it != direct.end() && it->base <= w.y1 && n < 64; ++it, ++n) {
                const double dist = std::abs(it->centre - centre);  // float-ok
                if (!best || dist < best_dist) {
                    best = &*it;
                    best_dist = dist;
                }
            }
            if (best) d.push_back((w.y1 - best->base) / w.size);
        }
    }
    for (const std::string& f : tall) {
        auto& d = samples[f];
        r[f] = d.empty() ? 0.2 : median(d);
    }
    return r;
}

bool has_ascii_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool all_ascii_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

using word_line = std::vector<const word*>;

/// Table rows have a few dozen words; longer lines are never repaired (the overlap checks are
/// quadratic in the words of two lines).
constexpr std::size_t max_repair_words = 200;

/// Two fixes of the grouped lines where a table cell straddles the row's baseline:
///  - the code header `类 款 项` shares a baseline band with amounts printed above the 合计
///    row: the amounts become their own line before the header (as pdftotext prints them);
///  - a name wrapped over two lines printed around the row's baseline (first half above the
///    code): a text-only line whose words all fall into the empty x-ranges of the next line,
///    when that next line starts with a code and the line after it is text-only in those
///    ranges too, is merged into the code line; the second half then follows the row as a
///    continuation line.
std::vector<word_line> repair_lines(std::vector<word_line> lines) {
    std::vector<word_line> out;
    out.reserve(lines.size());
    for (auto& l : lines) {
        if (l.size() > 3 && l[0]->text == "类" && l[1]->text == "款" && l[2]->text == "项") {
            out.emplace_back(l.begin() + 3, l.end());
            out.emplace_back(l.begin(), l.begin() + 3);
        } else {
            out.push_back(std::move(l));
        }
    }
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        word_line& a = out[i];
        word_line& b = out[i + 1];
        if (a.empty() || b.empty() || !all_ascii_digits(b.front()->text)) continue;
        if (a.size() > max_repair_words || b.size() > max_repair_words) continue;
        const bool text_only = std::none_of(a.begin(), a.end(), [](const word* w) { return has_ascii_digit(w->text); });
        if (!text_only) continue;
        const bool fits = std::none_of(a.begin(), a.end(), [&](const word* w) {
            return std::any_of(b.begin(), b.end(), [&](const word* v) { return w->x0 < v->x1 && v->x0 < w->x1; });
        });
        if (!fits || a.front()->x0 < b.front()->x1) continue;
        // only a wrap around the row: the line after the code line continues the same cell
        if (i + 2 >= out.size()) continue;
        const word_line& c = out[i + 2];
        if (c.size() > max_repair_words) continue;
        const bool continues = !c.empty() && std::none_of(c.begin(), c.end(), [](const word* w) {
            return has_ascii_digit(w->text);
        }) && std::none_of(c.begin(), c.end(), [&](const word* w) {
            return std::any_of(b.begin(), b.end(), [&](const word* v) { return w->x0 < v->x1 && v->x0 < w->x1; });
        });
        if (!continues) continue;
        b.insert(b.end(), a.begin(), a.end());
        std::stable_sort(b.begin(), b.end(), [](const word* x, const word* y) { return x->x0 < y->x0; });
        a.clear();
    }
    std::erase_if(out, [](const word_line& l) { return l.empty(); });
    // A row printed on two baselines (06 prints `301 01` and some amounts half a line above
    // `基本工资 262.33`): a line starting with a code joins the next line when that one does
    // not start in the code column, is less than 1 em lower and no words overlap.
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        word_line& a = out[i];
        word_line& b = out[i + 1];
        const bool code_first = !a.empty() && all_ascii_digits(a.front()->text) && a.front()->text.size() <= 3;
        if (!code_first || b.empty() || b.front()->x0 < a.front()->x1) continue;
        if (a.size() > max_repair_words || b.size() > max_repair_words) continue;
        const bool apart = std::none_of(a.begin(), a.end(), [&](const word* w) {
            return std::any_of(b.begin(), b.end(), [&](const word* v) { return w->x0 < v->x1 && v->x0 < w->x1; });
        });
        double gap = b.front()->y1 - a.front()->y1;  // float-ok: nearest bottom of b (thin or tall boxes)
        for (const word* v : b) gap = std::min(gap, v->y1 - a.front()->y1);
        if (!apart || gap > 1.0 * std::max(a.front()->size, 1.0)) continue;
        b.insert(b.end(), a.begin(), a.end());
        std::stable_sort(b.begin(), b.end(), [](const word* x, const word* y) { return x->x0 < y->x0; });
        a.clear();
    }
    std::erase_if(out, [](const word_line& l) { return l.empty(); });
    return out;
}

/// Group a page's words into lines by baseline: sorted by baseline, a word joins the current
/// line when its baseline is within 0.3 em of the line's first word; each line left to right.
std::vector<std::vector<const word*>> lines_of(const page& p, const std::map<std::string, double>& ratio) {  // float-ok
    struct item {
        const word* w;
        double base;  // float-ok
    };
    std::vector<item> ws;
    ws.reserve(p.words.size());
    for (const word& w : p.words) {
        const auto it = ratio.find(w.font);
        ws.push_back({&w, w.y1 - (it == ratio.end() ? 0.0 : it->second * w.size)});
    }
    std::stable_sort(ws.begin(), ws.end(), [](const item& a, const item& b) { return a.base < b.base; });
    std::vector<std::vector<const word*>> out;
    double line_base = 0, tol = 0;  // float-ok
    for (const item& x : ws) {
        if (out.empty() || x.base - line_base > tol) {
            out.push_back({x.w});
            line_base = x.base;
            const double em = x.w->size > 0 ? x.w->size : std::max(x.w->y1 - x.w->y0, 1.0);  // float-ok
            tol = 0.3 * em;
        } else {
            out.back().push_back(x.w);
        }
    }
    for (auto& l : out)
        std::stable_sort(l.begin(), l.end(), [](const word* a, const word* b) { return a->x0 < b->x0; });
    return repair_lines(std::move(out));
}

bool only_ellipsis(std::string_view s) {
    static constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026 …
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '.') {
            ++i;
        } else if (s.substr(i, 3) == ellipsis) {
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

layout build_layout(std::vector<page> source) {
    layout L;
    L.pages = std::move(source);
    const std::vector<page>& pages = L.pages;
    const auto ratio = baseline_ratios(pages);
    for (std::size_t pi = 0; pi < pages.size(); ++pi) {
        const page& p = pages[pi];
        const auto pno = static_cast<std::int32_t>(pi + 1);
        if (p.words.empty()) L.empty_pages.push_back(pno);
        if (pi > 0) L.text.push_back('\f');  // page break, as pdftotext -layout: counts no column
        const double unit = column_width(p);  // float-ok
        for (const auto& line : lines_of(p, ratio)) {
            // A row of only "…" (a template's "more rows here") is no continuation of the name
            // above it: a blank line before it, as pdftotext leaves one, keeps it apart.
            if (std::all_of(line.begin(), line.end(), [](const word* w) { return only_ellipsis(w->text); })) {
                L.text.push_back('\n');
                L.lines.push_back(text_line_info{pno, {}});
            }
            text_line_info info;
            info.page = pno;
            std::size_t cursor = 0;  // characters written on this line
            const word* prev = nullptr;
            for (const word* w : line) {
                const auto col = static_cast<std::size_t>(std::max(0.0, std::round(w->x0 / unit)));
                if (prev == nullptr) {
                    L.text.append(col, ' ');
                    cursor = col;
                } else {
                    const double h = std::max(std::min(w->y1 - w->y0, prev->y1 - prev->y0), 1.0);  // float-ok
                    const double gap = w->x0 - prev->x1;                                         // float-ok
                    if (gap < 0.6 * h) {  // same cell: letter-spaced or a word space
                        L.text.push_back(' ');
                        cursor += 1;
                    } else {
                        const std::size_t n = col > cursor + 2 ? col - cursor : 2;
                        L.text.append(n, ' ');
                        cursor += n;
                    }
                }
                L.text += w->text;
                cursor += utf8_length(w->text);
                info.words.push_back({w, squeeze(w->text)});
                prev = w;
            }
            L.text.push_back('\n');
            L.lines.push_back(std::move(info));
        }
    }
    return L;
}

std::int64_t hundredths(double pt) { return std::llround(pt * 100.0); }  // float-ok

source_box box_of(std::int32_t page_no, double x0, double y0, double x1, double y1) {  // float-ok
    return source_box{page_no, hundredths(x0), hundredths(y0), hundredths(x1), hundredths(y1)};
}

/// Gives every source_location of the imported model its page and box.
class box_mapper {
public:
    explicit box_mapper(const layout& L) : L_(L) {
        used_.resize(L.lines.size());
        for (std::size_t i = 0; i < L.lines.size(); ++i) used_[i].assign(L.lines[i].words.size(), false);
    }

    template <class T>
    void visit(T& x) {
        if constexpr (std::is_same_v<T, source_location>) {
            if (!x.box) x.box = line_box(x.line);
        } else if constexpr (std::is_same_v<T, table_cell> || std::is_same_v<T, figure>) {
            place(x.text, x.source);
        } else if constexpr (std::is_same_v<T, import_warning>) {
            if (const auto* info = line_at(x.line); info && info->page > 0)
                x.reason += " (page " + std::to_string(info->page) + ")";
        } else if constexpr (is_vector<T>::value) {
            for (auto& e : x) visit(e);
        } else if constexpr (is_optional<T>::value) {
            if (x) visit(*x);
        } else if constexpr (boost::describe::has_describe_members<T>::value) {
            using members = boost::describe::describe_members<T, boost::describe::mod_public>;
            boost::mp11::mp_for_each<members>([&](auto D) { visit(x.*D.pointer); });
        }
    }

private:
    template <class T>
    struct is_vector : std::false_type {};
    template <class T, class A>
    struct is_vector<std::vector<T, A>> : std::true_type {};
    template <class T>
    struct is_optional : std::false_type {};
    template <class T>
    struct is_optional<std::optional<T>> : std::true_type {};

    const text_line_info* line_at(std::uint32_t line) const {
        if (line == 0 || line > L_.lines.size()) return nullptr;
        return &L_.lines[line - 1];
    }

    std::optional<source_box> line_box(std::uint32_t line) const {
        const auto* info = line_at(line);
        if (!info || info->words.empty()) return std::nullopt;
        double x0 = info->words.front().w->x0, y0 = info->words.front().w->y0;  // float-ok
        double x1 = info->words.front().w->x1, y1 = info->words.front().w->y1;  // float-ok
        for (const placed& p : info->words) {
            x0 = std::min(x0, p.w->x0);
            y0 = std::min(y0, p.w->y0);
            x1 = std::max(x1, p.w->x1);
            y1 = std::max(y1, p.w->y1);
        }
        return box_of(info->page, x0, y0, x1, y1);
    }

    /// The first unused run of words on `line` whose text (whitespace removed) is `key`.
    std::optional<source_box> match(std::uint32_t line, const std::string& key) {
        const auto* info = line_at(line);
        if (!info || key.empty()) return std::nullopt;
        auto& used = used_[line - 1];
        const auto& ws = info->words;
        for (std::size_t i = 0; i < ws.size(); ++i) {
            if (used[i]) continue;
            std::string acc;
            for (std::size_t j = i; j < ws.size() && !used[j]; ++j) {
                acc += ws[j].key;
                if (acc.size() > key.size() || key.compare(0, acc.size(), acc) != 0) break;
                if (acc.size() == key.size()) {
                    double x0 = ws[i].w->x0, y0 = ws[i].w->y0, x1 = ws[i].w->x1, y1 = ws[i].w->y1;  // float-ok
                    for (std::size_t k = i; k <= j; ++k) {
                        used[k] = true;
                        x0 = std::min(x0, ws[k].w->x0);
                        y0 = std::min(y0, ws[k].w->y0);
                        x1 = std::max(x1, ws[k].w->x1);
                        y1 = std::max(y1, ws[k].w->y1);
                    }
                    return box_of(info->page, x0, y0, x1, y1);
                }
            }
        }
        return std::nullopt;
    }

    /// A printed value: the words that print it on its source line (or the line next to it,
    /// where a wrapped cell continues); a value not printed (empty text) gets no box.
    void place(const std::string& text, source_location& s) {
        if (s.box) return;
        const std::string key = squeeze(text);
        if (key.empty() || s.line == 0) return;
        for (const std::int64_t d : {0, 1, -1}) {
            const std::int64_t l = static_cast<std::int64_t>(s.line) + d;
            if (l <= 0) continue;
            if (auto b = match(static_cast<std::uint32_t>(l), key)) {
                s.box = b;
                return;
            }
        }
        s.box = line_box(s.line);
    }

    const layout& L_;
    std::vector<std::vector<bool>> used_;
};

std::string read_file(const std::string& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw error(errc::io_error, "cannot open " + path);
    const std::streamoff size = in.tellg();
    if (size < 0) throw error(errc::io_error, "cannot read " + path);
    if (static_cast<std::uint64_t>(size) > max_bytes)
        throw error(errc::invalid_argument, path + ": " + std::to_string(size) + " bytes, larger than max_bytes (" +
                                                std::to_string(max_bytes) + ")");
    in.seekg(0);
    std::string data(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(data.data(), size)) throw error(errc::io_error, "cannot read " + path);
    return data;
}

layout layout_of(std::string_view bytes, const pdf_import_options& options) {
    layout L = build_layout(pdf_detail::read_words(bytes, options));
    if (L.empty_pages.size() == L.pages.size())
        throw error(errc::unsupported, "scanned PDF, no text layer on any of its " + std::to_string(L.pages.size()) +
                                           " pages: caizheng reads the text of a PDF and does no OCR");
    return L;
}

}  // namespace

bool pdf_supported() noexcept { return pdf_detail::backend_available(); }

bool looks_like_pdf(std::string_view bytes) noexcept {
    return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

std::string pdf_layout_text(std::string_view pdf_bytes, const pdf_import_options& options) {
    return layout_of(pdf_bytes, options).text;
}

report import_pdf(std::string_view pdf_bytes, const pdf_import_options& options) {
    const layout L = layout_of(pdf_bytes, options);
    text_import_options topt = options.text;
    topt.layout = text_layout::spaces;
    report r = import_text(L.text, topt);
    box_mapper(L).visit(r);
    for (const std::int32_t p : L.empty_pages)
        r.warnings.push_back({warning_kind::limit, 0, "page " + std::to_string(p),
                              "page " + std::to_string(p) +
                                  " has no text layer (a scanned or blank page): nothing was read from it"});
    return r;
}

report import_pdf_file(const std::string& path, const pdf_import_options& options) {
    if (!pdf_supported()) throw error(errc::unsupported, "caizheng was built without PDF support");
    return import_pdf(read_file(path, options.max_bytes), options);
}

}  // namespace caizheng
