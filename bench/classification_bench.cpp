// Classification lookups: the embedded catalog against std::unordered_map baselines built from
// the same rows, in the same run. Targets (issue 3): code lookup <= 50 ns median and not slower
// than the baseline. Results and table memory: docs/performance.md, section "Classification".
#include "caizheng/classification.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using namespace caizheng::classification;

namespace {

/// Counts the bytes a baseline container allocates (for the memory comparison).
std::size_t baseline_bytes = 0;
template <class T>
struct counting_allocator {
    using value_type = T;
    counting_allocator() = default;
    template <class U>
    counting_allocator(const counting_allocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        baseline_bytes += n * sizeof(T);
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        baseline_bytes -= n * sizeof(T);
        std::allocator<T>().deallocate(p, n);
    }
    friend bool operator==(const counting_allocator&, const counting_allocator&) = default;
};

/// Transparent hash so the baseline looks up a string_view without building a std::string.
struct sv_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

using cstring = std::basic_string<char, std::char_traits<char>, counting_allocator<char>>;
struct row {
    cstring name;
    int level;
};
template <class V>
using baseline_map = std::unordered_map<cstring, V, sv_hash, std::equal_to<>,
                                        counting_allocator<std::pair<const cstring, V>>>;

struct fixture {
    catalog cat = catalog::embedded(tree::functional, 2024);
    std::vector<std::string> codes, names;
    baseline_map<row> by_code;
    baseline_map<std::vector<cstring, counting_allocator<cstring>>> by_name;

    fixture() {
        for (const auto& it : cat.items()) {
            codes.emplace_back(it.code());
            names.emplace_back(it.name());
            by_code.emplace(cstring(it.code()), row{cstring(it.name()), static_cast<int>(it.level())});
            by_name[cstring(it.name())].emplace_back(it.code());
        }
    }
};

const fixture& data() {
    static const fixture f;
    return f;
}

/// Runs `lookup` on the keys in turn, from the first again after the last.
template <class F>
void cycle(benchmark::State& st, const std::vector<std::string>& keys, F&& lookup) {
    std::size_t i = 0;
    for (auto _ : st) {
        auto r = lookup(keys[i]);
        benchmark::DoNotOptimize(r);
        if (++i == keys.size()) i = 0;
    }
}

void code_find(benchmark::State& st) {
    const auto& f = data();
    cycle(st, f.codes, [&](const std::string& key) { return f.cat.find(key); });
}
BENCHMARK(code_find);

void code_status(benchmark::State& st) {
    const auto& f = data();
    cycle(st, f.codes, [&](const std::string& key) { return f.cat.status(key); });
}
BENCHMARK(code_status);

void code_unordered_map_baseline(benchmark::State& st) {
    const auto& f = data();
    cycle(st, f.codes, [&](const std::string& key) { return f.by_code.find(std::string_view(key)); });
}
BENCHMARK(code_unordered_map_baseline);

void name_find_first(benchmark::State& st) {
    const auto& f = data();
    cycle(st, f.names, [&](const std::string& key) { return f.cat.find_first_by_name(key); });
}
BENCHMARK(name_find_first);

void name_find_all(benchmark::State& st) {
    const auto& f = data();
    cycle(st, f.names, [&](const std::string& key) { return f.cat.find_by_name(key); });  // allocates the result vector
}
BENCHMARK(name_find_all);

void name_unordered_map_baseline(benchmark::State& st) {
    const auto& f = data();
    cycle(st, f.names, [&](const std::string& key) { return f.by_name.find(std::string_view(key)); });
}
BENCHMARK(name_unordered_map_baseline);

/// Narrative paths ("一般公共服务（类）人大事务（款）行政运行（项）") of every row whose ancestors
/// the catalog has, and the same rows loaded from CSV with one 类 name written with a space, so
/// that resolve_path compares every 类 and child (the way before the name lookup; the baseline).
struct path_fixture {
    catalog cat = catalog::embedded(tree::functional, 2024);
    catalog compared = catalog::embedded(tree::functional, 2024);
    std::vector<std::string> paths;
    path_fixture() {
        std::string csv = "# tree: functional\n# year: 2024\n# complete: no\ncode,name\n";
        for (const auto& it : cat.items()) {
            csv += std::string(it.code()) + "," + (it.code() == "201" ? "一般公共服务 支出" : std::string(it.name())) + "\n";
            try {
                paths.push_back(cat.path_name(it.code()));
            } catch (const std::exception&) {
                // an ancestor the partial catalog lacks: no path
            }
        }
        compared = catalog::load_csv(csv);
    }
};

const path_fixture& paths() {
    static const path_fixture f;
    return f;
}

void path_resolve(benchmark::State& st) {
    const auto& f = paths();
    cycle(st, f.paths, [&](const std::string& key) { return f.cat.resolve_path(key); });
}
BENCHMARK(path_resolve);

void path_resolve_compare_baseline(benchmark::State& st) {
    const auto& f = paths();
    cycle(st, f.paths, [&](const std::string& key) { return f.compared.resolve_path(key); });
}
BENCHMARK(path_resolve_compare_baseline);

void memory(benchmark::State& st) {
    const auto& f = data();
    for (auto _ : st) benchmark::DoNotOptimize(f.cat.size());
    std::size_t all = 0;
    for (tree t : {tree::functional, tree::economic_department, tree::economic_government, tree::revenue})
        all += catalog::embedded(t).memory_bytes();
    st.counters["functional_table_bytes"] = static_cast<double>(f.cat.memory_bytes());
    st.counters["all_embedded_table_bytes"] = static_cast<double>(all);
    st.counters["baseline_maps_heap_bytes"] = static_cast<double>(baseline_bytes);
    st.counters["rows"] = static_cast<double>(f.cat.size());
}
BENCHMARK(memory)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
