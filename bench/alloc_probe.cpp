// Allocation probe for the reconciliation (docs/performance.md, "Session 10").
//
//   alloc_probe census [report]            one full run of the reconciler after a warm-up run:
//                                          allocations, bytes, peak live bytes, by block size
//   alloc_probe batch THREADS [report] [K] run_batch over 64 copies of the report, 40 batches
//                                          after a warm-up: minor page faults per report, wall
//                                          and CPU time per batch (getrusage). K > 0 is the
//                                          experiment: blocks of K bytes or more are kept by
//                                          the thread that freed them and reused, given back
//                                          to malloc only when the thread ends (what a
//                                          per-worker memory resource for the large
//                                          temporaries would do)
//
// The report defaults to the bundled Hunan report. This program replaces the global operator
// new/delete to count; it is a measuring tool, not a benchmark of the library's speed.
#include "caizheng/import.hpp"
#include "caizheng/reconcile.hpp"

#include <sys/resource.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

// Every block carries a header: its requested size and whether it belongs to the keep list.
struct alignas(std::max_align_t) header {
    std::size_t size;
    bool kept;     // on the keep list's side (experiment)
    bool counted;  // allocated while the census was on
};
constexpr std::size_t header_size = sizeof(header);

struct census {
    bool on = false;
    std::size_t count = 0, bytes = 0, live = 0, peak = 0, live_blocks = 0;
    std::array<std::size_t, 8> by_size_count{}, by_size_bytes{};
};
census counts;  // the census runs single-threaded

std::size_t keep_from = 0;  // 0: off; else blocks >= keep_from bytes are kept per thread
thread_local bool in_keeper = false;  // the keep list's own nodes come from malloc as usual
struct keeper;
thread_local keeper* kept = nullptr;  // the thread's keep list, created on first use
thread_local bool keeper_gone = false;  // after it was destroyed (thread or program exit): keep nothing
// A thread's kept blocks, given back to malloc when the thread ends; blocks freed later (other
// thread-local or static destructors) go straight to free().
struct keeper {
    std::multimap<std::size_t, void*> blocks;
    keeper() = default;
    keeper(const keeper&) = delete;
    keeper& operator=(const keeper&) = delete;
    ~keeper() {
        kept = nullptr;
        keeper_gone = true;
        in_keeper = true;
        for (const auto& b : blocks) std::free(static_cast<header*>(b.second) - 1);
        blocks.clear();
        in_keeper = false;
    }
};
thread_local std::optional<keeper> kept_storage;

std::size_t bucket(std::size_t n) {
    constexpr std::array<std::size_t, 7> limits{64, 256, 1024, 4096, 16384, 65536, 262144};
    std::size_t b = 0;
    while (b < limits.size() && n >= limits[b]) ++b;
    return b;
}

void* take(std::size_t n) {
    if (keep_from != 0 && n >= keep_from && !in_keeper && !keeper_gone) {
        in_keeper = true;
        if (kept == nullptr) kept = &kept_storage.emplace();
        void* p = nullptr;
        if (auto it = kept->blocks.lower_bound(n); it != kept->blocks.end() && it->first <= 2 * n) {
            p = it->second;
            kept->blocks.erase(it);
        }
        in_keeper = false;
        if (p != nullptr) return p;
        auto* h = static_cast<header*>(std::malloc(n + header_size));
        if (h == nullptr) throw std::bad_alloc();
        *h = header{n, true, false};
        return h + 1;
    }
    auto* h = static_cast<header*>(std::malloc((n == 0 ? 1 : n) + header_size));
    if (h == nullptr) throw std::bad_alloc();
    *h = header{n, false, counts.on};
    if (counts.on) {
        ++counts.count;
        counts.bytes += n;
        counts.live += n;
        ++counts.live_blocks;
        if (counts.live > counts.peak) counts.peak = counts.live;
        ++counts.by_size_count[bucket(n)];
        counts.by_size_bytes[bucket(n)] += n;
    }
    return h + 1;
}

void give(void* p) noexcept {
    if (p == nullptr) return;
    auto* h = static_cast<header*>(p) - 1;
    if (h->kept && kept != nullptr) {
        in_keeper = true;
        try {
            kept->blocks.emplace(h->size, p);
        } catch (...) {
            std::free(h);
        }
        in_keeper = false;
        return;
    }
    if (counts.on && h->counted) {
        counts.live -= h->size;
        --counts.live_blocks;
    }
    std::free(h);
}

std::string report_path(int argc, char** argv, int at) {
    if (argc > at && argv[at][0] != '\0') return argv[at];  // "" = the bundled report
    return std::string(CAIZHENG_TEST_DATA) + "/reports/2024_tianyuan_data_bureau.txt";
}

int run_census(const caizheng::report& r) {
    const caizheng::reconciler rc{caizheng::reconcile_options{}};
    const auto warm = rc.run(r);
    counts.on = true;
    const auto res = rc.run(r);
    counts.on = false;
    std::printf("one full run: %zu findings; %zu allocations, %zu bytes, %zu bytes live at the peak; "
                "%zu blocks, %zu bytes still held after the run (the result)\n",
                res.findings.size(), counts.count, counts.bytes, counts.peak, counts.live_blocks, counts.live);
    constexpr std::array<const char*, 8> names{"< 64 B", "< 256 B", "< 1 kB", "< 4 kB",
                                               "< 16 kB", "< 64 kB", "< 256 kB", ">= 256 kB"};
    for (std::size_t i = 0; i < names.size(); ++i)
        std::printf("  %-9s %6zu blocks %9zu bytes\n", names[i], counts.by_size_count[i], counts.by_size_bytes[i]);
    return warm.findings.size() == res.findings.size() ? 0 : 1;
}

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); }

int run_batch(const caizheng::report& r, unsigned threads) {
    const std::vector<caizheng::report> reports(64, r);
    const caizheng::reconciler rc{caizheng::reconcile_options{}};
    (void)rc.run_batch(reports, threads);
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    const auto t0 = std::chrono::steady_clock::now();
    constexpr int batches = 40;
    for (int i = 0; i < batches; ++i) (void)rc.run_batch(reports, threads);
    const auto t1 = std::chrono::steady_clock::now();
    getrusage(RUSAGE_SELF, &after);
    const double cpu = seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) -
                       seconds(before.ru_stime);
    const double faults = static_cast<double>(after.ru_minflt - before.ru_minflt);
    std::printf("threads %u, keep >= %zu B: %.2f minor faults per report, %.1f ms wall and %.1f ms CPU per batch of 64\n",
                threads, keep_from, faults / (64.0 * batches),
                std::chrono::duration<double, std::milli>(t1 - t0).count() / batches, 1000.0 * cpu / batches);
    return 0;
}

template <class T>
bool number(std::string_view s, T& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
}

}  // namespace

void* operator new(std::size_t n) { return take(n); }
void operator delete(void* p) noexcept { give(p); }
void operator delete(void* p, std::size_t) noexcept { give(p); }

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "census";
    try {
        if (mode == "census") return run_census(caizheng::import_text_file(report_path(argc, argv, 2)));
        unsigned threads = 0;
        if (mode == "batch" && argc > 2 && number(argv[2], threads) && threads > 0 &&
            (argc <= 4 || number(argv[4], keep_from)))
            return run_batch(caizheng::import_text_file(report_path(argc, argv, 3)), threads);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "alloc_probe: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: alloc_probe census [report] | alloc_probe batch THREADS(>0) [report] [keep_bytes]\n");
    return 2;
}
