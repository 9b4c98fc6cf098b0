// examples/reconcile — import a report (document text or caizheng JSON), reconcile it, print
// the findings.
//
//   reconcile [options] REPORT
//     --json             print the findings as JSON instead of text
//     --html FILE        also write the self-contained HTML report to FILE
//     --rules FILE       add user formula rules (docs/formulas.md) before running
//     --lang zh|en|both  message language of text/HTML output (default both)
//     --color            ANSI colours in text output
//     --profile NAME     scoring profile for the 绩效 annex (central, hunan_observed)
//     --fail-on-error    exit 1 when any finding is an error
//   reconcile --list-rules   print the rule catalog as the Markdown table of docs/rules.md
//
// REPORT is read as caizheng JSON when it ends in .json, as a PDF when it ends in .pdf or starts
// with %PDF (findings then give page and position), else as document text.
// Exit status: 0 = ran (whatever was found, unless --fail-on-error), 1 = errors found with
// --fail-on-error, 2 = bad usage or a file that could not be read or parsed.
#include "caizheng/import.hpp"
#include "caizheng/import_pdf.hpp"
#include "caizheng/reconcile.hpp"
#include "caizheng/report_json.hpp"

#include <boost/describe/enum_to_string.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

int usage() {
    std::cerr << "usage: reconcile [--json] [--html FILE] [--rules FILE] [--lang zh|en|both] [--color]\n"
                 "                 [--profile NAME] [--fail-on-error] REPORT(.txt|.json|.pdf)\n";
    return 2;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw caizheng::error(caizheng::errc::io_error, "cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The rule catalog as a Markdown table (the body of docs/rules.md).
int list_rules() {
    auto cell = [](std::string_view s) {  // a table cell: '|' escaped
        std::string o;
        o.reserve(s.size());
        for (char c : s) {
            if (c == '|') o += '\\';
            o += c;
        }
        return o;
    };
    std::cout << "| id | family | severity | checks (zh / en) | formula or check |\n|---|---|---|---|---|\n";
    for (const caizheng::rule_info& i : caizheng::builtin_rules()) {
        const char* quote = i.is_formula ? "`" : "";  // a formula as code
        std::cout << "| `" << i.id << "` | " << boost::describe::enum_to_string(i.family, "?") << " | "
                  << boost::describe::enum_to_string(i.severity, "?") << " | " << cell(i.description_zh) << "<br>"
                  << cell(i.description_en) << " | " << quote << cell(i.check) << quote << " |\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bool json = false, fail_on_error = false;
    std::string html, rules, input;
    caizheng::render_options ro;
    caizheng::reconcile_options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
        if (a == "--list-rules") return list_rules();
        if (a == "--json") json = true;
        else if (a == "--fail-on-error") fail_on_error = true;
        else if (a == "--color") ro.color = true;
        else if (a == "--html") html = next();
        else if (a == "--rules") rules = next();
        else if (a == "--profile") opt.scoring_profile = next();
        else if (a == "--lang") {
            const std::string l = next();
            if (l == "zh") ro.language = caizheng::message_language::zh;
            else if (l == "en") ro.language = caizheng::message_language::en;
            else if (l == "both") ro.language = caizheng::message_language::both;
            else return usage();
        } else if (!a.empty() && a[0] == '-') return usage();
        else if (input.empty()) input = a;
        else return usage();
    }
    if (input.empty()) return usage();
    try {
        auto ends_with = [&](std::string_view e) {
            return input.size() > e.size() && input.compare(input.size() - e.size(), e.size(), e) == 0;
        };
        caizheng::report report;
        if (ends_with(".json")) {
            report = caizheng::report_from_json_file(input);
        } else if (ends_with(".pdf") || ends_with(".PDF")) {
            report = caizheng::import_pdf_file(input);
        } else {
            const std::string bytes = read_file(input);
            report = caizheng::looks_like_pdf(bytes) ? caizheng::import_pdf(bytes) : caizheng::import_text(bytes);
        }
        caizheng::reconciler rec(opt);
        if (!rules.empty()) rec.add_rules(read_file(rules));
        const caizheng::reconcile_result result = rec.run(report);
        if (json)
            std::cout << caizheng::render_json(report, result, true);
        else
            std::cout << caizheng::render_text(report, result, ro);
        if (!html.empty()) {
            std::ofstream out(html, std::ios::binary);
            out << caizheng::render_html(report, result, ro);
            if (!out) throw caizheng::error(caizheng::errc::io_error, "cannot write " + html);
            if (!json) std::cout << "\nHTML report written to " << html << "\n";
        }
        return fail_on_error && result.has_errors() ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "reconcile: " << e.what() << "\n";
        return 2;
    }
}
