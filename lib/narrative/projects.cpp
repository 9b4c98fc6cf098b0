// The projects the 自评报告 prose restates (for helper scoring), and project name matching.
#include "detail.hpp"

#include "caizheng/classification.hpp"

#include <cstdint>
#include <cstring>
#include <optional>

namespace caizheng {

namespace narrative_detail {
namespace {
/// The trailing "项目", "经费", "费用", "费" … of a key, taken off until none is left.
constexpr std::string_view suffixes[] = {"项目", "工作经费", "经费", "费用", "费"};
/// Every suffix ends with one of these characters (目, 费, 用).
constexpr std::string_view suffix_ends[] = {"目", "费", "用"};
static_assert([] {
    for (std::string_view suf : suffixes) {
        bool known = false;
        for (std::string_view e : suffix_ends) known = known || suf.ends_with(e);
        if (!known || suf.size() < 3) return false;
    }
    return true;
}());
bool ends_with(const std::string& s, std::string_view suf) noexcept {
    return s.size() >= suf.size() && std::memcmp(s.data() + s.size() - suf.size(), suf.data(), suf.size()) == 0;
}
void strip_suffixes(std::string& s) {
    bool changed = true;
    while (changed) {
        // most keys end with none of the suffixes' last characters: nothing to take off
        if (!ends_with(s, suffix_ends[0]) && !ends_with(s, suffix_ends[1]) && !ends_with(s, suffix_ends[2])) return;
        changed = false;
        // One whole suffix at a time, then from the first again: testing the next suffixes on
        // what is left would take "费" off a "经费" that ended a "…工作经费经费" ("工作经").
        for (std::string_view suf : suffixes)
            if (s.size() > suf.size() && ends_with(s, suf)) {
                s.resize(s.size() - suf.size());
                changed = true;
                break;
            }
    }
}

/// The name without whitespace (ASCII and U+3000) and quotes (“”"‘’《》), with ASCII
/// parentheses as full-width ones, in one pass; false (out unspecified) when the name is not
/// well-formed UTF-8 (lead bytes followed by their continuation bytes). For well-formed text
/// this is what normalize_name and the erasures of project_key_general leave: they remove and
/// map whole characters, and in well-formed text a character's bytes occur only where the
/// character is (a lead byte is never a continuation byte), so no removal joins bytes into a
/// new character.
bool one_pass_key(std::string_view name, std::string& out) {
    out.clear();
    out.reserve(name.size() + 8);
    const auto* p = reinterpret_cast<const unsigned char*>(name.data());
    const std::size_t n = name.size();
    std::size_t run = 0;  // start of the bytes not yet copied (kept as they are)
    auto drop = [&](std::size_t i, std::size_t len, std::string_view instead = {}) {
        out.append(name.data() + run, i - run);
        out.append(instead);
        run = i + len;
    };
    for (std::size_t i = 0; i < n;) {
        const unsigned c = p[i];
        if (c < 0x80u) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == '"')
                drop(i, 1);
            else if (c == '(')
                drop(i, 1, "（");
            else if (c == ')')
                drop(i, 1, "）");
            ++i;
            continue;
        }
        if ((c >> 4) == 0xEu) {
            if (i + 3 > n || (p[i + 1] & 0xC0u) != 0x80u || (p[i + 2] & 0xC0u) != 0x80u) return false;
            if (c >= 0xE4u) {  // CJK ideographs and beyond: none of the characters dropped below (E2 / E3)
                i += 3;
                continue;
            }
            const std::uint32_t key = (c << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
            switch (key) {
                case 0xE38080u:  // U+3000 ideographic space
                case 0xE2809Cu:  // “
                case 0xE2809Du:  // ”
                case 0xE28098u:  // ‘
                case 0xE28099u:  // ’
                case 0xE3808Au:  // 《
                case 0xE3808Bu:  // 》
                    drop(i, 3);
                    break;
                default: break;
            }
            i += 3;
            continue;
        }
        const std::size_t len = (c >> 5) == 0x6u ? 2 : (c >> 3) == 0x1Eu ? 4 : 0;
        if (len == 0 || i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((p[i + k] & 0xC0u) != 0x80u) return false;
        i += len;
    }
    out.append(name.data() + run, n - run);
    return true;
}
}  // namespace

std::string project_key_general(std::string_view name) {
    std::string s = classification::normalize_name(name);
    for (std::string_view q : {"“", "”", "\"", "‘", "’", "《", "》"})
        for (auto at = s.find(q); at != std::string::npos; at = s.find(q)) s.erase(at, q.size());
    strip_suffixes(s);
    return s;
}

std::string project_key(std::string_view name) {
    std::string s;
    if (!one_pass_key(name, s)) return project_key_general(name);
    strip_suffixes(s);
    return s;
}

const std::string& project_key_memo::evaluation(const report& r, std::size_t k) {
    if (evaluation_.size() != r.annex.projects.size()) evaluation_.resize(r.annex.projects.size());
    auto& key = evaluation_[k];
    if (!key) key = project_key(r.annex.projects[k].project);
    return *key;
}

const std::string& project_key_memo::basic_key(const report& r, std::size_t k) {
    const std::size_t rows = r.annex.basic_data ? r.annex.basic_data->rows.size() : 0;
    if (basic_.size() != rows) basic_.resize(rows);
    auto& key = basic_[k];
    if (!key) key = project_key(r.annex.basic_data->rows[k].label);
    return *key;
}

const std::string& project_key_memo::prose(std::string_view name) {
    for (const auto& [view, key] : prose_)
        if (view.data() == name.data() && view.size() == name.size()) return key;
    prose_.emplace_back(name, project_key(name));
    return prose_.back().second;
}

bool same_project_key(std::string_view x, std::string_view y) noexcept {
    if (x.empty() || y.empty()) return false;
    // x == y, or one holds the other: only the longer can hold the shorter (equal sizes: x == y)
    return x.size() >= y.size() ? x.find(y) != std::string_view::npos : y.find(x) != std::string_view::npos;
}
}  // namespace narrative_detail

using narrative_detail::project_key;
using narrative_detail::same_project_key;

bool same_project_name(std::string_view a, std::string_view b) {
    return same_project_key(project_key(a), project_key(b));
}

std::vector<project_claim> extract_project_claims(const report& r) {
    // Only the annex prose restates projects: its claims do not depend on the 情况说明 before
    // it (annex() starts from a fresh state), so the 情况说明 is not read again here.
    return narrative_detail::project_claims(r, narrative_detail::extract_annex(r));
}

std::vector<project_claim> narrative_detail::project_claims(const report& r, const extraction& x) {
    // project_key of each 自评表 and of each prose project, computed once (x.project_keys,
    // which check() reuses)
    project_key_memo& keys = x.project_keys;
    std::vector<project_claim> out;
    std::int32_t current_sentence = -1;
    for (std::size_t i = 0; i < x.claims.size(); ++i) {
        const auto& c = x.claims[i];
        if (c.kind != claim_kind::project_spending && c.kind != claim_kind::project_score) continue;
        if (x.sentence_of[i] < x.annex_first) continue;  // a 情况说明 sentence of a full extract()
        const auto& s = x.sentences[static_cast<std::size_t>(x.sentence_of[i])];
        if (out.empty() || out.back().project != s.project ||
            (c.kind == claim_kind::project_spending && out.back().spending)) {
            project_claim p;
            p.project = s.project;
            p.sentence = s.text;
            p.source = s.source;
            const std::string& key = keys.prose(s.project);
            for (std::size_t k = 0; k < r.annex.projects.size(); ++k)
                if (same_project_key(keys.evaluation(r, k), key)) {
                    p.evaluation = k;
                    break;
                }
            out.push_back(std::move(p));
        }
        auto& p = out.back();
        if (c.kind == claim_kind::project_spending) p.spending = c.value;
        else {
            p.score = c.value;
            p.score_text = c.printed;
            if (!c.printed.empty() && c.printed.ends_with("分")) p.score_text.resize(p.score_text.size() - 3);
            while (!p.score_text.empty() && p.score_text.back() == ' ') p.score_text.pop_back();
        }
        if (x.sentence_of[i] != current_sentence && p.sentence != s.text) p.sentence += s.text;
        current_sentence = x.sentence_of[i];
    }
    return out;
}

}  // namespace caizheng
