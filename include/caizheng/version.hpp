// caizheng — version of the headers (compile time) and of the library (run time).
#pragma once

#include "caizheng.h"

namespace caizheng {
/// MAJOR * 10000 + MINOR * 100 + PATCH of these headers.
inline constexpr int version_number = CZ_VERSION_NUMBER;
inline constexpr const char* version_string = CZ_VERSION_STRING;
}  // namespace caizheng
