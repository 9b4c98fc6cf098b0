// HTML output: one self-contained page (inline CSS, no script, no external resource). Each table
// is drawn with the cells of findings highlighted and numbered; the findings sit beside it.
#include "detail.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace caizheng {

using namespace reconcile_detail;

namespace {

/// Text to be written HTML-escaped (& < > "), streamed into text_out: esc(x).
struct esc {
    std::string_view text;
    explicit esc(std::string_view t) : text(t) {}
    friend text_out& operator<<(text_out& o, const esc& e) {
        // Runs without a special character are appended whole (a byte at a time cost ≈ 15
        // instructions per byte of the ≈ 100 kB page).
        const std::string_view s = e.text;
        std::size_t run = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c > '>') continue;  // letters, UTF-8 sequences: nothing to escape
            std::string_view entity;
            switch (c) {
                case '&': entity = "&amp;"; break;
                case '<': entity = "&lt;"; break;
                case '>': entity = "&gt;"; break;
                case '"': entity = "&quot;"; break;
                default: continue;
            }
            o.s.append(s.data() + run, i - run);
            o.s += entity;
            run = i + 1;
        }
        o.s.append(s.data() + run, s.size() - run);
        return o;
    }
};

const char* sev_class(severity s) { return labels_of(s).tag; }
const char* sev_label(severity s) { return labels_of(s).badge; }

constexpr const char* css = R"css(
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
 color:#1f2328;background:#f4f5f7;font-size:14px;line-height:1.5}
header{background:#1f2a44;color:#fff;padding:22px 32px}
header h1{margin:0 0 6px;font-size:22px;font-weight:600}
header .sub{opacity:.8;font-size:13px}
.badges{margin-top:12px;display:flex;gap:8px;flex-wrap:wrap}
.badge{display:inline-block;border-radius:999px;padding:3px 12px;font-size:13px;font-weight:600}
.badge.error{background:#fde7e9;color:#b3261e}.badge.warning{background:#fef3d6;color:#8a5a00}
.badge.tail{background:#dff4f8;color:#0b6e7d}.badge.unchecked{background:#efe6fb;color:#6a3fb5}
.badge.info{background:#e6eefc;color:#1f4fa3}.badge.ok{background:#e3f4e6;color:#1e7b34}
main{padding:20px 32px 48px;max-width:1500px}
.overview{background:#fff;border-radius:10px;padding:16px 20px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:22px}
.overview h2{margin:0 0 8px;font-size:16px}
.overview ol{margin:0;padding-left:22px}.overview li{margin:4px 0}
.overview .legend{margin-top:10px;font-size:12px;color:#57606a}
section.tbl{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:22px;overflow:hidden}
section.tbl>h2{margin:0;padding:12px 20px;font-size:16px;border-bottom:1px solid #e6e8eb;display:flex;align-items:center;gap:10px}
section.tbl>h2 .num{color:#57606a;font-weight:500}
section.tbl.clean>h2::after{content:"✓ 无问题 all checks pass";margin-left:auto;color:#1e7b34;font-size:13px;font-weight:500}
.grid{display:flex;gap:0;align-items:flex-start}
.tablewrap{flex:1 1 auto;overflow-x:auto;padding:14px 16px}
aside{flex:0 0 430px;border-left:1px solid #e6e8eb;padding:14px 16px;background:#fafbfc;align-self:stretch}
aside:empty{display:none}
table{border-collapse:collapse;font-size:13px;min-width:100%}
th,td{border:1px solid #d8dce0;padding:4px 8px;white-space:nowrap}
th{background:#f0f2f4;font-weight:600;text-align:center;font-size:12px}
td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:"DejaVu Sans Mono",ui-monospace,monospace}
td.code{color:#57606a;font-family:"DejaVu Sans Mono",ui-monospace,monospace}
tr.total td{font-weight:600;background:#f7f8fa}
tr.side td.sidehead{background:#eef1f5;font-weight:600;color:#344054}
td.error{background:#fde7e9;outline:2px solid #d93025;outline-offset:-2px}
td.warning{background:#fef3d6;outline:2px solid #e0a100;outline-offset:-2px}
td.tail{background:#dff4f8;outline:2px dashed #12a1b5;outline-offset:-2px}
td.unchecked{background:#efe6fb}
td.info{background:#e6eefc}
tr.ghost td{border:2px dashed #d93025;color:#b3261e;background:repeating-linear-gradient(135deg,#fff,#fff 6px,#fdf0f1 6px,#fdf0f1 12px)}
sup.m{font-size:10px;font-weight:700;margin-left:3px}
sup.m a{color:inherit;text-decoration:none;border-radius:3px;padding:0 3px;color:#fff}
sup.m a.error{background:#d93025}sup.m a.warning{background:#c98a00}sup.m a.tail{background:#12a1b5}
sup.m a.unchecked{background:#7c4dcc}sup.m a.info{background:#3a6fd8}
.card{background:#fff;border:1px solid #e1e4e8;border-left:5px solid #999;border-radius:6px;padding:8px 10px;margin-bottom:10px}
.card.error{border-left-color:#d93025}.card.warning{border-left-color:#e0a100}.card.tail{border-left-color:#12a1b5}
.card.unchecked{border-left-color:#7c4dcc}.card.info{border-left-color:#3a6fd8}
.card.child{margin-left:18px;border-style:dashed;border-left-style:solid}
.card .head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.card .src{font-size:12px;color:#57606a;margin-top:2px}
.card .id{font-weight:700}
.card .rule{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:12px;color:#57606a}
.card .sev{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.02em}
.card.error .sev{color:#b3261e}.card.warning .sev{color:#8a5a00}.card.tail .sev{color:#0b6e7d}
.card.unchecked .sev{color:#6a3fb5}.card.info .sev{color:#1f4fa3}
.figs{margin:4px 0;font-size:12px;display:flex;gap:10px;flex-wrap:wrap}
.figs span{background:#f3f4f6;border-radius:4px;padding:1px 6px;font-family:"DejaVu Sans Mono",ui-monospace,monospace}
.zh{margin:2px 0}.en{margin:2px 0;color:#57606a;font-size:12.5px}
.links{font-size:12px;margin-top:3px}.links a{color:#1f4fa3}
.other{background:#fff;border-radius:10px;padding:14px 20px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:22px}
.other h2{margin:0 0 10px;font-size:16px}
.cols{columns:2 520px;column-gap:16px}.cols .card{break-inside:avoid}
footer{color:#57606a;font-size:12px;padding:0 32px 30px}
)css";

struct cell_key {
    std::size_t table, row, column;  // column == npos: the row's name cell
    friend bool operator<(const cell_key& a, const cell_key& b) {
        return std::tie(a.table, a.row, a.column) < std::tie(b.table, b.row, b.column);
    }
};
constexpr std::size_t npos = static_cast<std::size_t>(-1);

struct ghost {
    std::string code, name, note;
    std::vector<std::size_t> findings;
};

class page {
public:
    page(const report& r, const reconcile_result& res, const render_options& o) : r_(r), res_(res), o_(o) {
        for (std::size_t i = 0; i < res.findings.size(); ++i) place(i);
        for (std::size_t i = 0; i < res.cause.size(); ++i)
            if (res.cause[i] >= 0) children_[static_cast<std::size_t>(res.cause[i])].push_back(i);
    }

    std::string render() {
        text_out os;
        os.s.reserve(64 * 1024 + res_.findings.size() * 1024);
        os << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           << "<title>" << esc(r_.meta.department) << " " << r_.meta.year << " 决算核对 reconciliation</title><style>"
           << css << "</style></head><body>\n";
        header(os);
        os << "<main>\n";
        overview(os);
        for (std::size_t t = 0; t < r_.tables.size(); ++t) table(os, t);
        others(os);
        os << "</main><footer>caizheng — 金额精确计算（无二进制浮点）；尾数误差上限 ⌊n/2⌋ 分（n 个非零舍入分项）。"
           << " Exact decimal arithmetic; tail-difference bound ⌊n/2⌋ hundredths for n rounded non-zero parts. "
           << "Rules: docs/rules.md.</footer></body></html>\n";
        return std::move(os.s);
    }

private:
    const report& r_;
    const reconcile_result& res_;
    const render_options& o_;
    std::map<cell_key, std::vector<std::size_t>> marks_;
    std::map<std::size_t, std::vector<ghost>> ghosts_;  // per table
    std::map<std::size_t, std::vector<std::size_t>> by_table_;  // table → findings (primary)
    std::vector<std::size_t> unplaced_;
    std::map<std::size_t, std::vector<std::size_t>> children_;

    std::optional<std::size_t> find_row(const report_table& t, const finding_location& l) const {
        if (!l.row.empty())
            for (std::size_t i = 0; i < t.rows.size(); ++i)
                if (row_key(t.rows[i]) == l.row) return i;
        return std::nullopt;
    }
    std::optional<std::size_t> find_col(const report_table& t, const finding_location& l) const {
        if (t.columns.size() == 1) return 0;
        if (l.column == 0) return std::nullopt;
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].number == l.column) return i;
        return std::nullopt;
    }

    void place(std::size_t i) {
        const finding& f = res_.findings[i];
        bool primary = true;
        bool placed = false;
        for (const finding_location& l : f.locations) {
            if (!l.table) {
                primary = false;
                continue;
            }
            const std::int32_t ti = table_index(r_, *l.table);
            if (ti < 0) {
                primary = false;
                continue;
            }
            const std::size_t t = static_cast<std::size_t>(ti);
            const report_table& tb = r_.tables[t];
            if (primary) {
                by_table_[t].push_back(i);
                placed = true;
            }
            const auto row = find_row(tb, l);
            if (row) {
                const auto col = l.column == 0 && tb.columns.size() > 1 ? std::nullopt : find_col(tb, l);
                marks_[{t, *row, col.value_or(npos)}].push_back(i);
            } else if (primary && !l.row.empty() && f.severity == severity::error) {
                // a row the table lacks: drawn as a ghost row
                auto& g = ghosts_[t];
                auto it = std::find_if(g.begin(), g.end(), [&](const ghost& x) { return x.code == l.row; });
                if (it == g.end()) {
                    ghost x;
                    x.code = l.row;
                    x.name = l.row_name;
                    if (f.expected) x.note = "缺少此行 missing — " + f.expected->to_string();
                    g.push_back(x);
                    it = g.end() - 1;
                }
                it->findings.push_back(i);
            } else if (primary && l.row.empty() && !l.text.empty()) {
                // a table-level statement (本表无数据)
            }
            primary = false;
        }
        if (!placed) unplaced_.push_back(i);
    }

    static severity worst(const reconcile_result& res, const std::vector<std::size_t>& ids) {
        severity w = severity::info;
        for (std::size_t i : ids)
            if (static_cast<int>(res.findings[i].severity) < static_cast<int>(w)) w = res.findings[i].severity;
        return w;
    }

    void markers(text_out& os, const std::vector<std::size_t>& ids) const {
        for (std::size_t i : ids)
            os << "<sup class=\"m\"><a class=\"" << sev_class(res_.findings[i].severity) << "\" href=\"#f" << (i + 1)
               << "\">" << (i + 1) << "</a></sup>";
    }

    void header(text_out& os) const {
        os << "<header><h1>" << esc(r_.meta.department.empty() ? "部门决算" : r_.meta.department) << " "
           << r_.meta.year << " 年度部门决算 · 核对报告</h1><div class=\"sub\">Reconciliation of the "
           << r_.meta.year << " final accounts · " << res_.rules_evaluated << " 条规则 rules · "
           << r_.tables.size() << " 张表 tables · 金额单位 " << unit_symbol(r_.meta.unit) << "</div><div class=\"badges\">";
        bool any = false;
        for (severity s : {severity::error, severity::warning, severity::tail_difference, severity::unchecked, severity::info}) {
            const std::size_t n = res_.count(s);
            if (n == 0) continue;
            any = true;
            os << "<span class=\"badge " << sev_class(s) << "\">" << n << " " << sev_label(s) << "</span>";
        }
        if (!any) os << "<span class=\"badge ok\">全部核对无误 · everything adds up</span>";
        os << "</div></header>\n";
    }

    void overview(text_out& os) const {
        std::vector<std::size_t> roots;
        for (std::size_t i = 0; i < res_.findings.size(); ++i)
            if (res_.findings[i].severity == severity::error && (i >= res_.cause.size() || res_.cause[i] < 0))
                roots.push_back(i);
        os << "<div class=\"overview\"><h2>需要更正的问题 · What to fix (" << roots.size() << ")</h2>";
        if (roots.empty()) {
            os << "<p>没有错误。No errors.</p>";
        } else {
            os << "<ol>";
            for (std::size_t i : roots) {
                const finding& f = res_.findings[i];
                os << "<li><a href=\"#f" << (i + 1) << "\">#" << (i + 1) << "</a> ";
                if (o_.language != message_language::en) os << esc(f.message_zh);
                else os << esc(f.message_en);
                const auto it = children_.find(i);
                if (it != children_.end())
                    os << " <b>(+" << it->second.size() << " 项连带 consequences)</b>";
                os << "</li>";
            }
            os << "</ol>";
        }
        os << "<div class=\"legend\">红框 = 错误；黄框 = 提示；青色虚线 = 尾数误差（在 ⌊n/2⌋ 分上限之内，不是错误）；"
              "虚线红行 = 表中缺少的行。 Red = error, amber = warning, dashed teal = tail difference (within "
              "⌊n/2⌋ hundredths, not an error), dashed red row = a row the table lacks.</div></div>\n";
    }

    void card(text_out& os, std::size_t i, bool child) const {
        const finding& f = res_.findings[i];
        os << "<div class=\"card " << sev_class(f.severity) << (child ? " child" : "") << "\" id=\"f" << (i + 1)
           << "\"><div class=\"head\"><span class=\"id\">#" << (i + 1) << "</span><span class=\"sev\">"
           << sev_label(f.severity) << "</span><span class=\"rule\">" << esc(f.rule) << "</span></div>";
        if (f.found || f.expected || f.difference || f.bound) {
            os << "<div class=\"figs\">";
            if (f.found) os << "<span>印出 found " << esc(f.found->to_string()) << "</span>";
            if (f.expected) os << "<span>应为 expected " << esc(f.expected->to_string()) << "</span>";
            if (f.difference) os << "<span>差 diff " << esc(f.difference->to_string()) << "</span>";
            if (f.bound) os << "<span>尾差上限 bound " << esc(f.bound->to_string()) << "</span>";
            if (!f.unit.empty()) os << "<span>" << esc(f.unit) << "</span>";
            os << "</div>";
        }
        if (o_.language != message_language::en) os << "<div class=\"zh\">" << esc(f.message_zh) << "</div>";
        if (o_.language != message_language::zh) os << "<div class=\"en\">" << esc(f.message_en) << "</div>";
        sources(os, f);
        const std::int32_t c = i < res_.cause.size() ? res_.cause[i] : -1;
        const auto it = children_.find(i);
        if (c >= 0 || it != children_.end()) {
            os << "<div class=\"links\">";
            if (c >= 0) os << "原因 cause: <a href=\"#f" << (c + 1) << "\">#" << (c + 1) << "</a> ";
            if (it != children_.end()) {
                os << "连带 consequences:";
                for (std::size_t k : it->second) os << " <a href=\"#f" << (k + 1) << "\">#" << (k + 1) << "</a>";
            }
            os << "</div>";
        }
        os << "</div>\n";
    }

    // Where the finding's figures were read: source line, and for a PDF page and position
    // (top-left corner in points), so a reviewer finds them in the published document.
    static void sources(text_out& os, const finding& f) {
        bool any = false;
        for (const finding_location& l : f.locations) {
            if (l.source.line == 0 && !l.source.box) continue;
            os << (any ? " · " : "<div class=\"src\">来源 source: ");
            any = true;
            if (!l.row.empty()) os << esc(l.row) << ' ';
            if (l.source.line != 0) os << "line " << l.source.line;
            if (const auto& b = l.source.box)
                os << (l.source.line != 0 ? ", " : "") << "p. " << b->page << " (" << b->x0 / 100 << ", "
                   << b->y0 / 100 << ") pt";
        }
        if (any) os << "</div>";
    }

    /// The cell as printed: its text, else its value.
    static void cell_text(text_out& os, const table_cell& c) {
        if (!c.text.empty()) os << esc(c.text);
        else if (c.value) os << esc(c.value->to_string());
    }

    void table_rows(text_out& os, std::size_t t, std::optional<row_side> side,
                    const std::vector<std::size_t>& cols) const {
        const report_table& tb = r_.tables[t];
        for (std::size_t ri = 0; ri < tb.rows.size(); ++ri) {
            const table_row& row = tb.rows[ri];
            if (side && row.side != *side) continue;
            const bool total = row.role == row_role::total || row.role == row_role::subtotal || row.role == row_role::grand_total;
            os << "<tr" << (total ? " class=\"total\"" : "") << ">";
            const auto nm = marks_.find({t, ri, npos});
            std::string key = row.code;
            if (key.empty() && row.line_number) key = std::to_string(*row.line_number);
            if (nm != marks_.end()) {
                os << "<td class=\"code " << sev_class(worst(res_, nm->second)) << "\">" << esc(key) << "</td><td class=\""
                   << sev_class(worst(res_, nm->second)) << "\">" << esc(row.printed_name.empty() ? row.name : row.printed_name);
                markers(os, nm->second);
                os << "</td>";
            } else {
                os << "<td class=\"code\">" << esc(key) << "</td><td>"
                   << esc(row.printed_name.empty() ? row.name : row.printed_name) << "</td>";
            }
            for (std::size_t ci : cols) {
                const auto m = marks_.find({t, ri, ci});
                os << "<td class=\"num";
                if (m != marks_.end()) os << " " << sev_class(worst(res_, m->second));
                os << "\">";
                if (ci < row.cells.size()) cell_text(os, row.cells[ci]);
                if (m != marks_.end()) markers(os, m->second);
                os << "</td>";
            }
            os << "</tr>\n";
        }
    }

    void table(text_out& os, std::size_t t) const {
        const report_table& tb = r_.tables[t];
        const auto fi = by_table_.find(t);
        const bool clean = fi == by_table_.end();
        os << "<section class=\"tbl" << (clean ? " clean" : "") << "\" id=\"t" << t << "\"><h2><span class=\"num\">"
           << esc(long_name(tb)) << "</span> " << esc(table_kind_title(tb.kind)) << "</h2><div class=\"grid\"><div class=\"tablewrap\">";
        if (tb.no_data) os << "<p><i>" << esc(tb.no_data->text) << "</i></p>";
        // sides: 01/04 print 收入 and 支出 halves; draw each with its own columns
        std::vector<std::optional<row_side>> sides;
        bool sided = false;
        for (const table_column& c : tb.columns)
            if (c.side == row_side::income || c.side == row_side::expenditure) sided = true;
        if (sided)
            sides = {row_side::income, row_side::expenditure};
        else
            sides = {std::nullopt};
        for (const auto& side : sides) {
            std::vector<std::size_t> cols;
            for (std::size_t ci = 0; ci < tb.columns.size(); ++ci)
                if (!side || tb.columns[ci].side == row_side::none || tb.columns[ci].side == *side) cols.push_back(ci);
            os << "<table>";
            if (side) os << "<tr class=\"side\"><td class=\"sidehead\" colspan=\"" << cols.size() + 2 << "\">"
                         << (*side == row_side::income ? "收入 income" : "支出 expenditure") << "</td></tr>";
            os << "<tr><th>" << (tb.kind == table_kind::income_expenditure_total || tb.kind == table_kind::fiscal_total ? "行次" : "科目编码")
               << "</th><th>项目 / 科目名称</th>";
            for (std::size_t ci : cols) {
                const table_column& c = tb.columns[ci];
                os << "<th>" << esc(c.label);
                if (c.number > 0) os << "<br><span style=\"font-weight:400;color:#57606a\">" << c.number << "</span>";
                os << "</th>";
            }
            os << "</tr>\n";
            table_rows(os, t, side, cols);
            if (!side || *side != row_side::income) {
                const auto g = ghosts_.find(t);
                if (g != ghosts_.end())
                    for (const ghost& x : g->second) {
                        os << "<tr class=\"ghost\"><td class=\"code\">" << esc(x.code) << "</td><td>" << esc(x.name);
                        markers(os, x.findings);
                        os << "</td><td colspan=\"" << cols.size() << "\">" << esc(x.note) << "</td></tr>\n";
                    }
            }
            os << "</table>";
            if (sides.size() > 1) os << "<div style=\"height:10px\"></div>";
        }
        os << "</div><aside>";
        if (!clean) {
            for (std::size_t i : fi->second) {
                const std::int32_t c = i < res_.cause.size() ? res_.cause[i] : -1;
                // a consequence is drawn under its root when the root is in this table
                if (c >= 0) {
                    const auto& list = fi->second;
                    if (std::find(list.begin(), list.end(), static_cast<std::size_t>(c)) != list.end()) continue;
                }
                card(os, i, c >= 0);
                const auto ch = children_.find(i);
                if (ch != children_.end())
                    for (std::size_t k : ch->second)
                        if (std::find(fi->second.begin(), fi->second.end(), k) != fi->second.end()) card(os, k, true);
            }
        }
        os << "</aside></div></section>\n";
    }

    void others(text_out& os) const {
        if (unplaced_.empty()) return;
        std::map<std::string, std::vector<std::size_t>> groups;
        for (std::size_t i : unplaced_) {
            const finding& f = res_.findings[i];
            std::string g = "其他 Other";
            if (rule_family_of(f.rule) == rule_family::performance) g = "绩效 Performance annex";
            else if (rule_family_of(f.rule) == rule_family::narrative) g = "情况说明 Narrative";
            else if (!f.locations.empty() && !f.locations.front().section.empty()) g = "情况说明 Narrative";
            else if (f.rule.rfind("document.", 0) == 0) g = "文档 Document";
            groups[g].push_back(i);
        }
        for (const auto& [name, ids] : groups) {
            os << "<div class=\"other\"><h2>" << esc(name) << " (" << ids.size() << ")</h2><div class=\"cols\">";
            for (std::size_t i : ids) card(os, i, false);
            os << "</div></div>\n";
        }
    }
};

}  // namespace

std::string render_html(const report& r, const reconcile_result& result, const render_options& options) {
    page p(r, result, options);
    return p.render();
}

}  // namespace caizheng
