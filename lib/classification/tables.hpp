// Internal: the layout of a catalog's constant tables, shared by the tables generated at build
// time (tools/classification/gen_tables.py → <build>/generated/classification_tables.cpp) and
// by catalogs loaded at run time. Not installed.
#pragma once

#include "caizheng/classification.hpp"

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace caizheng::classification::detail {

/// One row. key = (code padded with '0' to 7 digits) × 4 + level, so keys sort in code order
/// (a code before its children, "201" < "20101" < "2010101" < "20102") and are unique.
struct entry {
    std::uint32_t key;
    std::uint32_t name_offset;  ///< into catalog_tables::pool
    std::uint16_t name_length;
    std::uint8_t level;  ///< 1 类, 2 款, 3 项
    std::uint8_t reserved;
};

/// Multiplicative hash of a key into a table of 2^(32 − shift) slots (same formula in
/// gen_tables.py). Slots hold entry index + 1, 0 for empty; linear probing.
constexpr std::uint32_t slot_of(std::uint32_t key, std::uint32_t shift) noexcept {
    return static_cast<std::uint32_t>(key * 2654435769u) >> shift;
}

struct catalog_tables {
    tree kind;
    int year;
    bool complete;
    bool embedded;
    std::span<const entry> entries;             ///< sorted by key
    std::string_view pool;                      ///< every name, UTF-8
    std::span<const std::uint32_t> name_order;  ///< entry indices sorted by (name bytes, key)
    std::span<const std::uint32_t> slots;       ///< hash of keys; size a power of two
    std::uint32_t shift;
    /// Hash of distinct names (name_slot_of): slot = name_order position of the first row with
    /// that name + 1, 0 for empty; size a power of two, linear probing.
    std::span<const std::uint32_t> name_slots;
    std::uint32_t name_shift;
    level_counts counts;
    /// Every name is its own normalize_name() (no whitespace, U+3000 or ASCII parentheses), so
    /// a normalized name finds its rows through name_slots (resolve_path's fast path).
    bool names_normalized;
};

/// Hash of a name's bytes, 8 at a time (little-endian words, the last one zero-padded):
/// h = len·φ; per word h = (h ^ w)·φ, h ^= h >> 29; slot = top bits. Same in gen_tables.py.
inline std::uint32_t name_slot_of(std::string_view name, std::uint32_t shift) noexcept {
    constexpr std::uint64_t phi = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = static_cast<std::uint64_t>(name.size()) * phi;
    std::size_t i = 0;
    for (; i + 8 <= name.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, name.data() + i, 8);
        h = (h ^ w) * phi;
        h ^= h >> 29;
    }
    if (i < name.size()) {
        std::uint64_t w = 0;
        std::memcpy(&w, name.data() + i, name.size() - i);
        h = (h ^ w) * phi;
        h ^= h >> 29;
    }
    return static_cast<std::uint32_t>(h >> 32) >> shift;
}

/// One pair of the 两套支出经济分类科目对照表, codes as integers.
struct correspondence_pair {
    std::uint32_t government;
    std::uint32_t department;
};
struct correspondence_table {
    int year;
    std::span<const correspondence_pair> pairs;  ///< sorted by (government, department)
};

// Defined in the generated file.
extern const std::span<const catalog_tables> embedded_catalogs;
extern const std::span<const correspondence_table> embedded_correspondences;

/// Key of a well-formed code of known length 3/5/7 (digits not checked).
constexpr std::uint32_t key_of_digits(std::string_view code) noexcept {
    std::uint32_t v = 0;
    for (char c : code) v = v * 10 + static_cast<std::uint32_t>(c - '0');
    for (std::size_t n = code.size(); n < 7; ++n) v *= 10;
    return v * 4 + static_cast<std::uint32_t>((code.size() - 1) / 2);
}

/// Key of `code` when it is a code of a tree whose deepest level is `max_level` (2 or 3), else 0
/// (no valid key is 0). One pass: digits checked and accumulated together.
constexpr std::uint32_t parse_key(std::string_view code, int max_level) noexcept {
    const std::size_t n = code.size();
    if (n != 3 && n != 5 && (n != 7 || max_level < 3)) return 0;
    std::uint32_t v = 0;
    for (char c : code) {
        const auto d = static_cast<std::uint32_t>(static_cast<unsigned char>(c) - '0');
        if (d > 9) return 0;
        v = v * 10 + d;
    }
    constexpr std::uint32_t pad[8] = {0, 0, 0, 10000, 0, 100, 0, 1};
    return v * pad[n] * 4 + static_cast<std::uint32_t>((n - 1) / 2);
}

/// Index of the entry with `key` (from parse_key, non-zero), or -1.
inline std::ptrdiff_t find_key(const catalog_tables& t, std::uint32_t key) noexcept {
    const std::uint32_t mask = static_cast<std::uint32_t>(t.slots.size() - 1);
    for (std::uint32_t s = slot_of(key, t.shift);; s = (s + 1) & mask) {
        const std::uint32_t v = t.slots[s];
        if (v == 0) return -1;
        if (t.entries[v - 1].key == key) return static_cast<std::ptrdiff_t>(v - 1);
    }
}

}  // namespace caizheng::classification::detail
