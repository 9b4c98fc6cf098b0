// caizheng — exact money: fixed-point decimal amounts in 元, 万元 and 亿元.
//
// basic_amount<Unit, Places> stores a signed 64-bit count of 10^−Places Unit. The three
// published units are distinct types: adding 元 to 万元 does not compile, converting between
// them is explicit and takes a rounding mode. No binary floating point anywhere.
//
// Errors (C++): every operation that can fail throws caizheng::error —
//   overflow         a result outside the 64-bit range (never wraps),
//   division_by_zero a zero divisor,
//   inexact          an exact conversion that would lose a digit.
#pragma once

#include "caizheng/decimal.hpp"

#include <boost/describe/enum.hpp>

#include <compare>
#include <cstdint>
#include <limits>
#include <ostream>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace caizheng {

/// Run-time identification of a money unit. Values are stable (C API: CZ_UNIT_*).
enum class money_unit : int {
    yuan = 0,      ///< 元
    wan_yuan = 1,  ///< 万元 = 10^4 元
    yi_yuan = 2,   ///< 亿元 = 10^8 元
};
BOOST_DESCRIBE_ENUM(money_unit, yuan, wan_yuan, yi_yuan)

/// Power of ten of one unit in 元 (元 0, 万元 4, 亿元 8).
constexpr int unit_power(money_unit u) noexcept {
    return u == money_unit::yuan ? 0 : (u == money_unit::wan_yuan ? 4 : 8);
}
/// "元", "万元", "亿元".
[[nodiscard]] CAIZHENG_CXX_API const char* unit_symbol(money_unit u) noexcept;

/// Compile-time unit tags.
struct yuan_unit {
    static constexpr money_unit kind = money_unit::yuan;
};
struct wan_yuan_unit {
    static constexpr money_unit kind = money_unit::wan_yuan;
};
struct yi_yuan_unit {
    static constexpr money_unit kind = money_unit::yi_yuan;
};

namespace detail {
CAIZHENG_CXX_API std::string format_fixed(std::int64_t raw, int places, bool grouped);
}

/// An exact amount: raw() counts 10^−Places of Unit. 1227.61 万元 is raw 122761.
template <class Unit, int Places = 2>
class basic_amount {
    static_assert(Places >= 0 && Places <= 18, "places must be 0..18");

public:
    using unit_type = Unit;
    static constexpr int places = Places;
    static constexpr money_unit unit = Unit::kind;
    /// 10^Places: raw value of one whole unit.
    static constexpr std::int64_t scale_factor = detail::pow10_i64(Places);

    constexpr basic_amount() = default;
    /// From the raw count of 10^−Places units.
    static constexpr basic_amount from_raw(std::int64_t raw) noexcept { return basic_amount(raw); }
    /// A whole number of units; throws error(overflow) when out of range.
    static basic_amount from_units(std::int64_t whole) {
        std::int64_t r = 0;
        if (__builtin_mul_overflow(whole, scale_factor, &r))
            throw error(errc::overflow, "amount out of range");
        return basic_amount(r);
    }
    /// An exact decimal as an amount: rounded by `mode` when it has more places; without a
    /// mode, throws error(inexact) instead of rounding.
    static basic_amount from_decimal(const decimal& d, std::optional<rounding_mode> mode = {}) {
        const decimal r = mode ? d.rescale(Places, *mode) : d.rescale_exact(Places);
        return basic_amount(r.mantissa());
    }

    [[nodiscard]] constexpr std::int64_t raw() const noexcept { return raw_; }
    [[nodiscard]] decimal to_decimal() const { return decimal(raw_, Places); }
    [[nodiscard]] constexpr bool is_zero() const noexcept { return raw_ == 0; }

    /// "1227.61", always all places ("17.30"); grouped: "1,227.61".
    [[nodiscard]] std::string to_string(bool grouped = false) const {
        return detail::format_fixed(raw_, Places, grouped);
    }

    friend constexpr auto operator<=>(basic_amount, basic_amount) noexcept = default;
    friend constexpr bool operator==(basic_amount, basic_amount) noexcept = default;

    friend basic_amount operator+(basic_amount a, basic_amount b) {
        std::int64_t r = 0;
        if (__builtin_add_overflow(a.raw_, b.raw_, &r)) throw error(errc::overflow, "sum overflows");
        return basic_amount(r);
    }
    friend basic_amount operator-(basic_amount a, basic_amount b) {
        std::int64_t r = 0;
        if (__builtin_sub_overflow(a.raw_, b.raw_, &r))
            throw error(errc::overflow, "difference overflows");
        return basic_amount(r);
    }
    friend basic_amount operator-(basic_amount a) {
        if (a.raw_ == std::numeric_limits<std::int64_t>::min())
            throw error(errc::overflow, "negation overflows");
        return basic_amount(-a.raw_);
    }
    /// Multiply by an integer: exact, or error(overflow).
    friend basic_amount operator*(basic_amount a, std::int64_t k) {
        std::int64_t r = 0;
        if (__builtin_mul_overflow(a.raw_, k, &r)) throw error(errc::overflow, "product overflows");
        return basic_amount(r);
    }
    friend basic_amount operator*(std::int64_t k, basic_amount a) { return a * k; }
    basic_amount& operator+=(basic_amount b) { return *this = *this + b; }
    basic_amount& operator-=(basic_amount b) { return *this = *this - b; }

    friend std::ostream& operator<<(std::ostream& os, basic_amount a) { return os << a.to_string(); }

private:
    constexpr explicit basic_amount(std::int64_t raw) noexcept : raw_(raw) {}
    std::int64_t raw_ = 0;
};

/// 元 with two places (分).
using yuan = basic_amount<yuan_unit, 2>;
/// 万元 with two places — the unit of almost every 部门决算 table.
using wan_yuan = basic_amount<wan_yuan_unit, 2>;
/// 亿元 with two places.
using yi_yuan = basic_amount<yi_yuan_unit, 2>;

template <class T>
struct is_amount : std::false_type {};
template <class U, int P>
struct is_amount<basic_amount<U, P>> : std::true_type {};
template <class T>
concept amount_type = is_amount<T>::value;

/// a ÷ k, rounded once by `mode`. Throws division_by_zero / overflow.
template <amount_type A>
A divide(A a, std::int64_t k, rounding_mode mode) {
    return A::from_raw(divide_rounded<std::int64_t>(a.raw(), k, mode));
}

/// a × m for an exact decimal m, rounded once to A's places by `mode`.
template <amount_type A>
A multiply(A a, const decimal& m, rounding_mode mode) {
    const int128 num = int128(a.raw()) * int128(m.mantissa());
    const int128 den = detail::pow10_wide<int128>(m.scale());
    return A::from_raw(detail::narrow_checked(divide_rounded(num, den, mode), "multiply"));
}

/// a ÷ d for an exact decimal d, rounded once to A's places by `mode`.
template <amount_type A>
A divide(A a, const decimal& d, rounding_mode mode) {
    const int128 num = int128(a.raw()) * detail::pow10_wide<int128>(d.scale());
    return A::from_raw(
        detail::narrow_checked(divide_rounded(num, int128(d.mantissa()), mode), "divide"));
}

/// a × b ÷ c computed exactly (256-bit intermediate), then rounded once by `mode`.
template <amount_type A>
A multiply_divide(A a, const decimal& b, const decimal& c, rounding_mode mode) {
    const int256 num = int256(a.raw()) * int256(b.mantissa()) * detail::pow10_wide<int256>(c.scale());
    const int256 den = int256(c.mantissa()) * detail::pow10_wide<int256>(b.scale());
    return A::from_raw(detail::narrow_checked(divide_rounded(num, den, mode), "multiply_divide"));
}

namespace detail {
/// Raw conversion between units/places: multiply or divide by a power of ten.
CAIZHENG_CXX_API std::int64_t convert_raw(std::int64_t raw, int from_power, int from_places, int to_power,
                         int to_places, std::optional<rounding_mode> mode);
}  // namespace detail

/// Convert between units (and places), rounding once by `mode` when precision is lost
/// (1,234,567.89 元 → 123.46 万元 under half_away_from_zero). Throws overflow when the
/// target does not hold the value.
template <amount_type To, amount_type From>
To convert(From from, rounding_mode mode) {
    return To::from_raw(detail::convert_raw(from.raw(), unit_power(From::unit), From::places,
                                            unit_power(To::unit), To::places, mode));
}
/// Convert only when nothing is lost; throws error(inexact) otherwise.
template <amount_type To, amount_type From>
To convert_exact(From from) {
    return To::from_raw(detail::convert_raw(from.raw(), unit_power(From::unit), From::places,
                                            unit_power(To::unit), To::places, std::nullopt));
}

/// Round an amount to fewer places of the same unit, staying in the type: 1227.615 with
/// Places 3 → 1227.62 with places 2 as basic_amount<U, 2>.
template <int ToPlaces, class U, int P>
basic_amount<U, ToPlaces> round_to(basic_amount<U, P> a, rounding_mode mode) {
    return convert<basic_amount<U, ToPlaces>>(a, mode);
}

/// Exact sum of amounts; throws error(overflow) only when the total does not fit (partial
/// sums may exceed the range without harm). Each raw value v is biased to the unsigned
/// u = v + 2^63 (its sign bit flipped) and split into unsigned 32-bit halves summed in two
/// 64-bit accumulators: no branch, only xor, logical shift, mask and add, so the loop
/// vectorizes even with plain SSE2. Blocks of 2^31 parts keep both accumulators exact; the
/// bias (count · 2^63) is taken off at the end of each block.
template <amount_type A>
A sum(std::span<const A> parts) {
    constexpr std::size_t block = std::size_t{1} << 31;
    constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;
    int128 total = 0;
    for (std::size_t begin = 0; begin < parts.size(); begin += block) {
        const std::size_t end = parts.size() - begin > block ? begin + block : parts.size();
        std::uint64_t hi = 0;
        std::uint64_t lo = 0;
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint64_t u = static_cast<std::uint64_t>(parts[i].raw()) ^ sign_bit;
            hi += u >> 32;
            lo += u & 0xffffffffu;
        }
        total += int128(hi) * (int128(1) << 32) + int128(lo) -
                 int128(static_cast<std::uint64_t>(end - begin)) * (int128(1) << 63);
    }
    return A::from_raw(detail::narrow_checked(total, "sum"));
}
template <amount_type A>
A sum(const std::vector<A>& parts) {
    return sum(std::span<const A>(parts));
}

}  // namespace caizheng
