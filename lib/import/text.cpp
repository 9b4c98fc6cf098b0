// Text importer: a 部门决算公开 as extracted text → report (see include/caizheng/import.hpp and
// docs/import.md). One pass over the lines with a small state machine: cover, table of
// contents, prose parts, the nine tables (found by title), the narrative, the 绩效 annex.
#include "caizheng/import.hpp"

#include "caizheng/parse.hpp"
#include "layout.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <fstream>
#include <sstream>

namespace caizheng {

using namespace import_detail;

namespace {

/// Chinese numeral 一…九十九 → 1…99, 0 if not one.
int numeral_value(std::string_view s) {
    static constexpr std::array<std::string_view, 10> digits = {"〇", "一", "二", "三", "四",
                                                               "五", "六", "七", "八", "九"};
    auto digit = [&](std::string_view d) -> int {
        for (int i = 1; i < 10; ++i)
            if (d == digits[static_cast<std::size_t>(i)]) return i;
        return -1;
    };
    constexpr std::string_view ten = "十";
    std::vector<std::string_view> chars;
    for (std::size_t i = 0; i + 3 <= s.size(); i += 3) chars.push_back(s.substr(i, 3));
    if (chars.size() * 3 != s.size() || chars.empty() || chars.size() > 3) return 0;
    if (chars.size() == 1) {
        if (chars[0] == ten) return 10;
        const int d = digit(chars[0]);
        return d > 0 ? d : 0;
    }
    if (chars.size() == 2) {
        if (chars[0] == ten) {
            const int d = digit(chars[1]);
            return d > 0 ? 10 + d : 0;
        }
        const int d = digit(chars[0]);
        return d > 1 && chars[1] == ten ? d * 10 : 0;
    }
    const int a = digit(chars[0]), b = digit(chars[2]);
    return a > 1 && chars[1] == ten && b > 0 ? a * 10 + b : 0;
}

/// "一、title" → (number, numeral, title); number 0 when the line is not such a heading.
struct numbered_heading {
    int number = 0;
    std::string_view numeral;
    std::string_view title;
};
numbered_heading split_numbered(std::string_view t) {
    constexpr std::string_view dun = "、";
    const std::size_t p = t.find(dun);
    if (p == std::string_view::npos || p == 0 || p > 9) return {};
    const std::string_view num = t.substr(0, p);
    const int n = numeral_value(num);
    if (n == 0) return {};
    return {n, num, trim(t.substr(p + dun.size()))};
}

/// "第三部分 …" → 3, else 0.
int part_heading(std::string_view t) {
    constexpr std::string_view di = "第", bufen = "部分";
    if (!starts_with(t, di)) return 0;
    const std::size_t p = t.find(bufen);
    if (p == std::string_view::npos || p > 12) return 0;
    return numeral_value(t.substr(di.size(), p - di.size()));
}

bool is_separator(const std::vector<std::string_view>& fields) {
    bool any = false;
    for (auto f : fields) {
        f = trim(f);
        if (f.empty()) continue;
        for (char c : f)
            if (c != '-' && c != '=' && c != '_') return false;
        any = true;
    }
    return any;
}

/// A row of 栏次 numbers: the non-empty fields other than "栏次" are 1, 2, … n. Returns n.
int column_number_row(const std::vector<std::string_view>& fields) {
    int expect = 1;
    bool label = false;
    for (auto f : fields) {
        f = trim(f);
        if (f.empty()) continue;
        if (squeezed_equals(f, "栏次")) {
            label = true;
            continue;
        }
        if (!all_digits(f) || f.size() > 2 || std::stoi(std::string(f)) != expect) return 0;
        ++expect;
    }
    (void)label;
    return expect - 1;
}

/// Digits after the decimal point ('.' or '．') as printed.
int places_written(std::string_view t) {
    std::size_t p = t.find('.');
    std::size_t skip = 1;
    if (p == std::string_view::npos) {
        p = t.find("．");
        skip = 3;
    }
    if (p == std::string_view::npos) return 0;
    int n = 0;
    for (std::size_t i = p + skip; i < t.size(); ++i) {
        if (t[i] >= '0' && t[i] <= '9') ++n;
        else if (t[i] != ' ') break;
    }
    return n;
}

bool looks_numeric(std::string_view t) {
    if (t.empty()) return false;
    const unsigned char c = static_cast<unsigned char>(t[0]);
    return (c >= '0' && c <= '9') || c == '-' || c == '(' || c == '.' || c >= 0x80;
}

/// Columns for a code table with n amount columns.
std::vector<table_column> columns_for(table_kind kind, std::size_t n) {
    auto cols = standard_columns(kind);
    if (cols.size() == n) return cols;
    if (kind == table_kind::state_capital && n == 6) {  // Shanghai: 收入支出 like 07
        cols = standard_columns(table_kind::government_fund);
        return cols;
    }
    cols.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        if (cols[i].label.empty()) cols[i] = {column_id::other, static_cast<std::int32_t>(i + 1), "", row_side::none};
    return cols;
}

class importer {
public:
    importer(std::string_view text, const text_import_options& opt) : text_(text), opt_(opt) {}

    report run() {
        split_lines();
        decide_layout();
        for (std::size_t i = 0; i < lines_.size(); ++i) handle(i);
        finish_mode();
        finish_metadata();
        for (auto k : r_.missing_tables())
            warn(warning_kind::missing_table, 0, "",
                 std::string("table not found: ") + table_kind_title(k) + " (" + table_kind_name(k) + ")");
        if (dropped_warnings_ > 0)
            r_.warnings.push_back({warning_kind::limit, 0, "",
                                   std::to_string(dropped_warnings_) + " further warnings not recorded"});
        return std::move(r_);
    }

private:
    struct line_rec {
        std::string_view text;
        std::uint32_t no = 0;
    };
    enum class mode { cover, toc, prose, table, narrative, basic_data, project };
    enum class project_part { none, funding, goal, indicators };

    std::string_view text_;
    text_import_options opt_;
    report r_;
    std::vector<line_rec> lines_;
    std::deque<std::string> owned_;  // sanitized copies of bad lines
    std::size_t dropped_warnings_ = 0;
    bool tabs_ = true;

    mode mode_ = mode::cover;
    int toc_last_part_ = 0;
    document_part* part_ = nullptr;
    bool narrative_seen_ = false;
    std::size_t narrative_part_ = static_cast<std::size_t>(-1);  // index in r_.parts of the 第三部分 part
    std::array<bool, 100> section_seen_{};

    // current table
    report_table* table_ = nullptr;
    bool discard_table_ = false;
    int column_numbers_ = 0;
    bool in_notes_ = false;
    bool unit_seen_ = false;
    std::vector<table_row> left_rows_, right_rows_;              // 01/04 halves
    std::array<std::vector<table_row>, 3> group_rows_;           // 06 groups
    std::vector<table_row> total_rows_;                          // 06 totals
    std::vector<layout_line> layout_lines_;                      // body lines, layout text
    table_row* last_row_ = nullptr;                              // for continuation lines
    bool last_row_pending_ = false;                              // code row with no amounts

    // current project
    project_evaluation* project_ = nullptr;
    project_part project_part_ = project_part::none;
    std::array<int, 6> funding_pos_{};   // 年初, 全年预算, 全年执行, 分值, 执行率, 得分
    std::array<int, 2> goal_pos_{};      // 预期目标, 实际完成情况
    std::array<int, 8> indicator_pos_{}; // 一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差

    std::vector<std::string_view> fields_;
    std::string scratch_;   // reused buffer for squeezed fields
    std::string line_buf_;  // reused buffer for a squeezed line (table_line)
    std::vector<std::string> squeezed_fields_;  // find_field: the fields of line squeezed_line_, squeezed
    std::uint32_t squeezed_line_ = 0, current_line_ = 0;

    // ---- input ----------------------------------------------------------------------------

    void warn(warning_kind kind, std::uint32_t line, std::string_view text, std::string reason) {
        if (r_.warnings.size() >= opt_.max_warnings) {
            ++dropped_warnings_;
            return;
        }
        r_.warnings.push_back({kind, line, std::string(utf8_prefix(trim(text), 200)), std::move(reason)});
    }

    void split_lines() {
        std::size_t pos = 0;
        std::uint32_t no = 0;
        lines_.reserve(text_.size() / 40 + 1);
        // One validation pass over the whole text; lines are checked one by one only when it
        // fails (a clean line is clean wherever it is cut: cuts fall on character boundaries).
        const bool clean = is_clean_utf8(text_, true);
        while (pos < text_.size()) {
            std::size_t end = text_.find('\n', pos);
            if (end == std::string_view::npos) end = text_.size();
            std::string_view l = text_.substr(pos, end - pos);
            pos = end + 1;
            ++no;
            if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
            if (l.size() > opt_.max_line_bytes) {
                warn(warning_kind::limit, no, l,
                     "line of " + std::to_string(l.size()) + " bytes cut to " + std::to_string(opt_.max_line_bytes));
                l = utf8_prefix(l, opt_.max_line_bytes);
            }
            if (!clean && !is_clean_utf8(l)) {
                warn(warning_kind::encoding, no, "", "invalid UTF-8 or control bytes replaced by U+FFFD");
                owned_.push_back(sanitize_utf8(l));
                l = owned_.back();
            }
            lines_.push_back({l, no});
        }
    }

    void decide_layout() {
        if (opt_.layout == text_layout::tabs) tabs_ = true;
        else if (opt_.layout == text_layout::spaces) tabs_ = false;
        else tabs_ = text_.find('\t') != std::string_view::npos;
    }

    /// fields_ = the fields of l, each trimmed (every reader trims or squeezes them).
    void split(std::string_view l) {
        if (tabs_) split_tabs(l, fields_);
        else split_spaces(l, fields_);
        for (auto& f : fields_)
            if (may_need_trim(f)) f = trim_spaces(f);
    }

    // ---- dispatch --------------------------------------------------------------------------

    void handle(std::size_t i) {
        const line_rec& L = lines_[i];
        const std::string_view t = trim(L.text);
        if (mode_ == mode::toc) {
            const int p = part_heading(t);
            if (!(p > 0 && p <= toc_last_part_) && !title_kind(t)) {
                if (p > 0) toc_last_part_ = p;
                if (!t.empty()) add_prose(L, t);
                return;
            }
            mode_ = mode::prose;
            part_ = nullptr;
        }
        if (t.empty()) {
            if (mode_ == mode::table) last_row_pending_ = false;
            return;
        }
        if (const int p = part_heading(t)) {
            finish_mode();
            start_part(L, t, p == 3 ? mode::narrative : mode::prose);
            return;
        }
        if (r_.tables.empty() && t.size() <= 24 && squeezed_equals(t, "目录")) {
            finish_mode();
            start_part(L, t, mode::toc);
            return;
        }
        if (const auto k = title_kind(t)) {
            finish_mode();
            start_table(*k, L, t);
            return;
        }
        split(L.text);
        const std::string_view f0 = fields_.empty() ? std::string_view() : fields_[0];
        if (mode_ != mode::table && fields_.size() >= 2 &&
            ends_with(f0, "表") &&  // f0 is trimmed: its last character is the squeezed one's
            (squeezed_equals(f0, "基础数据表") ||
             (f0.size() <= 90 && ends_with(squeeze_into(f0, scratch_), "绩效评价基础数据表")))) {
            finish_mode();
            r_.annex.basic_data = basic_data_table{squeeze(f0), {}, {L.no, 1, {}}};
            mode_ = mode::basic_data;
            return;
        }
        if (mode_ != mode::table && fields_.size() >= 2 && starts_with(f0, "项") && squeezed_equals(f0, "项目支出名称")) {
            finish_mode();
            start_project(L);
            return;
        }
        switch (mode_) {
            case mode::cover:
            case mode::toc:
            case mode::prose: add_prose(L, t); return;
            case mode::narrative: narrative_line(L, t); return;
            case mode::table: table_line(L, t); return;
            case mode::basic_data:
                if (fields_.size() >= 2) return basic_data_line(L);
                finish_mode();
                mode_ = mode::prose;
                part_ = nullptr;
                return add_prose(L, t);
            case mode::project:
                if (fields_.size() >= 2) return project_line(L);
                finish_mode();
                mode_ = mode::prose;
                part_ = nullptr;
                return add_prose(L, t);
        }
    }

    std::optional<table_kind> title_kind(std::string_view t) const {
        if (t.size() > 240 || !ends_with(t, "表")) return std::nullopt;
        if (starts_with(t, "-") || contains(t, "、") || t.find('\t') != std::string_view::npos ||
            starts_with(t, "注") || starts_with(t, "说明"))
            return std::nullopt;
        return table_kind_from_title(t);
    }

    void start_part(const line_rec& L, std::string_view t, mode m) {
        // A second 第三部分 after "sections" that were only headings: those were the table of
        // contents (a document whose 目录 line is missing or not recognised).
        if (m == mode::narrative && narrative_is_contents()) demote_contents();
        r_.parts.push_back({std::string(t), {}, {L.no, 0, {}}});
        part_ = &r_.parts.back();
        mode_ = m;
        if (m == mode::toc) toc_last_part_ = 0;
        if (m == mode::narrative) {
            narrative_seen_ = true;
            narrative_part_ = r_.parts.size() - 1;
        }
    }

    /// Whether the narrative read so far looks like a table of contents: headings with at
    /// most one short line under each (a wrapped title or a page number), nothing else.
    bool narrative_is_contents() const {
        if (r_.narrative.empty()) return false;
        for (const auto& sec : r_.narrative)
            if (sec.paragraphs.size() > 1 || (sec.paragraphs.size() == 1 && sec.paragraphs[0].text.size() > 30))
                return false;
        return true;
    }

    /// Move the contents-like "sections" into the part they were read in (as its lines, with
    /// their line numbers: nothing is dropped) and start the narrative afresh.
    void demote_contents() {
        if (narrative_part_ >= r_.parts.size()) return;
        auto& lines = r_.parts[narrative_part_].lines;
        for (auto& sec : r_.narrative) {
            lines.push_back({sec.numeral + "、" + sec.title, sec.source});
            for (auto& p : sec.paragraphs) lines.push_back(std::move(p));
        }
        r_.narrative.clear();
        section_seen_.fill(false);
    }

    void add_prose(const line_rec& L, std::string_view t) {
        if (!part_) {
            r_.parts.push_back({mode_ == mode::cover ? std::string("封面") : std::string(), {}, {L.no, 0, {}}});
            part_ = &r_.parts.back();
        }
        part_->lines.push_back({std::string(t), {L.no, 0, {}}});
    }

    void narrative_line(const line_rec& L, std::string_view t) {
        const auto h = split_numbered(t);
        // "一、" again after contents-like sections: the contents ended, the body begins.
        if (h.number == 1 && section_seen_[1] && narrative_is_contents()) demote_contents();
        if (h.number > 0 && h.number < 100 && !section_seen_[static_cast<std::size_t>(h.number)] &&
            !h.title.empty() && h.title.size() <= 150 && !ends_with(h.title, "。")) {
            section_seen_[static_cast<std::size_t>(h.number)] = true;
            r_.narrative.push_back({h.number, std::string(h.numeral), std::string(h.title), {}, {L.no, 0, {}}});
            return;
        }
        if (r_.narrative.empty()) {
            add_prose(L, t);
            return;
        }
        r_.narrative.back().paragraphs.push_back({std::string(t), {L.no, 0, {}}});
    }

    void finish_mode() {
        if (mode_ == mode::table) finish_table();
        if (mode_ == mode::project) finish_project();
        mode_ = mode::prose;
        part_ = nullptr;
    }

    // ---- tables ----------------------------------------------------------------------------

    void start_table(table_kind k, const line_rec& L, std::string_view t) {
        mode_ = mode::table;
        discard_table_ = r_.table(k) != nullptr;
        if (discard_table_)
            warn(warning_kind::duplicate_table, L.no, t,
                 std::string("second ") + table_kind_title(k) + "; its lines are not imported");
        r_.tables.push_back(make_table(k, r_.meta.unit));
        table_ = &r_.tables.back();
        table_->title = std::string(t);
        table_->columns.clear();
        table_->source = {L.no, 0, {}};
        column_numbers_ = 0;
        in_notes_ = false;
        unit_seen_ = false;
        left_rows_.clear();
        right_rows_.clear();
        for (auto& g : group_rows_) g.clear();
        total_rows_.clear();
        layout_lines_.clear();
        last_row_ = nullptr;
        last_row_pending_ = false;
    }

    void finish_table() {
        if (!table_) return;
        report_table& t = *table_;
        if (!tabs_ && !discard_table_)
            read_layout_table(t, layout_lines_,
                              [this](warning_kind k, std::uint32_t line, std::string_view text, std::string reason) {
                                  warn(k, line, text, std::move(reason));
                              });
        if (t.columns.empty()) t.columns = columns_for(t.kind, column_numbers_ > 0 && t.kind != table_kind::three_public &&
                                                                   t.kind != table_kind::income_expenditure_total &&
                                                                   t.kind != table_kind::fiscal_total &&
                                                                   t.kind != table_kind::basic_expenditure_detail
                                                               ? static_cast<std::size_t>(column_numbers_)
                                                               : standard_columns(t.kind).size());
        t.rows.reserve(t.rows.size() + left_rows_.size() + right_rows_.size() + group_rows_[0].size() +
                       group_rows_[1].size() + group_rows_[2].size() + total_rows_.size());
        for (auto& r : left_rows_) t.rows.push_back(std::move(r));
        for (auto& r : right_rows_) t.rows.push_back(std::move(r));
        for (auto& g : group_rows_)
            for (auto& r : g) t.rows.push_back(std::move(r));
        for (auto& r : total_rows_) t.rows.push_back(std::move(r));
        for (auto& row : t.rows) row.cells.resize(t.columns.size());
        // 08 printed like 07 (Shanghai: 年初结转和结余, 本年收入, 本年支出 小计/基本/项目, 年末):
        // its 本年支出 小计 is what 08's 合计 is in the usual three columns, the year's spending,
        // so it gets 08's id `total` (columns_for and the layout reader place the values by the
        // 07 layout first); the rules on 08's spending then read one column in both layouts.
        if (t.kind == table_kind::state_capital && t.column_index(column_id::opening_balance))
            for (auto& c : t.columns)
                if (c.id == column_id::subtotal) c.id = column_id::total;
        if (!unit_seen_ && !discard_table_)
            warn(warning_kind::unit, t.source.line, t.title, "no 单位 line; assumed " + std::string(unit_symbol(t.unit)));
        if (discard_table_) r_.tables.pop_back();
        table_ = nullptr;
        last_row_ = nullptr;
    }

    void unplaced(const line_rec& L, std::string reason) { warn(warning_kind::unplaced_line, L.no, L.text, std::move(reason)); }

    void table_line(const line_rec& L, std::string_view t) {
        if (discard_table_) return unplaced(L, "line of a duplicate table");
        report_table& tb = *table_;
        std::size_t non_empty = 0;
        for (auto f : fields_) non_empty += f.empty() ? 0 : 1;
        // statements, numbers, units, notes are one or two cells; data rows are not squeezed
        const std::string_view sq =
            non_empty <= 2 || contains(t, "本表") ? squeeze_into(t, line_buf_) : std::string_view();
        if (contains(sq, "本表无数据")) {
            tb.no_data = text_line{std::string(t), {L.no, 0, {}}};
            in_notes_ = true;
            return;
        }
        if (starts_with(sq, "公开") && ends_with(sq, "表") && sq.size() <= 24) {
            if (!tb.number.empty())
                return unplaced(L, "a second table number in " + std::string(table_kind_title(tb.kind)) +
                                       " (" + tb.number + "): is a table title missing?");
            tb.number = std::string(sq);
            return;
        }
        if (auto u = unit_in(sq)) {
            tb.unit = *u;
            unit_seen_ = true;
            if (r_.tables.size() == 1) r_.meta.unit = *u;
            // a unit may share its line with the table number or department
            return;
        }
        if (starts_with(sq, "部门：") || starts_with(sq, "部门:") || starts_with(sq, "单位名称：")) {
            const std::size_t p = sq.find(starts_with(sq, "部门:") ? ":" : "：");
            if (r_.meta.department.empty()) r_.meta.department = std::string(sq.substr(p + (sq[p] == ':' ? 1 : 3)));
            return;
        }
        if (starts_with(sq, "注") || starts_with(sq, "说明")) {
            tb.notes.push_back({std::string(t), {L.no, 0, {}}});
            in_notes_ = true;
            return;
        }
        if (is_separator(fields_)) return;  // ---------- lines between page parts
        if (const int n = column_number_row(fields_)) {
            if (column_numbers_ > 0) return unplaced(L, "a second 栏次 row: is a table title missing?");
            column_numbers_ = n;
            return;
        }
        if (in_notes_ && fields_.size() <= 1) {
            tb.notes.push_back({std::string(t), {L.no, 0, {}}});
            return;
        }
        if (!tabs_) {  // layout text: read the whole body at the end of the table
            layout_lines_.push_back({L.text, L.no});
            return;
        }
        bool placed = false;
        switch (tb.kind) {
            case table_kind::income_expenditure_total:
            case table_kind::fiscal_total: placed = halves_row(L); break;
            case table_kind::basic_expenditure_detail: placed = detail_row(L); break;
            case table_kind::three_public: placed = three_public_row(L); break;
            default: placed = code_row(L); break;
        }
        if (placed) return;
        if (tb.rows.empty() && left_rows_.empty() && group_rows_[0].empty() && total_rows_.empty()) {
            return;  // a header row before the first data row
        }
        if (continuation(L, t)) return;
        unplaced(L, std::string("not a row of ") + table_kind_title(tb.kind));
    }

    static std::optional<money_unit> unit_in(std::string_view sq) {
        std::size_t p = sq.find("单位：");
        std::size_t skip = std::string_view("单位：").size();
        if (p == std::string_view::npos) {
            p = sq.find("单位:");
            skip = std::string_view("单位:").size();
        }
        if (p == std::string_view::npos || (p != 0 && sq.find("公开") != 0 && sq.find("金额") != 0)) return std::nullopt;
        const std::string_view rest = sq.substr(p + skip);
        if (starts_with(rest, "万元")) return money_unit::wan_yuan;
        if (starts_with(rest, "亿元")) return money_unit::yi_yuan;
        if (starts_with(rest, "元")) return money_unit::yuan;
        return std::nullopt;
    }

    /// A name-only line right after a row: the rest of a name split over two lines.
    bool continuation(const line_rec& L, std::string_view t) {
        if (!last_row_) return false;
        std::size_t non_empty = 0;
        for (auto f : fields_)
            if (!f.empty()) ++non_empty;
        if (non_empty != 1 || looks_numeric(t) || t.size() > 90) return false;
        // with tabs, the fragment must sit in a name column (not where a code would be)
        if (tabs_ && fields_.size() > 1 && !fields_[0].empty()) return false;
        last_row_->printed_name += "\n" + std::string(t);
        last_row_->name += squeeze_into(t, scratch_);
        last_row_->role = role_of_name(last_row_->name);
        (void)L;
        return true;
    }

    /// c = the cell read from field `field` (every member set: c may hold an earlier cell).
    void set_cell(table_cell& c, std::string_view raw, const line_rec& L, std::size_t field) {
        const std::string_view f = trim(raw);
        c.value.reset();
        c.text.assign(f);
        c.source = {L.no, static_cast<std::uint32_t>(field + 1), {}};
        if (f.empty()) return;
        try {
            if (const auto v = parse_cell<wan_yuan>(f)) c.value = decimal(v->raw(), 2);
        } catch (const error& e) {
            warn(warning_kind::bad_amount, L.no, L.text,
                 "field " + std::to_string(field + 1) + " \"" + std::string(utf8_prefix(f, 60)) + "\": " + e.what());
        }
    }

    static bool is_amount_or_empty(std::string_view f) {
        f = trim(f);
        if (f.empty()) return true;
        if (!maybe_number(f)) return false;
        try {
            (void)parse_cell<wan_yuan>(f);
            return true;
        } catch (const error&) {
            return false;
        }
    }

    /// 02, 03, 05, 07, 08: code | name | amounts…
    bool code_row(const line_rec& L) {
        report_table& tb = *table_;
        if (fields_.empty()) return false;
        std::string_view f0 = fields_[0];
        std::string code = squeeze(f0);
        std::string name = fields_.size() > 1 ? std::string(fields_[1]) : std::string();
        row_role role = row_role::item;
        if (!code.empty() && !all_digits(code)) {
            const row_role rr = role_of_name(code);
            if (rr == row_role::item) return false;  // header text in the code column
            role = rr;
            name = code;
            code.clear();
        } else if (code.empty() && name.empty()) {
            return false;
        } else if (code.empty()) {
            role = role_of_name(squeeze_into(name, scratch_));
            if (role == row_role::item) {
                // name without code: continuation of a pending split row, or a 类 row without code
                bool any_amount = false;
                for (std::size_t i = 2; i < fields_.size(); ++i) any_amount |= !fields_[i].empty();
                if (last_row_pending_ && last_row_ && any_amount) {
                    last_row_->printed_name += "\n" + name;
                    last_row_->name += squeeze_into(name, scratch_);
                    fill_amounts(*last_row_, L, 2);
                    last_row_pending_ = false;
                    return true;
                }
                if (!any_amount) return false;
            }
        }
        for (std::size_t i = 2; i < fields_.size(); ++i)
            if (!is_amount_or_empty(fields_[i]) && i < 2 + 9) {
                if (tb.rows.empty()) return false;  // a header line
                break;
            }
        if (tb.columns.empty()) {
            std::size_t n = column_numbers_ > 0 ? static_cast<std::size_t>(column_numbers_) : 0;
            if (n == 0) {
                n = fields_.size() >= 2 ? fields_.size() - 2 : 0;
                if (n == 0) n = standard_columns(tb.kind).size();
            }
            tb.columns = columns_for(tb.kind, n);
        }
        if (!code.empty() && !is_functional_code(code)) {
            // Not a row the model can hold (validate() and the JSON importer refuse it): the
            // whole line stays in the warning, with its number, instead of a table row.
            warn(warning_kind::malformed_code, L.no, L.text,
                 "\"" + code + "\" is not a 3/5/7-digit functional classification code; line not imported as a row");
            last_row_ = nullptr;
            last_row_pending_ = false;
            return true;
        }
        table_row& row = tb.rows.emplace_back();  // filled in place
        row.code = std::move(code);
        row.name = squeeze(name);
        row.printed_name = std::move(name);
        row.role = role;
        row.source = {L.no, 1, {}};
        row.cells.resize(tb.columns.size());
        const bool has_amounts = fill_amounts(row, L, 2);
        last_row_ = &row;
        last_row_pending_ = !has_amounts && !row.code.empty();
        return true;
    }

    /// Cells from fields_[first…]; warns on too many / too few. True if any field non-empty.
    bool fill_amounts(table_row& row, const line_rec& L, std::size_t first) {
        const std::size_t n = table_->columns.size();
        bool any = false;
        std::size_t given = fields_.size() > first ? fields_.size() - first : 0;
        // trailing empty fields beyond the columns are layout, not data
        while (given > n && fields_[first + given - 1].empty()) --given;
        for (std::size_t c = 0; c < n && c < given; ++c) {
            set_cell(row.cells[c], fields_[first + c], L, first + c);
            any = any || !row.cells[c].text.empty();
        }
        if (given > n)
            warn(warning_kind::column_count, L.no, L.text,
                 std::to_string(given) + " amounts, table has " + std::to_string(n) + " columns; extra cells not imported");
        else if (given < n && given > 0)
            warn(warning_kind::column_count, L.no, L.text,
                 std::to_string(given) + " amounts, table has " + std::to_string(n) + " columns; missing cells left empty");
        return any;
    }

    /// 01 / 04: name | 行次 | amounts… | name | 行次 | amounts…
    bool halves_row(const line_rec& L) {
        report_table& tb = *table_;
        if (tb.columns.empty()) tb.columns = standard_columns(tb.kind);
        std::size_t nl = 0, nr = 0;
        for (const auto& c : tb.columns) (c.side == row_side::income ? nl : nr) += 1;
        const std::size_t right = 2 + nl;
        if (fields_.size() < 2) return false;
        auto line_no = [&](std::size_t i) -> std::optional<int> {
            if (i >= fields_.size()) return std::nullopt;
            const auto f = fields_[i];
            if (!all_digits(f) || f.size() > 3) return std::nullopt;
            return std::stoi(std::string(f));
        };
        const auto ll = line_no(1), lr = line_no(right + 1);
        if (!ll && !lr) return false;
        auto side_row = [&](std::size_t at, std::optional<int> ln, row_side side, std::size_t col0, std::size_t ncols) {
            bool any = false;
            for (std::size_t i = at; i < std::min(fields_.size(), at + 2 + ncols); ++i) any |= !fields_[i].empty();
            if (!any) return;
            auto& dest = side == row_side::income ? left_rows_ : right_rows_;
            table_row& row = dest.emplace_back();  // filled in place
            row.side = side;
            row.line_number = ln;
            row.printed_name = at < fields_.size() ? std::string(fields_[at]) : std::string();
            row.name = squeeze(row.printed_name);
            row.role = role_of_name(row.name);
            row.source = {L.no, static_cast<std::uint32_t>(at + 1), {}};
            row.cells.resize(tb.columns.size());
            bool amounts = false;
            for (std::size_t c = 0; c < ncols; ++c) {
                const std::size_t fi = at + 2 + c;
                if (fi < fields_.size()) set_cell(row.cells[col0 + c], fields_[fi], L, fi);
                amounts = amounts || !row.cells[col0 + c].text.empty();
            }
            if (row.name.empty() && !amounts) row.role = row_role::blank;
            last_row_ = &row;
        };
        if (fields_.size() > right + 2 + nr) {
            std::size_t extra = fields_.size();
            while (extra > right + 2 + nr && fields_[extra - 1].empty()) --extra;
            if (extra > right + 2 + nr)
                warn(warning_kind::column_count, L.no, L.text, "more cells than the table's two halves hold");
        }
        side_row(0, ll, row_side::income, 0, nl);
        side_row(right, lr, row_side::expenditure, nl, nr);
        return true;
    }

    /// 06: three groups of code | name | amount, and the 人员经费合计 / 公用经费合计 line.
    bool detail_row(const line_rec& L) {
        report_table& tb = *table_;
        if (tb.columns.empty()) tb.columns = standard_columns(tb.kind);
        bool placed = false;
        // totals anywhere on the line
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            const std::string_view tf = fields_[i];
            if (tf.size() < 6 || !(ends_with(tf, "合计") || ends_with(tf, "小计") || ends_with(tf, "总计"))) continue;
            std::size_t j = i + 1;
            while (j < fields_.size() && fields_[j].empty()) ++j;
            table_row& row = total_rows_.emplace_back();  // filled in place
            row.printed_name = std::string(fields_[i]);
            row.name = squeeze(tf);
            row.role = role_of_name(row.name);
            row.source = {L.no, static_cast<std::uint32_t>(i + 1), {}};
            row.cells.resize(1);
            if (j < fields_.size() && role_of_name(squeeze_into(fields_[j], scratch_)) == row_role::item) {
                set_cell(row.cells[0], fields_[j], L, j);
                i = j;
            }
            last_row_ = &row;
            placed = true;
        }
        if (placed) return true;
        for (std::size_t g = 0; g < 3; ++g) {
            const std::size_t at = g * 3;
            if (at >= fields_.size()) break;
            const std::string code = squeeze(fields_[at]);
            const std::string_view name = at + 1 < fields_.size() ? fields_[at + 1] : std::string_view();
            const std::string_view amount = at + 2 < fields_.size() ? fields_[at + 2] : std::string_view();
            if (code.empty() && name.empty() && amount.empty()) continue;
            if (!code.empty() && !all_digits(code)) return placed;  // header
            if (code.empty() && !placed && tb.rows.empty() && group_rows_[0].empty()) return false;
            if (!code.empty() && !is_economic_code(code)) {
                // kept in the warning (line and text), not as a row the model would refuse
                warn(warning_kind::malformed_code, L.no, L.text,
                     "\"" + code + "\" is not a 3/5-digit economic classification code; group " + std::to_string(g + 1) +
                         " of the line not imported as a row");
                last_row_ = nullptr;
                placed = true;
                continue;
            }
            table_row& row = group_rows_[g].emplace_back();  // filled in place
            row.code = code;
            row.printed_name = std::string(name);
            row.name = squeeze(name);
            row.role = role_of_name(row.name);
            row.source = {L.no, static_cast<std::uint32_t>(at + 1), {}};
            row.cells.resize(1);
            set_cell(row.cells[0], amount, L, at + 2);
            last_row_ = &row;
            placed = true;
        }
        if (fields_.size() > 9) {
            std::size_t extra = fields_.size();
            while (extra > 9 && fields_[extra - 1].empty()) --extra;
            if (extra > 9) warn(warning_kind::column_count, L.no, L.text, "more than three code/name/amount groups");
        }
        return placed;
    }

    /// 09: one line of 2 × 6 amounts (预算数 half, then 决算数 half).
    bool three_public_row(const line_rec& L) {
        report_table& tb = *table_;
        if (tb.columns.empty()) tb.columns = standard_columns(tb.kind);
        const std::size_t n = tb.columns.size();
        std::size_t given = fields_.size();
        while (given > 0 && fields_[given - 1].empty()) --given;
        if (given == 0) return false;
        for (std::size_t i = 0; i < given; ++i)
            if (!is_amount_or_empty(fields_[i])) return false;
        table_row budget, actual;
        budget.side = row_side::budget;
        budget.name = budget.printed_name = "预算数";
        actual.side = row_side::actual;
        actual.name = actual.printed_name = "决算数";
        budget.source = {L.no, 1, {}};
        actual.source = {L.no, static_cast<std::uint32_t>(n + 1), {}};
        budget.cells.resize(n);
        actual.cells.resize(n);
        for (std::size_t i = 0; i < given && i < 2 * n; ++i)
            set_cell(i < n ? budget.cells[i] : actual.cells[i - n], fields_[i], L, i);
        if (given != 2 * n)
            warn(warning_kind::column_count, L.no, L.text,
                 std::to_string(given) + " amounts, expected " + std::to_string(2 * n) + " (预算数 and 决算数 halves)");
        tb.rows.push_back(std::move(budget));
        tb.rows.push_back(std::move(actual));
        last_row_ = nullptr;
        return true;
    }

    // ---- annex -----------------------------------------------------------------------------

    figure make_figure(std::string_view raw, const line_rec& L, std::size_t field) {
        figure f;
        set_figure(f, raw, L, field);
        return f;
    }

    /// f = the figure read from field `field` (every member set).
    void set_figure(figure& f, std::string_view raw, const line_rec& L, std::size_t field) {
        const std::string_view t = trim(raw);
        f.value.reset();
        f.percent = false;
        f.text.assign(t);
        f.source = {L.no, static_cast<std::uint32_t>(field + 1), {}};
        if (t.empty() || !maybe_number(t) || surely_not_number(t)) return;
        try {
            if (ends_with(t, "%") || ends_with(t, "％")) {
                f.value = parse_percent(t);
                f.percent = true;
            } else {
                f.value = parse_decimal_cell(t);
            }
            // keep the places as printed ("99.90" stays 99.90, not 99.9)
            const int places = places_written(t);
            if (f.value && places > f.value->scale() && places <= decimal::max_scale)
                f.value = f.value->rescale_exact(places);
        } catch (const error&) {
            f.value.reset();
            f.percent = false;
        }
    }

    void basic_data_line(const line_rec& L) {
        basic_data_row row;
        row.label = std::string(fields_[0]);
        row.source = {L.no, 1, {}};
        std::size_t n = fields_.size();
        while (n > 1 && fields_[n - 1].empty()) --n;
        row.cells.resize(n - 1);
        for (std::size_t i = 1; i < n; ++i) set_figure(row.cells[i - 1], fields_[i], L, i);
        r_.annex.basic_data->rows.push_back(std::move(row));
    }

    void start_project(const line_rec& L) {
        r_.annex.projects.emplace_back();
        project_ = &r_.annex.projects.back();
        project_->source = {L.no, 1, {}};
        for (std::size_t i = 1; i < fields_.size(); ++i)
            if (!fields_[i].empty()) {
                project_->project = std::string(fields_[i]);
                break;
            }
        project_->indicators.reserve(16);  // Hunan's tables have 12–17 indicators
        project_part_ = project_part::none;
        funding_pos_ = {3 - 1, 4 - 1, 5 - 1, 6 - 1, 7 - 1, 8 - 1};
        goal_pos_ = {1, 5};
        indicator_pos_ = {1, 2, 3, 4, 5, 6, 7, 8};
        mode_ = mode::project;
    }

    void finish_project() {
        if (project_ && !project_->total_score.value)
            warn(warning_kind::annex, project_->source.line, project_->project,
                 "项目支出绩效自评表 without a 总分 row");
        project_ = nullptr;
    }

    std::string_view field(int i) const {
        return i >= 0 && static_cast<std::size_t>(i) < fields_.size() ? fields_[static_cast<std::size_t>(i)]
                                                                       : std::string_view();
    }

    /// Index of the first field containing `what` (spaces ignored), -1 if none. The fields of
    /// the current line are squeezed once (header lines ask for six to eight labels).
    int find_field(std::string_view what) {
        if (squeezed_line_ != current_line_) {
            squeezed_line_ = current_line_;
            if (squeezed_fields_.size() < fields_.size()) squeezed_fields_.resize(fields_.size());
            for (std::size_t i = 0; i < fields_.size(); ++i) {
                const std::string_view q = squeeze_into(fields_[i], scratch_);
                squeezed_fields_[i].assign(q.data(), q.size());
            }
        }
        for (std::size_t i = 0; i < fields_.size(); ++i)
            if (contains(squeezed_fields_[i], what)) return static_cast<int>(i);
        return -1;
    }

    int next_non_empty(int after) const {
        for (int i = after + 1; i < static_cast<int>(fields_.size()); ++i)
            if (!field(i).empty()) return i;
        return -1;
    }

    void project_line(const line_rec& L) {
        current_line_ = L.no;
        project_evaluation& p = *project_;
        const std::string_view f0 = fields_[0];
        const std::string_view f1 = fields_.size() > 1 ? fields_[1] : std::string_view();
        if (squeezed_equals(f0, "主管部门")) {
            const int d = next_non_empty(0);
            if (d > 0) p.department = std::string(field(d));
            const int s = find_field("实施单位");
            if (s > 0) {
                const int v = next_non_empty(s);
                if (v > 0) p.implementer = std::string(field(v));
            }
            return;
        }
        if (starts_with(f0, "项目资金")) {
            const std::array<std::string_view, 6> names = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
            for (std::size_t k = 0; k < names.size(); ++k) {
                const int at = find_field(names[k]);
                if (at >= 0) funding_pos_[k] = at;
            }
            project_part_ = project_part::funding;
            return;
        }
        if (squeezed_equals(f0, "年度总体目标")) {
            const int a = find_field("预期目标"), b = find_field("实际完成情况");
            if (a >= 0) goal_pos_[0] = a;
            if (b >= 0) goal_pos_[1] = b;
            project_part_ = project_part::goal;
            return;
        }
        if (squeezed_equals(f0, "绩效指标")) {
            const std::array<std::string_view, 8> names = {"一级指标", "二级指标", "三级指标", "年度指标值",
                                                           "实际完成值", "分值", "得分", "偏差原因"};
            for (std::size_t k = 0; k < names.size(); ++k) {
                const int at = find_field(names[k]);
                if (at >= 0) indicator_pos_[k] = at;
            }
            project_part_ = project_part::indicators;
            return;
        }
        if (squeezed_equals(f0, "总分") || squeezed_equals(f1, "总分")) {
            std::vector<int> numeric;
            for (int i = 0; i < static_cast<int>(fields_.size()); ++i)
                if (!field(i).empty() && looks_numeric(field(i))) numeric.push_back(i);
            if (numeric.size() >= 2) {
                p.total_weight = make_figure(field(numeric[numeric.size() - 2]), L, static_cast<std::size_t>(numeric[numeric.size() - 2]));
                p.total_score = make_figure(field(numeric.back()), L, static_cast<std::size_t>(numeric.back()));
            } else if (numeric.size() == 1) {
                p.total_score = make_figure(field(numeric.back()), L, static_cast<std::size_t>(numeric.back()));
                warn(warning_kind::annex, L.no, L.text, "总分 row with one number: taken as the score");
            } else {
                warn(warning_kind::annex, L.no, L.text, "总分 row without numbers");
            }
            project_part_ = project_part::none;
            return;
        }
        if (project_part_ == project_part::funding && f0.empty()) {
            std::optional<funding_kind> k;
            const std::string_view label = f1.size() <= 120 ? squeeze_into(f1, scratch_) : f1;
            if (contains(label, "年度资金总额")) k = funding_kind::total;
            else if (contains(label, "当年财政拨款")) k = funding_kind::current_fiscal;
            else if (contains(label, "上年结转")) k = funding_kind::carried_over;
            else if (contains(label, "其它资金") || contains(label, "其他资金")) k = funding_kind::other;
            if (k) {
                funding_row row;
                row.kind = *k;
                row.label = std::string(field(1));
                row.source = {L.no, 2, {}};
                auto fig = [&](int at) { return make_figure(field(at), L, static_cast<std::size_t>(std::max(at, 0))); };
                row.initial_budget = fig(funding_pos_[0]);
                row.full_year_budget = fig(funding_pos_[1]);
                row.executed = fig(funding_pos_[2]);
                if (*k == funding_kind::total) {
                    p.execution_weight = fig(funding_pos_[3]);
                    p.execution_rate = fig(funding_pos_[4]);
                    p.execution_score = fig(funding_pos_[5]);
                }
                p.funding.push_back(std::move(row));
                return;
            }
        }
        if (project_part_ == project_part::goal && f0.empty()) {
            p.goal_target = std::string(field(goal_pos_[0]));
            p.goal_actual = std::string(field(goal_pos_[1]));
            return;
        }
        if (project_part_ == project_part::indicators && f0.empty()) {
            performance_indicator& ind = p.indicators.emplace_back();  // filled in place
            const performance_indicator* prev = p.indicators.size() > 1 ? &p.indicators[p.indicators.size() - 2] : nullptr;
            const auto& ip = indicator_pos_;
            ind.level1.assign(field(ip[0]));
            ind.level2.assign(field(ip[1]));
            if (ind.level1.empty() && prev) ind.level1 = prev->level1;
            if (ind.level2.empty() && prev && field(ip[0]).empty()) ind.level2 = prev->level2;
            ind.level3.assign(field(ip[2]));
            ind.target.assign(field(ip[3]));
            ind.actual.assign(field(ip[4]));
            set_figure(ind.weight, field(ip[5]), L, static_cast<std::size_t>(ip[5]));
            set_figure(ind.score, field(ip[6]), L, static_cast<std::size_t>(ip[6]));
            ind.deviation.assign(field(ip[7]));
            ind.source = {L.no, 1, {}};
            for (int i = ip[7] + 1; i < static_cast<int>(fields_.size()); ++i)
                if (!field(i).empty()) {
                    warn(warning_kind::annex, L.no, L.text, "indicator row has cells beyond 偏差原因");
                    break;
                }
            return;
        }
        warn(warning_kind::annex, L.no, L.text, "line does not fit the 项目支出绩效自评表 of \"" + p.project + "\"");
    }

    // ---- metadata --------------------------------------------------------------------------

    void finish_metadata() {
        // Year and department from the cover (the lines before the first part/TOC).
        std::size_t scanned = 0;
        for (const auto& part : r_.parts) {
            for (const auto& l : part.lines) {
                if (++scanned > 60) break;
                if (l.text.size() > 200) continue;
                // only the cover's lines and lines with 年 (年度, possibly spaced) can give metadata
                if (part.title != "封面" && (r_.meta.year != 0 || !contains(l.text, "年"))) continue;
                const std::string sq = squeeze(l.text);
                if (r_.meta.year == 0) {
                    const std::size_t p = sq.find("年度");
                    if (p != std::string::npos && p >= 4 && all_digits(std::string_view(sq).substr(p - 4, 4)))
                        r_.meta.year = std::stoi(sq.substr(p - 4, 4));
                }
                if (part.title == "封面") {
                    if (sq.find("决算") != std::string::npos) {
                        if (r_.meta.title.empty()) r_.meta.title = std::string(trim(l.text));
                    } else if (r_.meta.department.empty() && sq.find("年度") == std::string::npos && sq.size() >= 6) {
                        r_.meta.department = sq;
                    }
                }
            }
        }
        if (r_.meta.year == 0) {
            for (const auto& s : r_.narrative) {
                for (const auto& l : s.paragraphs) {
                    const std::size_t p = l.text.find("年度");
                    if (p != std::string::npos && p >= 4 && all_digits(std::string_view(l.text).substr(p - 4, 4))) {
                        r_.meta.year = std::stoi(l.text.substr(p - 4, 4));
                        break;
                    }
                }
                if (r_.meta.year) break;
            }
        }
        if (r_.meta.year == 0) warn(warning_kind::metadata, 0, "", "report year not found");
        if (r_.meta.department.empty()) warn(warning_kind::metadata, 0, "", "department not found");
        if (!r_.tables.empty()) r_.meta.unit = r_.tables.front().unit;
        // 决算单位构成: "…单位构成包括：A、B。" or a numbered list after a 序号 header.
        for (const auto& part : r_.parts) {
            bool list = false;
            for (const auto& l : part.lines) {
                if (!list && !contains(l.text, "构成") && !contains(l.text, "序号")) continue;
                const std::string sq = squeeze(l.text);
                constexpr std::string_view key = "构成包括：";
                if (const std::size_t p = sq.find(key); p != std::string::npos && r_.meta.units_included.empty()) {
                    std::string_view rest = std::string_view(sq).substr(p + key.size());
                    if (const std::size_t e = rest.find("。"); e != std::string_view::npos) rest = rest.substr(0, e);
                    while (!rest.empty()) {
                        std::size_t e = rest.find("、");
                        const std::string_view item = rest.substr(0, e);
                        if (!item.empty()) r_.meta.units_included.emplace_back(item);
                        if (e == std::string_view::npos) break;
                        rest.remove_prefix(e + std::string_view("、").size());
                    }
                }
                if (starts_with(sq, "序号") && sq.find("单位名称") != std::string::npos) {
                    list = true;
                    continue;
                }
                if (list) {
                    const std::string_view t = trim(l.text);
                    std::size_t d = 0;
                    while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
                    if (d == 0 || d >= t.size()) {
                        list = false;
                        continue;
                    }
                    std::vector<std::string_view> f;
                    split_spaces_single(t.substr(d), f);
                    if (!f.empty()) r_.meta.units_included.emplace_back(f[0]);
                }
            }
        }
    }
};

}  // namespace

report import_text(std::string_view text, const text_import_options& options) {
    if (text.size() > options.max_bytes)
        throw error(errc::invalid_argument, "text of " + std::to_string(text.size()) + " bytes exceeds the import limit of " +
                                                std::to_string(options.max_bytes) + " bytes");
    return importer(text, options).run();
}

report import_text_file(const std::string& path, const text_import_options& options) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw error(errc::io_error, "cannot open \"" + path + "\"");
    const auto size = in.tellg();
    if (size < 0) throw error(errc::io_error, "cannot read \"" + path + "\"");
    if (static_cast<std::size_t>(size) > options.max_bytes)
        throw error(errc::invalid_argument, "\"" + path + "\" has " + std::to_string(static_cast<long long>(size)) +
                                                " bytes, more than the import limit of " +
                                                std::to_string(options.max_bytes));
    std::string buf(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    in.read(buf.data(), size);
    if (!in) throw error(errc::io_error, "cannot read \"" + path + "\"");
    return import_text(buf, options);
}

}  // namespace caizheng
