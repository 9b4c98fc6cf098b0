// Fuzz target: document text import through the C API (cz_report_import_text), any bytes.
// Properties: no crash/UB/leak/timeout; import of at most 64 MiB never fails (problems become
// warnings); the report's JSON always reads back (cz_report_from_json) to a report with the
// same JSON — for every input, including reports with malformed-code warnings.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    cz_report* report = nullptr;
    const cz_status st =
        cz_report_import_text(text.data(), static_cast<std::int64_t>(text.size()), &report);
    FUZZ_CHECK(st == CZ_OK && report != nullptr);

    std::int64_t warnings = -1, tables = -1;
    FUZZ_CHECK(cz_report_warning_count(report, &warnings) == CZ_OK && warnings >= 0);
    FUZZ_CHECK(cz_report_table_count(report, &tables) == CZ_OK && tables >= 0);

    char* json = nullptr;
    FUZZ_CHECK(cz_report_to_json(report, 0, &json) == CZ_OK && json != nullptr);
    const std::string first = fuzz::take(json);
    // Every text import must export to JSON the JSON importer accepts (validate() holds for
    // every imported model: a code malformed for its table is a warning, never a row), and
    // that JSON must read back to the same report. Checked on every input, no exception.
    for (std::int64_t i = 0; i < warnings; ++i) {
        std::int32_t kind = -1, line = 0;
        char* wtext = nullptr;
        char* reason = nullptr;
        FUZZ_CHECK(cz_report_warning(report, i, &kind, &line, &wtext, &reason) == CZ_OK);
        fuzz::take(wtext);
        fuzz::take(reason);
        FUZZ_CHECK(kind >= 0 && line >= 0);
    }
    cz_report* again = nullptr;
    const cz_status back = cz_report_from_json(first.data(), static_cast<std::int64_t>(first.size()), &again);
    FUZZ_CHECK(back == CZ_OK && again != nullptr);
    FUZZ_CHECK(cz_report_to_json(again, 0, &json) == CZ_OK);
    FUZZ_CHECK(fuzz::take(json) == first);
    cz_report_free(again);
    cz_report_free(report);
    return 0;
}
