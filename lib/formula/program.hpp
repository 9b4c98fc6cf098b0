// Internal: the parsed form of a formula (see include/caizheng/formula.hpp). Flat vectors of
// nodes addressed by index; built by parse.cpp, read by evaluate.cpp. Not installed.
#pragma once

#include "caizheng/formula.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng::detail {

/// A row name without its leading enumeration ("一、", "（一）", "1.", "1、"); evaluate.cpp.
std::string_view strip_enumeration(std::string_view s) noexcept;

/// The first 8 bytes of s, zero-padded, as one little-endian word (report_formula_data::name_key).
inline std::uint64_t prefix_key(std::string_view s) noexcept {
    const std::size_t n = s.size();
    const char* p = s.data();
    if (n >= 8) {
        std::uint64_t k = 0;
        std::memcpy(&k, p, 8);
        if constexpr (std::endian::native == std::endian::big) k = __builtin_bswap64(k);
        return k;
    }
    // shorter (codes, most often): fixed-size loads instead of a memcpy of n bytes
    auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i); };
    if (n >= 4) {  // two 4-byte words, overlapping when n < 8
        std::uint32_t lo = 0, hi = 0;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);
        if constexpr (std::endian::native == std::endian::big) {
            lo = __builtin_bswap32(lo);
            hi = __builtin_bswap32(hi);
        }
        return std::uint64_t{lo} | std::uint64_t{hi} << (8 * (n - 4));
    }
    if (n == 0) return 0;
    return byte(0) | byte(n / 2) | byte(n - 1);  // n = 1, 2, 3
}

/// Fixed-point scale of every value during evaluation: 4 places of the evaluation unit.
inline constexpr int formula_places = 4;

/// Which table a reference reads.
struct table_spec {
    enum class how { scope, number, kind } by = how::scope;
    std::int32_t number = 0;  // by number: T07 → 7
    table_kind kind = table_kind::income_expenditure_total;
    std::uint32_t pos = 0;   // byte offset of the reference
    std::string text;        // as written
};

/// A row predicate node. Leaves test one property; and_/or_ combine children a, b.
struct row_node {
    enum class op {
        body,            // *       role item
        all,             // all     every row but blank
        leaf,            // leaf    body row without rows below it
        role,            // 合计/小计/总计 (value = row_role)
        level,           // 类/款/项 (value = code length)
        side,            // 收入/支出/预算/决算 (value = row_side)
        code,            // 2010301
        code_leaves,     // 301*    leaves strictly below the code
        lines,           // #1..8   行次 in [value, value2]
        name,            // 本年收入合计 or "…"
        name_prefix,     // 使用非财政拨款结余*
        current,         // @       the row of the scope with the same key
        current_leaves,  // @*      leaves strictly below the scope row's code
        before,          // <X      rows before the first row matching X (child a)
        after,           // >X      rows after the first row matching X (child a)
        and_,
        or_,
    } kind = op::body;
    std::int32_t value = 0;
    std::int32_t value2 = 0;
    std::string text;
    std::uint32_t bare = 0;  // name / name_prefix: offset of text without its enumeration
    std::int32_t a = -1, b = -1;
    bool scope_dependent = false;  // the subtree reads the scope item ('@', '@*'); set by parse
    /// The subtree's meaning as a process-wide number (set by parse): nodes of any formula with
    /// the same number select the same rows of the same table, so evaluations of one data
    /// object may share their row sets (formula_batch). 0: not shared (scope-dependent).
    std::uint32_t shape = 0;
};

/// Which column(s) a reference reads.
struct column_spec {
    enum class how { omitted, number, id, label, current, range } by = how::omitted;
    std::int32_t first = 0, last = 0;  // number / range (栏次)
    column_id id = column_id::other;
    std::string label;
};

/// A cell reference: table + rows (root of a row predicate, or -1 = the scope's current row)
/// + columns.
struct cell_ref_spec {
    std::int32_t table = -1;  // index into program::tables
    std::int32_t rows = -1;
    column_spec col;
    std::uint32_t pos = 0;
    std::uint32_t end = 0;
};

/// An expression node.
struct expr_node {
    enum class op { constant, cell, sum, count, exists, neg, abs, add, sub, mul } kind = op::constant;
    std::int64_t value = 0;            // constant: raw at formula_places
    std::int32_t ref = -1;             // cell
    std::int32_t a = -1, b = -1;       // operands
    std::vector<std::int32_t> args;    // sum/count/exists: expression or reference nodes
    std::uint32_t pos = 0;
};

enum class compare_op { eq, ne, lt, le, gt, ge };

struct comparison {
    std::int32_t left = -1, right = -1;
    compare_op op = compare_op::eq;
    std::uint32_t pos = 0;
};

struct formula_program {
    std::string text;
    std::vector<table_spec> tables;
    std::vector<row_node> rows;
    std::vector<cell_ref_spec> refs;
    std::vector<expr_node> exprs;
    formula_scope scope = formula_scope::once;
    std::int32_t scope_table = -1;  // index into tables
    std::int32_t scope_rows = -1;   // row predicate (scope rows)
    column_spec scope_columns;      // scope columns (range / all)
    comparison check;
    formula_tolerance tolerance = formula_tolerance::none;
    std::int64_t tolerance_value = 0;  // absolute: raw at formula_places
    bool has_condition = false;
    comparison condition;
    /// The condition reads no scope item (no '@', '@*', '@' column, nor an omitted column in a
    /// columns scope): it has the same value for every item, so evaluation computes it once per
    /// evaluation. Set by formula::parse.
    bool condition_scope_free = false;
};

/// While alive, formula evaluations on this thread whose data is `data` (the same object,
/// unchanged meanwhile) share the row sets of the selectors they have in common (row_node::
/// shape) and the data's table infos, instead of deriving them again per formula. For a run of
/// many formulas over one data object (the reconciler's formula rules). A batch started while
/// another is alive on the thread does nothing. Not copyable.
class formula_batch {
public:
    explicit formula_batch(const formula_data& data);
    ~formula_batch();
    formula_batch(const formula_batch&) = delete;
    formula_batch& operator=(const formula_batch&) = delete;

private:
    bool active_ = false;
};

}  // namespace caizheng::detail
