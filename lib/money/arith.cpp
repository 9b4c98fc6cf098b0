// Exact decimal arithmetic: decimal rescaling, unit conversion, formatting, apportionment.
#include "caizheng/decimal.hpp"
#include "caizheng/money.hpp"
#include "caizheng/parse.hpp"
#include "caizheng/tail.hpp"

#include "../common/text.hpp"

#include <algorithm>
#include <numeric>

namespace caizheng {

namespace detail {

int conversion_exponent(int from_power, int from_places, int to_power, int to_places) {
    // value = raw_from · 10^(from_power − from_places) = raw_to · 10^(to_power − to_places)
    // raw_to = raw_from · 10^((from_power − from_places) − (to_power − to_places)); return the
    // number of decimal digits dropped (positive) or added (negative).
    return (to_power - to_places) - (from_power - from_places);
}

std::int64_t convert_raw(std::int64_t raw, int from_power, int from_places, int to_power,
                         int to_places, std::optional<rounding_mode> mode) {
    const int e = conversion_exponent(from_power, from_places, to_power, to_places);
    if (e <= 0) {
        if (raw == 0) return 0;
        if (-e > 18) throw error(errc::overflow, "conversion: value out of range");
        std::int64_t r = 0;
        if (__builtin_mul_overflow(raw, pow10_i64(-e), &r))
            throw error(errc::overflow, "conversion: value out of range");
        return r;
    }
    if (e > 36) {
        // Dropping more than 36 digits of a 19-digit value: only the sign survives rounding.
        if (raw == 0) return 0;
        if (!mode) throw error(errc::inexact, "conversion would lose digits; give a rounding mode");
        const int128 q = divide_rounded(int128(raw), pow10_wide<int128>(36), *mode);
        return narrow_checked(q, "conversion");
    }
    const int128 den = pow10_wide<int128>(e);
    if (!mode) {
        if (int128(raw) % den != 0)
            throw error(errc::inexact, "conversion would lose digits; give a rounding mode");
        return narrow_checked(int128(raw) / den, "conversion");
    }
    return narrow_checked(divide_rounded(int128(raw), den, *mode), "conversion");
}

std::string format_fixed(std::int64_t raw, int places, bool grouped) {
    const small_text t = fixed_text(raw, places, grouped);
    return std::string(t.text, t.size);
}

std::vector<std::int64_t> apportion_raw(std::span<const std::int64_t> exact, std::int64_t factor) {
    const std::size_t n = exact.size();
    std::vector<std::int64_t> floors(n);
    std::vector<std::int64_t> rems(n);
    int128 total = 0;
    int128 floor_sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::int64_t q = exact[i] / factor;
        std::int64_t r = exact[i] % factor;
        if (r < 0) {  // floor for negatives; remainder into [0, factor)
            q -= 1;
            r += factor;
        }
        floors[i] = q;
        rems[i] = r;
        total += exact[i];
        floor_sum += q;
    }
    const int128 rounded_total = divide_rounded(total, int128(factor), rounding_mode::half_away_from_zero);
    const int128 k128 = rounded_total - floor_sum;
    const std::int64_t k = narrow_checked(k128, "apportion");
    if (k < 0 || static_cast<std::size_t>(k) > n)
        throw error(errc::internal, "apportion: remainder count out of range");
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto magnitude = [](std::int64_t v) {
        return v < 0 ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v);
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rems[a] != rems[b]) return rems[a] > rems[b];
        const auto ma = magnitude(exact[a]);
        const auto mb = magnitude(exact[b]);
        if (ma != mb) return ma > mb;
        return a < b;
    });
    for (std::int64_t i = 0; i < k; ++i) floors[order[static_cast<std::size_t>(i)]] += 1;
    return floors;
}

}  // namespace detail

decimal decimal::rescale(int places, rounding_mode mode) const {
    if (places < 0 || places > max_scale)
        throw error(errc::invalid_argument, "decimal scale must be between 0 and 18");
    return decimal(detail::convert_raw(mantissa_, 0, scale_, 0, places, mode), places);
}

decimal decimal::rescale_exact(int places) const {
    if (places < 0 || places > max_scale)
        throw error(errc::invalid_argument, "decimal scale must be between 0 and 18");
    return decimal(detail::convert_raw(mantissa_, 0, scale_, 0, places, std::nullopt), places);
}

decimal decimal::normalized() const {
    std::int64_t m = mantissa_;
    int s = scale_;
    while (s > 0 && m % 10 == 0) {
        m /= 10;
        --s;
    }
    return decimal(m, s);
}

std::string decimal::to_string() const { return detail::format_fixed(mantissa_, scale_, false); }

decimal decimal::parse(std::string_view text) {
    const auto n = detail::scan_number(text, "number");
    if (n.empty) throw parse_error("expected a number, found an empty marker \"" + std::string(text) + "\"", 0);
    const int places = detail::scanned_places(n, text);
    return decimal(detail::scanned_to_fixed(n, places, std::nullopt, text), places);
}

}  // namespace caizheng
