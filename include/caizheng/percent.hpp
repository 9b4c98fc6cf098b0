// caizheng — percentages computed exactly and rounded once.
//
// share 占比 = part / whole × 100; change rate 增减率 = (this − last) / last × 100;
// completion 完成率 = actual / budget × 100. Each returns an exact ratio (a fraction of
// 128-bit integers); round() brings it to a requested number of places (default 2, 四舍五入)
// and matches() checks a published claim at the precision the claim states.
// A zero base throws error(division_by_zero): a rate on a zero base is not a number.
#pragma once

#include "caizheng/money.hpp"

namespace caizheng {

namespace detail {
/// Whether v fits in int64; if so, stores it in out.
inline bool fits_int64(const int128& v, std::int64_t& out) noexcept {
    if (v > int128(std::numeric_limits<std::int64_t>::max()) ||
        v < int128(std::numeric_limits<std::int64_t>::min()))
        return false;
    out = static_cast<std::int64_t>(v);
    return true;
}
}  // namespace detail

/// An exact rational value num / den (den > 0), here always a percentage.
class ratio {
public:
    /// Throws error(division_by_zero) when den == 0.
    ratio(int128 num, int128 den) : num_(num), den_(den) {
        if (den_ == 0) throw error(errc::division_by_zero, "percentage of a zero base");
        if (den_ < 0) {
            num_ = -num_;
            den_ = -den_;
        }
    }
    [[nodiscard]] const int128& numerator() const noexcept { return num_; }
    [[nodiscard]] const int128& denominator() const noexcept { return den_; }

    /// The value with `places` decimals (0..16), rounded once by `mode`.
    [[nodiscard]] decimal round(int places = 2,
                                rounding_mode mode = rounding_mode::half_away_from_zero) const {
        if (places < 0 || places > 16)
            throw error(errc::invalid_argument, "percentage places must be 0..16");
        // Fast path (same result): numerator × 10^places and denominator fit in 64 bits.
        // den_ > 0, so the int64 quotient cannot overflow.
        std::int64_t n64 = 0, d64 = 0, scaled = 0;
        if (detail::fits_int64(num_, n64) && detail::fits_int64(den_, d64) &&
            !__builtin_mul_overflow(n64, detail::pow10_i64(places), &scaled))
            return decimal(divide_rounded<std::int64_t>(scaled, d64, mode), places);
        const int256 num = int256(num_) * detail::pow10_wide<int256>(places);
        const int256 q = divide_rounded(num, int256(den_), mode);
        return decimal(detail::narrow_checked(q, "percentage"), places);
    }
    /// Whether a published figure equals this value rounded to the claim's own places:
    /// "101" matches 100.998…, "70.6" matches 70.5994…, "95.39" matches 95.3886….
    [[nodiscard]] bool matches(const decimal& claim,
                               rounding_mode mode = rounding_mode::half_away_from_zero) const {
        return round(claim.scale(), mode) == claim;
    }
    /// Exact comparison with a decimal.
    [[nodiscard]] int compare(const decimal& d) const {
        const int256 lhs = int256(num_) * detail::pow10_wide<int256>(d.scale());
        const int256 rhs = int256(d.mantissa()) * int256(den_);
        return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
    }

private:
    int128 num_;
    int128 den_;
};

namespace detail {
/// v × 100 as int128, multiplying in 64 bits when that cannot overflow (the common case).
inline int128 times_100(std::int64_t v) {
    std::int64_t r = 0;
    if (!__builtin_mul_overflow(v, std::int64_t{100}, &r)) return int128(r);
    return int128(v) * 100;
}
}  // namespace detail

/// part / whole × 100, exact. Throws division_by_zero when whole is zero.
template <amount_type A>
ratio share(A part, A whole) {
    return ratio(detail::times_100(part.raw()), int128(whole.raw()));
}
/// (current − previous) / previous × 100, exact. Throws division_by_zero when previous is 0
/// (增长100% on a zero base is an error, not a rate).
template <amount_type A>
ratio change_rate(A current, A previous) {
    std::int64_t diff = 0;
    if (!__builtin_sub_overflow(current.raw(), previous.raw(), &diff))
        return ratio(detail::times_100(diff), int128(previous.raw()));
    return ratio((int128(current.raw()) - int128(previous.raw())) * 100, int128(previous.raw()));
}
/// actual / budget × 100, exact. Throws division_by_zero when budget is 0.
template <amount_type A>
ratio completion_rate(A actual, A budget) {
    return ratio(detail::times_100(actual.raw()), int128(budget.raw()));
}

/// Share rounded to `places` (fast path for the common case; same result as
/// share(part, whole).round(places, mode)).
template <amount_type A>
decimal share_rounded(A part, A whole, int places = 2,
                      rounding_mode mode = rounding_mode::half_away_from_zero) {
    if (places >= 0 && places <= 14) {
        const std::int64_t f = detail::pow10_i64(places + 2);
        std::int64_t num = 0;
        if (!__builtin_mul_overflow(part.raw(), f, &num) && whole.raw() != 0)
            return decimal(divide_rounded<std::int64_t>(num, whole.raw(), mode), places);
    }
    return share(part, whole).round(places, mode);
}

}  // namespace caizheng
