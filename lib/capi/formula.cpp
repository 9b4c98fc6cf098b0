// C API: audit formulas (see include/caizheng/capi/formula.h).
#include "guard.hpp"
#include "caizheng/formula.hpp"

#include <string>

using namespace caizheng;
using caizheng::capi::guard;
using caizheng::capi::require;

namespace {

struct located {
    std::int64_t line = 1;
    std::int32_t column = 1;
};

located locate(std::string_view text, std::size_t pos) {
    located l;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++l.line;
            l.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++l.column;
        }
    }
    return l;
}

}  // namespace

extern "C" {

int32_t cz_formula_check(const char* text, int32_t* out_valid, int64_t* out_position, int32_t* out_column,
                         char** out_message) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_valid, "out_valid");
        const auto err = check_formula(t);
        char* message = err ? capi::copy_out(err->what()) : nullptr;
        *out_valid = err ? 0 : 1;
        if (out_position) *out_position = err ? static_cast<int64_t>(err->position()) : -1;
        if (out_column) *out_column = err ? locate(t, err->position()).column : 0;
        if (out_message)
            *out_message = message;
        else
            cz_string_free(message);
    });
}

int32_t cz_formula_rules_check(const char* text, int32_t* out_valid, int64_t* out_rule_count, int64_t* out_line,
                               int32_t* out_column, char** out_message) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_valid, "out_valid");
        std::int64_t count = 0;
        std::optional<parse_error> err;
        try {
            count = static_cast<std::int64_t>(parse_formula_rules(t).size());
        } catch (const parse_error& e) {
            err = e;
        }
        char* message = err ? capi::copy_out(err->what()) : nullptr;
        const located at = err ? locate(t, err->position()) : located{0, 0};
        *out_valid = err ? 0 : 1;
        if (out_rule_count) *out_rule_count = count;
        if (out_line) *out_line = at.line;
        if (out_column) *out_column = at.column;
        if (out_message)
            *out_message = message;
        else
            cz_string_free(message);
    });
}

int32_t cz_formula_builtin_rules(char** out_text) {
    return guard([&] {
        require(out_text, "out_text");
        *out_text = capi::copy_out(builtin_formula_rules_text());
    });
}

}  // extern "C"
