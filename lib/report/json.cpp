// The report model ↔ JSON, driven by the Boost.Describe descriptions of report.hpp.
#include "caizheng/report_json.hpp"

#include "../common/describe_json.hpp"

#include <boost/describe/enumerators.hpp>
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

using describe_json::is_optional;
using describe_json::is_vector;

// ---- reading ----------------------------------------------------------------------------------

/// A JSON path built only when a problem is reported: each level points at its parent and
/// holds a member name or an array index (no string per member read).
struct path {
    const path* parent = nullptr;
    std::string_view member;  // empty: `index` is used (or the root "$" without parent)
    std::size_t index = 0;

    [[nodiscard]] std::string str() const {
        std::string s = parent ? parent->str() : std::string("$");
        if (!parent) return s;
        if (!member.empty()) {
            s += '.';
            s += member;
        } else {
            s += '[' + std::to_string(index) + ']';
        }
        return s;
    }
};

struct reader {
    std::vector<std::string> problems;

    void fail(const path& p, const std::string& msg) { fail(p.str(), msg); }
    void fail(const std::string& p, const std::string& msg) {
        if (problems.size() < 100) problems.push_back(p + ": " + msg);
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
    /// scale 2); the digits must fit decimal's signed 64-bit mantissa, at most 18 places.
    static std::optional<decimal> strict_decimal(std::string_view s) {
        std::size_t i = 0;
        const bool negative = i < s.size() && s[i] == '-';
        if (negative) ++i;
        std::uint64_t mantissa = 0;
        int scale = 0;
        bool point = false, any = false;
        // |mantissa| ≤ INT64_MAX, for both signs (decimal::to_string never writes INT64_MIN)
        constexpr std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '.' && !point && any) {
                point = true;
                continue;
            }
            if (c < '0' || c > '9') return std::nullopt;
            any = true;
            if (point && ++scale > decimal::max_scale) return std::nullopt;
            const auto d = static_cast<std::uint64_t>(c - '0');
            if (mantissa > (limit - d) / 10) return std::nullopt;
            mantissa = mantissa * 10 + d;
        }
        if (!any || (point && scale == 0)) return std::nullopt;
        const auto m = static_cast<std::int64_t>(mantissa);
        return decimal(negative ? -m : m, scale);
    }

    template <class E>
    static bool enum_named(std::string_view s, E& out) {
        bool found = false;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto D) {
            if (!found && s == D.name) {
                out = D.value;
                found = true;
            }
        });
        return found;
    }

    template <class T>
    void read(const json::value& v, T& out, const path& at) {
        if constexpr (std::is_same_v<T, std::string>) {
            if (!v.is_string()) return fail(at, std::string("expected a string, found ") + kind_of(v));
            out.assign(v.get_string().data(), v.get_string().size());
        } else if constexpr (std::is_same_v<T, bool>) {
            if (!v.is_bool()) return fail(at, std::string("expected true or false, found ") + kind_of(v));
            out = v.get_bool();
        } else if constexpr (std::is_enum_v<T>) {
            if (!v.is_string()) return fail(at, std::string("expected a name, found ") + kind_of(v));
            const std::string_view s(v.get_string().data(), v.get_string().size());
            T e{};
            if (!enum_named(s, e)) return fail(at, "unknown " + enum_what<T>() + " " + quote(s));
            out = e;
        } else if constexpr (std::is_integral_v<T>) {
            if (!v.is_int64() && !v.is_uint64())
                return fail(at, std::string("expected an integer, found ") + kind_of(v));
            bool fits = false;
            if (v.is_int64()) {
                const std::int64_t n = v.get_int64();
                fits = std::in_range<T>(n);
            } else {
                fits = std::in_range<T>(v.get_uint64());
            }
            if (!fits) return fail(at, "integer out of range");
            out = v.is_int64() ? static_cast<T>(v.get_int64()) : static_cast<T>(v.get_uint64());
        } else if constexpr (std::is_same_v<T, decimal>) {
            if (!v.is_string())
                return fail(at, std::string("amounts are decimal strings (\"1227.61\"), found ") + kind_of(v));
            const std::string_view s(v.get_string().data(), v.get_string().size());
            const auto d = strict_decimal(s);
            if (!d) return fail(at, "bad amount " + quote(s) + ": expected -?digits[.digits] (64-bit mantissa, ≤ 18 places)");
            out = *d;
        } else if constexpr (is_optional<T>::value) {
            if (v.is_null()) {
                out.reset();
                return;
            }
            typename T::value_type inner{};
            read(v, inner, at);
            out = std::move(inner);
        } else if constexpr (is_vector<T>::value) {
            if (!v.is_array()) return fail(at, std::string("expected an array, found ") + kind_of(v));
            const auto& a = v.get_array();
            out.clear();
            out.resize(a.size());
            for (std::size_t i = 0; i < a.size(); ++i) read(a[i], out[i], path{&at, {}, i});
        } else {
            if (!v.is_object()) return fail(at, std::string("expected an object, found ") + kind_of(v));
            // One pass over the object's members: each key is matched against the described
            // members (a few short comparisons), read in place, or reported as unknown.
            for (const auto& kv : v.get_object()) {
                const std::string_view key(kv.key().data(), kv.key().size());
                bool known = false;
                boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
                    [&](auto D) {
                        if (!known && key == D.name) {
                            known = true;
                            read(kv.value(), out.*D.pointer, path{&at, D.name, 0});
                        }
                    });
                if (!known && !(std::is_same_v<T, report> && (key == "format" || key == "version")))
                    fail(at.str() + "." + std::string(key), "unknown member");
            }
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
    // Written straight to text (no boost::json::value tree): "format" and "version" first,
    // then the members of `report` in declaration order.
    std::string out;
    out.reserve(64 * 1024);
    describe_json::text_writer w(out, pretty);
    w.begin_object();
    w.key("format");
    w.string(report_json_format);
    w.key("version");
    w.value(report_json_version);
    w.members(r);
    w.end_object(false);
    if (pretty) out += "\n";
    return out;
}

report report_from_json(std::string_view text) {
    boost::system::error_code ec;
    json::parse_options opt;
    opt.max_depth = 64;
    // All nodes of the parsed document from one monotonic arena (freed at once on return).
    unsigned char first_block[16384];
    json::monotonic_resource arena(first_block, sizeof first_block);
    const json::value v = json::parse(json::string_view(text.data(), text.size()), ec, &arena, opt);
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
    rd.read(v, r, path{});
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
