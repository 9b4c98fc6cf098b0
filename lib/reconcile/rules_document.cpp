// Document family: missing tables, import warnings, 本表无数据 statements.
#include "detail.hpp"

namespace caizheng::reconcile_detail {

namespace {

/// The 04 expenditure 本年支出合计 cell of a column meaning, or nullptr.
const table_cell* fiscal_total_cell(const report& r, column_id id, std::size_t& row_out, std::size_t& col_out,
                                    std::size_t& table_out) {
    const std::int32_t fi = table_index(r, table_kind::fiscal_total);
    if (fi < 0) return nullptr;
    const report_table& t = r.tables[static_cast<std::size_t>(fi)];
    const auto col = t.column_index(id, row_side::expenditure);
    if (!col) return nullptr;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const table_row& row = t.rows[i];
        if (row.side == row_side::expenditure && row.role == row_role::total && *col < row.cells.size()) {
            row_out = i;
            col_out = *col;
            table_out = static_cast<std::size_t>(fi);
            return &row.cells[*col];
        }
    }
    return nullptr;
}

}  // namespace

void run_document(context& c) {
    const report& r = c.r;
    c.rules += 3;
    if (!c.disabled("document.missing_table")) {
        for (table_kind k : r.missing_tables()) {
            finding f;
            f.rule = "document.missing_table";
            f.severity = severity::error;
            finding_location l;
            l.table = k;
            f.locations.push_back(l);
            f.message_zh = std::string("缺少“") + table_kind_title(k) +
                           "”：九张公开表应全部公开（无数据的表也应公开并注明本表无数据）；读取该表的规则均未检查。";
            f.message_en = std::string("The table ") + table_kind_title(k) + " (" + table_kind_name(k) +
                           ") is missing: all nine tables must be published (an empty one with a 本表无数据 "
                           "statement); the rules that read it were not checked.";
            c.add(std::move(f));
        }
    }
    if (!c.disabled("document.import_warning")) {
        for (const import_warning& w : r.warnings) {
            finding f;
            f.rule = "document.import_warning";
            f.severity = severity::unchecked;
            finding_location l;
            l.source.line = w.line;
            l.text = w.text;
            f.locations.push_back(l);
            f.message_zh = std::string("导入问题（") + warning_kind_name(w.kind) + "），第 " + std::to_string(w.line) +
                           " 行未能检查：" + w.reason;
            f.message_en = std::string("Import problem (") + warning_kind_name(w.kind) + ") on line " +
                           std::to_string(w.line) + ", not checked: " + w.reason;
            c.add(std::move(f));
        }
    }
    if (c.disabled("document.no_data")) return;
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
        const report_table& t = r.tables[ti];
        if (!t.no_data) continue;
        // non-zero figures in a table that says it has none
        for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
            const table_row& row = t.rows[ri];
            for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
                const auto& v = row.cells[ci].value;
                if (!v || v->mantissa() == 0) continue;
                finding f;
                f.rule = "document.no_data";
                f.severity = severity::error;
                f.locations.push_back(cell_location(r, ti, ri, ci));
                f.found = *v;
                f.expected = decimal(0, 2);
                f.difference = *v;
                f.unit = unit_symbol(t.unit);
                f.message_zh = long_name(t) + " 注明“" + t.no_data->text + "”，但 " + describe_zh(r, ti, ri, ci) +
                               " 为 " + num(*v) + "。";
                f.message_en = short_name(t) + " states '" + t.no_data->text + "' but " + describe_en(r, ti, ri, ci) +
                               " is " + num(*v) + ".";
                finding_meta m;
                m.table = static_cast<std::int32_t>(ti);
                m.row = static_cast<std::int32_t>(ri);
                m.column = static_cast<std::int32_t>(ci);
                c.add(std::move(f), m);
            }
        }
        // the statement against table 04's matching column
        const column_id id = t.kind == table_kind::government_fund
                                 ? column_id::government_fund
                                 : (t.kind == table_kind::state_capital ? column_id::state_capital : column_id::other);
        if (id == column_id::other) continue;
        std::size_t fr = 0, fc = 0, ft = 0;
        const table_cell* cell = fiscal_total_cell(r, id, fr, fc, ft);
        if (!cell || !cell->value || cell->value->mantissa() == 0) continue;
        finding f;
        f.rule = "document.no_data";
        f.severity = severity::error;
        finding_location l;
        l.table = t.kind;
        l.table_number = t.number;
        l.text = t.no_data->text;
        l.source = t.no_data->source;
        f.locations.push_back(l);
        f.locations.push_back(cell_location(r, ft, fr, fc));
        f.found = *cell->value;
        f.expected = decimal(0, 2);
        f.difference = *cell->value;
        f.unit = unit_symbol(r.tables[ft].unit);
        f.message_zh = long_name(t) + " 注明“" + t.no_data->text + "”，但 " + describe_zh(r, ft, fr, fc) + " 为 " +
                       num(*cell->value) + "：两者矛盾。";
        f.message_en = short_name(t) + " states '" + t.no_data->text + "' but " + describe_en(r, ft, fr, fc) +
                       " is " + num(*cell->value) + ": they contradict each other.";
        finding_meta m;
        m.table = static_cast<std::int32_t>(ti);
        m.problem_table = t.kind;
        c.add(std::move(f), m);
    }
}

}  // namespace caizheng::reconcile_detail
