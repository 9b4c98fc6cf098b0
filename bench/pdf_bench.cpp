// PDF import: both Shanghai PDFs from bytes to model (caizheng::import_pdf), and the baselines
// measured in the same run on the same files:
//   - pdftotext -layout: poppler's own tool, /usr/bin/pdftotext spawned per iteration; its time
//     is the child's CPU time (user + system from wait4, process start included), reported as
//     manual time, so it compares with the CPU column of the in-process benchmarks;
//   - poppler-cpp page::text() of every page in-process (the cost floor of getting text out);
//   - caizheng::pdf_layout_text: words → lines → layout text, without the import.
// Counters: pages/s; time per report in the benchmark's unit.
#include "caizheng/import_pdf.hpp"
#include "../tests/test_data.hpp"

#include <benchmark/benchmark.h>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <memory>
#include <string>

extern char** environ;

namespace {

using caizheng::test::read_file;

const std::string putuo_path = CAIZHENG_TEST_DATA "/reports/2024_putuo_finance_bureau.pdf";
const std::string template_path = CAIZHENG_TEST_DATA "/reports/2024_shanghai_final_accounts_template.pdf";

int pages_of(const std::string& bytes) {
    std::unique_ptr<poppler::document> d(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    return d ? d->pages() : 0;
}

void quiet(const std::string&, void*) {}

void set_pages(benchmark::State& state, int pages) {
    state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages) * static_cast<double>(state.iterations()),  // float-ok
                                                   benchmark::Counter::kIsRate);
}

void import_pdf_bench(benchmark::State& state, const std::string* path) {
    const std::string bytes = read_file(*path);
    for (auto _ : state) {
        auto r = caizheng::import_pdf(bytes);
        benchmark::DoNotOptimize(r);
    }
    set_pages(state, pages_of(bytes));
}

void layout_text_bench(benchmark::State& state, const std::string* path) {
    const std::string bytes = read_file(*path);
    for (auto _ : state) {
        auto t = caizheng::pdf_layout_text(bytes);
        benchmark::DoNotOptimize(t);
    }
    set_pages(state, pages_of(bytes));
}

void poppler_text_bench(benchmark::State& state, const std::string* path) {
    const std::string bytes = read_file(*path);
    poppler::set_debug_error_function(quiet, nullptr);
    for (auto _ : state) {
        std::unique_ptr<poppler::document> d(
            poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
        std::size_t n = 0;
        for (int i = 0; i < d->pages(); ++i) {
            std::unique_ptr<poppler::page> p(d->create_page(i));
            n += p->text(poppler::rectf(), poppler::page::physical_layout).to_utf8().size();
        }
        benchmark::DoNotOptimize(n);
    }
    set_pages(state, pages_of(bytes));
}

void pdftotext_bench(benchmark::State& state, const std::string* path) {
    const std::string bytes = read_file(*path);
    std::string file = *path;
    std::string prog = "/usr/bin/pdftotext", layout = "-layout", quiet_flag = "-q", out = "/dev/null";
    char* argv[] = {prog.data(), layout.data(), quiet_flag.data(), file.data(), out.data(), nullptr};
    for (auto _ : state) {
        pid_t pid = 0;
        if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv, environ) != 0) {
            state.SkipWithError("cannot spawn /usr/bin/pdftotext (Debian: poppler-utils)");
            return;
        }
        int status = 0;
        rusage ru{};
        wait4(pid, &status, 0, &ru);
        state.SetIterationTime(static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +  // float-ok: seconds
                               static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            state.SkipWithError("pdftotext failed");
            return;
        }
    }
    set_pages(state, pages_of(bytes));
}

}  // namespace

#define PDF_BENCH(fn, name, path)                                                                   \
    BENCHMARK_CAPTURE(fn, name, &path)->Repetitions(5)->ReportAggregatesOnly(true)->Unit(benchmark::kMillisecond)

PDF_BENCH(import_pdf_bench, putuo, putuo_path);
PDF_BENCH(layout_text_bench, putuo, putuo_path);
PDF_BENCH(poppler_text_bench, putuo, putuo_path);
PDF_BENCH(pdftotext_bench, putuo, putuo_path)->UseManualTime();
PDF_BENCH(import_pdf_bench, template, template_path);
PDF_BENCH(layout_text_bench, template, template_path);
PDF_BENCH(poppler_text_bench, template, template_path);
PDF_BENCH(pdftotext_bench, template, template_path)->UseManualTime();

BENCHMARK_MAIN();
