// Fuzz target: audit formulas (审核公式) and rules files, any bytes.
// Input: first byte even → one formula, odd → a rules text; the rest is the text.
// Properties: no crash/UB/leak/timeout; parse errors are caizheng::parse_error only, and
// check_formula agrees with formula::parse; a formula that parses evaluates against the bundled
// 2024 tianyuan report (imported once) without throwing anything but caizheng::error.
#include "fuzz_common.hpp"

#include <caizheng/formula.hpp>
#include <caizheng/import.hpp>

#include <fstream>
#include <memory>
#include <sstream>

namespace cz = caizheng;

namespace {
const cz::formula_data& bundled_report() {
    static const auto data = [] {
        std::ifstream in(CAIZHENG_SOURCE_DIR "/tests/data/reports/2024_tianyuan_data_bureau.txt",
                         std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto report = std::make_unique<cz::report>(cz::import_text(ss.str()));
        auto d = std::make_unique<cz::report_formula_data>(*report);
        return std::make_pair(std::move(report), std::move(d));
    }();
    return *data.second;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text = fuzz::text_of(data + 1, size - 1);
    if ((data[0] & 1) == 0) {
        const auto problem = cz::check_formula(text);
        try {
            const cz::formula f = cz::formula::parse(text);
            FUZZ_CHECK(!problem);
            FUZZ_CHECK(f.text() == text);
            try {
                (void)f.evaluate(bundled_report());
            } catch (const cz::error&) {
            }
        } catch (const cz::parse_error& e) {
            FUZZ_CHECK(problem && problem->position() == e.position());
            FUZZ_CHECK(e.position() <= text.size());
        }
    } else {
        try {
            const auto rules = cz::parse_formula_rules(text);
            for (const auto& r : rules) FUZZ_CHECK(!r.id.empty());
        } catch (const cz::parse_error& e) {
            FUZZ_CHECK(e.position() <= text.size());
        }
    }
    return 0;
}
