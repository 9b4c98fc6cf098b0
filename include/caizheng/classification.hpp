// caizheng — the classification trees (政府收支分类科目): codes, names, levels, structure.
//
// Four trees, each for a year: 支出功能分类 (functional: 类 3 digits, 款 5, 项 7),
// 部门预算支出经济分类 (economic_department: 类 301…, 款 30101…), 政府预算支出经济分类
// (economic_government: 501…, 50101…) and 收入分类 (revenue: 类/款/项 3/5/7 digits).
//
// A catalog is immutable once built and may be shared read-only between any number of threads.
// Copies are cheap (they share the rows). It is either embedded — generated at build time from
// data/classification/<year>/*.csv into constant tables, no file I/O, no static
// initialisation — or loaded from a CSV file in the same format (docs/classification.md), on its
// own or on top of another catalog.
//
// The embedded 2024 catalogs are PARTIAL: only codes and names that a real source showed
// (docs/classification.md lists the sources). A code the catalog does not know is therefore
// "well-formed but unknown", never an error by itself, and is_complete() is false.
//
// Structure comes from the digits alone: the parent of 2010301 is 20103 and its 类 is 201,
// whether or not the catalog knows those rows.
//
// Errors: malformed codes in structural functions throw parse_error; loading throws
// catalog_error (every problem with its line number); lookups of unknown codes return
// std::nullopt / empty vectors; path_name() throws error(not_found) naming the missing row.
#pragma once

#include "caizheng/error.hpp"
#include "caizheng/export.hpp"
#include "caizheng/money.hpp"

#include <boost/describe/enum.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caizheng::classification {

/// The classification trees. Values are stable (C API: CZ_TREE_*).
enum class tree : int {
    functional = 0,           ///< 支出功能分类科目
    economic_department = 1,  ///< 部门预算支出经济分类科目 (table 06)
    economic_government = 2,  ///< 政府预算支出经济分类科目
    revenue = 3,              ///< 收入分类科目
};
BOOST_DESCRIBE_ENUM(tree, functional, economic_department, economic_government, revenue)

/// Levels of a code. Values are stable (C API: CZ_LEVEL_*).
enum class level : int {
    lei = 1,    ///< 类, 3 digits
    kuan = 2,   ///< 款, 5 digits
    xiang = 3,  ///< 项, 7 digits (functional and revenue trees only)
};
BOOST_DESCRIBE_ENUM(level, lei, kuan, xiang)

/// The three answers of a code lookup. Values are stable (C API: CZ_CODE_*).
enum class code_status : int {
    known = 0,      ///< well-formed and in this catalog
    malformed = 1,  ///< not 3/5(/7) ASCII digits for this tree
    unknown = 2,    ///< well-formed, not in this catalog (in a partial catalog: cannot say more)
};
BOOST_DESCRIBE_ENUM(code_status, known, malformed, unknown)

/// Verdict of a name or path check against the catalog. Values are stable (C API: CZ_VERDICT_*).
enum class verdict : int {
    match = 0,           ///< agrees with the catalog
    mismatch = 1,        ///< disagrees; the catalog's text is given
    cannot_verify = 2,   ///< the catalog is partial and lacks a row needed to decide
    unknown_code = 3,    ///< well-formed code absent from a catalog that claims completeness
    malformed_code = 4,  ///< the code is not a code of this tree
};
BOOST_DESCRIBE_ENUM(verdict, match, mismatch, cannot_verify, unknown_code, malformed_code)

/// How path_name() writes the 类 name. Values are stable (C API: CZ_PATH_*).
enum class path_style : int {
    /// 类 name without a trailing 支出, as in "一般公共服务（类）政府办公厅（室）及相关机构事务（款）
    /// 行政运行（项）"; 款 and 项 names as in the catalog.
    narrative = 0,
    /// every name exactly as in the catalog: "一般公共服务支出（类）…".
    catalog = 1,
};
BOOST_DESCRIBE_ENUM(path_style, narrative, catalog)

/// Deepest level of a tree: 项 for functional and revenue, 款 for the economic trees.
constexpr level deepest_level(tree t) noexcept {
    return (t == tree::functional || t == tree::revenue) ? level::xiang : level::kuan;
}
/// Number of digits of a code at `l`: 3, 5 or 7.
constexpr std::size_t code_length(level l) noexcept { return 1 + 2 * static_cast<std::size_t>(l); }

/// The level a code's digits give in `t`, or std::nullopt when it is not a code of `t`
/// (not all ASCII digits, or a length other than 3/5 — or 7 in functional and revenue).
constexpr std::optional<level> level_of(std::string_view code, tree t) noexcept {
    const std::size_t n = code.size();
    if (n != 3 && n != 5 && n != 7) return std::nullopt;
    for (char c : code)
        if (c < '0' || c > '9') return std::nullopt;
    const auto l = static_cast<level>((n - 1) / 2);
    if (static_cast<int>(l) > static_cast<int>(deepest_level(t))) return std::nullopt;
    return l;
}

/// The parent code from the digits ("2010301" → "20103", "20103" → "201", "201" → "").
/// Throws parse_error when `code` is not a code of `t`.
CAIZHENG_CXX_API std::string_view parent_code(std::string_view code, tree t);
/// The ancestor of `code` at level `at` (its own code when `at` is its level); throws
/// parse_error when malformed, invalid_argument when `at` is deeper than the code.
CAIZHENG_CXX_API std::string_view ancestor_code(std::string_view code, level at, tree t);

/// "类", "款", "项".
[[nodiscard]] CAIZHENG_CXX_API const char* level_label(level l) noexcept;
/// Name of a tree ("functional"); tree_from_name accepts these names and throws invalid_argument.
[[nodiscard]] CAIZHENG_CXX_API const char* tree_name(tree t) noexcept;
[[nodiscard]] CAIZHENG_CXX_API tree tree_from_name(std::string_view name);

/// Normalisation used by every name comparison: whitespace (ASCII, U+3000, line breaks) removed,
/// ASCII parentheses turned into full-width （）, as PDF extraction mangles them.
[[nodiscard]] CAIZHENG_CXX_API std::string normalize_name(std::string_view name);

namespace detail {
struct catalog_tables;
}

/// One row of a catalog. The name views the catalog's storage: valid while any copy of the
/// catalog lives (for an embedded catalog: always).
class item {
public:
    [[nodiscard]] std::string_view code() const noexcept { return {code_.data(), len_}; }
    [[nodiscard]] std::string_view name() const noexcept { return name_; }
    [[nodiscard]] classification::level level() const noexcept { return level_; }
    friend bool operator==(const item& a, const item& b) noexcept {
        return a.code() == b.code() && a.name_ == b.name_ && a.level_ == b.level_;
    }

    item(std::string_view code, std::string_view name, classification::level l) noexcept
        : name_(name), level_(l) {
        len_ = static_cast<std::uint8_t>(code.size() < code_.size() ? code.size() : code_.size());
        for (std::size_t i = 0; i < len_; ++i) code_[i] = code[i];
    }

private:
    std::array<char, 7> code_{};
    std::uint8_t len_ = 0;
    std::string_view name_;
    classification::level level_ = level::lei;
};

/// Rows per level.
struct level_counts {
    std::size_t lei = 0, kuan = 0, xiang = 0;
    [[nodiscard]] std::size_t total() const noexcept { return lei + kuan + xiang; }
    friend bool operator==(const level_counts&, const level_counts&) = default;
};

/// What went wrong in a catalog file. Values are stable.
enum class problem_kind : int {
    empty_file = 0,       ///< no header, or no rows
    bad_utf8 = 1,         ///< a line that is not valid UTF-8
    bad_header = 2,       ///< no code or name column
    bad_directive = 3,    ///< a "# key: value" line with a bad value, or one contradicting the options
    malformed_row = 4,    ///< too few fields, unbalanced quotes, empty name
    malformed_code = 5,   ///< a code that is not 3/5(/7) digits for the tree
    level_mismatch = 6,   ///< a level column that does not match the code's length
    parent_mismatch = 7,  ///< a parent_code column that is not the code's prefix
    duplicate_code = 8,   ///< the same code twice in the file
    orphan = 9,           ///< a child whose parent row is absent, in a catalog claiming completeness
};
BOOST_DESCRIBE_ENUM(problem_kind, empty_file, bad_utf8, bad_header, bad_directive, malformed_row,
                    malformed_code, level_mismatch, parent_mismatch, duplicate_code, orphan)

/// One problem of a catalog file; line is 1-based (0 for the file as a whole).
struct load_problem {
    std::size_t line = 0;
    problem_kind kind = problem_kind::malformed_row;
    std::string code;     ///< the code concerned, when there is one
    std::string message;  ///< "line 12: duplicate code 2010301 (first on line 9)"
};

/// Thrown by catalog::load_csv*: every problem found (not only the first), each with its line.
/// code() is errc::parse_error when any problem is a syntax problem (empty_file … malformed_code,
/// level_mismatch, parent_mismatch), else errc::inconsistent (duplicates, orphans). what() lists
/// the problems, one a line (at most 50, then "… and N more").
class CAIZHENG_CXX_API catalog_error : public error {
public:
    catalog_error(errc code, const std::string& message, std::vector<load_problem> problems)
        : error(code, message), problems_(std::move(problems)) {}
    [[nodiscard]] const std::vector<load_problem>& problems() const noexcept { return problems_; }

private:
    std::vector<load_problem> problems_;
};

/// Options of catalog::load_csv*. Each, when given, must agree with the file's "# key: value"
/// directive; a file without the directive takes it from here (or from the base catalog).
struct load_options {
    std::optional<classification::tree> tree;  ///< required unless the file has "# tree:"
    std::optional<int> year;                    ///< required unless the file has "# year:"
    /// Whether the catalog claims to be the complete official list. Default: the file's
    /// "# complete:" line, else true (a file is taken as complete unless it says "no").
    /// A complete catalog refuses a child whose parent row is absent.
    std::optional<bool> complete;
};

/// Result of catalog::check_name / match_path.
struct name_check {
    classification::verdict verdict = verdict::cannot_verify;
    /// The catalog's text (its name, or its path) when known, else empty.
    std::string expected;
};

/// A renamed code in compare().
struct renamed_item {
    std::string code;
    std::string_view old_name, new_name;
};
/// Differences between two catalogs of one tree, each list in code order.
struct catalog_diff {
    std::vector<item> added;    ///< in `newer` only (names view `newer`)
    std::vector<item> removed;  ///< in `older` only (names view `older`)
    std::vector<renamed_item> renamed;
    [[nodiscard]] bool empty() const noexcept { return added.empty() && removed.empty() && renamed.empty(); }
};

/// A classification catalog for one tree and one year. Immutable; thread-safe to read.
class CAIZHENG_CXX_API catalog {
public:
    /// The embedded catalog; throws error(not_found) for a year not embedded.
    static catalog embedded(classification::tree t, int year = 2024);
    /// Years embedded for a tree, ascending.
    static std::vector<int> embedded_years(classification::tree t);

    /// Load CSV text (format: docs/classification.md). Throws catalog_error listing every
    /// problem with its line number, error(invalid_argument) when tree or year is unknown.
    static catalog load_csv(std::string_view text, const load_options& options = {});
    /// Load CSV text on top of `base` (same tree and year): the file's rows are added, and a
    /// row whose code `base` knows replaces its name. The result claims completeness only when
    /// the file does and every code of `base` is in the file.
    static catalog load_csv(std::string_view text, const load_options& options, const catalog& base);
    /// The same from a file; throws error(io_error) when it cannot be read.
    static catalog load_csv_file(const std::filesystem::path& path, const load_options& options = {});
    static catalog load_csv_file(const std::filesystem::path& path, const load_options& options,
                                 const catalog& base);

    [[nodiscard]] classification::tree kind() const noexcept;
    [[nodiscard]] int year() const noexcept;
    /// Whether the catalog claims to be the complete official list (embedded: false).
    [[nodiscard]] bool is_complete() const noexcept;
    [[nodiscard]] bool is_embedded() const noexcept;
    [[nodiscard]] std::size_t size() const noexcept;
    [[nodiscard]] level_counts counts() const noexcept;
    /// Bytes of the catalog's tables (rows, string pool, name index, hash index).
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

    /// known / malformed / unknown.
    [[nodiscard]] code_status status(std::string_view code) const noexcept;
    /// The row of a known code, else std::nullopt (malformed or unknown).
    [[nodiscard]] std::optional<item> find(std::string_view code) const noexcept;
    [[nodiscard]] std::optional<std::string_view> name(std::string_view code) const noexcept;
    /// The i-th row in code order (0 <= i < size()); throws error(invalid_argument) otherwise.
    [[nodiscard]] item at(std::size_t index) const;
    /// The known parent row (std::nullopt for a 类, or when the parent is not in the catalog).
    /// Throws parse_error for a malformed code; see parent_code() for the digits alone.
    [[nodiscard]] std::optional<item> parent(std::string_view code) const;
    /// Known rows one level below `code`, in code order. Throws parse_error when malformed.
    [[nodiscard]] std::vector<item> children(std::string_view code) const;

    /// All rows in code order (类 followed by its 款, each 款 by its 项).
    [[nodiscard]] std::vector<item> items() const;
    /// Rows of one level, in code order.
    [[nodiscard]] std::vector<item> items(classification::level l) const;
    /// `code` (when known) and every known row below it, in code order. Throws parse_error.
    [[nodiscard]] std::vector<item> subtree(std::string_view code) const;
    /// Index range [first, last) of subtree(code) for use with at(). Throws parse_error.
    [[nodiscard]] std::pair<std::size_t, std::size_t> subtree_range(std::string_view code) const;

    /// Full path name "一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）".
    /// Throws parse_error when malformed, error(not_found) naming the first row (the code or an
    /// ancestor) the catalog lacks.
    [[nodiscard]] std::string path_name(std::string_view code,
                                        path_style style = path_style::narrative) const;
    /// Own name with its level: "行政运行（项）". Throws like path_name.
    [[nodiscard]] std::string label(std::string_view code) const;
    /// Does a narrative path refer to `code`? The text is normalized (normalize_name; a leading
    /// "1、" / "（一）" and trailing punctuation are ignored), then compared level by level with
    /// the catalog; the 类 name may be written with or without its trailing 支出. Levels the
    /// catalog lacks give cannot_verify unless a known level already disagrees. `expected` is
    /// path_name(code) when every row is known.
    [[nodiscard]] name_check match_path(std::string_view code, std::string_view text) const;
    /// Codes whose path is `text` ("…（类）…（款）…（项）", same tolerance as match_path).
    /// Empty when the text names no known path.
    [[nodiscard]] std::vector<item> resolve_path(std::string_view text) const;

    /// Rows whose name is exactly `name` (names repeat: 行政运行 is a 项 of many 款), code order.
    [[nodiscard]] std::vector<item> find_by_name(std::string_view name) const;
    /// The first row (in code order) whose name is exactly `name`, without allocating; for
    /// names known to be unique (most economic 款).
    [[nodiscard]] std::optional<item> find_first_by_name(std::string_view name) const noexcept;
    /// The only row of level `l` whose name is exactly `name`; nullopt when there is none or
    /// more than one (a 类 named by a report line: "一般公共服务支出"). Does not allocate.
    [[nodiscard]] std::optional<item> unique_by_name(std::string_view name, level l) const noexcept;
    /// Rows whose name contains `fragment` (bytes of UTF-8), code order.
    [[nodiscard]] std::vector<item> find_containing(std::string_view fragment) const;
    /// Check a report row's code and name: match / mismatch (expected = the catalog's name) /
    /// cannot_verify (partial catalog lacks the code) / unknown_code (complete catalog lacks it)
    /// / malformed_code. Names are compared after normalize_name().
    [[nodiscard]] name_check check_name(std::string_view code, std::string_view name) const;

    /// Internal: the tables behind this catalog.
    [[nodiscard]] const detail::catalog_tables& tables() const noexcept { return *t_; }
    catalog(const detail::catalog_tables* t, std::shared_ptr<const void> owner) noexcept
        : t_(t), owner_(std::move(owner)) {}

private:
    const detail::catalog_tables* t_;
    std::shared_ptr<const void> owner_;  ///< null for embedded tables
};

/// Codes added, removed and renamed from `older` to `newer` (same tree; years may differ).
/// Throws error(invalid_argument) for different trees.
[[nodiscard]] CAIZHENG_CXX_API catalog_diff compare(const catalog& older, const catalog& newer);

/// The official correspondence 部门预算支出经济分类 ↔ 政府预算支出经济分类 (两套支出经济分类科目
/// 对照表). Embedded data is partial (30 pairs of 501/502 ↔ 301/302): a code it does not list
/// gives std::nullopt / an empty vector, meaning "not known", not "no counterpart".
class CAIZHENG_CXX_API correspondence {
public:
    /// Throws error(not_found) for a year not embedded.
    static correspondence embedded(int year = 2024);
    /// The 政府预算 款 a 部门预算 款 maps to ("30101" → "50101"); std::nullopt when not listed.
    [[nodiscard]] std::optional<std::string> government_for(std::string_view department_code) const;
    /// The 部门预算 款 that map to a 政府预算 款, in code order.
    [[nodiscard]] std::vector<std::string> departments_for(std::string_view government_code) const;
    /// All pairs (government 款, department 款), sorted.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> pairs() const;
    [[nodiscard]] std::size_t size() const noexcept;
    [[nodiscard]] int year() const noexcept;

private:
    explicit correspondence(std::size_t table) noexcept : table_(table) {}
    std::size_t table_;
};

/// An amount keyed by its code, input of roll_up.
template <amount_type A>
struct keyed_amount {
    std::string_view code;
    A amount;
};
/// An amount of roll_up's result: the sum of every input row at or below `code`.
template <amount_type A>
struct rolled_amount {
    std::string code;
    classification::level level = level::lei;
    A amount{};
    std::size_t rows = 0;  ///< input rows summed into it
};

namespace detail {
/// Throws parse_error for a malformed code (naming it), error(inconsistent) for a duplicate
/// code or for a code given together with one of its ancestors (that would count twice).
CAIZHENG_CXX_API void validate_roll_up(std::span<const std::string_view> codes, tree t);
}  // namespace detail

/// Roll amounts keyed by 项 (or any level) up to 款 and 类 — what table 01's 类 rows are.
/// Exact: sums with A's checked addition (error(overflow) only if a total does not fit).
/// Structure from the digits alone, so no catalog is needed. Result in code order, one entry
/// per input code and per ancestor. Inputs must not repeat a code nor hold a code and one of its
/// ancestors (error(inconsistent)); a malformed code throws parse_error.
template <amount_type A>
std::vector<rolled_amount<A>> roll_up(std::span<const keyed_amount<A>> rows, tree t) {
    std::vector<std::string_view> codes;
    codes.reserve(rows.size());
    for (const auto& r : rows) codes.push_back(r.code);
    detail::validate_roll_up(codes, t);
    std::map<std::string, rolled_amount<A>, std::less<>> acc;
    for (const auto& r : rows) {
        for (std::string_view c = r.code; !c.empty(); c = parent_code(c, t)) {
            auto it = acc.find(c);
            if (it == acc.end()) {
                rolled_amount<A> x;
                x.code = std::string(c);
                x.level = *level_of(c, t);
                it = acc.emplace(x.code, std::move(x)).first;
            }
            it->second.amount += r.amount;
            ++it->second.rows;
        }
    }
    std::vector<rolled_amount<A>> out;
    out.reserve(acc.size());
    for (auto& [code, r] : acc) out.push_back(std::move(r));
    return out;
}
template <amount_type A>
std::vector<rolled_amount<A>> roll_up(const std::vector<keyed_amount<A>>& rows, tree t) {
    return roll_up(std::span<const keyed_amount<A>>(rows), t);
}

}  // namespace caizheng::classification
