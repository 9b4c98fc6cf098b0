// Tables from `pdftotext -layout` text: tokens with their character columns, values assigned
// to columns by the position of the header labels, values printed on the line above a row
// attached to that row, names wrapped onto following lines joined. See docs/import.md.
#include "layout.hpp"

#include "caizheng/parse.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

namespace caizheng::import_detail {

namespace {

/// A token and its character columns [b, e) (code points from the line start).
struct tok {
    std::string_view text;
    int b = 0;
    int e = 0;
    [[nodiscard]] int center2() const { return b + e; }  // twice the center, integer
};

int char_count(std::string_view s) {
    int n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

/// Tokens separated by runs of ≥ 2 spaces (single = false) or any space (single = true).
std::vector<tok> tokens(std::string_view l, bool single) {
    std::vector<tok> out;
    std::size_t i = 0;
    int col = 0;
    std::size_t start = std::string_view::npos;
    int start_col = 0;
    auto flush = [&](std::size_t end, int end_col) {
        if (start != std::string_view::npos) out.push_back({l.substr(start, end - start), start_col, end_col});
        start = std::string_view::npos;
    };
    while (i < l.size()) {
        const std::size_t n = space_at(l, i);
        if (!n) {
            if (start == std::string_view::npos) {
                start = i;
                start_col = col;
            }
            ++i;
            while (i < l.size() && (static_cast<unsigned char>(l[i]) & 0xC0) == 0x80) ++i;
            ++col;
            continue;
        }
        std::size_t j = i;
        int run = 0;
        int run_cols = 0;
        bool wide = false;
        while (j < l.size()) {
            const std::size_t m = space_at(l, j);
            if (!m) break;
            wide = wide || m == 3 || l[j] == '\t';
            run_cols += l[j] == '\t' ? 8 : (l[j] == '\f' || l[j] == '\v' ? 0 : 1);
            j += m;
            ++run;
        }
        if (single || run >= 2 || wide || j == l.size()) flush(i, col);
        col += run_cols;
        i = j;
    }
    flush(l.size(), col);
    return out;
}

bool is_amount(std::string_view t) {
    if (t.empty()) return false;
    const char c = t[0];
    if (!((c >= '0' && c <= '9') || c == '-' || c == '(')) return false;
    if (t.find('.') == std::string_view::npos && t.find(',') == std::string_view::npos && t != "0" && t != "-")
        return false;  // bare integers are codes or 行次, not amounts
    try {
        (void)parse_cell<wan_yuan>(t);
        return true;
    } catch (const error&) {
        return false;
    }
}

bool is_digits(std::string_view t, std::size_t n) { return t.size() == n && all_digits(t); }

struct value_tok {
    tok t;
    std::uint32_t line = 0;
};

table_cell cell_of(const value_tok& v, const warn_fn& warn, std::string_view line_text) {
    table_cell c;
    c.text = std::string(v.t.text);
    c.source = {v.line, 0, {}};
    try {
        if (const auto a = parse_cell<wan_yuan>(v.t.text)) c.value = decimal(a->raw(), 2);
    } catch (const error& e) {
        warn(warning_kind::bad_amount, v.line, line_text, std::string("\"") + std::string(v.t.text) + "\": " + e.what());
    }
    return c;
}

/// Label fragments that locate each column in the header lines.
std::vector<std::string_view> fragments(column_id id) {
    switch (id) {
        case column_id::total_income: return {"本年收入合", "本年收入"};
        case column_id::fiscal_appropriation_income: return {"财政拨款收", "财政拨款"};
        case column_id::superior_subsidy_income: return {"上级补助"};
        case column_id::business_income: return {"事业收"};
        case column_id::operating_income: return {"经营收"};
        case column_id::affiliated_remittance_income: return {"附属单"};
        case column_id::other_income: return {"其他收"};
        case column_id::total_expenditure: return {"本年支出合", "本年支出"};
        case column_id::basic_expenditure: return {"基本支出"};
        case column_id::project_expenditure: return {"项目支出", "项目支"};
        case column_id::remittance_to_superior: return {"上缴上级"};
        case column_id::operating_expenditure: return {"经营支"};
        case column_id::subsidy_to_affiliated: return {"对附属单位", "对附属"};
        case column_id::subtotal: return {"小计", "合计"};
        case column_id::total: return {"合计"};
        case column_id::general_budget: return {"一般公共预算"};
        case column_id::government_fund: return {"政府性基金"};
        case column_id::state_capital: return {"国有资本经营"};
        case column_id::opening_balance: return {"年初结转"};
        case column_id::current_income: return {"本年收入"};
        case column_id::closing_balance: return {"年末结转"};
        default: return {};
    }
}

/// Twice the character center of each column's label in the header lines, -1 if not found.
std::vector<int> column_centers(const std::vector<table_column>& cols, const std::vector<layout_line>& header,
                                row_side side = row_side::none, int min_col = 0) {
    std::vector<int> centers(cols.size(), -1);
    for (std::size_t c = 0; c < cols.size(); ++c) {
        if (side != row_side::none && cols[c].side != side) continue;
        for (auto frag : fragments(cols[c].id)) {
            for (const auto& h : header) {
                std::size_t from = 0;
                for (std::size_t p; (p = h.text.find(frag, from)) != std::string_view::npos; from = p + 1) {
                    const int col = char_count(h.text.substr(0, p));
                    if (col < min_col) continue;
                    centers[c] = 2 * col + char_count(frag) + (char_count(frag) < 4 ? 2 : 0);
                    break;
                }
                if (centers[c] >= 0) break;
            }
            if (centers[c] >= 0) break;
        }
    }
    return centers;
}

/// Assign values (sorted by position) to columns [first, last) monotonically, each to the
/// nearest label center. Unknown centers: values go in order.
std::vector<std::size_t> assign(const std::vector<value_tok>& vals, const std::vector<int>& centers, std::size_t first,
                                std::size_t last) {
    std::vector<std::size_t> out;
    std::size_t next = first;
    for (std::size_t k = 0; k < vals.size(); ++k) {
        const std::size_t remaining = vals.size() - k - 1;
        const std::size_t limit = last > remaining ? last - remaining : first;
        std::optional<std::size_t> best;
        int best_d = 0;
        for (std::size_t c = next; c < limit; ++c) {
            if (centers[c] < 0) continue;
            const int d = std::abs(vals[k].t.center2() - centers[c]);
            if (!best || d < best_d) {
                best = c;
                best_d = d;
            }
        }
        const std::size_t c = best ? *best : next;
        out.push_back(c);
        next = c + 1;
    }
    return out;
}

class layout_reader {
public:
    layout_reader(report_table& t, const std::vector<layout_line>& lines, const warn_fn& warn)
        : t_(t), lines_(lines), warn_(warn) {}

    void run() {
        switch (t_.kind) {
            case table_kind::income_expenditure_total:
            case table_kind::fiscal_total: halves(); break;
            case table_kind::basic_expenditure_detail: detail(); break;
            case table_kind::three_public: three_public(); break;
            default: code_table(); break;
        }
    }

private:
    report_table& t_;
    const std::vector<layout_line>& lines_;
    const warn_fn& warn_;

    void unplaced(const layout_line& l, std::string reason) { warn_(warning_kind::unplaced_line, l.no, l.text, std::move(reason)); }

    table_row new_row(std::string code, std::string_view name, std::uint32_t line, row_side side = row_side::none) {
        table_row r;
        r.code = std::move(code);
        r.printed_name = std::string(name);
        r.name = squeeze(name);
        r.role = role_of_name(r.name);
        r.side = side;
        r.source = {line, 0, {}};
        r.cells.resize(t_.columns.size());
        return r;
    }

    void place(table_row& r, std::vector<value_tok> vals, const std::vector<int>& centers, std::size_t first,
               std::size_t last, std::string_view line_text) {
        std::sort(vals.begin(), vals.end(), [](const value_tok& a, const value_tok& b) { return a.t.b < b.t.b; });
        if (vals.size() > last - first) {
            warn_(warning_kind::column_count, r.source.line, line_text,
                  std::to_string(vals.size()) + " amounts for " + std::to_string(last - first) + " columns; extra not imported");
            vals.resize(last - first);
        }
        const auto cols = assign(vals, centers, first, last);
        for (std::size_t k = 0; k < vals.size(); ++k) r.cells[cols[k]] = cell_of(vals[k], warn_, line_text);
    }

    // ---- 02, 03, 05, 07, 08 --------------------------------------------------------------------

    void code_table() {
        bool six = false;
        for (const auto& l : lines_) six = six || l.text.find("年初结转") != std::string_view::npos;
        t_.columns = standard_columns(t_.kind == table_kind::state_capital && six ? table_kind::government_fund : t_.kind);
        std::vector<layout_line> header;
        std::vector<int> centers;
        std::vector<value_tok> pending;
        std::uint32_t pending_line = 0;
        std::vector<std::vector<value_tok>> row_vals;  // per row, sorted by position
        std::vector<std::string_view> row_text;
        constexpr std::size_t no_row = static_cast<std::size_t>(-1);
        std::size_t last = no_row;        // index of the last row (a sentinel, not std::optional:
                                          // GCC 12 -O2 warns maybe-uninitialized on the optional)
        std::uint32_t last_line = 0;      // last line that added to it
        for (const auto& l : lines_) {
            const auto single = tokens(l.text, true);
            // classification code at the start: 201 [06 [01]]
            std::string code;
            std::size_t k = 0;
            int code_end = 0;
            if (!single.empty() && (is_digits(single[0].text, 3) || is_digits(single[0].text, 5) ||
                                    is_digits(single[0].text, 7))) {
                code = std::string(single[0].text);
                code_end = single[0].e;
                k = 1;
                while (code.size() < 7 && k < single.size() && k < 3 && is_digits(single[k].text, 2)) {
                    code += single[k].text;
                    code_end = single[k].e;
                    ++k;
                }
            }
            std::vector<value_tok> vals;
            std::string name;
            for (const auto& tk : tokens(l.text, false)) {
                if (tk.e <= code_end) continue;
                if (is_amount(tk.text)) {
                    vals.push_back({tk, l.no});
                } else {
                    std::string_view txt = tk.text;
                    if (tk.b < code_end) {  // the code and a name in one token ("201 06 行政运行")
                        const auto rest = tokens(txt, true);
                        std::string joined;
                        for (const auto& r : rest)
                            if (r.b + tk.b >= code_end) joined += std::string(r.text);
                        if (!name.empty()) name += " ";
                        name += joined;
                        continue;
                    }
                    if (!name.empty()) name += " ";
                    name += std::string(txt);
                }
            }
            const row_role role = role_of_name(squeeze(name));
            if (code.empty() && role == row_role::item) {
                if (name.empty() && !vals.empty()) {  // values printed above their row
                    if (pending.empty()) pending_line = l.no;
                    for (auto& v : vals) pending.push_back(v);
                    continue;
                }
                if (!name.empty() && vals.empty() && last != no_row && l.no == last_line + 1) {  // wrapped name
                    auto& r = t_.rows[last];
                    r.printed_name += r.printed_name.empty() ? name : "\n" + name;
                    r.name += squeeze(name);
                    last_line = l.no;
                    continue;
                }
                if (t_.rows.empty()) {
                    header.push_back(l);
                    continue;
                }
                unplaced(l, std::string("not a row of ") + table_kind_title(t_.kind));
                continue;
            }
            if (centers.empty()) centers = column_centers(t_.columns, header);
            if (!code.empty() && !is_functional_code(code)) {
                // Not a row the model can hold (validate() refuses it): the line stays in the
                // warning with its number; amounts printed above it are named in the reason.
                std::string reason = "\"" + code + "\" is not a 3/5/7-digit functional code; line not imported as a row";
                if (!pending.empty()) {
                    reason += " (with the amounts printed above it:";
                    // appended piece by piece: " " + std::string(…) here draws a false -Wrestrict from GCC 12 -O3
                    for (const auto& v : pending)
                        reason.append(" ").append(v.t.text).append(" on line ").append(std::to_string(v.line));
                    reason += ")";
                }
                warn_(warning_kind::malformed_code, l.no, l.text, std::move(reason));
                pending.clear();
                last = no_row;
                continue;
            }
            table_row r = new_row(code, name, l.no);
            for (auto& v : pending) vals.push_back(v);
            pending.clear();
            std::sort(vals.begin(), vals.end(), [](const value_tok& a, const value_tok& b) { return a.t.b < b.t.b; });
            if (vals.size() > t_.columns.size()) {
                warn_(warning_kind::column_count, l.no, l.text,
                      std::to_string(vals.size()) + " amounts for " + std::to_string(t_.columns.size()) +
                          " columns; extra not imported");
                vals.resize(t_.columns.size());
            }
            row_vals.push_back(std::move(vals));
            row_text.push_back(l.text);
            t_.rows.push_back(std::move(r));
            last = t_.rows.size() - 1;
            last_line = l.no;
        }
        if (!pending.empty())
            warn_(warning_kind::unplaced_line, pending_line, "", "amounts printed after the last row of " +
                                                                     std::string(table_kind_title(t_.kind)));
        if (centers.empty()) return;
        // Pass 1: by the header labels. Pass 2: numbers are right-aligned under their column, so
        // learn each column's right edge from pass 1 (median) and assign again by that edge.
        const std::size_t n = t_.columns.size();
        // Calibrate on the rows printing the most amounts (their assignment is the least
        // ambiguous: with as many amounts as columns it is forced).
        std::vector<std::vector<int>> edges(n);
        std::size_t most = 0;
        for (const auto& vals : row_vals) most = std::max(most, vals.size());
        for (const auto& vals : row_vals) {
            if (vals.size() != most) continue;
            const auto cols = assign(vals, centers, 0, n);
            for (std::size_t k = 0; k < vals.size(); ++k) edges[cols[k]].push_back(2 * vals[k].t.e);
        }
        std::vector<int> right(n, -1);
        for (std::size_t c = 0; c < n; ++c) {
            if (edges[c].empty()) {
                right[c] = centers[c] < 0 ? -1 : centers[c] + 4;
                continue;
            }
            std::nth_element(edges[c].begin(), edges[c].begin() + static_cast<std::ptrdiff_t>(edges[c].size() / 2), edges[c].end());
            right[c] = edges[c][edges[c].size() / 2];
        }
        for (std::size_t i = 0; i < row_vals.size(); ++i) {
            std::vector<value_tok> shifted = row_vals[i];
            for (auto& v : shifted) v.t.b = v.t.e;  // compare right edges: center2 = 2e
            const auto cols = assign(shifted, right, 0, n);
            for (std::size_t k = 0; k < row_vals[i].size(); ++k)
                t_.rows[i].cells[cols[k]] = cell_of(row_vals[i][k], warn_, row_text[i]);
        }
    }

    // ---- 01 and 04: two halves side by side ------------------------------------------------------

    static bool header_word(std::string_view w) {
        const std::string s = squeeze(w);
        static constexpr std::array<std::string_view, 14> words = {"收入", "支出", "项目", "决算数", "金额", "行次",
                                                                    "栏次", "合计", "财", "算", "预", "款",
                                                                    "政拨款", "算财政拨"};
        for (auto x : words)
            if (s == x) return true;
        return s.find("预算") != std::string::npos || s.find("财政拨款") != std::string::npos ||
               s.find("政府性基金预") != std::string::npos || s.find("国有资本经营") != std::string::npos;
    }

    /// 04's fund columns (一般公共预算 / 政府性基金 / 国有资本经营 财政拨款) of the 支出 rows.
    /// pdftotext keeps no cell boundaries and prints these headers vertically and wrapped, so
    /// an amount's column is read from its position: amounts are right-aligned, so the right
    /// edge of a fund column is its label's center plus the offset that the 合计 column shows
    /// between its label and its amounts (median over the table). An amount is placed without
    /// warning only when (a) it is clearly nearer one fund column's edge than any other (by
    /// at least 4 characters), (b) the amounts of the row go to different columns, and (c)
    /// they add up exactly to the row's 合计. Any other row is placed by nearest label and
    /// gets a column_count warning naming its line.
    template <class FundRow>
    void place_funds(std::vector<table_row>& rows, std::vector<FundRow>& funds, const std::vector<int>& centers,
                     std::size_t nl, const std::vector<int>& total_edges2) {
        const std::size_t n = t_.columns.size();
        std::vector<int> offsets;  // 2 × (right edge of a 合计 amount) − 2 × (合计 label center)
        if (centers[nl] >= 0)
            for (const int e2 : total_edges2) offsets.push_back(e2 - centers[nl]);
        int offset = 0;
        const bool calibrated = !offsets.empty();
        if (calibrated) {
            std::nth_element(offsets.begin(), offsets.begin() + static_cast<std::ptrdiff_t>(offsets.size() / 2), offsets.end());
            offset = offsets[offsets.size() / 2];
        }
        for (auto& f : funds) {
            table_row& r = rows[f.row];
            std::vector<std::size_t> cols;
            bool certain = calibrated;
            for (const auto& v : f.vals) {
                std::optional<std::size_t> best;
                int best_d = 0, second_d = 1 << 20;
                for (std::size_t c = nl + 1; c < n; ++c) {
                    if (centers[c] < 0) {
                        certain = false;
                        continue;
                    }
                    const int d = std::abs(2 * v.t.e - (centers[c] + offset));
                    if (!best || d < best_d) {
                        second_d = best ? best_d : second_d;
                        best = c;
                        best_d = d;
                    } else if (d < second_d) {
                        second_d = d;
                    }
                }
                if (!best || second_d - best_d < 8) certain = false;
                cols.push_back(best ? *best : nl + 1);
            }
            for (std::size_t i = 0; i < cols.size(); ++i)
                for (std::size_t j = i + 1; j < cols.size(); ++j) certain = certain && cols[i] != cols[j];
            if (certain) {  // (c): the fund amounts add up to 合计
                std::vector<table_cell> cells;
                for (const auto& v : f.vals) cells.push_back(cell_of(v, warn_, f.text));
                decimal sum(0, 2);
                bool all = r.cells[nl].value.has_value();
                for (const auto& c : cells) {
                    if (!c.value) {
                        all = false;
                        break;
                    }
                    std::int64_t m = 0;
                    if (c.value->scale() != 2 || __builtin_add_overflow(sum.mantissa(), c.value->mantissa(), &m)) {
                        all = false;
                        break;
                    }
                    sum = decimal(m, 2);
                }
                if (all && sum == *r.cells[nl].value) {
                    for (std::size_t i = 0; i < cols.size(); ++i) r.cells[cols[i]] = std::move(cells[i]);
                    continue;
                }
            }
            warn_(warning_kind::column_count, r.source.line, f.text,
                  "layout text: the 一般公共预算/政府性基金/国有资本经营 column of the amounts after 合计 is not "
                  "certain (position ambiguous or the amounts do not add up to 合计); placed by header position, "
                  "check against the PDF");
            place(r, f.vals, centers, nl + 1, n, f.text);
        }
    }

    void halves() {
        t_.columns = standard_columns(t_.kind);
        std::size_t nl = 0;
        for (const auto& c : t_.columns) nl += c.side == row_side::income ? 1 : 0;
        // where the 支出 half begins: the second name of lines printing both halves
        int split = 1 << 20;
        std::size_t first_data = lines_.size();
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const auto tk = tokens(lines_[i].text, false);
            bool any_amount = false, all_header = !tk.empty();
            for (const auto& x : tk) {
                any_amount = any_amount || is_amount(x.text);
                all_header = all_header && header_word(x.text);
            }
            if (first_data == lines_.size() && !all_header) first_data = i;
            std::vector<tok> texts;
            for (const auto& x : tk)
                if (!is_amount(x.text)) texts.push_back(x);
            if (texts.size() >= 2 && !all_header && texts[0].b < 20) split = std::min(split, texts[1].b);
        }
        if (split == (1 << 20)) split = 30;
        std::vector<layout_line> header(lines_.begin(), lines_.begin() + static_cast<std::ptrdiff_t>(first_data));
        const auto centers_r = column_centers(t_.columns, header, row_side::expenditure, split);
        std::vector<int> centers(t_.columns.size(), -1);
        for (std::size_t c = 0; c < centers.size(); ++c) centers[c] = centers_r[c];
        std::array<std::vector<table_row>, 2> side_rows;
        std::array<std::vector<value_tok>, 2> pending;
        // 04: the fund amounts of each 支出 row (after its 合计), placed once all rows are read
        struct fund_row {
            std::size_t row = 0;  // index in side_rows[1]
            std::vector<value_tok> vals;
            std::string_view text;
        };
        std::vector<fund_row> funds;
        std::vector<int> total_edges2;  // 2 × right edge of each 合计 amount
        for (std::size_t i = first_data; i < lines_.size(); ++i) {
            const auto& l = lines_[i];
            std::array<std::vector<value_tok>, 2> vals;
            std::array<std::string, 2> name;
            for (const auto& x : tokens(l.text, false)) {
                const std::size_t s = x.b >= split - 1 ? 1 : 0;
                if (is_amount(x.text)) {
                    vals[s].push_back({x, l.no});
                } else {
                    if (!name[s].empty()) name[s] += " ";
                    name[s] += std::string(x.text);
                }
            }
            for (std::size_t s = 0; s < 2; ++s) {
                const row_side side = s == 0 ? row_side::income : row_side::expenditure;
                if (name[s].empty()) {
                    for (auto& v : vals[s]) pending[s].push_back(v);
                    continue;
                }
                const std::string sq = squeeze(name[s]);
                if (vals[s].empty() && !side_rows[s].empty() && char_count(sq) <= 3 && role_of_name(sq) == row_role::item &&
                    sq.find("、") == std::string::npos) {
                    auto& r = side_rows[s].back();  // a name wrapped onto the next line
                    r.printed_name += "\n" + name[s];
                    r.name += sq;
                    continue;
                }
                table_row r = new_row("", name[s], l.no, side);
                for (auto& v : pending[s]) vals[s].push_back(v);
                pending[s].clear();
                if (s == 0) {
                    place(r, vals[s], std::vector<int>(t_.columns.size(), -1), 0, nl, l.text);
                } else {
                    std::sort(vals[s].begin(), vals[s].end(), [](const value_tok& a, const value_tok& b) { return a.t.b < b.t.b; });
                    // the first amount of a row is its 合计 (column nl); the rest by position
                    if (!vals[s].empty()) {
                        r.cells[nl] = cell_of(vals[s][0], warn_, l.text);
                        total_edges2.push_back(2 * vals[s][0].t.e);
                        std::vector<value_tok> rest(vals[s].begin() + 1, vals[s].end());
                        if (nl + 1 < t_.columns.size() && !rest.empty())
                            funds.push_back({side_rows[1].size(), std::move(rest), l.text});
                        else if (!rest.empty())
                            warn_(warning_kind::column_count, l.no, l.text, "more amounts than the 支出 half holds");
                    }
                }
                side_rows[s].push_back(std::move(r));
            }
        }
        if (!funds.empty()) place_funds(side_rows[1], funds, centers, nl, total_edges2);
        for (std::size_t s = 0; s < 2; ++s) {
            if (!pending[s].empty())
                warn_(warning_kind::unplaced_line, pending[s].front().line, "",
                      "amounts without a row in the " + std::string(s == 0 ? "收入" : "支出") + " half");
            for (auto& r : side_rows[s]) t_.rows.push_back(std::move(r));
        }
    }

    // ---- 06: groups side by side, codes split over lines, records between blank lines --------

    struct entry {
        std::string lei, kuan, name, printed;
        std::vector<value_tok> vals;
        std::uint32_t line = 0;
        [[nodiscard]] bool empty() const { return lei.empty() && kuan.empty() && name.empty() && vals.empty(); }
    };

    void detail() {
        t_.columns = standard_columns(t_.kind);
        int split = 1 << 20;
        for (const auto& l : lines_)
            for (const auto& x : tokens(l.text, true))
                if (x.b >= 10 && is_digits(x.text, 3)) split = std::min(split, x.b);
        if (split == (1 << 20)) split = 36;
        std::array<std::vector<table_row>, 2> groups;
        std::vector<table_row> totals;
        std::array<entry, 2> cur;
        auto flush = [&](std::size_t g) {
            entry& e = cur[g];
            if (e.empty()) return;
            std::string code = e.lei + e.kuan;
            table_row r = new_row(code, e.printed, e.line);
            if (!code.empty() && !is_economic_code(code)) {  // cannot happen (3 + 2 digits); never a row validate() refuses
                warn_(warning_kind::malformed_code, e.line, e.printed,
                      "\"" + code + "\" is not a 3/5-digit economic code; entry not imported as a row");
                e = entry{};
                return;
            }
            if (e.vals.size() > 1)
                warn_(warning_kind::column_count, e.line, e.printed, "several amounts for one 06 row; the first is kept");
            if (!e.vals.empty()) r.cells[0] = cell_of(e.vals[0], warn_, e.printed);
            if (code.empty() && r.role == row_role::item) {
                if (!e.name.empty() || !e.vals.empty())
                    warn_(warning_kind::unplaced_line, e.line, e.printed, "06 entry without economic code");
            } else if (code.empty()) {
                totals.push_back(std::move(r));
            } else {
                groups[g].push_back(std::move(r));
            }
            e = entry{};
        };
        bool started = false;
        for (const auto& l : lines_) {
            const auto single = tokens(l.text, true);
            if (!started) {  // header lines: until the first 3-digit code
                bool code = false;
                for (const auto& x : single) code = code || is_digits(x.text, 3);
                bool amount = false;
                for (const auto& x : single) amount = amount || is_amount(x.text);
                if (!code && !amount) continue;
                started = true;
            }
            for (const auto& x : tokens(l.text, false)) {
                const std::size_t g = x.b >= split - 1 ? 1 : 0;
                entry& e = cur[g];
                // a token may be "303    04" (code parts) or "01   办公费" (款 and name)
                for (const auto& part : tokens(x.text, true)) {
                    const std::string_view p = part.text;
                    if (is_digits(p, 3)) {
                        if (!e.lei.empty()) flush(g);
                        cur[g].lei = std::string(p);
                        if (!cur[g].line) cur[g].line = l.no;
                    } else if (is_digits(p, 2) && !e.lei.empty() && e.kuan.empty()) {
                        e.kuan = std::string(p);
                    } else if (is_amount(p)) {
                        if (!e.vals.empty() || (!e.lei.empty() && !e.name.empty() && l.no != e.line)) flush(g);
                        cur[g].vals.push_back({{p, x.b, x.e}, l.no});
                        if (!cur[g].line) cur[g].line = l.no;
                    } else {
                        if (!e.printed.empty() && e.name.size() && !e.printed.ends_with(' ')) e.printed += ' ';
                        e.printed += std::string(p);
                        e.name += std::string(p);
                        if (!e.line) e.line = l.no;
                        if (role_of_name(squeeze(e.name)) != row_role::item) flush(g);
                    }
                }
            }
        }
        (void)0;
        flush(0);
        flush(1);
        // a blank line ends an entry: the body lines keep blank lines out, so entries end at the
        // next code; totals are flushed when their name ends with 合计.
        for (auto& g : groups)
            for (auto& r : g) t_.rows.push_back(std::move(r));
        for (auto& r : totals) t_.rows.push_back(std::move(r));
    }

    // ---- 09: 预算数/决算数 pairs per column ----------------------------------------------------

    void three_public() {
        t_.columns = standard_columns(t_.kind);
        const std::size_t n = t_.columns.size();
        std::vector<tok> heads;
        std::size_t head_line = lines_.size();
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            std::vector<tok> h;
            for (const auto& x : tokens(lines_[i].text, true)) {
                const std::string s = squeeze(x.text);
                if (s == "预算数" || s == "决算数") h.push_back(x);
            }
            if (h.size() == 2 * n) {
                heads = h;
                head_line = i;
                break;
            }
        }
        table_row budget = new_row("", "预算数", 0, row_side::budget);
        table_row actual = new_row("", "决算数", 0, row_side::actual);
        bool any = false;
        for (std::size_t i = head_line == lines_.size() ? 0 : head_line + 1; i < lines_.size(); ++i) {
            const auto& l = lines_[i];
            std::vector<tok> vals;
            bool other = false;
            for (const auto& x : tokens(l.text, false)) {
                if (is_amount(x.text)) vals.push_back(x);
                else other = true;
            }
            if (vals.empty() || other || heads.empty()) {
                if (!heads.empty() || !vals.empty()) unplaced(l, "not a row of 财政拨款“三公”经费支出决算表");
                continue;
            }
            for (const auto& v : vals) {
                std::size_t best = 0;
                for (std::size_t k = 1; k < heads.size(); ++k)
                    if (std::abs(v.center2() - heads[k].center2()) < std::abs(v.center2() - heads[best].center2())) best = k;
                const bool is_budget = squeeze(heads[best].text) == "预算数";
                table_row& r = is_budget ? budget : actual;
                const std::size_t c = best / 2;
                if (r.cells[c].value)
                    warn_(warning_kind::column_count, l.no, l.text, "two amounts for one 09 cell; the first is kept");
                else
                    r.cells[c] = cell_of({v, l.no}, warn_, l.text);
                if (!r.source.line) r.source.line = l.no;
                any = true;
            }
        }
        if (head_line == lines_.size() && !lines_.empty())
            warn_(warning_kind::column_count, lines_.front().no, lines_.front().text,
                  "09 in layout text without a 预算数/决算数 header line of " + std::to_string(2 * n) + " labels");
        (void)any;
        t_.rows.push_back(std::move(budget));
        t_.rows.push_back(std::move(actual));
    }
};

}  // namespace

void read_layout_table(report_table& t, const std::vector<layout_line>& lines, const warn_fn& warn) {
    layout_reader(t, lines, warn).run();
}

}  // namespace caizheng::import_detail
