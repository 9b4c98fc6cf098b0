// Fuzz target: report JSON (cz_report_from_json), any bytes.
// Properties: no crash/UB/leak/timeout; a failure is CZ_ERR_PARSE (or another input error) with
// a message and leaves *out_report untouched; a report that reads writes JSON that reads back
// to the same JSON (a fixed point after one round).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    cz_report* const untouched = reinterpret_cast<cz_report*>(static_cast<std::uintptr_t>(0x5A5A5A5A));
    cz_report* report = untouched;
    const cz_status st = cz_report_from_json(text.data(), static_cast<std::int64_t>(text.size()), &report);
    if (st != CZ_OK) {
        fuzz::check_failure(st);
        FUZZ_CHECK(report == untouched);
        return 0;
    }
    FUZZ_CHECK(report != nullptr && report != untouched);
    char* json = nullptr;
    FUZZ_CHECK(cz_report_to_json(report, 0, &json) == CZ_OK);
    const std::string first = fuzz::take(json);
    cz_report* again = nullptr;
    FUZZ_CHECK(cz_report_from_json(first.data(), static_cast<std::int64_t>(first.size()), &again) == CZ_OK);
    FUZZ_CHECK(cz_report_to_json(again, 0, &json) == CZ_OK);
    FUZZ_CHECK(fuzz::take(json) == first);
    cz_report_free(again);
    cz_report_free(report);
    return 0;
}
