// The projects the 自评报告 prose restates (for helper scoring), and project name matching.
#include "detail.hpp"

#include "caizheng/classification.hpp"

#include <optional>

namespace caizheng {

namespace narrative_detail {
std::string project_key(std::string_view name) {
    std::string s = classification::normalize_name(name);
    for (std::string_view q : {"“", "”", "\"", "‘", "’", "《", "》"})
        for (auto at = s.find(q); at != std::string::npos; at = s.find(q)) s.erase(at, q.size());
    bool changed = true;
    while (changed) {
        changed = false;
        for (std::string_view suf : {"项目", "工作经费", "经费", "费用", "费"})
            if (s.size() > suf.size() && s.ends_with(suf)) {
                s.resize(s.size() - suf.size());
                changed = true;
            }
    }
    return s;
}

bool same_project_key(std::string_view x, std::string_view y) noexcept {
    if (x.empty() || y.empty()) return false;
    return x == y || x.find(y) != std::string_view::npos || y.find(x) != std::string_view::npos;
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
    // project_key of each 自评表, computed once when first needed (the lookup stops at the
    // first match)
    std::vector<std::optional<std::string>> evaluation_keys(r.annex.projects.size());
    auto evaluation_key = [&](std::size_t k) -> const std::string& {
        if (!evaluation_keys[k]) evaluation_keys[k] = project_key(r.annex.projects[k].project);
        return *evaluation_keys[k];
    };
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
            const std::string key = project_key(s.project);
            for (std::size_t k = 0; k < r.annex.projects.size(); ++k)
                if (same_project_key(evaluation_key(k), key)) {
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
