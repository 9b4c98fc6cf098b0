// Internal: small UTF-8 text helpers shared by the importers. Not installed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng::import_detail {

inline bool starts_with(std::string_view s, std::string_view p) noexcept {
    return s.size() >= p.size() && s.substr(0, p.size()) == p;
}
inline bool ends_with(std::string_view s, std::string_view p) noexcept {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
inline bool all_digits(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// Length of the space at s[i]: 1 for ASCII space/tab/CR, 3 for U+3000, 0 otherwise.
inline std::size_t space_at(std::string_view s, std::size_t i) noexcept {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
    if (c == '\xE3' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
    return 0;
}

/// Without leading/trailing ASCII and full-width spaces.
inline std::string_view trim(std::string_view s) noexcept {
    std::size_t b = 0;
    while (b < s.size()) {
        const std::size_t n = space_at(s, b);
        if (!n) break;
        b += n;
    }
    std::size_t e = s.size();
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\f' || s[e - 1] == '\v') {
            --e;
        } else if (e - b >= 3 && s[e - 3] == '\xE3' && s[e - 2] == '\x80' && s[e - 1] == '\x80') {
            e -= 3;
        } else {
            break;
        }
    }
    return s.substr(b, e - b);
}

/// All spaces removed ("公务员医疗 补助" → "公务员医疗补助").
inline std::string squeeze(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = space_at(s, i);
        if (n) {
            i += n;
            continue;
        }
        out.push_back(s[i++]);
    }
    return out;
}

/// Whether `s` with its spaces removed equals `lit` (no allocation).
inline bool squeezed_equals(std::string_view s, std::string_view lit) noexcept {
    std::size_t j = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = space_at(s, i);
        if (n) {
            i += n;
            continue;
        }
        if (j >= lit.size() || s[i] != lit[j]) return false;
        ++i;
        ++j;
    }
    return j == lit.size();
}

/// `s` without its spaces, in `buf` when it has any (buf reused: no allocation per call once
/// it has grown), else `s` itself.
inline std::string_view squeeze_into(std::string_view s, std::string& buf) {
    std::size_t i = 0;
    while (i < s.size() && !space_at(s, i)) ++i;
    if (i == s.size()) return s;
    buf.assign(s.data(), i);
    while (i < s.size()) {
        const std::size_t n = space_at(s, i);
        if (n) {
            i += n;
            continue;
        }
        buf.push_back(s[i++]);
    }
    return buf;
}

/// Whether `t` has a character no number can contain: a CJK character or other non-ASCII
/// text outside the full-width forms (digits, %, parentheses) and the dashes, or an ASCII
/// letter other than the exponent-free forms parse_cell reads. Such text is not parsed (no
/// exception thrown to find out).
inline bool surely_not_number(std::string_view t) noexcept {
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
            continue;
        }
        if (c == 0xEF && i + 1 < t.size() && (static_cast<unsigned char>(t[i + 1]) == 0xBC ||
                                              static_cast<unsigned char>(t[i + 1]) == 0xBD)) {
            i += 2;  // full-width form: let the parser judge
            continue;
        }
        if (c == 0xE2 || c == 0xE3) {  // dashes, full-width space: let the parser judge
            i += 2;
            continue;
        }
        if (c >= 0xE4 && c <= 0xE9) return true;  // CJK unified ideographs (U+4E00–U+9FFF)
    }
    return false;
}

/// Whether `t` can start a number or an empty marker: ASCII digit, sign, point, parenthesis,
/// or their full-width forms, or a dash. Text cells fail this cheaply (no exception).
inline bool maybe_number(std::string_view t) noexcept {
    if (t.empty()) return false;
    const auto c = static_cast<unsigned char>(t[0]);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '(' || c == '.') return true;
    if (t.size() >= 3 && c == 0xEF && static_cast<unsigned char>(t[1]) == 0xBC) {
        const auto d = static_cast<unsigned char>(t[2]);
        return (d >= 0x90 && d <= 0x99) || d == 0x88 || d == 0x8D || d == 0x8E || d == 0x8B;  // ０-９（－．＋
    }
    if (t.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(t[1]) == 0x80) return true;  // — – dashes
    return false;
}

/// Fields between tabs (consecutive tabs give empty fields).
inline void split_tabs(std::string_view l, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t b = 0;
    for (;;) {
        const std::size_t t = l.find('\t', b);
        if (t == std::string_view::npos) {
            out.push_back(l.substr(b));
            return;
        }
        out.push_back(l.substr(b, t - b));
        b = t + 1;
    }
}

/// Fields separated by runs of two or more spaces (or a tab / full-width space); single
/// spaces stay inside a field ("1, 227. 61"). Leading and trailing spaces are dropped.
inline void split_spaces(std::string_view l, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t i = 0, start = std::string_view::npos;
    while (i < l.size()) {
        const std::size_t n = space_at(l, i);
        if (!n) {
            if (start == std::string_view::npos) start = i;
            ++i;
            continue;
        }
        // measure the run of spaces
        std::size_t j = i, count = 0;
        bool wide = false;
        while (j < l.size()) {
            const std::size_t m = space_at(l, j);
            if (!m) break;
            wide = wide || m == 3 || l[j] == '\t';
            j += m;
            ++count;
        }
        if (start != std::string_view::npos && (count >= 2 || wide || j == l.size())) {
            out.push_back(l.substr(start, i - start));
            start = std::string_view::npos;
        }
        i = j;
    }
    if (start != std::string_view::npos) out.push_back(l.substr(start));
}

/// Fields separated by any run of spaces.
inline void split_spaces_single(std::string_view l, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t i = 0;
    while (i < l.size()) {
        while (i < l.size() && space_at(l, i)) i += space_at(l, i);
        const std::size_t b = i;
        while (i < l.size() && !space_at(l, i)) ++i;
        if (i > b) out.push_back(l.substr(b, i - b));
    }
}

/// Length of the valid UTF-8 sequence at s[i], 0 if invalid.
inline std::size_t utf8_len(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
        if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c == 0xF0 && c1 < 0x90) return 0;
        if (c == 0xF4 && c1 > 0x8F) return 0;
        return 4;
    }
    return 0;
}

/// Control bytes that are layout, not damage: tab, form feed (pdftotext's page break), VT.
inline bool is_layout_control(unsigned char c) noexcept { return c == '\t' || c == '\f' || c == '\v'; }

/// Valid UTF-8 without control bytes other than tab, form feed and vertical tab (and, with
/// `lines`, the line ends "\n" and "\r\n" of a whole text). The common bytes take one
/// comparison each: printable ASCII, and 3-byte sequences whose lead byte needs no check of the
/// second byte's range (E1–EC, EE, EF: all CJK); everything else goes through utf8_len.
inline bool is_clean_utf8(std::string_view s, bool lines = false) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c - 0x20u < 0x5Fu) {  // 0x20 … 0x7E
            ++i;
            continue;
        }
        if ((c - 0xE1u < 0x0Cu || c >= 0xEE) && c <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        if (c < 0x80) {
            if (lines && (c == '\n' || (c == '\r' && i + 1 < n && p[i + 1] == '\n'))) {
                ++i;
                continue;
            }
            if (!is_layout_control(c)) return false;  // other controls, DEL
            ++i;
            continue;
        }
        const std::size_t len = utf8_len(s, i);
        if (!len) return false;
        i += len;
    }
    return true;
}

/// Invalid sequences and control bytes replaced by U+FFFD.
inline std::string sanitize_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c < 0x20 && !is_layout_control(c)) || c == 0x7F) out += "\xEF\xBF\xBD";
            else out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        const std::size_t n = utf8_len(s, i);
        if (!n) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

/// At most `max` bytes, cut at a character boundary.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max) noexcept {
    if (s.size() <= max) return s;
    std::size_t e = max;
    while (e > 0 && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) --e;
    return s.substr(0, e);
}

}  // namespace caizheng::import_detail
