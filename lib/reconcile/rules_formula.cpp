// Table identities and cross-table links: formula rules (built-in and user) → findings.
#include "detail.hpp"

#include "../formula/program.hpp"  // detail::formula_batch

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
    // The rules read one data object: their common row selectors are matched once for all.
    const detail::formula_batch batch(data);
    // Each rule's result buffers (each with its cells) are kept per thread from one run to the
    // next, so a run allocates no result once they have grown (evaluate() resizes its output to
    // the rule's item count: one vector per rule keeps the sizes apart); a nested call finds
    // the cache empty.
    thread_local std::vector<std::vector<formula_result>> kept[2];
    std::vector<std::vector<formula_result>> per_rule = std::move(kept[user ? 1 : 0]);
    if (per_rule.size() < rules.size()) per_rule.resize(rules.size());
    // The texts a message is made of, kept per thread and reused from one finding (and run) to
    // the next; each message is then written once, at its final length.
    thread_local std::string where_zh, where_en, tail_zh, tail_en, names;
    for (std::size_t rule_index = 0; rule_index < rules.size(); ++rule_index) {
        const formula_rule& rule = rules[rule_index];
        std::vector<formula_result>& results = per_rule[rule_index];
        if (c.disabled(rule.id)) continue;
        ++c.rules;
        rule.check.evaluate(data, results);
        const severity rule_sev = rule.severity == formula_severity::warning ? severity::warning : severity::error;
        const std::string_view head_zh = rule.description_zh.empty() ? rule.id : rule.description_zh;
        const std::string_view head_en = rule.description_en.empty() ? rule.id : rule.description_en;
        const std::string_view user_zh = user ? "（用户规则）" : "";
        const std::string_view user_en = user ? " (user rule)" : "";
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
            // the finding is built in place (c.add's bookkeeping: no cause yet, its meta)
            finding& f = c.findings.emplace_back();
            c.cause.push_back(-1);
            finding_meta& m = c.meta.emplace_back();
            f.rule = rule.id;
            f.severity = sev;
            const std::string_view unit = unit_symbol(res.unit);
            f.unit = unit;
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
            // the place the messages name ("?" for a table index out of range, "" for none)
            std::size_t where_table = 0, where_row = 0;
            std::optional<std::size_t> where_column;
            const bool has_where = primary || res.table;
            f.locations.reserve(2);
            if (primary) {
                add_cell_location(f.locations, r, primary->table, primary->row, primary->column);
                where_table = primary->table;
                where_row = primary->row;
                where_column = primary->column;
                m.table = static_cast<std::int32_t>(primary->table);
                m.row = static_cast<std::int32_t>(primary->row);
                m.column = static_cast<std::int32_t>(primary->column);
            } else if (res.table) {
                const std::size_t t = *res.table;
                add_cell_location(f.locations, r, t, res.row.value_or(static_cast<std::size_t>(-1)), res.column);
                where_table = t;
                where_row = res.row.value_or(static_cast<std::size_t>(-1));
                where_column = res.column;
                m.table = static_cast<std::int32_t>(t);
                m.row = res.row ? static_cast<std::int32_t>(*res.row) : -1;
                m.column = res.column ? static_cast<std::int32_t>(*res.column) : -1;
            }
            // secondary: a single cell on the other side (the other printing of the same figure)
            if (p.right && p.right_cells == 1 && primary && !(p.right->table == primary->table &&
                                                              p.right->row == primary->row &&
                                                              p.right->column == primary->column))
                add_cell_location(f.locations, r, p.right->table, p.right->row, p.right->column);
            // the descriptions of the place, for the messages that name it
            auto describe_where = [&] {
                where_zh.clear();
                where_en.clear();
                if (!has_where) return;
                append_describe_zh(where_zh, r, where_table, where_row, where_column);
                append_describe_en(where_en, r, where_table, where_row, where_column);
            };

            if (res.outcome == formula_outcome::cannot_evaluate) {
                append_pieces(f.message_zh, head_zh, "——无法计算：", res.message);
                append_pieces(f.message_en, head_en, " — cannot be evaluated: ", res.message);
                continue;
            }
            if (res.outcome == formula_outcome::missing) {
                // one side has a figure, the other none: a row (or cell) is missing
                const bool left_present = res.left.has_value();
                const std::optional<formula_cell_ref> present = left_present ? p.left : p.right;
                const std::optional<decimal> value = left_present ? res.left : res.right;
                f.expected = value;
                const small_text value_text = value ? num_text(*value) : small_text{};
                if (res.problem == formula_problem::row_missing && !res.problem_key.empty() &&
                    res.problem_key.find('*') == std::string::npos) {
                    // names: the table lacking the row (zh, en), the table that has it (zh, en)
                    names.clear();
                    std::int32_t ti = -1;
                    if (res.problem_table) {
                        ti = table_index(r, *res.problem_table);
                        if (ti >= 0)
                            append_long_name(names, r.tables[static_cast<std::size_t>(ti)]);
                        else
                            names += table_kind_title(*res.problem_table);
                    }
                    const std::size_t missing_zh_end = names.size();
                    if (res.problem_table) {
                        if (ti >= 0)
                            append_short_name(names, r.tables[static_cast<std::size_t>(ti)]);
                        else
                            names += table_kind_title(*res.problem_table);
                    }
                    const std::size_t missing_en_end = names.size();
                    if (present) append_long_name(names, r.tables[present->table]);
                    const std::size_t present_zh_end = names.size();
                    if (present) append_short_name(names, r.tables[present->table]);
                    const std::string_view all = names;
                    const std::string_view missing_in_zh = all.substr(0, missing_zh_end);
                    const std::string_view missing_in_en = all.substr(missing_zh_end, missing_en_end - missing_zh_end);
                    const std::string_view present_zh = all.substr(missing_en_end, present_zh_end - missing_en_end);
                    const std::string_view present_en = all.substr(present_zh_end);
                    const table_row* prow = present ? row_at(r, *present) : nullptr;
                    const std::string_view pname = prow ? std::string_view(prow->name) : std::string_view();
                    const std::string_view pname_sep = pname.empty() ? "" : " ";
                    const std::string_view value_sep = value ? " " : "";
                    append_pieces(f.message_en, missing_in_en, " is missing ", res.problem_key, pname_sep, pname, value_sep,
                        value_text, present_en.empty() ? "" : ", present in ", present_en, " (", head_en, ")");
                    append_pieces(f.message_zh, missing_in_zh, "缺少 ", res.problem_key, pname_sep, pname, value_sep,
                        value_text, present_zh.empty() ? "" : "，", present_zh,
                        present_zh.empty() ? "" : "中有此行", "（", head_zh, "）");
                    // the primary location is the missing row of the table that lacks it
                    if (res.problem_table) {
                        finding_location l;
                        l.table = *res.problem_table;
                        if (ti >= 0) l.table_number = r.tables[static_cast<std::size_t>(ti)].number;
                        l.row = res.problem_key;
                        l.row_name = pname;
                        if (present && !f.locations.empty()) {
                            // [missing row, present cell]
                            f.locations.front() = std::move(l);
                            f.locations.resize(1);
                            add_cell_location(f.locations, r, present->table, present->row, present->column);
                        } else {
                            f.locations.insert(f.locations.begin(), std::move(l));
                        }
                    }
                } else {
                    f.expected = res.right;
                    f.found = res.left;
                    f.difference = res.difference;
                    describe_where();
                    append_pieces(f.message_en, head_en, ". At ", where_en, ": ", res.message, ".");
                    append_pieces(f.message_zh, head_zh, "。", where_zh, "：一方没有数字（", res.message, "）",
                        value ? "，另一方为 " : "", value_text, value ? " " : "", value ? unit : "", "。");
                }
                continue;
            }

            // fails / tail_difference / tolerated: both sides have figures
            f.found = res.left;
            f.expected = res.right;
            f.difference = res.difference;
            if (rule.check.tolerance() != formula_tolerance::none) f.bound = res.bound;
            describe_where();
            small_text l, rt;
            if (res.left) l = num_text(*res.left);
            if (res.right) rt = num_text(*res.right);
            const std::string_view lv = res.left ? std::string_view(l) : "—";
            const std::string_view rv = res.right ? std::string_view(rt) : "—";
            const small_text d = num_text(res.difference);
            const std::size_t m_fig = res.parts;
            const std::size_t n_parts = m_fig > 0 ? m_fig - 1 : 0;
            tail_zh.clear();
            tail_en.clear();
            if (res.outcome == formula_outcome::tail_difference) {
                const small_text b = num_text(res.bound);
                const small_text mt = int_text(static_cast<std::int64_t>(m_fig));
                const small_text nt = int_text(static_cast<std::int64_t>(n_parts));
                const small_text ht = int_text(static_cast<std::int64_t>(n_parts / 2));
                append_pieces(tail_zh, "差额在尾差上限 ", b, " 之内（", mt, " 个非零舍入数，即 n = ", nt,
                    " 个分项加合计，上限 ⌊", nt, "/2⌋ = ", ht, " 分）：属尾数误差，不是错误。");
                append_pieces(tail_en, " The gap is within the tail bound ", b, " (", mt, " non-zero rounded figures, n = ", nt,
                    " parts and their total: ⌊", nt, "/2⌋ = ", ht,
                    " hundredths): a tail difference (尾数误差) from rounding, not an error.");
            } else if (res.outcome == formula_outcome::tolerated) {
                const small_text b = num_text(res.bound);
                append_pieces(tail_zh, "在规则给定的容差 ", b, " 之内。");
                append_pieces(tail_en, " Within the rule's tolerance ", b, ".");
            } else if (rule.check.tolerance() == formula_tolerance::tail) {
                const small_text b = num_text(res.bound);
                const small_text mt = int_text(static_cast<std::int64_t>(m_fig));
                const small_text nt = int_text(static_cast<std::int64_t>(n_parts));
                const small_text ht = int_text(static_cast<std::int64_t>(n_parts / 2));
                append_pieces(tail_zh, "超出尾差上限 ", b, "（", mt, " 个非零舍入数，上限 ⌊", nt, "/2⌋ = ", ht,
                    " 分）：不是尾数误差，是", std::string_view(labels_of(sev).word_zh), "。");
                append_pieces(tail_en, " Beyond the tail bound ", b, " (", mt, " non-zero rounded figures: ⌊", nt, "/2⌋ = ", ht,
                    " hundredths): not a rounding difference.");
            } else if (p.left_cells <= 1 && p.right_cells <= 1) {
                tail_zh = "同一数字在两处印出两个值，不能以尾数误差解释。";
                tail_en = " The same figure is printed with two values; rounding cannot explain that.";
            }
            append_pieces(f.message_zh, head_zh, "。", where_zh, "：左边 ", lv, "，右边 ", rv, "，相差 ", d, " ", unit, "。",
                tail_zh, user_zh);
            append_pieces(f.message_en, head_en, ". At ", where_en, ": ", lv, " against ", rv, ", difference ", d, " ", unit,
                ".", tail_en, user_en);
        }
    }
    kept[user ? 1 : 0] = std::move(per_rule);
}

}  // namespace caizheng::reconcile_detail
