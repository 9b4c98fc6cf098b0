// caizheng — parsing numbers as real published documents print them.
//
// Accepted (after trimming ASCII and full-width spaces):
//   1227.61   1,227.61   1, 227. 61 (spaces after separators, as PDF extraction leaves them)
//   17.3   0   0.00   １２３．４５ (full-width digits, ．and ，)   -5.00   －5.00   (5.00)  （5.00）
// Empty markers — "", "-", "—", "－", "–", "——" — mean *empty*, not zero: parse_cell returns
// std::nullopt for them, parse_amount throws.
// Group separators must group by three. More decimal places than the target holds is an
// error (errc::inexact) unless a rounding mode is given: nothing is rounded silently.
// Anything else throws parse_error quoting the text and the character position.
#pragma once

#include "caizheng/money.hpp"

#include <optional>
#include <string_view>

namespace caizheng {

namespace detail {
/// A scanned number: sign and significant decimal digits with the position of the point.
struct scanned_number {
    bool negative = false;
    bool empty = false;  ///< an empty marker
    /// Significant digits, no leading zeros in the integer part, no trailing zeros in the
    /// fraction. At most 40 are kept; `sticky` records a non-zero digit beyond them.
    char digits[40] = {};
    int n_digits = 0;
    int int_digits = 0;  ///< digits before the point (may exceed n_digits when trailing zeros)
    bool sticky = false;
    int frac_written = 0;  ///< fraction digits as written, trailing zeros included
};
/// Scan `text`; throws parse_error. `what` names the thing parsed in messages ("amount").
CAIZHENG_CXX_API scanned_number scan_number(std::string_view text, const char* what);
/// The scanned value as a count of 10^−places, rounded by `mode` or, without one, throwing
/// error(inexact) when digits would be lost. Throws error(overflow) when out of range.
CAIZHENG_CXX_API std::int64_t scanned_to_fixed(const scanned_number& n, int places,
                              std::optional<rounding_mode> mode, std::string_view text);
/// Fewest places that hold the scanned value exactly; throws error(inexact) when > 18.
CAIZHENG_CXX_API int scanned_places(const scanned_number& n, std::string_view text);

/// Result of the fast path for plain ASCII cells.
enum class plain_parse : int { unhandled = 0, value = 1, empty = 2 };

/// Fast path of parse_cell/parse_amount for the forms most cells take: "1227.61", "0.00",
/// "17.3", "1,227.61", "-5.00" (ASCII digits, an optional leading '-', commas grouping by
/// three, at most `places` fraction digits, at most 18 digits in all) and the empty markers
/// "" and "-". Anything else — spaces, full-width characters, parentheses, more places,
/// malformed groups, errors — returns unhandled and goes through scan_number, which gives
/// the same value for every text accepted here. Never throws.
inline plain_parse parse_plain_ascii(std::string_view text, int places, std::int64_t& out) noexcept {
    const char* p = text.data();
    const char* const end = p + text.size();
    if (p == end) return plain_parse::empty;
    const bool negative = *p == '-';
    if (negative && ++p == end) return plain_parse::empty;  // "-"
    std::int64_t v = 0;
    int digits = 0;
    int group = 0;         // digits in the current integer group
    bool grouped = false;  // a comma was seen
    for (; p != end && *p != '.'; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            if (digits == 18) return plain_parse::unhandled;
            v = v * 10 + (c - '0');
            ++digits;
            ++group;
        } else if (c == ',' && group >= 1 && group <= 3 && (!grouped || group == 3)) {
            grouped = true;
            group = 0;
        } else {
            return plain_parse::unhandled;
        }
    }
    if (group == 0 || (grouped && group != 3)) return plain_parse::unhandled;
    int frac = 0;
    if (p != end) {  // at '.'
        for (++p; p != end; ++p) {
            const char c = *p;
            if (c < '0' || c > '9' || frac == places || digits == 18) return plain_parse::unhandled;
            v = v * 10 + (c - '0');
            ++digits;
            ++frac;
        }
        if (frac == 0) return plain_parse::unhandled;  // "5."
    }
    if (digits + (places - frac) > 18) return plain_parse::unhandled;
    for (; frac < places; ++frac) v *= 10;
    out = negative ? -v : v;
    return plain_parse::value;
}
}  // namespace detail

/// A table cell: std::nullopt for an empty marker, else the amount.
template <amount_type A>
std::optional<A> parse_cell(std::string_view text, std::optional<rounding_mode> mode = {}) {
    std::int64_t raw = 0;
    switch (detail::parse_plain_ascii(text, A::places, raw)) {
        case detail::plain_parse::value: return A::from_raw(raw);
        case detail::plain_parse::empty: return std::nullopt;
        case detail::plain_parse::unhandled: break;
    }
    const auto n = detail::scan_number(text, "amount");
    if (n.empty) return std::nullopt;
    return A::from_raw(detail::scanned_to_fixed(n, A::places, mode, text));
}

/// An amount that must be present: an empty marker throws parse_error.
template <amount_type A>
A parse_amount(std::string_view text, std::optional<rounding_mode> mode = {}) {
    std::int64_t raw = 0;
    if (detail::parse_plain_ascii(text, A::places, raw) == detail::plain_parse::value)
        return A::from_raw(raw);
    const auto n = detail::scan_number(text, "amount");
    if (n.empty)
        throw parse_error("expected an amount, found an empty marker \"" + std::string(text) + "\"",
                          0);
    return A::from_raw(detail::scanned_to_fixed(n, A::places, mode, text));
}

/// An exact decimal with the fewest places that hold it ("12.50" → 12.5, scale 1; at most 18
/// significant places), or nullopt for an empty marker.
CAIZHENG_CXX_API std::optional<decimal> parse_decimal_cell(std::string_view text);

/// An exact decimal keeping the places as written, trailing zeros included ("95.30" → 95.30,
/// scale 2), so a stated figure keeps its stated precision. More than 18 written places keep
/// 18 (the extra digits must be zeros, else error(inexact)); if the value with the written
/// zeros does not fit 64 bits, the fewest places that hold it are used. Empty markers and
/// bad text throw parse_error.
CAIZHENG_CXX_API decimal parse_decimal_as_written(std::string_view text);

/// A value with its unit as written in prose: "12.5万元", "3亿元", "1,227.61 元".
struct quantity {
    decimal value;
    money_unit unit = money_unit::yuan;
};
/// Parse "<number><unit>" with unit 元, 万元 or 亿元 (spaces allowed between); throws parse_error.
CAIZHENG_CXX_API quantity parse_quantity(std::string_view text);
/// A quantity as an amount of type A, converted exactly or rounded by `mode`.
template <amount_type A>
A to_amount(const quantity& q, std::optional<rounding_mode> mode = {}) {
    const int power = unit_power(q.unit);
    return A::from_raw(detail::convert_raw(q.value.mantissa(), power, q.value.scale(),
                                           unit_power(A::unit), A::places, mode));
}

/// Parse a percentage as written: "95.39%", "101%", "70.6 ％", "95.30%" → the number of
/// percent (95.39, 101, 70.6, 95.30) with the places written, trailing zeros included, so a
/// claim can be checked at its precision.
CAIZHENG_CXX_API decimal parse_percent(std::string_view text);

}  // namespace caizheng
