// Evaluation of parsed formulas against formula_data (semantics: docs/formulas.md).
#include "program.hpp"

#include "caizheng/tail.hpp"

#include <boost/describe/enum_to_string.hpp>

#include <algorithm>
#include <array>
#include <typeinfo>
#include <string>
#include <string_view>
#include <utility>

namespace caizheng {

namespace detail {

/// Drop a leading enumeration such as "一、", "（一）", "1." or "1、" from a row name.
std::string_view strip_enumeration(std::string_view s) noexcept {
    // The numerals 一二三四五六七八九十〇零, each three UTF-8 bytes, as 24-bit values.
    auto numeral_at = [&](std::size_t i) -> std::size_t {
        if (i >= s.size()) return 0;
        const auto lead = static_cast<unsigned char>(s[i]);
        if (lead >= '0' && lead <= '9') return 1;
        if (lead < 0xE3 || i + 3 > s.size()) return 0;
        const std::uint32_t c = std::uint32_t{lead} << 16 | std::uint32_t{static_cast<unsigned char>(s[i + 1])} << 8 |
                                static_cast<unsigned char>(s[i + 2]);
        switch (c) {
            case 0xE4B880:  // 一
            case 0xE4BA8C:  // 二
            case 0xE4B889:  // 三
            case 0xE59B9B:  // 四
            case 0xE4BA94:  // 五
            case 0xE585AD:  // 六
            case 0xE4B883:  // 七
            case 0xE585AB:  // 八
            case 0xE4B99D:  // 九
            case 0xE58D81:  // 十
            case 0xE38087:  // 〇
            case 0xE99BB6:  // 零
                return 3;
            default:
                return 0;
        }
    };
    std::size_t i = 0;
    bool paren = false;
    if (s.starts_with("（")) {
        i = 3;
        paren = true;
    } else if (s.starts_with('(')) {
        i = 1;
        paren = true;
    }
    const std::size_t start = i;
    while (std::size_t n = numeral_at(i)) i += n;
    if (i == start) return s;
    const std::string_view rest = s.substr(i);
    if (paren) {
        if (rest.starts_with("）")) return rest.substr(3);
        if (rest.starts_with(')')) return rest.substr(1);
        return s;
    }
    if (rest.starts_with("、") || rest.starts_with("．")) return rest.substr(3);
    if (rest.starts_with('.') || rest.starts_with(',')) return rest.substr(1);
    return s;
}

}  // namespace detail

formula_data::~formula_data() = default;

const char* formula_outcome_name(formula_outcome o) noexcept {
    return boost::describe::enum_to_string(o, "unknown");
}
const char* formula_problem_name(formula_problem p) noexcept {
    return boost::describe::enum_to_string(p, "unknown");
}

namespace {

using detail::cell_ref_spec;
using detail::column_spec;
using detail::compare_op;
using detail::expr_node;
using detail::formula_places;
using detail::formula_program;
using detail::row_node;
using detail::strip_enumeration;
using detail::table_spec;

constexpr std::int64_t one = detail::pow10_i64(formula_places);  // raw of 1

/// An evaluated expression: raw at formula_places of the evaluation unit; empty when every
/// cell it read was empty or absent (constants are never empty); parts = non-zero rounded
/// figures read (for the tail bound).
struct value {
    std::int64_t raw = 0;
    bool empty = true;
    std::int64_t parts = 0;
};

/// Thrown inside one evaluation item; becomes a cannot_evaluate result.
struct eval_failure {
    formula_problem problem;
    std::string message;
    std::optional<table_kind> table;
    std::string key;
};

[[noreturn]] void arithmetic(const char* what) {
    throw eval_failure{formula_problem::arithmetic, what, std::nullopt, {}};
}

std::int64_t add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) arithmetic("sum overflows 64 bits");
    return r;
}
std::int64_t sub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r)) arithmetic("difference overflows 64 bits");
    return r;
}
std::int64_t neg(std::int64_t a) {
    if (a == std::numeric_limits<std::int64_t>::min()) arithmetic("negation overflows 64 bits");
    return -a;
}

/// Decimal for a raw value: two places when exact at two, else four.
decimal to_decimal(std::int64_t raw) {
    constexpr std::int64_t cents = detail::pow10_i64(formula_places - 2);
    if (raw % cents == 0) return decimal(raw / cents, 2);
    return decimal(raw, formula_places);
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// A name selector's text without its enumeration (row_node::bare: the parser strips it once).
std::string_view bare_text(const row_node& n) { return std::string_view(n.text).substr(n.bare); }

std::string squeeze(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (s.substr(i, 3) == "\u3000") {
            i += 2;
            continue;
        }
        out.push_back(c);
    }
    return out;
}

std::string row_key(const formula_row_info& r) {
    if (!r.code.empty()) return std::string(r.code);
    if (!r.name.empty()) return std::string(r.name);
    if (r.line_number) {
        std::string k(1, '#');  // not "#" + to_string(): GCC 12 -O3 false -Wrestrict
        k += std::to_string(*r.line_number);
        return k;
    }
    return "?";
}

/// The per-evaluation working vectors of an evaluator, kept per thread between evaluations so
/// that evaluating a formula allocates nothing once the vectors have grown (formula::evaluate).
/// The "ready" marks of the caches are generation stamps: a mark holds when it equals the
/// evaluation's generation, so a new evaluation clears them all by counting up.
struct scratch {
    std::uint32_t generation = 0;
    std::vector<std::size_t> table_index;
    std::vector<formula_table_info> table_info;
    std::vector<int> power;
    std::array<std::int32_t, table_kind_count> first_of_kind{};  // see batch_state
    std::vector<std::ptrdiff_t> anchor;
    std::vector<std::uint32_t> anchor_ready;
    std::vector<std::vector<std::uint32_t>> ref_rows;
    std::vector<std::uint32_t> ref_rows_ready;
    std::vector<std::vector<std::pair<std::string_view, std::uint32_t>>> code_index;
    std::vector<std::uint32_t> code_index_ready;
    std::vector<std::uint32_t> candidates;
    std::vector<std::uint64_t> set_words;
    std::vector<std::uint32_t> scope_items;
    std::vector<std::vector<std::uint32_t>> ref_cols;
    std::vector<std::uint32_t> ref_cols_ready;
    std::vector<std::array<std::pair<std::uint32_t, std::uint32_t>, 5>> side_cols;
    std::vector<std::uint32_t> side_cols_known;  // the stamp of side_cols_sides
    std::vector<char> side_cols_sides;            // bit s: side_cols[t][s] holds
    // A scope-free condition's cells and, when it does not hold, its result (evaluator::
    // remember_condition): valid for the evaluation that wrote them.
    std::vector<formula_cell_ref> condition_cells;
    formula_problem condition_problem = formula_problem::none;
    std::optional<table_kind> condition_table;
    std::string condition_key, condition_message;
    bool busy = false;  // an evaluation on this thread is using it

    /// Start an evaluation: a new generation (every mark clear), the mark vectors at least as
    /// long as the formula and data need.
    std::uint32_t begin(std::size_t row_nodes, std::size_t refs, std::size_t tables) {
        if (++generation == 0) {  // wrapped: clear the marks once
            for (auto* v : {&anchor_ready, &ref_rows_ready, &code_index_ready, &ref_cols_ready, &side_cols_known})
                std::fill(v->begin(), v->end(), 0u);
            generation = 1;
        }
        auto grow = [](auto& v, std::size_t n) {
            if (v.size() < n) v.resize(n);
        };
        grow(anchor_ready, row_nodes);
        grow(ref_rows_ready, refs);
        grow(ref_rows, refs);
        grow(ref_cols_ready, refs);
        grow(ref_cols, refs);
        grow(code_index_ready, tables);
        grow(code_index, tables);
        grow(side_cols_known, tables);
        grow(side_cols_sides, tables);
        grow(side_cols, tables);
        return generation;
    }
};

/// The state of this thread's formula_batch (detail::formula_batch): the data it is for, its
/// number (a memo entry holds when its stamp equals it), the row sets computed so far per
/// (row_node::shape, table), and the data's table infos.
struct batch_state {
    const formula_data* data = nullptr;  // nullptr: no batch
    std::uint32_t stamp = 0;
    std::size_t tables = 0;                  // data->table_count(): the stride of the slots
    std::vector<std::uint32_t> set_stamp;    // per slot shape * tables + t
    std::vector<std::uint32_t> set_offset;   // per slot: where its words start in `words`
    std::vector<std::uint64_t> words;        // the sets, (rows + 63) / 64 words each
    bool tables_ready = false;               // table_info, power and printed hold
    std::vector<formula_table_info> table_info;
    std::vector<int> power;
    bool printed = false;  // some table has a printed number
    /// Per table kind: the first table of that kind, -1 for none (a table spec by kind).
    std::array<std::int32_t, table_kind_count> first_of_kind{};
};

thread_local batch_state batch;

class evaluator {
public:
    evaluator(const formula_data& d, const formula_program& p, scratch& s)
        : d_(d),
          // report_formula_data is final: a type comparison is the cheaper dynamic_cast
          rd_(typeid(d) == typeid(report_formula_data) ? static_cast<const report_formula_data*>(&d) : nullptr),
          p_(p),
          batch_(batch.data == &d ? &batch : nullptr),
          s_(s) {
        // Sizes for this formula and data; a vector of vectors only grows, so the inner
        // vectors keep their storage from one evaluation to the next.
        gen_ = s_.begin(p.rows.size(), p.refs.size(), d_.table_count());
        // (match() reads the anchor of a '<'/'>' node only after prepare_anchors() wrote it)
        if (anchor_.size() < p.rows.size()) anchor_.resize(p.rows.size(), -1);
    }

    void run(std::vector<formula_result>& out) {
        std::size_t n = 0;
        auto next_result = [&]() __attribute__((always_inline)) -> formula_result& {
            if (out.size() <= n) out.emplace_back();
            formula_result& r = out[n++];
            reset(r);
            return r;
        };
        // Resolve every table; any missing one makes the formula unevaluable as a whole.
        if (!resolve_tables()) {
            formula_result& r = next_result();
            r.outcome = formula_outcome::cannot_evaluate;
            r.problem = formula_problem::table_missing;
            r.problem_table = missing_kind_;
            r.problem_key = missing_text_;
            r.message = "table " + missing_text_ + " is not in the report";
            out.resize(n);
            return;
        }
        const std::size_t st = p_.scope_table >= 0 ? table_index_[static_cast<std::size_t>(p_.scope_table)] : 0;
        switch (p_.scope) {
            case formula_scope::once: {
                formula_result& r = next_result();
                evaluate_item(r);
                break;
            }
            case formula_scope::rows: {
                const std::size_t rows = table_at(st).rows;
                // The scope's rows, listed first: evaluating an item reuses the row-set buffers.
                std::vector<std::uint32_t>& items = s_.scope_items;
                items.clear();
                if (!depends_on_scope(p_.scope_rows)) {
                    std::size_t words = 0;
                    const std::uint64_t* set = row_set_of(p_.scope_rows, st, rows, words);
                    for (std::size_t w = 0; w < words; ++w)
                        for (std::uint64_t bits = set[w]; bits != 0; bits &= bits - 1)
                            items.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
                } else {
                    prepare_anchors(p_.scope_rows, st);
                    formula_row_info tmp;
                    for (std::size_t i = 0; i < rows; ++i)
                        if (match(p_.scope_rows, st, i, row_ref(st, i, tmp))) items.push_back(static_cast<std::uint32_t>(i));
                }
                for (const std::uint32_t i : items) {
                    formula_result& r = next_result();
                    r.table = st;
                    r.row = i;
                    scope_row_ = i;
                    scope_row_info_ = row_at(st, i);
                    scope_bare_ = bare_name(st, i, scope_row_info_);
                    evaluate_item(r);
                }
                break;
            }
            case formula_scope::columns: {
                const std::size_t cols = table_at(st).columns;
                for (std::size_t c = 0; c < cols; ++c) {
                    const formula_column_info ci = column_at(st, c);
                    if (!in_range(p_.scope_columns, ci)) continue;
                    formula_result& r = next_result();
                    r.table = st;
                    r.column = c;
                    scope_column_ = c;
                    scope_column_info_ = ci;
                    evaluate_item(r);
                }
                break;
            }
        }
        out.resize(n);
    }

private:
    const formula_data& d_;
    const report_formula_data* rd_;  // the same data when it is a report: cached rows, code index
    const formula_program& p_;
    batch_state* batch_;  // this thread's batch when it is for d_: shared row sets, table infos

    formula_row_info row_at(std::size_t t, std::size_t i) const { return rd_ ? rd_->row_info(t, i) : d_.row(t, i); }
    /// Row i of table t: the cached info of a report (no copy), else d_.row() into tmp.
    const formula_row_info& row_ref(std::size_t t, std::size_t i, formula_row_info& tmp) const {
        if (rd_) return rd_->row_info(t, i);
        tmp = d_.row(t, i);
        return tmp;
    }
    /// Table t's info, read once per evaluation (resolve_tables).
    const formula_table_info& table_at(std::size_t t) const { return table_info_[t]; }
    formula_column_info column_at(std::size_t t, std::size_t c) const {
        return rd_ ? rd_->column_info(t, c) : d_.column(t, c);
    }
    /// The value of cell (t, r, c): the report's own when the data is one, else d_.cell()'s
    /// kept in tmp.
    const std::optional<decimal>& cell_ref(std::size_t t, std::size_t r, std::size_t c,
                                           std::optional<decimal>& tmp) const {
        if (rd_) {
            const table_row& row = rd_->source().tables[t].rows[r];
            if (c < row.cells.size()) return row.cells[c].value;
            tmp.reset();  // validate() reports rows with missing cells
            return tmp;
        }
        tmp = d_.cell(t, r, c).value;
        return tmp;
    }
    /// Column c of table t: the cached info of a report (no copy), else d_.column() into tmp.
    const formula_column_info& column_ref(std::size_t t, std::size_t c, formula_column_info& tmp) const {
        if (rd_) return rd_->column_info(t, c);
        tmp = d_.column(t, c);
        return tmp;
    }
    /// Row i's name without its enumeration: precomputed for a report, else stripped here.
    std::string_view bare_name(std::size_t t, std::size_t i, const formula_row_info& r) const {
        return rd_ ? rd_->bare_name(t, i) : strip_enumeration(r.name);
    }
    /// Names match as printed or without their enumerations ("一、基本支出" = "基本支出").
    bool same_name(std::size_t t, std::size_t i, const formula_row_info& r, std::string_view name,
                   std::string_view bare) const {
        return r.name == name || bare_name(t, i, r) == bare;
    }
    scratch& s_;
    std::vector<std::size_t>& table_index_ = s_.table_index;  // per table spec
    const formula_table_info* table_info_ = nullptr;  // per data table (the scratch's or the batch's)
    const int* power_ = nullptr;                       // per data table: unit_power of its unit
    const std::int32_t* first_of_kind_ = nullptr;      // per table kind: its first data table, or -1
    std::vector<std::ptrdiff_t>& anchor_ = s_.anchor;    // per row node (before/after)
    std::uint32_t gen_ = 0;  // this evaluation's generation: the value of a set mark below
    std::vector<std::uint32_t>& anchor_ready_ = s_.anchor_ready;  // per row node: anchor_ holds for every scope item
    // Row candidates of references (evaluation reads the same selector once per scope item):
    // a selector that does not depend on the scope item matches the same rows every time
    // (computed once per evaluation); '@' and '@*' look the scope row's code up in a sorted
    // index of the table's codes instead of scanning every row. Candidates are re-checked
    // with match(), in row order, so the result is that of a full scan.
    std::vector<std::vector<std::uint32_t>>& ref_rows_ = s_.ref_rows;         // per reference
    std::vector<std::uint32_t>& ref_rows_ready_ = s_.ref_rows_ready;                        // per reference
    std::vector<std::vector<std::pair<std::string_view, std::uint32_t>>>& code_index_ = s_.code_index;  // per data table
    std::vector<std::uint32_t>& code_index_ready_ = s_.code_index_ready;                      // per data table
    std::vector<std::uint32_t>& candidates_ = s_.candidates;
    bool candidates_exact_ = false;  // candidate_rows returned exactly the matching rows
    std::vector<std::uint64_t>& set_words_ = s_.set_words;  // row_set: one bit set per tree depth, flat
    // Columns a reference names (column specs other than '@'/omitted read the same columns
    // for every item): computed once per evaluation.
    std::vector<std::vector<std::uint32_t>>& ref_cols_ = s_.ref_cols;  // per reference
    std::vector<std::uint32_t>& ref_cols_ready_ = s_.ref_cols_ready;                 // per reference
    // Omitted column: per data table and row side, the number of columns the side uses and
    // the last of them (a row reads its only column).
    std::vector<std::array<std::pair<std::uint32_t, std::uint32_t>, 5>>& side_cols_ = s_.side_cols;
    std::vector<std::uint32_t>& side_cols_known_ = s_.side_cols_known;
    std::vector<char>& side_cols_sides_ = s_.side_cols_sides;
    int eval_power_ = 4;
    std::int64_t ulp_ = one / 100;
    std::optional<table_kind> missing_kind_;
    std::string missing_text_;
    // Current item.
    std::size_t scope_row_ = 0;
    formula_row_info scope_row_info_;
    std::string_view scope_bare_;  // bare_name of the scope row
    std::size_t scope_column_ = 0;
    formula_column_info scope_column_info_;
    formula_result* out_ = nullptr;
    formula_operand operand_ = formula_operand::left;
    // A condition that reads no scope item (formula_program::condition_scope_free), once
    // evaluated: its cells and outcome are kept in the scratch (remember_condition).
    enum class condition_state { unknown, holds, fails, failure } condition_ = condition_state::unknown;
    // First reason a side has no figure.
    formula_problem side_problem_[3] = {};
    std::optional<table_kind> side_table_[3];
    std::string side_key_[3];

    static void reset(formula_result& r) {
        r.outcome = formula_outcome::holds;
        r.problem = formula_problem::none;
        r.table.reset();
        r.row.reset();
        r.column.reset();
        r.left.reset();
        r.right.reset();
        r.difference = decimal();
        r.bound = decimal();
        r.parts = 0;
        r.unit = money_unit::wan_yuan;
        r.cells.clear();
        r.problem_table.reset();
        r.problem_key.clear();
        r.message.clear();
    }

    /// Every table's info, its unit's power and whether any table prints a number, into the
    /// given vectors.
    void read_tables(std::size_t n, std::vector<formula_table_info>& info, std::vector<int>& power,
                     bool& printed, std::array<std::int32_t, table_kind_count>& first_of_kind) const {
        info.resize(n);
        power.resize(n);
        printed = false;
        first_of_kind.fill(-1);
        for (std::size_t t = 0; t < n; ++t) {
            info[t] = rd_ ? rd_->table_info(t) : d_.table(t);
            if (info[t].number != 0) printed = true;
            power[t] = unit_power(info[t].unit);
            const auto kind = static_cast<std::size_t>(info[t].kind);
            if (kind < first_of_kind.size() && first_of_kind[kind] < 0) first_of_kind[kind] = static_cast<std::int32_t>(t);
        }
    }

    bool resolve_tables() {
        const std::size_t n = d_.table_count();
        bool printed = false;
        if (batch_) {  // read once per batch
            if (!batch_->tables_ready) {
                read_tables(n, batch_->table_info, batch_->power, batch_->printed, batch_->first_of_kind);
                batch_->tables_ready = true;
            }
            table_info_ = batch_->table_info.data();
            power_ = batch_->power.data();
            first_of_kind_ = batch_->first_of_kind.data();
            printed = batch_->printed;
        } else {
            read_tables(n, s_.table_info, s_.power, printed, s_.first_of_kind);
            table_info_ = s_.table_info.data();
            power_ = s_.power.data();
            first_of_kind_ = s_.first_of_kind.data();
        }
        table_index_.assign(p_.tables.size(), 0);
        int min_power = 99, max_power = -1;
        for (std::size_t i = 0; i < p_.tables.size(); ++i) {
            const table_spec& s = p_.tables[i];
            if (s.by == table_spec::how::scope) continue;
            std::optional<std::size_t> found;
            // by kind: the first table of the kind, from read_tables (a kind outside the enum: scan)
            if (const auto kind = static_cast<std::size_t>(s.kind);
                s.by == table_spec::how::kind && kind < static_cast<std::size_t>(table_kind_count)) {
                if (first_of_kind_[kind] >= 0) found = static_cast<std::size_t>(first_of_kind_[kind]);
            } else {
                for (std::size_t t = 0; t < n && !found; ++t) {
                    const formula_table_info& ti = table_at(t);
                    if (s.by == table_spec::how::kind ? ti.kind == s.kind
                                                      : (printed ? ti.number == s.number
                                                                 : t + 1 == static_cast<std::size_t>(s.number)))
                        found = t;
                }
            }
            if (!found) {
                if (s.by == table_spec::how::kind) missing_kind_ = s.kind;
                missing_text_ = s.text;
                return false;
            }
            table_index_[i] = *found;
            const int pw = power_[*found];
            min_power = std::min(min_power, pw);
            max_power = std::max(max_power, pw);
        }
        // Scope-relative references read the scope table.
        for (std::size_t i = 0; i < p_.tables.size(); ++i)
            if (p_.tables[i].by == table_spec::how::scope)
                table_index_[i] = table_index_[static_cast<std::size_t>(p_.scope_table)];
        if (max_power >= 0) {
            eval_power_ = min_power;
            ulp_ = (one / 100) * detail::pow10_i64(max_power - min_power);
        }
        return true;
    }

    static bool in_range(const column_spec& s, const formula_column_info& c) {
        return c.number >= s.first && c.number <= s.last;
    }

    /// The first problem of the side being read: p, in table t, about the row key() names
    /// (built only when the side has no problem yet).
    template <class Key>
    void note_problem(formula_problem p, std::optional<table_kind> t, Key&& key) {
        const auto k = static_cast<std::size_t>(operand_);
        if (side_problem_[k] != formula_problem::none) return;
        side_problem_[k] = p;
        side_table_[k] = t;
        side_key_[k] = key();
    }

    // ---- Rows ----

    void prepare_anchors(std::int32_t node, std::size_t t) {
        if (node < 0) return;
        const row_node& n = p_.rows[static_cast<std::size_t>(node)];
        if (n.kind == row_node::op::and_ || n.kind == row_node::op::or_) {
            prepare_anchors(n.a, t);
            prepare_anchors(n.b, t);
        } else if (n.kind == row_node::op::before || n.kind == row_node::op::after) {
            // an anchor that does not read the scope item is the same row for every item
            const auto k = static_cast<std::size_t>(node);
            if (anchor_ready_[k] == gen_) return;
            prepare_anchors(n.a, t);
            std::ptrdiff_t found = -1;
            const std::size_t rows = table_at(t).rows;
            formula_row_info tmp;
            for (std::size_t i = 0; i < rows && found < 0; ++i)
                if (match(n.a, t, i, row_ref(t, i, tmp))) found = static_cast<std::ptrdiff_t>(i);
            anchor_[k] = found;
            anchor_ready_[k] = depends_on_scope(node) ? 0 : gen_;
        }
    }

    bool match(std::int32_t node, std::size_t t, std::size_t i, const formula_row_info& r) const {
        const row_node& n = p_.rows[static_cast<std::size_t>(node)];
        switch (n.kind) {
            case row_node::op::body: return r.role == row_role::item;
            case row_node::op::all: return r.role != row_role::blank;
            case row_node::op::leaf: return r.role == row_role::item && r.leaf;
            case row_node::op::role: return static_cast<int>(r.role) == n.value;
            case row_node::op::level: return r.code.size() == static_cast<std::size_t>(n.value);
            case row_node::op::side: return static_cast<int>(r.side) == n.value;
            case row_node::op::code: return r.code == n.text;
            case row_node::op::code_leaves:
                return r.code.size() > n.text.size() && starts_with(r.code, n.text) && r.leaf;
            case row_node::op::lines: return r.line_number && *r.line_number >= n.value && *r.line_number <= n.value2;
            case row_node::op::name: return !r.name.empty() && same_name(t, i, r, n.text, bare_text(n));
            case row_node::op::name_prefix:
                return !r.name.empty() && (starts_with(r.name, n.text) || starts_with(bare_name(t, i, r), bare_text(n)));
            case row_node::op::current: {
                const formula_row_info& c = scope_row_info_;
                if (!c.code.empty()) return r.code == c.code;
                if (!c.name.empty()) return !r.name.empty() && same_name(t, i, r, c.name, scope_bare_);
                return c.line_number && r.line_number == c.line_number;
            }
            case row_node::op::current_leaves: {
                const std::string_view cc = scope_row_info_.code;
                return !cc.empty() && r.code.size() > cc.size() && starts_with(r.code, cc) && r.leaf;
            }
            case row_node::op::before: {
                const auto a = anchor_[static_cast<std::size_t>(node)];
                return a >= 0 && static_cast<std::ptrdiff_t>(i) < a;
            }
            case row_node::op::after: {
                const auto a = anchor_[static_cast<std::size_t>(node)];
                return a >= 0 && static_cast<std::ptrdiff_t>(i) > a;
            }
            case row_node::op::and_: return match(n.a, t, i, r) && match(n.b, t, i, r);
            case row_node::op::or_: return match(n.a, t, i, r) || match(n.b, t, i, r);
        }
        return false;
    }

    // ---- Columns ----

    static bool applies(const formula_column_info& c, const formula_row_info& r) {
        return c.side == row_side::none || c.side == r.side;
    }

    /// Whether column c (info ci) of table t is one the spec names (ignoring sides).
    [[gnu::always_inline]] bool names_column(const column_spec& s, std::size_t t, std::size_t c,
                                             const formula_column_info& ci, const std::string& label_key) const {
        switch (s.by) {
            case column_spec::how::omitted: return true;
            case column_spec::how::number: return ci.number == s.first;
            case column_spec::how::range: return ci.number >= s.first && ci.number <= s.last;
            case column_spec::how::id: return ci.id == s.id;
            case column_spec::how::label: return squeeze(ci.label) == label_key;
            case column_spec::how::current: {
                const std::size_t st = table_index_[static_cast<std::size_t>(p_.scope_table)];
                if (t == st) return c == scope_column_;
                if (scope_column_info_.id != column_id::other) return ci.id == scope_column_info_.id;
                return ci.number == scope_column_info_.number;
            }
        }
        return false;
    }

    table_kind kind_of(std::size_t t) const { return table_at(t).kind; }

    /// Whether a row predicate reads the scope item ('@', '@*', also through '<'/'>' anchors):
    /// marked on the nodes by formula::parse.
    bool depends_on_scope(std::int32_t node) const { return p_.rows[static_cast<std::size_t>(node)].scope_dependent; }

    /// The bit set of a leaf that tests row attributes only, over a report's cached row infos
    /// and bare names (the same tests as match(), one tight loop per kind); false for the
    /// other leaves. `out` is zeroed.
    /// The key bits of a prefix of `bytes` bytes (detail::prefix_key is little-endian).
    static std::uint64_t low_bytes(std::size_t bytes) {
        return bytes >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * bytes)) - 1;
    }

    /// The first entry of report table t's code index (sorted by code) whose code is not below
    /// `code` (1 to 8 bytes): found by the 8-byte keys, which read big-endian and zero-padded are
    /// ordered as the codes (digits, no NUL); a code of up to 8 bytes is its key and length.
    auto code_lower_bound(std::size_t t, std::string_view code) const {
        const auto& index = rd_->code_index(t);
        const std::uint64_t want = __builtin_bswap64(detail::prefix_key(code));
        return std::partition_point(index.begin(), index.end(), [&](const auto& e) {
            return __builtin_bswap64(rd_->code_key(t, e.second)) < want;
        });
    }

    bool fill_leaf(const row_node& n, std::size_t t, std::size_t rows, std::uint64_t* out) const {
        const formula_row_info* r = &rd_->row_info(t, 0);
        const std::size_t words = (rows + 63) / 64;
        auto fill = [&](auto pred) {
            for (std::size_t i = 0; i < rows; ++i)
                if (pred(r[i], i)) out[i / 64] |= std::uint64_t{1} << (i % 64);
            return true;
        };
        auto copy = [&](const std::uint64_t* m) {
            std::copy(m, m + words, out);
            return true;
        };
        using ri = formula_row_info;
        switch (n.kind) {
            case row_node::op::body: return copy(rd_->role_rows(t, row_role::item));
            case row_node::op::all: {  // every role but blank
                for (const row_role role : {row_role::item, row_role::total, row_role::subtotal, row_role::grand_total}) {
                    const std::uint64_t* m = rd_->role_rows(t, role);
                    for (std::size_t w = 0; w < words; ++w) out[w] |= m[w];
                }
                return true;
            }
            case row_node::op::leaf: return copy(rd_->leaf_item_rows(t));
            case row_node::op::role:
                if (n.value >= 0 && n.value <= static_cast<int>(row_role::blank))
                    return copy(rd_->role_rows(t, static_cast<row_role>(n.value)));
                return fill([&](const ri& x, std::size_t) { return static_cast<int>(x.role) == n.value; });
            case row_node::op::level:
                return fill([&](const ri& x, std::size_t) { return x.code.size() == static_cast<std::size_t>(n.value); });
            case row_node::op::side:
                if (n.value >= 0 && n.value <= static_cast<int>(row_side::actual))
                    return copy(rd_->side_rows(t, static_cast<row_side>(n.value)));
                return fill([&](const ri& x, std::size_t) { return static_cast<int>(x.side) == n.value; });
            case row_node::op::code: {
                // codes of up to 8 bytes are decided by their keys, found in the code index
                const std::string_view code = n.text;
                const std::uint64_t key = detail::prefix_key(code);
                if (!code.empty() && code.size() <= 8) {
                    const auto& index = rd_->code_index(t);
                    for (auto it = code_lower_bound(t, code);
                         it != index.end() && rd_->code_key(t, it->second) == key && it->first.size() == code.size(); ++it)
                        out[it->second / 64] |= std::uint64_t{1} << (it->second % 64);
                    return true;
                }
                return fill([&](const ri& x, std::size_t i) {
                    return x.code.size() == code.size() && rd_->code_key(t, i) == key && (code.size() <= 8 || x.code == code);
                });
            }
            case row_node::op::code_leaves: {
                const std::string_view code = n.text;
                const std::uint64_t key = detail::prefix_key(code), mask = low_bytes(code.size());
                if (!code.empty() && code.size() <= 8) {
                    const auto& index = rd_->code_index(t);
                    for (auto it = code_lower_bound(t, code);
                         it != index.end() && (rd_->code_key(t, it->second) & mask) == key; ++it)
                        if (it->first.size() > code.size() && r[it->second].leaf)
                            out[it->second / 64] |= std::uint64_t{1} << (it->second % 64);
                    return true;
                }
                return fill([&](const ri& x, std::size_t i) {
                    return x.code.size() > code.size() && (rd_->code_key(t, i) & mask) == key &&
                           (code.size() <= 8 || x.code.starts_with(code)) && x.leaf;
                });
            }
            case row_node::op::name: {
                // the first 8 bytes compared as one word before the whole names
                const std::string_view text = n.text, bare = bare_text(n);
                const std::uint64_t text_key = detail::prefix_key(text), bare_key = detail::prefix_key(bare);
                return fill([&](const ri& x, std::size_t i) {
                    if (x.name.empty()) return false;
                    if (rd_->name_key(t, i) == text_key && x.name == text) return true;
                    return rd_->bare_key(t, i) == bare_key && rd_->bare_name(t, i) == bare;
                });
            }
            case row_node::op::name_prefix: {
                const std::string_view text = n.text, bare = bare_text(n);
                const std::uint64_t text_key = detail::prefix_key(text), text_mask = low_bytes(text.size());
                const std::uint64_t bare_key = detail::prefix_key(bare), bare_mask = low_bytes(bare.size());
                return fill([&](const ri& x, std::size_t i) {
                    if (x.name.empty()) return false;
                    if ((rd_->name_key(t, i) & text_mask) == text_key && x.name.starts_with(text)) return true;
                    return (rd_->bare_key(t, i) & bare_mask) == bare_key && rd_->bare_name(t, i).starts_with(bare);
                });
            }
            default: return false;
        }
    }

    /// The rows of table t matching a predicate that does not read the scope item, as a bit set
    /// (bit i = row i) written to out[0, words): leaves test each row once, and/or combine words,
    /// '<'/'>' mask around the first row of their anchor — the rows match() accepts, without
    /// walking the tree per row. Children work in the words after out (row_set_words() sizes
    /// set_words_ for the deepest tree).
    void row_set(std::int32_t node, std::size_t t, std::size_t rows, std::size_t words, std::uint64_t* out) {
        const row_node& n = p_.rows[static_cast<std::size_t>(node)];
        if (!batch_ || n.shape == 0) {
            compute_row_set(n, node, t, rows, words, out);
            return;
        }
        // in a batch: the set of this shape in table t, when an earlier formula computed it
        batch_state& b = *batch_;
        const std::size_t slot = std::size_t{n.shape} * b.tables + t;
        if (slot < b.set_stamp.size() && b.set_stamp[slot] == b.stamp) {
            const std::uint64_t* w = b.words.data() + b.set_offset[slot];
            for (std::size_t i = 0; i < words; ++i) out[i] = w[i];
            return;
        }
        compute_row_set(n, node, t, rows, words, out);
        if (slot >= b.set_stamp.size()) {
            b.set_stamp.resize(slot + 1 + 8 * b.tables, 0);
            b.set_offset.resize(b.set_stamp.size(), 0);
        }
        b.set_offset[slot] = static_cast<std::uint32_t>(b.words.size());
        b.words.insert(b.words.end(), out, out + words);
        b.set_stamp[slot] = b.stamp;
    }

    /// row_set without the batch's memo (children through row_set).
    void compute_row_set(const row_node& n, std::int32_t node, std::size_t t, std::size_t rows, std::size_t words,
                         std::uint64_t* out) {
        switch (n.kind) {
            case row_node::op::and_:
            case row_node::op::or_: {
                row_set(n.a, t, rows, words, out);
                std::uint64_t* b = out + words;
                row_set(n.b, t, rows, words, b);
                if (n.kind == row_node::op::and_)
                    for (std::size_t w = 0; w < words; ++w) out[w] &= b[w];
                else
                    for (std::size_t w = 0; w < words; ++w) out[w] |= b[w];
                return;
            }
            case row_node::op::before:
            case row_node::op::after: {
                row_set(n.a, t, rows, words, out);
                std::size_t first = rows;  // the anchor: the first row matching the child
                for (std::size_t w = 0; w < words && first == rows; ++w)
                    if (out[w] != 0) first = w * 64 + static_cast<std::size_t>(__builtin_ctzll(out[w]));
                std::fill(out, out + words, std::uint64_t{0});
                if (first < rows) {
                    const std::size_t from = n.kind == row_node::op::before ? 0 : first + 1;
                    const std::size_t to = n.kind == row_node::op::before ? first : rows;
                    for (std::size_t i = from; i < to;) {  // the bits [from, to), a word at a time
                        const std::size_t bit = i % 64, n = std::min<std::size_t>(64 - bit, to - i);
                        out[i / 64] |= (n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1) << bit;
                        i += n;
                    }
                }
                return;
            }
            default: {
                std::fill(out, out + words, std::uint64_t{0});
                if (rd_ && rows > 0 && fill_leaf(n, t, rows, out)) return;
                formula_row_info tmp;
                for (std::size_t i = 0; i < rows; ++i)
                    if (match(node, t, i, row_ref(t, i, tmp))) out[i / 64] |= std::uint64_t{1} << (i % 64);
                return;
            }
        }
    }

    /// row_set over every row of table t into set_words_ (sized here: one bit set per tree
    /// level, and a tree is at most as deep as it has nodes); the set is its first `words` words.
    const std::uint64_t* row_set_of(std::int32_t node, std::size_t t, std::size_t rows, std::size_t& words) {
        words = (rows + 63) / 64;
        const std::size_t need = (p_.rows.size() + 1) * words;
        if (set_words_.size() < need) set_words_.resize(need);
        row_set(node, t, rows, words, set_words_.data());
        return set_words_.data();
    }

    /// The rows of table t that may match reference `ref` (index k), in row order; nullptr when
    /// every row must be scanned.
    [[gnu::always_inline]] const std::vector<std::uint32_t>* candidate_rows(const cell_ref_spec& ref, std::size_t k,
                                                                            std::size_t t, std::size_t rows) {
        if (!depends_on_scope(ref.rows) && ref_rows_ready_[k] == gen_) {  // listed for an earlier item
            candidates_exact_ = true;
            return &ref_rows_[k];
        }
        return list_candidate_rows(ref, k, t, rows);
    }

    /// candidate_rows the first time for the evaluation (a selector that does not read the scope
    /// item) or for each item ('@', '@*').
    const std::vector<std::uint32_t>* list_candidate_rows(const cell_ref_spec& ref, std::size_t k, std::size_t t,
                                                          std::size_t rows) {
        if (!depends_on_scope(ref.rows)) {
            if (ref_rows_ready_[k] != gen_) {
                auto& list = ref_rows_[k];
                list.clear();
                std::size_t words = 0;
                const std::uint64_t* set = row_set_of(ref.rows, t, rows, words);
                for (std::size_t w = 0; w < words; ++w)
                    for (std::uint64_t bits = set[w]; bits != 0; bits &= bits - 1)
                        list.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
                ref_rows_ready_[k] = gen_;
            }
            candidates_exact_ = true;
            return &ref_rows_[k];
        }
        candidates_exact_ = false;
        const row_node& n = p_.rows[static_cast<std::size_t>(ref.rows)];
        const bool exact = n.kind == row_node::op::current;
        if (!exact && n.kind != row_node::op::current_leaves) return nullptr;
        const std::string_view cc = scope_row_info_.code;
        if (cc.empty()) {
            if (exact) return nullptr;  // '@' by name or 行次: scan
            candidates_.clear();        // '@*' of a row without a code matches nothing
            return &candidates_;
        }
        if (!rd_) {  // other formula_data: build the index once per evaluation
            if (code_index_ready_[t] != gen_) {
                auto& built = code_index_[t];
                built.clear();
                for (std::size_t i = 0; i < rows; ++i) {
                    const std::string_view code = d_.row(t, i).code;
                    if (!code.empty()) built.emplace_back(code, static_cast<std::uint32_t>(i));
                }
                std::sort(built.begin(), built.end());
                code_index_ready_[t] = gen_;
            }
        }
        const auto& index = rd_ ? rd_->code_index(t) : code_index_[t];
        candidates_.clear();
        if (rd_ && cc.size() <= 8) {
            // a report's codes by their 8-byte keys (code_lower_bound)
            const std::uint64_t key = detail::prefix_key(cc), mask = low_bytes(cc.size());
            auto it = code_lower_bound(t, cc);
            if (exact) {  // '@': the rows of the scope row's code, in row order (see below)
                for (; it != index.end() && rd_->code_key(t, it->second) == key && it->first.size() == cc.size(); ++it)
                    candidates_.push_back(it->second);
            } else {  // '@*': the leaves below it (see below)
                for (; it != index.end() && (rd_->code_key(t, it->second) & mask) == key; ++it)
                    if (it->first.size() > cc.size() && rd_->row_info(t, it->second).leaf)
                        candidates_.push_back(it->second);
                if (!std::is_sorted(candidates_.begin(), candidates_.end()))  // codes printed in row order: no sort
                    std::sort(candidates_.begin(), candidates_.end());
            }
            candidates_exact_ = true;
            return &candidates_;
        }
        auto it = std::lower_bound(index.begin(), index.end(), std::pair<std::string_view, std::uint32_t>(cc, 0));
        if (exact) {
            // '@': the rows of the scope row's code, in row order (the index is sorted by code,
            // then row) — each matches (match(): the same code)
            for (; it != index.end() && it->first == cc; ++it) candidates_.push_back(it->second);
            candidates_exact_ = true;
            return &candidates_;
        }
        // '@*': the codes that extend the scope row's; for a report, only its leaves (match():
        // a longer code with the prefix, a leaf), so the list is exact
        for (; it != index.end() && it->first.starts_with(cc); ++it)
            if (!rd_ || (it->first.size() > cc.size() && rd_->row_info(t, it->second).leaf))
                candidates_.push_back(it->second);
        std::sort(candidates_.begin(), candidates_.end());
        candidates_exact_ = rd_ != nullptr;
        return &candidates_;
    }

    std::string ref_text(const cell_ref_spec& r) const {
        return p_.text.substr(r.pos, r.end > r.pos ? r.end - r.pos : 0);
    }

    /// For a row of side `side` in table t with an omitted column: how many columns the side
    /// uses, and the last of them. Cached per table and side for the evaluation.
    [[gnu::always_inline]] std::pair<std::uint32_t, std::uint32_t> side_columns(std::size_t t, std::size_t columns,
                                                                                 row_side side) {
        auto count = [&] {
            std::pair<std::uint32_t, std::uint32_t> r{0, 0};
            formula_column_info tmp;
            for (std::size_t c = 0; c < columns; ++c)
                if (const formula_column_info& ci = column_ref(t, c, tmp); ci.side == row_side::none || ci.side == side) {
                    ++r.first;
                    r.second = static_cast<std::uint32_t>(c);
                }
            return r;
        };
        const auto si = static_cast<std::size_t>(side);
        if (si >= 5) return count();
        if (side_cols_known_[t] != gen_) {
            side_cols_known_[t] = gen_;
            side_cols_sides_[t] = 0;
        }
        if (!(side_cols_sides_[t] & (1u << si))) {
            side_cols_[t][si] = count();
            side_cols_sides_[t] = static_cast<char>(side_cols_sides_[t] | (1u << si));
        }
        return side_cols_[t][si];
    }

    /// Whether the column spec of reference `ref` (index k) names any column of table t at all.
    /// `named_cols`: for a spec other than '@'/omitted, the columns it names (the same for every
    /// item: listed once per evaluation), else nullptr.
    [[gnu::always_inline]] bool names_a_column(const cell_ref_spec& ref, std::size_t k, std::size_t t,
                                               const std::vector<std::uint32_t>*& named_cols) {
        const formula_table_info& ti = table_at(t);
        const column_spec& cs = ref.col;
        formula_column_info tmp_col;  // a column of other formula_data (column_ref)
        named_cols = nullptr;
        if (cs.by != column_spec::how::omitted && cs.by != column_spec::how::current) {
            if (ref_cols_ready_[k] != gen_) {
                std::string label_key;
                if (cs.by == column_spec::how::label) label_key = squeeze(cs.label);
                auto& list = ref_cols_[k];
                list.clear();
                for (std::size_t c = 0; c < ti.columns; ++c)
                    if (names_column(cs, t, c, column_ref(t, c, tmp_col), label_key))
                        list.push_back(static_cast<std::uint32_t>(c));
                ref_cols_ready_[k] = gen_;
            }
            named_cols = &ref_cols_[k];
        }
        bool any_column = cs.by == column_spec::how::omitted || (named_cols && !named_cols->empty());
        if (cs.by == column_spec::how::current)
            for (std::size_t c = 0; c < ti.columns && !any_column; ++c)
                any_column = names_column(cs, t, c, column_ref(t, c, tmp_col), {});
        return any_column;
    }

    /// Read the cells of a reference, calling f(row, column, cell) for each. Scalar: exactly
    /// one cell must result (absent row → returns false with the problem noted).
    template <class F>
    bool read(const cell_ref_spec& ref, bool scalar, F&& f) {
        const std::size_t t = table_index_[static_cast<std::size_t>(ref.table)];
        const formula_table_info& ti = table_at(t);
        const column_spec& cs = ref.col;
        const auto k = static_cast<std::size_t>(&ref - p_.refs.data());
        formula_column_info tmp_col;  // a column of other formula_data (column_ref)
        const std::vector<std::uint32_t>* named_cols = nullptr;
        if (!names_a_column(ref, k, t, named_cols))
            throw eval_failure{formula_problem::column_missing,
                               "no such column in " + ref_text(ref) + " (" + table_kind_name(ti.kind) + ")",
                               ti.kind, ref_text(ref)};
        // (a selector that does not read the scope item is matched by row_set, anchors included)
        if (ref.rows >= 0 && depends_on_scope(ref.rows)) prepare_anchors(ref.rows, t);
        std::size_t found_row = 0, found_col = 0, cells = 0, rows_matched = 0;
        bool column_unused = false;
        // visit_row and visit_column are inlined by force (as are side_columns and take_cell): a
        // call per visited row and column cost ≈ 25 k instructions per reconcile of the Hunan report
        auto visit_row = [&](std::size_t i, const formula_row_info& ri) __attribute__((always_inline)) {
            ++rows_matched;
            // Columns of this row named by the spec and used by its side.
            if (cs.by == column_spec::how::omitted && !(p_.scope == formula_scope::columns)) {
                const auto [applicable, only] = side_columns(t, ti.columns, ri.side);
                if (applicable != 1)
                    throw eval_failure{applicable == 0 ? formula_problem::column_missing : formula_problem::ambiguous,
                                       ref_text(ref) + ": table " + table_kind_name(ti.kind) + " has " +
                                           std::to_string(applicable) + " columns for this row; name one (.c1)",
                                       ti.kind, ref_text(ref)};
                ++cells;
                found_row = i;
                found_col = only;
                if (!scalar) f(i, only);
                return;
            }
            bool named = false;
            auto visit_column = [&](std::size_t c, const formula_column_info& ci) __attribute__((always_inline)) {
                named = true;
                if (!applies(ci, ri)) return;
                ++cells;
                found_row = i;
                found_col = c;
                if (!scalar) f(i, c);
            };
            if (named_cols) {
                for (const std::uint32_t c : *named_cols) visit_column(c, column_ref(t, c, tmp_col));
            } else if (p_.scope_table >= 0 && t == table_index_[static_cast<std::size_t>(p_.scope_table)]) {
                // '@' (also an omitted column in a columns scope) in the scope's own table: the
                // scope's column (names_column's first case)
                if (scope_column_ < ti.columns) visit_column(scope_column_, column_ref(t, scope_column_, tmp_col));
            } else {  // '@' in another table: the column with the scope column's id or number
                const column_spec eff = current_spec();
                for (std::size_t c = 0; c < ti.columns; ++c) {
                    const formula_column_info& ci = column_ref(t, c, tmp_col);
                    if (names_column(eff, t, c, ci, {})) visit_column(c, ci);
                }
            }
            if (named && cells == 0) column_unused = true;
        };
        if (ref.rows < 0) {
            visit_row(scope_row_, scope_row_info_);
        } else {
            formula_row_info tmp;
            if (const std::vector<std::uint32_t>* rows = candidate_rows(ref, k, t, ti.rows)) {
                // visiting reads cells only (no other reference): the list stays as it is
                const bool exact = candidates_exact_;
                const std::size_t count = rows->size();
                for (std::size_t j = 0; j < count; ++j) {
                    const std::size_t i = (*rows)[j];
                    const formula_row_info& ri = row_ref(t, i, tmp);
                    if (exact || match(ref.rows, t, i, ri)) visit_row(i, ri);
                }
            } else {
                for (std::size_t i = 0; i < ti.rows; ++i) {
                    const formula_row_info& ri = row_ref(t, i, tmp);
                    if (match(ref.rows, t, i, ri)) visit_row(i, ri);
                }
            }
        }
        if (!scalar) {
            if (rows_matched == 0) note_problem(formula_problem::row_missing, ti.kind, [&] { return missing_key(ref); });
            return cells > 0;
        }
        if (cells > 1)
            throw eval_failure{formula_problem::ambiguous,
                               ref_text(ref) + " matches " + std::to_string(cells) +
                                   " cells; use sum() or a narrower selector",
                               ti.kind, ref_text(ref)};
        if (cells == 0) {
            if (rows_matched > 0 && column_unused)
                throw eval_failure{formula_problem::column_missing,
                                   ref_text(ref) + ": the column is not used by the matching row", ti.kind,
                                   ref_text(ref)};
            if (rows_matched > 0)
                throw eval_failure{formula_problem::column_missing, ref_text(ref) + ": no such column for the row",
                                   ti.kind, ref_text(ref)};
            note_problem(formula_problem::row_missing, ti.kind, [&] { return missing_key(ref); });
            return false;
        }
        f(found_row, found_col);
        return true;
    }

    /// exists(): whether the reference names at least one cell of the data (printed empty or
    /// not). A row or column the table does not have is an answer here (false), not a problem
    /// of the operand: what read() noted or threw for it is taken back.
    bool names_cell(const cell_ref_spec& ref) {
        // A column the table does not have at all is answered here: read() would throw for it,
        // and an exception per row costs more than the rest of a row's evaluation.
        const std::vector<std::uint32_t>* named_cols = nullptr;
        if (!names_a_column(ref, static_cast<std::size_t>(&ref - p_.refs.data()),
                            table_index_[static_cast<std::size_t>(ref.table)], named_cols))
            return false;
        const auto k = static_cast<std::size_t>(operand_);
        const formula_problem problem = side_problem_[k];
        const std::optional<table_kind> table = side_table_[k];
        std::string key = side_key_[k];
        bool any = false;
        try {
            read(ref, false, [&](std::size_t, std::size_t) { any = true; });
        } catch (const eval_failure& f) {
            if (f.problem == formula_problem::ambiguous) any = true;  // several columns for the row
            else if (f.problem != formula_problem::column_missing) throw;
        }
        side_problem_[k] = problem;
        side_table_[k] = table;
        side_key_[k] = std::move(key);
        return any;
    }

    column_spec current_spec() const {
        column_spec s;
        s.by = column_spec::how::current;
        return s;
    }

    std::string missing_key(const cell_ref_spec& ref) const {
        if (ref.rows >= 0) {
            const row_node& n = p_.rows[static_cast<std::size_t>(ref.rows)];
            if (n.kind == row_node::op::current || n.kind == row_node::op::current_leaves) {
                std::string k = row_key(scope_row_info_);
                if (n.kind == row_node::op::current_leaves) k += "*";
                return k;
            }
        }
        return ref_text(ref);
    }

    /// Add one cell to v; false when the cell is empty (v unchanged).
    [[gnu::always_inline]] bool take_cell(value& v, std::size_t t, std::size_t r, std::size_t c, bool counted) {
        std::optional<decimal> other;  // the value of a cell that is not a report's
        const std::optional<decimal>& cv = cell_ref(t, r, c, other);
        formula_cell_ref ref;
        ref.table = static_cast<std::uint32_t>(t);
        ref.row = static_cast<std::uint32_t>(r);
        ref.column = static_cast<std::uint32_t>(c);
        ref.operand = operand_;
        ref.empty = !cv;
        out_->cells.push_back(ref);
        if (!cv) {
            note_problem(formula_problem::cell_empty, kind_of(t), [&] { return row_key(row_at(t, r)); });
            return false;
        }
        std::int64_t raw = 0;
        const int exp = formula_places - cv->scale() + power_[t] - eval_power_;
        if (exp >= 0) {
            if (exp > 18 || __builtin_mul_overflow(cv->mantissa(), detail::pow10_i64(exp), &raw))
                arithmetic("a cell value is out of range");
        } else {
            if (-exp > 18) arithmetic("a cell has too many decimal places");
            const std::int64_t div = detail::pow10_i64(-exp);
            if (cv->mantissa() % div != 0) arithmetic("a cell has more than 4 decimal places");
            raw = cv->mantissa() / div;
        }
        v.raw = add(v.raw, raw);
        v.empty = false;
        if (counted && raw != 0) ++v.parts;
        return true;
    }

    // ---- Expressions ----

    value eval(std::int32_t e) {
        const expr_node& n = p_.exprs[static_cast<std::size_t>(e)];
        value v;
        switch (n.kind) {
            case expr_node::op::constant:
                v.raw = n.value;
                v.empty = false;
                return v;
            case expr_node::op::cell: {
                const cell_ref_spec& ref = p_.refs[static_cast<std::size_t>(n.ref)];
                const std::size_t t = table_index_[static_cast<std::size_t>(ref.table)];
                read(ref, true, [&](std::size_t r, std::size_t c) { take_cell(v, t, r, c, true); });
                return v;
            }
            case expr_node::op::sum:
            case expr_node::op::count: {
                const bool count = n.kind == expr_node::op::count;
                std::int64_t k = 0;
                for (std::int32_t a : n.args) {
                    const expr_node& an = p_.exprs[static_cast<std::size_t>(a)];
                    if (an.kind == expr_node::op::cell) {
                        const cell_ref_spec& ref = p_.refs[static_cast<std::size_t>(an.ref)];
                        const std::size_t t = table_index_[static_cast<std::size_t>(ref.table)];
                        // each cell straight into the sum (the same checked additions in the same
                        // order as adding a one-cell value: 0 + raw never overflows)
                        read(ref, false, [&](std::size_t r, std::size_t c) {
                            if (take_cell(v, t, r, c, !count)) ++k;
                        });
                    } else {
                        const value x = eval(a);
                        if (x.empty) continue;
                        v.raw = add(v.raw, x.raw);
                        v.parts += x.parts;
                        v.empty = false;
                    }
                }
                if (count) {
                    v = value{};
                    if (__builtin_mul_overflow(k, one, &v.raw)) arithmetic("count overflows");
                    v.empty = false;
                }
                return v;
            }
            case expr_node::op::exists: {
                bool all = true;
                for (std::int32_t a : n.args)
                    all = all && names_cell(p_.refs[static_cast<std::size_t>(p_.exprs[static_cast<std::size_t>(a)].ref)]);
                v.raw = all ? one : 0;
                v.empty = false;
                return v;
            }
            case expr_node::op::neg:
                v = eval(n.a);
                v.raw = neg(v.raw);
                return v;
            case expr_node::op::abs:
                v = eval(n.a);
                if (v.raw < 0) v.raw = neg(v.raw);
                return v;
            case expr_node::op::add:
            case expr_node::op::sub: {
                const value a = eval(n.a);
                const value b = eval(n.b);
                v.raw = n.kind == expr_node::op::add ? add(a.raw, b.raw) : sub(a.raw, b.raw);
                v.empty = a.empty && b.empty;
                v.parts = a.parts + b.parts;
                return v;
            }
            case expr_node::op::mul: {
                const value a = eval(n.a);
                const value b = eval(n.b);
                const int128 prod = int128(a.raw) * int128(b.raw);
                if (prod % one != 0) arithmetic("a product is not exact at 4 decimal places");
                v.raw = detail::narrow_checked(prod / one, "product");
                v.empty = a.empty || b.empty;
                // A figure multiplied by k carries k times its rounding error.
                const bool a_const = is_constant(n.a);
                const value& c = a_const ? a : b;
                const value& x = a_const ? b : a;
                const std::int64_t mag = c.raw < 0 ? -c.raw : c.raw;
                v.parts = x.parts * ((mag + one - 1) / one);
                return v;
            }
        }
        return v;
    }

    bool is_constant(std::int32_t e) const {
        const expr_node& n = p_.exprs[static_cast<std::size_t>(e)];
        return n.kind == expr_node::op::constant || (n.kind == expr_node::op::neg && is_constant(n.a));
    }

    static bool compare(compare_op op, std::int64_t a, std::int64_t b) {
        switch (op) {
            case compare_op::eq: return a == b;
            case compare_op::ne: return a != b;
            case compare_op::lt: return a < b;
            case compare_op::le: return a <= b;
            case compare_op::gt: return a > b;
            case compare_op::ge: return a >= b;
        }
        return false;
    }

    /// Within tolerance `tol` (≥ 0): the comparison holds when the left side may move by tol.
    static bool compare_within(compare_op op, std::int64_t diff, std::int64_t tol) {
        switch (op) {
            case compare_op::eq: return diff <= tol && diff >= -tol;
            case compare_op::ne: return diff != 0;
            case compare_op::lt: return diff < tol;
            case compare_op::le: return diff <= tol;
            case compare_op::gt: return diff > -tol;
            case compare_op::ge: return diff >= -tol;
        }
        return false;
    }

    void evaluate_item(formula_result& r) {
        out_ = &r;
        r.unit = static_cast<money_unit>(eval_power_ == 0 ? 0 : (eval_power_ == 4 ? 1 : 2));
        for (std::size_t k = 0; k < 3; ++k) {
            side_problem_[k] = formula_problem::none;
            side_table_[k].reset();
            side_key_[k].clear();
        }
        if (p_.has_condition && condition_ != condition_state::unknown) {
            // a condition that reads no scope item, evaluated for an earlier item: the same
            // cells, and the same outcome when it does not hold or cannot be evaluated
            r.cells.insert(r.cells.end(), s_.condition_cells.begin(), s_.condition_cells.end());
            if (condition_ == condition_state::holds) {
                // evaluate the check below
            } else {
                r.outcome = condition_ == condition_state::fails ? formula_outcome::not_applicable
                                                                 : formula_outcome::cannot_evaluate;
                r.problem = s_.condition_problem;
                r.problem_table = s_.condition_table;
                r.problem_key = s_.condition_key;
                r.message = s_.condition_message;
                return;
            }
        }
        try {
            if (p_.has_condition && condition_ == condition_state::unknown) {
                operand_ = formula_operand::condition;
                const value a = eval(p_.condition.left);
                const value b = eval(p_.condition.right);
                const bool holds = compare(p_.condition.op, a.raw, b.raw);
                if (!holds) {
                    r.outcome = formula_outcome::not_applicable;
                    r.problem = formula_problem::condition;
                    r.message = "the 'when' condition does not hold (" + to_decimal(a.raw).to_string() + " vs " +
                                to_decimal(b.raw).to_string() + ")";
                }
                if (p_.condition_scope_free)
                    remember_condition(r, holds ? condition_state::holds : condition_state::fails);
                if (!holds) return;
            }
            operand_ = formula_operand::left;
            const value left = eval(p_.check.left);
            operand_ = formula_operand::right;
            const value right = eval(p_.check.right);
            if (!left.empty) r.left = to_decimal(left.raw);
            if (!right.empty) r.right = to_decimal(right.raw);
            const std::int64_t diff = sub(left.raw, right.raw);
            r.difference = to_decimal(diff);
            const std::int64_t m = left.parts + right.parts;
            r.parts = static_cast<std::size_t>(m);
            std::int64_t tol = 0;
            if (p_.tolerance == formula_tolerance::tail) {
                if (m > 0 && __builtin_mul_overflow(tail_bound_ulps(static_cast<std::size_t>(m - 1)), ulp_, &tol))
                    arithmetic("tail bound overflows");
            } else if (p_.tolerance == formula_tolerance::absolute) {
                tol = p_.tolerance_value;
            }
            r.bound = to_decimal(tol);
            if (left.empty != right.empty && (left.empty ? right.raw : left.raw) != 0) {
                const auto k = static_cast<std::size_t>(left.empty ? formula_operand::left : formula_operand::right);
                r.outcome = formula_outcome::missing;
                r.problem = side_problem_[k] == formula_problem::none ? formula_problem::cell_empty : side_problem_[k];
                r.problem_table = side_table_[k];
                r.problem_key = side_key_[k];
                r.message = std::string(left.empty ? "the left" : "the right") + " side has no figure (" +
                            (r.problem == formula_problem::row_missing ? "no row " : "empty cell ") + r.problem_key +
                            (r.problem_table ? std::string(" in ") + table_kind_name(*r.problem_table) : std::string()) +
                            ") while the other side is " + to_decimal(left.empty ? right.raw : left.raw).to_string();
                return;
            }
            if (compare(p_.check.op, left.raw, right.raw)) {
                r.outcome = formula_outcome::holds;
            } else if (p_.tolerance != formula_tolerance::none && compare_within(p_.check.op, diff, tol)) {
                r.outcome = p_.tolerance == formula_tolerance::tail ? formula_outcome::tail_difference
                                                                    : formula_outcome::tolerated;
            } else {
                r.outcome = formula_outcome::fails;
            }
        } catch (const eval_failure& f) {
            r.outcome = formula_outcome::cannot_evaluate;
            r.problem = f.problem;
            r.problem_table = f.table;
            r.problem_key = f.key;
            r.message = f.message;
            r.left.reset();
            r.right.reset();
            failed_condition(r);
        } catch (const error& e) {
            r.outcome = formula_outcome::cannot_evaluate;
            r.problem = formula_problem::arithmetic;
            r.message = e.what();
            r.left.reset();
            r.right.reset();
            failed_condition(r);
        }
    }

    /// Keep a scope-free condition's cells (the first of r.cells: the condition is read first)
    /// and, when it does not hold, r's outcome for the items after this one.
    void remember_condition(const formula_result& r, condition_state state) {
        condition_ = state;
        s_.condition_cells.assign(r.cells.begin(), r.cells.end());
        if (state == condition_state::holds) return;
        s_.condition_problem = r.problem;
        s_.condition_table = r.problem_table;
        s_.condition_key = r.problem_key;
        s_.condition_message = r.message;
    }

    /// r could not be evaluated: when that happened in a scope-free condition, every item gets
    /// the same result.
    void failed_condition(const formula_result& r) {
        if (operand_ == formula_operand::condition && p_.condition_scope_free)
            remember_condition(r, condition_state::failure);
    }
};

}  // namespace

detail::formula_batch::formula_batch(const formula_data& data) {
    if (batch.data) return;  // another batch is alive on this thread: this one does nothing
    active_ = true;
    if (++batch.stamp == 0) {  // wrapped: clear the marks once
        std::fill(batch.set_stamp.begin(), batch.set_stamp.end(), 0u);
        batch.stamp = 1;
    }
    batch.tables = data.table_count();
    batch.words.clear();
    batch.tables_ready = false;
    batch.data = &data;
}

detail::formula_batch::~formula_batch() {
    if (active_) batch.data = nullptr;
}

void formula::evaluate(const formula_data& data, std::vector<formula_result>& out) const {
    if (!program_) {
        out.clear();
        return;
    }
    // One scratch per thread; an evaluation started from inside another on the same thread
    // (a formula_data that evaluates formulas) gets its own.
    thread_local scratch shared;
    if (shared.busy) {
        scratch own;
        evaluator(data, *program_, own).run(out);
        return;
    }
    shared.busy = true;
    struct release {
        scratch& s;
        ~release() { s.busy = false; }
    } guard{shared};
    evaluator(data, *program_, shared).run(out);
}

std::vector<formula_result> formula::evaluate(const formula_data& data) const {
    std::vector<formula_result> out;
    evaluate(data, out);
    return out;
}

}  // namespace caizheng
