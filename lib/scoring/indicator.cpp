// 绩效指标 target/actual text → comparison, number, unit (see include/caizheng/indicator.hpp).
#include "caizheng/indicator.hpp"

#include "caizheng/error.hpp"
#include "caizheng/money.hpp"

#include "indicator_score.hpp"

#include <boost/describe/enum_to_string.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>

namespace caizheng {

namespace {

// The words compared here are a few bytes long: compared inline (no memcmp call).
inline bool starts_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && detail::same_bytes(s.data(), p.data(), p.size());
}
inline bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && detail::same_bytes(s.data() + (s.size() - p.size()), p.data(), p.size());
}

/// Trim ASCII whitespace and U+3000 (full-width space): the loops below.
[[gnu::noinline]] std::string_view trim_ends(std::string_view s) {
    constexpr std::string_view ideo = "\xE3\x80\x80";
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
            s.remove_prefix(1);
        else if (starts_with(s, ideo))
            s.remove_prefix(ideo.size());
        else
            break;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
            s.remove_suffix(1);
        else if (ends_with(s, ideo))
            s.remove_suffix(ideo.size());
        else
            break;
    }
    return s;
}
/// trim_ends(s), answered inline for a text whose first byte cannot start and whose last byte
/// cannot end a space (ASCII whitespace is at most ' '; U+3000 is E3 80 80): the usual case.
[[gnu::always_inline]] inline std::string_view trim(std::string_view s) {
    if (s.empty()) return s;
    const auto f = static_cast<unsigned char>(s.front()), b = static_cast<unsigned char>(s.back());
    if (f > ' ' && f != 0xE3 && b > ' ' && b != 0x80) return s;
    return trim_ends(s);
}

/// Full-width digits, ．and ％ to ASCII; full-width spaces to ' '. Everything else unchanged.
std::string normalize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            const auto d = static_cast<unsigned char>(s[i + 2]);
            if (d >= 0x90 && d <= 0x99) {  // ０-９
                out.push_back(static_cast<char>('0' + (d - 0x90)));
                i += 3;
                continue;
            }
            if (d == 0x8E) {  // ．
                out.push_back('.');
                i += 3;
                continue;
            }
            if (d == 0x85) {  // ％
                out.push_back('%');
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x80) {
            out.push_back(' ');
            i += 3;
            continue;
        }
        out.push_back(static_cast<char>(c));
        ++i;
    }
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Whether `s` holds an ASCII digit (s.find_first_of("0123456789") != npos, without its memchr
/// of the digit set per character).
bool has_digit_in(std::string_view s) {
    return std::find_if(s.begin(), s.end(), is_digit) != s.end();
}

void skip_spaces(std::string_view& s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
}

struct token {
    std::string_view text;
    comparison op;
};

// Longest first where one token is a prefix of another.
constexpr std::array<token, 28> prefixes{{
    {"大于或等于", comparison::at_least}, {"小于或等于", comparison::at_most},
    {"大于等于", comparison::at_least},   {"小于等于", comparison::at_most},
    {"不低于", comparison::at_least},     {"不少于", comparison::at_least},
    {"不小于", comparison::at_least},     {"达到", comparison::at_least},
    {"不高于", comparison::at_most},      {"不超过", comparison::at_most},
    {"不多于", comparison::at_most},      {"不大于", comparison::at_most},
    {"控制在", comparison::at_most},      {"≥", comparison::at_least},
    {"≧", comparison::at_least},          {">=", comparison::at_least},
    {"＞＝", comparison::at_least},       {"≤", comparison::at_most},
    {"≦", comparison::at_most},           {"<=", comparison::at_most},
    {"＜＝", comparison::at_most},        {"=", comparison::equal},
    {"＝", comparison::equal},            {"大于", comparison::greater},
    {">", comparison::greater},           {"＞", comparison::greater},
    {"小于", comparison::less},           {"<", comparison::less},
}};
constexpr std::array<token, 5> suffixes{{
    {"及以上", comparison::at_least},
    {"及以下", comparison::at_most},
    {"以上", comparison::at_least},
    {"以下", comparison::at_most},
    {"以内", comparison::at_most},
}};
constexpr std::array<std::string_view, 4> approximate_words{{"约", "≈", "大约", "左右"}};
// parse_into's one-pass scan looks for these words' bytes itself (约 also finds 大约).
static_assert(approximate_words.size() == 4 && approximate_words[0] == "约" && approximate_words[1] == "≈" && approximate_words[2] == "大约" &&
                  approximate_words[3] == "左右",
              "parse_into's scan: update it with the approximate words");
constexpr std::array<std::string_view, 16> prose_marks{{"，", "、", "；", ";", ",", "（", "）", "(", ")",
                                                        "。", "：", ":", "“", "”", "/", "\\"}};
constexpr std::array<std::string_view, 6> range_marks{{"-", "~", "～", "—", "至", "－"}};

/// The first bytes of a word list: a position whose byte is not among them starts none of the words.
struct first_bytes {
    std::array<bool, 256> has{};
    template <class List>
    constexpr explicit first_bytes(const List& words) {
        for (const auto& w : words) has[static_cast<unsigned char>(text_of(w)[0])] = true;
    }
    static constexpr std::string_view text_of(std::string_view w) { return w; }
    static constexpr std::string_view text_of(const token& t) { return t.text; }
};

/// Whether any of `words` occurs in `s` (one pass; words are tried only where `first` allows).
template <class List>
bool contains_any(std::string_view s, const List& words, const first_bytes& first) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!first.has[static_cast<unsigned char>(s[i])]) continue;
        for (const auto& w : words)
            if (starts_with(s.substr(i), first_bytes::text_of(w))) return true;
    }
    return false;
}
/// Whether any operator token occurs in `s`: at each byte only the tokens starting with it are
/// tried (the same answer as contains_any(s, prefixes, prefix_first)).
struct token_starts {
    std::array<std::uint32_t, 256> mask{};  // bit k: prefixes[k] starts with the byte
    constexpr token_starts() {
        for (std::size_t k = 0; k < prefixes.size(); ++k)
            mask[static_cast<unsigned char>(prefixes[k].text[0])] |= std::uint32_t{1} << k;
    }
};
constexpr token_starts prefix_starts{};
static_assert(prefixes.size() <= 32);

/// decimal::parse(text) for the number texts parse_indicator_value cuts out (ASCII digits, ','
/// groups, at most one '.' followed by a digit): computed here when there is no ',' and at most
/// 18 significant digits (no overflow possible), else decimal::parse itself.
decimal plain_decimal(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && text[i] == '0') ++i;  // leading zeros
    std::int64_t m = 0;
    int digits = 0, places = 0;
    int pending_zeros = 0;  // fraction zeros not yet known to be followed by a non-zero digit
    bool point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (point) return decimal::parse(text);
            point = true;
            continue;
        }
        if (!is_digit(c)) return decimal::parse(text);
        if (point && c == '0') {
            ++pending_zeros;
            continue;
        }
        for (; pending_zeros > 0; --pending_zeros) {
            if (++digits > 18) return decimal::parse(text);
            m *= 10;
            ++places;
        }
        if ((m != 0 || c != '0') && ++digits > 18) return decimal::parse(text);
        m = m * 10 + (c - '0');
        if (point) ++places;
    }
    if (digits == 0 && text.empty()) return decimal::parse(text);
    return decimal(m, places);
}

constexpr first_bytes approximate_first{approximate_words};
constexpr first_bytes prose_first{prose_marks};
constexpr first_bytes range_first{range_marks};

/// What the text after a number holds, from one pass: an ASCII digit, a prose mark, a range
/// mark, an operator token (each: whether it starts at some byte — has_digit_in, contains_any of
/// prose_marks / range_marks and contains_operator on the same text), and its code points.
struct unit_marks {
    bool digit = false, prose = false, range = false, op = false;
    std::size_t code_points = 0;
};
/// Per byte: bit 0 an ASCII digit, bit 1 the first byte of a prose mark, bit 2 of a range mark,
/// bit 3 of an operator token.
struct unit_starts {
    std::array<unsigned char, 256> kind{};
    constexpr unit_starts() {
        for (int c = '0'; c <= '9'; ++c) kind[static_cast<std::size_t>(c)] |= 1;
        for (std::size_t c = 0; c < 256; ++c) {
            if (prose_first.has[c]) kind[c] |= 2;
            if (range_first.has[c]) kind[c] |= 4;
            if (prefix_starts.mask[c] != 0) kind[c] |= 8;
        }
    }
};
constexpr unit_starts unit_start{};

unit_marks scan_unit(std::string_view u) {
    unit_marks m;
    for (std::size_t i = 0; i < u.size(); ++i) {
        const auto c = static_cast<unsigned char>(u[i]);
        m.code_points += (c & 0xC0) != 0x80;
        const unsigned k = unit_start.kind[c];
        if (k == 0) continue;
        const std::string_view at = u.substr(i);
        m.digit |= (k & 1) != 0;
        if ((k & 2) && !m.prose)
            for (const auto w : prose_marks)
                if (starts_with(at, w)) {
                    m.prose = true;
                    break;
                }
        if ((k & 4) && !m.range)
            for (const auto w : range_marks)
                if (starts_with(at, w)) {
                    m.range = true;
                    break;
                }
        if ((k & 8) && !m.op)
            for (std::uint32_t b = prefix_starts.mask[c]; b != 0; b &= b - 1)
                if (starts_with(at, prefixes[static_cast<std::size_t>(std::countr_zero(b))].text)) {
                    m.op = true;
                    break;
                }
    }
    return m;
}

using scoring_detail::reason_text;
using scoring_detail::value_view;

/// `v` made not computable for `reason` (in place: the parser returns one object, no copies).
void not_computable(value_view& v, reason_text reason) {
    v.kind = value_kind::not_computable;
    v.op = comparison::none;
    v.approximate = false;
    v.number.reset();
    v.unit = {};
    v.reason = reason;
}
void not_computable(value_view& v, std::string_view reason) { not_computable(v, reason_text{reason, {}, {}}); }

/// Combine an operator found at one place with one found before; false on a conflict.
bool merge_op(comparison& have, comparison found) {
    if (have == comparison::none || have == found) {
        have = found;
        return true;
    }
    return false;
}

/// parse_indicator_view into `v` (a default value_view).
void parse_into(value_view& v, std::string_view text, std::string& buffer) {
    const std::string_view trimmed = trim(text);
    v.text = trimmed;
    if (trimmed.empty()) {
        v.kind = value_kind::empty;
        v.reason.head = "nothing printed";
        return;
    }
    // One pass over the text for what the steps below ask first: a digit, a character
    // normalize() replaces, an approximate word (whether normalize() changes it, a search
    // for a digit and contains_any(…, approximate_words, …) on the text as it is).
    bool has_digit = false, replace = false, approximate = false;
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        const auto c = static_cast<unsigned char>(trimmed[i]);
        if (c < 0x80) {
            has_digit |= c >= '0' && c <= '9';
            continue;
        }
        if (i + 2 >= trimmed.size()) continue;  // no complete 3-byte character left
        const auto c1 = static_cast<unsigned char>(trimmed[i + 1]), c2 = static_cast<unsigned char>(trimmed[i + 2]);
        if (c == 0xEF) {  // ０-９ ．％
            if (c1 == 0xBC && ((c2 >= 0x90 && c2 <= 0x99) || c2 == 0x8E || c2 == 0x85)) replace = true;
        } else if (c == 0xE3) {  // full-width space
            if (c1 == 0x80 && c2 == 0x80) replace = true;
        } else if (c == 0xE7) {  // 约 (also in 大约)
            if (c1 == 0xBA && c2 == 0xA6) approximate = true;
        } else if (c == 0xE2) {  // ≈
            if (c1 == 0x89 && c2 == 0x88) approximate = true;
        } else if (c == 0xE5) {  // 左右
            if (c1 == 0xB7 && c2 == 0xA6 && i + 5 < trimmed.size() && trimmed.substr(i + 3, 3) == "右")
                approximate = true;
        }
        // Two continuation bytes start nothing looked for here (digits, and words whose first
        // byte is a lead byte): skipped.
        if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) i += 2;
    }
    // The buffer only when a full-width character is replaced; the answers then from it.
    std::string_view norm = trimmed;
    if (replace) {
        norm = buffer = normalize(trimmed);
        has_digit = std::find_if(norm.begin(), norm.end(), is_digit) != norm.end();
        approximate = contains_any(norm, approximate_words, approximate_first);
    }
    if (!has_digit) {
        // A comparison symbol with no number is a broken value, not prose.
        static constexpr std::array<std::string_view, 14> symbols{
            {"≥", "≧", ">=", "＞＝", "≤", "≦", "<=", "＜＝", "=", "＝", ">", "＞", "<", "＜"}};
        std::string_view s = norm;
        skip_spaces(s);
        const auto c = s.empty() ? 0 : static_cast<unsigned char>(s.front());
        if (c == '>' || c == '<' || c == '=' || c == 0xE2 || c == 0xEF)  // the symbols' first bytes
            for (const auto sym : symbols)
                if (starts_with(s, sym)) return not_computable(v, "an operator without a number");
        v.kind = value_kind::qualitative;
        v.reason.head = "no number: qualitative text";
        return;
    }
    if (approximate)
        for (const auto w : approximate_words)
            if (norm.find(w) != std::string::npos)
                return not_computable(v, reason_text{"approximate value (", w, "): no exact number to score with"});

    std::string_view s = norm;
    skip_spaces(s);
    comparison op = comparison::none;
    // Only the tokens starting with the first byte, in the list's order (longest first).
    if (!s.empty())
        for (std::uint32_t m = prefix_starts.mask[static_cast<unsigned char>(s.front())]; m != 0; m &= m - 1) {
            const token& t = prefixes[static_cast<std::size_t>(std::countr_zero(m))];
            if (starts_with(s, t.text)) {
                op = t.op;
                s.remove_prefix(t.text.size());
                break;
            }
        }
    skip_spaces(s);
    if (s.empty() || !is_digit(s.front())) {
        if (op != comparison::none && (s.empty() || !has_digit_in(s)))
            return not_computable(v, "an operator without a number");
        return not_computable(v, "text before the number is not a comparison: a number inside prose");
    }
    // The number: digits, ',' grouping, one '.' fraction.
    std::size_t n = 0;
    bool point = false;
    while (n < s.size()) {
        const char c = s[n];
        if (is_digit(c)) {
            ++n;
        } else if (c == ',' && !point && n + 3 < s.size() && is_digit(s[n + 1]) &&
                   is_digit(s[n + 2]) && is_digit(s[n + 3]) &&
                   (n + 4 >= s.size() || !is_digit(s[n + 4]))) {
            ++n;
        } else if (c == '.' && !point && n + 1 < s.size() && is_digit(s[n + 1])) {
            point = true;
            ++n;
        } else {
            break;
        }
    }
    const std::string_view number_text = s.substr(0, n);
    s.remove_prefix(n);
    try {
        v.number = plain_decimal(number_text);
    } catch (const error&) {
        return not_computable(v, reason_text{"number \"", number_text, "\" does not fit an exact decimal (at most 18 digits)"});
    }
    // Nothing or "%" after the number (most targets and actuals): none of the checks below can
    // apply — no space, 余/多 or suffix word, digit, prose or range mark, operator, and one code
    // point at most — so the unit is what follows.
    if (s.empty() || (s.size() == 1 && s[0] == '%')) {
        v.kind = value_kind::number;
        v.op = op;
        v.unit = s;
        v.reason = {};
        return;
    }
    skip_spaces(s);
    if (starts_with(s, "余") || starts_with(s, "多")) {
        s.remove_prefix(std::string_view("余").size());
        v.approximate = true;
        if (!merge_op(op, comparison::at_least))
            return not_computable(v, "余/多 (at least) conflicts with the operator written");
    }
    skip_spaces(s);
    for (const auto& t : suffixes)
        if (ends_with(s, t.text)) {
            s.remove_suffix(t.text.size());
            if (!merge_op(op, t.op))
                return not_computable(v, reason_text{"the operator before the number and the word after it (", t.text, ") conflict"});
            break;
        }
    const std::string_view unit = trim(s);
    // The checks in their order (has_digit_in, contains_any of the range and prose marks,
    // code_points, contains_operator), from one pass over the unit.
    const unit_marks m = scan_unit(unit);
    if (m.digit) {
        if (m.range) return not_computable(v, "a range or several numbers: no single value");
        return not_computable(v, "more than one number");
    }
    if (m.prose) return not_computable(v, "prose after the number, not a unit");
    if (m.range) return not_computable(v, "a range or several numbers: no single value");
    if (m.code_points > 8) return not_computable(v, "prose after the number, not a unit");
    if (m.op) return not_computable(v, "an operator after the number");
    v.kind = value_kind::number;
    v.op = op;
    v.unit = unit;
    v.reason = {};
}

}  // namespace

value_view scoring_detail::parse_indicator_view(std::string_view text, std::string& buffer) {
    value_view v;
    parse_into(v, text, buffer);
    return v;
}

scoring_detail::parse_memo::parse_memo(std::size_t texts) : room_(std::min(texts, capacity)) { slot_.fill(-1); }

namespace {
/// A hash of a text from its length and its first and last (up to) eight bytes.
std::size_t text_hash(std::string_view t) noexcept {
    std::uint64_t head = 0, tail = 0;
    if (t.size() >= 8) {  // fixed-size copies (no call)
        std::memcpy(&head, t.data(), 8);
        std::memcpy(&tail, t.data() + t.size() - 8, 8);
    } else if (t.size() >= 4) {  // two overlapping 4-byte copies ("100%", "≥90%")
        std::uint32_t a = 0, b = 0;
        std::memcpy(&a, t.data(), 4);
        std::memcpy(&b, t.data() + t.size() - 4, 4);
        head = a;
        tail = b;
    } else {
        for (const char c : t) head = (head << 8) | static_cast<unsigned char>(c);
    }
    std::uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^ (tail + t.size()) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(h ^ (h >> 29));
}
}  // namespace

value_view scoring_detail::parse_memo::parse(std::string_view text, std::string& buffer) {
    std::size_t i = text_hash(text) & (slots - 1);
    for (; slot_[i] >= 0; i = (i + 1) & (slots - 1)) {
        const entry& e = at(static_cast<std::size_t>(slot_[i]));
        if (e.first.size() == text.size() && detail::same_bytes(e.first.data(), text.data(), text.size())) return e.second;
    }
    value_view v = parse_indicator_view(text, buffer);
    // Kept only when no view is into the buffer (the next parse overwrites it).
    const std::less<const char*> before;
    const auto in_buffer = [&](std::string_view x) {
        return !x.empty() && !before(x.data(), buffer.data()) && before(x.data(), buffer.data() + buffer.size());
    };
    if (count_ < room_ && !in_buffer(v.unit) && !in_buffer(v.reason.head) && !in_buffer(v.reason.arg) &&
        !in_buffer(v.reason.tail)) {
        slot_[i] = static_cast<std::int16_t>(count_);
        ::new (static_cast<void*>(storage_ + count_ * sizeof(entry))) entry(text, v);
        ++count_;
    }
    return v;
}

indicator_value scoring_detail::value_view::to_value() const {
    indicator_value v;
    v.kind = kind;
    v.op = op;
    v.approximate = approximate;
    v.number = number;
    v.unit = std::string(unit);
    v.text = std::string(text);
    v.reason = reason.str();
    return v;
}

value_view scoring_detail::view_of(const indicator_value& v) noexcept {
    value_view r;
    r.kind = v.kind;
    r.op = v.op;
    r.approximate = v.approximate;
    r.number = v.number;
    r.unit = v.unit;
    r.text = v.text;
    r.reason.head = v.reason;
    return r;
}

indicator_value parse_indicator_value(std::string_view text) {
    std::string buffer;
    return scoring_detail::parse_indicator_view(text, buffer).to_value();
}

const char* comparison_name(comparison c) noexcept {
    return boost::describe::enum_to_string(c, "unknown");
}
const char* value_kind_name(value_kind k) noexcept {
    return boost::describe::enum_to_string(k, "unknown");
}
const char* comparison_symbol(comparison c) noexcept {
    switch (c) {
        case comparison::none: return "";
        case comparison::at_least: return "≥";
        case comparison::at_most: return "≤";
        case comparison::equal: return "=";
        case comparison::greater: return ">";
        case comparison::less: return "<";
    }
    return "";
}

std::optional<int> unit_conversion(std::string_view a, std::string_view b) {
    if (a.size() == b.size() && detail::same_bytes(a.data(), b.data(), a.size())) return 0;  // a == b, inline
    auto money_power = [](std::string_view u) -> std::optional<int> {
        if (u == "元") return unit_power(money_unit::yuan);
        if (u == "万元") return unit_power(money_unit::wan_yuan);
        if (u == "亿元") return unit_power(money_unit::yi_yuan);
        return std::nullopt;
    };
    const auto pa = money_power(a), pb = money_power(b);
    if (pa && pb) return *pb - *pa;
    return std::nullopt;
}

}  // namespace caizheng
