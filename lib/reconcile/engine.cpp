// The reconciliation engine: the rule catalog, one run over a report, batches on all cores.
#include "detail.hpp"
#include "../narrative/detail.hpp"
#include "../scoring/review.hpp"

#include "caizheng/scoring.hpp"

#include "caizheng/narrative.hpp"

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <iterator>
#include <mutex>
#include <thread>
#include <utility>

namespace caizheng {
namespace reconcile_detail {

bool context::disabled(std::string_view id) const {
    for (const std::string& d : options.disabled_rules) {
        if (!d.empty() && d.back() == '*') {
            if (id.substr(0, d.size() - 1) == std::string_view(d).substr(0, d.size() - 1)) return true;
        } else if (id == d) {
            return true;
        }
    }
    return false;
}

std::size_t context::add(finding&& f, finding_meta m) {
    findings.push_back(std::move(f));
    cause.push_back(-1);
    meta.push_back(std::move(m));
    return findings.size() - 1;
}

namespace {
/// "02" for table number 2 (n > 0).
void append_table_number(std::string& out, std::int32_t n) {
    if (n < 10) out += '0';
    out += std::string_view(int_text(n));
}
}  // namespace

void append_short_name(std::string& out, const report_table& t) {
    const std::int32_t n = table_number_of(t.number);
    if (n > 0)
        append_table_number(out, n);
    else
        out += table_kind_title(t.kind);
}

void append_long_name(std::string& out, const report_table& t) {
    const std::int32_t n = table_number_of(t.number);
    if (n > 0) {
        out += "公开";
        append_table_number(out, n);
        out += "表";
    } else {
        out += table_kind_title(t.kind);
    }
}

std::string short_name(const report_table& t) {
    std::string s;
    append_short_name(s, t);
    return s;
}

std::string long_name(const report_table& t) {
    std::string s;
    append_long_name(s, t);
    return s;
}

std::string num(const decimal& d) { return std::string(std::string_view(num_text(d))); }

namespace {
constexpr severity_labels severity_table[] = {
    {"error", "错误", "错误", "ERRORS", "错误 error", "\x1b[1;31m"},
    {"warning", "提示", "提示", "WARNINGS", "提示 warning", "\x1b[1;33m"},
    {"tail", "尾数误差", "尾数误差（不是错误）", "TAIL DIFFERENCES (尾数误差, not errors)", "尾数误差 tail difference",
     "\x1b[1;36m"},
    {"unchecked", "未能检查", "未能检查", "UNCHECKED", "未检查 unchecked", "\x1b[1;35m"},
    {"info", "说明", "说明", "NOTES", "说明 note", "\x1b[1;34m"},
};
// One entry per enumerator, and the enumerators are 0, 1, 2, … in declaration order.
using severity_enumerators = boost::describe::describe_enumerators<severity>;
static_assert(boost::mp11::mp_size<severity_enumerators>::value == std::size(severity_table));
template <class L, std::size_t... I>
constexpr bool dense(std::index_sequence<I...>) {
    return ((static_cast<std::size_t>(boost::mp11::mp_at_c<L, I>::value) == I) && ...);
}
static_assert(dense<severity_enumerators>(std::make_index_sequence<std::size(severity_table)>{}));
}  // namespace

const severity_labels& labels_of(severity s) noexcept {
    const auto i = static_cast<std::size_t>(s);
    return severity_table[i < std::size(severity_table) ? i : std::size(severity_table) - 1];
}

std::int32_t table_index(const report& r, table_kind k) {
    for (std::size_t i = 0; i < r.tables.size(); ++i)
        if (r.tables[i].kind == k) return static_cast<std::int32_t>(i);
    return -1;
}

namespace {
void fill_cell_location(finding_location& l, const report& r, std::size_t t, std::size_t row,
                        std::optional<std::size_t> col) {
    if (t >= r.tables.size()) return;
    const report_table& tb = r.tables[t];
    l.table = tb.kind;
    l.table_number = tb.number;
    if (row < tb.rows.size()) {
        const table_row& rw = tb.rows[row];
        l.row = row_key(rw);
        l.row_name = rw.name;
        l.source = rw.source;
        if (col && *col < tb.columns.size() && *col < rw.cells.size()) {
            const table_cell& cell = rw.cells[*col];
            l.column = tb.columns[*col].number;
            l.column_label = tb.columns[*col].label;
            l.text = cell.text;
            if (cell.source.line != 0) l.source = cell.source;
        }
    } else if (col && *col < tb.columns.size()) {
        l.column = tb.columns[*col].number;
        l.column_label = tb.columns[*col].label;
    }
}
}  // namespace

finding_location cell_location(const report& r, std::size_t t, std::size_t row,
                               std::optional<std::size_t> col) {
    finding_location l;
    fill_cell_location(l, r, t, row, col);
    return l;
}

void add_cell_location(std::vector<finding_location>& out, const report& r, std::size_t t, std::size_t row,
                       std::optional<std::size_t> col) {
    fill_cell_location(out.emplace_back(), r, t, row, col);
}

namespace {
/// The row's code and name ("2210201 住房公积金"), else "#行次".
void append_row_words(std::string& out, const table_row& rw) {
    const std::size_t start = out.size();
    out += rw.code;
    if (!rw.name.empty()) {
        if (out.size() != start) out += ' ';
        out += rw.name;
    }
    if (out.size() == start && rw.line_number) {
        out += '#';
        out += std::string_view(int_text(*rw.line_number));
    }
}
}  // namespace

namespace {
/// The words of a place description in one language.
struct place_words {
    void (*table)(std::string&, const report_table&);
    std::string_view line_open, line_close, col_open, col_close, label_open, label_close;
};
constexpr place_words place_en{append_short_name, " (line ", ")", " col ", "", " ", ""};
constexpr place_words place_zh{append_long_name, "（行次", "）", " 第", "栏", "（", "）"};

void append_describe(std::string& out, const place_words& w, const report& r, std::size_t t, std::size_t row,
                     std::optional<std::size_t> col) {
    if (t >= r.tables.size()) {
        out += '?';
        return;
    }
    const report_table& tb = r.tables[t];
    w.table(out, tb);
    if (row < tb.rows.size()) {
        const table_row& rw = tb.rows[row];
        out += ' ';
        append_row_words(out, rw);
        if (rw.line_number && !rw.name.empty()) {
            out += w.line_open;
            out += std::string_view(int_text(*rw.line_number));
            out += w.line_close;
        }
    }
    if (col && *col < tb.columns.size() && tb.columns.size() > 1) {
        const table_column& c = tb.columns[*col];
        if (c.number > 0) {
            out += w.col_open;
            out += std::string_view(int_text(c.number));
            out += w.col_close;
        }
        if (!c.label.empty()) {
            out += w.label_open;
            out += c.label;
            out += w.label_close;
        }
    }
}
}  // namespace

void append_describe_en(std::string& out, const report& r, std::size_t t, std::size_t row,
                        std::optional<std::size_t> col) {
    append_describe(out, place_en, r, t, row, col);
}

void append_describe_zh(std::string& out, const report& r, std::size_t t, std::size_t row,
                        std::optional<std::size_t> col) {
    append_describe(out, place_zh, r, t, row, col);
}

std::string describe_en(const report& r, std::size_t t, std::size_t row, std::optional<std::size_t> col) {
    std::string s;
    append_describe_en(s, r, t, row, col);
    return s;
}

std::string describe_zh(const report& r, std::size_t t, std::size_t row, std::optional<std::size_t> col) {
    std::string s;
    append_describe_zh(s, r, t, row, col);
    return s;
}

namespace {

/// Build the catalog: formula rules, C++ rules, external families.
std::vector<rule_info> make_catalog() {
    std::vector<rule_info> out;
    for (const formula_rule& f : builtin_formula_rules()) {
        rule_info i;
        i.id = f.id;
        i.family = formula_rule_family(f.id);
        i.severity = f.severity == formula_severity::warning ? severity::warning : severity::error;
        i.description_zh = f.description_zh;
        i.description_en = f.description_en;
        i.check = f.check.text();
        i.is_formula = true;
        out.push_back(std::move(i));
    }
    for (const rule_info& i : cxx_rules()) out.push_back(i);
    return out;
}

std::int32_t nearest_year(classification::tree t, std::int32_t year) {
    const std::vector<int> years = classification::catalog::embedded_years(t);
    if (years.empty()) return 0;
    std::int32_t best = years.front();
    for (int y : years)
        if (std::abs(y - year) < std::abs(best - year)) best = y;
    return best;
}

int severity_rank(severity s) { return static_cast<int>(s); }

/// Sort findings (severity, table position, source line; stable) and remap causes.
void sort_findings(const report& r, std::vector<finding>& f, std::vector<std::int32_t>& cause) {
    // each finding's sort key once, the index last (a stable order)
    struct key {
        int severity, table;
        std::uint32_t line, index;
        auto operator<=>(const key&) const = default;
    };
    std::vector<key> keys(f.size());
    for (std::size_t i = 0; i < f.size(); ++i) {
        const finding& x = f[i];
        int table = 1000;
        if (!x.locations.empty() && x.locations.front().table) {
            const std::int32_t ti = table_index(r, *x.locations.front().table);
            table = ti < 0 ? 999 : ti;
        }
        keys[i] = key{severity_rank(x.severity), table, x.locations.empty() ? 0u : x.locations.front().source.line,
                      static_cast<std::uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end());
    std::vector<std::int32_t> where(f.size());
    for (std::size_t i = 0; i < keys.size(); ++i) where[keys[i].index] = static_cast<std::int32_t>(i);
    std::vector<finding> nf;
    nf.reserve(f.size());
    std::vector<std::int32_t> nc(f.size(), -1);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        nf.push_back(std::move(f[keys[i].index]));
        const std::int32_t c = cause[keys[i].index];
        nc[i] = c < 0 ? -1 : where[static_cast<std::size_t>(c)];
    }
    f = std::move(nf);
    cause = std::move(nc);
}

void add_family_findings(context& c, std::vector<finding> found) {
    for (finding& f : found) {
        if (c.disabled(f.rule)) continue;
        c.add(std::move(f));
    }
}

}  // namespace
}  // namespace reconcile_detail

using namespace reconcile_detail;

const std::vector<rule_info>& builtin_rules() {
    static const std::vector<rule_info> catalog = make_catalog();
    return catalog;
}

rule_family rule_family_of(std::string_view id) {
    if (const rule_info* i = find_builtin_rule(id)) return i->family;
    if (id.substr(0, 2) == "P.") return rule_family::performance;
    if (id.substr(0, 2) == "N.") return rule_family::narrative;
    return rule_family::user;
}

const rule_info* find_builtin_rule(std::string_view id) {
    // The catalog's rules by id, sorted once (renderers ask once per finding): a binary search
    // instead of comparing the id with every rule. The first rule of an id, as the linear search
    // found it (ids are unique; stable_sort keeps catalog order among equals anyway).
    static const std::vector<const rule_info*> by_id = [] {
        std::vector<const rule_info*> v;
        for (const rule_info& i : builtin_rules()) v.push_back(&i);
        std::stable_sort(v.begin(), v.end(), [](const rule_info* a, const rule_info* b) { return a->id < b->id; });
        return v;
    }();
    const auto it = std::lower_bound(by_id.begin(), by_id.end(), id,
                                     [](const rule_info* a, std::string_view k) { return std::string_view(a->id) < k; });
    return it != by_id.end() && (*it)->id == id ? *it : nullptr;
}

std::size_t reconcile_result::count(caizheng::severity s) const noexcept {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [s](const finding& f) { return f.severity == s; }));
}

std::string row_key(const table_row& row) {
    if (!row.code.empty()) return row.code;
    if (row.line_number) return "#" + std::to_string(*row.line_number);
    return row.name;
}

reconciler::reconciler(reconcile_options options) : options_(std::move(options)) {}

void reconciler::add_rules(std::string_view rules_text) {
    std::vector<formula_rule> parsed = parse_formula_rules(rules_text);
    for (const formula_rule& f : parsed) {
        const bool clash = std::any_of(user_.begin(), user_.end(), [&](const formula_rule& u) { return u.id == f.id; }) ||
                           find_builtin_rule(f.id) != nullptr;
        if (clash) throw parse_error("rules line " + std::to_string(f.line) + ": rule id '" + f.id +
                                         "' is already defined (built-in or added before)",
                                     0);
    }
    user_.insert(user_.end(), std::make_move_iterator(parsed.begin()), std::make_move_iterator(parsed.end()));
}

void reconciler::add_rule(formula_rule rule) {
    if (rule.id.empty()) throw error(errc::invalid_argument, "a rule needs an id");
    if (find_builtin_rule(rule.id) != nullptr ||
        std::any_of(user_.begin(), user_.end(), [&](const formula_rule& u) { return u.id == rule.id; }))
        throw error(errc::invalid_argument, "rule id '" + rule.id + "' is already defined");
    user_.push_back(std::move(rule));
}

reconcile_result reconciler::run(const report& r) const {
    context c(r, options_);
    // room for a report's usual findings: no growth (and moves of every finding) while adding.
    // 128: the bundled reports give 13 to 76 findings with every family on (64 cost the Hunan
    // run one growth that moved every finding; net of the larger request's malloc, ≈ −10 k
    // instructions per run: docs/performance.md, session 9).
    c.findings.reserve(128);
    c.cause.reserve(128);
    c.meta.reserve(128);
    // Catalogs of the report's year (or the nearest embedded year).
    const std::int32_t want = options_.catalog_year != 0 ? options_.catalog_year : r.meta.year;
    try {
        const std::int32_t y = nearest_year(classification::tree::functional, want);
        if (y != 0) {
            c.functional = classification::catalog::embedded(classification::tree::functional, y);
            c.catalog_year = y;
        }
        const std::int32_t ye = nearest_year(classification::tree::economic_department, want);
        if (ye != 0) c.economic = classification::catalog::embedded(classification::tree::economic_department, ye);
    } catch (const error&) {
        // no embedded catalog: codes become unchecked below
    }

    if (options_.document) run_document(c);

    const report_formula_data data(r, c.functional ? &*c.functional : nullptr);
    if (options_.formulas) run_formula_rules(c, data, builtin_formula_rules(), false);
    if (options_.codes) run_codes(c);
    if (!user_.empty()) run_formula_rules(c, data, user_, true);
    if (options_.causes) link_causes(c, data);

    const bool performance = options_.performance && (!r.annex.projects.empty() || r.annex.basic_data);
    // One extraction of the narrative for both families: the 绩效 review takes the projects the
    // 自评报告 prose restates from it instead of reading the annex prose again.
    std::optional<std::vector<project_claim>> project_claims;
    if (options_.narrative) {
        ++c.rules;
        narrative_detail::extraction x = narrative_detail::extract(r);
        if (performance) {
            try {
                project_claims = narrative_detail::project_claims(r, x);
            } catch (const error&) {
                // the review extracts them itself and reports the part it cannot read
            }
        }
        add_family_findings(c, narrative_detail::check(r, narrative_options{}, std::move(x)));
    }
    if (performance) {
        ++c.rules;
        try {
            const scoring_profile& profile = builtin_profile(options_.scoring_profile);
            add_family_findings(c, project_claims
                                       ? scoring_detail::review_performance(r, profile, *project_claims).findings
                                       : check_performance(r, profile));
        } catch (const error& e) {
            finding f;
            f.rule = "performance";
            f.severity = severity::unchecked;
            f.message_zh = std::string("绩效部分未能检查：") + e.what();
            f.message_en = std::string("the 绩效 annex could not be checked: ") + e.what();
            c.add(std::move(f));
        }
    }

    if (options_.causes && (options_.narrative || options_.performance)) link_family_causes(c);

    reconcile_result out;
    out.findings = std::move(c.findings);
    // the result may be kept with many others (run_batch): not twice the room it needs
    if (out.findings.capacity() > 2 * out.findings.size() + 8) out.findings.shrink_to_fit();
    out.cause = std::move(c.cause);
    out.rules_evaluated = c.rules;
    sort_findings(r, out.findings, out.cause);
    return out;
}

std::vector<reconcile_result> reconciler::run_batch(std::span<const report> reports, unsigned threads) const {
    std::vector<reconcile_result> out(reports.size());
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, reports.size())));
    if (threads <= 1) {
        for (std::size_t i = 0; i < reports.size(); ++i) out[i] = run(reports[i]);
        return out;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= reports.size()) return;
            try {
                out[i] = run(reports[i]);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next.store(reports.size());
                return;
            }
        }
    };
    {
        // The calling thread is one of the workers: threads − 1 new ones. A new thread's heap
        // pages were faulted in again at every call (glibc gives a worker's freed memory back to
        // the system), so the caller working instead of waiting gains more than a second new
        // thread (docs/performance.md, "Batch", session 5).
        std::vector<std::jthread> pool;
        pool.reserve(threads - 1);
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
    }
    if (failure) std::rethrow_exception(failure);
    return out;
}

reconcile_result reconcile(const report& r, const reconcile_options& options) {
    return reconciler(options).run(r);
}

}  // namespace caizheng
