// Internal (not installed): Boost.Describe-described structs and enums → JSON, shared by the
// report JSON (lib/report/json.cpp), the scoring profiles (lib/scoring/profile.cpp) and the
// reconciliation JSON renderer (lib/reconcile/render_json.cpp).
//
// The mapping, the same everywhere:
//   std::string → string; bool → true/false; described enum → its name (enum_to_string, "unknown"
//   when not an enumerator); signed integer → int64; unsigned → uint64; decimal → exact decimal
//   STRING ("1227.61"), never a JSON number; std::optional → null when empty; std::vector → array;
//   a described struct → object with its public members by name, in declaration order.
//
// Two ways to write:
//   - to_value(x): a boost::json::value tree (when the caller edits the tree before writing);
//   - write_json(out, x, pretty): the JSON text appended to `out` directly, with no
//     intermediate value (the fast path: no allocation per member, strings copied once).
// Both give the same text as render(to_value(x), pretty). Pretty form: two-space indentation,
// one member or element per line, empty objects/arrays as {} / [].
#pragma once

#include "caizheng/decimal.hpp"

#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace caizheng::describe_json {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

// ---- tree ------------------------------------------------------------------------------------

template <class T>
boost::json::value to_value(const T& v) {
    namespace json = boost::json;
    if constexpr (std::is_same_v<T, std::string>) {
        return json::value(json::string_view(v.data(), v.size()));
    } else if constexpr (std::is_same_v<T, bool>) {
        return json::value(v);
    } else if constexpr (std::is_enum_v<T>) {
        return json::value(boost::describe::enum_to_string(v, "unknown"));
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
        return json::value(static_cast<std::int64_t>(v));
    } else if constexpr (std::is_integral_v<T>) {
        return json::value(static_cast<std::uint64_t>(v));
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
        o.reserve(boost::mp11::mp_size<boost::describe::describe_members<T, boost::describe::mod_public>>::value);
        boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
            [&](auto D) { o.emplace(D.name, to_value(v.*D.pointer)); });
        return o;
    }
}

/// A value tree as text, in the pretty form described above when `pretty` (with a final
/// newline), else compact (boost::json::serialize).
inline void pretty_print(std::string& out, const boost::json::value& v, int level) {
    namespace json = boost::json;
    const auto indent = [&](int n) { out.append(static_cast<std::size_t>(n) * 2, ' '); };
    if (v.is_object() && !v.get_object().empty()) {
        out += "{\n";
        bool first = true;
        for (const auto& kv : v.get_object()) {
            if (!first) out += ",\n";
            first = false;
            indent(level + 1);
            out += json::serialize(kv.key());
            out += ": ";
            pretty_print(out, kv.value(), level + 1);
        }
        out += "\n";
        indent(level);
        out += "}";
    } else if (v.is_array() && !v.get_array().empty()) {
        out += "[\n";
        bool first = true;
        for (const auto& e : v.get_array()) {
            if (!first) out += ",\n";
            first = false;
            indent(level + 1);
            pretty_print(out, e, level + 1);
        }
        out += "\n";
        indent(level);
        out += "]";
    } else {
        out += json::serialize(v);
    }
}

inline std::string render(const boost::json::value& v, bool pretty) {
    if (!pretty) return boost::json::serialize(v);
    std::string out;
    pretty_print(out, v, 0);
    out += "\n";
    return out;
}

// ---- direct text -------------------------------------------------------------------------------

/// Appends JSON text for described values to a string. Objects can be opened by hand
/// (begin_object / key / end_object) to add members around a described struct.
class text_writer {
public:
    text_writer(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

    /// A JSON string literal (escaping done by Boost.JSON; plain text copied as is).
    void string(std::string_view s) {
        for (const char c : s) {
            if (escaped(static_cast<unsigned char>(c))) {
                out_ += boost::json::serialize(boost::json::string_view(s.data(), s.size()));
                return;
            }
        }
        const std::size_t at = out_.size();
        out_.resize(at + s.size() + 2);
        char* d = out_.data() + at;
        d[0] = '"';
        if (!s.empty()) std::memcpy(d + 1, s.data(), s.size());
        d[s.size() + 1] = '"';
    }

    void begin_object() {
        out_ += '{';
        ++level_;
        first_ = true;
    }
    /// A member name known to need no escaping (a C++ identifier from the description).
    void key(std::string_view k) {
        separator();
        out_ += '"';
        out_ += k;
        out_ += pretty_ ? "\": " : "\":";
    }
    void end_object(bool empty) { close('}', empty); }
    /// An array opened by hand: element() before each element, end_array(empty) after the last.
    void begin_array() {
        out_ += '[';
        ++level_;
        first_ = true;
    }
    void element() { separator(); }
    void end_array(bool empty) { close(']', empty); }
    void null() { out_ += "null"; }

    template <class T>
    void value(const T& v) {
        if constexpr (std::is_same_v<T, std::string>) {
            string(v);
        } else if constexpr (std::is_same_v<T, bool>) {
            out_ += v ? "true" : "false";
        } else if constexpr (std::is_enum_v<T>) {
            string(boost::describe::enum_to_string(v, "unknown"));
        } else if constexpr (std::is_integral_v<T>) {
            char buf[24];
            const auto r = std::to_chars(buf, buf + sizeof buf, v);
            out_.append(buf, r.ptr);
        } else if constexpr (std::is_same_v<T, decimal>) {
            string(v.to_string());
        } else if constexpr (is_optional<T>::value) {
            if (v) value(*v);
            else out_ += "null";
        } else if constexpr (is_vector<T>::value) {
            out_ += '[';
            ++level_;
            first_ = true;
            for (const auto& e : v) {
                separator();
                value(e);
            }
            close(']', v.empty());
        } else {
            begin_object();
            members(v);
            end_object(boost::mp11::mp_size<boost::describe::describe_members<T, boost::describe::mod_public>>::value == 0);
        }
    }

    /// The members of a described struct, inside an object already begun.
    template <class T>
    void members(const T& v) {
        boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto D) {
            key(D.name);
            value(v.*D.pointer);
        });
    }

private:
    /// Bytes a JSON string cannot hold as they are: '"', '\\' and the controls below 0x20.
    static bool escaped(unsigned char c) noexcept {
        static constexpr auto table = [] {
            std::array<bool, 256> t{};
            for (int i = 0; i < 0x20; ++i) t[static_cast<std::size_t>(i)] = true;
            t['"'] = t['\\'] = true;
            return t;
        }();
        return table[c];
    }

    std::string& out_;
    bool pretty_;
    int level_ = 0;
    bool first_ = true;

    void newline_indent(int level) {
        out_ += '\n';
        out_.append(static_cast<std::size_t>(level) * 2, ' ');
    }
    void separator() {
        if (!first_) out_ += ',';
        first_ = false;
        if (pretty_) newline_indent(level_);
    }
    void close(char c, bool empty) {
        --level_;
        if (pretty_ && !empty) newline_indent(level_);
        out_ += c;
        first_ = false;
    }
};

/// x as JSON text appended to `out` (same text as render(to_value(x), pretty), without the
/// final newline).
template <class T>
void write_json(std::string& out, const T& x, bool pretty) {
    text_writer(out, pretty).value(x);
}

}  // namespace caizheng::describe_json
