// Internal: exact rational arithmetic for scores (arbitrary-precision integers), rounded once.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/rounding.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <limits>
#include <optional>

namespace caizheng::scoring_detail {

using big = boost::multiprecision::cpp_int;

/// num / den with den > 0.
struct frac {
    big num = 0;
    big den = 1;

    frac() = default;
    frac(big n, big d) : num(std::move(n)), den(std::move(d)) {
        if (den == 0) throw error(errc::division_by_zero, "division by zero");
        if (den < 0) {
            num = -num;
            den = -den;
        }
    }
    static frac of(const decimal& d) {
        big den = 1;
        for (int i = 0; i < d.scale(); ++i) den *= 10;
        return frac(big(d.mantissa()), den);
    }
    static frac integer(long long v) { return frac(big(v), big(1)); }

    friend frac operator+(const frac& a, const frac& b) { return {a.num * b.den + b.num * a.den, a.den * b.den}; }
    friend frac operator-(const frac& a, const frac& b) { return {a.num * b.den - b.num * a.den, a.den * b.den}; }
    friend frac operator*(const frac& a, const frac& b) { return {a.num * b.num, a.den * b.den}; }
    friend frac operator/(const frac& a, const frac& b) {
        if (b.num == 0) throw error(errc::division_by_zero, "division by zero");
        return {a.num * b.den, a.den * b.num};
    }
    friend int cmp(const frac& a, const frac& b) {
        const big l = a.num * b.den, r = b.num * a.den;
        return l < r ? -1 : (l > r ? 1 : 0);
    }
    friend bool operator<(const frac& a, const frac& b) { return cmp(a, b) < 0; }
    friend bool operator>(const frac& a, const frac& b) { return cmp(a, b) > 0; }
    friend bool operator<=(const frac& a, const frac& b) { return cmp(a, b) <= 0; }
    friend bool operator>=(const frac& a, const frac& b) { return cmp(a, b) >= 0; }
    friend bool operator==(const frac& a, const frac& b) { return cmp(a, b) == 0; }
    [[nodiscard]] bool is_zero() const { return num == 0; }
    [[nodiscard]] bool negative() const { return num < 0; }

    /// Rounded once to `places` by `mode`; error(overflow) when it does not fit a decimal.
    [[nodiscard]] decimal round(int places, rounding_mode mode = rounding_mode::half_away_from_zero) const {
        return decimal(detail::narrow_checked(rounded_mantissa(places, mode), "score"), places);
    }
    /// The same, or nothing when it does not fit a decimal (for figures that are only shown).
    [[nodiscard]] std::optional<decimal> round_if_fits(int places,
                                                       rounding_mode mode = rounding_mode::half_away_from_zero) const {
        const big q = rounded_mantissa(places, mode);
        if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min())
            return std::nullopt;
        return decimal(static_cast<std::int64_t>(q), places);
    }

private:
    [[nodiscard]] big rounded_mantissa(int places, rounding_mode mode) const {
        big scale = 1;
        for (int i = 0; i < places; ++i) scale *= 10;
        return divide_rounded<big>(num * scale, den, mode);
    }

public:
};

/// 10^k as a fraction (k may be negative).
inline frac pow10(int k) {
    big p = 1;
    for (int i = 0; i < (k < 0 ? -k : k); ++i) p *= 10;
    return k < 0 ? frac(big(1), p) : frac(p, big(1));
}

}  // namespace caizheng::scoring_detail
