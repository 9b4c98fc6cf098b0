// Fuzz target: amounts as published (cz_amount_parse, parse_cell<A>) under every rounding mode.
// Properties: no crash/UB/leak; failures leave outputs untouched with a message; success round-
// trips through cz_amount_format; an exact parse agrees with every rounding mode; rounding while
// parsing equals parsing exactly then rounding once; the C and C++ APIs agree.
#include "fuzz_common.hpp"

#include <caizheng/caizheng.hpp>

#include <optional>

namespace cz = caizheng;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    const char* c_text = text.c_str();

    // Exact value with all its places, when it has at most 18 (used as the reference below).
    std::optional<cz::decimal> exact;
    bool exact_empty = false;
    if (fuzz::same_text(text)) {
        try {
            const auto d = cz::parse_decimal_cell(text);
            if (d) exact = *d; else exact_empty = true;
        } catch (const cz::error&) {
        }
    }

    std::int64_t exact_value = 0;
    bool exact_ok = false;
    for (std::int32_t mode = CZ_ROUND_NONE; mode <= CZ_ROUND_CEILING; ++mode) {
        std::int64_t v = fuzz::sentinel64;
        std::int32_t empty = fuzz::sentinel32;
        const cz_status st = cz_amount_parse(c_text, mode, &v, &empty);
        if (st != CZ_OK) {
            fuzz::check_failure(st);
            FUZZ_CHECK(v == fuzz::sentinel64 && empty == fuzz::sentinel32);
            FUZZ_CHECK(st != CZ_ERR_INEXACT || mode == CZ_ROUND_NONE);
            // An exact parse that succeeded cannot fail once a rounding mode is allowed.
            FUZZ_CHECK(!exact_ok);
            continue;
        }
        FUZZ_CHECK(empty == 0 || empty == 1);
        if (empty == 1) {
            FUZZ_CHECK(v == 0);
            FUZZ_CHECK(!exact || !fuzz::same_text(text));
            continue;
        }
        FUZZ_CHECK(!exact_empty);
        if (mode == CZ_ROUND_NONE) {
            exact_ok = true;
            exact_value = v;
        } else if (exact_ok) {
            FUZZ_CHECK(v == exact_value);
        }
        // Round trip: format (plain and grouped), parse back exactly.
        for (std::int32_t grouped = 0; grouped <= 1; ++grouped) {
            char* out = nullptr;
            FUZZ_CHECK(cz_amount_format(v, grouped, &out) == CZ_OK);
            const std::string s = fuzz::take(out);
            std::int64_t back = 0;
            std::int32_t back_empty = 0;
            FUZZ_CHECK(cz_amount_parse(s.c_str(), CZ_ROUND_NONE, &back, &back_empty) == CZ_OK);
            FUZZ_CHECK(back == v && back_empty == 0);
        }
        // Rounding while parsing == parsing exactly, then rounding once.
        if (exact && mode != CZ_ROUND_NONE) {
            try {
                const cz::decimal r = exact->rescale(2, static_cast<cz::rounding_mode>(mode));
                FUZZ_CHECK(r.mantissa() == v);
            } catch (const cz::error& e) {
                FUZZ_CHECK(e.code() == cz::errc::overflow);
            }
        }
    }

    // The C++ API agrees with the C API on the same text.
    if (fuzz::same_text(text)) {
        std::int64_t v = 0;
        std::int32_t empty = 0;
        const cz_status st = cz_amount_parse(c_text, CZ_ROUND_HALF_EVEN, &v, &empty);
        try {
            const auto a = cz::parse_cell<cz::wan_yuan>(text, cz::rounding_mode::half_even);
            FUZZ_CHECK(st == CZ_OK);
            FUZZ_CHECK(a ? (empty == 0 && a->raw() == v) : empty == 1);
        } catch (const cz::error& e) {
            FUZZ_CHECK(st == static_cast<cz_status>(e.code()));
        }
    }
    return 0;
}
