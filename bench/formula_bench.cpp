// Audit formulas: parsing the built-in rules, binding a report, evaluating every built-in rule
// on the bundled Hunan report (the per-report cost inside reconciliation).
#include "caizheng/classification.hpp"
#include "caizheng/formula.hpp"
#include "caizheng/import.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

using namespace caizheng;

namespace {

const report& hunan() {
    static const report r =
        import_text_file(std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt");
    return r;
}

const classification::catalog& functional() {
    static const auto c = classification::catalog::embedded(classification::tree::functional, 2024);
    return c;
}

void BM_parse_builtin_rules(benchmark::State& state) {
    const std::string_view text = builtin_formula_rules_text();
    for (auto _ : state) {
        auto rules = parse_formula_rules(text);
        benchmark::DoNotOptimize(rules.data());
    }
    state.counters["rules"] = static_cast<double>(builtin_formula_rules().size());
}
BENCHMARK(BM_parse_builtin_rules);

void BM_parse_one_formula(benchmark::State& state) {
    for (auto _ : state) {
        auto f = formula::parse("fiscal.c2..c5: [支出 & 总计] == sum([支出 & (合计, * & >(支出 & 合计))]) within tail");
        benchmark::DoNotOptimize(&f);
    }
}
BENCHMARK(BM_parse_one_formula);

void BM_bind_report(benchmark::State& state) {
    const report& r = hunan();
    for (auto _ : state) {
        report_formula_data d(r, &functional());
        benchmark::DoNotOptimize(&d);
    }
}
BENCHMARK(BM_bind_report);

// All built-in rules on one report, results reused across iterations (steady state).
void BM_evaluate_builtin_rules_hunan(benchmark::State& state) {
    const report& r = hunan();
    const report_formula_data d(r, &functional());
    const auto& rules = builtin_formula_rules();
    std::vector<std::vector<formula_result>> out(rules.size());
    std::size_t results = 0;
    for (auto _ : state) {
        results = 0;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            rules[i].check.evaluate(d, out[i]);
            results += out[i].size();
        }
        benchmark::ClobberMemory();
    }
    state.counters["rules"] = static_cast<double>(rules.size());
    state.counters["results"] = static_cast<double>(results);
}
BENCHMARK(BM_evaluate_builtin_rules_hunan);

// Bind + evaluate, fresh result vectors: what a one-shot reconciliation pays.
void BM_bind_and_evaluate_cold(benchmark::State& state) {
    const report& r = hunan();
    const auto& rules = builtin_formula_rules();
    for (auto _ : state) {
        const report_formula_data d(r, &functional());
        std::size_t n = 0;
        for (const auto& rule : rules) n += rule.check.evaluate(d).size();
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK(BM_bind_and_evaluate_cold);

}  // namespace

BENCHMARK_MAIN();
