// The report model ↔ JSON, driven by the Boost.Describe descriptions of report.hpp.
#include "caizheng/report_json.hpp"

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <fstream>
#include <limits>
#include <utility>
#include <sstream>
#include <type_traits>

namespace caizheng {

namespace json = boost::json;

namespace {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

// ---- writing ----------------------------------------------------------------------------------

template <class T>
json::value to_value(const T& v);

template <class T>
json::value to_value(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        return json::value(json::string_view(v.data(), v.size()));
    } else if constexpr (std::is_same_v<T, bool>) {
        return json::value(v);
    } else if constexpr (std::is_enum_v<T>) {
        return json::value(boost::describe::enum_to_string(v, "unknown"));
    } else if constexpr (std::is_integral_v<T>) {
        return json::value(static_cast<std::int64_t>(v));
    } else if constexpr (std::is_same_v<T, decimal>) {
        return json::value(v.to_string());
    } else if constexpr (is_optional<T>::value) {
        return v ? to_value(*v) : json::value(nullptr);
    } else if constexpr (is_vector<T>::value) {
        json::array a;
        a.reserve(v.size());
        for (const auto& e : v) a.push_back(to_value(e));
        return a;
    } else {
        json::object o;
        boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
            [&](auto D) { o.emplace(D.name, to_value(v.*D.pointer)); });
        return o;
    }
}

// ---- reading ----------------------------------------------------------------------------------

struct reader {
    std::vector<std::string> problems;

    void fail(const std::string& path, const std::string& msg) {
        if (problems.size() < 100) problems.push_back(path + ": " + msg);
    }

    static const char* kind_of(const json::value& v) {
        switch (v.kind()) {
            case json::kind::null: return "null";
            case json::kind::bool_: return "a boolean";
            case json::kind::int64:
            case json::kind::uint64:
            case json::kind::double_: return "a number";
            case json::kind::string: return "a string";
            case json::kind::array: return "an array";
            case json::kind::object: return "an object";
        }
        return "?";
    }

    static std::string quote(std::string_view s) {
        std::string q = "\"";
        q.append(s.substr(0, 60));
        if (s.size() > 60) q += "…";
        return q + "\"";
    }

    /// A decimal string: -?digits(.digits)? only; kept with the places written ("0.00" has
    /// scale 2), at most 18 significant digits and 18 places.
    static std::optional<decimal> strict_decimal(std::string_view s) {
        std::size_t i = 0;
        const bool negative = i < s.size() && s[i] == '-';
        if (negative) ++i;
        std::int64_t mantissa = 0;
        int digits = 0, scale = 0;
        bool point = false, any = false;
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '.' && !point && any) {
                point = true;
                continue;
            }
            if (c < '0' || c > '9') return std::nullopt;
            any = true;
            if (point) ++scale;
            if (mantissa != 0 || c != '0') ++digits;
            if (digits > 18 || scale > decimal::max_scale) return std::nullopt;
            mantissa = mantissa * 10 + (c - '0');
        }
        if (!any || (point && scale == 0)) return std::nullopt;
        return decimal(negative ? -mantissa : mantissa, scale);
    }

    template <class T>
    void read(const json::value& v, T& out, const std::string& path) {
        if constexpr (std::is_same_v<T, std::string>) {
            if (!v.is_string()) return fail(path, std::string("expected a string, found ") + kind_of(v));
            out.assign(v.get_string().data(), v.get_string().size());
        } else if constexpr (std::is_same_v<T, bool>) {
            if (!v.is_bool()) return fail(path, std::string("expected true or false, found ") + kind_of(v));
            out = v.get_bool();
        } else if constexpr (std::is_enum_v<T>) {
            if (!v.is_string()) return fail(path, std::string("expected a name, found ") + kind_of(v));
            const std::string s(v.get_string().data(), v.get_string().size());
            T e{};
            if (!boost::describe::enum_from_string(s.c_str(), e))
                return fail(path, "unknown " + enum_what<T>() + " " + quote(s));
            out = e;
        } else if constexpr (std::is_integral_v<T>) {
            if (!v.is_int64() && !v.is_uint64())
                return fail(path, std::string("expected an integer, found ") + kind_of(v));
            bool fits = false;
            if (v.is_int64()) {
                const std::int64_t n = v.get_int64();
                fits = std::in_range<T>(n);
            } else {
                fits = std::in_range<T>(v.get_uint64());
            }
            if (!fits) return fail(path, "integer out of range");
            out = v.is_int64() ? static_cast<T>(v.get_int64()) : static_cast<T>(v.get_uint64());
        } else if constexpr (std::is_same_v<T, decimal>) {
            if (!v.is_string())
                return fail(path, std::string("amounts are decimal strings (\"1227.61\"), found ") + kind_of(v));
            const std::string_view s(v.get_string().data(), v.get_string().size());
            const auto d = strict_decimal(s);
            if (!d) return fail(path, "bad amount " + quote(s) + ": expected -?digits[.digits]");
            out = *d;
        } else if constexpr (is_optional<T>::value) {
            if (v.is_null()) {
                out.reset();
                return;
            }
            typename T::value_type inner{};
            read(v, inner, path);
            out = std::move(inner);
        } else if constexpr (is_vector<T>::value) {
            if (!v.is_array()) return fail(path, std::string("expected an array, found ") + kind_of(v));
            const auto& a = v.get_array();
            out.clear();
            out.resize(a.size());
            for (std::size_t i = 0; i < a.size(); ++i) read(a[i], out[i], path + "[" + std::to_string(i) + "]");
        } else {
            if (!v.is_object()) return fail(path, std::string("expected an object, found ") + kind_of(v));
            const auto& o = v.get_object();
            for (const auto& kv : o) {
                bool known = false;
                boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
                    [&](auto D) { known = known || kv.key() == D.name; });
                if (!known && !(std::is_same_v<T, report> && (kv.key() == "format" || kv.key() == "version")))
                    fail(path + "." + std::string(kv.key()), "unknown member");
            }
            boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
                [&](auto D) {
                    if (const auto* m = o.if_contains(D.name)) read(*m, out.*D.pointer, path + "." + D.name);
                });
        }
    }

    template <class E>
    static std::string enum_what() {
        if constexpr (std::is_same_v<E, table_kind>) return "table kind";
        else if constexpr (std::is_same_v<E, column_id>) return "column id";
        else if constexpr (std::is_same_v<E, money_unit>) return "unit";
        else if constexpr (std::is_same_v<E, row_side>) return "row side";
        else if constexpr (std::is_same_v<E, row_role>) return "row role";
        else if constexpr (std::is_same_v<E, warning_kind>) return "warning kind";
        else if constexpr (std::is_same_v<E, funding_kind>) return "funding kind";
        else return "name";
    }
};

}  // namespace

std::string report_to_json(const report& r, bool pretty) {
    json::value v = to_value(r);
    auto& o = v.as_object();
    json::object doc;
    doc.emplace("format", report_json_format);
    doc.emplace("version", report_json_version);
    for (auto& kv : o) doc.emplace(kv.key(), std::move(kv.value()));
    if (!pretty) return json::serialize(doc);
    // Two-space indentation, one member per line; arrays of scalars stay on one line.
    std::string out;
    auto indent = [&](int n) { out.append(static_cast<std::size_t>(n) * 2, ' '); };
    auto emit = [&](auto& self, const json::value& x, int level) -> void {
        if (x.is_object() && !x.get_object().empty()) {
            out += "{\n";
            bool first = true;
            for (const auto& kv : x.get_object()) {
                if (!first) out += ",\n";
                first = false;
                indent(level + 1);
                out += json::serialize(json::value(kv.key()));
                out += ": ";
                self(self, kv.value(), level + 1);
            }
            out += "\n";
            indent(level);
            out += "}";
        } else if (x.is_array() && !x.get_array().empty()) {
            out += "[\n";
            bool first = true;
            for (const auto& e : x.get_array()) {
                if (!first) out += ",\n";
                first = false;
                indent(level + 1);
                self(self, e, level + 1);
            }
            out += "\n";
            indent(level);
            out += "]";
        } else {
            out += json::serialize(x);
        }
    };
    emit(emit, json::value(std::move(doc)), 0);
    out += "\n";
    return out;
}

report report_from_json(std::string_view text) {
    boost::system::error_code ec;
    json::parse_options opt;
    opt.max_depth = 64;
    const json::value v = json::parse(json::string_view(text.data(), text.size()), ec, {}, opt);
    if (ec) throw parse_error("report JSON does not parse: " + ec.message(), 0);
    reader rd;
    report r;
    if (!v.is_object()) throw error(errc::parse_error, "$: expected an object, found " + std::string(reader::kind_of(v)));
    const auto& o = v.get_object();
    if (const auto* f = o.if_contains("format")) {
        if (!f->is_string() || f->get_string() != report_json_format)
            rd.fail("$.format", std::string("expected \"") + report_json_format + "\"");
    }
    if (const auto* ver = o.if_contains("version")) {
        if (!ver->is_int64() || ver->get_int64() != report_json_version)
            rd.fail("$.version", "unsupported version (this library reads version " +
                                     std::to_string(report_json_version) + ")");
    }
    rd.read(v, r, "$");
    if (rd.problems.empty())
        for (auto& p : validate(r)) rd.problems.push_back(std::move(p));
    if (!rd.problems.empty()) {
        std::string msg = "invalid report JSON (" + std::to_string(rd.problems.size()) + " problem" +
                          (rd.problems.size() == 1 ? "" : "s") + "):";
        for (const auto& p : rd.problems) msg += "\n  " + p;
        throw error(errc::parse_error, msg);
    }
    return r;
}

report report_from_json_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io_error, "cannot open \"" + path + "\"");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw error(errc::io_error, "cannot read \"" + path + "\"");
    return report_from_json(ss.str());
}

}  // namespace caizheng
