// caizheng — rounding modes and exact rounded integer division.
//
// All rounding in caizheng goes through divide_rounded(): a quotient of two exact integers
// rounded once, by an explicit mode. Wide intermediates use Boost.Multiprecision.
#pragma once

#include "caizheng/error.hpp"

#include <boost/describe/enum.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace caizheng {

/// How a value is brought to fewer decimal places. Values are stable (C API: CZ_ROUND_*).
enum class rounding_mode : int {
    half_away_from_zero = 0,  ///< 四舍五入: 2.345 → 2.35, −2.345 → −2.35 (the default)
    half_even = 1,            ///< banker's rounding: 2.345 → 2.34, 2.355 → 2.36
    half_down = 2,            ///< ties toward zero: 2.345 → 2.34
    toward_zero = 3,          ///< truncate: 2.349 → 2.34, −2.349 → −2.34
    away_from_zero = 4,       ///< 2.341 → 2.35
    floor = 5,                ///< toward −∞: −2.341 → −2.35
    ceiling = 6,              ///< toward +∞: 2.341 → 2.35
};
BOOST_DESCRIBE_ENUM(rounding_mode, half_away_from_zero, half_even, half_down, toward_zero,
                    away_from_zero, floor, ceiling)

/// 128-bit and 256-bit signed integers for exact intermediates.
using int128 = boost::multiprecision::int128_t;
using int256 = boost::multiprecision::int256_t;

/// Name of a rounding mode ("half_even").
[[nodiscard]] CAIZHENG_CXX_API const char* rounding_mode_name(rounding_mode mode) noexcept;
/// Parse a rounding mode name as printed by rounding_mode_name(); throws error(invalid_argument).
[[nodiscard]] CAIZHENG_CXX_API rounding_mode rounding_mode_from_name(const std::string& name);

namespace detail {

/// Whether a truncated quotient q (of a division with non-zero remainder) moves one step away
/// from zero. `cmp_half` is the sign of (2·|remainder| − |divisor|), `negative` the sign of the
/// exact quotient, `q_odd` the parity of the truncated quotient.
constexpr bool round_away(rounding_mode mode, int cmp_half, bool negative, bool q_odd) {
    switch (mode) {
        case rounding_mode::half_away_from_zero: return cmp_half >= 0;
        case rounding_mode::half_even: return cmp_half > 0 || (cmp_half == 0 && q_odd);
        case rounding_mode::half_down: return cmp_half > 0;
        case rounding_mode::toward_zero: return false;
        case rounding_mode::away_from_zero: return true;
        case rounding_mode::floor: return negative;
        case rounding_mode::ceiling: return !negative;
    }
    throw error(errc::invalid_argument, "unknown rounding mode");
}

/// 10^0 … 10^18.
inline constexpr std::array<std::int64_t, 19> pow10_i64_table = [] {
    std::array<std::int64_t, 19> t{};
    std::int64_t p = 1;
    for (auto& x : t) {
        x = p;
        if (p < 1000000000000000000) p *= 10;
    }
    return t;
}();

/// 10^n for 0 ≤ n ≤ 18 (a table lookup; n outside that range is a precondition violation).
constexpr std::int64_t pow10_i64(int n) { return pow10_i64_table[static_cast<std::size_t>(n)]; }

template <class I>
I pow10_wide(int n) {
    I r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

/// Narrow a wide integer to int64, throwing error(overflow) when it does not fit.
template <class I>
std::int64_t narrow_checked(const I& v, const char* what) {
    if (v > I(std::numeric_limits<std::int64_t>::max()) ||
        v < I(std::numeric_limits<std::int64_t>::min()))
        throw error(errc::overflow, std::string(what) + ": result does not fit in 64 bits");
    return static_cast<std::int64_t>(v);
}

}  // namespace detail

/// num / den rounded once by `mode`. Exact for any integer type I (int64_t, int128, int256).
/// Throws error(division_by_zero) when den == 0. For int64_t, INT64_MIN / −1 throws overflow.
template <class I>
I divide_rounded(I num, I den, rounding_mode mode) {
    if (den == 0) throw error(errc::division_by_zero, "division by zero");
    if constexpr (std::is_same_v<I, std::int64_t>) {
        // The only int64 cases whose negation overflows: take the wide path.
        constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
        if (num == lowest || den == lowest)
            return detail::narrow_checked(divide_rounded<int128>(int128(num), int128(den), mode),
                                          "division");
    }
    I q = num / den;
    I r = num % den;
    if (r == 0) return q;
    const bool negative = (num < 0) != (den < 0);
    I ar = r < 0 ? I(-r) : r;
    I ad = den < 0 ? I(-den) : den;
    I other = ad - ar;  // 2·ar vs ad without overflow: compare ar with ad − ar
    const int cmp_half = ar > other ? 1 : (ar == other ? 0 : -1);
    const bool q_odd = (q % 2) != 0;
    if (detail::round_away(mode, cmp_half, negative, q_odd)) {
        if (negative) {
            return q - 1;
        }
        return q + 1;
    }
    return q;
}

}  // namespace caizheng
