// Internal: building catalog tables at run time (loading, overlays). Not installed.
#pragma once

#include "tables.hpp"

#include <memory>
#include <string>
#include <vector>

namespace caizheng::classification::detail {

/// Tables that own their storage; `view` points into the vectors.
struct owned_tables {
    std::vector<entry> entries;
    std::string pool;
    std::vector<std::uint32_t> name_order;
    std::vector<std::uint32_t> slots;
    std::vector<std::uint32_t> name_slots;
    catalog_tables view{};
};

struct row {
    std::string code;
    std::string name;
};

/// Build the tables from well-formed rows with unique codes (in any order), with the same
/// layout and hash as the generator.
std::shared_ptr<owned_tables> build_tables(tree t, int year, bool complete, std::vector<row> rows);

/// Index of `code`'s entry, or -1. `code` must be well-formed for the tree.
std::ptrdiff_t find_index(const catalog_tables& t, std::string_view code) noexcept;

/// The code of an entry ("2010301").
std::string_view code_of(const entry& e, char (&buf)[8]) noexcept;

}  // namespace caizheng::classification::detail
