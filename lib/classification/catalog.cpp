// Catalog lookups, structure, paths, names, comparison, correspondence, roll-up checks.
#include "build.hpp"

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <algorithm>
#include <set>

namespace caizheng::classification {

using detail::catalog_tables;
using detail::entry;

namespace {

constexpr std::uint32_t pow10_u32(std::size_t n) noexcept {
    std::uint32_t v = 1;
    for (std::size_t i = 0; i < n; ++i) v *= 10;
    return v;
}

std::string_view entry_name(const catalog_tables& t, const entry& e) noexcept {
    return t.pool.substr(e.name_offset, e.name_length);
}

item make_item(const catalog_tables& t, std::size_t i) noexcept {
    const entry& e = t.entries[i];
    char buf[8];
    return item(detail::code_of(e, buf), entry_name(t, e), static_cast<level>(e.level));
}

level require_level(std::string_view code, tree t) {
    const auto l = level_of(code, t);
    if (!l)
        throw parse_error("\"" + std::string(code) + "\" is not a " + tree_name(t) +
                              " code (3, 5" + (deepest_level(t) == level::xiang ? " or 7" : "") +
                              " ASCII digits)",
                          0);
    return *l;
}

std::string describe(const catalog_tables& t) {
    return std::string(tree_name(t.kind)) + " " + std::to_string(t.year);
}

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::string_view zhichu = "支出";

std::string_view strip_zhichu(std::string_view s) noexcept {
    return ends_with(s, zhichu) && s.size() > zhichu.size() ? s.substr(0, s.size() - zhichu.size()) : s;
}

std::string level_marker(level l) { return std::string("（") + level_label(l) + "）"; }

/// A narrative path split into names per level, normalized; nullopt when it is not a path.
std::optional<std::vector<std::string>> split_path(std::string_view text) {
    std::string s = normalize_name(text);
    std::string_view v = s;
    // Leading enumeration: "1、", "1.", "（一）", "一、".
    {
        std::size_t i = 0;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
        if (i > 0) {
            std::string_view rest = v.substr(i);
            for (std::string_view sep : {"、", ".", "．"})
                if (rest.starts_with(sep)) {
                    v = rest.substr(sep.size());
                    break;
                }
        } else {
            for (std::string_view num : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"})
                if (v.starts_with(num) && v.substr(num.size()).starts_with("、")) {
                    v = v.substr(num.size() + std::string_view("、").size());
                    break;
                }
            if (v.starts_with("（")) {
                const auto close = v.find("）");
                const auto inner = close == std::string_view::npos ? std::string_view{}
                                                                    : v.substr(3, close - 3);
                if (!inner.empty() && inner != "类" && inner != "款" && inner != "项" && inner.size() <= 9)
                    v = v.substr(close + std::string_view("）").size());
            }
        }
    }
    // Trailing punctuation.
    for (bool again = true; again;) {
        again = false;
        for (std::string_view p : {"。", "；", "，", ";", ",", ".", "："})
            if (ends_with(v, p)) {
                v.remove_suffix(p.size());
                again = true;
            }
    }
    std::vector<std::string> out;
    for (level l : {level::lei, level::kuan, level::xiang}) {
        if (v.empty()) break;
        const std::string marker = level_marker(l);
        const auto pos = v.find(marker);
        if (pos == std::string_view::npos || pos == 0) return std::nullopt;
        out.emplace_back(v.substr(0, pos));
        v = v.substr(pos + marker.size());
    }
    if (!v.empty() || out.empty()) return std::nullopt;
    return out;
}

bool segment_matches(level l, std::string_view text_name, std::string_view catalog_name) {
    const std::string c = normalize_name(catalog_name);
    if (l == level::lei) return strip_zhichu(text_name) == strip_zhichu(c);
    return text_name == c;
}

}  // namespace

namespace detail {

std::string_view code_of(const entry& e, char (&buf)[8]) noexcept {
    std::uint32_t padded = e.key / 4;
    for (int i = 6; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + padded % 10);
        padded /= 10;
    }
    buf[7] = '\0';
    return std::string_view(buf, code_length(static_cast<level>(e.level)));
}

std::ptrdiff_t find_index(const catalog_tables& t, std::string_view code) noexcept {
    return find_key(t, key_of_digits(code));
}

void validate_roll_up(std::span<const std::string_view> codes, tree t) {
    std::set<std::string_view> seen;
    for (auto c : codes) {
        require_level(c, t);
        if (!seen.insert(c).second)
            throw error(errc::inconsistent, "roll-up: code " + std::string(c) + " given twice");
    }
    for (auto c : codes)
        for (auto p = parent_code(c, t); !p.empty(); p = parent_code(p, t))
            if (seen.count(p))
                throw error(errc::inconsistent, "roll-up: code " + std::string(c) +
                                                    " given together with its ancestor " +
                                                    std::string(p) + " (would count twice)");
}

}  // namespace detail

// ---- free functions -------------------------------------------------------------------------

std::string_view parent_code(std::string_view code, tree t) {
    const level l = require_level(code, t);
    return l == level::lei ? std::string_view{} : code.substr(0, code.size() - 2);
}

std::string_view ancestor_code(std::string_view code, level at, tree t) {
    const level l = require_level(code, t);
    if (static_cast<int>(at) > static_cast<int>(l) || static_cast<int>(at) < 1)
        throw error(errc::invalid_argument, "no " + std::string(level_label(at)) + " above " +
                                                std::string(code));
    return code.substr(0, code_length(at));
}

const char* level_label(level l) noexcept {
    switch (l) {
        case level::lei: return "类";
        case level::kuan: return "款";
        case level::xiang: return "项";
    }
    return "?";
}

const char* tree_name(tree t) noexcept { return boost::describe::enum_to_string(t, "unknown"); }

tree tree_from_name(std::string_view name) {
    tree t{};
    if (!boost::describe::enum_from_string(std::string(name).c_str(), t))
        throw error(errc::invalid_argument, "unknown classification tree \"" + std::string(name) + "\"");
    return t;
}

std::string normalize_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        const char c = name[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            ++i;
        } else if (name.substr(i).starts_with("\u3000")) {  // ideographic space
            i += 3;
        } else if (c == '(') {
            out += "（";
            ++i;
        } else if (c == ')') {
            out += "）";
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// ---- catalog --------------------------------------------------------------------------------

catalog catalog::embedded(tree t, int year) {
    for (const auto& c : detail::embedded_catalogs)
        if (c.kind == t && c.year == year) return catalog(&c, nullptr);
    throw error(errc::not_found, std::string("no embedded ") + tree_name(t) + " catalog for " +
                                     std::to_string(year) + " (load the official file with load_csv_file)");
}

std::vector<int> catalog::embedded_years(tree t) {
    std::vector<int> years;
    for (const auto& c : detail::embedded_catalogs)
        if (c.kind == t) years.push_back(c.year);
    std::sort(years.begin(), years.end());
    return years;
}

tree catalog::kind() const noexcept { return t_->kind; }
int catalog::year() const noexcept { return t_->year; }
bool catalog::is_complete() const noexcept { return t_->complete; }
bool catalog::is_embedded() const noexcept { return t_->embedded; }
std::size_t catalog::size() const noexcept { return t_->entries.size(); }
level_counts catalog::counts() const noexcept { return t_->counts; }
std::size_t catalog::memory_bytes() const noexcept {
    return sizeof(catalog_tables) + t_->entries.size_bytes() + t_->pool.size() + t_->name_order.size_bytes() +
           t_->slots.size_bytes() + t_->name_slots.size_bytes();
}

namespace {
/// Entry index of a code in t, -1 when unknown, -2 when malformed.
inline std::ptrdiff_t lookup(const catalog_tables& t, std::string_view code) noexcept {
    const std::uint32_t key = detail::parse_key(code, static_cast<int>(deepest_level(t.kind)));
    return key == 0 ? -2 : detail::find_key(t, key);
}
}  // namespace

code_status catalog::status(std::string_view code) const noexcept {
    const auto i = lookup(*t_, code);
    return i >= 0 ? code_status::known : i == -1 ? code_status::unknown : code_status::malformed;
}

std::optional<item> catalog::find(std::string_view code) const noexcept {
    const auto i = lookup(*t_, code);
    if (i < 0) return std::nullopt;
    const entry& e = t_->entries[static_cast<std::size_t>(i)];
    return item(code, entry_name(*t_, e), static_cast<level>(e.level));
}

std::optional<std::string_view> catalog::name(std::string_view code) const noexcept {
    const auto i = lookup(*t_, code);
    if (i < 0) return std::nullopt;
    return entry_name(*t_, t_->entries[static_cast<std::size_t>(i)]);
}

item catalog::at(std::size_t index) const {
    if (index >= t_->entries.size())
        throw error(errc::invalid_argument, "index " + std::to_string(index) + " out of range (size " +
                                                std::to_string(t_->entries.size()) + ")");
    return make_item(*t_, index);
}

std::optional<item> catalog::parent(std::string_view code) const {
    const auto p = parent_code(code, t_->kind);
    if (p.empty()) return std::nullopt;
    return find(p);
}

std::pair<std::size_t, std::size_t> catalog::subtree_range(std::string_view code) const {
    const level l = require_level(code, t_->kind);
    const std::uint32_t lo = detail::key_of_digits(code);
    std::uint32_t prefix = 0;
    for (char c : code) prefix = prefix * 10 + static_cast<std::uint32_t>(c - '0');
    const std::uint32_t hi = (prefix + 1) * pow10_u32(7 - code_length(l)) * 4;
    const auto by_key = [](const entry& e, std::uint32_t k) { return e.key < k; };
    const auto b = std::lower_bound(t_->entries.begin(), t_->entries.end(), lo, by_key);
    const auto e = std::lower_bound(b, t_->entries.end(), hi, by_key);
    return {static_cast<std::size_t>(b - t_->entries.begin()),
            static_cast<std::size_t>(e - t_->entries.begin())};
}

std::vector<item> catalog::subtree(std::string_view code) const {
    const auto [b, e] = subtree_range(code);
    std::vector<item> out;
    out.reserve(e - b);
    for (std::size_t i = b; i < e; ++i) out.push_back(make_item(*t_, i));
    return out;
}

std::vector<item> catalog::children(std::string_view code) const {
    const level l = require_level(code, t_->kind);
    const auto [b, e] = subtree_range(code);
    std::vector<item> out;
    for (std::size_t i = b; i < e; ++i)
        if (t_->entries[i].level == static_cast<int>(l) + 1) out.push_back(make_item(*t_, i));
    return out;
}

std::vector<item> catalog::items() const {
    std::vector<item> out;
    out.reserve(t_->entries.size());
    for (std::size_t i = 0; i < t_->entries.size(); ++i) out.push_back(make_item(*t_, i));
    return out;
}

std::vector<item> catalog::items(level l) const {
    std::vector<item> out;
    for (std::size_t i = 0; i < t_->entries.size(); ++i)
        if (t_->entries[i].level == static_cast<int>(l)) out.push_back(make_item(*t_, i));
    return out;
}

std::string catalog::path_name(std::string_view code, path_style style) const {
    const level l = require_level(code, t_->kind);
    std::string out;
    for (int k = 1; k <= static_cast<int>(l); ++k) {
        const auto lk = static_cast<level>(k);
        const auto c = code.substr(0, code_length(lk));
        const auto n = name(c);
        if (!n)
            throw error(errc::not_found, "the " + describe(*t_) + " catalog has no row " + std::string(c) +
                                             (c.size() == code.size()
                                                  ? std::string()
                                                  : " (" + std::string(level_label(lk)) + " of " +
                                                        std::string(code) + ")"));
        out += (lk == level::lei && style == path_style::narrative) ? strip_zhichu(*n) : *n;
        out += level_marker(lk);
    }
    return out;
}

std::string catalog::label(std::string_view code) const {
    const level l = require_level(code, t_->kind);
    const auto n = name(code);
    if (!n) throw error(errc::not_found, "the " + describe(*t_) + " catalog has no row " + std::string(code));
    return std::string(*n) + level_marker(l);
}

name_check catalog::match_path(std::string_view code, std::string_view text) const {
    const auto l = level_of(code, t_->kind);
    if (!l) return {verdict::malformed_code, {}};
    name_check result;
    try {
        result.expected = path_name(code);
    } catch (const error&) {
        result.expected.clear();
    }
    const auto segs = split_path(text);
    if (!segs || segs->size() != static_cast<std::size_t>(*l)) {
        result.verdict = verdict::mismatch;
        return result;
    }
    bool missing = false;
    for (int k = 1; k <= static_cast<int>(*l); ++k) {
        const auto lk = static_cast<level>(k);
        const auto n = name(code.substr(0, code_length(lk)));
        if (!n) {
            missing = true;
            continue;
        }
        if (!segment_matches(lk, (*segs)[static_cast<std::size_t>(k - 1)], *n)) {
            result.verdict = verdict::mismatch;
            return result;
        }
    }
    if (missing)
        result.verdict = (t_->complete && status(code) != code_status::known) ? verdict::unknown_code
                                                                              : verdict::cannot_verify;
    else
        result.verdict = verdict::match;
    return result;
}

namespace {
/// Position in name_order of the first row named `n`, or npos.
std::size_t first_named(const catalog_tables& t, std::string_view n) noexcept {
    const std::uint32_t mask = static_cast<std::uint32_t>(t.name_slots.size() - 1);
    for (std::uint32_t s = detail::name_slot_of(n, t.name_shift);; s = (s + 1) & mask) {
        const std::uint32_t v = t.name_slots[s];
        if (v == 0) return std::string_view::npos;
        if (entry_name(t, t.entries[t.name_order[v - 1]]) == n) return v - 1;
    }
}
/// Calls f(entry index) for every row named exactly `n`, in code order.
template <class F>
void for_each_named(const catalog_tables& t, std::string_view n, F&& f) {
    const auto first = first_named(t, n);
    if (first == std::string_view::npos) return;
    for (std::size_t k = first; k < t.name_order.size() && entry_name(t, t.entries[t.name_order[k]]) == n; ++k)
        f(t.name_order[k]);
}
}  // namespace

std::vector<item> catalog::resolve_path(std::string_view text) const {
    const auto segs = split_path(text);
    if (!segs || segs->size() > static_cast<std::size_t>(deepest_level(t_->kind))) return {};
    const catalog_tables& t = *t_;
    if (!t.names_normalized) {
        // A loaded catalog whose names are not normalized: compare every 类 and child.
        std::vector<item> current;
        for (const auto& it : items(level::lei))
            if (segment_matches(level::lei, (*segs)[0], it.name())) current.push_back(it);
        for (std::size_t k = 1; k < segs->size() && !current.empty(); ++k) {
            std::vector<item> next;
            for (const auto& p : current)
                for (const auto& c : children(p.code()))
                    if (segment_matches(static_cast<level>(k + 1), (*segs)[k], c.name())) next.push_back(c);
            current = std::move(next);
        }
        return current;
    }
    // Names are normalized: look them up. Entry indices are in code order (entries sort by key).
    // 类: strip_zhichu(segment) == strip_zhichu(name), i.e. the name is b or b + "支出" (and
    // strips to b), where b = strip_zhichu(segment).
    std::vector<std::uint32_t> current;
    const std::string_view b = strip_zhichu((*segs)[0]);
    const auto take_lei = [&](std::string_view n) {
        for_each_named(t, n, [&](std::uint32_t i) {
            if (t.entries[i].level == 1 && strip_zhichu(entry_name(t, t.entries[i])) == b) current.push_back(i);
        });
    };
    take_lei(b);
    take_lei(std::string(b) + std::string(zhichu));
    std::sort(current.begin(), current.end());
    // Each further level: the rows named exactly like the segment whose parent is in `current`.
    for (std::size_t k = 1; k < segs->size() && !current.empty(); ++k) {
        std::vector<std::uint32_t> next;
        const auto parent_length = code_length(static_cast<level>(k));
        for_each_named(t, (*segs)[k], [&](std::uint32_t i) {
            if (static_cast<std::size_t>(t.entries[i].level) != k + 1) return;
            char buf[8];
            const std::ptrdiff_t parent = detail::find_index(t, detail::code_of(t.entries[i], buf).substr(0, parent_length));
            if (parent >= 0 && std::binary_search(current.begin(), current.end(), static_cast<std::uint32_t>(parent)))
                next.push_back(i);
        });
        std::sort(next.begin(), next.end());
        current = std::move(next);
    }
    std::vector<item> out;
    out.reserve(current.size());
    for (const std::uint32_t i : current) out.push_back(make_item(t, i));
    return out;
}

std::vector<item> catalog::find_by_name(std::string_view n) const {
    const auto& t = *t_;
    std::vector<item> out;
    const auto first = first_named(t, n);
    if (first == std::string_view::npos) return out;
    for (std::size_t k = first; k < t.name_order.size() && entry_name(t, t.entries[t.name_order[k]]) == n; ++k)
        out.push_back(make_item(t, t.name_order[k]));  // name_order ties are in key order
    return out;
}

std::optional<item> catalog::find_first_by_name(std::string_view n) const noexcept {
    const auto first = first_named(*t_, n);
    if (first == std::string_view::npos) return std::nullopt;
    return make_item(*t_, t_->name_order[first]);
}

std::optional<item> catalog::unique_by_name(std::string_view n, level l) const noexcept {
    std::optional<std::uint32_t> only;
    bool several = false;
    for_each_named(*t_, n, [&](std::uint32_t i) {
        if (t_->entries[i].level != static_cast<int>(l)) return;
        several = several || only.has_value();
        only = i;
    });
    if (!only || several) return std::nullopt;
    return make_item(*t_, *only);
}

std::vector<item> catalog::find_containing(std::string_view fragment) const {
    std::vector<item> out;
    for (std::size_t i = 0; i < t_->entries.size(); ++i)
        if (entry_name(*t_, t_->entries[i]).find(fragment) != std::string_view::npos)
            out.push_back(make_item(*t_, i));
    return out;
}

name_check catalog::check_name(std::string_view code, std::string_view n) const {
    if (!level_of(code, t_->kind)) return {verdict::malformed_code, {}};
    const auto known = name(code);
    if (!known) return {t_->complete ? verdict::unknown_code : verdict::cannot_verify, {}};
    const bool same = normalize_name(n) == normalize_name(*known);
    return {same ? verdict::match : verdict::mismatch, std::string(*known)};
}

catalog_diff compare(const catalog& older, const catalog& newer) {
    if (older.kind() != newer.kind())
        throw error(errc::invalid_argument, std::string("cannot compare a ") + tree_name(older.kind()) +
                                                " catalog with a " + tree_name(newer.kind()) + " one");
    const auto& a = older.tables();
    const auto& b = newer.tables();
    catalog_diff d;
    std::size_t i = 0, j = 0;
    while (i < a.entries.size() || j < b.entries.size()) {
        if (j == b.entries.size() || (i < a.entries.size() && a.entries[i].key < b.entries[j].key)) {
            d.removed.push_back(make_item(a, i++));
        } else if (i == a.entries.size() || b.entries[j].key < a.entries[i].key) {
            d.added.push_back(make_item(b, j++));
        } else {
            const auto na = entry_name(a, a.entries[i]), nb = entry_name(b, b.entries[j]);
            if (na != nb) d.renamed.push_back({std::string(make_item(a, i).code()), na, nb});
            ++i;
            ++j;
        }
    }
    return d;
}

// ---- correspondence -------------------------------------------------------------------------

namespace {
std::uint32_t kuan_number(std::string_view code, tree t) {
    if (level_of(code, t) != level::kuan)
        throw parse_error("\"" + std::string(code) + "\" is not a 款 code of " + tree_name(t), 0);
    std::uint32_t v = 0;
    for (char c : code) v = v * 10 + static_cast<std::uint32_t>(c - '0');
    return v;
}
}  // namespace

correspondence correspondence::embedded(int year) {
    for (std::size_t i = 0; i < detail::embedded_correspondences.size(); ++i)
        if (detail::embedded_correspondences[i].year == year) return correspondence(i);
    throw error(errc::not_found, "no embedded economic correspondence for " + std::to_string(year));
}

std::optional<std::string> correspondence::government_for(std::string_view department_code) const {
    const auto d = kuan_number(department_code, tree::economic_department);
    for (const auto& p : detail::embedded_correspondences[table_].pairs)
        if (p.department == d) return std::to_string(p.government);
    return std::nullopt;
}

std::vector<std::string> correspondence::departments_for(std::string_view government_code) const {
    const auto g = kuan_number(government_code, tree::economic_government);
    std::vector<std::string> out;
    for (const auto& p : detail::embedded_correspondences[table_].pairs)
        if (p.government == g) out.push_back(std::to_string(p.department));
    return out;
}

std::vector<std::pair<std::string, std::string>> correspondence::pairs() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& p : detail::embedded_correspondences[table_].pairs)
        out.emplace_back(std::to_string(p.government), std::to_string(p.department));
    return out;
}

std::size_t correspondence::size() const noexcept { return detail::embedded_correspondences[table_].pairs.size(); }
int correspondence::year() const noexcept { return detail::embedded_correspondences[table_].year; }

}  // namespace caizheng::classification
