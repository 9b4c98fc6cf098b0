// Table identities and cross-table links: formula rules (built-in and user) → findings.
#include "detail.hpp"

#include <algorithm>

namespace caizheng::reconcile_detail {

rule_family formula_rule_family(std::string_view id) {
    const std::size_t dot = id.find('.');
    const std::string_view what = dot == std::string_view::npos ? id : id.substr(dot + 1);
    const bool cross = what.find("vs") != std::string_view::npos ||
                       what.find("link") != std::string_view::npos ||
                       what.find("rows_in") != std::string_view::npos;
    return cross ? rule_family::cross_table : rule_family::table;
}

namespace {

struct picked {
    std::optional<formula_cell_ref> left, right;
    std::size_t left_cells = 0, right_cells = 0;
};

picked pick_cells(const formula_result& res) {
    picked p;
    for (const formula_cell_ref& c : res.cells) {
        if (c.operand == formula_operand::left) {
            if (!p.left || (p.left->empty && !c.empty)) p.left = c;
            ++p.left_cells;
        } else if (c.operand == formula_operand::right) {
            if (!p.right || (p.right->empty && !c.empty)) p.right = c;
            ++p.right_cells;
        }
    }
    // the first cell read names the item best (the 合计 cell, the scope row's c1)
    for (const formula_cell_ref& c : res.cells) {
        if (c.operand == formula_operand::left) {
            p.left = c;
            break;
        }
    }
    return p;
}

std::string sev_word_zh(severity s) { return labels_of(s).word_zh; }

/// The row name of a present row, for "… is missing 2210201 住房公积金 17.30, present in 05".
const table_row* row_at(const report& r, const formula_cell_ref& c) {
    if (c.table >= r.tables.size()) return nullptr;
    const report_table& t = r.tables[c.table];
    return c.row < t.rows.size() ? &t.rows[c.row] : nullptr;
}

}  // namespace

void run_formula_rules(context& c, const formula_data& data, const std::vector<formula_rule>& rules,
                       bool user) {
    const report& r = c.r;
    // Each rule's result buffers (each with its cells) are kept per thread from one run to the
    // next, so a run allocates no result once they have grown (evaluate() resizes its output to
    // the rule's item count: one vector per rule keeps the sizes apart); a nested call finds
    // the cache empty.
    thread_local std::vector<std::vector<formula_result>> kept[2];
    std::vector<std::vector<formula_result>> per_rule = std::move(kept[user ? 1 : 0]);
    if (per_rule.size() < rules.size()) per_rule.resize(rules.size());
    for (std::size_t rule_index = 0; rule_index < rules.size(); ++rule_index) {
        const formula_rule& rule = rules[rule_index];
        std::vector<formula_result>& results = per_rule[rule_index];
        if (c.disabled(rule.id)) continue;
        ++c.rules;
        rule.check.evaluate(data, results);
        const severity rule_sev = rule.severity == formula_severity::warning ? severity::warning : severity::error;
        for (const formula_result& res : results) {
            severity sev = rule_sev;
            switch (res.outcome) {
                case formula_outcome::holds:
                case formula_outcome::not_applicable:
                    continue;
                case formula_outcome::tail_difference: sev = severity::tail_difference; break;
                case formula_outcome::tolerated: sev = severity::info; break;
                case formula_outcome::fails:
                case formula_outcome::missing: break;
                case formula_outcome::cannot_evaluate:
                    // a table absent from the report is one document.missing_table finding,
                    // not one per rule that reads it
                    if (res.problem == formula_problem::table_missing &&
                        (!res.problem_table || table_index(r, *res.problem_table) < 0))
                        continue;
                    sev = severity::unchecked;
                    break;
            }
            const picked p = pick_cells(res);
            finding f;
            f.rule = rule.id;
            f.severity = sev;
            f.unit = unit_symbol(res.unit);
            finding_meta m;
            m.outcome = res.outcome;
            m.problem = res.problem;
            m.problem_table = res.problem_table;
            m.problem_key = res.problem_key;
            m.left = res.left;
            m.right = res.right;
            if (res.table) m.scope_table = static_cast<std::int32_t>(*res.table);
            if (res.row) m.scope_row = static_cast<std::int32_t>(*res.row);
            if (res.column) m.scope_column = static_cast<std::int32_t>(*res.column);

            // primary: the first cell of the left side (or of the right when the left is absent)
            std::optional<formula_cell_ref> primary = p.left ? p.left : p.right;
            if (res.outcome == formula_outcome::missing && p.right && res.problem_table &&
                p.left && p.left->table < r.tables.size() &&
                r.tables[p.left->table].kind == *res.problem_table)
                primary = p.left;
            std::string where_zh, where_en;
            if (primary) {
                f.locations.push_back(cell_location(r, primary->table, primary->row, primary->column));
                where_zh = describe_zh(r, primary->table, primary->row, primary->column);
                where_en = describe_en(r, primary->table, primary->row, primary->column);
                m.table = static_cast<std::int32_t>(primary->table);
                m.row = static_cast<std::int32_t>(primary->row);
                m.column = static_cast<std::int32_t>(primary->column);
            } else if (res.table) {
                const std::size_t t = *res.table;
                f.locations.push_back(cell_location(r, t, res.row.value_or(static_cast<std::size_t>(-1)),
                                                    res.column));
                where_zh = describe_zh(r, t, res.row.value_or(static_cast<std::size_t>(-1)), res.column);
                where_en = describe_en(r, t, res.row.value_or(static_cast<std::size_t>(-1)), res.column);
                m.table = static_cast<std::int32_t>(t);
                m.row = res.row ? static_cast<std::int32_t>(*res.row) : -1;
                m.column = res.column ? static_cast<std::int32_t>(*res.column) : -1;
            }
            // secondary: a single cell on the other side (the other printing of the same figure)
            if (p.right && p.right_cells == 1 && primary && !(p.right->table == primary->table &&
                                                              p.right->row == primary->row &&
                                                              p.right->column == primary->column))
                f.locations.push_back(cell_location(r, p.right->table, p.right->row, p.right->column));

            const std::string head_zh = (rule.description_zh.empty() ? rule.id : rule.description_zh);
            const std::string head_en = (rule.description_en.empty() ? rule.id : rule.description_en);
            const std::string unit = f.unit;

            if (res.outcome == formula_outcome::cannot_evaluate) {
                f.message_zh = head_zh + "——无法计算：" + res.message;
                f.message_en = head_en + " — cannot be evaluated: " + res.message;
                c.add(std::move(f), std::move(m));
                continue;
            }
            if (res.outcome == formula_outcome::missing) {
                // one side has a figure, the other none: a row (or cell) is missing
                const bool left_present = res.left.has_value();
                const std::optional<formula_cell_ref> present = left_present ? p.left : p.right;
                const std::optional<decimal> value = left_present ? res.left : res.right;
                f.expected = value;
                std::string missing_in_zh, missing_in_en;
                if (res.problem_table) {
                    const std::int32_t ti = table_index(r, *res.problem_table);
                    missing_in_en = ti >= 0 ? short_name(r.tables[static_cast<std::size_t>(ti)])
                                            : std::string(table_kind_title(*res.problem_table));
                    missing_in_zh = ti >= 0 ? long_name(r.tables[static_cast<std::size_t>(ti)])
                                            : std::string(table_kind_title(*res.problem_table));
                }
                const table_row* prow = present ? row_at(r, *present) : nullptr;
                const std::string pname = prow ? prow->name : "";
                const std::string present_en = present ? short_name(r.tables[present->table]) : "";
                const std::string present_zh = present ? long_name(r.tables[present->table]) : "";
                if (res.problem == formula_problem::row_missing && !res.problem_key.empty() &&
                    res.problem_key.find('*') == std::string::npos) {
                    f.message_en = missing_in_en + " is missing " + res.problem_key +
                                   (pname.empty() ? "" : " " + pname) +
                                   (value ? " " + num(*value) : "") +
                                   (present_en.empty() ? "" : ", present in " + present_en) + " (" +
                                   head_en + ")";
                    f.message_zh = missing_in_zh + "缺少 " + res.problem_key + (pname.empty() ? "" : " " + pname) +
                                   (value ? " " + num(*value) : "") +
                                   (present_zh.empty() ? "" : "，" + present_zh + "中有此行") + "（" +
                                   head_zh + "）";
                    // the primary location is the missing row of the table that lacks it
                    if (res.problem_table) {
                        finding_location l;
                        l.table = *res.problem_table;
                        const std::int32_t ti = table_index(r, *res.problem_table);
                        if (ti >= 0) l.table_number = r.tables[static_cast<std::size_t>(ti)].number;
                        l.row = res.problem_key;
                        l.row_name = pname;
                        f.locations.insert(f.locations.begin(), l);
                        if (present && f.locations.size() > 1) {
                            f.locations.resize(1);
                            f.locations.push_back(cell_location(r, present->table, present->row, present->column));
                        }
                    }
                } else {
                    f.expected = res.right;
                    f.found = res.left;
                    f.difference = res.difference;
                    f.message_en = head_en + ". At " + where_en + ": " + res.message + ".";
                    f.message_zh = head_zh + "。" + where_zh + "：一方没有数字（" + res.message + "）" +
                                   (value ? "，另一方为 " + num(*value) + " " + unit : "") + "。";
                }
                c.add(std::move(f), std::move(m));
                continue;
            }

            // fails / tail_difference / tolerated: both sides have figures
            f.found = res.left;
            f.expected = res.right;
            f.difference = res.difference;
            if (rule.check.tolerance() != formula_tolerance::none) f.bound = res.bound;
            const std::string l = res.left ? num(*res.left) : "—";
            const std::string rt = res.right ? num(*res.right) : "—";
            const std::string d = num(res.difference);
            f.message_zh = head_zh + "。" + where_zh + "：左边 " + l + "，右边 " + rt + "，相差 " + d + " " + unit + "。";
            f.message_en = head_en + ". At " + where_en + ": " + l + " against " + rt + ", difference " + d +
                           " " + unit + ".";
            const std::size_t m_fig = res.parts;
            const std::size_t n_parts = m_fig > 0 ? m_fig - 1 : 0;
            if (res.outcome == formula_outcome::tail_difference) {
                f.message_zh += "差额在尾差上限 " + num(res.bound) + " 之内（" + std::to_string(m_fig) +
                                " 个非零舍入数，即 n = " + std::to_string(n_parts) + " 个分项加合计，上限 ⌊" +
                                std::to_string(n_parts) + "/2⌋ = " + std::to_string(n_parts / 2) +
                                " 分）：属尾数误差，不是错误。";
                f.message_en += " The gap is within the tail bound " + num(res.bound) + " (" +
                                std::to_string(m_fig) + " non-zero rounded figures, n = " +
                                std::to_string(n_parts) + " parts and their total: ⌊" +
                                std::to_string(n_parts) + "/2⌋ = " + std::to_string(n_parts / 2) +
                                " hundredths): a tail difference (尾数误差) from rounding, not an error.";
            } else if (res.outcome == formula_outcome::tolerated) {
                f.message_zh += "在规则给定的容差 " + num(res.bound) + " 之内。";
                f.message_en += " Within the rule's tolerance " + num(res.bound) + ".";
            } else if (rule.check.tolerance() == formula_tolerance::tail) {
                f.message_zh += "超出尾差上限 " + num(res.bound) + "（" + std::to_string(m_fig) +
                                " 个非零舍入数，上限 ⌊" + std::to_string(n_parts) + "/2⌋ = " +
                                std::to_string(n_parts / 2) + " 分）：不是尾数误差，是" + sev_word_zh(sev) + "。";
                f.message_en += " Beyond the tail bound " + num(res.bound) + " (" + std::to_string(m_fig) +
                                " non-zero rounded figures: ⌊" + std::to_string(n_parts) + "/2⌋ = " +
                                std::to_string(n_parts / 2) + " hundredths): not a rounding difference.";
            } else if (p.left_cells <= 1 && p.right_cells <= 1) {
                f.message_zh += "同一数字在两处印出两个值，不能以尾数误差解释。";
                f.message_en += " The same figure is printed with two values; rounding cannot explain that.";
            }
            if (user) {
                f.message_zh += "（用户规则）";
                f.message_en += " (user rule)";
            }
            c.add(std::move(f), std::move(m));
        }
    }
    kept[user ? 1 : 0] = std::move(per_rule);
}

}  // namespace caizheng::reconcile_detail
