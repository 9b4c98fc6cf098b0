// formula_data over the report model (include/caizheng/formula.hpp: report_formula_data).
#include "program.hpp"

#include "../common/code_key.hpp"

#include "caizheng/classification.hpp"
#include "caizheng/formula.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace caizheng {

namespace {

/// The code of the only 类 of `cat` named `name`, "" when it has none or several of that name.
std::string lei_code(const classification::catalog& cat, std::string_view name) {
    const auto lei = cat.unique_by_name(name, classification::level::lei);
    return lei ? std::string(lei->code()) : std::string();
}

}  // namespace

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
    const std::size_t tables = r.tables.size();
    row_start_.reserve(tables + 1);
    column_start_.reserve(tables + 1);
    std::size_t total_rows = 0, total_columns = 0;
    for (const report_table& tab : r.tables) {
        row_start_.push_back(total_rows);
        column_start_.push_back(total_columns);
        total_rows += tab.rows.size();
        total_columns += tab.columns.size();
    }
    row_start_.push_back(total_rows);
    column_start_.push_back(total_columns);
    tables_.reserve(tables);
    rows_.resize(total_rows);
    bare_names_.resize(total_rows);
    name_keys_.resize(total_rows);
    bare_keys_.resize(total_rows);
    code_keys_.resize(total_rows);
    mask_start_.reserve(tables);
    std::size_t total_words = 0;
    for (const report_table& tab : r.tables) {
        mask_start_.push_back(total_words);
        total_words += masks_per_table * ((tab.rows.size() + 63) / 64);
    }
    masks_.assign(total_words, 0);
    columns_.reserve(total_columns);
    code_index_.resize(tables);
    // Sort keys: (detail::code_order_key, row) for codes of up to 7 bytes, which is every code of
    // the classifications; longer codes are compared as strings.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
    std::vector<std::pair<std::string_view, std::uint32_t>> long_codes;
    for (std::size_t t = 0; t < tables; ++t) {
        const report_table& tab = r.tables[t];
        const std::size_t base = row_start_[t];
        // 01/04 expenditure rows name their 类 without its code: derive it from the catalog.
        const bool named_lei = tab.kind == table_kind::income_expenditure_total || tab.kind == table_kind::fiscal_total;
        if (functional && named_lei) {
            if (codes_.empty()) codes_.resize(total_rows);
            for (std::size_t i = 0; i < tab.rows.size(); ++i) {
                const table_row& row = tab.rows[i];
                if (!row.code.empty() || row.side != row_side::expenditure || row.role != row_role::item) continue;
                codes_[base + i] = lei_code(*functional, detail::strip_enumeration(row.name));
            }
        }
        auto code_of = [&](std::size_t i) -> std::string_view {
            if (!codes_.empty() && !codes_[base + i].empty()) return codes_[base + i];
            return tab.rows[i].code;
        };
        // The table's codes sorted by (code, row): the code index.
        keyed.clear();
        long_codes.clear();
        for (std::size_t i = 0; i < tab.rows.size(); ++i) {
            const std::string_view code = code_of(i);
            if (code.empty()) continue;
            if (const auto k = detail::code_order_key(code))
                keyed.emplace_back(*k, static_cast<std::uint32_t>(i));
            else
                long_codes.emplace_back(code, static_cast<std::uint32_t>(i));
        }
        std::sort(keyed.begin(), keyed.end());
        auto& index = code_index_[t];
        index.reserve(keyed.size() + long_codes.size());
        for (const auto& [k, i] : keyed) index.emplace_back(code_of(i), i);
        if (!long_codes.empty()) {
            index.insert(index.end(), long_codes.begin(), long_codes.end());
            std::sort(index.begin(), index.end());
        }
        formula_table_info ti;
        ti.kind = tab.kind;
        ti.number = table_number_of(tab.number);
        ti.unit = tab.unit;
        ti.rows = tab.rows.size();
        ti.columns = tab.columns.size();
        tables_.push_back(ti);
        for (std::size_t i = 0; i < tab.rows.size(); ++i) {
            const table_row& row = tab.rows[i];
            formula_row_info& ri = rows_[base + i];
            ri.role = row.role;
            ri.side = row.side;
            ri.line_number = row.line_number;
            ri.code = code_of(i);
            ri.name = row.name;
            ri.source_line = row.source.line;
            bare_names_[base + i] = detail::strip_enumeration(row.name);
            name_keys_[base + i] = detail::prefix_key(row.name);
            code_keys_[base + i] = detail::prefix_key(ri.code);
            bare_keys_[base + i] = bare_names_[base + i].size() == row.name.size()
                                       ? name_keys_[base + i]  // nothing stripped
                                       : detail::prefix_key(bare_names_[base + i]);
        }
        // A code has a row below it iff the next larger distinct code in sorted order extends it
        // (every string between a code and its extensions is itself an extension).
        for (std::size_t k = 0; k < index.size(); ++k) {
            std::size_t j = k + 1;
            while (j < index.size() && index[j].first == index[k].first) ++j;
            if (j < index.size() && index[j].first.size() > index[k].first.size() &&
                index[j].first.starts_with(index[k].first))
                rows_[base + index[k].second].leaf = false;
        }
        // The bit sets of roles, sides and leaf items.
        std::uint64_t* masks = masks_.data() + mask_start_[t];
        const std::size_t words = (tab.rows.size() + 63) / 64;
        for (std::size_t i = 0; i < tab.rows.size(); ++i) {
            const formula_row_info& ri = rows_[base + i];
            const std::uint64_t bit = std::uint64_t{1} << (i % 64);
            const auto role = static_cast<std::size_t>(ri.role), side = static_cast<std::size_t>(ri.side);
            if (role < 5) masks[role * words + i / 64] |= bit;
            if (side < 5) masks[(5 + side) * words + i / 64] |= bit;
            if (ri.role == row_role::item && ri.leaf) masks[10 * words + i / 64] |= bit;
        }
        for (const table_column& col : tab.columns)
            columns_.push_back(formula_column_info{col.id, col.number, col.label, col.side});
    }
}

std::size_t report_formula_data::table_count() const { return tables_.size(); }

formula_table_info report_formula_data::table(std::size_t t) const { return tables_.at(t); }

formula_column_info report_formula_data::column(std::size_t t, std::size_t c) const {
    if (c >= tables_.at(t).columns) throw std::out_of_range("report_formula_data::column");
    return columns_[column_start_[t] + c];
}

formula_row_info report_formula_data::row(std::size_t t, std::size_t r) const {
    if (r >= tables_.at(t).rows) throw std::out_of_range("report_formula_data::row");
    return rows_[row_start_[t] + r];
}

formula_cell_info report_formula_data::cell(std::size_t t, std::size_t r, std::size_t c) const {
    const table_row& row = report_->tables.at(t).rows.at(r);
    if (c >= row.cells.size()) return {};  // validate() reports rows with missing cells
    const table_cell& cell = row.cells[c];
    return formula_cell_info{cell.value, cell.source.line ? cell.source.line : row.source.line};
}

}  // namespace caizheng
