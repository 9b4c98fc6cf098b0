// C API: version, errors, strings.
#include "guard.hpp"
#include "caizheng/money.hpp"

#include <cstdlib>

namespace caizheng::capi {

namespace {
thread_local std::string last_error_message;
}

cz_status fail(cz_status status, const std::string& message) noexcept {
    try {
        last_error_message = message;
    } catch (...) {
        last_error_message.clear();
    }
    return status;
}

std::optional<rounding_mode> optional_mode(std::int32_t rounding) {
    if (rounding == CZ_ROUND_NONE) return std::nullopt;
    return required_mode(rounding);
}

rounding_mode required_mode(std::int32_t rounding) {
    if (rounding < CZ_ROUND_HALF_AWAY_FROM_ZERO || rounding > CZ_ROUND_CEILING)
        throw error(errc::invalid_argument, "unknown rounding mode " + std::to_string(rounding));
    return static_cast<rounding_mode>(rounding);
}

int unit_power_of(std::int32_t unit) {
    if (unit < CZ_UNIT_YUAN || unit > CZ_UNIT_YI_YUAN)
        throw error(errc::invalid_argument, "unknown unit " + std::to_string(unit));
    return unit_power(static_cast<money_unit>(unit));
}

char* copy_out(std::string_view s) {
    auto* p = static_cast<char*>(std::malloc(s.size() + 1));
    if (p == nullptr) throw std::bad_alloc();
    if (!s.empty()) std::memcpy(p, s.data(), s.size());  // an empty view may have a null data()
    p[s.size()] = '\0';
    return p;
}

}  // namespace caizheng::capi

extern "C" {

int32_t cz_version_number(void) { return CZ_VERSION_NUMBER; }
const char* cz_version_string(void) { return CZ_VERSION_STRING; }
const char* cz_last_error(void) { return caizheng::capi::last_error_message.c_str(); }
const char* cz_status_name(cz_status status) {
    if (status < 0 || status > CZ_ERR_INTERNAL) return "unknown";
    return caizheng::errc_name(static_cast<caizheng::errc>(status));
}
void cz_string_free(char* text) { std::free(text); }

}  // extern "C"
