// JSON output: findings written from their Boost.Describe descriptions with the project's one
// Describe→JSON mapping (lib/common/describe_json.hpp: decimals as strings, enums by name,
// empty optionals as null), straight to text through its text_writer: no boost::json::value
// tree is built (the tree and its conversion to text cost several times the reconciliation).
#include "detail.hpp"

#include "../common/describe_json.hpp"

#include <boost/describe/enum_to_string.hpp>

namespace caizheng {

using namespace reconcile_detail;

std::string render_json(const report& r, const reconcile_result& res, bool pretty) {
    std::string out;
    out.reserve(1024 + res.findings.size() * (pretty ? 1536 : 1024));
    describe_json::text_writer w(out, pretty);
    w.begin_object();
    w.key("format");
    w.string("caizheng-findings");
    w.key("version");
    w.value(1);
    w.key("report");
    w.begin_object();
    w.key("department");
    w.value(r.meta.department);
    w.key("year");
    w.value(r.meta.year);
    w.key("unit");
    w.value(r.meta.unit);
    w.end_object(false);
    w.key("summary");
    w.begin_object();
    w.key("rules_evaluated");
    w.value(res.rules_evaluated);
    for (severity s : {severity::error, severity::warning, severity::tail_difference, severity::unchecked, severity::info}) {
        w.key(boost::describe::enum_to_string(s, "unknown"));
        w.value(res.count(s));
    }
    w.end_object(false);
    w.key("findings");
    w.begin_array();
    for (std::size_t i = 0; i < res.findings.size(); ++i) {
        w.element();
        w.begin_object();
        w.members(res.findings[i]);
        w.key("index");
        w.value(i);
        w.key("cause");
        if (const std::int32_t c = i < res.cause.size() ? res.cause[i] : -1; c >= 0)
            w.value(c);
        else
            w.null();
        w.key("family");
        w.value(rule_family_of(res.findings[i].rule));
        w.end_object(false);
    }
    w.end_array(res.findings.empty());
    w.end_object(false);
    if (pretty) out += "\n";
    return out;
}

}  // namespace caizheng
