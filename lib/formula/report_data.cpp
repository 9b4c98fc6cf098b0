// formula_data over the report model (include/caizheng/formula.hpp: report_formula_data).
#include "program.hpp"

#include "caizheng/classification.hpp"
#include "caizheng/formula.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace caizheng {

std::int32_t table_number_of(std::string_view printed) noexcept {
    // The first run of ASCII or full-width digits: "公开01表", "公开 09 表", "公开０７表".
    std::int32_t n = 0;
    int digits = 0;
    for (std::size_t i = 0; i < printed.size();) {
        const auto c = static_cast<unsigned char>(printed[i]);
        int d = -1;
        std::size_t len = 1;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c == 0xEF && i + 2 < printed.size() && static_cast<unsigned char>(printed[i + 1]) == 0xBC &&
                   static_cast<unsigned char>(printed[i + 2]) >= 0x90 && static_cast<unsigned char>(printed[i + 2]) <= 0x99) {
            d = static_cast<unsigned char>(printed[i + 2]) - 0x90;  // U+FF10…U+FF19
            len = 3;
        }
        if (d >= 0) {
            if (++digits > 4) return 0;
            n = n * 10 + d;
        } else if (digits > 0 && c != ' ') {
            break;
        }
        i += len;
    }
    return n;
}

report_formula_data::report_formula_data(const report& r, const classification::catalog* functional)
    : report_(&r) {
    numbers_.reserve(r.tables.size());
    codes_.resize(r.tables.size());
    tables_.reserve(r.tables.size());
    rows_.resize(r.tables.size());
    bare_names_.resize(r.tables.size());
    columns_.resize(r.tables.size());
    code_index_.resize(r.tables.size());
    std::vector<std::pair<std::string_view, std::size_t>> codes;
    std::vector<unsigned char> leaf;
    for (std::size_t t = 0; t < r.tables.size(); ++t) {
        const report_table& tab = r.tables[t];
        numbers_.push_back(table_number_of(tab.number));
        // 01/04 expenditure rows name their 类 without its code: derive it from the catalog.
        const bool named_lei = tab.kind == table_kind::income_expenditure_total || tab.kind == table_kind::fiscal_total;
        if (functional && named_lei) {
            codes_[t].resize(tab.rows.size());
            for (std::size_t i = 0; i < tab.rows.size(); ++i) {
                const table_row& row = tab.rows[i];
                if (!row.code.empty() || row.side != row_side::expenditure || row.role != row_role::item) continue;
                std::string found;  // item::code() views the item itself: copy
                int matches = 0;
                for (const auto& it : functional->find_by_name(detail::strip_enumeration(row.name)))
                    if (it.level() == classification::level::lei) {
                        found = std::string(it.code());
                        ++matches;
                    }
                if (matches == 1) codes_[t][i] = std::move(found);
            }
        }
        auto code_of = [&](std::size_t i) -> std::string_view {
            if (!codes_[t].empty() && !codes_[t][i].empty()) return codes_[t][i];
            return tab.rows[i].code;
        };
        leaf.assign(tab.rows.size(), 1);
        // A code has a row below it iff the next larger distinct code in sorted order extends it
        // (every string between a code and its extensions is itself an extension).
        codes.clear();
        for (std::size_t i = 0; i < tab.rows.size(); ++i)
            if (!code_of(i).empty()) codes.emplace_back(code_of(i), i);
        std::sort(codes.begin(), codes.end());
        code_index_[t].reserve(codes.size());
        for (const auto& [code, i] : codes) code_index_[t].emplace_back(code, static_cast<std::uint32_t>(i));
        for (std::size_t k = 0; k < codes.size(); ++k) {
            std::size_t j = k + 1;
            while (j < codes.size() && codes[j].first == codes[k].first) ++j;
            if (j < codes.size() && codes[j].first.size() > codes[k].first.size() &&
                codes[j].first.substr(0, codes[k].first.size()) == codes[k].first)
                leaf[codes[k].second] = 0;
        }
        formula_table_info ti;
        ti.kind = tab.kind;
        ti.number = numbers_.back();
        ti.unit = tab.unit;
        ti.rows = tab.rows.size();
        ti.columns = tab.columns.size();
        tables_.push_back(ti);
        std::vector<formula_row_info>& infos = rows_[t];
        infos.reserve(tab.rows.size());
        bare_names_[t].reserve(tab.rows.size());
        for (std::size_t i = 0; i < tab.rows.size(); ++i) {
            const table_row& row = tab.rows[i];
            formula_row_info ri;
            ri.role = row.role;
            ri.side = row.side;
            ri.line_number = row.line_number;
            ri.code = code_of(i);
            ri.name = row.name;
            ri.leaf = leaf[i] != 0;
            ri.source_line = row.source.line;
            infos.push_back(ri);
            bare_names_[t].push_back(detail::strip_enumeration(row.name));
        }
        columns_[t].reserve(tab.columns.size());
        for (const table_column& col : tab.columns)
            columns_[t].push_back(formula_column_info{col.id, col.number, col.label, col.side});
    }
}

std::size_t report_formula_data::table_count() const { return tables_.size(); }

formula_table_info report_formula_data::table(std::size_t t) const { return tables_.at(t); }

formula_column_info report_formula_data::column(std::size_t t, std::size_t c) const { return columns_.at(t).at(c); }

formula_row_info report_formula_data::row(std::size_t t, std::size_t r) const { return rows_.at(t).at(r); }

formula_cell_info report_formula_data::cell(std::size_t t, std::size_t r, std::size_t c) const {
    const table_row& row = report_->tables.at(t).rows.at(r);
    if (c >= row.cells.size()) return {};  // validate() reports rows with missing cells
    const table_cell& cell = row.cells[c];
    return formula_cell_info{cell.value, cell.source.line ? cell.source.line : row.source.line};
}

}  // namespace caizheng
