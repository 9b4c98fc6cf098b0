// C API: reports (see include/caizheng/capi/report.h).
#include "guard.hpp"
#include "report_handle.hpp"

#include "caizheng/import.hpp"
#include "caizheng/import_pdf.hpp"
#include "caizheng/parse.hpp"
#include "caizheng/report_json.hpp"

#include <memory>

using namespace caizheng;
using caizheng::capi::guard;
using caizheng::capi::require;

namespace {

const report& model_of(const cz_report* r) {
    require(r, "report");
    return r->model;
}
report& model_of(cz_report* r) {
    require(r, "report");
    return r->model;
}

std::size_t index_arg(std::int64_t i, std::size_t size, const char* what) {
    if (i < 0 || static_cast<std::uint64_t>(i) >= size)
        throw error(errc::invalid_argument, std::string(what) + " index " + std::to_string(i) + " out of range (0.." +
                                                std::to_string(size) + ")");
    return static_cast<std::size_t>(i);
}

const report_table& table_at(const report& r, std::int64_t t) { return r.tables[index_arg(t, r.tables.size(), "table")]; }
report_table& table_at(report& r, std::int64_t t) { return r.tables[index_arg(t, r.tables.size(), "table")]; }

std::string_view sized_arg(const char* p, std::int64_t size, const char* name) {
    require(p, name);
    if (size < 0) throw error(errc::invalid_argument, std::string(name) + " size must not be negative");
    return std::string_view(p, static_cast<std::size_t>(size));
}

money_unit unit_arg(std::int32_t u) {
    if (u < 0 || u > 2) throw error(errc::invalid_argument, "unknown unit " + std::to_string(u));
    return static_cast<money_unit>(u);
}

/// Set an optional C string output (copy made before anything is written).
struct out_strings {
    std::vector<std::pair<char**, char*>> outs;
    void add(char** out, std::string_view s) {
        if (!out) return;
        char* c = capi::copy_out(s);
        outs.emplace_back(out, c);
    }
    void commit() {
        for (auto& [o, c] : outs) *o = c;
        outs.clear();
    }
    ~out_strings() {
        for (auto& [o, c] : outs) cz_string_free(c);
    }
};

template <class T, class V>
void set_out(T* out, V v) {
    if (out) *out = static_cast<T>(v);
}

cz_report* wrap(report&& r) {
    auto p = std::make_unique<cz_report>();
    p->model = std::move(r);
    return p.release();
}

}  // namespace

extern "C" {

int32_t cz_report_new(cz_report** out_report) {
    return guard([&] {
        require(out_report, "out_report");
        *out_report = wrap(report{});
    });
}

int32_t cz_report_import_text(const char* text, int64_t size, cz_report** out_report) {
    return guard([&] {
        const auto t = sized_arg(text, size, "text");
        require(out_report, "out_report");
        *out_report = wrap(import_text(t));
    });
}

int32_t cz_report_import_text_file(const char* path, cz_report** out_report) {
    return guard([&] {
        const auto p = capi::text_arg(path, "path");
        require(out_report, "out_report");
        *out_report = wrap(import_text_file(std::string(p)));
    });
}

int32_t cz_report_import_pdf(const char* data, int64_t size, cz_report** out_report) {
    return guard([&] {
        const auto t = sized_arg(data, size, "data");
        require(out_report, "out_report");
        *out_report = wrap(import_pdf(t));
    });
}

int32_t cz_report_import_pdf_file(const char* path, cz_report** out_report) {
    return guard([&] {
        const auto p = capi::text_arg(path, "path");
        require(out_report, "out_report");
        *out_report = wrap(import_pdf_file(std::string(p)));
    });
}

int32_t cz_pdf_supported(int32_t* out_supported) {
    return guard([&] {
        require(out_supported, "out_supported");
        *out_supported = pdf_supported() ? 1 : 0;
    });
}

int32_t cz_report_from_json(const char* json, int64_t size, cz_report** out_report) {
    return guard([&] {
        const auto t = sized_arg(json, size, "json");
        require(out_report, "out_report");
        *out_report = wrap(report_from_json(t));
    });
}

int32_t cz_report_from_json_file(const char* path, cz_report** out_report) {
    return guard([&] {
        const auto p = capi::text_arg(path, "path");
        require(out_report, "out_report");
        *out_report = wrap(report_from_json_file(std::string(p)));
    });
}

int32_t cz_report_to_json(const cz_report* rep, int32_t pretty, char** out_json) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_json, "out_json");
        *out_json = capi::copy_out(report_to_json(r, pretty != 0));
    });
}

void cz_report_free(cz_report* rep) { delete rep; }

int32_t cz_report_metadata(const cz_report* rep, char** out_department, int32_t* out_year, int32_t* out_unit) {
    return guard([&] {
        const report& r = model_of(rep);
        out_strings s;
        s.add(out_department, r.meta.department);
        set_out(out_year, r.meta.year);
        set_out(out_unit, static_cast<int>(r.meta.unit));
        s.commit();
    });
}

int32_t cz_report_set_metadata(cz_report* rep, const char* department, int32_t year, int32_t unit) {
    return guard([&] {
        report& r = model_of(rep);
        const auto d = capi::text_arg(department, "department");
        const money_unit u = unit_arg(unit);
        r.meta.department = std::string(d);
        r.meta.year = year;
        r.meta.unit = u;
    });
}

int32_t cz_report_table_count(const cz_report* rep, int64_t* out_count) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_count, "out_count");
        *out_count = static_cast<int64_t>(r.tables.size());
    });
}

int32_t cz_report_find_table(const cz_report* rep, int32_t kind, int64_t* out_table) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_table, "out_table");
        if (kind < 0 || kind >= table_kind_count)
            throw error(errc::invalid_argument, "unknown table kind " + std::to_string(kind));
        for (std::size_t i = 0; i < r.tables.size(); ++i)
            if (static_cast<int>(r.tables[i].kind) == kind) {
                *out_table = static_cast<int64_t>(i);
                return;
            }
        throw error(errc::not_found, std::string("no ") + table_kind_title(static_cast<table_kind>(kind)) + " in the report");
    });
}

int32_t cz_report_table_info(const cz_report* rep, int64_t table, int32_t* out_kind, int32_t* out_unit,
                             int64_t* out_rows, int64_t* out_columns, int32_t* out_no_data) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        set_out(out_kind, static_cast<int>(t.kind));
        set_out(out_unit, static_cast<int>(t.unit));
        set_out(out_rows, t.rows.size());
        set_out(out_columns, t.columns.size());
        set_out(out_no_data, t.no_data ? 1 : 0);
    });
}

int32_t cz_report_table_title(const cz_report* rep, int64_t table, char** out_title, char** out_number) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        out_strings s;
        s.add(out_title, t.title);
        s.add(out_number, t.number);
        s.commit();
    });
}

int32_t cz_report_column(const cz_report* rep, int64_t table, int64_t column, int32_t* out_id, int32_t* out_number,
                         int32_t* out_side, char** out_label) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        const table_column& c = t.columns[index_arg(column, t.columns.size(), "column")];
        out_strings s;
        s.add(out_label, c.label);
        set_out(out_id, static_cast<int>(c.id));
        set_out(out_number, c.number);
        set_out(out_side, static_cast<int>(c.side));
        s.commit();
    });
}

int32_t cz_report_find_column(const cz_report* rep, int64_t table, int32_t column_id_, int32_t side, int64_t* out_column) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        require(out_column, "out_column");
        if (side < 0 || side > 4) throw error(errc::invalid_argument, "unknown side " + std::to_string(side));
        const auto i = t.column_index(static_cast<column_id>(column_id_),
                                      side == 0 ? std::nullopt : std::optional<row_side>(static_cast<row_side>(side)));
        if (!i) throw error(errc::not_found, "no column " + std::to_string(column_id_) + " in " + t.title);
        *out_column = static_cast<int64_t>(*i);
    });
}

int32_t cz_report_row(const cz_report* rep, int64_t table, int64_t row, int32_t* out_side, int32_t* out_role,
                      int32_t* out_line_number, char** out_code, char** out_name, int32_t* out_source_line) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        const table_row& r = t.rows[index_arg(row, t.rows.size(), "row")];
        out_strings s;
        s.add(out_code, r.code);
        s.add(out_name, r.name);
        set_out(out_side, static_cast<int>(r.side));
        set_out(out_role, static_cast<int>(r.role));
        set_out(out_line_number, r.line_number ? *r.line_number : -1);
        set_out(out_source_line, r.source.line);
        s.commit();
    });
}

int32_t cz_report_find_row(const cz_report* rep, int64_t table, const char* code, int64_t* out_row) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        const auto c = capi::text_arg(code, "code");
        require(out_row, "out_row");
        const table_row* r = t.find_code(c);
        if (!r) throw error(errc::not_found, "no row with code \"" + std::string(c) + "\" in " + t.title);
        *out_row = static_cast<int64_t>(r - t.rows.data());
    });
}

int32_t cz_report_cell(const cz_report* rep, int64_t table, int64_t row, int64_t column, int64_t* out_value,
                       int32_t* out_is_empty, char** out_text, int32_t* out_source_line, int32_t* out_source_field) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        const table_row& r = t.rows[index_arg(row, t.rows.size(), "row")];
        const table_cell& c = r.cells[index_arg(column, r.cells.size(), "column")];
        const std::int64_t v = c.value ? c.value->rescale_exact(2).mantissa() : 0;
        out_strings s;
        s.add(out_text, c.text);
        set_out(out_value, v);
        set_out(out_is_empty, c.value ? 0 : 1);
        set_out(out_source_line, c.source.line);
        set_out(out_source_field, c.source.field);
        s.commit();
    });
}

int32_t cz_report_cell_box(const cz_report* rep, int64_t table, int64_t row, int64_t column, int32_t* out_has_box,
                           int32_t* out_page, int64_t* out_x0, int64_t* out_y0, int64_t* out_x1, int64_t* out_y1) {
    return guard([&] {
        const report_table& t = table_at(model_of(rep), table);
        const table_row& r = t.rows[index_arg(row, t.rows.size(), "row")];
        const table_cell& c = r.cells[index_arg(column, r.cells.size(), "column")];
        const source_box b = c.source.box.value_or(source_box{});
        set_out(out_has_box, c.source.box ? 1 : 0);
        set_out(out_page, b.page);
        set_out(out_x0, b.x0);
        set_out(out_y0, b.y0);
        set_out(out_x1, b.x1);
        set_out(out_y1, b.y1);
    });
}

int32_t cz_report_add_table(cz_report* rep, int32_t kind, int32_t unit, int64_t* out_table) {
    return guard([&] {
        report& r = model_of(rep);
        require(out_table, "out_table");
        if (kind < 0 || kind >= table_kind_count)
            throw error(errc::invalid_argument, "unknown table kind " + std::to_string(kind));
        const auto k = static_cast<table_kind>(kind);
        if (r.table(k)) throw error(errc::inconsistent, std::string("the report already has a ") + table_kind_title(k));
        report_table t = make_table(k, unit_arg(unit));
        r.tables.push_back(std::move(t));
        *out_table = static_cast<int64_t>(r.tables.size() - 1);
    });
}

int32_t cz_report_add_row(cz_report* rep, int64_t table, int32_t side, const char* code, const char* name,
                          int32_t line_number, int64_t* out_row) {
    return guard([&] {
        report_table& t = table_at(model_of(rep), table);
        const auto n = capi::text_arg(name, "name");
        require(out_row, "out_row");
        if (side < 0 || side > 4) throw error(errc::invalid_argument, "unknown side " + std::to_string(side));
        const std::string c = code ? std::string(code) : std::string();
        if (!c.empty() && !(uses_economic_codes(t.kind) ? is_economic_code(c) : is_functional_code(c)))
            throw parse_error("malformed classification code \"" + c + "\" for " + t.title, 0);
        report_table copy_guard;  // nothing to roll back: add_row only appends
        (void)copy_guard;
        table_row& r = add_row(t, c, std::string(n), static_cast<row_side>(side));
        if (line_number >= 0) r.line_number = line_number;
        *out_row = static_cast<int64_t>(t.rows.size() - 1);
    });
}

int32_t cz_report_set_cell_text(cz_report* rep, int64_t table, int64_t row, int64_t column, const char* text) {
    return guard([&] {
        report_table& t = table_at(model_of(rep), table);
        table_row& r = t.rows[index_arg(row, t.rows.size(), "row")];
        table_cell& c = r.cells[index_arg(column, r.cells.size(), "column")];
        const auto s = capi::text_arg(text, "text");
        table_cell fresh = c;
        set_cell_text(fresh, s);
        c = std::move(fresh);
    });
}

int32_t cz_report_set_cell(cz_report* rep, int64_t table, int64_t row, int64_t column, int64_t value,
                           int32_t is_empty) {
    return guard([&] {
        report_table& t = table_at(model_of(rep), table);
        table_row& r = t.rows[index_arg(row, t.rows.size(), "row")];
        table_cell& c = r.cells[index_arg(column, r.cells.size(), "column")];
        table_cell fresh = c;
        if (is_empty) {
            fresh.value.reset();
            fresh.text.clear();
        } else {
            fresh.value = decimal(value, 2);
            fresh.text = fresh.value->to_string();
        }
        c = std::move(fresh);
    });
}

int32_t cz_report_validate(const cz_report* rep, char** out_problems) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_problems, "out_problems");
        std::string all;
        for (const auto& p : validate(r)) {
            if (!all.empty()) all += "\n";
            all += p;
        }
        *out_problems = capi::copy_out(all);
    });
}

int32_t cz_report_warning_count(const cz_report* rep, int64_t* out_count) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_count, "out_count");
        *out_count = static_cast<int64_t>(r.warnings.size());
    });
}

int32_t cz_report_warning(const cz_report* rep, int64_t index, int32_t* out_kind, int32_t* out_line, char** out_text,
                          char** out_reason) {
    return guard([&] {
        const report& r = model_of(rep);
        const import_warning& w = r.warnings[index_arg(index, r.warnings.size(), "warning")];
        out_strings s;
        s.add(out_text, w.text);
        s.add(out_reason, w.reason);
        set_out(out_kind, static_cast<int>(w.kind));
        set_out(out_line, w.line);
        s.commit();
    });
}

int32_t cz_report_missing_tables(const cz_report* rep, int32_t* out_mask) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_mask, "out_mask");
        int32_t mask = 0;
        for (auto k : r.missing_tables()) mask |= 1 << static_cast<int>(k);
        *out_mask = mask;
    });
}

int32_t cz_report_section_count(const cz_report* rep, int64_t* out_count) {
    return guard([&] {
        const report& r = model_of(rep);
        require(out_count, "out_count");
        *out_count = static_cast<int64_t>(r.narrative.size());
    });
}

int32_t cz_report_section(const cz_report* rep, int64_t index, int32_t* out_number, char** out_title,
                          int64_t* out_paragraphs) {
    return guard([&] {
        const report& r = model_of(rep);
        const narrative_section& s = r.narrative[index_arg(index, r.narrative.size(), "section")];
        out_strings o;
        o.add(out_title, s.title);
        set_out(out_number, s.number);
        set_out(out_paragraphs, s.paragraphs.size());
        o.commit();
    });
}

int32_t cz_report_paragraph(const cz_report* rep, int64_t section, int64_t paragraph, char** out_text,
                            int32_t* out_source_line) {
    return guard([&] {
        const report& r = model_of(rep);
        const narrative_section& s = r.narrative[index_arg(section, r.narrative.size(), "section")];
        const text_line& p = s.paragraphs[index_arg(paragraph, s.paragraphs.size(), "paragraph")];
        out_strings o;
        o.add(out_text, p.text);
        set_out(out_source_line, p.source.line);
        o.commit();
    });
}

}  // extern "C"
