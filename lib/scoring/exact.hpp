// Internal: exact rational arithmetic for scores, rounded once.
//
// A frac is kept as two 64-bit integers while its numerator and denominator fit (the figures of
// a 自评表 always do: mantissas of at most 18 digits over 10^scale); every operation works on
// exact 128-bit intermediates and falls back to arbitrary-precision integers (cpp_int) when a
// result does not fit 64 bits. Results depend only on the value, never on which form holds it.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/rounding.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

namespace caizheng::scoring_detail {

using big = boost::multiprecision::cpp_int;
__extension__ typedef __int128 i128;           // exact product of two int64 (GCC/Clang)
__extension__ typedef unsigned __int128 u128;

/// d with at least two places (for scores printed "10" next to "9.90"); error(overflow) when
/// the zeros do not fit.
inline decimal two_places(const decimal& d) {
    return d.scale() >= 2 ? d : d.rescale(2, rounding_mode::half_away_from_zero);
}
/// two_places(a) == two_places(b), which is a == b: two_places only appends zeros — except that
/// it throws error(overflow) when they do not fit, so such a value takes two_places itself.
inline bool same_at_two_places(const decimal& a, const decimal& b) {
    const auto fits = [](const decimal& d) {
        std::int64_t r = 0;
        return d.scale() >= 2 || !__builtin_mul_overflow(d.mantissa(), detail::pow10_i64(2 - d.scale()), &r);
    };
    if (fits(a) && fits(b)) return a == b;
    return two_places(a) == two_places(b);
}

inline constexpr bool fits64(i128 v) noexcept {
    return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

/// n / d rounded half away from zero, for n ≥ 0 and d > 0: the quotient, plus one when the
/// remainder is at least half of d (r ≥ d − r: no doubling that could overflow) — what
/// divide_rounded<std::int64_t> gives for these operands, inline (the scoring room's usual case:
/// a table's non-negative figures).
[[nodiscard]] inline constexpr std::int64_t half_up_quotient(std::int64_t n, std::int64_t d) noexcept {
    const std::int64_t q = n / d, r = n % d;
    return r >= d - r ? q + 1 : q;
}

/// num / den with den > 0.
class frac {
public:
    frac() = default;
    /// n / d; error(division_by_zero) when d == 0.
    frac(big n, big d) {
        if (d == 0) throw error(errc::division_by_zero, "division by zero");
        if (d < 0) {
            n = -n;
            d = -d;
        }
        set_wide(std::move(n), std::move(d));
    }
    static frac of(const decimal& d) noexcept { return small(d.mantissa(), detail::pow10_i64(d.scale())); }
    static frac integer(long long v) noexcept { return small(v, 1); }
    /// n / d for d > 0.
    static frac ratio(std::int64_t n, std::int64_t d) noexcept { return small(n, d); }

    friend frac operator+(const frac& a, const frac& b) {
        if (!a.w_ && !b.w_) {
            if (a.d_ == b.d_) return from(i128(a.n_) + b.n_, a.d_);
            const frac r = from(i128(a.n_) * b.d_ + i128(b.n_) * a.d_, i128(a.d_) * b.d_);
            if (!r.w_) return r;
        }
        const big ad = a.wide_den(), bd = b.wide_den();
        return {a.wide_num() * bd + b.wide_num() * ad, ad * bd};
    }
    friend frac operator-(const frac& a, const frac& b) {
        if (!a.w_ && !b.w_) {
            if (a.d_ == b.d_) return from(i128(a.n_) - b.n_, a.d_);
            const frac r = from(i128(a.n_) * b.d_ - i128(b.n_) * a.d_, i128(a.d_) * b.d_);
            if (!r.w_) return r;
        }
        const big ad = a.wide_den(), bd = b.wide_den();
        return {a.wide_num() * bd - b.wide_num() * ad, ad * bd};
    }
    friend frac operator*(const frac& a, const frac& b) {
        if (!a.w_ && !b.w_) {
            const frac r = from(i128(a.n_) * b.n_, i128(a.d_) * b.d_);
            if (!r.w_) return r;
        }
        return {a.wide_num() * b.wide_num(), a.wide_den() * b.wide_den()};
    }
    friend frac operator/(const frac& a, const frac& b) {
        if (b.is_zero()) throw error(errc::division_by_zero, "division by zero");
        if (!a.w_ && !b.w_) {
            i128 n = i128(a.n_) * b.d_, d = i128(a.d_) * b.n_;
            if (d < 0) {
                n = -n;
                d = -d;
            }
            const frac r = from(n, d);
            if (!r.w_) return r;
        }
        return {a.wide_num() * b.wide_den(), a.wide_den() * b.wide_num()};
    }
    friend int cmp(const frac& a, const frac& b) {
        if (!a.w_ && !b.w_) {
            const i128 l = i128(a.n_) * b.d_, r = i128(b.n_) * a.d_;
            return l < r ? -1 : (l > r ? 1 : 0);
        }
        const big l = a.wide_num() * b.wide_den(), r = b.wide_num() * a.wide_den();
        return l < r ? -1 : (l > r ? 1 : 0);
    }
    friend bool operator<(const frac& a, const frac& b) { return cmp(a, b) < 0; }
    friend bool operator>(const frac& a, const frac& b) { return cmp(a, b) > 0; }
    friend bool operator<=(const frac& a, const frac& b) { return cmp(a, b) <= 0; }
    friend bool operator>=(const frac& a, const frac& b) { return cmp(a, b) >= 0; }
    friend bool operator==(const frac& a, const frac& b) { return cmp(a, b) == 0; }
    [[nodiscard]] bool is_zero() const { return w_ ? w_->first == 0 : n_ == 0; }
    [[nodiscard]] bool negative() const { return w_ ? w_->first < 0 : n_ < 0; }

    /// Rounded once to `places` by `mode`; error(overflow) when it does not fit a decimal.
    [[nodiscard]] decimal round(int places, rounding_mode mode = rounding_mode::half_away_from_zero) const {
        if (const auto q = rounded_small(places, mode)) {
            if (fits64(*q)) return decimal(static_cast<std::int64_t>(*q), places);
            throw error(errc::overflow, "score: result does not fit in 64 bits");
        }
        return decimal(detail::narrow_checked(rounded_mantissa(places, mode), "score"), places);
    }
    /// The same, or nothing when it does not fit a decimal (for figures that are only shown).
    [[nodiscard]] std::optional<decimal> round_if_fits(int places,
                                                       rounding_mode mode = rounding_mode::half_away_from_zero) const {
        if (const auto q = rounded_small(places, mode)) {
            if (!fits64(*q)) return std::nullopt;
            return decimal(static_cast<std::int64_t>(*q), places);
        }
        const big q = rounded_mantissa(places, mode);
        if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min())
            return std::nullopt;
        return decimal(static_cast<std::int64_t>(q), places);
    }

    /// The numerator and denominator when held in 64 bits (d > 0), else false.
    [[nodiscard]] bool small_parts(std::int64_t& n, std::int64_t& d) const noexcept {
        if (w_) return false;
        n = n_;
        d = d_;
        return true;
    }
    /// Whether the value is held as arbitrary-precision integers (tests check both forms agree).
    [[nodiscard]] bool is_wide() const noexcept { return w_.has_value(); }
    /// The same value held as arbitrary-precision integers: every operation on it takes the wide path.
    [[nodiscard]] frac widened() const {
        frac r;
        r.w_.emplace(wide_num(), wide_den());
        return r;
    }

private:
    std::int64_t n_ = 0;
    std::int64_t d_ = 1;               // > 0
    std::optional<std::pair<big, big>> w_;  // when set: the value is w_->first / w_->second, n_ / d_ unused

    static frac small(std::int64_t n, std::int64_t d) noexcept {
        frac r;
        r.n_ = n;
        r.d_ = d;
        return r;
    }
    /// n / d (d > 0) from exact 128-bit values: 64-bit when both fit (in the caller, every
    /// operation ends here), otherwise wide.
    [[gnu::always_inline]] static frac from(i128 n, i128 d) {
        if (fits64(n) && fits64(d)) return small(static_cast<std::int64_t>(n), static_cast<std::int64_t>(d));
        return wide_from(n, d);
    }
    [[gnu::noinline]] static frac wide_from(i128 n, i128 d) {
        frac r;
        r.w_.emplace(to_big(n), to_big(d));
        return r;
    }
    static big to_big(i128 v) {
        const bool neg = v < 0;
        // |v| < 2^127 here (products of two int64 and their sums), so the negation cannot overflow.
        const auto m = static_cast<u128>(neg ? -v : v);
        big r = static_cast<std::uint64_t>(m >> 64);
        r <<= 64;
        r += static_cast<std::uint64_t>(m);
        return neg ? big(-r) : r;
    }
    void set_wide(big n, big d) {
        if (n >= std::numeric_limits<std::int64_t>::min() && n <= std::numeric_limits<std::int64_t>::max() &&
            d <= std::numeric_limits<std::int64_t>::max()) {
            n_ = static_cast<std::int64_t>(n);
            d_ = static_cast<std::int64_t>(d);
            w_.reset();
        } else {
            w_.emplace(std::move(n), std::move(d));
        }
    }
    [[nodiscard]] big wide_num() const { return w_ ? w_->first : big(n_); }
    [[nodiscard]] big wide_den() const { return w_ ? w_->second : big(d_); }

    /// The rounded mantissa from 64-bit parts when num × 10^places fits 128 bits, else nothing.
    [[nodiscard]] std::optional<i128> rounded_small(int places, rounding_mode mode) const {
        if (w_ || places < 0 || places > 18) return std::nullopt;
        const i128 num = i128(n_) * detail::pow10_i64(places);
        // The same quotient by a 64-bit division when the numerator fits (the usual case); a
        // non-negative one rounded half away from zero inline (half_up_quotient; d_ > 0).
        if (fits64(num)) {
            const auto n = static_cast<std::int64_t>(num);
            if (n >= 0 && mode == rounding_mode::half_away_from_zero) return i128(half_up_quotient(n, d_));
            return i128(divide_rounded<std::int64_t>(n, d_, mode));
        }
        return divide_rounded<i128>(num, i128(d_), mode);
    }
    [[nodiscard]] big rounded_mantissa(int places, rounding_mode mode) const {
        big scale = 1;
        for (int i = 0; i < places; ++i) scale *= 10;
        return divide_rounded<big>(wide_num() * scale, wide_den(), mode);
    }
};

/// 10^k as a fraction (k may be negative).
inline frac pow10(int k) {
    if (k >= -18 && k <= 18) return k < 0 ? frac::ratio(1, detail::pow10_i64(-k)) : frac::integer(detail::pow10_i64(k));
    big p = 1;
    for (int i = 0; i < (k < 0 ? -k : k); ++i) p *= 10;
    return k < 0 ? frac(big(1), p) : frac(p, big(1));
}

/// exact_add's path when the scales differ or the same-scale result overflows (out of line).
[[gnu::noinline]] inline decimal exact_add_rescaled(const decimal& a, const decimal& b, bool minus) {
    std::int64_t r = 0;
    const int s = a.scale() > b.scale() ? a.scale() : b.scale();
    std::int64_t x = 0, y = 0;
    if (!__builtin_mul_overflow(a.mantissa(), detail::pow10_i64(s - a.scale()), &x) &&
        !__builtin_mul_overflow(b.mantissa(), detail::pow10_i64(s - b.scale()), &y) &&
        !(minus ? __builtin_sub_overflow(x, y, &r) : __builtin_add_overflow(x, y, &r)))
        return decimal(r, s);
    return (minus ? frac::of(a) - frac::of(b) : frac::of(a) + frac::of(b)).round(s);
}
/// a + b (or a − b when `minus`) exactly, at the larger of the two scales; error(overflow)
/// when the result does not fit a decimal (the same as (of(a) ± of(b)).round(max scale), which
/// the overflow case still takes). The same-scale case inline.
[[gnu::always_inline]] inline decimal exact_add(const decimal& a, const decimal& b, bool minus) {
    std::int64_t r = 0;
    if (a.scale() == b.scale() &&  // the usual case (scores with the same places): no rescaling, inline
        !(minus ? __builtin_sub_overflow(a.mantissa(), b.mantissa(), &r) : __builtin_add_overflow(a.mantissa(), b.mantissa(), &r)))
        return decimal(r, a.scale());
    return exact_add_rescaled(a, b, minus);
}
/// The exact sum of `n` decimals (each of scale ≤ places ≤ 18) at `places`: from the mantissas
/// in 128 bits, the same as Σ of(v) rounded to `places` on fractions (which the case that does
/// not fit 64 bits still takes, for its error(overflow)).
inline decimal exact_sum_at(const decimal* const* values, std::size_t n, int places) {
    i128 acc = 0;
    for (std::size_t i = 0; i < n; ++i) acc += i128(values[i]->mantissa()) * detail::pow10_i64(places - values[i]->scale());
    if (fits64(acc)) return decimal(static_cast<std::int64_t>(acc), places);
    frac sum;
    for (std::size_t i = 0; i < n; ++i) sum = sum + frac::of(*values[i]);
    return sum.round(places);
}

/// a + b exactly (exact_add).
inline decimal exact_sum(const decimal& a, const decimal& b) { return exact_add(a, b, false); }
/// a − b exactly (exact_add).
inline decimal exact_difference(const decimal& a, const decimal& b) { return exact_add(a, b, true); }

}  // namespace caizheng::scoring_detail
