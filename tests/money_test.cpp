// Money core: parsing, formatting, arithmetic, conversion, rounding modes, percentages,
// tail differences and apportionment.
#include <caizheng/caizheng.hpp>

#include <catch2/catch.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

using namespace caizheng;

namespace {
wan_yuan W(const char* s) { return parse_amount<wan_yuan>(s); }
decimal D(const char* s) { return decimal::parse(s); }
}  // namespace

// Adding 元 to 万元 must not compile.
template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
static_assert(addable<wan_yuan, wan_yuan>);
static_assert(!addable<wan_yuan, yuan>);
static_assert(!addable<yi_yuan, wan_yuan>);
static_assert(!std::is_convertible_v<yuan, wan_yuan>);
static_assert(sizeof(wan_yuan) == sizeof(std::int64_t));

TEST_CASE("parse published amounts", "[money][parse]") {
    CHECK(W("1227.61").raw() == 122761);
    CHECK(W("1,227.61").raw() == 122761);
    CHECK(W("1, 227. 61").raw() == 122761);
    CHECK(W("  17.3 ").raw() == 1730);
    CHECK(W("0").raw() == 0);
    CHECK(W("0.00").raw() == 0);
    CHECK(W("１２３．４５").raw() == 12345);
    CHECK(W("１，２２７．６１").raw() == 122761);
    CHECK(W("-5.00").raw() == -500);
    CHECK(W("－5.00").raw() == -500);
    CHECK(W("(5.00)").raw() == -500);
    CHECK(W("（5.00）").raw() == -500);
    CHECK(W("+5").raw() == 500);
    CHECK(W("1,234,567.89").raw() == 123456789);
    CHECK(W("\u30001.50\u3000").raw() == 150);
    CHECK(W("007.10").raw() == 710);
    CHECK(W("1.2300").raw() == 123);  // trailing zeros lose nothing
    CHECK(W("-0.00").raw() == 0);
}

TEST_CASE("empty markers are empty, not zero", "[money][parse]") {
    for (const char* e : {"", "  ", "-", "—", "－", "–", "——", "--", "\u3000"}) {
        INFO(e);
        CHECK_FALSE(parse_cell<wan_yuan>(e).has_value());
        CHECK_THROWS_AS(parse_amount<wan_yuan>(e), parse_error);
    }
    CHECK(parse_cell<wan_yuan>("0.00").has_value());
    CHECK(parse_cell<wan_yuan>("0.00")->raw() == 0);
}

TEST_CASE("bad amounts are errors quoting text and position", "[money][parse]") {
    const char* bad[] = {"abc", "12a", "1,22.61", "12,34", "1.2.3", "5.", ".5", "1 234", "(5.00",
                         "5.00)", "--5", "5-", "1,,000", "1,000,00", "12%", "1e5", "0x10", "1..2",
                         "(-5)", "5 5", "\xff", "１２3\xe3"};
    for (const char* s : bad) {
        INFO(s);
        CHECK_THROWS_AS(parse_amount<wan_yuan>(s), parse_error);
    }
    try {
        (void)parse_amount<wan_yuan>("12a4");
        FAIL("no exception");
    } catch (const parse_error& e) {
        CHECK(e.position() == 2);
        CHECK(std::string(e.what()).find("\"12a4\"") != std::string::npos);
        CHECK(std::string(e.what()).find("character 3") != std::string::npos);
    }
    try {
        (void)parse_amount<wan_yuan>("１２x");
        FAIL("no exception");
    } catch (const parse_error& e) {
        CHECK(e.position() == 6);  // bytes: two 3-byte digits
        CHECK(std::string(e.what()).find("character 3") != std::string::npos);
    }
}

TEST_CASE("more places than the type holds need a rounding mode", "[money][parse]") {
    CHECK_THROWS_MATCHES(parse_amount<wan_yuan>("1.005"), error,
                         Catch::Predicate<error>([](const error& e) { return e.code() == errc::inexact; }));
    CHECK(parse_amount<wan_yuan>("1.005", rounding_mode::half_away_from_zero).raw() == 101);
    CHECK(parse_amount<wan_yuan>("1.005", rounding_mode::half_even).raw() == 100);
    CHECK(parse_amount<wan_yuan>("1.015", rounding_mode::half_even).raw() == 102);
    CHECK(parse_amount<wan_yuan>("-1.005", rounding_mode::half_away_from_zero).raw() == -101);
    CHECK(parse_amount<wan_yuan>("1.0050000000000000000000000000000000000000000001",
                                 rounding_mode::half_down).raw() == 101);
    CHECK(parse_amount<wan_yuan>("1.005", rounding_mode::half_down).raw() == 100);
    CHECK(parse_amount<wan_yuan>("1.001", rounding_mode::ceiling).raw() == 101);
    CHECK(parse_amount<wan_yuan>("-1.009", rounding_mode::ceiling).raw() == -100);
    CHECK(parse_amount<wan_yuan>("-1.001", rounding_mode::floor).raw() == -101);
}

TEST_CASE("range limits are overflow errors", "[money][parse]") {
    CHECK(W("92233720368547758.07").raw() == std::numeric_limits<std::int64_t>::max());
    CHECK(W("-92233720368547758.08").raw() == std::numeric_limits<std::int64_t>::min());
    CHECK_THROWS_MATCHES(W("92233720368547758.08"), error,
                         Catch::Predicate<error>([](const error& e) { return e.code() == errc::overflow; }));
    CHECK_THROWS_AS(W("99999999999999999999999999999999999999999999999"), error);
    CHECK_THROWS_AS(parse_amount<wan_yuan>("92233720368547758.075", rounding_mode::half_away_from_zero), error);
}

TEST_CASE("formatting always shows all places", "[money][format]") {
    CHECK(W("17.3").to_string() == "17.30");
    CHECK(W("1227.61").to_string() == "1227.61");
    CHECK(W("1227.61").to_string(true) == "1,227.61");
    CHECK(W("1234567.8").to_string(true) == "1,234,567.80");
    CHECK(W("-1234.5").to_string(true) == "-1,234.50");
    CHECK(W("0.05").to_string() == "0.05");
    CHECK(W("-0.05").to_string() == "-0.05");
    CHECK(W("123").to_string(true) == "123.00");
    CHECK(wan_yuan::from_raw(std::numeric_limits<std::int64_t>::min()).to_string() == "-92233720368547758.08");
    CHECK(decimal(-5, 3).to_string() == "-0.005");
    CHECK(decimal(42, 0).to_string() == "42");
}

TEST_CASE("arithmetic is exact and overflow is an error", "[money][arith]") {
    CHECK(W("0.1") + W("0.2") == W("0.3"));
    CHECK(W("1227.61") - W("248.87") == W("978.74"));
    CHECK(-W("5") == W("-5"));
    CHECK(W("1.25") * 3 == W("3.75"));
    CHECK(W("1") < W("1.01"));
    const auto max = wan_yuan::from_raw(std::numeric_limits<std::int64_t>::max());
    const auto min = wan_yuan::from_raw(std::numeric_limits<std::int64_t>::min());
    CHECK_THROWS_AS(max + W("0.01"), error);
    CHECK_THROWS_AS(min - W("0.01"), error);
    CHECK_THROWS_AS(-min, error);
    CHECK_THROWS_AS(max * 2, error);
    CHECK_THROWS_AS(wan_yuan::from_units(std::numeric_limits<std::int64_t>::max()), error);
}

TEST_CASE("division and decimal multiplication round once", "[money][arith]") {
    // 10.00 / 3 = 3.333… → 3.33 (half away), 3.34 (ceiling)
    CHECK(divide(W("10"), 3, rounding_mode::half_away_from_zero) == W("3.33"));
    CHECK(divide(W("10"), 3, rounding_mode::ceiling) == W("3.34"));
    CHECK(divide(W("-10"), 3, rounding_mode::floor) == W("-3.34"));
    // 0.05 / 2 = 0.025: the tie cases
    CHECK(divide(W("0.05"), 2, rounding_mode::half_away_from_zero) == W("0.03"));
    CHECK(divide(W("0.05"), 2, rounding_mode::half_even) == W("0.02"));
    CHECK(divide(W("0.07"), 2, rounding_mode::half_even) == W("0.04"));
    CHECK(divide(W("0.05"), 2, rounding_mode::half_down) == W("0.02"));
    CHECK(divide(W("-0.05"), 2, rounding_mode::half_away_from_zero) == W("-0.03"));
    CHECK(divide(W("-0.05"), 2, rounding_mode::half_down) == W("-0.02"));
    CHECK(divide(W("0.01"), 3, rounding_mode::away_from_zero) == W("0.01"));
    CHECK(divide(W("0.02"), 3, rounding_mode::toward_zero) == W("0.00"));
    CHECK_THROWS_MATCHES(divide(W("1"), 0, rounding_mode::half_even), error,
                         Catch::Predicate<error>([](const error& e) { return e.code() == errc::division_by_zero; }));
    CHECK(multiply(W("100"), D("0.125"), rounding_mode::half_away_from_zero) == W("12.5"));
    CHECK(multiply(W("0.1"), D("0.05"), rounding_mode::half_away_from_zero) == W("0.01"));  // 0.005
    CHECK(multiply(W("0.1"), D("0.05"), rounding_mode::half_even) == W("0.00"));
    CHECK(divide(W("1"), D("0.03"), rounding_mode::half_away_from_zero) == W("33.33"));
    CHECK_THROWS_AS(divide(W("1"), D("0.00"), rounding_mode::half_away_from_zero), error);
    // a × b ÷ c exact before rounding: 14.98 × 10 ÷ 15 = 9.98666… → 9.99
    CHECK(multiply_divide(W("14.98"), D("10"), D("15"), rounding_mode::half_away_from_zero) == W("9.99"));
    // intermediate far beyond 64 bits: 9e16 × 1e18 ÷ 1e18
    CHECK(multiply_divide(W("90000000000000000"), decimal(1000000000000000000, 0),
                          decimal(1000000000000000000, 0), rounding_mode::half_even) == W("90000000000000000"));
    CHECK_THROWS_AS(multiply(W("90000000000000000"), D("1000"), rounding_mode::half_even), error);
}

TEST_CASE("unit conversion is explicit and rounds once", "[money][convert]") {
    const yuan y = parse_amount<yuan>("1234567.89");
    CHECK(convert<wan_yuan>(y, rounding_mode::half_away_from_zero) == W("123.46"));
    CHECK(convert<wan_yuan>(y, rounding_mode::toward_zero) == W("123.45"));
    CHECK(convert<yi_yuan>(y, rounding_mode::half_away_from_zero).raw() == 1);  // 0.0123… 亿元
    CHECK(convert<yuan>(W("1227.61"), rounding_mode::half_even) == parse_amount<yuan>("12276100"));
    CHECK(convert_exact<yuan>(W("0.01")).raw() == 10000);  // 100 元
    CHECK_THROWS_MATCHES(convert_exact<wan_yuan>(y), error,
                         Catch::Predicate<error>([](const error& e) { return e.code() == errc::inexact; }));
    // exactly 50 元 = 0.005 万元: the tie
    const yuan fifty = parse_amount<yuan>("50");
    CHECK(convert<wan_yuan>(fifty, rounding_mode::half_away_from_zero) == W("0.01"));
    CHECK(convert<wan_yuan>(fifty, rounding_mode::half_even) == W("0.00"));
    CHECK(convert<wan_yuan>(-fifty, rounding_mode::half_away_from_zero) == W("-0.01"));
    CHECK_THROWS_AS(convert<yuan>(yi_yuan::from_units(1'000'000'000'000), rounding_mode::half_even), error);
    using wan4 = basic_amount<wan_yuan_unit, 4>;
    CHECK(round_to<2>(wan4::from_raw(12276150), rounding_mode::half_away_from_zero) == W("1227.62"));
}

TEST_CASE("decimal rescale and comparison", "[money][decimal]") {
    CHECK(D("1.5") == D("1.50"));
    CHECK(D("1.5") < D("1.51"));
    CHECK(D("2.345").rescale(2, rounding_mode::half_away_from_zero) == D("2.35"));
    CHECK(D("2.345").rescale(2, rounding_mode::half_even) == D("2.34"));
    CHECK(D("2.355").rescale(2, rounding_mode::half_even) == D("2.36"));
    CHECK(D("-2.345").rescale(2, rounding_mode::half_away_from_zero) == D("-2.35"));
    CHECK(D("12.50").normalized().scale() == 1);
    CHECK(D("1.2").rescale(4, rounding_mode::half_even).mantissa() == 12000);
    CHECK_THROWS_AS(D("1.25").rescale_exact(1), error);
    CHECK_THROWS_AS(decimal(1, 19), error);
    CHECK(D("0.000000000000000001").scale() == 18);
    CHECK_THROWS_AS(D("0.0000000000000000001"), error);
}

TEST_CASE("decimal comparison is by value at every scale and at the 64-bit limits", "[money][decimal]") {
    // Oracle: both sides brought to scale 18 as arbitrary-precision integers.
    using big = boost::multiprecision::cpp_int;
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    const auto at18 = [](const decimal& d) {
        return big(d.mantissa()) * boost::multiprecision::pow(big(10), static_cast<unsigned>(18 - d.scale()));
    };
    std::vector<decimal> values;
    for (const std::int64_t m : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{15}, std::int64_t{150},
                                 std::int64_t{1500}, std::int64_t{-150}, max, min, max - 1, min + 1})
        for (const int scale : {0, 1, 2, 3, 17, 18}) values.emplace_back(m, scale);
    for (const auto& a : values)
        for (const auto& b : values) {
            INFO(a.mantissa() << "e-" << a.scale() << " vs " << b.mantissa() << "e-" << b.scale());
            const big x = at18(a), y = at18(b);
            CHECK((a <=> b) == (x < y ? std::strong_ordering::less
                                      : (x > y ? std::strong_ordering::greater : std::strong_ordering::equal)));
            CHECK((a == b) == (x == y));
        }
}

TEST_CASE("fixed-point texts at every scale and at the 64-bit limits, grouped and not", "[money][format]") {
    // Oracle: the magnitude's digits (arbitrary precision, so INT64_MIN has one), zero-padded
    // to at least places + 1, the point inserted, separators every three integer digits.
    const auto oracle = [](std::int64_t m, int places, bool grouped) {
        const boost::multiprecision::cpp_int magnitude = boost::multiprecision::abs(boost::multiprecision::cpp_int(m));
        std::string digits = magnitude.str();
        if (digits.size() < static_cast<std::size_t>(places) + 1) digits.insert(0, places + 1 - digits.size(), '0');
        std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(places));
        // Written forward, a character at a time: GCC 12 at -O3 warns (-Wrestrict, a false
        // positive) on string::insert and on const char* + std::string here, which fails a
        // Release build with warnings as errors.
        std::string out = m < 0 ? "-" : "";
        for (std::size_t k = 0; k < whole.size(); ++k) {
            if (grouped && k > 0 && (whole.size() - k) % 3 == 0) out += ',';
            out += whole[k];
        }
        if (places > 0) {
            out += '.';
            out += digits.substr(digits.size() - static_cast<std::size_t>(places));
        }
        return out;
    };
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    for (const std::int64_t m : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{7}, std::int64_t{-7},
                                 std::int64_t{1498}, std::int64_t{-1498}, std::int64_t{100}, std::int64_t{122761},
                                 std::int64_t{999999999999999999}, max, min, max - 1, min + 1})
        for (int places = 0; places <= decimal::max_scale; ++places) {
            INFO(m << " @" << places);
            CHECK(decimal(m, places).to_string() == oracle(m, places, false));
            CHECK(detail::format_fixed(m, places, true) == oracle(m, places, true));
        }
    CHECK(detail::format_fixed(min, 0, true) == "-9,223,372,036,854,775,808");
    CHECK(detail::format_fixed(min, 18, false) == "-9.223372036854775808");
    CHECK(detail::format_fixed(-122761, 2, true) == "-1,227.61");
    CHECK(detail::format_fixed(5, 3, true) == "0.005");
}

TEST_CASE("quantities and percentages as written in prose", "[money][parse]") {
    const quantity q = parse_quantity("12.5万元");
    CHECK(q.unit == money_unit::wan_yuan);
    CHECK(q.value == D("12.5"));
    CHECK(to_amount<wan_yuan>(q) == W("12.50"));
    CHECK(to_amount<yuan>(q) == parse_amount<yuan>("125000"));
    CHECK(parse_quantity("3亿元").unit == money_unit::yi_yuan);
    CHECK(to_amount<wan_yuan>(parse_quantity("3亿元")) == W("30000"));
    CHECK(parse_quantity("1,227.61 元").unit == money_unit::yuan);
    CHECK_THROWS_AS(to_amount<wan_yuan>(parse_quantity("1.5元")), error);  // 0.00015 万元 inexact
    CHECK(to_amount<wan_yuan>(parse_quantity("1.5元"), rounding_mode::half_away_from_zero) == W("0"));
    CHECK_THROWS_AS(parse_quantity("12.5"), parse_error);
    CHECK_THROWS_AS(parse_quantity("万元"), parse_error);
    CHECK(parse_percent("95.39%") == D("95.39"));
    CHECK(parse_percent("101%").scale() == 0);
    CHECK(parse_percent("70.6 ％").scale() == 1);
    CHECK_THROWS_AS(parse_percent("95.39"), parse_error);
    CHECK_THROWS_AS(parse_percent("%"), parse_error);
    // A stated "95.30%" states two places: its trailing zero is kept (decimal::parse drops it).
    CHECK(parse_percent("95.30%").scale() == 2);
    CHECK(parse_percent("95.30%").mantissa() == 9530);
    CHECK(parse_percent("100.0％").scale() == 1);
    CHECK(decimal::parse("12.50").scale() == 1);
    CHECK(parse_decimal_as_written("12.50").scale() == 2);
    CHECK(parse_decimal_as_written("1,227.610").mantissa() == 1227610);
    CHECK(parse_decimal_as_written("1.0000000000000000000000").scale() == 18);  // 22 zeros: 18 kept
    CHECK_THROWS_AS(parse_decimal_as_written("1.0000000000000000000001"), error);  // 22 places: inexact
    // 9223372036854775807.0 does not fit with one place: the zero is dropped, not an overflow
    CHECK(parse_decimal_as_written("9223372036854775807.0").scale() == 0);
    CHECK_THROWS_AS(parse_decimal_as_written("—"), parse_error);
}

TEST_CASE("percentages: exact, rounded once, claims checked at their precision", "[money][percent]") {
    // 1171 / 1227.61 = 95.3886…%
    const ratio s = share(W("1171"), W("1227.61"));
    CHECK(s.round() == D("95.39"));
    CHECK(s.round(4) == D("95.3886"));
    CHECK(s.matches(D("95.39")));
    CHECK_FALSE(s.matches(D("95.38")));
    CHECK(s.matches(D("95")));
    // 192.26 / 190.36 = 100.998…%: "101%" is right at 0 places, "100.99%" would be wrong
    const ratio c = completion_rate(W("192.26"), W("190.36"));
    CHECK(c.matches(D("101")));
    CHECK_FALSE(c.matches(D("100.99")));
    CHECK(c.round() == D("101.00"));
    // 70.93 / 100.47 = 70.598…% → "70.6%"
    CHECK(share(W("70.93"), W("100.47")).matches(D("70.6")));
    // 95.26 / 100 = 95.26%: "95.3%" is right at one place, "95.30%" states two and is wrong
    CHECK(share(W("95.26"), W("100")).matches(parse_percent("95.3%")));
    CHECK_FALSE(share(W("95.26"), W("100")).matches(parse_percent("95.30%")));
    // change: (1227.61 − 1754.34) / 1754.34 = −30.02…%
    CHECK(change_rate(W("1227.61"), W("1754.34")).round() == D("-30.02"));
    // zero base: no number
    CHECK_THROWS_MATCHES(change_rate(W("25"), W("0")), error,
                         Catch::Predicate<error>([](const error& e) { return e.code() == errc::division_by_zero; }));
    CHECK_THROWS_AS(completion_rate(W("25"), W("0")), error);
    // ties: 0.125% → 0.13 (half away), 0.12 (half even)
    CHECK(share(W("0.01"), W("8")).round(2, rounding_mode::half_away_from_zero) == D("0.13"));
    CHECK(share(W("0.01"), W("8")).round(2, rounding_mode::half_even) == D("0.12"));
    CHECK(share_rounded(W("1171"), W("1227.61")) == D("95.39"));
    CHECK(share_rounded(W("-0.01"), W("8")) == D("-0.13"));
    CHECK(s.compare(D("95.3886")) > 0);
    CHECK(s.compare(D("95.3887")) < 0);
    CHECK_THROWS_AS(s.round(17), error);
}

TEST_CASE("sum is exact even when partial sums leave the range", "[money][sum]") {
    const auto max = wan_yuan::from_raw(std::numeric_limits<std::int64_t>::max());
    std::vector<wan_yuan> v{max, W("1"), W("-1")};
    CHECK(sum(v) == max);
    std::vector<wan_yuan> w{max, W("0.01")};
    CHECK_THROWS_AS(sum(w), error);
    std::vector<wan_yuan> neg{wan_yuan::from_raw(std::numeric_limits<std::int64_t>::min()), W("-0.01"), W("0.01")};
    CHECK(sum(neg).raw() == std::numeric_limits<std::int64_t>::min());
    CHECK(sum(std::vector<wan_yuan>{}) == W("0"));
}

TEST_CASE("tail differences: bound ⌊n/2⌋ hundredths", "[money][tail]") {
    CHECK(tail_bound_ulps(0) == 0);
    CHECK(tail_bound_ulps(1) == 0);
    CHECK(tail_bound_ulps(2) == 1);
    CHECK(tail_bound_ulps(3) == 1);
    CHECK(tail_bound_ulps(9) == 4);
    // The Hunan report's 01 expenditure: 1171.00 + 20.26 + 19.05 + 17.30 = 1227.61 exactly.
    std::vector<wan_yuan> lei{W("1171.00"), W("20.26"), W("19.05"), W("17.30"), W("0")};
    auto r = compare_total(W("1227.61"), lei);
    CHECK(r.verdict == tail_verdict::exact);
    CHECK(r.parts_counted == 4);
    // One hundredth off with 4 parts: a tail difference (bound 0.02).
    r = compare_total(W("1227.62"), lei);
    CHECK(r.verdict == tail_verdict::tail_difference);
    CHECK(r.difference == W("0.01"));
    CHECK(r.bound == W("0.02"));
    // 02 is missing 住房公积金 17.30: far beyond any rounding.
    std::vector<wan_yuan> without{W("192.26"), W("948.74"), W("25"), W("5"), W("19.64"), W("0.62"), W("7.63"), W("11.42")};
    r = compare_total(W("1227.61"), without);
    CHECK(r.verdict == tail_verdict::mismatch);
    CHECK(r.difference == W("17.30"));
    // A single part must equal its total.
    r = compare_total(W("1.01"), std::vector<wan_yuan>{W("1.00")});
    CHECK(r.verdict == tail_verdict::mismatch);
    // Zero parts count only when asked.
    r = compare_total(W("0.01"), std::vector<wan_yuan>{W("0"), W("0")}, tail_options{true});
    CHECK(r.verdict == tail_verdict::tail_difference);
    r = compare_total(W("-1.01"), std::vector<wan_yuan>{W("-0.5"), W("-0.5")});
    CHECK(r.verdict == tail_verdict::tail_difference);
    CHECK(r.difference == W("-0.01"));
}

TEST_CASE("apportionment: parts add up to the rounded total", "[money][apportion]") {
    // 3 × 33.33…: 100 元 split in thirds, to 万元? Use 元 amounts in 分.
    const std::vector<yuan> exact{parse_amount<yuan>("3333.33"), parse_amount<yuan>("3333.33"),
                                  parse_amount<yuan>("3333.34")};
    // Σ = 10000.00 元 = 1.00 万元; each rounds to 0.33 → 0.99 naively.
    const auto parts = apportion<wan_yuan>(exact);
    REQUIRE(parts.size() == 3);
    CHECK(sum(parts) == W("1.00"));
    // remainders: 33.333, 33.333, 33.334 (in 0.0001 万元 units: 3333, 3333, 3334 → rem 33,33,34)
    CHECK(parts[2] == W("0.34"));
    CHECK(parts[0] == W("0.33"));
    CHECK(parts[1] == W("0.33"));
    // ties broken by larger |amount| then earlier index
    const std::vector<yuan> tied{parse_amount<yuan>("50"), parse_amount<yuan>("150"), parse_amount<yuan>("50")};
    // 0.005, 0.015, 0.005 万元; total 0.025 → 0.03; floors 0.00, 0.01, 0.00 (Σ 0.01) → k = 2
    // remainders equal (0.005 each): larger |amount| first (150), then index 0.
    const auto t = apportion<wan_yuan>(tied);
    CHECK(t[0] == W("0.01"));
    CHECK(t[1] == W("0.02"));
    CHECK(t[2] == W("0.00"));
    // negative amounts
    const std::vector<yuan> mixed{parse_amount<yuan>("-3333.33"), parse_amount<yuan>("13333.33")};
    const auto m = apportion<wan_yuan>(mixed);
    CHECK(sum(m) == W("1.00"));
    // exact conversion passes through
    const auto up = apportion<yuan>(std::vector<wan_yuan>{W("1.5")});
    CHECK(up[0] == parse_amount<yuan>("15000"));
    CHECK(apportion<wan_yuan>(std::vector<yuan>{}).empty());
}

TEST_CASE("names of enums come from their descriptions", "[money][names]") {
    CHECK(std::string(rounding_mode_name(rounding_mode::half_even)) == "half_even");
    CHECK(rounding_mode_from_name("floor") == rounding_mode::floor);
    CHECK_THROWS_AS(rounding_mode_from_name("banker"), error);
    CHECK(std::string(errc_name(errc::overflow)) == "overflow");
    CHECK(std::string(unit_symbol(money_unit::wan_yuan)) == "万元");
}
