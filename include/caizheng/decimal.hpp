// caizheng — exact decimal with a run-time number of places: multipliers, rates, percentages.
//
// value = mantissa × 10^(−scale), mantissa a signed 64-bit integer, 0 ≤ scale ≤ 18.
// Money amounts use basic_amount (compile-time unit and places); decimal is the exact number
// you multiply them by, and what percentages are rounded to.
#pragma once

#include "caizheng/rounding.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace caizheng {

class CAIZHENG_CXX_API decimal {
public:
    static constexpr int max_scale = 18;

    constexpr decimal() = default;
    /// mantissa × 10^−scale. Throws error(invalid_argument) unless 0 ≤ scale ≤ 18.
    decimal(std::int64_t mantissa, int scale) : mantissa_(mantissa), scale_(scale) {
        if (scale < 0 || scale > max_scale)
            throw error(errc::invalid_argument, "decimal scale must be between 0 and 18");
    }
    /// An integer.
    static decimal from_integer(std::int64_t v) { return decimal(v, 0); }

    /// Parse "12.5", "1,227.61", "１２３．４５", "（5.00）" (same rules as amounts, see parse.hpp).
    /// Empty markers ("-", "—", "") are an error here; throws parse_error.
    static decimal parse(std::string_view text);

    [[nodiscard]] constexpr std::int64_t mantissa() const noexcept { return mantissa_; }
    [[nodiscard]] constexpr int scale() const noexcept { return scale_; }

    /// The same value with `places` decimals, rounded once by `mode` when places < scale.
    /// Throws error(overflow) when the result does not fit.
    [[nodiscard]] decimal rescale(int places, rounding_mode mode) const;
    /// The same value with `places` decimals; throws error(inexact) if a non-zero digit would
    /// be lost.
    [[nodiscard]] decimal rescale_exact(int places) const;
    /// Drop trailing zeros of the fraction (12.50 → 12.5).
    [[nodiscard]] decimal normalized() const;

    /// "12.50" — exactly `scale` places.
    [[nodiscard]] std::string to_string() const;

    /// Numeric comparison: 1.5 == 1.50.
    /// By value: 1.5 == 1.50. Exact (both sides brought to the larger scale in 128 bits).
    friend std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
        if (a.scale_ == b.scale_) return a.mantissa_ <=> b.mantissa_;
        // |mantissa| < 2^63 and 10^18 < 2^60: the products fit a native 128-bit integer.
        __extension__ using wide = __int128;
        const int s = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
        const wide x = wide(a.mantissa_) * detail::pow10_i64(s - a.scale_);
        const wide y = wide(b.mantissa_) * detail::pow10_i64(s - b.scale_);
        return x < y ? std::strong_ordering::less
                     : (x > y ? std::strong_ordering::greater : std::strong_ordering::equal);
    }
    friend bool operator==(const decimal& a, const decimal& b) noexcept {
        return (a <=> b) == std::strong_ordering::equal;
    }

    friend std::ostream& operator<<(std::ostream& os, const decimal& d) {
        return os << d.to_string();
    }

private:
    std::int64_t mantissa_ = 0;
    int scale_ = 0;
};

}  // namespace caizheng
