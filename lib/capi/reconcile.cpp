// C API: reconciliation (see include/caizheng/capi/reconcile.h).
#include "guard.hpp"
#include "report_handle.hpp"

#include "caizheng/reconcile.hpp"

#include <boost/describe/enum_to_string.hpp>
#include <boost/json.hpp>

#include <memory>
#include <vector>

struct cz_reconciler {
    caizheng::reconciler rec;
};

struct cz_findings {
    caizheng::reconcile_result result;
};

using namespace caizheng;
using caizheng::capi::copy_out;
using caizheng::capi::guard;
using caizheng::capi::require;

namespace {

const finding& finding_at(const cz_findings* f, std::int64_t index) {
    require(f, "findings");
    if (index < 0 || static_cast<std::uint64_t>(index) >= f->result.findings.size())
        throw error(errc::invalid_argument, "finding index " + std::to_string(index) + " out of range (" +
                                                std::to_string(f->result.findings.size()) + " findings)");
    return f->result.findings[static_cast<std::size_t>(index)];
}

/// Allocated copies for several char** outputs, written only when every copy succeeded.
struct out_strings {
    std::vector<std::pair<char**, char*>> items;
    void add(char** out, const std::optional<std::string>& s) {
        if (!out) return;
        char* p = nullptr;
        if (s) {
            p = copy_out(*s);
            if (!p) throw std::bad_alloc();
        }
        items.emplace_back(out, p);
    }
    void commit() {
        for (auto& [out, p] : items) *out = p;
        items.clear();
    }
    ~out_strings() {
        for (auto& [out, p] : items) cz_string_free(p);
    }
};

std::optional<std::string> dec(const std::optional<decimal>& d) {
    if (!d) return std::nullopt;
    return d->to_string();
}

}  // namespace

extern "C" {

int32_t cz_reconciler_new(cz_reconciler** out_reconciler) {
    return guard([&] {
        require(out_reconciler, "out_reconciler");
        *out_reconciler = new cz_reconciler{reconciler{}};
    });
}

void cz_reconciler_free(cz_reconciler* reconciler) { delete reconciler; }

int32_t cz_reconciler_add_rules(cz_reconciler* r, const char* rules_text) {
    return guard([&] {
        require(r, "reconciler");
        const std::string_view text = capi::text_arg(rules_text, "rules_text");
        caizheng::reconciler copy = r->rec;  // unchanged on failure
        copy.add_rules(text);
        r->rec = std::move(copy);
    });
}

int32_t cz_reconciler_disable_rule(cz_reconciler* r, const char* rule_id) {
    return guard([&] {
        require(r, "reconciler");
        const std::string id(capi::text_arg(rule_id, "rule_id"));
        if (id.empty()) throw error(errc::invalid_argument, "rule_id must not be empty");
        reconcile_options o = r->rec.options();
        o.disabled_rules.push_back(id);
        caizheng::reconciler copy(o);
        for (const formula_rule& u : r->rec.user_rules()) copy.add_rule(u);
        r->rec = std::move(copy);
    });
}

int32_t cz_reconciler_set_scoring_profile(cz_reconciler* r, const char* name) {
    return guard([&] {
        require(r, "reconciler");
        const std::string n(capi::text_arg(name, "name"));
        reconcile_options o = r->rec.options();
        o.scoring_profile = n;
        caizheng::reconciler copy(o);
        for (const formula_rule& u : r->rec.user_rules()) copy.add_rule(u);
        r->rec = std::move(copy);
    });
}

int32_t cz_reconciler_run(const cz_reconciler* r, const cz_report* report, cz_findings** out_findings) {
    return guard([&] {
        require(r, "reconciler");
        require(report, "report");
        require(out_findings, "out_findings");
        auto f = std::make_unique<cz_findings>(cz_findings{r->rec.run(report->model)});
        *out_findings = f.release();
    });
}

int32_t cz_reconciler_run_batch(const cz_reconciler* r, const cz_report* const* reports, int64_t count,
                                int32_t threads, cz_findings** out_findings) {
    return guard([&] {
        require(r, "reconciler");
        require(out_findings, "out_findings");
        if (count < 0) throw error(errc::invalid_argument, "count must not be negative");
        if (threads < 0) throw error(errc::invalid_argument, "threads must not be negative");
        if (count > 0) require(reports, "reports");
        std::vector<report> models;  // the batch API takes a contiguous span of reports
        models.reserve(static_cast<std::size_t>(count));
        for (std::int64_t i = 0; i < count; ++i) {
            require(reports[i], "reports[i]");
            models.push_back(reports[i]->model);
        }
        std::vector<reconcile_result> results = r->rec.run_batch(models, static_cast<unsigned>(threads));
        std::vector<std::unique_ptr<cz_findings>> owned;
        owned.reserve(results.size());
        for (auto& x : results) owned.push_back(std::make_unique<cz_findings>(cz_findings{std::move(x)}));
        for (std::size_t i = 0; i < owned.size(); ++i) out_findings[i] = owned[i].release();
    });
}

void cz_findings_free(cz_findings* findings) { delete findings; }

int32_t cz_findings_count(const cz_findings* f, int64_t* out_count) {
    return guard([&] {
        require(f, "findings");
        require(out_count, "out_count");
        *out_count = static_cast<int64_t>(f->result.findings.size());
    });
}

int32_t cz_findings_count_severity(const cz_findings* f, int32_t sev, int64_t* out_count) {
    return guard([&] {
        require(f, "findings");
        require(out_count, "out_count");
        if (sev < 0 || sev > 4) throw error(errc::invalid_argument, "unknown severity " + std::to_string(sev));
        *out_count = static_cast<int64_t>(f->result.count(static_cast<severity>(sev)));
    });
}

int32_t cz_findings_rules_evaluated(const cz_findings* f, int64_t* out_count) {
    return guard([&] {
        require(f, "findings");
        require(out_count, "out_count");
        *out_count = static_cast<int64_t>(f->result.rules_evaluated);
    });
}

int32_t cz_finding_info(const cz_findings* f, int64_t index, char** out_rule, int32_t* out_severity,
                        int32_t* out_family, int64_t* out_cause) {
    return guard([&] {
        const finding& x = finding_at(f, index);
        out_strings s;
        s.add(out_rule, x.rule);
        const std::int32_t cause = f->result.cause.size() > static_cast<std::size_t>(index)
                                       ? f->result.cause[static_cast<std::size_t>(index)]
                                       : -1;
        s.commit();
        if (out_severity) *out_severity = static_cast<int32_t>(x.severity);
        if (out_family) *out_family = static_cast<int32_t>(rule_family_of(x.rule));
        if (out_cause) *out_cause = cause;
    });
}

int32_t cz_finding_messages(const cz_findings* f, int64_t index, char** out_zh, char** out_en) {
    return guard([&] {
        const finding& x = finding_at(f, index);
        out_strings s;
        s.add(out_zh, x.message_zh);
        s.add(out_en, x.message_en);
        s.commit();
    });
}

int32_t cz_finding_figures(const cz_findings* f, int64_t index, char** out_expected, char** out_found,
                           char** out_difference, char** out_bound, char** out_unit) {
    return guard([&] {
        const finding& x = finding_at(f, index);
        out_strings s;
        s.add(out_expected, dec(x.expected));
        s.add(out_found, dec(x.found));
        s.add(out_difference, dec(x.difference));
        s.add(out_bound, dec(x.bound));
        s.add(out_unit, x.unit);
        s.commit();
    });
}

int32_t cz_finding_location_count(const cz_findings* f, int64_t index, int64_t* out_count) {
    return guard([&] {
        const finding& x = finding_at(f, index);
        require(out_count, "out_count");
        *out_count = static_cast<int64_t>(x.locations.size());
    });
}

int32_t cz_finding_location(const cz_findings* f, int64_t index, int64_t location, int32_t* out_table,
                            char** out_row, char** out_row_name, int32_t* out_column, int32_t* out_line) {
    return guard([&] {
        const finding& x = finding_at(f, index);
        if (location < 0 || static_cast<std::uint64_t>(location) >= x.locations.size())
            throw error(errc::invalid_argument, "location index out of range");
        const finding_location& l = x.locations[static_cast<std::size_t>(location)];
        out_strings s;
        s.add(out_row, l.row);
        s.add(out_row_name, l.row_name);
        s.commit();
        if (out_table) *out_table = l.table ? static_cast<int32_t>(*l.table) : -1;
        if (out_column) *out_column = l.column;
        if (out_line) *out_line = static_cast<int32_t>(l.source.line);
    });
}

int32_t cz_finding_location_box(const cz_findings* f, int64_t index, int64_t location, int32_t* out_has_box,
                                int32_t* out_page, int64_t* out_x0, int64_t* out_y0, int64_t* out_x1, int64_t* out_y1) {
    return guard([&] {
        const finding& x = finding_at(f, index);
        if (location < 0 || static_cast<std::uint64_t>(location) >= x.locations.size())
            throw error(errc::invalid_argument, "location index out of range");
        const auto& box = x.locations[static_cast<std::size_t>(location)].source.box;
        const source_box b = box.value_or(source_box{});
        if (out_has_box) *out_has_box = box ? 1 : 0;
        if (out_page) *out_page = b.page;
        if (out_x0) *out_x0 = b.x0;
        if (out_y0) *out_y0 = b.y0;
        if (out_x1) *out_x1 = b.x1;
        if (out_y1) *out_y1 = b.y1;
    });
}

int32_t cz_findings_render(const cz_findings* f, const cz_report* report, int32_t format, int32_t language,
                           char** out_text) {
    return guard([&] {
        require(f, "findings");
        require(report, "report");
        require(out_text, "out_text");
        if (language < 0 || language > 2) throw error(errc::invalid_argument, "unknown language " + std::to_string(language));
        render_options o;
        o.language = static_cast<message_language>(language);
        std::string text;
        switch (format) {
            case CZ_RENDER_TEXT: text = render_text(report->model, f->result, o); break;
            case CZ_RENDER_JSON: text = render_json(report->model, f->result, true); break;
            case CZ_RENDER_HTML: text = render_html(report->model, f->result, o); break;
            default: throw error(errc::invalid_argument, "unknown format " + std::to_string(format));
        }
        char* p = copy_out(text);
        if (!p) throw std::bad_alloc();
        *out_text = p;
    });
}

int32_t cz_reconcile_rules_json(char** out_json) {
    return guard([&] {
        require(out_json, "out_json");
        boost::json::array a;
        for (const rule_info& i : builtin_rules()) {
            boost::json::object o;
            o["id"] = i.id;
            o["family"] = boost::describe::enum_to_string(i.family, "unknown");
            o["severity"] = boost::describe::enum_to_string(i.severity, "unknown");
            o["description_zh"] = i.description_zh;
            o["description_en"] = i.description_en;
            o["check"] = i.check;
            o["is_formula"] = i.is_formula;
            a.push_back(std::move(o));
        }
        char* p = copy_out(boost::json::serialize(a));
        if (!p) throw std::bad_alloc();
        *out_json = p;
    });
}

}  // extern "C"
