// The narrative checks (rule ids N.…, docs/narrative.md).
#include "detail.hpp"
#include "../common/text.hpp"

#include "caizheng/error.hpp"
#include "caizheng/percent.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory_resource>
#include <optional>
#include <span>
#include <tuple>

namespace caizheng {
namespace narrative_detail {
namespace {

using std::optional;
using std::string;
using std::string_view;

// ---- exact arithmetic on claim decimals --------------------------------------------------

int128 scaled(const decimal& d, int s) {
    return int128(d.mantissa()) * detail::pow10_wide<int128>(s - d.scale());
}
/// a / b × 100 exactly; nullopt when b is zero.
optional<ratio> percent_of(const decimal& a, const decimal& b) {
    const int s = std::max(a.scale(), b.scale());
    const int128 den = scaled(b, s);
    if (den == 0) return std::nullopt;
    return ratio(scaled(a, s) * 100, den);
}
decimal dsum(const decimal& a, const decimal& b, int sign = 1) {
    const int s = std::max(a.scale(), b.scale());
    const int128 v = scaled(a, s) + (sign > 0 ? scaled(b, s) : -scaled(b, s));
    return decimal(static_cast<std::int64_t>(v), s);
}
decimal abs(const decimal& a) { return a.mantissa() < 0 ? decimal(-a.mantissa(), a.scale()) : a; }
bool is_zero(const decimal& d) { return d.mantissa() == 0; }
string str(const decimal& d) { return d.to_string(); }
/// d.to_string() in a fixed buffer (a piece of a message, no allocation).
detail::small_text text_of(const decimal& d) noexcept { return detail::fixed_text(d.mantissa(), d.scale()); }
decimal zero2() { return decimal(0, 2); }

// ---- tables ---------------------------------------------------------------------------------

struct table_value {
    decimal value;
    /// Read it through located(). Empty while the cell (below) can still give it: a
    /// location has seven strings, most claims match their cell and never need one, and an
    /// empty optional costs nothing to copy or destroy.
    optional<finding_location> where;
    string note_zh, note_en;  ///< e.g. the table's own cell disagrees with its parts
    /// The cell the value was read from, when `where` is still to be built from it (a
    /// location has four strings; most claims match their cell and never need one).
    const report_table* cell_table = nullptr;
    const table_row* cell_row = nullptr;
    column_id cell_column{};
    const finding_location& located();
};

optional<decimal> cell_value(const report_table& t, const table_row& row, column_id id) {
    const table_cell* c = t.cell(row, id);
    if (!c || !c->value) return std::nullopt;
    if (t.unit == money_unit::yuan) return decimal(c->value->mantissa(), c->value->scale() + 4);
    if (t.unit == money_unit::yi_yuan) return decimal(c->value->mantissa() * 10000, c->value->scale());
    return *c->value;
}

finding_location cell_location(const report_table& t, const table_row& row, column_id id) {
    finding_location l;
    l.table = t.kind;
    l.table_number = t.number;
    l.row = !row.code.empty() ? row.code
                              : (row.line_number ? "#" + std::to_string(*row.line_number) : row.name);
    l.row_name = row.name;
    if (auto ci = t.column_index(id, row.side)) {
        l.column = t.columns[*ci].number;
        l.column_label = t.columns[*ci].label;
        if (*ci < row.cells.size()) {
            l.source = row.cells[*ci].source;
            l.text = row.cells[*ci].text;
        }
    }
    if (l.source.line == 0) l.source = row.source;
    return l;
}

optional<table_value> from_cell(const report_table* t, const table_row* row, column_id id) {
    if (!t || !row) return std::nullopt;
    auto v = cell_value(*t, *row, id);
    if (!v) return std::nullopt;
    optional<table_value> tv(std::in_place);  // built in place: a table_value is costly to move
    tv->value = *v;
    tv->cell_table = t;
    tv->cell_row = row;
    tv->cell_column = id;
    return tv;
}

const finding_location& table_value::located() {
    if (cell_table) {
        where = cell_location(*cell_table, *cell_row, cell_column);
        cell_table = nullptr;
    }
    if (!where) where.emplace();
    return *where;
}

const table_row* role_row(const report_table* t, row_role role, optional<row_side> side,
                          string_view name_part = {}) {
    if (!t) return nullptr;
    for (const auto& row : t->rows)
        if (row.role == role && (!side || row.side == *side) &&
            (name_part.empty() || contains(row.name, name_part)))
            return &row;
    return nullptr;
}

/// Table value of a functional code in table 05 (a 类/款 without its own row: Σ of its 项 rows).
optional<table_value> code_value(const report_table* t, string_view code) {
    if (!t || code.empty()) return std::nullopt;
    if (const table_row* row = t->find_code(code)) return from_cell(t, row, column_id::subtotal);
    decimal sum = zero2();
    const table_row* first = nullptr;
    std::size_t n = 0;
    for (const auto& row : t->rows)
        if (row.code.size() == 7 && row.code.starts_with(code)) {
            if (auto v = cell_value(*t, row, column_id::subtotal)) {
                sum = dsum(sum, *v);
                ++n;
                if (!first) first = &row;
            }
        }
    if (!first) return std::nullopt;
    table_value tv{sum, cell_location(*t, *first, column_id::subtotal), {}, {}};
    tv.where->row = string(code);
    tv.where->row_name = "Σ " + std::to_string(n) + " 项";
    tv.where->text.clear();
    return tv;
}

/// a == b, inlined: resolve() compares a claim's topic with a few dozen names, and the loops
/// over all claims compare units and topics (GCC calls std::operator== out of line there).
[[gnu::always_inline]] inline bool same(string_view a, string_view b) noexcept {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

/// A claim's unit is 万元 / %: same(), not std::string == const char* (a strlen and a call per
/// claim in the loops over all claims).
[[gnu::always_inline]] inline bool in_wan(string_view unit) noexcept { return same(unit, "万元"); }
[[gnu::always_inline]] inline bool in_percent(string_view unit) noexcept { return same(unit, "%"); }

column_id three_public_column(string_view topic) {
    if (same(topic, t_three_public)) return column_id::total;
    if (same(topic, t_vehicle_total)) return column_id::vehicle_total;
    if (same(topic, t_vehicle_purchase)) return column_id::vehicle_purchase;
    if (same(topic, t_vehicle_operation)) return column_id::vehicle_operation;
    if (same(topic, t_overseas)) return column_id::overseas_travel;
    if (same(topic, t_reception)) return column_id::official_reception;
    return column_id::other;
}

struct resolved {
    optional<table_value> value;
    bool soft = false;  ///< a link that usually holds (warning, not error)
};

/// The tables resolve() reads, looked up once per check (report::table searches the list).
struct report_tables {
    const report_table *t01, *t02, *t03, *t04, *t05, *t06, *t09, *fund, *capital;
    explicit report_tables(const report& r)
        : t01(r.table(table_kind::income_expenditure_total)), t02(r.table(table_kind::income)),
          t03(r.table(table_kind::expenditure)), t04(r.table(table_kind::fiscal_total)),
          t05(r.table(table_kind::general_budget_expenditure)), t06(r.table(table_kind::basic_expenditure_detail)),
          t09(r.table(table_kind::three_public)), fund(r.table(table_kind::government_fund)),
          capital(r.table(table_kind::state_capital)) {}
};

/// The table figure a claim restates, if any; with `notes`, also what is wrong with the table's
/// own figure (only a finding shows them: most claims agree with their table).
resolved resolve(const report_tables& tables, const claim_view& c, section_kind k, bool notes = false) {
    const string_view t = c.topic;
    const bool amountish = c.kind == claim_kind::amount || c.kind == claim_kind::actual;
    if (!amountish && !(c.kind == claim_kind::budget && k == section_kind::three_public)) return {};
    const auto* t01 = tables.t01;
    const auto* t02 = tables.t02;
    const auto* t03 = tables.t03;
    const auto* t04 = tables.t04;
    const auto* t05 = tables.t05;
    const auto* t06 = tables.t06;
    if (k == section_kind::three_public) {
        const auto* t09 = tables.t09;
        const column_id col = three_public_column(t);
        if (!t09 || col == column_id::other) return {};
        const row_side side = c.kind == claim_kind::budget ? row_side::budget : row_side::actual;
        const table_row* row = nullptr;
        for (const auto& rw : t09->rows)
            if (rw.side == side) row = &rw;
        resolved out{from_cell(t09, row, col), false};  // built in place: returned as it is
        auto& tv = out.value;
        if (tv && notes && col == column_id::vehicle_total && row) {
            auto p = cell_value(*t09, *row, column_id::vehicle_purchase);
            auto o = cell_value(*t09, *row, column_id::vehicle_operation);
            if (p && o && dsum(*p, *o) != tv->value) {
                const auto own = text_of(tv->value), pt = text_of(*p), ot = text_of(*o), st = text_of(dsum(*p, *o));
                tv->note_zh = detail::cat("（表中小计", own, "本身不等于购置费", pt, "＋运行维护费", ot, "＝", st, "）");
                tv->note_en = detail::cat(" (the table's own subtotal ", own, " is not purchase ", pt, " + operation ", ot,
                                          " = ", st, ")");
            }
        }
        if (tv && notes && col == column_id::total && row) {
            auto a = cell_value(*t09, *row, column_id::overseas_travel);
            auto p = cell_value(*t09, *row, column_id::vehicle_purchase);
            auto o = cell_value(*t09, *row, column_id::vehicle_operation);
            auto e = cell_value(*t09, *row, column_id::official_reception);
            if (a && p && o && e) {
                const decimal sum = dsum(dsum(*a, *p), dsum(*o, *e));
                if (sum != tv->value) {
                    const auto own = text_of(tv->value), st = text_of(sum);
                    tv->note_zh = detail::cat("（表中合计", own, "本身不等于各项之和", st, "）");
                    tv->note_en = detail::cat(" (the table's own total ", own, " is not the sum of its parts ", st, ")");
                }
            }
        }
        return out;
    }
    if (k == section_kind::government_fund || k == section_kind::state_capital) {
        const auto* tt = k == section_kind::government_fund ? tables.fund : tables.capital;
        if (!tt) return {};
        const table_row* total = role_row(tt, row_role::total, std::nullopt);
        bool empty = tt->no_data.has_value();
        if (total && !empty) {
            empty = true;
            for (const auto& cell : total->cells)
                if (cell.value) empty = false;
        }
        if (empty) {
            table_value tv{zero2(), {}, {}, {}};
            finding_location& where = tv.where.emplace();
            where.table = tt->kind;
            where.table_number = tt->number;
            where.text = tt->no_data ? tt->no_data->text : "";
            where.source = tt->no_data ? tt->no_data->source : tt->source;
            return {std::move(tv), false};
        }
        column_id col = column_id::other;
        if (same(t, "收入")) col = column_id::current_income;
        else if (same(t, "年初结转和结余")) col = column_id::opening_balance;
        else if (same(t, "年末结转和结余")) col = column_id::closing_balance;
        else if (same(t, "基本支出")) col = column_id::basic_expenditure;
        else if (same(t, "项目支出")) col = column_id::project_expenditure;
        else if (same(t, "支出")) col = tt->column_index(column_id::subtotal) ? column_id::subtotal : column_id::total;
        return {from_cell(tt, total, col), false};
    }
    if (!c.code.empty()) return {code_value(t05, c.code), false};
    if (t.empty()) return {};  // every topic below has a name
    if (same(t, t_grand_total))
        return {from_cell(t01, role_row(t01, row_role::grand_total, row_side::income), column_id::income_amount), false};
    if (same(t, t_fiscal_grand_total))
        return {from_cell(t04, role_row(t04, row_role::grand_total, row_side::income), column_id::income_amount), false};
    if (same(t, t_total_income))
        return {from_cell(t01, role_row(t01, row_role::total, row_side::income), column_id::income_amount), false};
    if (same(t, "本年支出合计"))
        return {from_cell(t01, role_row(t01, row_role::total, row_side::expenditure), column_id::expenditure_amount), false};
    static constexpr std::pair<string_view, column_id> income_cols[]{
        {"财政拨款收入", column_id::fiscal_appropriation_income},
        {"上级补助收入", column_id::superior_subsidy_income},
        {"事业收入", column_id::business_income},
        {"经营收入", column_id::operating_income},
        {"附属单位上缴收入", column_id::affiliated_remittance_income},
        {"其他收入", column_id::other_income}};
    for (const auto& [name, col] : income_cols)
        if (same(t, name)) return {from_cell(t02, role_row(t02, row_role::total, std::nullopt), col), false};
    static constexpr std::pair<string_view, column_id> exp_cols[]{
        {"支出合计", column_id::total_expenditure},
        {"上缴上级支出", column_id::remittance_to_superior},
        {"经营支出", column_id::operating_expenditure},
        {"对附属单位补助支出", column_id::subsidy_to_affiliated}};
    for (const auto& [name, col] : exp_cols)
        if (same(t, name)) return {from_cell(t03, role_row(t03, row_role::total, std::nullopt), col), false};
    if (same(t, "基本支出") || same(t, "项目支出")) {
        const column_id col = same(t, "基本支出") ? column_id::basic_expenditure : column_id::project_expenditure;
        if (k == section_kind::expenditure)
            return {from_cell(t03, role_row(t03, row_role::total, std::nullopt), col), false};
        return {from_cell(t05, role_row(t05, row_role::total, std::nullopt), col), false};
    }
    if (same(t, t_fiscal_expenditure))
        return {from_cell(t05, role_row(t05, row_role::total, std::nullopt), column_id::subtotal), false};
    if (same(t, "人员经费"))
        return {from_cell(t06, role_row(t06, row_role::total, std::nullopt, "人员经费"), column_id::amount), false};
    if (same(t, "公用经费"))
        return {from_cell(t06, role_row(t06, row_role::total, std::nullopt, "公用经费"), column_id::amount), false};
    if (same(t, "机关运行经费"))
        return {from_cell(t06, role_row(t06, row_role::total, std::nullopt, "公用经费"), column_id::amount), true};
    if (same(t, "会议费") && t06) return {from_cell(t06, t06->find_code("30215"), column_id::amount), true};
    if (same(t, "培训费") && t06) return {from_cell(t06, t06->find_code("30216"), column_id::amount), true};
    return {};
}

/// The total a share without explicit base refers to, by section.
string_view section_total_topic(section_kind k) {
    switch (k) {
        case section_kind::income: return t_total_income;
        case section_kind::expenditure: return t_total_expenditure;
        case section_kind::general_budget: return t_fiscal_expenditure;
        case section_kind::three_public: return t_three_public;
        default: return {};
    }
}

// ---- 基础数据表 (previous year) ----------------------------------------------------------

struct basic_data_lookup {
    const basic_data_table* t = nullptr;
    optional<std::size_t> prev_col, budget_col, actual_col;

    basic_data_lookup(const report& r) {
        if (!r.annex.basic_data) return;
        t = &*r.annex.basic_data;
        const string prev = std::to_string(r.meta.year - 1);
        const string cur = std::to_string(r.meta.year);
        for (const auto& row : t->rows) {
            bool header = false;
            for (std::size_t i = 0; i < row.cells.size(); ++i) {
                const auto& txt = row.cells[i].text;
                if (contains(txt, "决算数") && txt.starts_with(prev)) prev_col = i, header = true;
                if (contains(txt, "预算数") && txt.starts_with(cur)) budget_col = i;
                if (contains(txt, "决算数") && txt.starts_with(cur)) actual_col = i;
            }
            if (header) break;
        }
    }
    const basic_data_row* row(string_view topic) const {
        if (!t) return nullptr;
        string_view label;
        if (same(topic, t_three_public)) label = "三公经费";
        else if (same(topic, t_vehicle_total)) label = "公务用车购置和维护经费";
        else if (same(topic, t_vehicle_operation)) label = "公车运行维护";
        else if (same(topic, t_vehicle_purchase)) label = "公车购置";
        else if (same(topic, t_overseas)) label = "出国经费";
        else if (same(topic, t_reception)) label = "公务接待";
        else if (same(topic, "基本支出")) label = "部门基本支出";
        else if (same(topic, "项目支出")) label = "项目支出";
        else return nullptr;
        for (const auto& r : t->rows)
            if (contains(r.label, label)) return &r;
        return nullptr;
    }
    optional<figure> at(string_view topic, optional<std::size_t> col) const {
        const basic_data_row* r = row(topic);
        if (!r || !col || *col >= r->cells.size() || !r->cells[*col].value) return std::nullopt;
        return r->cells[*col];
    }
};

// ---- department names: region suffixes ----------------------------------------------------

constexpr std::uint32_t key3(string_view t, std::size_t p) {
    return (std::uint32_t{static_cast<unsigned char>(t[p])} << 16) |
           (std::uint32_t{static_cast<unsigned char>(t[p + 1])} << 8) | static_cast<unsigned char>(t[p + 2]);
}
/// The region suffixes (3-byte characters) as numbers, and a bit per (low bits of the
/// first two bytes, low bits of the third) that rejects most other characters at once.
constexpr auto region_keys = [] {
    std::array<std::uint32_t, region_suffixes.size()> k{};
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = key3(region_suffixes[i], 0);
    return k;
}();
/// departments() looks for the organ suffixes at the start of 3-byte units only: each must be
/// 3-byte characters (lead byte 1110xxxx at multiples of 3, continuation bytes 10xxxxxx between).
constexpr bool three_byte_characters(string_view w) {
    if (w.empty() || w.size() % 3 != 0) return false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto b = static_cast<unsigned char>(w[i]);
        if (i % 3 == 0 ? (b & 0xF0u) != 0xE0u : (b & 0xC0u) != 0x80u) return false;
    }
    return true;
}
static_assert([] {
    for (auto w : organ_suffixes)
        if (!three_byte_characters(w)) return false;
    return true;
}());
/// The first character of each organ suffix, as numbers.
constexpr auto organ_keys = [] {
    std::array<std::uint32_t, organ_suffixes.size()> k{};
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = key3(organ_suffixes[i], 0);
    return k;
}();
constexpr auto region_filter = [] {
    std::array<std::uint64_t, 1024> f{};
    for (auto k : region_keys) f[((k >> 16) & 0x0Fu) << 6 | ((k >> 8) & 0x3Fu)] |= std::uint64_t{1} << (k & 0x3Fu);
    return f;
}();
/// The same filter for the organ suffixes' first characters: most characters of a name window
/// start none, and one look rejects them.
constexpr auto organ_filter = [] {
    std::array<std::uint64_t, 1024> f{};
    for (auto k : organ_keys) f[((k >> 16) & 0x0Fu) << 6 | ((k >> 8) & 0x3Fu)] |= std::uint64_t{1} << (k & 0x3Fu);
    return f;
}();
constexpr bool may_start_organ(std::uint32_t key) {
    return (organ_filter[((key >> 16) & 0x0Fu) << 6 | ((key >> 8) & 0x3Fu)] >> (key & 0x3Fu)) & 1u;
}

// ---- the checker ------------------------------------------------------------------------------

class checker {
public:
    checker(const report& r, const narrative_options& o, extraction x)
        : r_(r), o_(o), x_(std::move(x)), used_(x_.claims.size(), 0), bd_(r), tables_(r) {}

    std::vector<finding> run() {
        for (std::size_t i = 0; i < x_.claims.size(); ++i) claim(i);
        groups();
        sums();
        items();
        annex();
        if (o_.check_department) departments();
        if (o_.list_unchecked) unchecked();
        return std::move(out_);
    }

private:
    const report& r_;
    const narrative_options& o_;
    extraction x_;
    std::vector<char> used_;
    basic_data_lookup bd_;
    report_tables tables_;
    std::vector<finding> out_;
    std::vector<std::size_t> starts_, regions_;  ///< buffers of departments()
    /// sums(): per section number, kind-class (0 actual, 1 budget) and topic, a claim.
    struct sum_entry {
        std::int32_t section;
        int kind;
        string_view topic;
        std::size_t claim;
    };
    std::vector<sum_entry> sum_entries_;
    std::vector<std::pair<std::int32_t, std::size_t>> group_parts_;  ///< buffer of groups()
    std::vector<std::size_t> sum_used_;                               ///< buffer of sums()
    std::vector<std::int32_t> sum_sections_;                          ///< buffer of sums()
    std::vector<std::array<std::size_t, 3>> template_hits_;           ///< buffer of unresolved()
    /// unresolved(): per sentence, its first claim with an unresolved direction (−1: none);
    /// filled in at the first call (one pass over the claims instead of one per call).
    std::vector<std::int32_t> first_unresolved_;
    static bool has_sum_rule(section_kind k) {
        for (const auto& rule : topic_sums)
            if (rule.section == k) return true;
        return false;
    }

    const claim_view& C(std::int32_t i) const { return x_.claims[static_cast<std::size_t>(i)]; }
    const sentence_info& S(std::size_t claim) const {
        return x_.sentences[static_cast<std::size_t>(x_.sentence_of[claim])];
    }
    bool annex_claim(std::size_t i) const { return S(i).kind == section_kind::annex_report; }

    /// A finding on claim's sentence, its message still empty (say() writes it).
    finding& new_finding(string_view rule, severity sev, std::size_t claim, string_view unit) {
        finding f;
        f.rule = rule;
        f.severity = sev;
        finding_location l;
        const auto& s = S(claim);
        l.section = s.numeral;
        l.text = s.text;
        l.source = s.source;
        if (!s.project.empty()) l.project = s.project;
        f.locations.reserve(2);  // many findings name the table cell too
        f.locations.push_back(std::move(l));
        f.unit = unit;
        if (out_.capacity() == 0) out_.reserve(16);  // a finding is large to move when the list grows
        out_.push_back(std::move(f));
        return out_.back();
    }
    /// report_finding with the messages given as pieces (tuples of string literals, views,
    /// small_text): each message joined in one allocation at its final length, the claim's
    /// topic in front as report_finding puts it.
    template <class ZH, class EN>
    finding& report_pieces(string_view rule, severity sev, std::size_t claim, const ZH& zh, const EN& en,
                           string_view unit) {
        finding& f = new_finding(rule, sev, claim, unit);
        const text topic = x_.claims[claim].topic;
        std::apply(
            [&](const auto&... p) {
                if (topic.empty()) detail::append_pieces(f.message_zh, p...);
                else detail::append_pieces(f.message_zh, topic, "：", p...);
            },
            zh);
        std::apply(
            [&](const auto&... p) {
                if (topic.empty()) detail::append_pieces(f.message_en, p...);
                else detail::append_pieces(f.message_en, topic, ": ", p...);
            },
            en);
        return f;
    }
    finding& report_finding(string rule, severity sev, std::size_t claim, string zh, string en,
                 string_view unit = {}) {
        finding& f = new_finding({}, sev, claim, unit);
        f.rule = std::move(rule);
        const auto& c = x_.claims[claim];
        if (c.topic.empty()) {
            f.message_zh = std::move(zh);
            f.message_en = std::move(en);
        } else {
            f.message_zh.reserve(c.topic.size() + 3 + zh.size());
            f.message_zh += c.topic;
            f.message_zh += "：";
            f.message_zh += zh;
            f.message_en.reserve(c.topic.size() + 2 + en.size());
            f.message_en += c.topic;
            f.message_en += ": ";
            f.message_en += en;
        }
        return f;
    }
    static void values(finding& f, const decimal& expected, const decimal& found) {
        f.expected = expected;
        f.found = found;
        f.difference = dsum(found, expected, -1);
    }
    /// A total and n parts, each rounded once to 0.01 万元: a gap of at most ⌊n/2⌋ hundredths is
    /// a tail difference (尾数误差, domain.md §2), not an error.
    static void tail(finding& f, std::size_t n) {
        if (!in_wan(f.unit) || !f.difference || n < 2) return;
        const decimal bound(static_cast<std::int64_t>(n / 2), 2);
        f.bound = bound;
        if (abs(*f.difference) > bound) return;
        f.severity = severity::tail_difference;
        f.message_zh += "；差额" + str(abs(*f.difference)) + "在" + std::to_string(n) + "个四舍五入数的尾数误差界" +
                        str(bound) + "之内，属尾数误差";
        f.message_en += "; the gap " + str(abs(*f.difference)) + " is within the tail bound " + str(bound) +
                        " of " + std::to_string(n) + " rounded parts: a tail difference";
    }

    // -- one claim --------------------------------------------------------------------------
    void claim(std::size_t i) {
        const auto& c = x_.claims[i];
        const auto& s = S(i);
        if (s.kind == section_kind::annex_report && !o_.check_annex) return;
        switch (c.kind) {
            case claim_kind::amount:
            case claim_kind::actual:
            case claim_kind::budget: table_check(i); break;
            case claim_kind::share: share(i); break;
            case claim_kind::completion_rate: completion(i); break;
            case claim_kind::change_amount:
                if (c.direction == claim_direction::unresolved) unresolved(i);
                break;
            case claim_kind::change_rate:
                if (c.direction == claim_direction::unresolved) unresolved(i);
                change(i);
                break;
            case claim_kind::comparison: comparison(i); break;
            case claim_kind::year:
                if (o_.check_year) year(i);
                break;
            default: break;
        }
    }

    void table_check(std::size_t i) {
        const auto& c = x_.claims[i];
        auto res = resolve(tables_, c, S(i).kind);
        if (!res.value) return;
        used_[i] = 1;
        const decimal& v = *c.value;
        if (v == res.value->value) return;
        // a finding: with the table's own notes (only the 三公 table has any)
        if (S(i).kind == section_kind::three_public) res = resolve(tables_, c, S(i).kind, true);
        const decimal& tv = res.value->value;
        const finding_location& loc = res.value->located();
        const string_view table = loc.table_number.empty()
                                      ? string_view(loc.table ? table_kind_title(*loc.table) : "表")
                                      : string_view(loc.table_number);
        const string_view what = loc.row_name;
        const auto table_figure = text_of(tv);
        if (v.scale() < 2 && tv.rescale(v.scale(), rounding_mode::half_away_from_zero) == v) {
            const auto places = detail::int_text(v.scale());
            auto& f = report_pieces("N.amount", severity::warning, i,
                          std::forward_as_tuple(c.printed, "按", places, "位小数表述，", table, what, "为", table_figure,
                                                "万元"),
                          std::forward_as_tuple(c.printed, " is stated with ", places, " decimals; ", table, " ", what,
                                                " prints ", table_figure),
                          "万元");
            values(f, tv, v);
            f.locations.push_back(loc);
            return;
        }
        const bool soft = res.soft;
        const string_view kind_zh = c.kind == claim_kind::budget ? "预算数" : "";
        const string_view soft_zh = soft ? "（通常应一致，请核实）" : "";
        const string_view kind_en = c.kind == claim_kind::budget ? " (budget)" : "";
        const string_view soft_en = soft ? " (usually equal; please verify)" : "";
        auto& f = report_pieces("N.amount", soft ? severity::warning : severity::error, i,
                      std::forward_as_tuple("叙述", kind_zh, c.printed, "与", table, what, "的", table_figure, "万元不一致",
                                            soft_zh, res.value->note_zh),
                      std::forward_as_tuple("the text states ", c.printed, kind_en, ", ", table, " ", what, " prints ",
                                            table_figure, soft_en, res.value->note_en),
                      "万元");
        values(f, tv, v);
        f.locations.push_back(loc);
    }

    /// A share's base: a figure of the text or of a table, and how a finding names it (written
    /// only for a finding: a table's needs the cell's location).
    struct base_figure {
        decimal value;
        const claim_view* claim = nullptr;  ///< the text's figure, or
        optional<table_value> table;             ///< the table's
        string named() {
            if (claim) return string(claim->printed);
            const auto& loc = table->located();
            return loc.table_number + loc.row_name + str(table->value) + "万元";
        }
    };
    /// Value of a base: a claim, else the table figure of a topic.
    optional<base_figure> base_value(std::size_t i) {
        const auto& c = x_.claims[i];
        if (c.base >= 0) {
            used_[static_cast<std::size_t>(c.base)] = 1;
            return base_figure{*C(c.base).value, &C(c.base), {}};
        }
        string_view topic;
        if (!c.base_phrase.empty()) {
            for (const auto& p : topic_patterns)
                if ((p.section == section_kind::unknown || p.section == S(i).kind)) {
                    bool ok = true, any = false;
                    for (auto w : p.all)
                        if (!w.empty()) {
                            any = true;
                            if (!contains(c.base_phrase, w)) ok = false;
                        }
                    if (ok && any) {
                        topic = p.topic;
                        break;
                    }
                }
        } else {
            topic = section_total_topic(S(i).kind);
            // the section's total as stated earlier in the section
            for (std::size_t j = i; j-- > 0;) {
                if (S(j).number != S(i).number) break;
                const auto& o = x_.claims[j];
                if ((o.kind == claim_kind::amount || o.kind == claim_kind::actual) && same(o.topic, topic)) {
                    used_[j] = 1;
                    return base_figure{*o.value, &o, {}};
                }
            }
        }
        if (topic.empty()) return std::nullopt;
        claim_view probe;
        probe.kind = claim_kind::actual;
        probe.topic = topic;
        auto res = resolve(tables_, probe, S(i).kind);
        if (!res.value) return std::nullopt;
        const decimal value = res.value->value;
        return base_figure{value, nullptr, std::move(res.value)};
    }

    void share(std::size_t i) {
        const auto& c = x_.claims[i];
        if (c.subject < 0) return;
        auto base = base_value(i);
        if (!base) return;
        used_[i] = 1;
        used_[static_cast<std::size_t>(c.subject)] = 1;
        const decimal part = *C(c.subject).value;
        const auto pct = percent_of(part, base->value);
        if (!pct) {
            const string named = base->named();
            auto& f = report_finding("N.zero_base", severity::error, i,
                          "占比" + c.printed + "的基数" + named + "为0，占比无从计算",
                          "share " + c.printed + " of a zero base (" + named + "): not a number",
                          "%");
            f.found = *c.value;
            return;
        }
        if (pct->matches(*c.value)) return;
        const decimal exp = pct->round(c.value->scale());
        const string named = base->named();
        auto& f = report_finding("N.share", severity::error, i,
                      C(c.subject).printed + "占" + named + "应为" + str(exp) + "%，叙述为" + c.printed,
                      C(c.subject).printed + " of " + named + " is " + str(exp) + "%, the text says " +
                          c.printed,
                      "%");
        values(f, exp, *c.value);
    }

    void completion(std::size_t i) {
        const auto& c = x_.claims[i];
        optional<decimal> actual, budget;
        string actual_p, budget_p;
        if (c.subject >= 0) {
            actual = C(c.subject).value;
            actual_p = C(c.subject).printed;
        }
        if (c.base >= 0) {
            budget = C(c.base).value;
            budget_p = C(c.base).printed;
        }
        if ((!actual || !budget) && S(i).kind == section_kind::three_public) {
            claim_view probe;
            probe.topic = c.topic;
            probe.kind = claim_kind::actual;
            if (!actual)
                if (auto v = resolve(tables_, probe, section_kind::three_public).value)
                    actual = v->value,
                    actual_p = detail::cat("表", v->located().table_number, "决算数", text_of(v->value), "万元");
            probe.kind = claim_kind::budget;
            if (!budget)
                if (auto v = resolve(tables_, probe, section_kind::three_public).value)
                    budget = v->value,
                    budget_p = detail::cat("表", v->located().table_number, "预算数", text_of(v->value), "万元");
        }
        if (!budget || !actual) return;
        used_[i] = 1;
        if (c.subject >= 0) used_[static_cast<std::size_t>(c.subject)] = 1;
        if (c.base >= 0) used_[static_cast<std::size_t>(c.base)] = 1;
        const auto pct = percent_of(*actual, *budget);
        if (!pct) {
            auto& f = report_pieces("N.zero_base", severity::error, i,
                          std::forward_as_tuple("预算数为0（", budget_p, "），不能表述“完成预算的", c.printed,
                                                "”：以0为基数的完成率不是数字"),
                          std::forward_as_tuple("completion rate ", c.printed, " stated on a zero budget (", budget_p,
                                                "): a rate on a zero base is not a number"),
                          "%");
            f.found = *c.value;
            return;
        }
        if (pct->matches(*c.value)) return;
        const decimal exp = pct->round(c.value->scale());
        const auto exp_text = text_of(exp);
        auto& f = report_pieces("N.completion_rate", severity::error, i,
                      std::forward_as_tuple("决算", actual_p, "÷预算", budget_p, "＝", exp_text, "%，叙述为", c.printed),
                      std::forward_as_tuple("actual ", actual_p, " / budget ", budget_p, " = ", exp_text,
                                            "%, the text says ", c.printed),
                      "%");
        values(f, exp, *c.value);
    }

    void unresolved(std::size_t i) {
        used_[i] = 1;
        const auto& c = x_.claims[i];
        const auto& s = S(i).text;
        // the template words as written
        // one finding per sentence, naming every template left in it ("减少（增加）", "减少（增长）")
        if (first_unresolved_.empty()) {
            first_unresolved_.assign(x_.sentences.size(), -1);
            for (std::size_t j = x_.claims.size(); j-- > 0;)
                if (x_.claims[j].direction == claim_direction::unresolved)
                    first_unresolved_[static_cast<std::size_t>(x_.sentence_of[j])] = static_cast<std::int32_t>(j);
        }
        if (first_unresolved_[static_cast<std::size_t>(x_.sentence_of[i])] < static_cast<std::int32_t>(i)) return;
        // A template is a direction word, "（" right after it, and its "）" at most 12 bytes
        // after that. They are found from the sentence's few "（" (one pass) instead of a search
        // per direction word, and listed as such searches list them: by word in table order,
        // then by position (narrative_test compares the two).
        auto& hits = template_hits_;  // (word, start, end), reused buffer
        hits.clear();
        for (auto open = find_word(s, "（"); open != string::npos; open = find_word(s, "（", open + 1)) {
            const auto close = find_word(s, "）", open);
            if (close == string::npos || close - open > 12) continue;
            for (std::size_t k = 0; k < direction_words.size(); ++k) {
                const string_view w = direction_words[k].word;
                if (open >= w.size() && starts_with(s, open - w.size(), w)) hits.push_back({k, open - w.size(), close + 3});
            }
        }
        // by word; each word's positions are in text order already
        std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a[0] < b[0]; });
        string words;
        for (const auto& h : hits) {
            if (!words.empty()) words += "、";
            words += s.substr(h[1], h[2] - h[1]);
        }
        report_pieces("N.direction_unresolved", severity::error, i,
            std::forward_as_tuple("模板用语“", words, "”未按实际情况选定（增加或减少），变动方向不明"),
            std::forward_as_tuple("template wording \"", words, "\" left unresolved: the direction of the change is not stated"),
            c.unit);
    }

    static bool same_direction(claim_direction a, claim_direction b) {
        auto norm = [](claim_direction d) { return d; };
        return norm(a) == norm(b);
    }

    void change(std::size_t i) {
        const auto& c = x_.claims[i];
        if (c.subject < 0) return;
        const auto& subj = C(c.subject);
        optional<decimal> prev;
        // how last year was found, written only for a finding (most rates agree)
        const claim_view* amount_claim = nullptr;  // the change amount, or
        optional<figure> basic_prev;                     // the 基础数据表's last year
        auto how = [&]() -> std::pair<string, string> {
            if (amount_claim) {
                const auto& d = *amount_claim;
                const auto last = text_of(*prev);
                const bool up = d.direction == claim_direction::increase;
                return {detail::cat("由本句数字推得上年为", last, "万元（", subj.printed, up ? "－" : "＋", d.printed, "）"),
                        detail::cat("the sentence implies last year = ", last, " (", subj.printed, up ? " - " : " + ",
                             d.printed, ")")};
            }
            return {detail::cat("基础数据表上年为", basic_prev->text, "万元"),
                    detail::cat("the 基础数据表 gives last year ", basic_prev->text)};
        };
        if (c.related >= 0) {
            const auto& d = C(c.related);
            used_[static_cast<std::size_t>(c.related)] = 1;
            used_[static_cast<std::size_t>(c.subject)] = 1;
            used_[i] = 1;
            // direction words of amount and rate must agree
            if (d.direction != claim_direction::unresolved && c.direction != claim_direction::unresolved &&
                !same_direction(d.direction, c.direction)) {
                report_finding("N.direction", severity::error, i,
                    "变动额用“" + dir_zh(d.direction) + "”而变动率用“" + dir_zh(c.direction) + "”，方向矛盾",
                    "the change amount says " + dir_en(d.direction) + " but the rate says " +
                        dir_en(c.direction),
                    "");
            }
            const decimal dv = *d.value;
            if (d.direction == claim_direction::increase) prev = dsum(*subj.value, dv, -1);
            else if (d.direction == claim_direction::decrease) prev = dsum(*subj.value, dv);
            else if (is_zero(dv)) prev = *subj.value;
            if (!prev) return;
            amount_claim = &d;
            previous_year(i, *prev);
        } else {
            // a rate without an amount: last year from the 基础数据表, if there
            basic_prev = bd_.at(c.topic, bd_.prev_col);
            if (!basic_prev) return;
            used_[i] = 1;
            used_[static_cast<std::size_t>(c.subject)] = 1;
            prev = *basic_prev->value;
        }
        const auto pct = percent_of(abs(dsum(*subj.value, *prev, -1)), *prev);
        if (!pct) {
            const auto [how_zh, how_en] = how();
            auto& f = report_pieces("N.zero_base", severity::error, i,
                          std::forward_as_tuple(how_zh, "，上年为0，变动率", c.printed, "以0为基数，不是数字（应写“上年无此项支出”等）"),
                          std::forward_as_tuple(how_en, "; last year is 0, so the rate ", c.printed, " is on a zero base: not a number"),
                          "%");
            f.found = *c.value;
            return;
        }
        if (pct->matches(*c.value)) return;
        const decimal exp = pct->round(c.value->scale());
        string hint_zh, hint_en;
        if (c.related >= 0) {
            if (auto p = bd_.at(c.topic, bd_.prev_col); p && *p->value != *prev) {
                const decimal d2 = abs(dsum(*subj.value, *p->value, -1));
                const auto d2_text = text_of(d2);
                hint_zh = detail::cat("；基础数据表上年决算数为", p->text, "万元，按此变动额应为", d2_text, "万元");
                hint_en = detail::cat("; the 基础数据表 gives last year ", p->text, ", which makes the change ", d2_text);
            }
        }
        const bool related = c.related >= 0;
        const string_view related_printed = related ? string_view(C(c.related).printed) : string_view();
        const string_view related_dir = related ? dir_zh(C(c.related).direction) : string_view();
        const auto [how_zh, how_en] = how();
        const auto rate = text_of(exp);
        auto& f = report_pieces("N.change_rate", severity::error, i,
                      std::forward_as_tuple(related_dir, related_printed, related ? "与" : "", dir_zh(c.direction),
                                            c.printed, "不一致：", how_zh, "，变动率应为", rate, "%", hint_zh),
                      std::forward_as_tuple(related ? "change " : "", related_printed, related ? " and " : "", "rate ",
                                            c.printed, " disagree: ", how_en, ", so the rate is ", rate, "%", hint_en),
                      "%");
        values(f, exp, *c.value);
    }

    /// Implied last-year figure vs the 基础数据表's.
    void previous_year(std::size_t i, const decimal& prev) {
        const auto& c = x_.claims[i];
        auto p = bd_.at(c.topic, bd_.prev_col);
        if (!p || *p->value == prev) return;
        const decimal& t = *p->value;
        const bool tail = t.scale() < prev.scale() &&
                          prev.rescale(t.scale(), rounding_mode::half_away_from_zero) == t;
        const auto last = text_of(prev), places = detail::int_text(t.scale());
        auto& f = report_pieces("N.previous_year", tail ? severity::tail_difference : severity::error, i,
                      std::forward_as_tuple("由本句数字推得上年为", last, "万元，基础数据表上年决算数为", p->text, "万元",
                           tail ? "（基础数据表只印" : "", tail ? string_view(places) : string_view(),
                           tail ? "位小数，差异在其精度内）" : ""),
                      std::forward_as_tuple("the sentence implies last year = ", last, ", the 基础数据表 prints ", p->text,
                           tail ? " (printed with " : "", tail ? string_view(places) : string_view(),
                           tail ? " decimals: within its precision)" : ""),
                      "万元");
        values(f, t, prev);
        f.bound = tail ? optional<decimal>(decimal(5, t.scale() + 1)) : std::nullopt;
        finding_location l;
        l.section = "基础数据表";
        l.row = p->text;
        l.row_name = bd_.row(c.topic)->label;
        l.source = p->source;
        f.locations.push_back(l);
    }

    static text dir_zh(claim_direction d) {
        switch (d) {
            case claim_direction::increase: return "增加";
            case claim_direction::decrease: return "减少";
            case claim_direction::flat: return "持平";
            case claim_direction::unresolved: return "增加/减少未定";
            case claim_direction::greater: return "大于";
            case claim_direction::less: return "小于";
            case claim_direction::equal: return "等于";
            default: return "";
        }
    }
    static text dir_en(claim_direction d) {
        switch (d) {
            case claim_direction::increase: return "increase";
            case claim_direction::decrease: return "decrease";
            case claim_direction::flat: return "unchanged";
            case claim_direction::unresolved: return "unresolved";
            case claim_direction::greater: return "greater than";
            case claim_direction::less: return "less than";
            case claim_direction::equal: return "equal to";
            default: return "";
        }
    }

    void comparison(std::size_t i) {
        const auto& c = x_.claims[i];
        optional<decimal> actual, budget;
        if (c.subject >= 0) actual = C(c.subject).value;
        if (c.base >= 0) budget = C(c.base).value;
        if (!actual || !budget) return;
        const int cmp = (*actual <=> *budget) < 0 ? -1 : ((*actual <=> *budget) > 0 ? 1 : 0);
        const claim_direction truth =
            cmp > 0 ? claim_direction::greater : (cmp < 0 ? claim_direction::less : claim_direction::equal);
        const bool ok = c.direction == truth || (c.direction == claim_direction::flat && cmp == 0);
        if (ok) return;
        const bool soft = c.direction == claim_direction::flat;
        auto& f = report_finding("N.direction", soft ? severity::warning : severity::error, i,
                      "叙述称决算数" + dir_zh(c.direction) + "预算数，但决算" + C(c.subject).printed + dir_zh(truth) +
                          "预算" + C(c.base).printed,
                      "the text says actual is " + dir_en(c.direction) + " budget, but actual " +
                          C(c.subject).printed + " is " + dir_en(truth) + " budget " + C(c.base).printed,
                      "万元");
        values(f, *budget, *actual);
    }

    void year(std::size_t i) {
        const auto& c = x_.claims[i];
        if (r_.meta.year == 0) return;
        if (x_.date[i] && !x_.period_end[i]) return;
        const std::int64_t expected = x_.compared_year[i] ? r_.meta.year - 1 : r_.meta.year;
        if (c.value->mantissa() == expected && c.value->scale() == 0) return;
        auto& f = report_finding("N.year", severity::error, i,
                      "年份" + c.printed + "与报告年度" + std::to_string(r_.meta.year) + "不符" +
                          (x_.compared_year[i] ? "（比较年度应为上一年" + std::to_string(expected) + "）" : ""),
                      "year " + c.printed + " does not match the report's year " + std::to_string(r_.meta.year) +
                          (x_.compared_year[i] ? " (the comparison year should be " + std::to_string(expected) + ")" : ""),
                      "");
        values(f, decimal::from_integer(expected), *c.value);
    }

    // -- 其中 groups --------------------------------------------------------------------------
    void groups() {
        // (total, part) pairs by total, parts in claim order: one sorted list (was a map of lists)
        auto& parts = group_parts_;
        parts.clear();
        parts.reserve(x_.claims.size());  // one allocation (the checker lives for one run)
        for (std::size_t i = 0; i < x_.claims.size(); ++i)
            if (x_.part_of[i] >= 0) parts.emplace_back(x_.part_of[i], i);
        std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t g = 0; g < parts.size();) {
            std::size_t ge = g;
            while (ge < parts.size() && parts[ge].first == parts[g].first) ++ge;
            const std::int32_t total = parts[g].first;
            const std::span<const std::pair<std::int32_t, std::size_t>> list(parts.data() + g, ge - g);
            g = ge;
            const auto& t = C(total);
            if (annex_claim(static_cast<std::size_t>(total)) && !o_.check_annex) continue;
            auto sign_of = [&](std::size_t p) {
                const auto& c = x_.claims[p];
                return c.kind == claim_kind::change_amount && c.direction == claim_direction::decrease ? -1 : 1;
            };
            decimal sum = decimal(0, 0);
            for (const auto& [_, p] : list) {
                sum = dsum(sum, *x_.claims[p].value, sign_of(p));
                used_[p] = 1;
            }
            // the parts as written, for a finding
            auto terms_of = [&] {
                string terms;
                for (const auto& [_, p] : list) {
                    const int sign = sign_of(p);
                    terms += terms.empty() ? (sign < 0 ? "－" : "") : (sign < 0 ? "－" : "＋");
                    terms += x_.claims[p].printed;
                }
                return terms;
            };
            used_[static_cast<std::size_t>(total)] = 1;
            decimal tv = *t.value;
            if (t.kind == claim_kind::change_amount && t.direction == claim_direction::decrease)
                tv = decimal(-tv.mantissa(), tv.scale());
            if (list.size() == 1) {
                if (abs(*x_.claims[list[0].second].value) <= abs(tv)) continue;
                const string terms = terms_of();
                auto& f = report_finding("N.parts_sum", severity::error, list[0].second,
                              "“其中”部分" + terms + "大于总数" + t.printed,
                              "the part " + terms + " exceeds its total " + t.printed, t.unit);
                values(f, tv, sum);
                continue;
            }
            if (sum == tv) continue;
            const string terms = terms_of();
            auto& f = report_finding("N.parts_sum", severity::error, static_cast<std::size_t>(total),
                          "总数" + t.printed + "不等于其中各项之和" + terms + "＝" + str(sum),
                          "the total " + t.printed + " is not the sum of its parts " + terms + " = " + str(sum),
                          t.unit);
            values(f, tv, sum);
            tail(f, list.size());
        }
    }

    // -- topic sums within a section (三公 = 出国 + 车 + 接待 …) ------------------------------
    void sums() {
        // per section number and kind-class (in that order): the first claim per topic, topics
        // in order; one sorted list (topics are views of the claims' own strings)
        using entry_t = sum_entry;
        auto& first = sum_entries_;  // reused buffer
        first.clear();
        first.reserve(x_.claims.size());  // one allocation (the checker lives for one run)
        auto kind_class = [&](std::size_t i) {
            const auto& c = x_.claims[i];
            if (!in_wan(c.unit) || S(i).number == 0) return -1;
            if (c.kind == claim_kind::amount || c.kind == claim_kind::actual) return 0;
            if (c.kind == claim_kind::budget) return 1;
            return -1;
        };
        // A group's rules are those of the section kind of one of its claims (below): a section
        // none of whose claims is of a kind with a sum rule (三公, 政府采购) checks nothing, and
        // its claims need not be sorted.
        auto& sections = sum_sections_;  // reused buffer
        sections.clear();
        sections.reserve(16);
        for (std::size_t i = 0; i < x_.claims.size(); ++i) {
            const int k = kind_class(i);
            if (k < 0) continue;
            const auto& s = S(i);
            first.push_back({s.number, k, string_view(x_.claims[i].topic), i});
            if (has_sum_rule(s.kind) && std::find(sections.begin(), sections.end(), s.number) == sections.end())
                sections.push_back(s.number);
        }
        first.erase(std::remove_if(first.begin(), first.end(),
                                   [&](const entry_t& e) {
                                       return std::find(sections.begin(), sections.end(), e.section) == sections.end();
                                   }),
                    first.end());
        if (first.empty()) return;
        auto order = [](const entry_t& a, const entry_t& b) {
            return std::tie(a.section, a.kind, a.topic) < std::tie(b.section, b.kind, b.topic);
        };
        auto same_key = [](const entry_t& a, const entry_t& b) {
            return a.section == b.section && a.kind == b.kind && same(a.topic, b.topic);
        };
        std::stable_sort(first.begin(), first.end(), order);             // claim order kept per topic
        first.erase(std::unique(first.begin(), first.end(), same_key), first.end());  // the first claim
        for (std::size_t g = 0; g < first.size();) {
            std::size_t ge = g;
            while (ge < first.size() && first[ge].section == first[g].section && first[ge].kind == first[g].kind) ++ge;
            const auto* const tb = first.data() + g;
            const auto* const te = first.data() + ge;
            const int kind = first[g].kind;
            g = ge;
            struct found {
                std::size_t second;  ///< the claim
            };
            // the topic's entry in the group (sorted by topic)
            auto find = [&](string_view t) -> std::optional<found> {
                const auto* it = std::lower_bound(tb, te, t, [](const entry_t& e, string_view v) { return e.topic < v; });
                if (it == te || it->topic != t) return std::nullopt;
                return found{it->claim};
            };
            const section_kind sk = S(tb->claim).kind;
            for (const auto& rule : topic_sums) {
                if (rule.section != sk) continue;
                auto total = find(rule.total);
                if (!total) continue;
                decimal sum(0, 0);
                // the parts and their values, written out only for a finding
                std::array<std::pair<string_view, decimal>, std::tuple_size_v<decltype(rule.parts)>> terms{};
                std::size_t nterms = 0;
                auto& used = sum_used_;
                used.clear();
                used.reserve(16);  // once
                bool all = true;
                for (auto p : rule.parts) {
                    if (p.empty()) continue;
                    optional<decimal> v;
                    if (auto it = find(p)) {
                        v = x_.claims[it->second].value;
                        used.push_back(it->second);
                    } else {
                        for (const auto& sub : topic_sums)  // a part that is itself a sum
                            if (sub.section == sk && sub.total == p) {
                                decimal s2(0, 0);
                                bool ok = true;
                                for (auto q : sub.parts) {
                                    if (q.empty()) continue;
                                    auto jt = find(q);
                                    if (!jt) { ok = false; break; }
                                    s2 = dsum(s2, *x_.claims[jt->second].value);
                                    used.push_back(jt->second);
                                }
                                if (ok) v = s2;
                            }
                    }
                    if (!v) { all = false; break; }
                    sum = dsum(sum, *v);
                    terms[nterms++] = {p, *v};
                }
                if (!all) continue;
                const auto t = total->second;
                used_[t] = 1;
                for (auto u : used) used_[u] = 1;
                if (sum == *x_.claims[t].value) continue;
                string written;
                for (std::size_t k = 0; k < nterms; ++k) {
                    if (k > 0) written += "＋";
                    written += terms[k].first;
                    written += str(terms[k].second);
                }
                auto& f = report_finding("N.parts_sum", severity::error, t,
                              (kind == 1 ? "预算数" : "决算数") + x_.claims[t].printed + "不等于" + written + "＝" + str(sum),
                              string(kind == 1 ? "budget " : "actual ") + x_.claims[t].printed +
                                  " is not the sum of its parts = " + str(sum),
                              "万元");
                values(f, *x_.claims[t].value, sum);
                tail(f, used.size());
            }
        }
    }

    // -- 五（三）: the 项 budgets and actuals add up to the stated totals -----------------------
    void items() {
        // the maps' nodes and lists in one buffer on the stack (a few dozen small nodes per run;
        // more go to the heap)
        alignas(std::max_align_t) std::byte buffer[4096];
        std::pmr::monotonic_buffer_resource memory(buffer, sizeof buffer);
        using key_t = std::pair<std::int32_t, std::int32_t>;
        std::pmr::map<key_t, std::size_t> total_budget(&memory), total_actual(&memory);
        std::pmr::map<key_t, std::pmr::vector<std::size_t>> item_budget(&memory), item_actual(&memory);
        for (std::size_t i = 0; i < x_.claims.size(); ++i) {
            const auto& s = S(i);
            const auto& c = x_.claims[i];
            if (s.kind != section_kind::general_budget || !in_wan(c.unit)) continue;
            const std::pair key{s.number, s.block};
            const bool budget = c.kind == claim_kind::budget;
            const bool actual = c.kind == claim_kind::actual;
            if (!budget && !actual) continue;
            if (s.item < 0) {
                if (same(c.topic, t_fiscal_expenditure)) (budget ? total_budget : total_actual).emplace(key, i);
                continue;
            }
            (budget ? item_budget : item_actual)[key].push_back(i);
        }
        // The 项 paragraphs of each block (by the id of their first sentence, in order): a sum
        // that misses one of them checks nothing — the total is then unchecked, naming the
        // paragraph without the figure, never an error made of the missing paragraph.
        std::pmr::map<key_t, std::pmr::vector<std::int32_t>> items_of(&memory);
        for (const auto& s : x_.sentences) {
            if (s.kind != section_kind::general_budget || s.item < 0) continue;
            auto& v = items_of[{s.number, s.block}];
            if (v.empty() || v.back() != s.item) v.push_back(s.item);
        }
        auto check = [&](auto& totals, auto& lists, const char* zh, const char* en) {
            for (auto& [key, list] : lists) {
                auto t = totals.find(key);
                if (t == totals.end()) continue;
                const auto& items = items_of[key];
                std::size_t missing = items.size();
                for (std::size_t k = 0; k < items.size() && missing == items.size(); ++k)
                    if (std::none_of(list.begin(), list.end(), [&](std::size_t j) { return S(j).item == items[k]; }))
                        missing = k;
                if (missing < items.size()) {
                    for (auto j : list) used_[j] = 1;
                    used_[t->second] = 1;
                    const string ordinal = std::to_string(missing + 1);
                    const auto& ms = x_.sentences[static_cast<std::size_t>(items[missing])];
                    const string line = std::to_string(ms.source.line);
                    report_finding("N.items_sum", severity::unchecked, t->second,
                                   string(zh) + x_.claims[t->second].printed + "未能与各项之和核对：第" +
                                       ordinal + "项（第" + line + "行起）没有这一数字",
                                   string(en) + x_.claims[t->second].printed +
                                       " could not be checked against the 项 paragraphs: paragraph " +
                                       ordinal + " (from line " + line + ") states no such figure",
                                   "万元");
                    continue;
                }
                decimal sum(0, 0);
                for (auto j : list) sum = dsum(sum, *x_.claims[j].value), used_[j] = 1;
                used_[t->second] = 1;
                if (sum == *x_.claims[t->second].value) continue;
                auto& f = report_finding("N.items_sum", severity::error, t->second,
                              string(zh) + x_.claims[t->second].printed + "不等于各项之和" + str(sum) + "万元（" +
                                  std::to_string(list.size()) + "项）",
                              string(en) + x_.claims[t->second].printed + " is not the sum of the " +
                                  std::to_string(list.size()) + " 项 paragraphs, " + str(sum),
                              "万元");
                values(f, *x_.claims[t->second].value, sum);
                tail(f, list.size());
            }
        };
        check(total_budget, item_budget, "年初预算总数", "the total initial budget ");
        check(total_actual, item_actual, "支出决算总数", "the total actual ");
    }

    // -- annex prose ----------------------------------------------------------------------------
    void annex() {
        if (!o_.check_annex) return;
        // balance sentences: 预算 + 调增 − 实际 = 结余; the projects listed after add up to 实际
        optional<std::size_t> group_actual;
        std::vector<std::size_t> group_projects;
        auto close = [&] {
            if (group_actual && !group_projects.empty()) {
                decimal sum(0, 0);
                string terms;
                for (auto j : group_projects) {
                    sum = dsum(sum, *x_.claims[j].value);
                    terms += (terms.empty() ? "" : "＋") + x_.claims[j].printed;
                    used_[j] = 1;
                }
                used_[*group_actual] = 1;
                if (sum != *x_.claims[*group_actual].value) {
                    auto& f = report_finding("N.annex.projects_sum", severity::error, *group_actual,
                                  "实际支出" + x_.claims[*group_actual].printed + "不等于所列项目支出之和" + terms + "＝" + str(sum),
                                  "actual " + x_.claims[*group_actual].printed + " is not the sum of the projects listed " +
                                      str(sum),
                                  "万元");
                    values(f, *x_.claims[*group_actual].value, sum);
                    tail(f, group_projects.size());
                }
            }
            group_actual.reset();
            group_projects.clear();
        };
        for (std::size_t i = 0; i < x_.claims.size(); ++i) {
            if (!annex_claim(i)) continue;
            const auto& c = x_.claims[i];
            if (c.kind == claim_kind::balance) {
                close();
                balance(i);
                for (std::size_t j = i; j-- > 0 && x_.sentence_of[j] == x_.sentence_of[i];)
                    if (contains(last_word(j), "实际")) group_actual = j;
            } else if (c.kind == claim_kind::project_spending) {
                group_projects.push_back(i);
                project(i);
            }
        }
        close();
    }
    /// The 24 bytes before claim j's figure in its sentence (a view into the sentence).
    string_view last_word(std::size_t j) const {
        const string_view s = S(j).text;
        const auto at = find_word(s, x_.claims[j].printed);
        if (at == string::npos) return {};
        const auto from = at >= 24 ? at - 24 : 0;
        return s.substr(from, at - from);
    }

    /// Are the claims' sentences non-decreasing (then each sentence's claims are one run)?
    /// Worked out at the first call.
    bool sentences_in_order() {
        if (in_order_ < 0) in_order_ = std::is_sorted(x_.sentence_of.begin(), x_.sentence_of.end()) ? 1 : 0;
        return in_order_ == 1;
    }
    int in_order_ = -1;

    void balance(std::size_t i) {
        const auto sid = x_.sentence_of[i];
        optional<std::size_t> budget, actual;
        decimal adj(0, 0);
        std::vector<std::size_t> members;
        // The claims of the sentence, in order: when the claims are in sentence order (the
        // extractor's), they are a run around i; else all claims are looked at.
        std::size_t from = 0, to = x_.claims.size();
        if (sentences_in_order()) {
            from = i;
            while (from > 0 && x_.sentence_of[from - 1] == sid) --from;
            to = i + 1;
            while (to < x_.claims.size() && x_.sentence_of[to] == sid) ++to;
        }
        for (std::size_t j = from; j < to; ++j) {
            if (x_.sentence_of[j] != sid || j == i || !in_wan(x_.claims[j].unit)) continue;
            const auto& c = x_.claims[j];
            if (c.kind == claim_kind::adjustment) {
                adj = dsum(adj, *c.value, c.direction == claim_direction::decrease ? -1 : 1);
                members.push_back(j);
            } else if (contains(last_word(j), "实际")) {
                actual = j;
            } else if (!budget) {
                budget = j;
            }
        }
        if (!budget || !actual) return;
        used_[i] = used_[*budget] = used_[*actual] = 1;
        for (auto m : members) used_[m] = 1;
        const decimal exp = dsum(dsum(*x_.claims[*budget].value, adj), *x_.claims[*actual].value, -1);
        if (exp == *x_.claims[i].value) return;
        auto& f = report_finding("N.annex.balance", severity::error, i,
                      "结余结转" + x_.claims[i].printed + "不等于" + x_.claims[*budget].printed + "＋调整" + str(adj) +
                          "－实际支出" + x_.claims[*actual].printed + "＝" + str(exp),
                      "balance " + x_.claims[i].printed + " is not budget + adjustment − actual = " + str(exp),
                      "万元");
        values(f, exp, *x_.claims[i].value);
    }

    void project(std::size_t i) {
        const auto& c = x_.claims[i];
        const string_view name = S(i).project;
        used_[i] = 1;
        project_key_memo& keys = x_.project_keys;
        const std::string& key = keys.prose(name);
        // 基础数据表 row of the project, current-year actual
        if (r_.annex.basic_data && bd_.actual_col) {
            for (std::size_t k = 0; k < r_.annex.basic_data->rows.size(); ++k) {
                const auto& row = r_.annex.basic_data->rows[k];
                if (!same_project_key(keys.basic(r_, k), key)) continue;
                if (*bd_.actual_col >= row.cells.size() || !row.cells[*bd_.actual_col].value) break;
                const auto& fig = row.cells[*bd_.actual_col];
                if (*fig.value != *c.value) {
                    auto& f = report_finding("N.annex.project", severity::error, i,
                                  "项目支出" + c.printed + "与基础数据表的" + fig.text + "万元不一致",
                                  "project spending " + c.printed + " vs the 基础数据表's " + fig.text, "万元");
                    values(f, *fig.value, *c.value);
                    finding_location l;
                    l.section = "基础数据表";
                    l.row_name = row.label;
                    l.text = fig.text;
                    l.source = fig.source;
                    f.locations.push_back(l);
                }
                break;
            }
        }
        for (std::size_t k = 0; k < r_.annex.projects.size(); ++k) {
            const auto& p = r_.annex.projects[k];
            if (!same_project_key(keys.evaluation(r_, k), key)) continue;
            for (const auto& fr : p.funding) {
                if (fr.kind != funding_kind::total || !fr.executed.value) continue;
                if (*fr.executed.value != *c.value) {
                    auto& f = report_finding("N.annex.project", severity::error, i,
                                  "项目支出" + c.printed + "与项目支出绩效自评表的全年执行数" + fr.executed.text +
                                      "万元不一致（同一数字印成两个值，不是尾数误差）",
                                  "project spending " + c.printed + " vs the 自评表's 全年执行数 " + fr.executed.text +
                                      " (one figure printed two ways, not a tail difference)",
                                  "万元");
                    values(f, *fr.executed.value, *c.value);
                    finding_location l;
                    l.project = p.project;
                    l.row = fr.label;
                    l.column_label = "全年执行数";
                    l.text = fr.executed.text;
                    l.source = fr.executed.source;
                    f.locations.push_back(l);
                }
            }
            break;
        }
    }

    // -- department names ----------------------------------------------------------------------
    static bool is_region_char(string_view t, std::size_t p) {
        const std::uint32_t key = key3(t, p);
        if (!((region_filter[((key >> 16) & 0x0Fu) << 6 | ((key >> 8) & 0x3Fu)] >> (key & 0x3Fu)) & 1u)) return false;
        for (auto k : region_keys)
            if (k == key) return true;
        return false;
    }
    /// True when the name `cand` (3-byte characters from its start; `organ` the offset of its
    /// organ suffix, `first_region` the end of its first region suffix) ends with the same
    /// place and organ as the report's department: their common tail, in whole characters,
    /// holds cand's last region suffix and at least one character before it. What precedes
    /// that tail in cand is then the sentence's own words — "建立了普陀区财政局" is 建立了 +
    /// 普陀区财政局 of 上海市普陀区财政局 — not another department; "上海市静安区财政局" shares only
    /// "区财政局", which names no place.
    static bool same_place_and_organ(string_view cand, std::size_t organ, std::size_t first_region, string_view dept) {
        std::size_t n = 0;
        while (n < cand.size() && n < dept.size() && cand[cand.size() - 1 - n] == dept[dept.size() - 1 - n]) ++n;
        std::size_t tail = cand.size() - n;
        while (tail < cand.size() && (static_cast<unsigned char>(cand[tail]) & 0xC0u) == 0x80u) ++tail;
        std::size_t last_region = first_region - 3;
        for (std::size_t q = first_region; q + 3 <= organ; q += 3)
            if (is_region_char(cand, q)) last_region = q;
        return tail + 3 <= last_region;
    }
    /// One step of the character walk of departments(): the character boundary i of t (the
    /// walk from 0 steps by u8len) and what it records there — a start of a name window after
    /// CJK punctuation, an ASCII separator, 年度 or a year's 年; a region suffix on a CJK
    /// character. Returns the next boundary. (Inlined into walk(): a call per character cost
    /// more than the step.)
    [[gnu::always_inline]] std::size_t walk_step(string_view t, std::size_t i) {
        const std::size_t n = u8len(static_cast<unsigned char>(t[i]));
        if (n == 3) {
            if (!is_cjk_at(t, i)) starts_.push_back(i + 3);  // after CJK punctuation
            else if (is_region_char(t, i)) regions_.push_back(i);
        }
        if (n == 1 && (t[i] == ' ' || t[i] == ',' || t[i] == ':' || t[i] == ';')) starts_.push_back(i + 1);
        if (t[i] == '\xE5') {  // 年 is E5 B9 B4
            if (starts_with(t, i, "年度")) starts_.push_back(i + 6);
            else if (starts_with(t, i, "年") && i > 0 && (t[i - 1] >= '0' && t[i - 1] <= '9')) starts_.push_back(i + 3);
        }
        return i + n;
    }
    /// Is q a boundary of the walk from 0 (steps of u8len, at most 4)? Yes when no step from
    /// the 3 bytes before it can go past it: the last boundary before q is one of the 4 bytes
    /// before it, and its step then ends on q. (A sufficient test: in well-formed text every
    /// character's first byte passes it.)
    static bool surely_boundary(string_view t, std::size_t q) {
        for (std::size_t k = q >= 3 ? q - 3 : 0; k < q; ++k)
            if (k + u8len(static_cast<unsigned char>(t[k])) > q) return false;
        return true;
    }
    /// The starts and region suffixes of sentence s, in text order: those of the whole walk
    /// when the extractor did not say where its region suffixes are; else those of the walk
    /// around each region suffix it found — from the boundaries whose starts can reach it
    /// (a start at most 21 bytes before it, a start at most 6 bytes after its boundary) to
    /// the suffix itself. A start elsewhere has no region suffix within 7 characters after it
    /// and names no department, and every region suffix the whole walk sees is one the
    /// extractor found, so the names are the same (narrative_test compares the two).
    void walk(const sentence_info& s) {
        const string_view t = s.text;
        if (starts_.capacity() == 0) starts_.reserve(64), regions_.reserve(16);  // once per run
        starts_.assign(1, 0);
        regions_.clear();
        if (s.regions_begin < 0) {
            for (std::size_t i = 0; i < t.size();) i = walk_step(t, i);
            return;
        }
        std::size_t i = 0;  // a boundary: the walk has recorded everything before it
        for (auto k = static_cast<std::size_t>(s.regions_begin); k < static_cast<std::size_t>(s.regions_end); ++k) {
            const std::size_t r = x_.region_at[k];
            // The lowest start whose window reaches r. (A start followed by spaces, which the
            // window skips, is recorded again after its last space: that one is enough.)
            const std::size_t lo = r >= 21 ? r - 21 : 0;
            const std::size_t from = lo >= 6 ? lo - 6 : 0;  // the lowest boundary that records it
            if (from > i) {
                std::size_t q = from;
                while (q > i && !surely_boundary(t, q)) --q;
                i = q;  // i itself is a boundary
            }
            while (i <= r && i < t.size()) i = walk_step(t, i);
        }
    }
    void departments() {
        const string& dept = r_.meta.department;
        if (dept.empty()) return;
        for (std::size_t si = 0; si < x_.sentences.size(); ++si) {
            const auto& s = x_.sentences[si];
            if (!s.department_scope || !s.region_suffix) continue;
            const string_view t = s.text;
            // region suffixes (CJK characters on the same boundaries as the window loop below,
            // which steps by 3 from a start through CJK characters only): without one within
            // 7 characters after a start there is no department name there
            walk(s);
            const std::vector<std::size_t>& starts = starts_;
            const std::vector<std::size_t>& regions = regions_;
            if (regions.empty()) continue;
            std::vector<string> reported;
            for (auto st : starts) {
                while (st < t.size() && t[st] == ' ') ++st;
                // a region suffix can only be at st + 3 … st + 21 (characters 1 to 7)
                const auto q = std::lower_bound(regions.begin(), regions.end(), st + 3);
                if (q == regions.end() || *q > st + 21) continue;
                // a region suffix within the first 8 characters, then an organ suffix within 16
                std::size_t p = st, chars = 0, region_end = 0;
                string_view window;
                while (p < t.size() && chars < 8 && is_cjk_at(t, p)) {
                    if (chars >= 1 && region_end == 0 && is_region_char(t, p)) region_end = p + 3;
                    p += 3;
                    ++chars;
                }
                if (region_end == 0) continue;
                while (p < t.size() && chars < 16 && is_cjk_at(t, p)) {
                    p += 3;
                    ++chars;
                }
                window = t.substr(st, p - st);
                std::size_t best = string_view::npos, blen = 0;
                // The first organ suffix (earliest, and there the first of the list) from the
                // region on, as a byte search of each would find it: the window is a run of
                // 3-byte units each starting with a lead byte 1110xxxx (is_cjk_at), and an organ
                // suffix (well-formed CJK characters) has such bytes only at multiples of 3, so
                // one that does not start on a unit would put one of its continuation bytes
                // (10xxxxxx) on the start of the next unit: it can only start on a unit.
                {
                    for (std::size_t q = region_end - st; q + 3 <= window.size() && best == string_view::npos; q += 3) {
                        const std::uint32_t key = key3(window, q);
                        if (!may_start_organ(key)) continue;  // (a filter: keys not of the list never pass)
                        for (std::size_t k = 0; k < organ_suffixes.size(); ++k)
                            if (organ_keys[k] == key && starts_with(window, q, organ_suffixes[k])) {
                                best = q;
                                blen = organ_suffixes[k].size();
                                break;
                            }
                    }
                }
                if (best == string_view::npos) continue;
                const string cand(window.substr(0, best + blen));
                if (best < region_end - st + 6) continue;  // "区委": an organ without a name
                if (contains(cand, dept) || contains(dept, cand)) continue;
                if (same_place_and_organ(cand, best, region_end - st, dept)) continue;
                bool unit = false;
                for (const auto& u : r_.meta.units_included)
                    if (u.starts_with(cand)) unit = true;
                if (unit || std::find(reported.begin(), reported.end(), cand) != reported.end()) continue;
                reported.push_back(cand);
                finding f;
                f.rule = "N.department";
                f.severity = severity::error;
                finding_location l;
                l.section = s.numeral;
                l.text = s.text;
                l.source = s.source;
                f.locations.push_back(l);
                f.message_zh = "叙述中的单位名称“" + cand + "”与报告单位“" + dept + "”不符";
                f.message_en = "the text names \"" + cand + "\", the report is of \"" + dept + "\"";
                out_.push_back(std::move(f));
            }
        }
    }

    // -- what nothing could check ------------------------------------------------------------
    void unchecked() {
        std::map<std::int32_t, std::vector<std::size_t>> by_sentence;
        for (std::size_t i = 0; i < x_.claims.size(); ++i) {
            const auto& c = x_.claims[i];
            if (used_[i]) continue;
            if (annex_claim(i) && !o_.check_annex) continue;
            const bool figure = in_wan(c.unit) || in_percent(c.unit);
            if (!figure) continue;
            switch (c.kind) {
                case claim_kind::explanation:
                case claim_kind::threshold:
                case claim_kind::project_score:
                case claim_kind::comparison: continue;
                default: break;
            }
            by_sentence[x_.sentence_of[i]].push_back(i);
        }
        for (const auto& [sid, list] : by_sentence) {
            string figs;
            for (auto i : list) figs += (figs.empty() ? "" : "、") + x_.claims[i].printed;
            finding f;
            f.rule = "N.unchecked";
            f.severity = severity::unchecked;
            const auto& s = x_.sentences[static_cast<std::size_t>(sid)];
            finding_location l;
            l.section = s.numeral;
            l.text = s.text;
            l.source = s.source;
            if (!s.project.empty()) l.project = s.project;
            f.locations.push_back(l);
            f.message_zh = "未能核对本句中的数字：" + figs + "（没有可对照的表格数字或本句其他数字）";
            f.message_en = "could not check these figures of the sentence: " + figs +
                           " (no table figure or other figure of the sentence to check them against)";
            out_.push_back(std::move(f));
        }
    }
};

}  // namespace
}  // namespace narrative_detail

namespace narrative_detail {
std::vector<finding> check(const report& r, const narrative_options& options, extraction x) {
    return checker(r, options, std::move(x)).run();
}
}  // namespace narrative_detail

std::vector<finding> check_narrative(const report& r, const narrative_options& options) {
    return narrative_detail::check(r, options, narrative_detail::extract(r));
}

}  // namespace caizheng
