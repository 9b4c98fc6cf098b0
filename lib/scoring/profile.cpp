// Scoring profiles as JSON (Boost.JSON over Boost.Describe), the built-in profiles embedded
// from data/scoring/*.json, and the review as JSON.
#include "caizheng/scoring.hpp"

#include "../common/describe_json.hpp"

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <type_traits>
#include <utility>

namespace caizheng {

namespace json = boost::json;

namespace {

struct embedded_profile {
    const char* name;
    const char* json;
};
constexpr embedded_profile embedded_profiles[] = {
#include "scoring_profiles.inc"
};

using describe_json::is_optional;
using describe_json::is_vector;
using describe_json::render;
using describe_json::to_value;

// ---- reading ----------------------------------------------------------------------------------

struct reader {
    std::vector<std::string> problems;
    void fail(const std::string& path, const std::string& msg) { problems.push_back(path + ": " + msg); }

    template <class T>
    void read(const json::value& v, T& out, const std::string& path) {
        if constexpr (std::is_same_v<T, std::string>) {
            if (!v.is_string()) return fail(path, "expected a string");
            out = std::string(v.get_string());
        } else if constexpr (std::is_same_v<T, bool>) {
            if (!v.is_bool()) return fail(path, "expected true or false");
            out = v.get_bool();
        } else if constexpr (std::is_enum_v<T>) {
            if (!v.is_string()) return fail(path, "expected a name");
            const std::string s(v.get_string());
            if (!boost::describe::enum_from_string(s.c_str(), out)) {
                std::string names;
                boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto D) {
                    names += names.empty() ? "" : ", ";
                    names += D.name;
                });
                fail(path, "unknown value \"" + s + "\" (one of: " + names + ")");
            }
        } else if constexpr (std::is_same_v<T, decimal>) {
            try {
                if (v.is_string()) {
                    out = decimal::parse(std::string(v.get_string()));
                } else if (v.is_int64()) {
                    out = decimal::from_integer(v.get_int64());
                } else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
                    out = decimal::from_integer(static_cast<std::int64_t>(v.get_uint64()));
                } else {
                    fail(path, "expected a decimal as a string (\"90\", \"99.5\") or an integer");
                }
            } catch (const error& e) {
                fail(path, std::string("bad decimal: ") + e.what());
            }
        } else if constexpr (is_optional<T>::value) {
            if (v.is_null()) {
                out.reset();
            } else {
                typename T::value_type inner{};
                if (out) inner = *out;
                read(v, inner, path);
                out = inner;
            }
        } else {
            if (!v.is_object()) return fail(path, "expected an object");
            const auto& o = v.get_object();
            for (const auto& kv : o) {
                bool known = false;
                boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
                    [&](auto D) {
                        if (kv.key() == D.name) {
                            known = true;
                            read(kv.value(), out.*D.pointer, path + "." + D.name);
                        }
                    });
                if (!known && !(path == "$" && kv.key() == "base"))
                    fail(path + "." + std::string(kv.key()), "unknown member");
            }
        }
    }
};

/// Parse a profile. It starts from *base_override when given (central starts from the C++
/// defaults), else from the profile its "base" member names (central when absent), looked up in
/// `available`.
scoring_profile parse_profile(std::string_view text, const scoring_profile* base_override,
                              const std::vector<scoring_profile>& available);

const scoring_profile* find_builtin_in(const std::vector<scoring_profile>& v, std::string_view name) {
    for (const auto& p : v)
        if (p.name == name) return &p;
    return nullptr;
}

/// The built-in profiles, parsed once (central first, as the .inc lists it).
const std::vector<scoring_profile>& builtins() {
    static const std::vector<scoring_profile> all = [] {
        std::vector<scoring_profile> v;
        const scoring_profile defaults{};
        for (const auto& e : embedded_profiles) {
            scoring_profile p = parse_profile(e.json, v.empty() ? &defaults : nullptr, v);
            if (p.name != e.name)
                throw error(errc::internal, std::string("built-in profile file ") + e.name +
                                                ".json names itself \"" + p.name + "\"");
            v.push_back(std::move(p));
        }
        return v;
    }();
    return all;
}

scoring_profile parse_profile(std::string_view text, const scoring_profile* base_override,
                              const std::vector<scoring_profile>& available) {
    json::value root;
    try {
        root = json::parse(json::string_view(text.data(), text.size()));
    } catch (const std::exception& e) {
        throw parse_error(std::string("scoring profile is not JSON: ") + e.what(), 0);
    }
    if (!root.is_object()) throw error(errc::parse_error, "$: a scoring profile must be a JSON object");
    scoring_profile p;
    if (base_override) {
        p = *base_override;
    } else {
        std::string base_name = "central";
        if (const auto* b = root.get_object().if_contains("base")) {
            if (!b->is_string()) throw error(errc::parse_error, "$.base: expected the name of a built-in profile");
            base_name = std::string(b->get_string());
        }
        const auto* b = find_builtin_in(available, base_name);
        if (!b) throw error(errc::parse_error, "$.base: no built-in profile \"" + base_name + "\"");
        p = *b;
    }
    reader rd;
    rd.read(root, p, "$");
    if (!rd.problems.empty()) {
        std::string msg = "bad scoring profile:";
        for (const auto& s : rd.problems) msg += "\n  " + s;
        throw error(errc::parse_error, msg);
    }
    if (!(p.grades.excellent >= p.grades.good && p.grades.good >= p.grades.fair))
        throw error(errc::parse_error, "$.grades: bands must satisfy excellent ≥ good ≥ fair");
    if (!(p.tiers.achieved >= p.tiers.partial))
        throw error(errc::parse_error, "$.tiers: bands must satisfy achieved ≥ partial");
    if (p.total_weight <= decimal{}) throw error(errc::parse_error, "$.total_weight: must be positive");
    return p;
}

}  // namespace

const scoring_profile& builtin_profile(std::string_view name) {
    const auto* p = find_builtin_in(builtins(), name);
    if (!p) throw error(errc::not_found, "no built-in scoring profile \"" + std::string(name) + "\"");
    return *p;
}

const scoring_profile& central_profile() { return builtins().front(); }

std::vector<std::string> builtin_profile_names() {
    std::vector<std::string> names;
    for (const auto& p : builtins()) names.push_back(p.name);
    return names;
}

scoring_profile profile_from_json(std::string_view text) { return parse_profile(text, nullptr, builtins()); }

std::string profile_to_json(const scoring_profile& p, bool pretty) { return render(to_value(p), pretty); }

std::string review_to_json(const performance_review& review, bool pretty) {
    return render(to_value(review), pretty);
}

}  // namespace caizheng
