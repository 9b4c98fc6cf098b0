// Internal: an integer sort key for classification codes (not installed).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace caizheng::detail {

/// A code of up to 7 bytes as an integer ordered as the codes are (std::string_view order):
/// its bytes left-aligned in the top 7 bytes, zero-padded, then its length (which orders a
/// code before its extensions, NUL bytes included); nullopt for a longer code. Every code of
/// the classifications (3, 5 or 7 digits) has one.
inline std::optional<std::uint64_t> code_order_key(std::string_view code) noexcept {
    if (code.size() > 7) return std::nullopt;
    std::uint64_t k = code.size();
    for (std::size_t i = 0; i < code.size(); ++i) k |= std::uint64_t{static_cast<unsigned char>(code[i])} << (56 - 8 * i);
    return k;
}

}  // namespace caizheng::detail
