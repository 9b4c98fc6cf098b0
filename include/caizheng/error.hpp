// caizheng — the one error style of the C++ API: exceptions of type caizheng::error.
//
// Every failure throws caizheng::error carrying an errc (mirrored 1:1 by the C API's
// status codes) and a human-readable message. Nothing in caizheng wraps around, returns
// infinity or rounds silently instead of throwing.
#pragma once

#include "caizheng/export.hpp"

#include <boost/describe/enum.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace caizheng {

/// Error categories. Values are stable: the C API returns them as status codes (cz_status).
enum class errc : int {
    ok = 0,
    invalid_argument = 1,  ///< a null pointer, an unknown enum value, a bad option
    parse_error = 2,       ///< text that is not what it should be; message quotes it with position
    overflow = 3,          ///< a result does not fit the 64-bit storage of its type
    division_by_zero = 4,  ///< a zero divisor, or a percentage on a zero base
    inexact = 5,           ///< more places than the target holds and no rounding mode given
    not_found = 6,         ///< a lookup found nothing
    io_error = 7,          ///< a file could not be read or written
    inconsistent = 8,      ///< data whose parts contradict each other (e.g. a catalog tree)
    unsupported = 9,       ///< a feature not built in or not available
    out_of_memory = 10,
    internal = 11,         ///< a bug in caizheng; please report it
};
BOOST_DESCRIBE_ENUM(errc, ok, invalid_argument, parse_error, overflow, division_by_zero, inexact,
                    not_found, io_error, inconsistent, unsupported, out_of_memory, internal)

/// The exception thrown by every caizheng C++ function.
class CAIZHENG_CXX_API error : public std::runtime_error {
public:
    error(errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
    [[nodiscard]] errc code() const noexcept { return code_; }

private:
    errc code_;
};

/// Thrown by parsers; position() is the 0-based byte offset of the offending character in
/// the text that was given (the message also quotes the text and a 1-based character column).
class CAIZHENG_CXX_API parse_error : public error {
public:
    parse_error(const std::string& message, std::size_t position)
        : error(errc::parse_error, message), position_(position) {}
    [[nodiscard]] std::size_t position() const noexcept { return position_; }

private:
    std::size_t position_;
};

/// Name of an error code ("overflow"), from its Boost.Describe description.
[[nodiscard]] CAIZHENG_CXX_API const char* errc_name(errc code) noexcept;

}  // namespace caizheng
