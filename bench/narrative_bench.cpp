// Narrative: claim extraction and the N.* checks on the bundled Hunan report (after import).
#include "caizheng/import.hpp"
#include "caizheng/narrative.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

const caizheng::report& hunan() {
    static const caizheng::report r =
        caizheng::import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt");
    return r;
}

void BM_extract_claims(benchmark::State& state) {
    const auto& r = hunan();
    for (auto _ : state) benchmark::DoNotOptimize(caizheng::extract_claims(r));
}
BENCHMARK(BM_extract_claims);

void BM_check_narrative(benchmark::State& state) {
    const auto& r = hunan();
    for (auto _ : state) benchmark::DoNotOptimize(caizheng::check_narrative(r));
}
BENCHMARK(BM_check_narrative);

void BM_extract_project_claims(benchmark::State& state) {
    const auto& r = hunan();
    for (auto _ : state) benchmark::DoNotOptimize(caizheng::extract_project_claims(r));
}
BENCHMARK(BM_extract_project_claims);

}  // namespace

BENCHMARK_MAIN();
