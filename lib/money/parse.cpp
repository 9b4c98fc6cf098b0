// Scanner for numbers as published documents print them (see caizheng/parse.hpp).
#include "caizheng/parse.hpp"

#include <cstring>
#include <string>

namespace caizheng::detail {

namespace {

enum class tok { digit, group, point, space, minus, plus, lparen, rparen, dash, percent, end, other, bad_utf8 };

struct cursor {
    std::string_view s;
    std::size_t pos = 0;   // byte offset of the next code point
    std::size_t start = 0; // byte offset of the last token
    int digit = 0;

    /// Decode the next code point and classify it.
    tok next() {
        start = pos;
        if (pos >= s.size()) return tok::end;
        const auto c = static_cast<unsigned char>(s[pos]);
        if (c < 0x80) {
            ++pos;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
                return tok::digit;
            }
            switch (c) {
                case ',': return tok::group;
                case '.': return tok::point;
                case ' ': case '\t': case '\r': case '\n': return tok::space;
                case '-': return tok::minus;
                case '+': return tok::plus;
                case '(': return tok::lparen;
                case ')': return tok::rparen;
                case '%': return tok::percent;
                default: return tok::other;
            }
        }
        std::uint32_t cp = 0;
        int len = 0;
        if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; len = 2; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; len = 3; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; len = 4; }
        else return tok::bad_utf8;
        if (pos + static_cast<std::size_t>(len) > s.size()) return tok::bad_utf8;
        for (int i = 1; i < len; ++i) {
            const auto cc = static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
            if ((cc & 0xC0) != 0x80) return tok::bad_utf8;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return tok::bad_utf8;
        pos += static_cast<std::size_t>(len);
        if (cp >= 0xFF10 && cp <= 0xFF19) {
            digit = static_cast<int>(cp - 0xFF10);
            return tok::digit;
        }
        switch (cp) {
            case 0xFF0C: return tok::group;           // ，
            case 0xFF0E: return tok::point;           // ．
            case 0x3000: case 0x00A0: case 0x2009: case 0x202F: return tok::space;
            case 0xFF0D: case 0x2212: return tok::minus;  // － −
            case 0xFF0B: return tok::plus;            // ＋
            case 0xFF08: return tok::lparen;          // （
            case 0xFF09: return tok::rparen;          // ）
            case 0x2014: case 0x2013: case 0x2015: return tok::dash;  // — – ―
            case 0xFF05: return tok::percent;         // ％
            default: return tok::other;
        }
    }
};

std::string quote(std::string_view text) {
    constexpr std::size_t max = 80;
    std::string q = "\"";
    if (text.size() <= max) {
        q.append(text);
    } else {
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        q.append(text.substr(0, cut));
        q.append("…");
    }
    q += "\"";
    return q;
}

std::size_t char_column(std::string_view text, std::size_t byte) {
    std::size_t col = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    return col;
}

[[noreturn]] void fail(std::string_view text, const char* what, std::size_t byte, const std::string& why) {
    throw parse_error("cannot parse " + std::string(what) + " " + quote(text) + ": " + why +
                          " at character " + std::to_string(char_column(text, byte)),
                      byte);
}

std::string shown(std::string_view text, std::size_t from, std::size_t to) {
    // Built with append: GCC 12 at -O3 reports a false -Wrestrict on "\"" + std::string(...).
    std::string s;
    s.reserve(to - from + 2);
    s.push_back('"');
    s.append(text.substr(from, to - from));
    s.push_back('"');
    return s;
}

}  // namespace

scanned_number scan_number(std::string_view text, const char* what) {
    scanned_number n;
    cursor c{text};
    // Trim: find the first and last non-space code points.
    std::size_t first = text.size(), last_end = 0;
    bool all_dash = true;
    int n_tokens = 0;
    for (;;) {
        const tok t = c.next();
        if (t == tok::end) break;
        if (t == tok::bad_utf8) fail(text, what, c.start, "invalid UTF-8");
        if (t == tok::space) continue;
        if (first == text.size()) first = c.start;
        last_end = c.pos;
        ++n_tokens;
        if (t != tok::dash && t != tok::minus) all_dash = false;
    }
    if (n_tokens == 0 || all_dash) {
        n.empty = true;
        return n;
    }

    c = cursor{text.substr(0, last_end)};
    c.pos = first;
    enum { sign, int_part, after_group, after_point, frac, after_paren } state = sign;
    bool paren = false;
    bool any_int_digit = false;
    bool prev_space = false;
    bool prev_digit = false;
    int group_len = 0;         // digits in the current group
    bool grouped = false;      // a group separator was seen
    int frac_digits = 0;
    for (;;) {
        const tok t = c.next();
        if (t == tok::end) break;
        if (t == tok::space) {
            prev_space = true;
            continue;
        }
        const bool was_space = prev_space;
        prev_space = false;
        switch (t) {
            case tok::digit: {
                if (state == sign || state == after_group) state = int_part;
                if (state == after_point) state = frac;
                if (state == after_paren) fail(text, what, c.start, "digit after closing parenthesis");
                if (was_space && prev_digit) fail(text, what, c.start, "space between digits");
                prev_digit = true;
                const char ch = static_cast<char>('0' + c.digit);
                if (state == int_part) {
                    any_int_digit = true;
                    ++group_len;
                    if (grouped && group_len > 3) fail(text, what, c.start, "digit group longer than three");
                    if (n.n_digits == 0 && ch == '0') continue;  // leading zero
                    if (n.n_digits >= 40) throw error(errc::overflow, "cannot parse " + std::string(what) + " " + quote(text) + ": too many digits");
                    n.digits[n.n_digits++] = ch;
                    ++n.int_digits;
                } else {  // frac
                    ++frac_digits;
                    if (n.n_digits >= 40) {
                        if (ch != '0') n.sticky = true;
                        continue;
                    }
                    n.digits[n.n_digits++] = ch;
                }
                continue;
            }
            case tok::group:
                if (state != int_part) fail(text, what, c.start, "unexpected group separator " + shown(text, c.start, c.pos));
                if (grouped ? group_len != 3 : (group_len < 1 || group_len > 3))
                    fail(text, what, c.start, "digits are not grouped by three");
                grouped = true;
                group_len = 0;
                state = after_group;
                prev_digit = false;
                continue;
            case tok::point:
                if (state != int_part) fail(text, what, c.start, "unexpected decimal point");
                if (grouped && group_len != 3) fail(text, what, c.start, "digits are not grouped by three");
                state = after_point;
                prev_digit = false;
                continue;
            case tok::minus:
            case tok::plus:
                if (state != sign || n.negative || paren || c.start != first)
                    fail(text, what, c.start, "unexpected sign " + shown(text, c.start, c.pos));
                n.negative = (t == tok::minus);
                continue;
            case tok::lparen:
                if (state != sign || c.start != first) fail(text, what, c.start, "unexpected parenthesis");
                paren = true;
                n.negative = true;
                continue;
            case tok::rparen:
                if (!paren || !(state == int_part || state == frac))
                    fail(text, what, c.start, "unexpected closing parenthesis");
                if (grouped && state == int_part && group_len != 3)
                    fail(text, what, c.start, "digits are not grouped by three");
                state = after_paren;
                continue;
            case tok::percent:
                fail(text, what, c.start, "unexpected percent sign (use parse_percent)");
            default:
                fail(text, what, c.start, "unexpected " + shown(text, c.start, c.pos));
        }
    }
    const std::size_t end_byte = last_end;
    if (!any_int_digit) fail(text, what, end_byte, "no digits before the end");
    if (state == after_group) fail(text, what, end_byte, "group separator without digits after it");
    if (state == after_point) fail(text, what, end_byte, "decimal point without digits after it");
    if (paren && state != after_paren) fail(text, what, end_byte, "missing closing parenthesis");
    if (state == int_part && grouped && group_len != 3) fail(text, what, end_byte, "digits are not grouped by three");
    // Strip trailing zeros of the fraction (they carry no value).
    if (!n.sticky)
        while (n.n_digits > n.int_digits && n.digits[n.n_digits - 1] == '0') --n.n_digits;
    if (n.n_digits == 0) n.negative = false;  // −0 is 0
    n.frac_written = frac_digits;
    return n;
}

std::int64_t scanned_to_fixed(const scanned_number& n, int places, std::optional<rounding_mode> mode,
                              std::string_view text) {
    const int frac_in_buf = n.n_digits - n.int_digits;
    const int keep = n.int_digits + (places < frac_in_buf ? places : frac_in_buf);
    constexpr std::uint64_t limit_pos = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::uint64_t limit = n.negative ? limit_pos + 1 : limit_pos;
    auto overflow = [&] {
        return error(errc::overflow, "amount " + quote(text) + " does not fit in 64 bits with " +
                                         std::to_string(places) + " places");
    };
    std::uint64_t mag = 0;
    for (int i = 0; i < keep; ++i) {
        if (__builtin_mul_overflow(mag, std::uint64_t{10}, &mag) ||
            __builtin_add_overflow(mag, static_cast<std::uint64_t>(n.digits[i] - '0'), &mag))
            throw overflow();
    }
    for (int i = frac_in_buf; i < places; ++i)
        if (__builtin_mul_overflow(mag, std::uint64_t{10}, &mag)) throw overflow();
    if (mag > limit) throw overflow();
    // Digits beyond `places`.
    if (keep < n.n_digits || n.sticky) {
        if (!mode)
            throw error(errc::inexact, "amount " + quote(text) + " has more than " + std::to_string(places) +
                                           " decimal places; give a rounding mode to round it");
        int cmp_half = -1;
        if (keep < n.n_digits) {
            const int d0 = n.digits[keep] - '0';
            bool rest = n.sticky;
            for (int i = keep + 1; i < n.n_digits && !rest; ++i) rest = n.digits[i] != '0';
            cmp_half = d0 > 5 ? 1 : (d0 < 5 ? -1 : (rest ? 1 : 0));
        }
        if (detail::round_away(*mode, cmp_half, n.negative, (mag & 1u) != 0)) {
            if (mag == limit) throw overflow();
            ++mag;
        }
    }
    if (n.negative) return mag == limit_pos + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(mag);
    return static_cast<std::int64_t>(mag);
}

int scanned_places(const scanned_number& n, std::string_view text) {
    const int places = n.n_digits - n.int_digits;
    if (n.sticky || places > decimal::max_scale)
        throw error(errc::inexact, "number " + quote(text) + " has more than 18 decimal places");
    return places;
}

}  // namespace caizheng::detail

namespace caizheng {

namespace {

/// Trim ASCII and full-width spaces from both ends.
std::string_view trim(std::string_view s) {
    auto is_space_at_front = [](std::string_view v) -> std::size_t {
        if (v.empty()) return 0;
        const char c = v.front();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
        if (v.substr(0, 3) == "\u3000") return 3;
        if (v.substr(0, 2) == "\u00a0") return 2;
        return 0;
    };
    for (std::size_t k; (k = is_space_at_front(s)) != 0;) s.remove_prefix(k);
    for (;;) {
        if (s.empty()) break;
        const char c = s.back();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { s.remove_suffix(1); continue; }
        if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") { s.remove_suffix(3); continue; }
        if (s.size() >= 2 && s.substr(s.size() - 2) == "\u00a0") { s.remove_suffix(2); continue; }
        break;
    }
    return s;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
    if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
        s.remove_suffix(suffix.size());
        return true;
    }
    return false;
}

}  // namespace

std::optional<decimal> parse_decimal_cell(std::string_view text) {
    const auto n = detail::scan_number(text, "number");
    if (n.empty) return std::nullopt;
    const int places = detail::scanned_places(n, text);
    return decimal(detail::scanned_to_fixed(n, places, std::nullopt, text), places);
}

decimal parse_decimal_as_written(std::string_view text) {
    const auto n = detail::scan_number(text, "number");
    if (n.empty) throw parse_error("expected a number, found an empty marker \"" + std::string(text) + "\"", 0);
    const int fewest = detail::scanned_places(n, text);  // throws inexact beyond 18 significant places
    const int written = n.frac_written < decimal::max_scale ? n.frac_written : decimal::max_scale;
    if (written > fewest) {
        try {
            return decimal(detail::scanned_to_fixed(n, written, std::nullopt, text), written);
        } catch (const error& e) {
            if (e.code() != errc::overflow) throw;  // the written zeros do not fit: drop them
        }
    }
    return decimal(detail::scanned_to_fixed(n, fewest, std::nullopt, text), fewest);
}

quantity parse_quantity(std::string_view text) {
    std::string_view s = trim(text);
    quantity q;
    if (strip_suffix(s, "亿元")) q.unit = money_unit::yi_yuan;
    else if (strip_suffix(s, "万元")) q.unit = money_unit::wan_yuan;
    else if (strip_suffix(s, "元")) q.unit = money_unit::yuan;
    else throw parse_error("cannot parse quantity \"" + std::string(text) + "\": no unit (元, 万元 or 亿元) at its end", text.size());
    s = trim(s);
    if (s.empty()) throw parse_error("cannot parse quantity \"" + std::string(text) + "\": no number before the unit", 0);
    q.value = decimal::parse(s);
    return q;
}

decimal parse_percent(std::string_view text) {
    std::string_view s = trim(text);
    if (!strip_suffix(s, "%") && !strip_suffix(s, "％"))
        throw parse_error("cannot parse percentage \"" + std::string(text) + "\": no % at its end", text.size());
    s = trim(s);
    if (s.empty()) throw parse_error("cannot parse percentage \"" + std::string(text) + "\": no number before %", 0);
    return parse_decimal_as_written(s);
}

}  // namespace caizheng
