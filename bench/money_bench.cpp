// Money benchmarks: caizheng against its baselines in the same binary and run.
//
//   sum of 1,000,000 amounts   caizheng::sum over wan_yuan  vs  a raw int64_t loop (the floor)
//                                                          vs  boost cpp_dec_float_50
//   share rounded to 2 places  caizheng::share_rounded and share(...).round()
//                                                          vs  (part·10000 + whole/2) / whole on int64
//   parsing short cells        parse_cell<wan_yuan> on a realistic mix, bytes/s
//
// Inputs are generated from a fixed seed at start-up (log-uniform magnitudes as in 部门决算
// tables: most cells between 0.01 and 10^5 万元, a few negative, some zero), so nothing can be
// folded at compile time. Results go through benchmark::DoNotOptimize. Method and numbers:
// docs/performance.md.
#include "caizheng/money.hpp"
#include "caizheng/parse.hpp"
#include "caizheng/percent.hpp"

#include <benchmark/benchmark.h>
#include <boost/multiprecision/cpp_dec_float.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

using caizheng::wan_yuan;
using dec50 = boost::multiprecision::cpp_dec_float_50;

constexpr std::size_t n_sum = 1'000'000;
constexpr std::size_t n_pairs = 4096;  // percentage pairs per iteration (stay in L1/L2)
constexpr std::size_t n_cells = 8192;  // parsed cells per iteration

std::mt19937_64& rng() {
    static std::mt19937_64 g(20261128);
    return g;
}

/// A realistic raw amount in hundredths of 万元: log-uniform 0.01 … 10^8 万元 mostly small,
/// 5 % negative (adjustments, 收支结余 decreases), 3 % zero.
std::int64_t realistic_raw() {
    std::uniform_int_distribution<int> digits(1, 10);
    std::uniform_int_distribution<int> pct(0, 99);
    const int d = digits(rng());
    std::uniform_int_distribution<std::int64_t> value(0, caizheng::detail::pow10_i64(d) - 1);
    const int p = pct(rng());
    if (p < 3) return 0;
    const std::int64_t v = value(rng());
    return p < 8 ? -v : v;
}

const std::vector<std::int64_t>& raw_amounts() {
    static const std::vector<std::int64_t> v = [] {
        std::vector<std::int64_t> out(n_sum);
        for (auto& x : out) x = realistic_raw();
        return out;
    }();
    return v;
}

// --- sum of 1,000,000 amounts -----------------------------------------------------------------

void BM_Sum_RawInt64(benchmark::State& state) {
    const auto& data = raw_amounts();
    for (auto _ : state) {
        std::int64_t total = 0;
        for (std::int64_t v : data) total += v;  // unchecked: wraps on overflow
        benchmark::DoNotOptimize(total);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_Sum_RawInt64)->Unit(benchmark::kMicrosecond);

void BM_Sum_Caizheng(benchmark::State& state) {
    std::vector<wan_yuan> data;
    data.reserve(n_sum);
    for (std::int64_t v : raw_amounts()) data.push_back(wan_yuan::from_raw(v));
    for (auto _ : state) {
        wan_yuan total = caizheng::sum(std::span<const wan_yuan>(data));
        benchmark::DoNotOptimize(total);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_Sum_Caizheng)->Unit(benchmark::kMicrosecond);

void BM_Sum_CppDecFloat50(benchmark::State& state) {
    std::vector<dec50> data;
    data.reserve(n_sum);
    for (std::int64_t v : raw_amounts()) data.push_back(dec50(v) / 100);  // exact in base 10
    for (auto _ : state) {
        dec50 total = 0;
        for (const dec50& v : data) total += v;
        benchmark::DoNotOptimize(total);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_Sum_CppDecFloat50)->Unit(benchmark::kMillisecond);

// --- share rounded to two places ------------------------------------------------------------

struct pair_data {
    std::vector<std::int64_t> part, whole;
};

/// Shares as published: a positive whole (a 类 total) and a part of it (mostly 0..whole).
const pair_data& pairs() {
    static const pair_data p = [] {
        pair_data out;
        out.part.reserve(n_pairs);
        out.whole.reserve(n_pairs);
        while (out.part.size() < n_pairs) {
            std::int64_t whole = realistic_raw();
            if (whole <= 0) continue;
            std::uniform_int_distribution<std::int64_t> part(0, whole);
            out.whole.push_back(whole);
            out.part.push_back(part(rng()));
        }
        return out;
    }();
    return p;
}

void BM_Share_Int64Division(benchmark::State& state) {
    const auto& p = pairs();
    for (auto _ : state) {
        std::int64_t acc = 0;
        for (std::size_t i = 0; i < n_pairs; ++i) {
            const std::int64_t whole = p.whole[i];
            acc += (p.part[i] * 10000 + whole / 2) / whole;  // 四舍五入 for part, whole ≥ 0
        }
        benchmark::DoNotOptimize(acc);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_pairs));
}
BENCHMARK(BM_Share_Int64Division);

void BM_Share_CaizhengShareRounded(benchmark::State& state) {
    const auto& p = pairs();
    for (auto _ : state) {
        std::int64_t acc = 0;
        for (std::size_t i = 0; i < n_pairs; ++i)
            acc += caizheng::share_rounded(wan_yuan::from_raw(p.part[i]), wan_yuan::from_raw(p.whole[i]))
                       .mantissa();
        benchmark::DoNotOptimize(acc);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_pairs));
}
BENCHMARK(BM_Share_CaizhengShareRounded);

void BM_Share_CaizhengRatioRound(benchmark::State& state) {
    const auto& p = pairs();
    for (auto _ : state) {
        std::int64_t acc = 0;
        for (std::size_t i = 0; i < n_pairs; ++i)
            acc += caizheng::share(wan_yuan::from_raw(p.part[i]), wan_yuan::from_raw(p.whole[i]))
                       .round()
                       .mantissa();
        benchmark::DoNotOptimize(acc);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_pairs));
}
BENCHMARK(BM_Share_CaizhengRatioRound);

void BM_Share_CppDecFloat50(benchmark::State& state) {
    const auto& p = pairs();
    std::vector<dec50> part, whole;
    for (std::size_t i = 0; i < n_pairs; ++i) {
        part.push_back(dec50(p.part[i]) / 100);
        whole.push_back(dec50(p.whole[i]) / 100);
    }
    const dec50 half = dec50(1) / 2;
    for (auto _ : state) {
        std::int64_t acc = 0;
        for (std::size_t i = 0; i < n_pairs; ++i) {
            // part / whole × 100 to two places, half away from zero (values are non-negative).
            const dec50 x = part[i] * 10000 / whole[i] + half;
            acc += static_cast<std::int64_t>(floor(x));
        }
        benchmark::DoNotOptimize(acc);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_pairs));
}
BENCHMARK(BM_Share_CppDecFloat50);

// --- parsing short cells --------------------------------------------------------------------

/// Cells as a 部门决算 table prints them: mostly "1227.61" and "0.00", some grouped
/// "1,227.61", one-place "17.3", a few empty markers and negatives.
const std::vector<std::string>& cells() {
    static const std::vector<std::string> v = [] {
        std::vector<std::string> out;
        out.reserve(n_cells);
        std::uniform_int_distribution<int> pick(0, 99);
        while (out.size() < n_cells) {
            const int k = pick(rng());
            std::int64_t raw = realistic_raw();
            if (raw < 0) raw = -raw;
            const wan_yuan a = wan_yuan::from_raw(raw);
            if (k < 45) {
                out.push_back(a.to_string());  // "1227.61"
            } else if (k < 60) {
                out.emplace_back("0.00");
            } else if (k < 80) {
                out.push_back(a.to_string(true));  // "1,227.61"
            } else if (k < 90) {
                std::string s = a.to_string();  // one place: "17.3"
                s.pop_back();
                out.push_back(s);
            } else if (k < 95) {
                out.push_back("-" + a.to_string());
            } else {
                out.emplace_back(k < 98 ? "-" : "");  // empty markers
            }
        }
        return out;
    }();
    return v;
}

/// parse_cell<wan_yuan> over a set of cells: bytes and cells per second.
void parse_cells(benchmark::State& state, const std::vector<std::string>& c) {
    std::size_t bytes = 0;
    for (const auto& s : c) bytes += s.size();
    for (auto _ : state) {
        std::int64_t acc = 0;
        for (const auto& s : c) {
            const auto v = caizheng::parse_cell<wan_yuan>(s);
            acc += v ? v->raw() : 1;
        }
        benchmark::DoNotOptimize(acc);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.size()));
}
void BM_Parse_CaizhengCell(benchmark::State& state) { parse_cells(state, cells()); }
BENCHMARK(BM_Parse_CaizhengCell);

/// Cells as PDF text extraction leaves them (no target; the general scanner's speed): spaces
/// after separators, full-width digits and punctuation, parenthesised negatives, — markers.
const std::vector<std::string>& pdf_cells() {
    static const std::vector<std::string> v = [] {
        std::vector<std::string> out;
        out.reserve(n_cells);
        std::uniform_int_distribution<int> pick(0, 99);
        const char* const fw_digits[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
        while (out.size() < n_cells) {
            const int k = pick(rng());
            std::int64_t raw = realistic_raw();
            if (raw < 0) raw = -raw;
            const std::string plain = wan_yuan::from_raw(raw).to_string(true);
            std::string s;
            if (k < 40) {  // "1, 227. 61"
                for (char c : plain) {
                    s.push_back(c);
                    if (c == ',' || c == '.') s.push_back(' ');
                }
            } else if (k < 70) {  // "１，２２７．６１"
                for (char c : plain) {
                    if (c == ',') s += "，";
                    else if (c == '.') s += "．";
                    else s += fw_digits[c - '0'];
                }
            } else if (k < 85) {
                s = "（" + plain + "）";
            } else if (k < 95) {
                s = " " + plain + " ";
            } else {
                s = "—";
            }
            out.push_back(s);
        }
        return out;
    }();
    return v;
}

void BM_Parse_CaizhengCell_PdfText(benchmark::State& state) { parse_cells(state, pdf_cells()); }
BENCHMARK(BM_Parse_CaizhengCell_PdfText);

}  // namespace

BENCHMARK_MAIN();
