// Fuzz target: exact decimals, quantities with units and percentages as written in prose
// (cz_decimal_parse, cz_quantity_parse, cz_percent_parse and their C++ counterparts).
// Properties: no crash/UB/leak; failures leave outputs untouched with a message; scale 0..18;
// success round-trips through cz_decimal_format; C and C++ agree.
#include "fuzz_common.hpp"

#include <caizheng/caizheng.hpp>

namespace cz = caizheng;

namespace {

// format(m, s) parses back to exactly (m, s).
void round_trip(std::int64_t m, std::int32_t s) {
    FUZZ_CHECK(s >= 0 && s <= 18);
    char* out = nullptr;
    FUZZ_CHECK(cz_decimal_format(m, s, &out) == CZ_OK);
    const std::string text = fuzz::take(out);
    std::int64_t m2 = 0;
    std::int32_t s2 = 0;
    FUZZ_CHECK(cz_decimal_parse(text.c_str(), &m2, &s2) == CZ_OK);
    FUZZ_CHECK(m2 == m && s2 == s);
}

// Percentages keep the places written ("0.000%" has scale 3), unlike cz_decimal_parse, which
// drops trailing zeros: format(m, s) + "%" parses back to exactly (m, s).
void round_trip_percent(std::int64_t m, std::int32_t s) {
    FUZZ_CHECK(s >= 0 && s <= 18);
    char* out = nullptr;
    FUZZ_CHECK(cz_decimal_format(m, s, &out) == CZ_OK);
    const std::string text = fuzz::take(out) + "%";
    std::int64_t m2 = 0;
    std::int32_t s2 = 0;
    FUZZ_CHECK(cz_percent_parse(text.c_str(), &m2, &s2) == CZ_OK);
    FUZZ_CHECK(m2 == m && s2 == s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    const char* c_text = text.c_str();
    const bool same = fuzz::same_text(text);

    {  // decimal
        std::int64_t m = fuzz::sentinel64;
        std::int32_t s = fuzz::sentinel32;
        const cz_status st = cz_decimal_parse(c_text, &m, &s);
        if (st != CZ_OK) {
            fuzz::check_failure(st);
            FUZZ_CHECK(m == fuzz::sentinel64 && s == fuzz::sentinel32);
        } else {
            round_trip(m, s);
        }
        if (same) {
            try {
                const cz::decimal d = cz::decimal::parse(text);
                FUZZ_CHECK(st == CZ_OK && d.mantissa() == m && d.scale() == s);
            } catch (const cz::error& e) {
                FUZZ_CHECK(st == static_cast<cz_status>(e.code()));
            }
        }
    }
    {  // quantity: "<number><unit>"
        std::int64_t m = fuzz::sentinel64;
        std::int32_t s = fuzz::sentinel32, unit = fuzz::sentinel32;
        const cz_status st = cz_quantity_parse(c_text, &m, &s, &unit);
        if (st != CZ_OK) {
            fuzz::check_failure(st);
            FUZZ_CHECK(m == fuzz::sentinel64 && s == fuzz::sentinel32 && unit == fuzz::sentinel32);
        } else {
            FUZZ_CHECK(unit >= CZ_UNIT_YUAN && unit <= CZ_UNIT_YI_YUAN);
            round_trip(m, s);
            // "<formatted><unit symbol>" parses back to the same quantity.
            const cz::decimal d(m, s);
            const std::string again =
                d.to_string() + cz::unit_symbol(static_cast<cz::money_unit>(unit));
            std::int64_t m2 = 0;
            std::int32_t s2 = 0, unit2 = 0;
            FUZZ_CHECK(cz_quantity_parse(again.c_str(), &m2, &s2, &unit2) == CZ_OK);
            FUZZ_CHECK(m2 == m && s2 == s && unit2 == unit);
        }
        if (same) {
            try {
                const cz::quantity q = cz::parse_quantity(text);
                FUZZ_CHECK(st == CZ_OK && q.value.mantissa() == m && q.value.scale() == s &&
                           static_cast<std::int32_t>(q.unit) == unit);
            } catch (const cz::error& e) {
                FUZZ_CHECK(st == static_cast<cz_status>(e.code()));
            }
        }
    }
    {  // percentage: "95.39%"
        std::int64_t m = fuzz::sentinel64;
        std::int32_t s = fuzz::sentinel32;
        const cz_status st = cz_percent_parse(c_text, &m, &s);
        if (st != CZ_OK) {
            fuzz::check_failure(st);
            FUZZ_CHECK(m == fuzz::sentinel64 && s == fuzz::sentinel32);
        } else {
            round_trip_percent(m, s);
        }
        if (same) {
            try {
                const cz::decimal d = cz::parse_percent(text);
                FUZZ_CHECK(st == CZ_OK && d.mantissa() == m && d.scale() == s);
            } catch (const cz::error& e) {
                FUZZ_CHECK(st == static_cast<cz_status>(e.code()));
            }
        }
    }
    return 0;
}
