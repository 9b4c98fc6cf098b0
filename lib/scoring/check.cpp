// Checking published 项目支出绩效自评表, the 基础数据表 and the scores quoted in the prose
// (include/caizheng/scoring.hpp; rules P.* in docs/scoring.md).
#include "caizheng/scoring.hpp"

#include "caizheng/narrative.hpp"

#include "exact.hpp"
#include "execution.hpp"
#include "indicator_score.hpp"
#include "review.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <string>
#include <utility>

namespace caizheng {

using scoring_detail::frac;

namespace {

const decimal zero{};

std::string pct(const decimal& d) { return d.to_string() + "%"; }

using scoring_detail::value_view;
using namespace std::string_view_literals;

using scoring_detail::cat;
using scoring_detail::dec_text;

/// Exact at the larger scale; error(overflow) when the result does not fit a decimal.
decimal sub(const decimal& a, const decimal& b) { return scoring_detail::exact_difference(a, b); }
decimal add(const decimal& a, const decimal& b) { return scoring_detail::exact_sum(a, b); }
decimal abs_dec(const decimal& d) { return d < zero ? sub(zero, d) : d; }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

using scoring_detail::same_at_two_places;

/// A figure's value with the places its text shows ("9.90" → 9.90, "99.00%" → 99.00): the
/// model may hold the value normalized; findings and comparisons at printed precision use this.
/// The places a figure's text shows: the digits after its first '.'.
inline int printed_places(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && text[i] != '.') ++i;  // figure texts are short: no memchr call
    int places = 0;
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++places;
    return places;
}

std::optional<decimal> printed(const figure& f) {
    if (!f.value) return std::nullopt;
    const int places = printed_places(f.text);
    if (places <= f.value->scale() || places > decimal::max_scale) return f.value;
    try {
        return f.value->rescale_exact(places);
    } catch (const error&) {
        return f.value;
    }
}

void restore_places(figure& f) { f.value = printed(f); }

/// needs_places(f) once the text is known to have a '.' with more than scale characters after it.
[[gnu::noinline]] bool needs_places_counted(const figure& f) {
    const int places = printed_places(f.text);
    if (places <= f.value->scale() || places > decimal::max_scale) return false;  // printed(f) is the value held
    const auto v = printed(f);
    return v->scale() != f.value->scale();
}

/// Whether printed(f) differs from the value held (then the places must be restored in a copy).
/// Inline: the usual answer ("no") costs a few instructions per figure.
[[gnu::always_inline]] inline bool needs_places(const figure& f) {
    if (!f.value) return false;
    // printed_places counts the digits after a '.': at most size − 1 ("5", "0.5" at scale 1).
    const std::size_t scale = static_cast<std::size_t>(f.value->scale());
    const std::size_t n = f.text.size();
    if (n <= scale + 1) return false;
    // The digits after the first '.' are at most the characters after it: fewer than scale + 1
    // of those and the places printed cannot exceed the scale (no count needed) — so only a
    // '.' among the first n − scale − 1 characters can make the places printed exceed the scale
    // (a first '.' further on leaves at most `scale` characters after it).
    const char* const t = f.text.data();
    const std::size_t last = n - scale - 1;
    for (std::size_t i = 0; i < last; ++i)
        if (t[i] == '.') return needs_places_counted(f);
    return false;
}

bool needs_places(const project_evaluation& p) {
    for (const auto& r : p.funding)
        if (needs_places(r.initial_budget) || needs_places(r.full_year_budget) || needs_places(r.executed)) return true;
    if (needs_places(p.execution_weight) || needs_places(p.execution_rate) || needs_places(p.execution_score)) return true;
    for (const auto& i : p.indicators)
        if (needs_places(i.weight) || needs_places(i.score)) return true;
    return needs_places(p.total_weight) || needs_places(p.total_score);
}

project_evaluation with_printed_places(project_evaluation p) {
    for (auto& r : p.funding) {
        restore_places(r.initial_budget);
        restore_places(r.full_year_budget);
        restore_places(r.executed);
    }
    restore_places(p.execution_weight);
    restore_places(p.execution_rate);
    restore_places(p.execution_score);
    for (auto& i : p.indicators) {
        restore_places(i.weight);
        restore_places(i.score);
    }
    restore_places(p.total_weight);
    restore_places(p.total_score);
    return p;
}

performance_annex with_printed_places(performance_annex a) {
    for (auto& p : a.projects) p = with_printed_places(std::move(p));
    if (a.basic_data)
        for (auto& row : a.basic_data->rows)
            for (auto& c : row.cells) restore_places(c);
    return a;
}

/// `x` with the printed places: `x` itself when every value already has them, else a copy
/// kept in `copy` (most tables hold the places as printed: no copy of their strings).
template <class T>
const T& with_printed_places(const T& x, std::optional<T>& copy) {
    if (!needs_places(x)) return x;
    copy.emplace(with_printed_places(T(x)));
    return *copy;
}

// ---- findings ---------------------------------------------------------------------------------

/// A finding's place as views (nothing copied): the texts are copied once, into the location
/// the finding holds (built in place by emit), and only for a finding that is emitted.
struct place {
    std::string_view section, project, row, column, text;
    const source_location* source = nullptr;
};

/// A table's place.
place project_location(const project_evaluation& p, std::string_view row, std::string_view column,
                       std::string_view text, const source_location& src) {
    return {"项目支出绩效自评表"sv, p.project, row, column, text, &src};
}

/// A view that becomes a std::string where a member is initialized from it: the conversion's
/// result initializes the member itself (guaranteed elision), so no temporary is moved in —
/// libstdc++'s string moves are out-of-line calls.
struct as_string {
    std::string_view v;
    operator std::string() const { return v.empty() ? std::string() : std::string(v); }  // NOLINT: implicit by design
};

/// The location of `pl`, as a value the vector constructs in place: its members initialized
/// from the views directly (as_string), no location moved in.
struct location_of {
    const place& pl;
    operator finding_location() const {  // NOLINT: implicit by design (emplace_back converts it)
        return finding_location{.table = std::nullopt,
                                .table_number = as_string{},
                                .row = as_string{pl.row},
                                .row_name = as_string{},
                                .column = 0,
                                .column_label = as_string{pl.column},
                                .section = as_string{pl.section},
                                .project = as_string{pl.project},
                                .text = as_string{pl.text},
                                .source = pl.source ? *pl.source : source_location()};
    }
};

/// A finding appended to `out`, constructed in place with its place(s) (nothing is appended
/// when the difference throws); `second`: a second place, when given.
finding& emit(std::vector<finding>& out, std::string_view rule, severity sev, const place& loc,
              std::optional<decimal> expected, std::optional<decimal> found, std::string_view unit, std::string zh,
              std::string en, const place* second = nullptr) {
    std::optional<decimal> difference;
    if (expected && found) difference = sub(*found, *expected);
    std::vector<finding_location> locations;
    locations.reserve(second ? 2 : 1);
    locations.emplace_back(location_of{loc});
    if (second) locations.emplace_back(location_of{*second});
    // The finding made where the vector stores it, from the conversion (its strings from views).
    struct made {
        std::string_view rule, unit;
        severity sev;
        std::vector<finding_location>& locations;
        const std::optional<decimal>&expected, &found, &difference;
        std::string &zh, &en;
        operator finding() const {  // NOLINT: implicit by design (emplace_back converts it)
            return finding{.rule = as_string{rule},
                           .severity = sev,
                           .locations = std::move(locations),
                           .expected = expected,
                           .found = found,
                           .difference = difference,
                           .bound = std::nullopt,
                           .unit = as_string{unit},
                           .message_zh = std::move(zh),
                           .message_en = std::move(en)};
        }
    };
    return out.emplace_back(made{rule, unit, sev, locations, expected, found, difference, zh, en});
}

const char* policy_zh(rate_policy p) {
    switch (p) {
        case rate_policy::exact: return "精确执行率";
        case rate_policy::percent_2dp: return "执行率先四舍五入到0.01%";
        case rate_policy::floor_whole_percent: return "执行率先截尾取整到整数百分比";
    }
    return "?";
}
const char* policy_en(rate_policy p) {
    switch (p) {
        case rate_policy::exact: return "the exact execution rate";
        case rate_policy::percent_2dp: return "the execution rate rounded to 0.01 % first";
        case rate_policy::floor_whole_percent: return "the whole-percent floor of the execution rate";
    }
    return "?";
}
const char* tier_zh(tier t) {
    switch (t) {
        case tier::achieved: return "达成";
        case tier::partial: return "部分达成";
        case tier::not_achieved: return "未达成";
    }
    return "?";
}
const char* tier_band_en(tier t) {
    switch (t) {
        case tier::achieved: return "达成 (achieved)";
        case tier::partial: return "部分达成 (partly achieved)";
        case tier::not_achieved: return "未达成 (not achieved)";
    }
    return "?";
}

constexpr std::array<rate_policy, 3> all_rate_policies{rate_policy::exact, rate_policy::percent_2dp,
                                                       rate_policy::floor_whole_percent};

// ---- names ------------------------------------------------------------------------------------

/// A project name for matching, appended to `out`: its code points (UTF-8 decoded, invalid bytes
/// kept as single units) without quotes, brackets, spaces, '*' and a trailing 项目.
void append_name_key(std::u32string& out, std::string_view s) {
    const std::size_t start = out.size();
    out.resize(start + s.size());  // at most one code point per byte; cut to the length written below
    char32_t* const first = out.data() + start;
    char32_t* w = first;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        if (c < 0x80) {
            cp = c;
            ++i;
        } else if ((c >> 4) == 14 && i + 3 <= s.size()) {  // a 3-byte sequence (CJK): the usual case
            cp = (char32_t(c & 0x0F) << 12) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                 char32_t(static_cast<unsigned char>(s[i + 2]) & 0x3F);
            i += 3;
        } else {
            int n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
            if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
            cp = n == 1 ? c : (n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07));
            for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
            i += static_cast<std::size_t>(n);
        }
        // The code points left out are all ≤ U+300D or U+FF0C: any other is kept at once.
        if (cp <= U'\u300D' || cp == U'\uFF0C') switch (cp) {
                case U' ': case U'\t': case U'*': case U'"': case U'\'': case U'\u201C': case U'\u201D': case U'\u2018':
                case U'\u2019': case U'\u300C': case U'\u300D': case U'\u3000': case U'\u3001': case U',': case U'\uFF0C':
                case U'\u3002':
                    continue;
                default: break;
            }
        *w++ = cp;
    }
    std::size_t n = static_cast<std::size_t>(w - first);
    // 项目
    if (n > 2 && first[n - 2] == U'\u9879' && first[n - 1] == U'\u76EE') n -= 2;
    out.resize(start + n);
}

/// Length of the longest common subsequence: bit-parallel (Hyyrö 2004: V ← (V + U) | (V − U),
/// U = V & match(a_i); the zero bits of V count the LCS) when b has at most 64 code points, the
/// dynamic programme otherwise.
std::size_t lcs_length(std::u32string_view a, std::u32string_view b) {
    if (b.size() <= 64) {
        std::uint64_t v = ~std::uint64_t{0};
        for (const char32_t c : a) {
            std::uint64_t m = 0;
            for (std::size_t j = 0; j < b.size(); ++j) m |= std::uint64_t{b[j] == c} << j;
            const std::uint64_t u = v & m;
            v = (v + u) | (v - u);
        }
        const std::uint64_t mask = b.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << b.size()) - 1;
        return b.size() - static_cast<std::size_t>(std::popcount(v & mask));
    }
    std::vector<std::size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// Longest common subsequence / longer length, 0..1.
double similarity(std::u32string_view a, std::u32string_view b) {  // float-ok: name ranking, not money
    if (a.empty() || b.empty()) return 0;
    return static_cast<double>(lcs_length(a, b)) / static_cast<double>(std::max(a.size(), b.size()));  // float-ok
}

/// The name keys of the projects, in order, in one buffer (computed once per review step).
class name_keys {
public:
    explicit name_keys(const std::vector<project_evaluation>& projects) {
        std::size_t n = 0;
        for (const auto& p : projects) n += p.project.size();
        buffer_.reserve(n);
        ends_.reserve(projects.size());
        names_.reserve(projects.size());
        for (const auto& p : projects) {
            append_name_key(buffer_, p.project);
            ends_.push_back(buffer_.size());
            names_.emplace_back(p.project);
        }
    }
    [[nodiscard]] std::size_t size() const noexcept { return ends_.size(); }
    /// The project name key i was made from (a name equal to it has the same key).
    [[nodiscard]] std::string_view name(std::size_t i) const noexcept { return names_[i]; }
    [[nodiscard]] std::u32string_view operator[](std::size_t i) const noexcept {
        const std::size_t from = i == 0 ? 0 : ends_[i - 1];
        return std::u32string_view(buffer_).substr(from, ends_[i] - from);
    }

private:
    std::u32string buffer_;
    std::vector<std::size_t> ends_;
    std::vector<std::string_view> names_;
};

/// The match masks of a pattern of at most 64 code points (bit j: pattern[j] is the code point),
/// built once and looked up per text code point (the LCS's bit-parallel step), instead of
/// comparing the pattern again for every text code point.
class pattern_masks {
public:
    explicit pattern_masks(std::u32string_view pattern) : size_(pattern.size()) {
        ch_.fill(empty);
        for (std::size_t j = 0; j < pattern.size(); ++j) {
            const std::size_t i = find(pattern[j]);
            if (ch_[i] == empty) {
                ch_[i] = pattern[j];
                mask_[i] = 0;
            }
            mask_[i] |= std::uint64_t{1} << j;
        }
    }
    /// LCS length of the pattern and `text` (Hyyrö 2004, as lcs_length; the LCS is symmetric).
    [[nodiscard]] std::size_t lcs(std::u32string_view text) const {
        std::uint64_t v = ~std::uint64_t{0};
        for (const char32_t c : text) {
            const std::uint64_t u = v & mask_of(c);
            v = (v + u) | (v - u);
        }
        const std::uint64_t all = size_ == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size_) - 1;
        return size_ - static_cast<std::size_t>(std::popcount(v & all));
    }

private:
    static constexpr char32_t empty = 0xFFFFFFFF;  // append_name_key never gives this (at most 21 bits)
    // ≤ 64 distinct code points in 128 slots: at most half full. A slot's mask is set when its
    // code point is (only the code points are initialised).
    std::array<char32_t, 128> ch_;
    std::array<std::uint64_t, 128> mask_;
    std::size_t size_;
    static std::size_t hash(char32_t c) { return (static_cast<std::uint32_t>(c) * 0x9E3779B1u) >> 25; }
    /// The slot of `c`, or the empty slot where it would go.
    [[nodiscard]] std::size_t find(char32_t c) const {
        for (std::size_t i = hash(c);; i = (i + 1) & 127)
            if (ch_[i] == c || ch_[i] == empty) return i;
    }
    [[nodiscard]] std::uint64_t mask_of(char32_t c) const {
        const std::size_t i = find(c);
        return ch_[i] == empty ? 0 : mask_[i];
    }
};

/// Index of the project whose name key (`keys`, from name_keys) matches best (similarity ≥ 0.6,
/// strictly better than the runner-up), or nullopt. Names are not money: the similarity only
/// ranks candidates.
std::optional<std::size_t> match_project(const name_keys& keys, std::string_view name) {
    // A name printed exactly as a project's has that project's key: the answer below without
    // computing the name's key — that project when no other key equals its key, else none.
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys.name(i) != name || keys[i].empty()) continue;
        std::size_t equal = 0;
        for (std::size_t j = 0; j < keys.size(); ++j) equal += keys[j] == keys[i];
        if (equal == 1) return i;
        return std::nullopt;
    }
    std::u32string key_text;
    key_text.reserve(name.size());
    append_name_key(key_text, name);
    const std::u32string_view key = key_text;
    if (!key.empty()) {
        // A key equal to the name's has similarity 1, every other one less: that key is the
        // match when it is the only one, and two of them tie (no match), without any LCS.
        std::size_t equal = 0, first = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key && equal++ == 0) first = i;
        if (equal == 1) return first;
        if (equal > 1) return std::nullopt;
    }
    // The name's masks once for all the keys (the same LCS as lcs_length(key, keys[i])).
    std::optional<pattern_masks> masks;
    if (!key.empty() && key.size() <= 64) masks.emplace(key);
    double best = 0, second = 0;  // float-ok: similarity ranks names
    std::optional<std::size_t> at;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        double s = 0;  // float-ok
        if (!masks) s = similarity(key, keys[i]);
        else if (!keys[i].empty())
            s = static_cast<double>(masks->lcs(keys[i])) / static_cast<double>(std::max(key.size(), keys[i].size()));  // float-ok
        if (s > best) {
            second = best;
            best = s;
            at = i;
        } else if (s > second) {
            second = s;
        }
    }
    if (!at || best < 0.6 || best == second) return std::nullopt;
    return at;
}

// ---- one table --------------------------------------------------------------------------------

const funding_row* funding_of(const project_evaluation& p, funding_kind k) {
    for (const auto& r : p.funding)
        if (r.kind == k) return &r;
    return nullptr;
}

bool blank_indicator(const performance_indicator& i) {
    return i.level3.empty() && i.target.empty() && i.actual.empty() && i.weight.text.empty() &&
           i.score.text.empty();
}

void check_funding(const project_evaluation& p, std::vector<finding>& out) {
    const funding_row* total = funding_of(p, funding_kind::total);
    if (!total) {
        emit(out, "P.funding.missing", severity::warning,
                           project_location(p, "年度资金总额", "", "", p.source), {}, {}, "万元",
                           "自评表没有“年度资金总额”行，无法核对资金与执行率。",
                           "the table has no 年度资金总额 row: funding and the execution rate cannot be checked");
        return;
    }
    struct column {
        const char* label;
        figure funding_row::*member;
    };
    const std::array<column, 3> columns{{{"年初预算数", &funding_row::initial_budget},
                                         {"全年预算数", &funding_row::full_year_budget},
                                         {"全年执行数", &funding_row::executed}}};
    for (const auto& c : columns) {
        const figure& t = total->*c.member;
        if (!t.value) {
            emit(out, "P.funding.unreadable", severity::unchecked,
                               project_location(p, total->label, c.label, t.text, t.source), {}, {}, "万元",
                               std::string("年度资金总额的") + c.label + "不是数字，无法核对。",
                               std::string("年度资金总额 ") + c.label + " \"" + t.text + "\" is not a number");
            continue;
        }
        std::array<const decimal*, 3> parts{};  // the source rows' numbers, summed below
        std::size_t n = 0;
        int places = 2;
        int nonzero = 0;
        bool complete = true;
        for (const auto k : {funding_kind::current_fiscal, funding_kind::carried_over, funding_kind::other}) {
            const funding_row* r = funding_of(p, k);
            if (!r) continue;  // a row not printed counts as 0
            const figure& f = r->*c.member;
            if (!f.value) {
                if (!f.text.empty()) complete = false;
                continue;
            }
            parts[n++] = &*f.value;
            places = std::max(places, f.value->scale());
            if (f.value->mantissa() != 0) ++nonzero;
        }
        if (!complete) {
            emit(out, "P.funding.unreadable", severity::unchecked,
                               project_location(p, total->label, c.label, t.text, t.source), {}, {}, "万元",
                               std::string(c.label) + "的资金来源行有非数字内容，无法核对合计。",
                               std::string("a funding-source cell of ") + c.label + " is not a number: the total cannot be checked");
            continue;
        }
        const decimal expected = scoring_detail::exact_sum_at(parts.data(), n, places);
        if (expected == *t.value) continue;
        const decimal diff = abs_dec(sub(*t.value, expected));
        const decimal bound(nonzero / 2, 2);
        const bool tail = diff <= bound && bound > zero;
        // The parts as summed above (every source row with a number), written only for the finding.
        std::string parts_text;
        for (const auto k : {funding_kind::current_fiscal, funding_kind::carried_over, funding_kind::other}) {
            const funding_row* r = funding_of(p, k);
            if (!r || !(r->*c.member).value) continue;
            if (!parts_text.empty()) parts_text += " + ";
            parts_text += (r->*c.member).value->to_string();
        }
        finding& f = emit(out, "P.funding.sum", tail ? severity::tail_difference : severity::error,
                      project_location(p, total->label, c.label, t.text, t.source), expected, *t.value, "万元",
                      std::string("年度资金总额") + c.label + " " + t.value->to_string() + " 不等于 当年财政拨款 + 上年结转 + 其他资金 = " + expected.to_string() + "。",
                      std::string("年度资金总额 ") + c.label + " " + t.value->to_string() +
                          " ≠ 当年财政拨款 + 上年结转 + 其他资金 = " + parts_text + " = " + expected.to_string());
        if (tail) f.bound = bound;
    }
}

}  // namespace

namespace {

/// The execution scores of a table under the three rate policies (all_rate_policies order), as
/// score_project computed them; `known` false when it did not (then they are computed again).
struct execution_scores {
    bool known = false;
    std::array<std::optional<decimal>, 3> score;
    bool restored = false;  ///< the table needed its printed places restored (needs_places)
};

/// score_project into `ps`, its findings appended to `out`. `keep` false (the review's findings
/// only): the indicators, groups and the project's name are not stored, and each reason is
/// written only into a finding that is emitted. `scores`: filled when computed (may be null).
void score_into(const project_evaluation& table, const scoring_profile& profile, project_score& ps,
                std::vector<finding>& out, bool keep, execution_scores* scores, scoring_detail::parse_memo* memo) {
    std::optional<project_evaluation> restored;
    const project_evaluation& p = with_printed_places(table, restored);
    if (scores) scores->restored = restored.has_value();
    if (keep) {
        ps.project = p.project;
        ps.source = p.source;
    }
    check_funding(p, out);

    // ---- execution rate ----
    const funding_row* total = funding_of(p, funding_kind::total);
    const auto& w = p.execution_weight.value;
    const auto loc_exec = [&](const char* column, const figure& f) {
        return project_location(p, "执行率", column, f.text, f.source);
    };
    std::optional<decimal> exec_score_used;  // the profile's execution score, for the total
    if (total && total->full_year_budget.value && total->executed.value && w) {
        const decimal budget = *total->full_year_budget.value, executed = *total->executed.value;
        try {
            // What the three policies share, once (score_execution is this with one policy).
            const scoring_detail::execution_base base(budget, executed, *w, profile.cap_rate, profile.zero_budget);
            ps.execution = base.with(profile.rate);
            exec_score_used = ps.execution.score;
            const auto& printed = p.execution_score.value;
            if (!ps.execution.defined) {
                emit(out, 
                    "P.exec.zero_budget", executed > zero ? severity::warning : severity::unchecked,
                    loc_exec("执行率", p.execution_rate), {}, p.execution_rate.value, "%",
                    "全年预算数为0，执行率无定义" + std::string(profile.zero_budget == zero_budget_policy::score_zero ? "，按方案记0分。" : "，不计算执行率得分。"),
                    "全年预算数 is 0: the execution rate is undefined" +
                        std::string(profile.zero_budget == zero_budget_policy::score_zero
                                        ? "; the profile scores it 0"
                                        : "; no execution score is computed"));
            } else {
                // The three policies once (the profile's own was just computed with the same
                // arguments): for rate_reproduced_by, the printed rate's policy and the totals.
                std::array<execution_result, 3> alts;
                for (std::size_t k = 0; k < all_rate_policies.size(); ++k) {
                    const auto pol = all_rate_policies[k];
                    alts[k] = pol == profile.rate ? ps.execution
                                                  : base.with(pol);
                    if (printed && alts[k].score && *alts[k].score == *printed) ps.rate_reproduced_by.push_back(pol);
                }
                if (scores) {
                    for (std::size_t k = 0; k < alts.size(); ++k) scores->score[k] = alts[k].score;
                    scores->known = true;
                }
                if (ps.execution.excess) {
                    emit(out, "P.exec.over_budget", severity::warning, loc_exec("全年执行数", total->executed),
                                       budget, executed, "万元",
                                       "全年执行数超过全年预算数 " + ps.execution.excess->to_string() + " 万元" +
                                           (profile.cap_rate ? "，执行率按100%计分。" : "。"),
                                       "全年执行数 exceeds 全年预算数 by " + ps.execution.excess->to_string() + " 万元" +
                                           (profile.cap_rate ? "; the rate is capped at 100 % for scoring" : ""));
                }
                if (profile.low_rate_reason_below && ps.execution.exact_rate &&
                    *ps.execution.exact_rate < *profile.low_rate_reason_below) {
                    emit(out, "P.exec.low_rate", severity::info, loc_exec("执行率", p.execution_rate),
                                       *profile.low_rate_reason_below, ps.execution.exact_rate, "%",
                                       "执行率低于" + pct(*profile.low_rate_reason_below) + "，须说明原因。",
                                       "execution rate " + pct(*ps.execution.exact_rate) + " is below " +
                                           pct(*profile.low_rate_reason_below) + ": the profile asks for a reason");
                }
                // The printed rate, at the precision printed.
                const auto& pr = p.execution_rate.value;
                if (pr && ps.execution.rate) {
                    const decimal want = ps.execution.rate->rescale(std::max(pr->scale(), 0), rounding_mode::half_away_from_zero);
                    if (want != *pr) {
                        const char* which = nullptr;
                        for (std::size_t k = 0; k < alts.size(); ++k) {
                            const auto& alt = alts[k];
                            if (alt.rate && alt.rate->rescale(pr->scale(), rounding_mode::half_away_from_zero) == *pr) {
                                which = policy_en(all_rate_policies[k]);
                                break;
                            }
                        }
                        const dec_text pr_t(*pr), want_t(want);
                        emit(out, 
                            "P.exec.rate", !which ? severity::error : severity::warning,
                            loc_exec("执行率", p.execution_rate), want, *pr, "%",
                            cat("执行率印为", pr_t, "%，按", policy_zh(profile.rate), "应为", want_t, "%",
                                !which ? "，任何已知口径都不能得出。" : "（表格用的是另一口径）。"),
                            cat("the table prints the rate as ", pr_t, "%; ", dec_text(executed), " / ", dec_text(budget),
                                " under ", policy_en(profile.rate), " is ", want_t, "%",
                                !which ? "; no known policy gives the printed rate" : "; the printed rate is ",
                                which ? which : ""));
                    }
                }
                if (!printed) {
                    emit(out, "P.score.unreadable", severity::unchecked, loc_exec("得分", p.execution_score),
                                       ps.execution.score, {}, "分", "执行率得分不是数字，无法核对。",
                                       "the execution score \"" + p.execution_score.text + "\" is not a number");
                } else if (ps.execution.score && *ps.execution.score != *printed) {
                    std::string why_en;
                    std::string_view why_zh;
                    if (!ps.rate_reproduced_by.empty()) {
                        const auto pol = ps.rate_reproduced_by.front();
                        why_en = cat("; the table used ", policy_en(pol), " (", rate_policy_name(pol), ")");
                        why_zh = policy_zh(pol);  // "；表格采用了" + … + "的口径" below
                    } else {
                        // Another basis: 年初预算数 instead of 全年预算数.
                        const auto& ib = total->initial_budget.value;
                        if (ib && *ib > zero && !(*ib == budget)) {
                            for (const auto pol : all_rate_policies) {
                                const auto alt = score_execution(*ib, executed, *w, pol, profile.cap_rate, profile.zero_budget);
                                if (alt.score && *alt.score == *printed) {
                                    why_en = cat("; the table divided by 年初预算数 (", dec_text(*ib),
                                                 ") instead of 全年预算数, with ", policy_en(pol));
                                    break;
                                }
                            }
                        }
                    }
                    const bool explained = !why_en.empty();
                    const bool by_policy = !ps.rate_reproduced_by.empty();
                    const dec_text printed_t(*printed), score_t(*ps.execution.score);
                    emit(out, 
                        "P.exec.score", explained ? severity::warning : severity::error, loc_exec("得分", p.execution_score),
                        ps.execution.score, *printed, "分",
                        cat("执行率得分印为", printed_t, "，按", policy_zh(profile.rate), "应为", score_t,
                            !explained ? "，任何已知口径都不能得出"
                            : by_policy ? "；表格采用了"
                                        : "；表格以年初预算数而非全年预算数计算执行率",
                            by_policy ? why_zh : std::string_view(), by_policy ? "的口径" : "", "。"),
                        cat("execution score printed ", printed_t, ", recomputed ", score_t, " = ", dec_text(*w), " × ",
                            dec_text(executed), " / ", dec_text(budget), " under ", policy_en(profile.rate),
                            explained ? std::string_view(why_en) : "; no known policy reproduces the printed score"));
                }
            }
        } catch (const error& e) {
            emit(out, "P.exec.unreadable", severity::unchecked, loc_exec("执行率", p.execution_rate), {}, {}, "",
                               std::string("执行率无法计算：") + e.what(),
                               std::string("the execution rate cannot be computed: ") + e.what());
        }
    } else if (total) {
        emit(out, "P.exec.unreadable", severity::unchecked, loc_exec("执行率", p.execution_rate), {}, {}, "",
                           "全年预算数、全年执行数或执行率分值缺失或不是数字，无法计算执行率。",
                           "全年预算数, 全年执行数 or the execution 分值 is missing or not a number: the rate cannot be computed");
    }

    // ---- indicators ----
    decimal weight_sum = w ? *w : zero;
    bool weights_complete = w.has_value();
    std::optional<decimal> printed_sum = p.execution_score.value;
    std::optional<decimal> recomputed_sum = exec_score_used;
    if (keep) ps.indicators.reserve(p.indicators.size());
    const scoring_detail::indicator_policy policy = scoring_detail::indicator_policy::of(profile);
    std::string target_buffer, actual_buffer;  // the texts with full-width digits replaced, when they have any
    for (const auto& ind : p.indicators) {
        if (blank_indicator(ind)) {
            if (keep) {
                indicator_result res;
                res.method = indicator_method::qualitative;
                res.reason = "blank row (no name, target, actual, 分值 or 得分): not an indicator";
                ps.indicators.push_back(std::move(res));
            }
            continue;
        }
        const std::string& row = ind.level3.empty() ? ind.level2 : ind.level3;
        // Parsed once, as views: the score, the other readings and the findings below use these.
        // With a memo, from the table given (`p` may be a copy that ends with this call; its
        // texts are the same): an equal text parsed before in the review is not parsed again.
        const performance_indicator& src = table.indicators[static_cast<std::size_t>(&ind - p.indicators.data())];
        const auto parse = [&](const std::string& text, std::string& buffer) {
            return memo ? memo->parse(text, buffer) : scoring_detail::parse_indicator_view(text, buffer);
        };
        const value_view target = parse(src.target, target_buffer);
        // The actual only when something reads it: score_view looks at it only for a numeric
        // target (a prose, empty or unscorable target is decided by the target alone, and its
        // reason and messages do not name the parsed actual), the kept results always.
        const value_view actual = keep || target.kind == value_kind::number ? parse(src.actual, actual_buffer) : value_view{};
        const auto& iw = ind.weight.value;
        const auto& is = ind.score.value;
        if (iw) weight_sum = add(weight_sum, *iw);
        else weights_complete = false;
        if (printed_sum) printed_sum = is ? std::optional<decimal>(add(*printed_sum, *is)) : std::nullopt;
        if (!iw || !is) {
            emit(out, "P.score.unreadable", severity::unchecked,
                               project_location(p, row, !iw ? "分值" : "得分", !iw ? ind.weight.text : ind.score.text, ind.source),
                               {}, {}, "分", "指标“" + row + "”的分值或得分不是数字，无法核对。",
                               "indicator \"" + row + "\": 分值 \"" + ind.weight.text + "\" / 得分 \"" + ind.score.text +
                                   "\" is not a number");
            if (keep) {
                indicator_result res;
                res.target = target.to_value();
                res.actual = actual.to_value();
                res.reason = "分值 or 得分 not a number";
                ps.indicators.push_back(std::move(res));
            }
            recomputed_sum.reset();
            continue;
        }
        if (*is > *iw || is->mantissa() < 0) {
            emit(out, "P.score.exceeds_weight", severity::error,
                               project_location(p, row, "得分", ind.score.text, ind.score.source), *iw, *is, "分",
                               "指标“" + row + "”得分" + is->to_string() + "超出分值" + iw->to_string() + "。",
                               "indicator \"" + row + "\": 得分 " + is->to_string() + " is outside [0, 分值 " + iw->to_string() + "]");
        }
        scoring_detail::indicator_score res;
        bool failed = false;
        std::string failure;  // the error's message when scoring threw (then the reason)
        try {
            scoring_detail::check_weight(*iw);
            res = scoring_detail::score_view(target, actual, *iw, policy);
        } catch (const error& e) {
            res = scoring_detail::indicator_score{};
            res.method = indicator_method::unverifiable;
            failed = true;
            failure = e.what();
        }
        const auto reason_parts = [&](scoring_detail::text_parts& q) {
            if (failed) q << failure;
            else res.reason_parts(q, target, actual);
        };
        // The location of the findings below, made only for one that is emitted.
        const auto loc = [&] { return project_location(p, row, "得分", ind.score.text, ind.score.source); };
        if (res.score) {
            if (recomputed_sum) recomputed_sum = add(*recomputed_sum, *res.score);
            if (!same_at_two_places(*res.score, *is)) {
                // Try the other published formulas / readings.
                const char* which = nullptr;
                if (res.method == indicator_method::reverse) {
                    scoring_detail::indicator_policy alt = policy;
                    alt.reverse = policy.reverse == reverse_formula::linear ? reverse_formula::ratio : reverse_formula::linear;
                    const auto r2 = scoring_detail::score_view(target, actual, *iw, alt);
                    if (r2.score && *r2.score == *is)
                        which = alt.reverse == reverse_formula::ratio ? "the other 反向 formula (t / a × 分值)"
                                                                       : "the other 反向 formula ((1 − (a − t)/t) × 分值)";
                }
                if (!which && target.op == comparison::none) {
                    for (const auto bt : {bare_target_policy::at_least, bare_target_policy::equal}) {
                        if (bt == profile.bare_target) continue;
                        scoring_detail::indicator_policy alt = policy;
                        alt.bare_target = bt;
                        const auto r2 = scoring_detail::score_view(target, actual, *iw, alt);
                        if (r2.score && *r2.score == *is)
                            which = bt == bare_target_policy::equal ? "reading the bare target as =" : "reading the bare target as ≥";
                    }
                }
                const dec_text score_t(*res.score), is_t(*is), iw_t(*iw);
                const dec_text ach_t = res.achievement ? dec_text(*res.achievement) : dec_text();
                scoring_detail::text_parts en;
                en << "indicator \"" << row << "\": target \"" << ind.target << "\", actual \"" << ind.actual << "\" gives "
                   << score_t << " of " << iw_t;
                if (res.achievement) en << " (achievement " << ach_t << "%)";
                en << " (";
                reason_parts(en);
                en << "); the table prints " << is_t;
                if (which) en << "; reproduced by " << which;
                emit(out, "P.indicator.score", !which ? severity::error : severity::warning, loc(), res.score, *is, "分",
                                   cat("指标“", row, "”：指标值", ind.target, "，完成值", ind.actual, "，应得", score_t,
                                       "分，表中为", is_t, "分。"),
                                   en.str());
            }
            if (res.achievement && res.met && (res.method != indicator_method::reverse) &&
                *res.achievement >= profile.deviation_reason_above.value_or(decimal(130, 0))) {
                const bool needs = profile.deviation_reason_above.has_value() && ind.deviation.empty();
                emit(out, "P.indicator.over_achievement", needs ? severity::warning : severity::info, loc(),
                                   {}, res.achievement, "%",
                                   "指标“" + row + "”完成值为指标值的" + pct(*res.achievement) + "，超额完成不加分" +
                                       (needs ? "，须说明偏差原因。" : "。"),
                                   "indicator \"" + row + "\": actual is " + pct(*res.achievement) +
                                       " of the target; over-achievement earns nothing extra" +
                                       (needs ? " and needs a 偏差原因" : ""));
            }
            if (profile.deviation_reason_below && !res.met && ind.deviation.empty()) {
                emit(out, "P.indicator.deviation_reason", severity::warning, loc(), {}, {}, "",
                                   "指标“" + row + "”未达到指标值，未填写偏差原因。",
                                   "indicator \"" + row + "\": target missed and no 偏差原因 given");
            }
        } else {
            if (recomputed_sum) recomputed_sum = add(*recomputed_sum, *is);
            // Each message written once at its length: the score and 分值 formatted once for both texts.
            const bool banded = iw->mantissa() > 0 && is->mantissa() >= 0 && *is <= *iw;
            const tier t = banded ? tier_of(*is, *iw, profile.tiers) : tier::achieved;
            const dec_text is_text = banded ? dec_text(*is) : dec_text();
            const dec_text iw_text = banded ? dec_text(*iw) : dec_text();
            const bool qual = res.method == indicator_method::qualitative;
            scoring_detail::text_parts zh;
            zh << "指标“" << row << "”";
            if (qual) zh << "为定性指标，无法按公式核对";
            else zh << "（指标值“" << ind.target << "”，完成值“" << ind.actual << "”）无法按公式核对";
            if (banded) zh << "；得分" << is_text << "/" << iw_text << "处于“" << tier_zh(t) << "”档";
            zh << "。";
            scoring_detail::text_parts en;
            en << "indicator \"" << row << "\": ";
            reason_parts(en);
            if (banded) en << "; the score " << is_text << " of " << iw_text << " lies in the " << tier_band_en(t) << " band";
            emit(out, qual ? "P.indicator.qualitative" : "P.indicator.unverifiable", severity::unchecked, loc(), {}, *is, "分",
                               zh.str(), en.str());
        }
        if (keep) {
            indicator_result r;
            r.method = res.method;
            r.target = target.to_value();
            r.actual = actual.to_value();
            r.score = res.score;
            r.met = res.met;
            r.by_bound = res.by_bound;
            r.achievement = res.achievement;
            if (failed) r.reason = std::move(failure);
            else r.reason = res.reason_string(target, actual);
            ps.indicators.push_back(std::move(r));
        }
    }

    // ---- groups ----
    if (keep)
        for (const auto& ind : p.indicators) {
            if (blank_indicator(ind) || !ind.weight.value) continue;
            const bool is_cost = ind.level1.find("成本") != std::string::npos;
            const std::string_view g = is_cost && !profile.cost_first_level ? std::string_view("产出指标") : std::string_view(ind.level1);
            auto it = std::find_if(ps.groups.begin(), ps.groups.end(), [&](const group_total& x) { return x.name == g; });
            if (it == ps.groups.end()) {
                ps.groups.push_back({std::string(g), zero, zero});
                it = ps.groups.end() - 1;
            }
            it->weight = add(it->weight, *ind.weight.value);
            if (ind.score.value) it->published_score = add(it->published_score, *ind.score.value);
        }

    if (!profile.cost_first_level) {
        for (const auto& ind : p.indicators)
            if (ind.level1.find("成本") != std::string::npos) {
                emit(out, "P.group.cost", severity::info, project_location(p, ind.level1, "一级指标", ind.level1, ind.source),
                                   {}, {}, "", "表格将成本指标列为一级指标；本方案将其归入产出指标。",
                                   "the table prints 成本指标 as a first-level group; this profile counts it under 产出");
                break;
            }
    }

    // ---- weights and totals ----
    if (weights_complete && !(weight_sum == profile.total_weight)) {
        emit(out, "P.weights.sum", severity::error, project_location(p, "总分", "分值", p.total_weight.text, p.total_weight.source),
                           profile.total_weight, weight_sum, "分",
                           "执行率分值与各指标分值之和为" + weight_sum.to_string() + "，应为" + profile.total_weight.to_string() + "。",
                           "Σ 分值 (execution rate + indicators) = " + weight_sum.to_string() + ", should be " +
                               profile.total_weight.to_string());
    }
    if (p.total_weight.value && !(*p.total_weight.value == profile.total_weight)) {
        emit(out, "P.weights.total_row", severity::error, project_location(p, "总分", "分值", p.total_weight.text, p.total_weight.source),
                           profile.total_weight, *p.total_weight.value, "分", "总分行的分值不是" + profile.total_weight.to_string() + "。",
                           "the 总分 row's 分值 is " + p.total_weight.value->to_string() + ", not " + profile.total_weight.to_string());
    }
    ps.published_sum = printed_sum;
    ps.published_total = p.total_score.value;
    if (!p.total_score.value) {
        emit(out, "P.total.missing", severity::warning, project_location(p, "总分", "得分", p.total_score.text, p.source),
                           printed_sum, {}, "分",
                           "自评表没有可读的总分行（表格可能在此截断）" + (printed_sum ? "；各项得分之和为" + printed_sum->to_string() : std::string()) + "。",
                           "no readable 总分 row (the table may be cut off here)" +
                               (printed_sum ? "; the printed scores add up to " + printed_sum->to_string() : std::string()));
    } else if (printed_sum && !(*printed_sum == *p.total_score.value)) {
        emit(out, "P.total.sum", severity::error, project_location(p, "总分", "得分", p.total_score.text, p.total_score.source),
                           *printed_sum, *p.total_score.value, "分",
                           "总分" + p.total_score.value->to_string() + "不等于执行率得分与各指标得分之和" + printed_sum->to_string() + "。",
                           "总分 " + p.total_score.value->to_string() + " ≠ Σ printed 得分 " + printed_sum->to_string());
    }
    ps.recomputed_total = recomputed_sum;
    const auto published = ps.published_total ? ps.published_total : ps.published_sum;
    if (published) ps.published_grade = grade_of(*published, profile.grades);
    if (recomputed_sum) ps.recomputed_grade = grade_of(*recomputed_sum, profile.grades);
    if (published && recomputed_sum && !same_at_two_places(*published, *recomputed_sum)) {
        const bool grade_differs = ps.published_grade != ps.recomputed_grade;
        const dec_text rec_t(*recomputed_sum), pub_t(*published);
        emit(out, grade_differs ? "P.grade.differs" : "P.total.recomputed", grade_differs ? severity::warning : severity::info,
                           project_location(p, "总分", "得分", p.total_score.text, p.total_score.source), *recomputed_sum, *published, "分",
                           cat("按", profile.name, "方案重算总分为", rec_t, "（", grade_zh(*ps.recomputed_grade), "），表中为", pub_t,
                               "（", grade_zh(*ps.published_grade), "）。"),
                           cat("recomputed under profile ", profile.name, ": ", rec_t, " (", grade_zh(*ps.recomputed_grade),
                               "); published ", pub_t, " (", grade_zh(*ps.published_grade), ")",
                               grade_differs ? ": the grade changes" : ""));
    }
}

}  // namespace

scoring_detail::indicator_sum scoring_detail::sum_indicators(const project_evaluation& p, bool full_marks) {
    using scoring_detail::i128;
    scoring_detail::indicator_sum r;
    const auto scaled = [](i128& v, int k) {
        return k == 0 || !__builtin_mul_overflow(v, i128(detail::pow10_i64(k)), &v);
    };
    for (const auto& ind : p.indicators) {
        if (blank_indicator(ind)) continue;
        const auto& v = full_marks ? ind.weight.value : ind.score.value;
        if (!v) {
            r.missing = true;
            return r;
        }
        if (!r.fits) continue;
        if (v->scale() > r.scale) {
            r.fits = scaled(r.sum, v->scale() - r.scale) && scaled(r.magnitude, v->scale() - r.scale);
            r.scale = v->scale();
        }
        i128 m = v->mantissa();
        r.fits = r.fits && scaled(m, r.scale - v->scale()) && !__builtin_add_overflow(r.sum, m, &r.sum) &&
                 !__builtin_add_overflow(r.magnitude, m < 0 ? -m : m, &r.magnitude);
    }
    return r;
}

std::optional<decimal> scoring_detail::total_from_sum(const decimal& score, const indicator_sum& s) {
    using scoring_detail::i128;
    if (!s.fits) return std::nullopt;
    const int scale = std::max(score.scale(), s.scale);
    i128 m = score.mantissa(), sum = s.sum, mag = s.magnitude;
    const auto scaled = [](i128& v, int k) {
        return k == 0 || !__builtin_mul_overflow(v, i128(detail::pow10_i64(k)), &v);
    };
    if (!scaled(m, scale - score.scale()) || !scaled(sum, scale - s.scale) || !scaled(mag, scale - s.scale) ||
        __builtin_add_overflow(mag, m < 0 ? -m : m, &mag) || mag > std::numeric_limits<std::int64_t>::max())
        return std::nullopt;
    return decimal(static_cast<std::int64_t>(m + sum), scale);
}

project_score score_project(const project_evaluation& table, const scoring_profile& profile) {
    project_score ps;
    score_into(table, profile, ps, ps.findings, true, nullptr, nullptr);
    return ps;
}

namespace {

// ---- prose claims -----------------------------------------------------------------------------

}  // namespace

/// A claim's score: the narrative's text read again to keep the places printed ("100" vs
/// "99.99"), or the narrative's value when that text does not read. A plain text of at most 18
/// digits — an integer without leading zeros, or "digits.digits" whose integer part has no
/// leading zero and whose last digit is not 0 (decimal::parse drops trailing fraction zeros) —
/// is read here, to decimal::parse's value and places; anything else by decimal::parse.
std::optional<decimal> scoring_detail::claim_score(const project_claim& pc) {
    const std::string_view t = pc.score_text;
    if (t.empty()) return pc.score;
    std::int64_t m = 0;
    int digits = 0, places = 0;
    bool point = false, plain = t.front() != '0' || t.size() == 1 || t[1] == '.';
    for (std::size_t i = 0; plain && i < t.size(); ++i) {
        const char c = t[i];
        if (c == '.' && !point && i > 0 && i + 1 < t.size()) {
            point = true;
        } else if (c >= '0' && c <= '9' && ++digits <= 18) {
            m = m * 10 + (c - '0');
            places += point ? 1 : 0;
        } else {
            plain = false;
        }
    }
    if (plain && (!point || t.back() != '0')) return decimal(m, places);
    try {
        return decimal::parse(t);
    } catch (const error&) {
        return pc.score;  // keep the narrative's value
    }
}

bool scoring_detail::figure_needs_places(const figure& f) { return needs_places(f); }

namespace {

using scoring_detail::claim_score;

/// The table a claim names: the narrative's match, else the similarity matcher here (the
/// projects' keys built on first use).
std::optional<std::size_t> claim_project(const project_claim& pc, const performance_annex& annex,
                                         std::optional<name_keys>& keys) {
    if (pc.evaluation) return pc.evaluation;
    if (!keys) keys.emplace(annex.projects);
    return match_project(*keys, pc.project);
}

/// The projects the 自评报告 prose restates, as the narrative room extracts them (one parser
/// for the prose). The score keeps the places printed ("100" vs "99.99"); a name the
/// narrative matcher does not resolve is tried with the similarity matcher here.
std::vector<text_claim> find_claims(const std::vector<project_claim>& claims, const performance_annex& annex) {
    std::vector<text_claim> out;
    out.reserve(claims.size());
    std::optional<name_keys> keys;  // only when a name needs matching here
    for (const auto& pc : claims) {
        text_claim c;
        c.name = pc.project;
        c.project = claim_project(pc, annex, keys);
        c.spending = pc.spending;
        c.score = claim_score(pc);
        c.text = pc.sentence;
        c.source = pc.source;
        out.push_back(std::move(c));
    }
    return out;
}

/// What check_claims reads of a claim, as views (into a text_claim, or straight into the
/// narrative's project_claim when the review keeps only its findings: no copies).
struct claim_view {
    std::string_view name;
    std::optional<std::size_t> project;
    std::optional<decimal> score;
    std::string_view text;
    const source_location* source;
};

std::vector<claim_view> views_of(const std::vector<text_claim>& claims) {
    std::vector<claim_view> out;
    out.reserve(claims.size());
    for (const auto& c : claims) out.push_back({c.name, c.project, c.score, c.text, &c.source});
    return out;
}

/// find_claims as views into `claims` (the same project and score).
std::vector<claim_view> claim_views(const std::vector<project_claim>& claims, const performance_annex& annex) {
    std::vector<claim_view> out;
    out.reserve(claims.size());
    std::optional<name_keys> keys;
    for (const auto& pc : claims)
        out.push_back({pc.project, claim_project(pc, annex, keys), claim_score(pc), pc.sentence, &pc.source});
    return out;
}

/// What a total would be under a rate policy with the table's indicator scores (printed) or
/// with full indicator marks.
/// `known`: the table's execution scores as score_project computed them (all_rate_policies
/// order, the same figures and arguments), used instead of computing them again.
std::optional<decimal> total_under(const project_evaluation& p, std::size_t policy_index, bool full_marks,
                                   const scoring_profile& profile, const execution_scores& known,
                                   const scoring_detail::indicator_sum* sum = nullptr) {
    const funding_row* t = funding_of(p, funding_kind::total);
    if (!t || !t->full_year_budget.value || !t->executed.value || !p.execution_weight.value) return std::nullopt;
    std::optional<decimal> score;
    if (known.known) {
        score = known.score[policy_index];
    } else {
        try {
            score = score_execution(*t->full_year_budget.value, *t->executed.value, *p.execution_weight.value,
                                    all_rate_policies[policy_index], profile.cap_rate, profile.zero_budget)
                        .score;
        } catch (const error&) {
            return std::nullopt;
        }
    }
    if (!score) return std::nullopt;
    // The indicators' sum computed once for the policies (sum_indicators), when it is certain;
    // else (a value missing, or near the 64-bit limits) the loop, for its answer or its error.
    if (sum && !sum->missing)
        if (const auto t = scoring_detail::total_from_sum(*score, *sum)) return t;
    decimal sum_ = *score;
    for (const auto& ind : p.indicators) {
        if (blank_indicator(ind)) continue;
        const auto& v = full_marks ? ind.weight.value : ind.score.value;
        if (!v) return std::nullopt;
        sum_ = add(sum_, *v);
    }
    return sum_;
}

void check_claims(const performance_annex& annex, const performance_review& rv, const std::vector<claim_view>& claims,
                  const scoring_profile& profile, const std::vector<execution_scores>& scores, std::vector<finding>& out) {
    for (const auto& c : claims) {
        // The prose's place, made only for a finding that is emitted.
        const auto prose_loc = [&](std::string_view project) {
            return place{"整体支出绩效自评报告"sv, project, {}, {}, c.text, c.source};
        };
        if (!c.project) {
            emit(out, "P.text.unmatched", severity::warning, prose_loc(c.name), {}, c.score, "分",
                 cat("自评报告中的项目“", c.name, "”找不到对应的项目支出绩效自评表。"),
                 cat("the report text names project \"", c.name, "\" but no 自评表 matches it"));
            continue;
        }
        const project_evaluation& p = annex.projects[*c.project];
        const project_score& ps = rv.projects[*c.project];
        // 项目支出 in the prose vs 全年执行数 is the narrative room's N.annex.project (no duplicate here).
        if (!c.score) continue;
        const auto published = ps.published_total ? ps.published_total : ps.published_sum;
        if (!published) continue;
        const decimal claim = *c.score;
        if (claim == *published) continue;
        // Try the known policies: rate policy × (printed indicator scores | full marks).
        std::optional<rate_policy> used;  // the text's policy, when one explains the claim
        bool full_marks = false;
        std::string below_en, below_zh;  // with full marks: the indicators the table scores lower
        for (const bool full : {false, true}) {
            const auto sum = scoring_detail::sum_indicators(p, full);  // the same for the three policies
            for (std::size_t k = 0; k < all_rate_policies.size(); ++k) {
                const auto t = total_under(p, k, full, profile, scores[*c.project], &sum);
                if (!t || *t != claim) continue;
                used = all_rate_policies[k];
                full_marks = full;
                if (full)
                    for (const auto& ind : p.indicators)
                        if (ind.weight.value && ind.score.value && *ind.score.value < *ind.weight.value) {
                            const std::string& name = ind.level3.empty() ? ind.level2 : ind.level3;
                            const dec_text score_t(*ind.score.value), weight_t(*ind.weight.value);
                            scoring_detail::append_pieces(below_en, below_en.empty() ? "" : ", ", name, " ", score_t, " of ", weight_t);
                            scoring_detail::append_pieces(below_zh, below_zh.empty() ? "" : "、", name, "得", score_t, "分（分值",
                                                          weight_t, "）");
                        }
                break;
            }
            if (used) break;
        }
        const severity sev = used && !full_marks ? severity::warning : severity::error;
        const dec_text claim_t(claim), published_t(*published);
        const bool by_table = !ps.rate_reproduced_by.empty();
        scoring_detail::text_parts zh, en;
        zh << "自评报告称绩效自评得分" << claim_t << "分，自评表总分为" << published_t << "分";
        en << "the report text gives the self-evaluation score " << claim_t << ", the 自评表 "
           << (ps.published_total ? "总分" : "Σ 得分 (no 总分 row)") << " is " << published_t;
        if (!used) {
            zh << "；任何已知口径都不能解释";
            en << "; no known policy explains the difference";
        } else if (!full_marks) {
            zh << "；可以解释：报告文字采用" << policy_zh(*used) << "，表格采用"
               << (by_table ? policy_zh(ps.rate_reproduced_by.front()) : "其他口径");
            en << "; explained: the text used " << policy_en(*used) << ", the table "
               << (by_table ? policy_en(ps.rate_reproduced_by.front()) : "another rate policy");
        } else {
            zh << "；仅凭执行率口径无法解释：" << claim_t << "相当于" << policy_zh(*used) << "加全部指标满分，而表中"
               << (below_zh.empty() ? std::string_view("指标得分较低") : std::string_view(below_zh));
            en << "; not explained by the rate policy alone: " << claim_t << " = " << policy_en(*used)
               << " plus FULL indicator marks, while the table scores "
               << (below_en.empty() ? std::string_view("less") : std::string_view(below_en));
        }
        zh << "。";
        const place table_loc = project_location(p, "总分", "得分", p.total_score.text, p.total_score.source);
        emit(out, "P.text.score", sev, prose_loc(p.project), *published, claim, "分", zh.str(), en.str(), &table_loc);
    }
}

// ---- 基础数据表 --------------------------------------------------------------------------------

using scoring_detail::contains;

struct basic_columns {
    std::optional<std::size_t> last_actual, budget, actual;  // indices into row.cells
};

place basic_location(const basic_data_row& row, std::string_view column, const figure* f) {
    return {"部门整体支出绩效评价基础数据表"sv, {}, row.label, column, f ? std::string_view(f->text) : std::string_view(),
            f ? &f->source : &row.source};
}

const figure* cell_at(const basic_data_row& row, std::optional<std::size_t> i) {
    if (!i || *i >= row.cells.size()) return nullptr;
    return &row.cells[*i];
}

/// A cell as a number; an empty cell is 0 (the table leaves zero lines blank).
std::optional<decimal> value_or_blank(const figure* f) {
    if (!f || f->text.empty()) return decimal{};
    return f->value;
}

void check_basic(const performance_annex& annex, performance_review& rv, const scoring_profile& profile, std::vector<finding>& out) {
    if (!annex.basic_data) return;
    const auto& rows = annex.basic_data->rows;
    basic_columns cols;
    const std::array<const char*, 3> col_names{"上年决算数", "本年预算数", "本年决算数"};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        // 在职人员控制率: a header row with 编制数 / 在职 / 控制率, values on the next row.
        for (std::size_t k = 0; k < row.cells.size(); ++k) {
            if (!contains(row.cells[k].text, "编制数") || i + 1 >= rows.size()) continue;
            std::optional<std::size_t> staff, rate;
            for (std::size_t m = 0; m < row.cells.size(); ++m) {
                if (contains(row.cells[m].text, "在职")) staff = m;
                if (contains(row.cells[m].text, "控制率")) rate = m;
            }
            const auto& vals = rows[i + 1];
            const figure* fe = cell_at(vals, k);
            const figure* fs = cell_at(vals, staff);
            const figure* fr = cell_at(vals, rate);
            if (!fe || !fs || !fe->value || !fs->value) {
                emit(out, "P.basic.unreadable", severity::unchecked, basic_location(row, "编制数", fe), {}, {}, "",
                                   "基础数据表的编制数或在职人数不可读。", "基础数据表: 编制数 or 在职人数 is not readable");
                break;
            }
            if (*fe->value == zero) {
                emit(out, "P.basic.staff_control", severity::unchecked, basic_location(vals, "控制率", fr), {}, {}, "%",
                                   "编制数为0，在职人员控制率无定义。", "编制数 is 0: 在职人员控制率 is undefined");
                break;
            }
            const frac rate_f = frac::of(*fs->value) / frac::of(*fe->value) * frac::integer(100);
            rv.overall.staff_control_rate = rate_f.round(2);
            if (fr && fr->value) {
                rv.overall.staff_control_printed = fr->value;
                const decimal want = rate_f.round(fr->value->scale());
                if (!(want == *fr->value)) {
                    const dec_text printed_t(*fr->value), want_t(want);
                    emit(out, "P.basic.staff_control", severity::error, basic_location(vals, "控制率", fr), want, *fr->value, "%",
                         cat("在职人员控制率印为", printed_t, "%，在职人数/编制数 = ", want_t, "%。"),
                         cat("在职人员控制率 printed ", printed_t, "%, 在职人数 / 编制数 = ", dec_text(*fs->value), " / ",
                             dec_text(*fe->value), " = ", want_t, "%"));
                }
            }
            if (rate_f > frac::integer(100)) {
                const decimal rate = rate_f.round(2);
                const dec_text staff_t(*fs->value), posts_t(*fe->value), rate_t(rate);
                emit(out, "P.basic.staff_over", severity::warning, basic_location(vals, "控制率", fr), decimal(100, 0), rate, "%",
                     cat("在职人数", staff_t, "超过编制数", posts_t, "，在职人员控制率", rate_t, "%。"),
                     cat("在职人数 ", staff_t, " exceeds 编制数 ", posts_t, ": 在职人员控制率 = ", rate_t,
                         "% (财预〔2013〕53号: 在职人员数 / 编制数)"));
            }
            break;
        }
        // The money header: 决算数 / 预算数 columns.
        int found = 0;
        basic_columns c;
        for (std::size_t k = 0; k < row.cells.size(); ++k) {
            const std::string& t = row.cells[k].text;
            if (contains(t, "预算数")) { c.budget = k; ++found; }
            else if (contains(t, "决算数")) {
                if (!c.last_actual) c.last_actual = k;
                else c.actual = k;
                ++found;
            }
        }
        if (found == 3 && c.last_actual && c.budget && c.actual) cols = c;
    }
    if (!cols.actual) return;
    // The rows' labels without spaces, once: all in one buffer, a view of each.
    std::string squeezed;
    {
        std::size_t n = 0;
        for (const auto& row : rows) n += row.label.size();
        squeezed.reserve(n);
    }
    std::vector<std::size_t> ends;
    ends.reserve(rows.size());
    for (const auto& row : rows) {
        // The pieces between spaces, appended whole (a label without spaces at once).
        const std::string& l = row.label;
        if (!std::memchr(l.data(), ' ', l.size()) && !std::memchr(l.data(), '\t', l.size())) {
            squeezed.append(l);
            ends.push_back(squeezed.size());
            continue;
        }
        std::size_t from = 0;
        for (std::size_t i = 0; i < l.size(); ++i)
            if (l[i] == ' ' || l[i] == '\t') {
                squeezed.append(l, from, i - from);
                from = i + 1;
            }
        squeezed.append(l, from, l.size() - from);
        ends.push_back(squeezed.size());
    }
    std::vector<std::string_view> labels;
    labels.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t from = i == 0 ? 0 : ends[i - 1];
        labels.emplace_back(squeezed.data() + from, ends[i] - from);
    }
    auto find_row = [&](std::string_view key) -> const basic_data_row* {
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (contains(labels[i], key)) return &rows[i];
        return nullptr;
    };
    const std::array<std::optional<std::size_t>, 3> col_idx{cols.last_actual, cols.budget, cols.actual};

    // 三公经费 = 公务用车 + 出国 + 公务接待; 公务用车 = 购置 + 运行维护.
    auto sum_check = [&](const basic_data_row* total, std::span<const basic_data_row* const> parts, const char* rule,
                         std::string_view what) {
        if (!total) return;
        for (std::size_t k = 0; k < 3; ++k) {
            const figure* tf = cell_at(*total, col_idx[k]);
            const auto tv = value_or_blank(tf);
            if (!tv) continue;
            // The parts' sum at the largest scale: from the mantissas in 128 bits (exact), or on
            // fractions when a step does not fit (the same value, or the same overflow error).
            bool ok = true;
            int places = tv->scale();
            for (const auto* pr : parts) {
                if (!pr) continue;
                const auto v = value_or_blank(cell_at(*pr, col_idx[k]));
                if (!v) { ok = false; break; }
                places = std::max(places, v->scale());
            }
            if (!ok) continue;
            scoring_detail::i128 acc = 0;
            bool fits = true;
            for (const auto* pr : parts) {
                if (!pr) continue;
                const auto v = value_or_blank(cell_at(*pr, col_idx[k]));
                scoring_detail::i128 m = 0;
                fits = fits && !__builtin_mul_overflow(scoring_detail::i128(v->mantissa()), detail::pow10_i64(places - v->scale()), &m) &&
                       !__builtin_add_overflow(acc, m, &acc);
            }
            decimal want;
            if (fits && scoring_detail::fits64(acc)) {
                want = decimal(static_cast<std::int64_t>(acc), places);
            } else {
                frac s;
                for (const auto* pr : parts)
                    if (pr) s = s + frac::of(*value_or_blank(cell_at(*pr, col_idx[k])));
                want = s.round(places);
            }
            if (want == *tv) continue;
            // The parts as summed above, written only for the finding.
            std::string expr;
            for (const auto* pr : parts) {
                if (!pr) continue;
                append_pieces(expr, expr.empty() ? "" : " + ", dec_text(*value_or_blank(cell_at(*pr, col_idx[k]))));
            }
            const dec_text tv_t(*tv), want_t(want);
            const std::string_view column = col_names[k];
            emit(out, rule, severity::error, basic_location(*total, column, tf), want, *tv, "万元",
                 cat("基础数据表", what, column, "印为", tv_t, "，各项之和为", want_t, "。"),
                 cat("基础数据表 ", what, " ", column, " printed ", tv_t, ", the parts add up to ", expr, " = ", want_t));
        }
    };
    const basic_data_row* three = find_row("三公经费");
    const basic_data_row* vehicle = find_row("公务用车");
    {
        const std::array<const basic_data_row*, 3> three_parts{vehicle, find_row("出国"), find_row("公务接待")};
        sum_check(three, three_parts, "P.basic.three_public_sum", "三公经费");
        const std::array<const basic_data_row*, 2> vehicle_parts{find_row("公车购置"), find_row("公车运行")};
        sum_check(vehicle, vehicle_parts, "P.basic.vehicle_sum", "公务用车购置和维护经费");
    }

    if (three) {
        const auto last = value_or_blank(cell_at(*three, cols.last_actual));
        const auto bud = value_or_blank(cell_at(*three, cols.budget));
        const auto act = value_or_blank(cell_at(*three, cols.actual));
        if (last && act && *last > zero) {
            const decimal ch = ((frac::of(*act) - frac::of(*last)) / frac::of(*last) * frac::integer(100)).round(2);
            rv.overall.three_public_change_rate = ch;
            const dec_text ch_t(ch), last_t(*last);
            emit(out, "P.basic.three_public_change", severity::info, basic_location(*three, "本年决算数", cell_at(*three, cols.actual)),
                 {}, ch, "%", cat("三公经费变动率 = (本年决算数 − 上年决算数) / 上年决算数 = ", ch_t, "%。"),
                 cat("三公经费变动率 = (", dec_text(*act), " − ", last_t, ") / ", last_t, " = ", ch_t, "%"));
        }
        if (bud && act && *bud > zero) {
            const decimal ctl = (frac::of(*act) / frac::of(*bud) * frac::integer(100)).round(2);
            rv.overall.three_public_control_rate = ctl;
            const dec_text ctl_t(ctl);
            emit(out, "P.basic.three_public_control", ctl > decimal(100, 0) ? severity::warning : severity::info,
                 basic_location(*three, "本年决算数", cell_at(*three, cols.actual)), {}, ctl, "%",
                 cat("三公经费控制率 = 本年决算数 / 本年预算数 = ", ctl_t, "%。"),
                 cat("三公经费控制率 = ", dec_text(*act), " / ", dec_text(*bud), " = ", ctl_t, "%"));
        }
    }

    // 项目支出 = Σ 专项 rows; each 专项 row against its 自评表.
    const basic_data_row* projects_total = nullptr;
    std::vector<const basic_data_row*> project_rows;
    {
        bool in_list = false;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& row = rows[i];
            const std::string_view lab = labels[i];
            if (starts_with(lab, "项目支出")) { projects_total = &row; continue; }
            if (contains(lab, "本级专项")) { in_list = true; continue; }
            if (in_list && (contains(lab, "公用经费") || contains(lab, "政府采购") || contains(lab, "楼堂馆所"))) in_list = false;
            if (in_list && !lab.empty()) project_rows.push_back(&row);
        }
    }
    if (projects_total && !project_rows.empty())
        sum_check(projects_total, project_rows, "P.basic.project_sum", "项目支出");
    std::optional<name_keys> keys;  // the projects' name keys, once
    for (const auto* row : project_rows) {
        const figure* fb = cell_at(*row, cols.budget);
        const figure* fa = cell_at(*row, cols.actual);
        const bool has_current = (fb && fb->value) || (fa && fa->value);
        if (!has_current) continue;
        if (!keys) keys.emplace(annex.projects);
        const auto at = match_project(*keys, row->label);
        if (!at) {
            if (!annex.projects.empty())
                emit(out, "P.basic.unmatched", severity::warning, basic_location(*row, "", nullptr), {}, {}, "万元",
                                   "基础数据表的项目“" + row->label + "”有本年数字，但找不到对应的项目支出绩效自评表。",
                                   "基础数据表 project \"" + row->label + "\" has current-year figures but no 自评表 matches it");
            continue;
        }
        const project_evaluation& p = annex.projects[*at];
        const funding_row* t = funding_of(p, funding_kind::total);
        if (!t) continue;
        const std::array<std::pair<const figure*, const figure*>, 2> pairs{{{fb, &t->full_year_budget}, {fa, &t->executed}}};
        const std::array<const char*, 2> names{"全年预算数", "全年执行数"};
        for (std::size_t k = 0; k < 2; ++k) {
            const figure* bf = pairs[k].first;
            const figure* tf = pairs[k].second;
            if (!bf || !bf->value || !tf->value || *bf->value == *tf->value) continue;
            const place basic_loc = basic_location(*row, k == 0 ? "本年预算数" : "本年决算数", bf);
            const dec_text table_t(*tf->value), basic_t(*bf->value);
            const std::string_view name = names[k];
            emit(out, "P.basic.project", severity::error, project_location(p, t->label, names[k], tf->text, tf->source),
                 *bf->value, *tf->value, "万元",
                 cat("自评表", name, "为", table_t, "万元，基础数据表为", basic_t, "万元：同一数字印成两个值，不是尾数误差。"),
                 cat("the 自评表's ", name, " is ", table_t, " 万元, the 基础数据表 says ", basic_t,
                     " 万元: one figure printed two ways, not a tail difference"),
                 &basic_loc);
        }
    }
    (void)profile;
}

}  // namespace

namespace {

/// The review; `claims`: the project claims of the 自评报告 prose, or nullptr to extract them here.
/// `keep_project_findings`: false when only `findings` is wanted (the projects' findings are then
/// moved there instead of copied, and their lists left empty).
performance_review review(const report& r, const scoring_profile& profile, const std::vector<project_claim>* claims,
                          bool keep_project_findings) {
    performance_review rv;
    rv.profile = profile.name;
    // Content never makes this throw: a part that fails (e.g. a figure too large for exact
    // 64-bit storage) becomes one unchecked finding and the rest is still checked.
    auto unreadable = [&](const std::string& what, const std::string& project, const char* why) {
        finding f;
        f.rule = "P.unreadable";
        f.severity = severity::unchecked;
        finding_location l;
        l.section = what;
        l.project = project;
        f.locations.push_back(std::move(l));
        f.message_zh = what + "无法核对：" + why;
        f.message_en = what + " cannot be checked: " + why;
        rv.findings.push_back(std::move(f));
    };
    rv.projects.reserve(r.annex.projects.size());
    {
        // Room for about one finding per indicator and a few per table: no regrowth (each moves
        // every finding) on an ordinary report.
        std::size_t expected = 16;
        for (const auto& p : r.annex.projects) expected += p.indicators.size() + 8;
        rv.findings.reserve(expected);
    }
    // The execution scores each table gave under the three policies, for the claims' totals.
    std::vector<execution_scores> scores(r.annex.projects.size());
    // The indicator texts parsed once per review (the tables repeat "100%", "≥90%", …).
    std::size_t texts = 0;
    for (const auto& p : r.annex.projects) texts += 2 * p.indicators.size();
    scoring_detail::parse_memo memo(texts);
    for (std::size_t i = 0; i < r.annex.projects.size(); ++i) {
        const project_evaluation& p = r.annex.projects[i];
        project_score& ps = rv.projects.emplace_back();
        // Only the findings wanted: the table's are written straight into them (dropped again
        // when the table cannot be checked).
        std::vector<finding>& out = keep_project_findings ? ps.findings : rv.findings;
        const std::size_t mark = out.size();
        try {
            score_into(p, profile, ps, out, keep_project_findings, &scores[i], &memo);
        } catch (const error& e) {
            out.erase(out.begin() + static_cast<std::ptrdiff_t>(mark), out.end());
            ps = project_score{};
            ps.project = p.project;
            ps.source = p.source;
            scores[i].known = false;  // (whether its places were restored was found first)
            unreadable("项目支出绩效自评表", p.project, e.what());
        }
        if (keep_project_findings) rv.findings.insert(rv.findings.end(), ps.findings.begin(), ps.findings.end());
    }
    // The annex with the printed places (needs_places(r.annex), the tables' part already known).
    std::optional<performance_annex> restored;
    bool restore = std::any_of(scores.begin(), scores.end(), [](const execution_scores& x) { return x.restored; });
    if (!restore && r.annex.basic_data)
        for (const auto& row : r.annex.basic_data->rows)
            for (const auto& c : row.cells) restore = restore || needs_places(c);
    if (restore) restored.emplace(with_printed_places(performance_annex(r.annex)));
    const performance_annex& annex = restored ? *restored : r.annex;
    try {
        std::vector<project_claim> extracted;
        if (!claims) {
            extracted = extract_project_claims(r);
            claims = &extracted;
        }
        // The full review keeps the claims; the findings-only one reads them as views.
        if (keep_project_findings) {
            rv.claims = find_claims(*claims, annex);
            check_claims(annex, rv, views_of(rv.claims), profile, scores, rv.findings);
        } else {
            check_claims(annex, rv, claim_views(*claims, annex), profile, scores, rv.findings);
        }
    } catch (const error& e) {
        unreadable("整体支出绩效自评报告", "", e.what());
    }
    try {
        check_basic(annex, rv, profile, rv.findings);
    } catch (const error& e) {
        unreadable("部门整体支出绩效评价基础数据表", "", e.what());
    }
    return rv;
}

}  // namespace

performance_review review_performance(const report& r, const scoring_profile& profile) {
    return review(r, profile, nullptr, true);
}

performance_review scoring_detail::review_performance(const report& r, const scoring_profile& profile,
                                                      const std::vector<project_claim>& claims) {
    return review(r, profile, &claims, false);
}

std::vector<finding> check_performance(const report& r, const scoring_profile& profile) {
    return review(r, profile, nullptr, false).findings;
}

}  // namespace caizheng
