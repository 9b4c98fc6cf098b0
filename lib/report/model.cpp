// The report model's helpers (see include/caizheng/report.hpp).
#include "caizheng/parse.hpp"
#include "caizheng/report.hpp"

#include <boost/describe/enum_to_string.hpp>

#include <array>
#include <string>

namespace caizheng {

namespace {

/// Remove ASCII and full-width spaces.
std::string squeeze(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x80) {
            i += 2;
            continue;
        }
        out.push_back(s[i]);
    }
    return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool all_digits(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

constexpr std::array<const char*, table_kind_count> kind_titles = {
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算明细表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
    "财政拨款“三公”经费支出决算表",
};

}  // namespace

const char* table_kind_name(table_kind k) noexcept { return boost::describe::enum_to_string(k, "unknown"); }
const char* column_id_name(column_id c) noexcept { return boost::describe::enum_to_string(c, "unknown"); }
const char* warning_kind_name(warning_kind w) noexcept {
    return boost::describe::enum_to_string(w, "unknown");
}

const char* table_kind_title(table_kind k) noexcept {
    const int i = static_cast<int>(k);
    return i >= 0 && i < table_kind_count ? kind_titles[static_cast<std::size_t>(i)] : "";
}

std::optional<table_kind> table_kind_from_title(std::string_view title) {
    std::string t = squeeze(title);
    // Quotes around 三公 vary: “三公” "三公" 三公.
    for (const char* q : {"“", "”", "\"", "‘", "’"}) {
        for (std::size_t p; (p = t.find(q)) != std::string::npos;) t.erase(p, std::string_view(q).size());
    }
    if (t.size() > 200) return std::nullopt;
    // Most specific first: every title below contains 决算; longer names win.
    if (!ends_with(t, "表")) return std::nullopt;
    if (t.find("三公") != std::string::npos && t.find("经费") != std::string::npos &&
        t.find("决算") != std::string::npos)
        return table_kind::three_public;
    if (t.find("基本支出决算") != std::string::npos && t.find("一般公共预算财政拨款") != std::string::npos)
        return table_kind::basic_expenditure_detail;
    if (t.find("一般公共预算财政拨款支出决算表") != std::string::npos)
        return table_kind::general_budget_expenditure;
    if (t.find("政府性基金预算财政拨款") != std::string::npos && ends_with(t, "决算表"))
        return table_kind::government_fund;
    if (t.find("国有资本经营预算财政拨款") != std::string::npos && ends_with(t, "决算表"))
        return table_kind::state_capital;
    if (ends_with(t, "财政拨款收入支出决算总表")) return table_kind::fiscal_total;
    if (ends_with(t, "收入支出决算总表") || ends_with(t, "部门收支决算总表") || ends_with(t, "收支决算总表"))
        return table_kind::income_expenditure_total;
    if (ends_with(t, "收入决算表")) return table_kind::income;
    if (ends_with(t, "支出决算表")) return table_kind::expenditure;
    return std::nullopt;
}

code_level code_level_of(std::string_view code) noexcept {
    if (!all_digits(code)) return code_level::none;
    switch (code.size()) {
        case 3: return code_level::lei;
        case 5: return code_level::kuan;
        case 7: return code_level::xiang;
        default: return code_level::none;
    }
}

bool is_functional_code(std::string_view code) noexcept { return code_level_of(code) != code_level::none; }

bool is_economic_code(std::string_view code) noexcept {
    return all_digits(code) && (code.size() == 3 || code.size() == 5);
}

std::vector<table_column> standard_columns(table_kind k) {
    using c = column_id;
    using s = row_side;
    switch (k) {
        case table_kind::income_expenditure_total:
            return {{c::income_amount, 1, "决算数", s::income}, {c::expenditure_amount, 2, "决算数", s::expenditure}};
        case table_kind::income:
            return {{c::total_income, 1, "本年收入合计", s::none},
                    {c::fiscal_appropriation_income, 2, "财政拨款收入", s::none},
                    {c::superior_subsidy_income, 3, "上级补助收入", s::none},
                    {c::business_income, 4, "事业收入", s::none},
                    {c::operating_income, 5, "经营收入", s::none},
                    {c::affiliated_remittance_income, 6, "附属单位上缴收入", s::none},
                    {c::other_income, 7, "其他收入", s::none}};
        case table_kind::expenditure:
            return {{c::total_expenditure, 1, "本年支出合计", s::none},
                    {c::basic_expenditure, 2, "基本支出", s::none},
                    {c::project_expenditure, 3, "项目支出", s::none},
                    {c::remittance_to_superior, 4, "上缴上级支出", s::none},
                    {c::operating_expenditure, 5, "经营支出", s::none},
                    {c::subsidy_to_affiliated, 6, "对附属单位补助支出", s::none}};
        case table_kind::fiscal_total:
            return {{c::income_amount, 1, "金额", s::income},
                    {c::total, 2, "合计", s::expenditure},
                    {c::general_budget, 3, "一般公共预算财政拨款", s::expenditure},
                    {c::government_fund, 4, "政府性基金预算财政拨款", s::expenditure},
                    {c::state_capital, 5, "国有资本经营预算财政拨款", s::expenditure}};
        case table_kind::general_budget_expenditure:
            return {{c::subtotal, 1, "小计", s::none},
                    {c::basic_expenditure, 2, "基本支出", s::none},
                    {c::project_expenditure, 3, "项目支出", s::none}};
        case table_kind::basic_expenditure_detail: return {{c::amount, 0, "决算数", s::none}};
        case table_kind::government_fund:
            return {{c::opening_balance, 1, "年初结转和结余", s::none},
                    {c::current_income, 2, "本年收入", s::none},
                    {c::subtotal, 3, "小计", s::none},
                    {c::basic_expenditure, 4, "基本支出", s::none},
                    {c::project_expenditure, 5, "项目支出", s::none},
                    {c::closing_balance, 6, "年末结转和结余", s::none}};
        case table_kind::state_capital:
            return {{c::total, 1, "合计", s::none},
                    {c::basic_expenditure, 2, "基本支出", s::none},
                    {c::project_expenditure, 3, "项目支出", s::none}};
        case table_kind::three_public:
            return {{c::total, 1, "合计", s::none},
                    {c::overseas_travel, 2, "因公出国（境）费", s::none},
                    {c::vehicle_total, 3, "公务用车购置及运行维护费 小计", s::none},
                    {c::vehicle_purchase, 4, "公务用车购置费", s::none},
                    {c::vehicle_operation, 5, "公务用车运行维护费", s::none},
                    {c::official_reception, 6, "公务接待费", s::none}};
    }
    throw error(errc::invalid_argument, "unknown table kind " + std::to_string(static_cast<int>(k)));
}

report_table make_table(table_kind k, money_unit unit) {
    report_table t;
    t.kind = k;
    t.title = table_kind_title(k);
    t.unit = unit;
    t.columns = standard_columns(k);
    return t;
}

table_row& add_row(report_table& t, std::string code, std::string name, row_side side) {
    table_row r;
    r.side = side;
    r.code = std::move(code);
    r.printed_name = name;
    r.name = squeeze(name);
    r.role = role_of_name(r.name);
    r.cells.resize(t.columns.size());
    t.rows.push_back(std::move(r));
    return t.rows.back();
}

row_role role_of_name(std::string_view name) noexcept {
    if (ends_with(name, "总计")) return row_role::grand_total;
    if (ends_with(name, "合计")) return row_role::total;
    if (ends_with(name, "小计")) return row_role::subtotal;
    return row_role::item;
}

void set_cell_text(table_cell& cell, std::string_view text) {
    const auto v = parse_decimal_cell(text);
    std::optional<decimal> value;
    if (v) value = v->rescale_exact(2);
    cell.value = value;
    cell.text = std::string(text);
}

std::optional<wan_yuan> cell_wan_yuan(const table_cell& cell, money_unit table_unit,
                                      std::optional<rounding_mode> mode) {
    if (!cell.value) return std::nullopt;
    const decimal& d = *cell.value;
    return wan_yuan::from_raw(detail::convert_raw(d.mantissa(), unit_power(table_unit), d.scale(),
                                                  unit_power(money_unit::wan_yuan), 2, mode));
}

std::optional<std::size_t> report_table::column_index(column_id id, std::optional<row_side> side) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].id == id && (!side || columns[i].side == *side || columns[i].side == row_side::none))
            return i;
    return std::nullopt;
}

const table_row* report_table::find_code(std::string_view code) const {
    for (const auto& r : rows)
        if (r.code == code) return &r;
    return nullptr;
}

const table_row* report_table::find_line(std::int32_t line_number, std::optional<row_side> side) const {
    for (const auto& r : rows)
        if (r.line_number && *r.line_number == line_number && (!side || r.side == *side)) return &r;
    return nullptr;
}

const table_row* report_table::find_name(std::string_view name, std::optional<row_side> side) const {
    const std::string n = squeeze(name);
    for (const auto& r : rows)
        if (r.name == n && (!side || r.side == *side)) return &r;
    return nullptr;
}

const table_cell* report_table::cell(const table_row& row, column_id id) const {
    for (std::size_t i = 0; i < columns.size() && i < row.cells.size(); ++i)
        if (columns[i].id == id && (columns[i].side == row_side::none || columns[i].side == row.side))
            return &row.cells[i];
    return nullptr;
}

const report_table* report::table(table_kind kind) const {
    for (const auto& t : tables)
        if (t.kind == kind) return &t;
    return nullptr;
}

report_table* report::table(table_kind kind) {
    for (auto& t : tables)
        if (t.kind == kind) return &t;
    return nullptr;
}

const narrative_section* report::section(std::int32_t number) const {
    for (const auto& s : narrative)
        if (s.number == number) return &s;
    return nullptr;
}

std::vector<table_kind> report::missing_tables() const {
    std::vector<table_kind> out;
    for (int i = 0; i < table_kind_count; ++i)
        if (!table(static_cast<table_kind>(i))) out.push_back(static_cast<table_kind>(i));
    return out;
}

std::vector<std::string> validate(const report& r) {
    // Paths are built only for problems (a valid report allocates nothing here).
    std::vector<std::string> problems;
    std::array<int, table_kind_count> seen{};
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
        const auto& t = r.tables[ti];
        const auto tp = [&] { return "$.tables[" + std::to_string(ti) + "]"; };
        const int k = static_cast<int>(t.kind);
        if (k < 0 || k >= table_kind_count) {
            problems.push_back(tp() + ".kind: unknown table kind");
            continue;
        }
        if (seen[static_cast<std::size_t>(k)]++)
            problems.push_back(tp() + ".kind: second table of kind " + table_kind_name(t.kind));
        const bool economic = uses_economic_codes(t.kind);
        for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
            const auto& row = t.rows[ri];
            const auto rp = [&] { return tp() + ".rows[" + std::to_string(ri) + "]"; };
            if (row.cells.size() != t.columns.size())
                problems.push_back(rp() + ".cells: " + std::to_string(row.cells.size()) + " cells, table has " +
                                   std::to_string(t.columns.size()) + " columns");
            if (!row.code.empty() && !(economic ? is_economic_code(row.code) : is_functional_code(row.code)))
                problems.push_back(rp() + ".code: malformed " + std::string(economic ? "economic" : "functional") +
                                   " classification code \"" + row.code + "\"");
            for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
                const auto& v = row.cells[ci].value;
                if (v && v->scale() > 2 && v->normalized().scale() > 2)
                    problems.push_back(rp() + ".cells[" + std::to_string(ci) + "].value: amount \"" +
                                       v->to_string() + "\" has more than two places");
            }
        }
    }
    return problems;
}

}  // namespace caizheng
