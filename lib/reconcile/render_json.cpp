// JSON output: findings as Boost.JSON built from their Boost.Describe descriptions, with the
// project's one Describe→JSON mapping (lib/common/describe_json.hpp: decimals as strings, enums
// by name, empty optionals as null) and its pretty printer.
#include "detail.hpp"

#include "../common/describe_json.hpp"

#include <boost/describe/enum_to_string.hpp>
#include <boost/json.hpp>

namespace caizheng {

using namespace reconcile_detail;
using describe_json::to_value;

std::string render_json(const report& r, const reconcile_result& res, bool pretty) {
    boost::json::object root;
    root["format"] = "caizheng-findings";
    root["version"] = 1;
    boost::json::object rep;
    rep["department"] = r.meta.department;
    rep["year"] = r.meta.year;
    rep["unit"] = boost::describe::enum_to_string(r.meta.unit, "unknown");
    root["report"] = std::move(rep);
    boost::json::object summary;
    summary["rules_evaluated"] = res.rules_evaluated;
    for (severity s : {severity::error, severity::warning, severity::tail_difference, severity::unchecked, severity::info})
        summary[boost::describe::enum_to_string(s, "unknown")] = res.count(s);
    root["summary"] = std::move(summary);
    boost::json::array fs;
    fs.reserve(res.findings.size());
    for (std::size_t i = 0; i < res.findings.size(); ++i) {
        boost::json::value v = to_value(res.findings[i]);
        auto& o = v.as_object();
        o["index"] = i;
        const std::int32_t c = i < res.cause.size() ? res.cause[i] : -1;
        if (c >= 0)
            o["cause"] = c;
        else
            o["cause"] = nullptr;
        o["family"] = boost::describe::enum_to_string(rule_family_of(res.findings[i].rule), "unknown");
        fs.push_back(std::move(v));
    }
    root["findings"] = std::move(fs);
    return describe_json::render(root, pretty);
}

}  // namespace caizheng
