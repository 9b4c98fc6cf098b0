// Reconciliation benchmarks: the bundled Hunan report (imported once, outside the timing).
//
//   BM_reconcile_tables   every built-in table/cross-table formula rule, codes, document rules and
//                         the cause analysis (narrative and 绩效 families off) — the ≤ 50 µs target
//   BM_reconcile_all      the same plus the narrative and 绩效 families (what examples/reconcile runs)
//   BM_reconcile_part/P   one family alone (the others switched off; the run still binds the
//                         report and sorts): formulas, codes, narrative, scoring (绩效)
//   BM_render_*           text / JSON / HTML output of the Hunan findings
//   BM_batch/threads:N    run_batch over 64 copies of the report on N threads (items/s = reports/s)
// Method and numbers: docs/performance.md ("Reconciliation").
#include "caizheng/import.hpp"
#include "caizheng/reconcile.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

const caizheng::report& hunan() {
    static const caizheng::report r =
        caizheng::import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt");
    return r;
}

caizheng::reconcile_options tables_only() {
    caizheng::reconcile_options o;
    o.narrative = false;
    o.performance = false;
    return o;
}

void BM_reconcile_tables(benchmark::State& state) {
    const caizheng::reconciler rec(tables_only());
    const caizheng::report& r = hunan();
    for (auto _ : state) {
        auto res = rec.run(r);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(BM_reconcile_tables)->Unit(benchmark::kMicrosecond);

void BM_reconcile_all(benchmark::State& state) {
    const caizheng::reconciler rec;
    const caizheng::report& r = hunan();
    for (auto _ : state) {
        auto res = rec.run(r);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(BM_reconcile_all)->Unit(benchmark::kMicrosecond);

/// One family alone: 0 formulas (built-in formula rules), 1 codes, 2 narrative, 3 scoring.
caizheng::reconcile_options only(std::int64_t part) {
    caizheng::reconcile_options o;
    o.formulas = part == 0;
    o.codes = part == 1;
    o.document = false;
    o.causes = false;
    o.narrative = part == 2;
    o.performance = part == 3;
    return o;
}

void BM_reconcile_part(benchmark::State& state) {
    const caizheng::reconciler rec(only(state.range(0)));
    const caizheng::report& r = hunan();
    for (auto _ : state) {
        auto res = rec.run(r);
        benchmark::DoNotOptimize(res);
    }
    static const char* const names[] = {"formulas", "codes", "narrative", "scoring"};
    state.SetLabel(names[state.range(0)]);
}
BENCHMARK(BM_reconcile_part)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

void BM_render(benchmark::State& state) {
    const caizheng::report& r = hunan();
    const auto res = caizheng::reconcile(r);
    for (auto _ : state) {
        std::string s = state.range(0) == 0   ? caizheng::render_text(r, res)
                        : state.range(0) == 1 ? caizheng::render_json(r, res)
                                              : caizheng::render_html(r, res);
        benchmark::DoNotOptimize(s);
    }
    state.SetLabel(state.range(0) == 0 ? "text" : state.range(0) == 1 ? "json" : "html");
}
BENCHMARK(BM_render)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

void BM_batch(benchmark::State& state) {
    const std::vector<caizheng::report> reports(64, hunan());
    const caizheng::reconciler rec;
    const unsigned threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        auto res = rec.run_batch(reports, threads);
        benchmark::DoNotOptimize(res);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(reports.size()));
}
BENCHMARK(BM_batch)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
