// Cause analysis: one root cause should not look like ten unrelated errors.
//
//  - A 合计 (or 类 roll-up) check of 02/03/05 whose gap is exactly the figure of rows present in
//    another of these tables and absent here: the rows are missing. The finding
//    "02 is missing 2210201 住房公积金 17.30, present in 05" (cross.missing_row, or the formula
//    rule's own `missing` finding for 03 ↔ 05) becomes the root; every check the missing row
//    upsets points at it.
//  - Table 09: when both 合计 and the 公务用车 小计 fail and 合计 equals 出国 + 购置 + 运行维护 + 接待,
//    the 小计 is the wrong cell; the 合计 finding follows from it.
//  - 07/08 "本表无数据" contradicted by 04: the figure checks of 07/08 against 04 follow from it.
//  - The 绩效 annex (link_family_causes, after the narrative and 绩效 families ran): a project
//    figure printed one way in the 自评表 and another way in the 基础数据表 is P.basic.project;
//    when the 自评报告 prose repeats the other printing, N.annex.project compares the same two
//    values at the same cell — the same disagreement, so it follows from P.basic.project.
#include "detail.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caizheng::reconcile_detail {

namespace {

using namespace std::string_view_literals;

std::optional<std::int64_t> hundredths(const std::optional<decimal>& d) {
    if (!d) return std::nullopt;
    try {
        return d->rescale_exact(2).mantissa();
    } catch (const error&) {
        return std::nullopt;
    }
}

bool is_total_like(column_id id) {
    return id == column_id::total_income || id == column_id::fiscal_appropriation_income ||
           id == column_id::total_expenditure || id == column_id::subtotal || id == column_id::total;
}

std::optional<std::size_t> map_column(const report_table& o, column_id id) {
    if (auto i = o.column_index(id)) return i;
    if (!is_total_like(id)) return std::nullopt;
    for (column_id t : {column_id::subtotal, column_id::total_expenditure, column_id::total_income, column_id::total})
        if (auto i = o.column_index(t)) return i;
    return std::nullopt;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// a < b as std::string_view orders them (bytes as unsigned char, then length), without a
/// library call for the short codes compared here.
bool code_less(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    return a.size() < b.size();
}

using code_index = std::vector<std::pair<std::string_view, std::uint32_t>>;

/// Does a table have a row for `code` (non-empty: the code itself, an ancestor or a
/// descendant)? `index`: the table's codes, sorted (report_formula_data::code_index).
bool covers(const code_index& index, std::string_view code) {
    const auto below = [](const std::pair<std::string_view, std::uint32_t>& e, std::string_view c) {
        return code_less(e.first, c);
    };
    // the code or a descendant: the first code not below it extends it
    const auto at = std::lower_bound(index.begin(), index.end(), code, below);
    if (at != index.end() && starts_with(at->first, code)) return true;
    // an ancestor: a proper prefix of the code printed as a row's code. Every code from an
    // ancestor up to the code starts with that ancestor, the code just below `at` too: no
    // ancestor is longer than what that code shares with `code`.
    if (at == index.begin()) return false;
    const std::string_view before = std::prev(at)->first;
    std::size_t shared = 0;
    while (shared < before.size() && shared < code.size() && before[shared] == code[shared]) ++shared;
    const std::size_t longest = std::min(shared, code.size() - 1);
    // Each prefix is below the code and below the next longer prefix, so its first position not
    // below it lies in [the shorter prefix's, at).
    auto from = index.begin();
    for (std::size_t len = 1; len <= longest; ++len) {
        const std::string_view prefix = code.substr(0, len);
        from = std::lower_bound(from, at, prefix, below);
        if (from != at && from->first == prefix) return true;
    }
    return false;
}

/// covers(code index of table t, code of row `row` of table o), each asked once per run: the
/// gap findings of one run mostly search the same rows of the same other table.
class cover_memo {
public:
    cover_memo(const report& r, const report_formula_data& data) : r_(r), data_(data) {}
    bool operator()(std::size_t t, std::size_t o, std::size_t row) {
        pair* p = nullptr;
        for (pair& x : pairs_)
            if (x.t == t && x.o == o) p = &x;
        if (!p) {
            pairs_.push_back({t, o, std::vector<signed char>(r_.tables[o].rows.size(), -1)});
            p = &pairs_.back();
        }
        signed char& known = p->covered[row];
        if (known < 0) known = covers(data_.code_index(t), r_.tables[o].rows[row].code) ? 1 : 0;
        return known == 1;
    }

private:
    struct pair {
        std::size_t t, o;
        std::vector<signed char> covered;  // -1: not asked yet
    };
    const report& r_;
    const report_formula_data& data_;
    std::vector<pair> pairs_;
};

/// short_name / long_name of each table, made once per table that a message names.
class table_names {
public:
    explicit table_names(const report& r) : r_(r), short_(r.tables.size()), long_(r.tables.size()) {}
    const std::string& short_of(std::size_t t) { return get(short_, t, true); }
    const std::string& long_of(std::size_t t) { return get(long_, t, false); }

private:
    const std::string& get(std::vector<std::optional<std::string>>& v, std::size_t t, bool is_short) {
        if (!v[t]) v[t] = is_short ? short_name(r_.tables[t]) : long_name(r_.tables[t]);
        return *v[t];
    }
    const report& r_;
    std::vector<std::optional<std::string>> short_, long_;
};

/// Root → number of findings it explains, in root order.
class consequence_counts {
public:
    void add(std::size_t root) {
        if (root >= n_.size()) n_.resize(root + 1, 0);
        ++n_[root];
    }
    /// " It explains N other finding(s) (listed under it)." on each root.
    void explain(context& c) const {
        for (std::size_t root = 0; root < n_.size(); ++root) {
            const std::size_t count = n_[root];
            if (count == 0) continue;
            const std::string k = std::to_string(count);
            append_pieces(c.findings[root].message_en, " It explains ", k, " other finding", count == 1 ? "" : "s",
                   " (listed under it).");
            append_pieces(c.findings[root].message_zh, "由此导致另外 ", k, " 项发现（列于其下）。");
        }
    }

private:
    std::vector<std::size_t> n_;
};

struct missing_row {
    std::size_t table = 0, row = 0, column = 0;  // where it is present
    std::int64_t value = 0;
};

struct gap_rule {
    std::string_view id;  // compared with a finding's rule id length first
    std::optional<table_kind> fixed_table;  // lei rules: the table whose rows are summed
    column_id fixed_column = column_id::other;
};

const gap_rule gap_rules[] = {
    {"income.total_row", std::nullopt, column_id::other},
    {"expenditure.total_row", std::nullopt, column_id::other},
    {"general.total_row", std::nullopt, column_id::other},
    {"income.lei_vs_summary", table_kind::income, column_id::total_income},
    {"expenditure.lei_vs_summary", table_kind::expenditure, column_id::total_expenditure},
    {"general.lei_vs_fiscal", table_kind::general_budget_expenditure, column_id::subtotal},
};

bool is_gap_rule(std::string_view id) {
    for (const gap_rule& x : gap_rules)
        if (id == x.id) return true;
    return false;
}

}  // namespace

void link_causes(context& c, const report_formula_data& data) {
    const report& r = c.r;
    std::map<std::pair<int, std::string>, std::size_t> roots;
    for (std::size_t i = 0; i < c.findings.size(); ++i) {
        const finding_meta& m = c.meta[i];
        if (m.outcome == formula_outcome::missing && m.problem == formula_problem::row_missing && m.problem_table &&
            !m.problem_key.empty() && m.problem_key.find('*') == std::string::npos && !is_gap_rule(c.findings[i].rule))
            roots.emplace(std::make_pair(static_cast<int>(*m.problem_table), m.problem_key), i);
    }
    consequence_counts consequences;
    table_names names(r);
    cover_memo covered(r, data);

    const std::size_t n = c.findings.size();
    for (std::size_t i = 0; i < n; ++i) {
        // only read before this finding's first c.add below (which may move c.meta): no copy
        const finding_meta& m = c.meta[i];
        if (c.findings[i].severity != severity::error) continue;
        if (m.outcome != formula_outcome::fails && m.outcome != formula_outcome::missing) continue;
        const gap_rule* g = nullptr;
        for (const gap_rule& x : gap_rules)
            if (std::string_view(c.findings[i].rule) == x.id) g = &x;
        if (!g) continue;
        // a sum over no row at all is empty: the rows are missing, the sum is 0
        const auto left = hundredths(m.left ? m.left : std::optional<decimal>(decimal(0, 2)));
        const auto right = hundredths(m.right ? m.right : std::optional<decimal>(decimal(0, 2)));
        if (!left || !right) continue;
        const std::int64_t gap = *left - *right;
        if (gap <= 0) continue;

        std::int32_t ti = -1;
        column_id col_id = g->fixed_column;
        std::string prefix;
        if (!g->fixed_table) {
            ti = m.scope_table;
            if (ti < 0 || m.scope_column < 0) continue;
            const report_table& t = r.tables[static_cast<std::size_t>(ti)];
            if (static_cast<std::size_t>(m.scope_column) >= t.columns.size()) continue;
            col_id = t.columns[static_cast<std::size_t>(m.scope_column)].id;
        } else {
            ti = table_index(r, *g->fixed_table);
            if (ti < 0 || m.scope_table < 0 || m.scope_row < 0) continue;
            prefix = std::string(data.row(static_cast<std::size_t>(m.scope_table),
                                          static_cast<std::size_t>(m.scope_row)).code);
            if (prefix.empty()) continue;
        }
        const report_table& t = r.tables[static_cast<std::size_t>(ti)];

        std::vector<missing_row> explained;
        for (table_kind ok : {table_kind::general_budget_expenditure, table_kind::expenditure, table_kind::income}) {
            if (ok == t.kind) continue;
            const std::int32_t oi = table_index(r, ok);
            if (oi < 0) continue;
            const report_table& o = r.tables[static_cast<std::size_t>(oi)];
            const auto oc = map_column(o, col_id);
            if (!oc) continue;
            std::vector<missing_row> cand;
            std::int64_t total = 0;
            for (std::size_t ri = 0; ri < o.rows.size(); ++ri) {
                const table_row& row = o.rows[ri];
                if (row.code.empty() || row.role != row_role::item || !starts_with(row.code, prefix)) continue;
                // a leaf: no other row of the table extends its code (report_formula_data's flag);
                // a figure (blank or zero: nothing missing) before the search of t's codes
                if (!data.row_info(static_cast<std::size_t>(oi), ri).leaf || *oc >= row.cells.size()) continue;
                const std::optional<decimal>& figure = row.cells[*oc].value;
                if (!figure || figure->mantissa() == 0) continue;
                if (covered(static_cast<std::size_t>(ti), static_cast<std::size_t>(oi), ri)) continue;
                const auto v = hundredths(figure);
                if (!v || *v == 0) continue;
                cand.push_back({static_cast<std::size_t>(oi), ri, *oc, *v});
                total += *v;
            }
            if (cand.empty()) continue;
            if (total == gap) {
                explained = std::move(cand);
            } else {
                for (const missing_row& x : cand)
                    if (x.value == gap) {
                        explained = {x};
                        break;
                    }
            }
            if (!explained.empty()) break;
        }
        if (explained.empty()) continue;

        std::string why_zh, why_en;
        std::optional<std::size_t> first_root;
        for (const missing_row& x : explained) {
            const report_table& o = r.tables[x.table];
            const table_row& row = o.rows[x.row];
            const std::string v = num(decimal(x.value, 2));
            std::string en, zh;
            append_pieces(en, names.short_of(static_cast<std::size_t>(ti)), " is missing ", row.code, " ", row.name, " ", v,
                   ", present in ", names.short_of(x.table));
            append_pieces(zh, names.long_of(static_cast<std::size_t>(ti)), "缺少 ", row.code, " ", row.name, " ", v, "（",
                   names.long_of(x.table), "中有此行）");
            append_pieces(why_en, why_en.empty() ? "" : "; ", en);
            append_pieces(why_zh, why_zh.empty() ? "" : "；", zh);
            const auto key = std::make_pair(static_cast<int>(t.kind), row.code);
            auto it = roots.find(key);
            if (it == roots.end() && !c.disabled("cross.missing_row")) {
                finding f;
                f.rule = "cross.missing_row";
                f.severity = severity::error;
                finding_location l;
                l.table = t.kind;
                l.table_number = t.number;
                l.row = row.code;
                l.row_name = row.name;
                if (auto tc = t.column_index(col_id)) {
                    l.column = t.columns[*tc].number;
                    l.column_label = t.columns[*tc].label;
                }
                f.locations.push_back(l);
                f.locations.push_back(cell_location(r, x.table, x.row, x.column));
                f.expected = decimal(x.value, 2);
                f.unit = unit_symbol(o.unit);
                append_pieces(f.message_en, en, ".");
                append_pieces(f.message_zh, zh, "。");
                finding_meta rm;
                rm.table = ti;
                rm.problem_table = t.kind;
                rm.problem_key = row.code;
                const std::size_t idx = c.add(std::move(f), rm);
                ++c.rules;
                it = roots.emplace(key, idx).first;
            }
            if (it != roots.end() && !first_root) first_root = it->second;
        }
        finding& f = c.findings[i];
        const std::string gap_text = num(decimal(gap, 2));
        append_pieces(f.message_en, " Cause: ", why_en, " — the gap ", gap_text, " is exactly that.");
        append_pieces(f.message_zh, "原因：", why_zh, "，差额 ", gap_text, " 正是此数。");
        if (first_root) {
            c.cause[i] = static_cast<std::int32_t>(*first_root);
            consequences.add(*first_root);
        }
    }

    // Table 09: the 公务用车 小计 is the wrong cell when 合计 holds with 购置 + 运行维护 in its place.
    const std::int32_t si = table_index(r, table_kind::three_public);
    if (si >= 0) {
        const report_table& t = r.tables[static_cast<std::size_t>(si)];
        for (std::size_t i = 0; i < c.findings.size(); ++i) {
            if (std::string_view(c.findings[i].rule) != "sangong.total"sv || c.findings[i].severity != severity::error)
                continue;
            const std::int32_t row = c.meta[i].scope_row;
            if (row < 0 || static_cast<std::size_t>(row) >= t.rows.size()) continue;
            std::optional<std::size_t> vehicle;
            for (std::size_t j = 0; j < c.findings.size(); ++j)
                if (std::string_view(c.findings[j].rule) == "sangong.vehicle"sv && c.findings[j].severity == severity::error &&
                    c.meta[j].scope_row == row)
                    vehicle = j;
            if (!vehicle) continue;
            const table_row& rw = t.rows[static_cast<std::size_t>(row)];
            auto val = [&](column_id id) -> std::optional<std::int64_t> {
                const table_cell* cell = t.cell(rw, id);
                if (!cell) return std::nullopt;
                if (!cell->value) return 0;
                return hundredths(cell->value);
            };
            const auto total = val(column_id::total), ov = val(column_id::overseas_travel),
                       pu = val(column_id::vehicle_purchase), op = val(column_id::vehicle_operation),
                       re = val(column_id::official_reception), vt = val(column_id::vehicle_total);
            if (!total || !ov || !pu || !op || !re || !vt) continue;
            if (*total != *ov + *pu + *op + *re) continue;
            const char* half_en = rw.side == row_side::budget ? "budget" : "actual";
            const char* half_zh = rw.side == row_side::budget ? "预算数" : "决算数";
            std::string sum;
            append_pieces(sum, num(decimal(*ov, 2)), " + ", num(decimal(*pu, 2)), " + ", num(decimal(*op, 2)), " + ",
                   num(decimal(*re, 2)));
            const std::string tot = num(decimal(*total, 2)), sub = num(decimal(*vt, 2));
            append_pieces(c.findings[i].message_en, " Cause: 合计 ", tot, " = ", sum,
                   " (出国 + 购置 + 运行维护 + 接待) holds; the 公务用车 小计 ", sub, " is the wrong cell, not 合计.");
            append_pieces(c.findings[i].message_zh, "原因：合计 ", tot, " = ", sum, "（出国 + 购置 + 运行维护 + 接待）成立；错的是公务用车小计 ",
                   sub, " 这一格，而不是合计。");
            append_pieces(c.findings[*vehicle].message_en, " The ", half_en, " 合计 ", tot, " = ", sum,
                   " confirms that this 小计 is the wrong cell.");
            append_pieces(c.findings[*vehicle].message_zh, half_zh, "合计 ", tot, " = ", sum, "，说明错的是这一格小计。");
            c.cause[i] = static_cast<std::int32_t>(*vehicle);
            consequences.add(*vehicle);
        }
    }

    // 07/08: checks against 04 follow from a contradicted 本表无数据 statement.
    for (std::size_t i = 0; i < c.findings.size(); ++i) {
        const std::string_view id = c.findings[i].rule;
        const std::optional<table_kind> k = id == "fund.vs_fiscal"sv      ? std::optional(table_kind::government_fund)
                                            : id == "capital.vs_fiscal"sv ? std::optional(table_kind::state_capital)
                                                                          : std::nullopt;
        if (!k) continue;
        for (std::size_t j = 0; j < c.findings.size(); ++j)
            if (std::string_view(c.findings[j].rule) == "document.no_data"sv && c.meta[j].problem_table == k) {
                c.cause[i] = static_cast<std::int32_t>(j);
                consequences.add(j);
                c.findings[i].message_en += " Cause: the table states it has no data (see document.no_data).";
                c.findings[i].message_zh += "原因：该表注明无数据（见 document.no_data）。";
                break;
            }
    }

    consequences.explain(c);
}

void link_family_causes(context& c) {
    // N.annex.project (prose vs a table cell) and P.basic.project (自评表 vs 基础数据表): the same
    // root cause when the narrative finding's table cell is one of the 绩效 finding's cells and
    // both compare the same two values (expected/found in either order).
    auto same_cell = [](const finding_location& a, const finding_location& b) {
        return a.source.line != 0 && a.source.line == b.source.line && a.source.field == b.source.field;
    };
    std::map<std::size_t, std::size_t> consequences;  // root → count
    for (std::size_t i = 0; i < c.findings.size(); ++i) {
        const finding& n = c.findings[i];
        if (n.rule != "N.annex.project" || c.cause[i] >= 0 || n.locations.size() < 2 || !n.expected || !n.found)
            continue;
        for (std::size_t j = 0; j < c.findings.size(); ++j) {
            const finding& p = c.findings[j];
            if (p.rule != "P.basic.project" || c.cause[j] >= 0 || !p.expected || !p.found) continue;
            const bool values = (*n.expected == *p.found && *n.found == *p.expected) ||
                                (*n.expected == *p.expected && *n.found == *p.found);
            if (!values) continue;
            const bool cell = std::any_of(p.locations.begin(), p.locations.end(),
                                          [&](const finding_location& l) { return same_cell(n.locations[1], l); });
            if (!cell) continue;
            c.cause[i] = static_cast<std::int32_t>(j);
            ++consequences[j];
            c.findings[i].message_en += " Cause: the same disagreement as P.basic.project (the 自评表 and the "
                                        "基础数据表 print this project's figure as " + num(*p.found) + " and " +
                                        num(*p.expected) + "); the prose repeats one of the two.";
            c.findings[i].message_zh += "原因：与 P.basic.project 是同一处不一致（自评表与基础数据表分别印为 " +
                                        num(*p.found) + " 和 " + num(*p.expected) + "），文字重复了其中一个。";
            break;
        }
    }
    for (const auto& [root, count] : consequences) {
        c.findings[root].message_en += " It explains " + std::to_string(count) + " other finding" +
                                       (count == 1 ? "" : "s") + " (listed under it).";
        c.findings[root].message_zh += "由此导致另外 " + std::to_string(count) + " 项发现（列于其下）。";
    }
}

}  // namespace caizheng::reconcile_detail
