// Randomized property tests against an independent exact oracle (boost::multiprecision::cpp_int
// with rounding written out from the definitions, not from caizheng's divide_rounded).
#include <caizheng/caizheng.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>

#include <random>

using namespace caizheng;
using big = boost::multiprecision::cpp_int;

namespace {

/// Oracle: round n/d (d > 0 after normalisation) by the textbook definition of each mode.
big oracle_round(big n, big d, rounding_mode mode) {
    if (d < 0) {
        n = -n;
        d = -d;
    }
    // floor division
    big q = n / d;
    big r = n - q * d;
    if (r < 0) {
        q -= 1;
        r += d;
    }
    // now n/d = q + r/d with 0 ≤ r < d
    if (r == 0) return q;
    const big twice = 2 * r;
    const bool positive = n > 0;
    switch (mode) {
        case rounding_mode::floor: return q;
        case rounding_mode::ceiling: return q + 1;
        case rounding_mode::toward_zero: return positive ? q : q + 1;
        case rounding_mode::away_from_zero: return positive ? q + 1 : q;
        case rounding_mode::half_away_from_zero:
            if (twice > d) return q + 1;
            if (twice < d) return q;
            return positive ? q + 1 : q;
        case rounding_mode::half_down:
            if (twice > d) return q + 1;
            if (twice < d) return q;
            return positive ? q : q + 1;
        case rounding_mode::half_even:
            if (twice > d) return q + 1;
            if (twice < d) return q;
            return (q % 2 == 0) ? q : q + 1;
    }
    return q;
}

constexpr rounding_mode all_modes[] = {rounding_mode::half_away_from_zero, rounding_mode::half_even,
                                       rounding_mode::half_down, rounding_mode::toward_zero,
                                       rounding_mode::away_from_zero, rounding_mode::floor,
                                       rounding_mode::ceiling};

/// Random raw values biased toward the interesting: small, ties, and near the range ends.
std::int64_t random_raw(std::mt19937_64& g) {
    switch (g() % 6) {
        case 0: return static_cast<std::int64_t>(g() % 2001) - 1000;
        case 1: return (static_cast<std::int64_t>(g() % 200001) - 100000) * 50;  // ties for /100, /10^4
        case 2: return static_cast<std::int64_t>(g());
        case 3: return static_cast<std::int64_t>(g() % 100000000000ULL) - 50000000000LL;
        case 4: return std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(g() % 1000);
        default: return std::numeric_limits<std::int64_t>::min() + static_cast<std::int64_t>(g() % 1000);
    }
}

}  // namespace

TEST_CASE("property: conversion and division round like the oracle", "[money][property]") {
    std::mt19937_64 g(20240101);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t raw = random_raw(g);
        const rounding_mode mode = all_modes[g() % 7];
        INFO("raw=" << raw << " mode=" << rounding_mode_name(mode));
        // 元 → 万元: divide by 10^4
        const big expected = oracle_round(big(raw), big(10000), mode);
        CHECK(big(convert<wan_yuan>(yuan::from_raw(raw), mode).raw()) == expected);
        // ÷ k
        std::int64_t k = static_cast<std::int64_t>(g() % 1000) - 500;
        if (k == 0) k = 7;
        CHECK(big(divide(wan_yuan::from_raw(raw), k, mode).raw()) == oracle_round(big(raw), big(k), mode));
        // × decimal (scale 0..6)
        const int s = static_cast<int>(g() % 7);
        const std::int64_t m = static_cast<std::int64_t>(g() % 2000001) - 1000000;
        const big prod = oracle_round(big(raw) * m, pow(big(10), static_cast<unsigned>(s)), mode);
        const bool fits = prod <= big(std::numeric_limits<std::int64_t>::max()) &&
                          prod >= big(std::numeric_limits<std::int64_t>::min());
        if (fits) {
            CHECK(big(multiply(wan_yuan::from_raw(raw), decimal(m, s), mode).raw()) == prod);
        } else {
            CHECK_THROWS_AS(multiply(wan_yuan::from_raw(raw), decimal(m, s), mode), error);
        }
    }
}

TEST_CASE("property: a × b ÷ c is exact before the one rounding", "[money][property]") {
    std::mt19937_64 g(7);
    for (int i = 0; i < 10000; ++i) {
        const std::int64_t a = random_raw(g);
        const decimal b(static_cast<std::int64_t>(g()), static_cast<int>(g() % 19));
        std::int64_t cm = static_cast<std::int64_t>(g() >> (g() % 63));
        if (cm == 0) cm = 3;
        const decimal c(cm, static_cast<int>(g() % 19));
        const rounding_mode mode = all_modes[g() % 7];
        const big num = big(a) * b.mantissa() * pow(big(10), static_cast<unsigned>(c.scale()));
        const big den = big(c.mantissa()) * pow(big(10), static_cast<unsigned>(b.scale()));
        const big expected = oracle_round(num, den, mode);
        const bool fits = expected <= big(std::numeric_limits<std::int64_t>::max()) &&
                          expected >= big(std::numeric_limits<std::int64_t>::min());
        INFO("a=" << a << " b=" << b << " c=" << c);
        if (fits) {
            CHECK(big(multiply_divide(wan_yuan::from_raw(a), b, c, mode).raw()) == expected);
        } else {
            CHECK_THROWS_AS(multiply_divide(wan_yuan::from_raw(a), b, c, mode), error);
        }
    }
}

TEST_CASE("property: percentages equal the oracle's rounding of the exact ratio", "[money][property]") {
    std::mt19937_64 g(99);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t part = static_cast<std::int64_t>(g() % 20000000000ULL) - 10000000000LL;
        std::int64_t whole = static_cast<std::int64_t>(g() % 20000000000ULL) - 10000000000LL;
        if (whole == 0) whole = 1;
        const int places = static_cast<int>(g() % 5);
        const rounding_mode mode = all_modes[g() % 7];
        const big expected = oracle_round(big(part) * 100 * pow(big(10), static_cast<unsigned>(places)), big(whole), mode);
        const decimal got = share(wan_yuan::from_raw(part), wan_yuan::from_raw(whole)).round(places, mode);
        INFO(part << "/" << whole);
        CHECK(got.scale() == places);
        CHECK(big(got.mantissa()) == expected);
        CHECK(share_rounded(wan_yuan::from_raw(part), wan_yuan::from_raw(whole), places, mode) == got);
        const big change = oracle_round((big(part) - whole) * 100 * pow(big(10), static_cast<unsigned>(places)), big(whole), mode);
        CHECK(big(change_rate(wan_yuan::from_raw(part), wan_yuan::from_raw(whole)).round(places, mode).mantissa()) == change);
    }
}

TEST_CASE("property: format and parse round-trip", "[money][property]") {
    std::mt19937_64 g(3);
    for (int i = 0; i < 20000; ++i) {
        const auto a = wan_yuan::from_raw(random_raw(g));
        CHECK(parse_amount<wan_yuan>(a.to_string()) == a);
        CHECK(parse_amount<wan_yuan>(a.to_string(true)) == a);
    }
}

TEST_CASE("property: rounded parts never differ from the rounded total beyond the bound", "[money][property][tail]") {
    // Exact 元 amounts (to the 分) rounded to 万元 per cell, total rounded from the exact sum:
    // compare_total must never call the gap a mismatch, and with many ties it must reach ⌊n/2⌋.
    std::mt19937_64 g(11);
    std::int64_t largest_gap_seen = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::size_t n = 1 + g() % 12;
        std::vector<yuan> exact(n);
        for (auto& x : exact) {
            const bool tie = g() % 2 == 0;  // amounts ending in exactly 50 元 are ties
            const std::int64_t base = static_cast<std::int64_t>(g() % 100000) * 1000000;
            x = yuan::from_raw(tie ? base + 5000 : base + static_cast<std::int64_t>(g() % 1000000));
        }
        std::vector<wan_yuan> parts;
        for (auto x : exact) parts.push_back(convert<wan_yuan>(x, rounding_mode::half_away_from_zero));
        const wan_yuan total = convert<wan_yuan>(sum(exact), rounding_mode::half_away_from_zero);
        const auto r = compare_total(total, parts, tail_options{true});
        CHECK(r.verdict != tail_verdict::mismatch);
        const std::int64_t gap = r.difference.raw() < 0 ? -r.difference.raw() : r.difference.raw();
        CHECK(gap <= tail_bound_ulps(n));
        if (gap > largest_gap_seen) largest_gap_seen = gap;
        // apportionment always adds up and stays within one ulp of each exact part
        const auto fair = apportion<wan_yuan>(exact);
        CHECK(sum(fair) == total);
        for (std::size_t j = 0; j < n; ++j) {
            const big exact_ten_thousandths = big(exact[j].raw());
            const big published = big(fair[j].raw()) * 10000;
            CHECK(abs(published - exact_ten_thousandths) < 10000);
        }
    }
    CHECK(largest_gap_seen >= 3);  // the bound is not loose in practice: ties push gaps up
}

TEST_CASE("property: percentages at the edges of the 64-bit range take the wide path exactly", "[money][property]") {
    // part × 100 or × 10^places overflows int64 here, so ratio::round leaves its int64 fast path.
    std::mt19937_64 g(123);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t a = random_raw(g);
        std::int64_t b = g() % 3 == 0 ? random_raw(g) : static_cast<std::int64_t>(g() % 2001) - 1000;
        if (b == 0) b = -1;
        const int places = static_cast<int>(g() % 17);
        const rounding_mode mode = all_modes[g() % 7];
        const big scale = pow(big(10), static_cast<unsigned>(places));
        const big expected[] = {oracle_round(big(a) * 100 * scale, big(b), mode),
                                oracle_round((big(a) - b) * 100 * scale, big(b), mode),
                                oracle_round(big(a) * 100 * scale, big(b), mode)};
        const auto x = wan_yuan::from_raw(a), y = wan_yuan::from_raw(b);
        const ratio got[] = {share(x, y), change_rate(x, y), completion_rate(x, y)};
        INFO(a << " " << b << " places=" << places << " mode=" << rounding_mode_name(mode));
        for (int k = 0; k < 3; ++k) {
            const bool fits = expected[k] <= big(std::numeric_limits<std::int64_t>::max()) &&
                              expected[k] >= big(std::numeric_limits<std::int64_t>::min());
            if (fits) {
                CHECK(big(got[k].round(places, mode).mantissa()) == expected[k]);
            } else {
                CHECK_THROWS_AS(got[k].round(places, mode), error);
            }
        }
        if (places <= 16) {
            const bool fits = expected[0] <= big(std::numeric_limits<std::int64_t>::max()) &&
                              expected[0] >= big(std::numeric_limits<std::int64_t>::min());
            if (fits) CHECK(big(share_rounded(x, y, places, mode).mantissa()) == expected[0]);
        }
    }
}

TEST_CASE("property: the plain ASCII parse fast path agrees with the general scanner", "[money][property][parse]") {
    // parse_cell/parse_amount try detail::parse_plain_ascii first; whatever it accepts must be
    // what scan_number + scanned_to_fixed give, and what it refuses must go the general way.
    std::mt19937_64 g(2026);
    const char alphabet[] = "0123456789012345678901234567890123456789,,..-";
    int handled = 0, empty = 0;
    for (int i = 0; i < 60000; ++i) {
        std::string s;
        if (i % 2 == 0) {  // random text over the characters the fast path looks at
            const std::size_t len = g() % 24;
            for (std::size_t j = 0; j < len; ++j) s.push_back(alphabet[g() % (sizeof alphabet - 1)]);
        } else {  // well-formed amounts: plain, grouped, fewer places, negative
            s = wan_yuan::from_raw(random_raw(g)).to_string(g() % 2 == 0);
            for (std::size_t drop = g() % 4; drop > 0 && s.back() != '.'; --drop) s.pop_back();
            if (s.back() == '.') s.pop_back();
            if (g() % 5 == 0 && s.front() != '-') s.insert(s.begin(), '-');
        }
        for (const int places : {0, 2, 4}) {
            INFO("\"" << s << "\" places=" << places);
            std::int64_t fast = 0;
            const auto r = detail::parse_plain_ascii(s, places, fast);
            if (r == detail::plain_parse::unhandled) continue;
            const auto n = detail::scan_number(s, "amount");
            if (r == detail::plain_parse::empty) {
                ++empty;
                CHECK(n.empty);
                continue;
            }
            ++handled;
            REQUIRE_FALSE(n.empty);
            CHECK(detail::scanned_to_fixed(n, places, std::nullopt, s) == fast);
        }
        // parse_cell gives the general path's answer either way: a value, empty or an error.
        INFO("\"" << s << "\"");
        bool general_throws = false, general_empty = false;
        std::int64_t general = 0;
        try {
            const auto n = detail::scan_number(s, "amount");
            general_empty = n.empty;
            if (!n.empty) general = detail::scanned_to_fixed(n, 2, std::nullopt, s);
        } catch (const error&) {
            general_throws = true;
        }
        if (general_throws) {
            CHECK_THROWS_AS(parse_cell<wan_yuan>(s), error);
        } else {
            const auto cell = parse_cell<wan_yuan>(s);
            CHECK(cell.has_value() == !general_empty);
            if (cell) CHECK(cell->raw() == general);
        }
    }
    CHECK(handled > 30000);
    CHECK(empty > 100);
}

TEST_CASE("property: sum is the exact total whatever the partial sums do", "[money][property][sum]") {
    std::mt19937_64 g(77);
    int fitting = 0, overflowing = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<wan_yuan> v(g() % 40);
        big exact = 0;
        for (auto& x : v) {
            x = wan_yuan::from_raw(random_raw(g));
            exact += x.raw();
        }
        INFO("n=" << v.size() << " exact=" << exact);
        if (exact <= big(std::numeric_limits<std::int64_t>::max()) &&
            exact >= big(std::numeric_limits<std::int64_t>::min())) {
            ++fitting;
            CHECK(big(sum(v).raw()) == exact);
        } else {
            ++overflowing;
            CHECK_THROWS_AS(sum(v), error);
        }
    }
    CHECK(fitting > 1000);
    CHECK(overflowing > 1000);
}
