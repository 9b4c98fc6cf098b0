// Codes family: every coded row's code and name against the classification catalog of the
// report's year; the 类 lines of 01 and 04 (printed without codes) by name.
#include "detail.hpp"

#include "../common/code_key.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng::reconcile_detail {

namespace {

/// Does normalize_name leave `s` as it is? (no ASCII whitespace, no U+3000, no ASCII
/// parenthesis: the characters it drops or replaces.)
bool normalized_already(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        switch (s[i]) {
            case ' ': case '\t': case '\r': case '\n': case '\f': case '\v': case '(': case ')': return false;
            case '\xE3':
                if (s.substr(i).starts_with("\u3000")) return false;
                break;
            default: break;
        }
    }
    return true;
}

/// "一、一般公共服务支出" → "一般公共服务支出": drop a leading enumeration (一、 （一） 1. 1、) of
/// the normalized name. The result views `name` when normalization changes nothing (most
/// names), else `buf`, which then holds normalize_name(name).
std::string_view strip_enumeration(std::string_view name, std::string& buf) {
    std::string_view s = name;
    if (!normalized_already(name)) {
        buf = classification::normalize_name(name);
        s = buf;
    }
    static constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    // s.compare(j, 3, lit) == 0 for a 3-byte literal, byte by byte
    const auto at = [&s](std::size_t j, std::string_view lit) {
        return j + 3 <= s.size() && s[j] == lit[0] && s[j + 1] == lit[1] && s[j + 2] == lit[2];
    };
    std::size_t i = 0;
    bool paren = false;
    if (at(0, "（")) {
        i = 3;
        paren = true;
    }
    std::size_t j = i;
    for (;;) {
        bool hit = false;
        for (const std::string_view n : numerals)
            if (at(j, n)) {
                j += 3;
                hit = true;
            }
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
            ++j;
            hit = true;
        }
        if (!hit) break;
    }
    if (j == i) return s;
    if (paren && at(j, "）")) return s.substr(j + 3);
    if (at(j, "、")) return s.substr(j + 3);
    if (j < s.size() && s[j] == '.') return s.substr(j + 1);
    return s;
}

/// Whether some row of `cat` named exactly `name` is a 类: the first such row by name (no
/// allocation) answers when it is a 类 or when there is none; the full list only otherwise.
bool names_a_lei(const classification::catalog& cat, std::string_view name) {
    const auto first = cat.find_first_by_name(name);
    if (!first) return false;
    if (first->level() == classification::level::lei) return true;
    for (const classification::item& it : cat.find_by_name(name))
        if (it.level() == classification::level::lei) return true;
    return false;
}

/// first_of[row]: the first row of the table printing the same code as `row` when that is an
/// earlier row, else -1; left empty when no code repeats. The codes, as code_order_key integers, in
/// row order: one strictly increasing run (a table in catalog order) repeats none; a few runs
/// (06 prints 工资福利 and 对个人和家庭的补助, then 商品和服务) are compared pairwise by
/// merging, earlier runs first; more are sorted. false (first_of untouched) when a code is too
/// long for a key.
bool first_rows_by_key(const report_table& t, std::vector<std::size_t>& first_of) {
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    constexpr std::size_t max_runs = 4;
    std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
    std::vector<std::size_t> run;  // positions in `keyed` where a run starts
    keyed.reserve(t.rows.size());
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
        const std::string& code = t.rows[ri].code;
        if (code.empty()) continue;
        const auto k = detail::code_order_key(code);
        if (!k) return false;
        if (keyed.empty() || keyed.back().first >= *k) run.push_back(keyed.size());
        keyed.emplace_back(*k, ri);
    }
    if (run.size() <= 1) return true;
    first_of.assign(t.rows.size(), none);
    if (run.size() <= max_runs) {
        run.push_back(keyed.size());
        for (std::size_t j = 0; j + 1 < run.size(); ++j)
            for (std::size_t k = j + 1; k + 1 < run.size(); ++k)
                for (std::size_t a = run[j], b = run[k]; a < run[j + 1] && b < run[k + 1];) {
                    if (keyed[a].first < keyed[b].first) {
                        ++a;
                    } else if (keyed[b].first < keyed[a].first) {
                        ++b;
                    } else {
                        if (first_of[keyed[b].second] == none) first_of[keyed[b].second] = keyed[a].second;
                        ++a;
                        ++b;
                    }
                }
        return true;
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 1; k < keyed.size(); ++k)
        if (keyed[k].first == keyed[k - 1].first)
            first_of[keyed[k].second] = first_of[keyed[k - 1].second] == none ? keyed[k - 1].second
                                                                               : first_of[keyed[k - 1].second];
    return true;
}

void check_table_codes(context& c, std::size_t ti) {
    const report& r = c.r;
    const report_table& t = r.tables[ti];
    const bool economic = uses_economic_codes(t.kind);
    const std::optional<classification::catalog>& cat = economic ? c.economic : c.functional;
    const classification::tree tree =
        economic ? classification::tree::economic_department : classification::tree::functional;
    // The first row of each code that repeats, for every later row of that code (rows of one
    // code in row order): by integer keys (first_rows_by_key), else, for a code over 7 bytes,
    // the codes sorted as strings.
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> first_of;  // empty: no code repeats
    if (!first_rows_by_key(t, first_of)) {
        std::vector<std::pair<std::string_view, std::size_t>> coded;
        coded.reserve(t.rows.size());
        for (std::size_t ri = 0; ri < t.rows.size(); ++ri)
            if (!t.rows[ri].code.empty()) coded.emplace_back(t.rows[ri].code, ri);
        std::sort(coded.begin(), coded.end());
        first_of.assign(t.rows.size(), none);
        for (std::size_t k = 1; k < coded.size(); ++k)
            if (coded[k].first == coded[k - 1].first)
                first_of[coded[k].second] = first_of[coded[k - 1].second] == none ? coded[k - 1].second
                                                                                   : first_of[coded[k - 1].second];
    }
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
        const table_row& row = t.rows[ri];
        if (row.code.empty()) continue;
        auto meta = [&] {
            finding_meta m;
            m.table = static_cast<std::int32_t>(ti);
            m.row = static_cast<std::int32_t>(ri);
            return m;
        };
        auto base = [&](const char* rule, severity s) {
            finding f;
            f.rule = rule;
            f.severity = s;
            f.locations.push_back(cell_location(r, ti, ri, std::nullopt));
            return f;
        };
        // duplicate
        if (const std::size_t first = first_of.empty() ? none : first_of[ri]; first != none) {
            if (!c.disabled("codes.duplicate")) {
                finding f = base("codes.duplicate", severity::error);
                f.locations.push_back(cell_location(r, ti, first, std::nullopt));
                f.message_zh = long_name(t) + " 科目编码 " + row.code + " 出现两次（第 " +
                               std::to_string(t.rows[first].source.line) + " 行和第 " +
                               std::to_string(row.source.line) + " 行）。";
                f.message_en = short_name(t) + ": code " + row.code + " appears twice (lines " +
                               std::to_string(t.rows[first].source.line) + " and " +
                               std::to_string(row.source.line) + ").";
                c.add(std::move(f), meta());
            }
        }
        if (!classification::level_of(row.code, tree)) {
            if (!c.disabled("codes.malformed")) {
                finding f = base("codes.malformed", severity::error);
                f.message_zh = long_name(t) + " 科目编码 “" + row.code + "” 格式不正确（" +
                               (economic ? "经济分类应为 3 或 5 位数字" : "功能分类应为 3、5 或 7 位数字") + "）。";
                f.message_en = short_name(t) + ": code '" + row.code + "' is malformed (" +
                               (economic ? "economic codes have 3 or 5 digits" : "functional codes have 3, 5 or 7 digits") + ").";
                c.add(std::move(f), meta());
            }
            continue;
        }
        if (!cat) continue;
        // One catalog lookup for a known code (its name); status() only tells unknown from
        // malformed when the name is missing.
        const std::optional<std::string_view> known = cat->name(row.code);
        if (!known && cat->status(row.code) == classification::code_status::unknown) {
            if (!c.disabled("codes.unknown")) {
                const bool complete = cat->is_complete();
                finding f = base("codes.unknown", complete ? severity::error : severity::warning);
                f.message_zh = long_name(t) + " 科目 " + row.code + " " + row.name + " 不在 " +
                               std::to_string(cat->year()) + " 年分类目录中" +
                               (complete ? "。" : "（内置目录不完整，无法确定是否有效，请核对）。");
                f.message_en = short_name(t) + ": code " + row.code + " " + row.name + " is not in the " +
                               std::to_string(cat->year()) + " catalog" +
                               (complete ? "." : " (the embedded catalog is partial: cannot tell whether it is valid; please check).");
                c.add(std::move(f), meta());
            }
            continue;
        }
        if (row.name.empty()) continue;
        // Fast path: a name printed exactly as the catalog's matches (normalize_name of equal
        // texts is equal), so the two normalizations of check_name are only paid for the rest.
        if (known && *known == row.name) continue;
        const classification::name_check nc = cat->check_name(row.code, row.name);
        if (nc.verdict != classification::verdict::mismatch) continue;
        const std::string given = classification::normalize_name(row.name);
        const std::string want = classification::normalize_name(nc.expected);
        const bool truncated = !given.empty() && given.size() < want.size() && want.compare(0, given.size(), given) == 0;
        const char* rule = truncated ? "codes.name_truncated" : "codes.name";
        if (c.disabled(rule)) continue;
        finding f = base(rule, truncated ? severity::warning : severity::error);
        f.locations.front().text = row.printed_name;
        if (truncated) {
            f.message_zh = long_name(t) + " 科目 " + row.code + " 名称 “" + row.name + "” 是目录名称 “" +
                           nc.expected + "” 的截断。";
            f.message_en = short_name(t) + ": the name of " + row.code + " '" + row.name +
                           "' is a truncation of the catalog's '" + nc.expected + "'.";
        } else {
            f.message_zh = long_name(t) + " 科目 " + row.code + " 名称为 “" + row.name + "”，分类目录为 “" +
                           nc.expected + "”。";
            f.message_en = short_name(t) + ": code " + row.code + " is named '" + row.name +
                           "', the catalog says '" + nc.expected + "'.";
        }
        c.add(std::move(f), meta());
    }
}

void check_lei_lines(context& c, std::size_t ti) {
    const report& r = c.r;
    const report_table& t = r.tables[ti];
    if (!c.functional || c.disabled("codes.lei_name")) return;
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
        const table_row& row = t.rows[ri];
        if (row.side != row_side::expenditure) continue;
        if (row.role != row_role::item) {
            if (row.role == row_role::total) break;  // 类 lines are above 本年支出合计
            continue;
        }
        if (row.name.empty()) continue;
        // a line printed as zero rolls nothing up: an unknown name there cannot matter
        bool nonzero = false;
        for (const table_cell& cell : row.cells)
            if (cell.value && cell.value->mantissa() != 0) nonzero = true;
        if (!nonzero) continue;
        std::string buf;
        const std::string_view name = strip_enumeration(row.name, buf);
        if (names_a_lei(*c.functional, name) || names_a_lei(*c.functional, std::string(name) + "支出")) continue;
        finding f;
        f.rule = "codes.lei_name";
        f.severity = severity::warning;
        f.locations.push_back(cell_location(r, ti, ri, std::nullopt));
        f.message_zh = long_name(t) + " 支出行 “" + row.name + "” 不是 " + std::to_string(c.functional->year()) +
                       " 年功能分类目录中的类级科目名称（目录不完整时请人工核对），该行无法与各项科目汇总数核对。";
        f.message_en = short_name(t) + ": the expenditure line '" + row.name + "' does not name a 类 of the " +
                       std::to_string(c.functional->year()) +
                       " functional catalog (partial catalog: please check); the line cannot be matched with the rolled-up 项 rows.";
        finding_meta m;
        m.table = static_cast<std::int32_t>(ti);
        m.row = static_cast<std::int32_t>(ri);
        c.add(std::move(f), m);
    }
}

}  // namespace

void run_codes(context& c) {
    const report& r = c.r;
    c.rules += 6;
    if (c.functional && c.catalog_year != r.meta.year && r.meta.year != 0 && !c.disabled("codes.catalog_year")) {
        ++c.rules;
        finding f;
        f.rule = "codes.catalog_year";
        f.severity = severity::info;
        f.message_zh = "报告年度 " + std::to_string(r.meta.year) + " 没有内置分类目录，使用 " +
                       std::to_string(c.catalog_year) + " 年目录核对科目。";
        f.message_en = "No catalog is embedded for " + std::to_string(r.meta.year) + "; codes are checked against the " +
                       std::to_string(c.catalog_year) + " catalog.";
        c.add(std::move(f));
    }
    if (!c.functional && !c.economic) {
        finding f;
        f.rule = "codes.unknown";
        f.severity = severity::unchecked;
        f.message_zh = "没有可用的分类目录，科目编码未检查。";
        f.message_en = "No classification catalog is available: codes were not checked.";
        c.add(std::move(f));
        return;
    }
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
        const table_kind k = r.tables[ti].kind;
        if (k == table_kind::income_expenditure_total || k == table_kind::fiscal_total)
            check_lei_lines(c, ti);
        else if (k != table_kind::three_public)
            check_table_codes(c, ti);
    }
}

}  // namespace caizheng::reconcile_detail
