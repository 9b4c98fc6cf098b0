// Text output for a terminal: summary, then findings grouped by severity and table; the
// consequences of a root cause are printed under it, not again in their own group.
#include "detail.hpp"

#include <map>

namespace caizheng {

using namespace reconcile_detail;

namespace {

const char* severity_title_en(severity s) { return labels_of(s).title_en; }
const char* severity_title_zh(severity s) { return labels_of(s).title_zh; }
const char* severity_tag(severity s) { return labels_of(s).tag; }
const char* color_of(severity s) { return labels_of(s).ansi; }

std::string table_heading(const report& r, const finding& f) {
    if (f.locations.empty() || !f.locations.front().table) {
        if (rule_family_of(f.rule) == rule_family::performance) return "绩效 performance annex";
        if (rule_family_of(f.rule) == rule_family::narrative) return "情况说明 narrative";
        if (!f.locations.empty() && !f.locations.front().section.empty()) return "情况说明 narrative";
        if (!f.locations.empty() && !f.locations.front().project.empty()) return "绩效 annex";
        return "document";
    }
    const table_kind k = *f.locations.front().table;
    const std::int32_t i = table_index(r, k);
    if (i < 0) return table_kind_title(k);
    const report_table& t = r.tables[static_cast<std::size_t>(i)];
    return long_name(t) + " " + table_kind_title(k);
}

std::string where(const finding_location& l) {
    // Appends only (no "literal" + std::string temporaries: GCC 12 -O3 false -Wrestrict).
    std::string s;
    auto part = [&s](const char* sep, std::string_view a, std::string_view b = {}) {
        if (!s.empty()) s += sep;
        s += a;
        s += b;
    };
    if (!l.row.empty()) s += l.row;
    if (!l.row_name.empty() && l.row_name != l.row) part(" ", l.row_name);
    if (l.column > 0) part(" ", "col ", std::to_string(l.column));
    if (!l.section.empty()) part(" ", "§", l.section);
    if (!l.project.empty()) part(" ", l.project);
    if (l.source.line != 0) part(", ", "line ", std::to_string(l.source.line));
    if (const auto& b = l.source.box) {  // PDF: page and top-left corner in points
        part(", ", "page ", std::to_string(b->page));
        part(" at (", std::to_string(b->x0 / 100));
        part(",", std::to_string(b->y0 / 100), ") pt");
    }
    return s;
}

void print_finding(text_out& os, const report&, const reconcile_result& res, std::size_t i,
                   const render_options& o, int depth, const std::multimap<std::int32_t, std::size_t>& children) {
    const finding& f = res.findings[i];
    const std::string indent(static_cast<std::size_t>(2 + depth * 4), ' ');
    const char* on = o.color ? color_of(f.severity) : "";
    const char* off = o.color ? "\x1b[0m" : "";
    os << indent << (depth > 0 ? "↳ " : "") << "#" << (i + 1) << " " << on << "[" << severity_tag(f.severity) << "]"
       << off << " " << f.rule;
    if (!f.locations.empty()) {
        const std::string w = where(f.locations.front());
        if (!w.empty()) os << "  (" << w << ")";
    }
    os << "\n";
    if (f.found || f.expected) {
        os << indent << "    ";
        if (f.found) os << "found " << f.found->to_string();
        if (f.expected) os << (f.found ? ", " : "") << "expected " << f.expected->to_string();
        if (f.difference) os << ", difference " << f.difference->to_string();
        if (f.bound) os << ", tail bound " << f.bound->to_string();
        if (!f.unit.empty()) os << " " << f.unit;
        os << "\n";
    }
    if (o.language != message_language::en) os << indent << "    " << f.message_zh << "\n";
    if (o.language != message_language::zh) os << indent << "    " << f.message_en << "\n";
    const auto range = children.equal_range(static_cast<std::int32_t>(i));
    for (auto it = range.first; it != range.second; ++it) print_finding(os, {}, res, it->second, o, depth + 1, children);
}

}  // namespace

std::string render_text(const report& r, const reconcile_result& res, const render_options& o) {
    text_out os;
    os.s.reserve(256 + res.findings.size() * 512);
    const char* bold = o.color ? "\x1b[1m" : "";
    const char* off = o.color ? "\x1b[0m" : "";
    os << bold << "caizheng reconciliation: " << (r.meta.department.empty() ? "(department unknown)" : r.meta.department)
       << " " << r.meta.year << off << "\n";
    os << "  " << res.rules_evaluated << " rules run; " << res.count(severity::error) << " errors, "
       << res.count(severity::warning) << " warnings, " << res.count(severity::tail_difference)
       << " tail differences, " << res.count(severity::unchecked) << " unchecked, " << res.count(severity::info)
       << " notes\n";
    if (res.findings.empty()) {
        os << "  Everything adds up. 全部核对无误。\n";
        return std::move(os.s);
    }
    std::multimap<std::int32_t, std::size_t> children;
    for (std::size_t i = 0; i < res.findings.size(); ++i)
        if (i < res.cause.size() && res.cause[i] >= 0) children.emplace(res.cause[i], i);

    for (severity s : {severity::error, severity::warning, severity::tail_difference, severity::unchecked, severity::info}) {
        if (res.count(s) == 0) continue;
        os << "\n" << (o.color ? color_of(s) : "") << "== " << severity_title_zh(s) << " / " << severity_title_en(s)
           << " (" << res.count(s) << ")" << off << "\n";
        std::string heading;
        for (std::size_t i = 0; i < res.findings.size(); ++i) {
            const finding& f = res.findings[i];
            if (f.severity != s) continue;
            if (i < res.cause.size() && res.cause[i] >= 0) continue;  // printed under its root
            const std::string h = table_heading(r, f);
            if (h != heading) {
                os << " -- " << h << "\n";
                heading = h;
            }
            print_finding(os, r, res, i, o, 0, children);
        }
    }
    return std::move(os.s);
}

}  // namespace caizheng
