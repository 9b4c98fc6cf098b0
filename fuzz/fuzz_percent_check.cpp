// Fuzz target: cz_percent_check, a published percentage claim against two amounts.
// Input: 8 bytes a, 8 bytes b (little-endian int64 hundredths), 1 byte kind, then the claim text.
// Properties: no crash/UB/leak; failures leave outputs untouched with a message; on success the
// expected value has the claim's own places, equals cz_percent at those places, and "matches"
// says whether the claim equals it.
#include "fuzz_common.hpp"

#include <caizheng/caizheng.hpp>

namespace cz = caizheng;

namespace {
std::int64_t read_i64(const std::uint8_t* p) {
    std::uint64_t u = 0;
    for (int i = 7; i >= 0; --i) u = (u << 8) | p[i];
    std::int64_t v = 0;
    std::memcpy(&v, &u, sizeof v);
    return v;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 17) return 0;
    const std::int64_t a = read_i64(data);
    const std::int64_t b = read_i64(data + 8);
    const std::int32_t kind = static_cast<std::int32_t>(data[16] % 4);  // 3 is invalid
    // The C API sees the claim up to its first NUL; so do the checks below.
    const std::string claim = fuzz::text_of(data + 17, size - 17).c_str();

    std::int32_t matches = fuzz::sentinel32, scale = fuzz::sentinel32;
    std::int64_t expected = fuzz::sentinel64;
    const cz_status st = cz_percent_check(kind, a, b, claim.c_str(), &matches, &expected, &scale);
    if (st != CZ_OK) {
        fuzz::check_failure(st);
        FUZZ_CHECK(matches == fuzz::sentinel32 && expected == fuzz::sentinel64 &&
                   scale == fuzz::sentinel32);
        return 0;
    }
    FUZZ_CHECK(kind != 3 && b != 0);
    FUZZ_CHECK(matches == 0 || matches == 1);
    FUZZ_CHECK(scale >= 0 && scale <= 16);
    std::int64_t direct = 0;
    FUZZ_CHECK(cz_percent(kind, a, b, scale, CZ_ROUND_HALF_AWAY_FROM_ZERO, &direct) == CZ_OK);
    FUZZ_CHECK(direct == expected);
    // The claim as the library reads it ("95.39%" or a bare "95.39"), at its own places.
    std::int64_t cm = 0;
    std::int32_t cs = 0;
    const bool has_percent = claim.find('%') != std::string::npos ||
                             claim.find("\xEF\xBC\x85") != std::string::npos;  // ％
    FUZZ_CHECK((has_percent ? cz_percent_parse(claim.c_str(), &cm, &cs)
                            : cz_decimal_parse(claim.c_str(), &cm, &cs)) == CZ_OK);
    // cz_percent_check reads the claim's places as written ("95.30" has 2); the parse functions
    // drop trailing zeros. So the claim has at most `scale` places, and matches exactly when it
    // equals the expected value.
    FUZZ_CHECK(cs <= scale);
    cz::int128 widened = cm;
    for (int i = cs; i < scale; ++i) widened *= 10;
    FUZZ_CHECK(matches == (widened == expected ? 1 : 0));
    return 0;
}
