// Internal: message texts without temporaries (not installed) — a number's text in a fixed
// buffer, and pieces joined at their final length. Shared by the money core (format_fixed), the
// reconciliation's findings and the 绩效 review.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace caizheng::detail {

/// A short text in a fixed buffer (no allocation): a number's digits.
struct small_text {
    char text[32];
    std::size_t size = 0;
    operator std::string_view() const noexcept { return {text, size}; }  // NOLINT: a view of it
};

/// raw × 10^−places (0 ≤ places ≤ 18) as text: a '-' when negative, at least one integer
/// digit, exactly `places` places, thousands separators in the integer part when `grouped`
/// ("-1,227.61"). format_fixed (money.hpp) returns the same text as a std::string.
inline small_text fixed_text(std::int64_t raw, int places, bool grouped = false) noexcept {
    // the magnitude without overflow for INT64_MIN; at most 19 digits
    std::uint64_t mag = raw < 0 ? ~static_cast<std::uint64_t>(raw) + 1 : static_cast<std::uint64_t>(raw);
    // The length first, then the characters from the last one backwards into place (no digit
    // string to lay out again): at most sign + 19 digits + 6 separators + point, or sign + "0." +
    // 18 places.
    int digits = 1;
    for (std::uint64_t t = mag; t >= 10; t /= 10) ++digits;
    const int int_digits = digits > places ? digits - places : 1;
    small_text s;
    s.size = static_cast<std::size_t>((raw < 0 ? 1 : 0) + int_digits + (grouped ? (int_digits - 1) / 3 : 0) +
                                      (places > 0 ? places + 1 : 0));
    char* p = s.text + s.size;
    for (int k = places; k > 0; --k) {  // exactly `places` places, zeros included
        *--p = static_cast<char>('0' + mag % 10);
        mag /= 10;
    }
    if (places > 0) *--p = '.';
    int written = 0;
    do {  // at least one integer digit
        if (grouped && written > 0 && written % 3 == 0) *--p = ',';
        *--p = static_cast<char>('0' + mag % 10);
        mag /= 10;
        ++written;
    } while (mag != 0);
    if (raw < 0) *--p = '-';
    return s;
}

/// std::to_string(v) without allocating.
inline small_text int_text(std::int64_t v) noexcept { return fixed_text(v, 0); }

/// Whether the n bytes at a and b are equal: memcmp inline, 8 bytes at a time, then byte by
/// byte (for the short words of the text scans, a call of the library's memcmp costs more
/// than the compare).
[[gnu::always_inline]] inline bool same_bytes(const void* a, const void* b, std::size_t n) noexcept {
    const auto* x = static_cast<const unsigned char*>(a);
    const auto* y = static_cast<const unsigned char*>(b);
    for (; n >= 8; x += 8, y += 8, n -= 8) {
        std::uint64_t u, v;
        std::memcpy(&u, x, 8);
        std::memcpy(&v, y, 8);
        if (u != v) return false;
    }
    for (; n > 0; ++x, ++y, --n)
        if (*x != *y) return false;
    return true;
}

/// Copy the n bytes at s to p and return p + n: inline for up to 16 bytes (two overlapping moves
/// of 8, 4 or 1 byte — a message's pieces are mostly a few characters, where a call of the
/// library's memcpy costs more than the copy), memcpy for longer ones. s and p must not overlap;
/// n == 0 reads nothing (a default view's data() is null).
[[gnu::always_inline]] inline char* put_bytes(char* p, const char* s, std::size_t n) noexcept {
    if (n >= 8) {
        if (n > 16) {
            std::memcpy(p, s, n);
            return p + n;
        }
        std::uint64_t a, b;
        std::memcpy(&a, s, 8);
        std::memcpy(&b, s + n - 8, 8);
        std::memcpy(p, &a, 8);
        std::memcpy(p + n - 8, &b, 8);
    } else if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, s, 4);
        std::memcpy(&b, s + n - 4, 4);
        std::memcpy(p, &a, 4);
        std::memcpy(p + n - 4, &b, 4);
    } else if (n > 0) {  // 1 to 3 bytes: the first, the middle and the last (some twice)
        p[0] = s[0];
        p[n / 2] = s[n / 2];
        p[n - 1] = s[n - 1];
    }
    return p + n;
}

namespace pieces {
/// A piece of a message: a string literal (its length known at compile time) or any string.
template <std::size_t N>
constexpr std::string_view piece(const char (&s)[N]) noexcept {
    return {s, N - 1};
}
inline std::string_view piece(std::string_view s) noexcept { return s; }

/// Copy a piece to p, return its end (a literal's copy is inlined, its length being constant).
template <std::size_t N>
char* put(char* p, const char (&s)[N]) noexcept {
    std::memcpy(p, s, N - 1);
    return p + (N - 1);
}
inline char* put(char* p, std::string_view s) noexcept { return put_bytes(p, s.data(), s.size()); }
}  // namespace pieces

/// Append the pieces (string literals, strings, views, small_text) to out: one resize to the
/// final length, then one copy per piece — no temporaries of a `+` chain. No piece may view
/// `out` itself.
template <class... P>
void append_pieces(std::string& out, const P&... parts) {
    const std::size_t old = out.size();
    out.resize((old + ... + pieces::piece(parts).size()));
    char* p = out.data() + old;
    ((p = pieces::put(p, parts)), ...);
}

/// A message of at most this many bytes is joined in a buffer on the stack and copied into its
/// string once (one exact-size allocation, no zero fill of a resize); longer ones are written
/// into a string resized to their length.
inline constexpr std::size_t stack_text = 512;

/// A new string of the n bytes write(char* p) writes at p: written into a stack buffer and copied
/// into a string made at its final length when short (one allocation), else into the string
/// itself. write must write exactly n bytes.
template <class Write>
std::string written_text(std::size_t n, const Write& write) {
    if (n > stack_text) {
        std::string s;
        s.resize(n);
        write(s.data());
        return s;
    }
    char buf[stack_text];
    write(buf);
    return std::string(buf, n);
}

/// The pieces joined into a new string (written_text: one allocation).
template <class... P>
std::string cat(const P&... parts) {
    return written_text((std::size_t{0} + ... + pieces::piece(parts).size()), [&](char* p) {
        ((p = pieces::put(p, parts)), ...);
    });
}

}  // namespace caizheng::detail
