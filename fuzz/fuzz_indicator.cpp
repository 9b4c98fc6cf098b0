// Fuzz target: 绩效 indicator texts (年度指标值 / 实际完成值) through the C API, any bytes.
// Input: byte 0 picks the 分值 (1..32) and the profile (bit 7: hunan_observed, else central);
// the rest is "target\nactual" (no newline: the whole text is both).
// Properties: no crash/UB/leak/timeout; cz_indicator_parse never fails for content and agrees
// with the C++ parse_indicator_value; a number keeps its written places (scale ≥ 0); scoring
// never fails for content, and a score is within [0, 分值]; a qualitative/unverifiable method
// never carries a score above the 分值; outputs of a failed call are untouched.
#include "fuzz_common.hpp"

#include <caizheng/indicator.hpp>

namespace cz = caizheng;

namespace {
void check_parse(const std::string& text) {
    std::int32_t kind = fuzz::sentinel32, op = fuzz::sentinel32, approx = fuzz::sentinel32,
                 scale = fuzz::sentinel32;
    std::int64_t mantissa = fuzz::sentinel64;
    char* unit = nullptr;
    char* reason = nullptr;
    const cz_status st =
        cz_indicator_parse(text.c_str(), &kind, &op, &approx, &mantissa, &scale, &unit, &reason);
    FUZZ_CHECK(st == CZ_OK);
    const std::string u = fuzz::take(unit);
    const std::string why = fuzz::take(reason);
    const cz::indicator_value v = cz::parse_indicator_value(text);
    FUZZ_CHECK(kind == static_cast<std::int32_t>(v.kind));
    if (kind == CZ_VALUE_NUMBER) {
        FUZZ_CHECK(op >= CZ_CMP_NONE && op <= CZ_CMP_LESS);
        FUZZ_CHECK(approx == 0 || approx == 1);
        FUZZ_CHECK(scale >= 0);
    } else {
        FUZZ_CHECK(op == CZ_CMP_NONE && mantissa == 0 && scale == 0 && u.empty());
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::int64_t weight = (data[0] & 31) + 1;
    const std::string text = fuzz::text_of(data + 1, size - 1);
    if (!fuzz::same_text(text)) return 0;  // the C API reads up to the first NUL
    const auto nl = text.find('\n');
    const std::string target = nl == std::string::npos ? text : text.substr(0, nl);
    const std::string actual = nl == std::string::npos ? text : text.substr(nl + 1);
    check_parse(target);
    check_parse(actual);

    const cz_scoring_profile* profile = nullptr;
    FUZZ_CHECK(cz_scoring_profile_builtin((data[0] & 128) != 0 ? "hunan_observed" : "central",
                                          &profile) == CZ_OK);
    std::int32_t method = fuzz::sentinel32, has = fuzz::sentinel32, met = fuzz::sentinel32;
    std::int64_t score = fuzz::sentinel64;
    char* reason = nullptr;
    const cz_status st = cz_indicator_score(target.c_str(), actual.c_str(), weight, 0, profile,
                                            &method, &has, &score, &met, &reason);
    FUZZ_CHECK(st == CZ_OK);
    FUZZ_CHECK(method >= CZ_METHOD_POSITIVE && method <= CZ_METHOD_UNVERIFIABLE);
    FUZZ_CHECK(has == 0 || has == 1);
    FUZZ_CHECK(met == 0 || met == 1);
    if (has == 1) FUZZ_CHECK(score >= 0 && score <= weight * 100);  // hundredths of 分
    FUZZ_CHECK(!fuzz::take(reason).empty());
    // A bad 分值 is an input error and leaves the outputs alone.
    method = fuzz::sentinel32;
    score = fuzz::sentinel64;
    const cz_status bad = cz_indicator_score(target.c_str(), actual.c_str(), -weight, 0, profile,
                                             &method, &has, &score, &met, nullptr);
    if (bad != CZ_OK) {
        fuzz::check_failure(bad);
        FUZZ_CHECK(method == fuzz::sentinel32 && score == fuzz::sentinel64);
    }
    return 0;
}
