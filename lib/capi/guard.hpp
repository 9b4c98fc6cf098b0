// Internal: the C API's exception barrier and shared helpers. Not installed.
#pragma once

#include "caizheng.h"
#include "caizheng/error.hpp"
#include "caizheng/rounding.hpp"

#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace caizheng::capi {

/// Record `message` as this thread's last error and return `status`.
cz_status fail(cz_status status, const std::string& message) noexcept;

/// Run `body` (which returns void and writes outputs only after everything has succeeded);
/// translate every exception into a status and this thread's message. Never throws.
template <class F>
cz_status guard(F&& body) noexcept {
    try {
        body();
        return CZ_OK;
    } catch (const caizheng::error& e) {
        return fail(static_cast<cz_status>(e.code()), e.what());
    } catch (const std::bad_alloc&) {
        return fail(CZ_ERR_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(CZ_ERR_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(CZ_ERR_INTERNAL, "internal error: unknown exception");
    }
}

/// Throw error(invalid_argument) naming `name` when `p` is null.
inline void require(const void* p, const char* name) {
    if (p == nullptr) throw error(errc::invalid_argument, std::string(name) + " must not be NULL");
}

/// CZ_ROUND_* → rounding_mode; CZ_ROUND_NONE → nullopt.
std::optional<rounding_mode> optional_mode(std::int32_t rounding);
/// CZ_ROUND_* → rounding_mode; CZ_ROUND_NONE is not allowed here.
rounding_mode required_mode(std::int32_t rounding);
/// Validate and convert a CZ_UNIT_*.
int unit_power_of(std::int32_t unit);

/// A malloc'ed NUL-terminated copy for the caller (freed with cz_string_free).
char* copy_out(std::string_view s);

/// A NUL-terminated UTF-8 argument as a string_view; throws for NULL.
inline std::string_view text_arg(const char* s, const char* name) {
    require(s, name);
    return std::string_view(s);
}

}  // namespace caizheng::capi
