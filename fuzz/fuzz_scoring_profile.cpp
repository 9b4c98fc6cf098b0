// Fuzz target: scoring profiles as JSON (cz_scoring_profile_from_json), any bytes.
// Properties: no crash/UB/leak/timeout; a failure is an input error with a message (naming the
// JSON path when the JSON parsed) and leaves *out_profile untouched; a profile that reads writes
// JSON that reads back to the same JSON (a fixed point after one round) and can score and grade.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    if (!fuzz::same_text(text)) return 0;  // the C API reads up to the first NUL
    auto* const untouched =
        reinterpret_cast<cz_scoring_profile*>(static_cast<std::uintptr_t>(0x5A5A5A5A));
    cz_scoring_profile* profile = untouched;
    const cz_status st = cz_scoring_profile_from_json(text.c_str(), &profile);
    if (st != CZ_OK) {
        fuzz::check_failure(st);
        FUZZ_CHECK(profile == untouched);
        return 0;
    }
    FUZZ_CHECK(profile != nullptr && profile != untouched);
    char* json = nullptr;
    FUZZ_CHECK(cz_scoring_profile_to_json(profile, 0, &json) == CZ_OK);
    const std::string first = fuzz::take(json);
    cz_scoring_profile* again = nullptr;
    FUZZ_CHECK(cz_scoring_profile_from_json(first.c_str(), &again) == CZ_OK);
    FUZZ_CHECK(cz_scoring_profile_to_json(again, 0, &json) == CZ_OK);
    FUZZ_CHECK(fuzz::take(json) == first);
    // The profile is usable: every grade band and a 反向 score under it.
    for (std::int64_t total = 0; total <= 10000; total += 625) {
        std::int32_t grade = -1;
        FUZZ_CHECK(cz_grade(total, 2, profile, &grade) == CZ_OK);
        FUZZ_CHECK(grade >= CZ_GRADE_EXCELLENT && grade <= CZ_GRADE_POOR);
    }
    std::int32_t method = -1, has = -1, met = -1;
    std::int64_t score = -1;
    FUZZ_CHECK(cz_indicator_score("\xe2\x89\xa4" "24", "25", 5, 0, profile, &method, &has, &score,
                                  &met, nullptr) == CZ_OK);
    if (has == 1) FUZZ_CHECK(score >= 0 && score <= 500);
    cz_scoring_profile_free(again);
    cz_scoring_profile_free(profile);
    return 0;
}
