// Internal: message texts written at their final length — a decimal's text in place (the
// characters of decimal::to_string) and the pieces of a message joined in one allocation
// (lib/common/text.hpp); the substring search the 基础数据表 check uses on its labels.
#pragma once

#include "caizheng/decimal.hpp"

#include "../common/text.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace caizheng::scoring_detail {

/// A decimal's text (decimal::to_string: "-12.50", exactly `scale` places) in place; empty
/// when default-constructed.
struct dec_text : detail::small_text {
    dec_text() = default;
    explicit dec_text(const decimal& d) noexcept : small_text(detail::fixed_text(d.mantissa(), d.scale())) {}
};

// The message builders of lib/common/text.hpp (cat and append_pieces join through a stack
// buffer and copy short pieces inline).
using detail::append_pieces;
using detail::cat;
using detail::put_bytes;

/// A message's pieces gathered as views (up to `capacity`), then joined at their final length in
/// one allocation — for messages whose pieces depend on conditions (a `cat` of fixed arity would
/// need a branch per shape). The views must outlive str().
class text_parts {
public:
    static constexpr std::size_t capacity = 32;
    text_parts& operator<<(std::string_view s) noexcept {
        // Every caller adds at most `capacity` pieces (a fixed shape per message); more is a
        // programming error: it fails a Debug build (the asan test stage), and a release build drops
        // the piece rather than write out of bounds.
        assert(n_ < capacity && "text_parts: more pieces than a message shape has");
        if (n_ < capacity) {
            part_[n_++] = {s.data(), s.size()};
            size_ += s.size();
        }
        return *this;
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    /// Append the pieces to `out` (one resize, one copy per piece).
    void append_to(std::string& out) const {
        const std::size_t old = out.size();
        out.resize(old + size_);
        write(out.data() + old);
    }
    /// The pieces joined (as cat: detail::written_text, one allocation).
    [[nodiscard]] std::string str() const {
        return detail::written_text(size_, [this](char* p) { write(p); });
    }

private:
    void write(char* p) const noexcept {
        for (std::size_t i = 0; i < n_; ++i) p = put_bytes(p, part_[i].data, part_[i].size);
    }
    // Left uninitialized (a message uses a few of the slots): only part_[0, n_) is read.
    struct view {
        const char* data;
        std::size_t size;
    };
    view part_[capacity];
    std::size_t n_ = 0, size_ = 0;
};

/// contains(s, k) for a key of three or more bytes and a text at least as long: memchr finds
/// the key's third byte — in a Chinese key the first character's last byte, rarer than the
/// UTF-8 lead bytes that repeat all over Chinese text — and the key is compared there.
[[gnu::noinline]] inline bool contains_long(std::string_view s, std::string_view k) noexcept {
    const char* const base = s.data();
    // k[2] at p means k could start at p − 2; the last possible start is s.size() − k.size().
    const char* p = base + 2;
    const char* const end = base + (s.size() - k.size()) + 3;
    while (p < end) {
        const void* hit = std::memchr(p, static_cast<unsigned char>(k[2]), static_cast<std::size_t>(end - p));
        if (!hit) return false;
        p = static_cast<const char*>(hit);
        if (p[-2] == k[0] && p[-1] == k[1] && std::memcmp(p + 1, k.data() + 3, k.size() - 3) == 0) return true;
        ++p;
    }
    return false;
}
/// Whether `k` occurs in `s` (s.find(k) != npos); a text shorter than the key (a figure's
/// cell against a label's key) is answered here, without a call.
[[gnu::always_inline]] inline bool contains(std::string_view s, std::string_view k) noexcept {
    if (k.size() < 3) return s.find(k) != std::string_view::npos;
    return s.size() >= k.size() && contains_long(s, k);
}

}  // namespace caizheng::scoring_detail
