// Score the 项目支出绩效自评表 of a 部门决算公开 and review the published scores.
//
//   score <report.txt> [profile]        profile: a built-in name ("central", "hunan_observed")
//                                       or a JSON file describing one (docs/scoring.md)
//
// For each project: the execution rate and its score (published / recomputed, and which rate
// policy reproduces the published one), the total and grade (published / recomputed), then every
// finding of the table; then the cross-document findings (自评报告 prose, 基础数据表).
#include "caizheng/import.hpp"
#include "caizheng/scoring.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace caizheng;

namespace {

std::string show(const std::optional<decimal>& d) { return d ? d->to_string() : std::string("—"); }

const char* severity_label(severity s) {
    switch (s) {
        case severity::error: return "ERROR  ";
        case severity::warning: return "WARNING";
        case severity::tail_difference: return "TAIL   ";
        case severity::unchecked: return "UNCHECK";
        case severity::info: return "INFO   ";
    }
    return "?";
}

void print_finding(const finding& f) {
    std::cout << "    " << severity_label(f.severity) << " " << f.rule;
    if (!f.locations.empty() && !f.locations.front().row.empty()) std::cout << " [" << f.locations.front().row << "]";
    if (f.expected || f.found)
        std::cout << " expected " << show(f.expected) << ", found " << show(f.found) << " " << f.unit;
    std::cout << "\n      " << f.message_en << "\n      " << f.message_zh << "\n";
}

scoring_profile load_profile(const std::string& arg) {
    for (const auto& n : builtin_profile_names())
        if (n == arg) return builtin_profile(arg);
    std::ifstream in(arg);
    if (!in) throw error(errc::io_error, "no built-in profile and no file named " + arg);
    std::ostringstream ss;
    ss << in.rdbuf();
    return profile_from_json(ss.str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: score <report.txt> [profile]\n";
        return 2;
    }
    try {
        const report r = import_text_file(argv[1]);
        const scoring_profile profile = load_profile(argc > 2 ? argv[2] : "central");
        const performance_review rv = review_performance(r, profile);
        std::cout << "绩效自评 review of " << r.meta.department << " " << r.meta.year << " — profile " << profile.name
                  << " (execution rate: " << rate_policy_name(profile.rate) << ")\n";
        std::size_t counts[5] = {};
        for (const auto& f : rv.findings) ++counts[static_cast<int>(f.severity)];
        for (std::size_t i = 0; i < rv.projects.size(); ++i) {
            const auto& ps = rv.projects[i];
            const auto& p = r.annex.projects[i];
            std::cout << "\n[" << i + 1 << "] " << ps.project << "\n";
            std::cout << "  execution rate: printed " << (p.execution_rate.text.empty() ? "—" : p.execution_rate.text)
                      << ", exact " << show(ps.execution.exact_rate) << "%; score printed "
                      << (p.execution_score.text.empty() ? "—" : p.execution_score.text) << ", recomputed " << show(ps.execution.score) << " ("
                      << rate_policy_name(profile.rate) << ")";
            if (!ps.rate_reproduced_by.empty()) {
                std::cout << "; printed score reproduced by:";
                for (const auto pol : ps.rate_reproduced_by) std::cout << " " << rate_policy_name(pol);
            }
            std::cout << "\n  total: published " << show(ps.published_total);
            if (!ps.published_total) std::cout << " (no 总分 row; Σ 得分 " << show(ps.published_sum) << ")";
            std::cout << (ps.published_grade ? std::string(" ") + grade_zh(*ps.published_grade) : std::string())
                      << ", recomputed " << show(ps.recomputed_total)
                      << (ps.recomputed_grade ? std::string(" ") + grade_zh(*ps.recomputed_grade) : std::string()) << "\n";
            for (const auto& c : rv.claims)
                if (c.project && *c.project == i)
                    std::cout << "  report text: score " << show(c.score) << ", spending " << show(c.spending) << " 万元\n";
            std::vector<const finding*> unchecked;
            for (const auto& f : ps.findings) {
                if (f.severity == severity::unchecked) {
                    unchecked.push_back(&f);
                    continue;
                }
                print_finding(f);
            }
            if (!unchecked.empty()) {
                std::cout << "    " << unchecked.size() << " not verifiable by formula (score checked against its band only):\n";
                for (const auto* f : unchecked) std::cout << "      - " << f->message_zh << "\n";
            }
        }
        std::cout << "\nCross-document (自评报告 text, 基础数据表):\n";
        for (const auto& f : rv.findings) {
            const bool project_rule = f.rule.rfind("P.text.", 0) == 0 || f.rule.rfind("P.basic.", 0) == 0;
            if (project_rule) print_finding(f);
        }
        std::cout << "\n部门整体支出: 在职人员控制率 " << show(rv.overall.staff_control_rate) << "%, 三公经费变动率 "
                  << show(rv.overall.three_public_change_rate) << "%, 三公经费控制率 "
                  << show(rv.overall.three_public_control_rate) << "%\n";
        std::cout << "\nfindings: " << counts[0] << " errors, " << counts[1] << " warnings, " << counts[2]
                  << " tail differences, " << counts[3] << " unchecked, " << counts[4] << " notes\n";
        return 0;
    } catch (const error& e) {
        std::cerr << "score: " << e.what() << "\n";
        return 1;
    }
}
