// JSON output: findings as Boost.JSON built from their Boost.Describe descriptions.
#include "detail.hpp"

#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <type_traits>

namespace caizheng {

using namespace reconcile_detail;

namespace {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

template <class T>
boost::json::value to_json(const T& v);

template <class T>
boost::json::value described(const T& v) {
    boost::json::object o;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto d) { o[d.name] = to_json(v.*d.pointer); });
    return o;
}

template <class T>
boost::json::value to_json(const T& v) {
    if constexpr (std::is_same_v<T, decimal>) {
        return boost::json::value(v.to_string());
    } else if constexpr (std::is_same_v<T, std::string>) {
        return boost::json::value(v);
    } else if constexpr (std::is_same_v<T, bool>) {
        return boost::json::value(v);
    } else if constexpr (std::is_enum_v<T>) {
        return boost::json::value(boost::describe::enum_to_string(v, "unknown"));
    } else if constexpr (std::is_integral_v<T>) {
        return boost::json::value(v);
    } else if constexpr (is_optional<T>::value) {
        if (!v) return nullptr;
        return to_json(*v);
    } else if constexpr (is_vector<T>::value) {
        boost::json::array a;
        a.reserve(v.size());
        for (const auto& x : v) a.push_back(to_json(x));
        return a;
    } else {
        return described(v);
    }
}

void pretty_print(std::string& out, const boost::json::value& v, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (v.is_object()) {
        const auto& o = v.get_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& kv : o) {
            if (!first) out += ",\n";
            first = false;
            out += pad + "  " + boost::json::serialize(boost::json::value(kv.key())) + ": ";
            pretty_print(out, kv.value(), indent + 2);
        }
        out += "\n" + pad + "}";
    } else if (v.is_array()) {
        const auto& a = v.get_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto& x : a) {
            if (!first) out += ",\n";
            first = false;
            out += pad + "  ";
            pretty_print(out, x, indent + 2);
        }
        out += "\n" + pad + "]";
    } else {
        out += boost::json::serialize(v);
    }
}

}  // namespace

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
        boost::json::value v = to_json(res.findings[i]);
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
    if (!pretty) return boost::json::serialize(root);
    std::string out;
    pretty_print(out, root, 0);
    out += "\n";
    return out;
}

}  // namespace caizheng
