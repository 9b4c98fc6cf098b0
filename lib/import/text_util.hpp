// Internal: small UTF-8 text helpers shared by the importers. Not installed.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng::import_detail {

inline bool starts_with(std::string_view s, std::string_view p) noexcept { return s.starts_with(p); }
inline bool ends_with(std::string_view s, std::string_view p) noexcept { return s.ends_with(p); }
inline bool all_digits(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// s.find(what) for a needle of two or more bytes, found by its last byte: in UTF-8 Chinese
/// text that is a continuation byte, far rarer than the lead bytes E4–E9 that s.find would
/// stop at. Same result as s.find(what).
inline std::size_t find_text(std::string_view s, std::string_view what) noexcept {
    if (what.size() < 2) return s.find(what);
    const std::size_t k = what.size() - 1;
    for (std::size_t pos = k; pos < s.size();) {
        const void* q = std::memchr(s.data() + pos, what[k], s.size() - pos);
        if (!q) break;
        pos = static_cast<std::size_t>(static_cast<const char*>(q) - s.data());
        if (std::memcmp(s.data() + pos - k, what.data(), k) == 0) return pos - k;
        ++pos;
    }
    return std::string_view::npos;
}

/// Whether s contains what (find_text).
inline bool contains(std::string_view s, std::string_view what) noexcept {
    return find_text(s, what) != std::string_view::npos;
}

/// Length of the space at s[i]: 1 for ASCII space/tab/CR/LF/FF/VT, 3 for U+3000, 0 otherwise.
/// Every byte above 0x20 other than U+3000's lead E3 is answered by two comparisons.
inline std::size_t space_at(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c > 0x20) {
        if (c != 0xE3) return 0;
        return i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80' ? 3 : 0;
    }
    return c == ' ' || c - 0x09u < 5u ? 1 : 0;  // space, \t \n \v \f \r
}

/// trim() when s has a space at one of its ends.
inline std::string_view trim_spaces(std::string_view s) noexcept {
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

/// Without leading/trailing ASCII and full-width spaces (a trailing "\n" stays: lines have
/// none). Most fields have nothing to trim: their first byte starts no space and their last
/// ends none (spaces are bytes ≤ 0x20 or U+3000 = E3 80 80), two comparisons each.
inline bool may_need_trim(std::string_view s) noexcept {
    if (s.empty()) return false;
    const auto f = static_cast<unsigned char>(s.front()), l = static_cast<unsigned char>(s.back());
    return f <= 0x20 || f == 0xE3 || l <= 0x20 || l == 0x80;
}
inline std::string_view trim(std::string_view s) noexcept { return may_need_trim(s) ? trim_spaces(s) : s; }

/// Copies `s` without its spaces to `out` (room for s.size() bytes); returns the length.
inline std::size_t squeeze_to(std::string_view s, char* out) noexcept {
    std::size_t j = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = space_at(s, i);
        if (n) {
            i += n;
            continue;
        }
        out[j++] = s[i++];
    }
    return j;
}

/// All spaces removed ("公务员医疗 补助" → "公务员医疗补助").
inline std::string squeeze(std::string_view s) {
    std::string out(s.size(), '\0');
    out.resize(squeeze_to(s, out.data()));
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
    if (buf.size() < s.size()) buf.resize(s.size());
    std::copy(s.data(), s.data() + i, buf.data());
    const std::size_t n = i + squeeze_to(s.substr(i), buf.data() + i);
    return std::string_view(buf.data(), n);
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

/// The 8 bytes at p as a little-endian word (byte k in bits 8k…8k+7).
inline std::uint64_t load_le64(const unsigned char* p) noexcept {
    std::uint64_t w = 0;
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&w, p, 8);
    } else {
        for (int k = 7; k >= 0; --k) w = (w << 8) | p[k];
    }
    return w;
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

/// For the little-endian word `w` of 8 text bytes: bit 8k+7 set when byte k is clean ASCII,
/// i.e. printable (0x20–0x7E) or tab, VT, FF (and LF with `lines`). Exact for every byte: the
/// sums run on the low 7 bits of each byte, which cannot carry into the next byte.
inline std::uint64_t clean_ascii_bytes(std::uint64_t w, bool lines) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = ones * 0x80u, low7 = ones * 0x7Fu;
    const std::uint64_t a = w & low7;
    const std::uint64_t printable = (a + ones * 0x60u) & ~(a + ones);       // ≥ 0x20, ≠ 0x7F
    std::uint64_t control = (a + ones * 0x77u) & ~(a + ones * 0x73u);       // 0x09 … 0x0C
    if (!lines) control &= (a ^ (ones * 0x0Au)) + low7;                     // without LF
    return (printable | control) & ~w & high;
}

/// Whether the first 6 bytes of the little-endian words `w0` and `w1` are each two 3-byte
/// sequences whose lead bytes need no check of the second byte's range: leads E1–EC or EE–EF
/// (all CJK), each followed by two continuation bytes 10xxxxxx. (For two sequences only, pass
/// the same word twice.)
inline bool plain_3byte_pairs(std::uint64_t w0, std::uint64_t w1) noexcept {
    constexpr std::uint64_t mask = 0x0000C0C0F0C0C0F0u, want = 0x00008080E08080E0u;
    if (((w0 & mask) ^ want) | ((w1 & mask) ^ want)) return false;  // leads Ex, continuations 10xxxxxx
    // the low nibbles of the four leads in bytes 0, 3 (w0) and 1, 4 (w1); bit 7 of each of
    // these bytes: nibble ≠ 0 (lead not E0) and nibble ≠ D (not ED); no carries (≤ 0x8E)
    constexpr std::uint64_t lead_nibbles = 0x0F00000Fu, ones = 0x0101000101u;
    const std::uint64_t nib = (w0 & lead_nibbles) | ((w1 & lead_nibbles) << 8);
    return ((nib + ones * 0x7Fu) & ((nib ^ (ones * 0x0Du)) + ones * 0x7Fu) & (ones * 0x80u)) == ones * 0x80u;
}

/// Valid UTF-8 without control bytes other than tab, form feed and vertical tab (and, with
/// `lines`, the line ends "\n" and "\r\n" of a whole text). ASCII is checked 8 bytes at a
/// time (clean_ascii_bytes; the bytes before the first one that is not clean ASCII are
/// skipped at once); 3-byte sequences whose lead byte needs no check of the second byte's
/// range (E1–EC, EE, EF: all CJK) are checked four or two at a time (plain_3byte_pairs), or one
/// at a time with one test of both continuation bytes; everything else goes through utf8_len.
inline bool is_clean_utf8(std::string_view s, bool lines = false) noexcept {
    constexpr std::uint64_t high = 0x8080808080808080u;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            while (i + 14 <= n && plain_3byte_pairs(load_le64(p + i), load_le64(p + i + 6))) i += 12;
            if (i + 8 <= n) {
                const std::uint64_t w = load_le64(p + i);
                if (plain_3byte_pairs(w, w)) i += 6;  // i + 6 < n after either
            }
            c = p[i];
        }
        if (c < 0x80) {
            if (i + 8 <= n) {
                const std::uint64_t bad = ~clean_ascii_bytes(load_le64(p + i), lines) & high;
                if (!bad) {
                    i += 8;
                    continue;
                }
                i += static_cast<std::size_t>(std::countr_zero(bad)) / 8;  // clean bytes before it
                c = p[i];
                if (c >= 0x80) continue;
            }
            if (c - 0x20u < 0x5Fu || is_layout_control(c) ||
                (lines && (c == '\n' || (c == '\r' && i + 1 < n && p[i + 1] == '\n')))) {
                ++i;
                continue;
            }
            return false;  // other controls, DEL
        }
        if (c - 0xE1u < 0x0Cu || c - 0xEEu < 2u) {  // lead of a 3-byte sequence, any second byte
            if (i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
                i += 3;
                continue;
            }
            return false;
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
