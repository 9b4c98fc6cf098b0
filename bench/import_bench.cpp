// Report import: the bundled Hunan report (tab-separated) and the Putuo report (pdftotext
// -layout) from text to model; JSON export and import of the Hunan model. Bytes/s are of the
// input text (or of the JSON). Target: ≤ 200 µs per Hunan report.
#include "../tests/test_data.hpp"
#include "caizheng/import.hpp"
#include "caizheng/report_json.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

using caizheng::test::hunan_text;
using caizheng::test::read_file;

const std::string& putuo() {
    static const std::string s = read_file(CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.layout.txt");
    return s;
}

void import_hunan(benchmark::State& state) {
    const std::string& text = hunan_text();
    for (auto _ : state) {
        auto r = caizheng::import_text(text);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(import_hunan)->Repetitions(9)->ReportAggregatesOnly(true)->Unit(benchmark::kMicrosecond);

void import_putuo_layout(benchmark::State& state) {
    const std::string& text = putuo();
    for (auto _ : state) {
        auto r = caizheng::import_text(text);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(import_putuo_layout)->Repetitions(9)->ReportAggregatesOnly(true)->Unit(benchmark::kMicrosecond);

void json_export_hunan(benchmark::State& state) {
    const auto r = caizheng::import_text(hunan_text());
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto j = caizheng::report_to_json(r);
        bytes = j.size();
        benchmark::DoNotOptimize(j);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(json_export_hunan)->Repetitions(9)->ReportAggregatesOnly(true)->Unit(benchmark::kMicrosecond);

void json_import_hunan(benchmark::State& state) {
    const std::string j = caizheng::report_to_json(caizheng::import_text(hunan_text()));
    for (auto _ : state) {
        auto r = caizheng::report_from_json(j);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * j.size()));
}
BENCHMARK(json_import_hunan)->Repetitions(9)->ReportAggregatesOnly(true)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
