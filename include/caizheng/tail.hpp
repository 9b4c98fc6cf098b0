// caizheng — 尾数误差 (tail differences) and largest-remainder apportionment.
//
// Tables are kept in 元 and published in 万元, each cell rounded once. A stated total and the
// sum of its n rounded parts can then differ although nothing is wrong. The bound:
//   each part's rounding error |e_i| ≤ ½ ulp and the total's |E| ≤ ½ ulp, so
//   |Σ rounded parts − rounded total| = |Σ e_i − E| ≤ (n + 1)/2 ulp. Under 四舍五入 the bound is
//   never reached (all n + 1 errors at ½ ulp with the total's error of opposite sign is
//   impossible: ties round away from zero on every side), so the gap is strictly below
//   (n + 1)/2 ulp and, being a whole number of ulps, at most ⌊n/2⌋ ulp.
// ulp is one unit in the last place (0.01 万元). Parts printed as zero are taken to be truly
// zero and do not count (tail_options::count_zero_parts changes that).
#pragma once

#include "caizheng/money.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <vector>

namespace caizheng {

/// Outcome of comparing a stated total with its rounded parts. Values are stable (C API).
enum class tail_verdict : int {
    exact = 0,            ///< total == Σ parts
    tail_difference = 1,  ///< 0 < |difference| ≤ bound: explained by rounding (尾数误差)
    mismatch = 2,         ///< |difference| > bound: a real error
};
BOOST_DESCRIBE_ENUM(tail_verdict, exact, tail_difference, mismatch)

struct tail_options {
    /// Count parts printed as zero (a 0.00 that might be a rounded 0.004). Default: no.
    bool count_zero_parts = false;
};

template <amount_type A>
struct tail_check {
    tail_verdict verdict = tail_verdict::exact;
    A stated_total;
    A sum_of_parts;
    A difference;  ///< stated_total − sum_of_parts
    A bound;       ///< largest |difference| rounding can explain: ⌊n/2⌋ ulp
    std::size_t parts_counted = 0;  ///< n
};

/// Largest gap (in ulps) that rounding n parts and their total can produce: ⌊n/2⌋.
constexpr std::int64_t tail_bound_ulps(std::size_t n_parts) noexcept {
    return static_cast<std::int64_t>(n_parts / 2);
}

/// Compare a stated total with the sum of its parts. Throws error(overflow) only if the sum
/// does not fit.
template <amount_type A>
tail_check<A> compare_total(A stated_total, std::span<const A> parts, tail_options options = {}) {
    tail_check<A> r;
    r.stated_total = stated_total;
    r.sum_of_parts = sum(parts);
    r.difference = stated_total - r.sum_of_parts;
    r.parts_counted = options.count_zero_parts
                          ? parts.size()
                          : static_cast<std::size_t>(std::count_if(
                                parts.begin(), parts.end(), [](A a) { return !a.is_zero(); }));
    r.bound = A::from_raw(tail_bound_ulps(r.parts_counted));
    const A gap = r.difference < A() ? -r.difference : r.difference;
    r.verdict = gap.is_zero() ? tail_verdict::exact
                              : (gap <= r.bound ? tail_verdict::tail_difference
                                                : tail_verdict::mismatch);
    return r;
}
template <amount_type A>
tail_check<A> compare_total(A stated_total, const std::vector<A>& parts, tail_options options = {}) {
    return compare_total(stated_total, std::span<const A>(parts), options);
}

namespace detail {
/// Largest-remainder apportionment on raw values; `factor` = 10^k is the ratio of the input's
/// ulp to the output's. See apportion().
CAIZHENG_CXX_API std::vector<std::int64_t> apportion_raw(std::span<const std::int64_t> exact, std::int64_t factor);
CAIZHENG_CXX_API int conversion_exponent(int from_power, int from_places, int to_power, int to_places);
}  // namespace detail

/// Largest-remainder (Hamilton) apportionment: convert exact amounts (e.g. 元 to the 分) to a
/// coarser unit (e.g. 万元, two places) so that the parts add up exactly to the total rounded
/// half away from zero — what preparers need to publish tables that add up.
///   1. every part is floored to the target ulp;
///   2. the k = rounded total − Σ floors missing ulps (0 ≤ k ≤ number of parts with a
///      remainder) go one each to the parts with the largest remainders;
///   3. ties: larger remainder first, then larger |exact amount|, then the earlier part.
/// Each published part differs from its exact value by less than one ulp. When the conversion
/// loses nothing, the parts are converted exactly. Throws error(overflow) if out of range.
template <amount_type To, amount_type From>
std::vector<To> apportion(std::span<const From> exact) {
    const int e = detail::conversion_exponent(unit_power(From::unit), From::places,
                                              unit_power(To::unit), To::places);
    std::vector<To> out;
    out.reserve(exact.size());
    if (e <= 0) {
        for (const From& x : exact) out.push_back(convert_exact<To>(x));
        return out;
    }
    if (e > 18) throw error(errc::invalid_argument, "apportion: units too far apart");
    std::vector<std::int64_t> raw(exact.size());
    std::transform(exact.begin(), exact.end(), raw.begin(), [](From x) { return x.raw(); });
    for (std::int64_t r : detail::apportion_raw(raw, detail::pow10_i64(e)))
        out.push_back(To::from_raw(r));
    return out;
}
template <amount_type To, amount_type From>
std::vector<To> apportion(const std::vector<From>& exact) {
    return apportion<To, From>(std::span<const From>(exact));
}

}  // namespace caizheng
