// Shared helpers of the fuzz targets: property checks that abort (libFuzzer and the replay
// driver both report an abort as a failure with the input that caused it).
#pragma once

#include <caizheng.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: property failed: %s (last error: %s)\n", __FILE__, \
                         __LINE__, #cond, cz_last_error());                               \
            std::abort();                                                                 \
        }                                                                                 \
    } while (0)

namespace fuzz {

/// The input as a std::string (may contain NULs; the C API sees it up to the first one).
inline std::string text_of(const std::uint8_t* data, std::size_t size) {
    return size == 0 ? std::string() : std::string(reinterpret_cast<const char*>(data), size);
}

/// Whether the input has no NUL byte, so the C API and the C++ API see the same text.
inline bool same_text(const std::string& s) { return s.find('\0') == std::string::npos; }

/// A failed C call must leave a message and be one of the input errors, never internal.
inline void check_failure(cz_status st) {
    FUZZ_CHECK(st == CZ_ERR_PARSE || st == CZ_ERR_INEXACT || st == CZ_ERR_OVERFLOW ||
               st == CZ_ERR_INVALID_ARGUMENT || st == CZ_ERR_DIVISION_BY_ZERO);
    FUZZ_CHECK(cz_last_error()[0] != '\0');
}

/// Format-and-free helper for round trips.
inline std::string take(char* p) {
    std::string s = p == nullptr ? std::string() : std::string(p);
    cz_string_free(p);
    return s;
}

constexpr std::int64_t sentinel64 = 0x5A5A5A5A5A5A5A5A;
constexpr std::int32_t sentinel32 = 0x5A5A5A5A;

}  // namespace fuzz
