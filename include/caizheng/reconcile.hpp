// caizheng — reconciliation: everything in a report that does not add up.
//
// reconcile() runs every built-in rule over a report and returns findings (finding.hpp):
//   - table identities and cross-table links: the formula rules of data/rules/builtin.formulas
//     (formula.hpp), evaluated over the report; their outcomes become findings;
//   - C++ rules the formula language cannot express: classification codes and names against the
//     catalog of the report's year, 本表无数据 statements, missing tables, import problems, and
//     the cause analysis that keeps one root cause from looking like ten errors (a row missing
//     from a table whose amount is exactly the gap of a 合计 or 类 check; a 小计 that is the wrong
//     cell of a 三公 row);
//   - the narrative checks (narrative.hpp) and the 绩效 annex checks (scoring.hpp) as families;
//   - user rules in the formula language, added to a reconciler before running.
// The catalog of every rule (id, family, severity, description, formula) is builtin_rules();
// docs/rules.md lists it, docs/reconcile.md explains findings, causes and the outputs.
//
// 尾数误差: a sum of n rounded non-zero parts may differ from its rounded total by at most
// ⌊n/2⌋ hundredths (tail.hpp); such a gap is a tail_difference finding that states the bound
// and n, never an error. The same figure printed twice with two values is an error.
//
// Money: exact decimals only. Errors: reconcile() never throws for content (what cannot be
// checked becomes an `unchecked` finding); reconciler::add_rules throws parse_error for a bad
// rules text. Thread safety: a reconciler is immutable while running: run() and run_batch() may
// be called from several threads at once on the same reconciler; add_rules() must not overlap
// with them.
#pragma once

#include "caizheng/export.hpp"
#include "caizheng/finding.hpp"
#include "caizheng/formula.hpp"
#include "caizheng/report.hpp"

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caizheng {

/// Groups of rules. Values are stable (C API: CZ_FAMILY_*).
enum class rule_family : int {
    table = 0,        ///< identities within one table (合计, 小计, columns, 类 = Σ 款)
    cross_table = 1,  ///< links between tables (01 ↔ 02 ↔ 03, 04 ↔ 05/07/08, roll-ups, soft links)
    codes = 2,        ///< classification codes and names against the catalog
    narrative = 3,    ///< claims of the 情况说明 (narrative.hpp)
    performance = 4,  ///< the 绩效 annex (scoring.hpp)
    user = 5,         ///< user formula rules added to a reconciler
    document = 6,     ///< the document as a whole: missing tables, import problems, 本表无数据
};
BOOST_DESCRIBE_ENUM(rule_family, table, cross_table, codes, narrative, performance, user, document)

/// One rule of the catalog. `check` is the formula (when `is_formula`) or a description of the
/// check in words.
struct rule_info {
    std::string id;
    rule_family family = rule_family::table;
    caizheng::severity severity = caizheng::severity::error;  ///< when the rule fails
    std::string description_zh;
    std::string description_en;
    std::string check;
    bool is_formula = false;
    friend bool operator==(const rule_info&, const rule_info&) = default;
};
BOOST_DESCRIBE_STRUCT(rule_info, (), (id, family, severity, description_zh, description_en, check,
                                      is_formula))

/// Every built-in rule: the formula rules (builtin_formula_rules(), in file order), then the
/// C++ rules, then one entry per external family (narrative, performance) naming its prefix.
[[nodiscard]] CAIZHENG_CXX_API const std::vector<rule_info>& builtin_rules();
/// The family of a rule id: the catalog's, else by prefix ("P." performance, "N." narrative),
/// else user.
[[nodiscard]] CAIZHENG_CXX_API rule_family rule_family_of(std::string_view id);
/// The rule with this id, or nullptr.
[[nodiscard]] CAIZHENG_CXX_API const rule_info* find_builtin_rule(std::string_view id);

struct reconcile_options {
    bool formulas = true;     ///< built-in formula rules (table and cross-table families)
    bool codes = true;        ///< codes family
    bool document = true;     ///< missing tables, import warnings, 本表无数据
    bool narrative = true;    ///< narrative family, when built in (narrative.hpp)
    bool performance = true;  ///< 绩效 family (scoring.hpp)
    bool causes = true;       ///< link consequences to their root cause (missing rows, 三公 小计)
    /// Built-in scoring profile for the 绩效 family ("central", "hunan_observed").
    std::string scoring_profile = "central";
    /// Catalog year for codes; 0 = the report's year (or the nearest embedded year).
    std::int32_t catalog_year = 0;
    /// Rule ids not to run or report; an entry ending in '*' is a prefix ("basic.*").
    std::vector<std::string> disabled_rules;
};

/// The result of reconciling one report. findings are sorted by severity (error, warning,
/// tail_difference, unchecked, info), then by table in document order, then by source line.
/// cause[i] is the index of the finding that finding i follows from (its root cause), or −1.
struct reconcile_result {
    std::vector<finding> findings;
    std::vector<std::int32_t> cause;
    std::size_t rules_evaluated = 0;  ///< rules that ran (formula rules + C++ rules + families)

    [[nodiscard]] CAIZHENG_CXX_API std::size_t count(caizheng::severity s) const noexcept;
    [[nodiscard]] bool has_errors() const noexcept { return count(caizheng::severity::error) > 0; }
    friend bool operator==(const reconcile_result&, const reconcile_result&) = default;
};
BOOST_DESCRIBE_STRUCT(reconcile_result, (), (findings, cause, rules_evaluated))

/// Runs the built-in rules and any added user rules.
class CAIZHENG_CXX_API reconciler {
public:
    explicit reconciler(reconcile_options options = {});

    /// Add user rules in the rules format (docs/formulas.md); their findings have family user.
    /// Throws parse_error (line and column in the message) and leaves the reconciler unchanged.
    void add_rules(std::string_view rules_text);
    void add_rule(formula_rule rule);
    [[nodiscard]] const std::vector<formula_rule>& user_rules() const noexcept { return user_; }
    [[nodiscard]] const reconcile_options& options() const noexcept { return options_; }

    /// Reconcile one report. Never throws for content; may throw std::bad_alloc.
    [[nodiscard]] reconcile_result run(const report& r) const;
    /// Reconcile many reports on `threads` threads (0 = std::thread::hardware_concurrency()).
    /// results[i] belongs to reports[i]; the same as calling run() on each.
    [[nodiscard]] std::vector<reconcile_result> run_batch(std::span<const report> reports,
                                                          unsigned threads = 0) const;

private:
    reconcile_options options_;
    std::vector<formula_rule> user_;
};

/// reconciler(options).run(r).
[[nodiscard]] CAIZHENG_CXX_API reconcile_result reconcile(const report& r,
                                                          const reconcile_options& options = {});

// ---- Output -----------------------------------------------------------------------------------

/// Languages of the messages in text and HTML output. Values are stable (CZ_LANG_*).
enum class message_language : int { both = 0, zh = 1, en = 2 };
BOOST_DESCRIBE_ENUM(message_language, both, zh, en)

struct render_options {
    message_language language = message_language::both;
    bool color = false;  ///< ANSI colours in text output
};

/// For a terminal: a summary line, then findings grouped by severity and table; consequences
/// are printed under their root cause.
[[nodiscard]] CAIZHENG_CXX_API std::string render_text(const report& r, const reconcile_result& result,
                                                       const render_options& options = {});
/// JSON: {"format": "caizheng-findings", "version": 1, "report": {...}, "summary": {...},
/// "findings": [finding with "index" and "cause"]} — members by their Boost.Describe names,
/// decimals as strings, enums by name. Schema in docs/reconcile.md.
[[nodiscard]] CAIZHENG_CXX_API std::string render_json(const report& r, const reconcile_result& result,
                                                       bool pretty = false);
/// A self-contained HTML page (inline CSS, no scripts from elsewhere, no external resources):
/// each table with the cells of findings highlighted and the findings beside it.
[[nodiscard]] CAIZHENG_CXX_API std::string render_html(const report& r, const reconcile_result& result,
                                                       const render_options& options = {});

/// The key a finding location uses for a row: its code, else "#<行次>", else its name.
[[nodiscard]] CAIZHENG_CXX_API std::string row_key(const table_row& row);

}  // namespace caizheng
