// Internal: message texts written at their final length — a decimal's text in place (the
// characters of decimal::to_string) and the pieces of a message joined in one allocation
// (lib/common/text.hpp).
#pragma once

#include "caizheng/decimal.hpp"

#include "../common/text.hpp"

namespace caizheng::scoring_detail {

/// A decimal's text (decimal::to_string: "-12.50", exactly `scale` places) in place; empty
/// when default-constructed.
struct dec_text : detail::small_text {
    dec_text() = default;
    explicit dec_text(const decimal& d) noexcept : small_text(detail::fixed_text(d.mantissa(), d.scale())) {}
};

using detail::cat;

}  // namespace caizheng::scoring_detail
