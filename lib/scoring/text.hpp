// Internal: message texts written at their final length — a decimal's text formatted in place
// (the same characters as decimal::to_string) and the pieces of a message joined in one allocation.
#pragma once

#include "caizheng/decimal.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace caizheng::scoring_detail {

/// A decimal's text (decimal::to_string: "-12.50", exactly `scale` places) in place, for
/// messages written at their final length.
class dec_text {
public:
    dec_text() = default;
    explicit dec_text(const decimal& d) noexcept {
        const std::int64_t raw = d.mantissa();
        const int places = d.scale();
        std::uint64_t mag = raw < 0 ? ~static_cast<std::uint64_t>(raw) + 1 : static_cast<std::uint64_t>(raw);
        char digits[24];  // least significant first
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + mag % 10);
            mag /= 10;
        } while (mag != 0);
        while (n <= places) digits[n++] = '0';  // at least one integer digit
        if (raw < 0) buf_[len_++] = '-';
        for (int i = n - 1; i >= places; --i) buf_[len_++] = digits[i];
        if (places > 0) {
            buf_[len_++] = '.';
            for (int i = places - 1; i >= 0; --i) buf_[len_++] = digits[i];
        }
    }
    [[nodiscard]] std::size_t size() const noexcept { return len_; }
    operator std::string_view() const noexcept { return {buf_.data(), len_}; }  // NOLINT: used as text

private:
    std::array<char, 24> buf_{};  // sign, 19 digits or 18 places with "0.", the point
    std::size_t len_ = 0;
};

/// The pieces one after the other, in one allocation.
template <class... P>
std::string cat(const P&... pieces) {
    const std::array<std::string_view, sizeof...(P)> v{std::string_view(pieces)...};
    std::size_t n = 0;
    for (const auto x : v) n += x.size();
    std::string s;
    s.reserve(n);
    for (const auto x : v) s.append(x);
    return s;
}

}  // namespace caizheng::scoring_detail
