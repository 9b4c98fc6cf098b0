// Internal: what the extractor hands to the checks (claims plus the sentences they came from).
#pragma once

#include "caizheng/narrative.hpp"
#include "patterns.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caizheng::narrative_detail {

/// Text the extraction made itself (a heading "一、" + title, a logical paragraph joined from
/// several lines, a line without its '*'), in blocks that never move: views into it stay
/// valid as long as the arena (and the extraction that owns it, also after a move) lives.
class text_arena {
public:
    /// Copy of the concatenation of the pieces.
    std::string_view store(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
        const std::size_t n = a.size() + b.size() + c.size();
        // the standard library's arena; held by pointer so that moving the extraction keeps it
        if (!memory_) memory_ = std::make_unique<std::pmr::monotonic_buffer_resource>(block_size);
        char* const out = static_cast<char*>(memory_->allocate(n, 1));
        char* q = out;
        for (std::string_view piece : {a, b, c})
            if (!piece.empty()) {
                std::char_traits<char>::copy(q, piece.data(), piece.size());
                q += piece.size();
            }
        return {out, n};
    }

private:
    static constexpr std::size_t block_size = 8192;
    std::unique_ptr<std::pmr::monotonic_buffer_resource> memory_;
};

/// A sentence with its context. Lifetime: text, numeral and project are views into the report
/// the extraction was made of (its section numerals, its lines) or into the extraction's own
/// text_arena; an extraction must not outlive its report (extract_claims and project_claims
/// copy what they hand out).
struct sentence_info {
    std::string_view text;
    source_location source;
    std::string_view numeral;  ///< section numeral, "附件" for annex prose
    std::int32_t number = 0;
    section_kind kind = section_kind::unknown;
    std::int32_t group = 0;   ///< logical paragraph id (a change's subject may be in an earlier sentence)
    std::int32_t item = -1;   ///< 项 block id inside 五（三）, −1 outside
    std::int32_t block = 0;   ///< sub-heading block id (reset at each "（一）" heading)
    bool heading = false;     ///< a title or sub-heading (checked for year/department only)
    bool department_scope = true;  ///< department names in it are checked
    std::string_view project;  ///< annex: current project heading ("（1）…")
    /// False when the extractor's word scan found no region suffix (省, 市, 区 …; patterns.hpp)
    /// anywhere in the text, at any byte: then the text names no department (checked in
    /// check.cpp's departments(), which looks for a region suffix on character boundaries
    /// only). True when it found one or did not scan the text.
    bool region_suffix = true;
    /// Where the word scan found them: extraction::region_at[regions_begin, regions_end), byte
    /// offsets into text in increasing order (every region suffix departments() can see on
    /// its character boundaries is among them). −1 when the extractor did not scan the text:
    /// departments() then reads all of it.
    std::int32_t regions_begin = -1, regions_end = -1;
};

/// project_key of the names one report's annex is matched by, each computed once when first
/// asked for (the lookups stop at the first match: the names after it need no key): its
/// 自评表 projects, its 基础数据表 row labels, and the project names of its prose (by view: the
/// sentences of one project share the view of its heading).
class project_key_memo {
public:
    const std::string& evaluation(const report& r, std::size_t k);
    const std::string& basic(const report& r, std::size_t k) {
        // inline when known (check() asks for every row of the table per project claim)
        const std::size_t rows = r.annex.basic_data ? r.annex.basic_data->rows.size() : 0;
        if (basic_.size() == rows && basic_[k]) return *basic_[k];
        return basic_key(r, k);
    }
    const std::string& prose(std::string_view name);

private:
    const std::string& basic_key(const report& r, std::size_t k);
    std::vector<std::optional<std::string>> evaluation_, basic_;
    std::vector<std::pair<std::string_view, std::string>> prose_;
};

/// A view of text the extraction keeps (see claim): a std::string_view that makes a
/// std::string when joined with `+` to strings and literals (the checks' messages), and that
/// cannot be made from a temporary std::string (it would dangle).
struct text : std::string_view {
    constexpr text() noexcept = default;
    constexpr text(std::string_view v) noexcept : std::string_view(v) {}  // NOLINT: a view
    constexpr text(const char* s) noexcept : std::string_view(s) {}       // NOLINT: a literal
    text(const std::string& s) noexcept : std::string_view(s) {}          // NOLINT: a view of it
    text(std::string&&) = delete;
};
inline std::string operator+(std::string a, text b) { return a.append(b); }
inline std::string operator+(text a, const std::string& b) { return std::string(a).append(b); }
inline std::string operator+(const char* a, text b) { return std::string(a).append(b); }
inline std::string operator+(text a, const char* b) { return std::string(a).append(b); }

/// A claim as the extraction keeps it: narrative_claim (the same fields and meaning) with
/// views instead of strings, and without the sentence (sentence_of). The views point into the
/// report, the extraction's text_arena or string literals (patterns.hpp, the units), so an
/// extraction must not outlive its report. extract_claims() copies them into narrative_claims.
struct claim_view {
    claim_kind kind = claim_kind::amount;
    text topic;
    text code;
    std::optional<decimal> value;
    text unit;
    text printed;
    claim_direction direction = claim_direction::none;
    text base_phrase;
    std::int32_t subject = -1;
    std::int32_t base = -1;
    std::int32_t related = -1;
    text section;
    std::int32_t section_number = 0;
    source_location source;
};

/// Extraction result: claims and for each its sentence index; flags for
/// claims that belong to an "其中" group (index of the group's total, −1 if none).
struct extraction {
    std::vector<claim_view> claims;
    std::vector<sentence_info> sentences;
    std::vector<std::int32_t> sentence_of;  ///< per claim
    std::vector<std::int32_t> part_of;      ///< per claim: total of its 其中 group, −1
    std::vector<char> date;                 ///< per claim: a year that is part of a date
    std::vector<char> compared_year;        ///< per claim: year after 与/比/较 (expects year − 1)
    std::vector<char> period_end;           ///< per claim: a date after 截至/截止 (expects year)
    std::int32_t annex_first = 0;           ///< index of the first sentence of the annex prose
    std::vector<std::uint32_t> region_at;   ///< region suffix offsets of the sentences (sentence_info)
    text_arena arena;                       ///< text of the sentences not in the report itself
    /// Project keys, shared by project_claims() and check() (both read the same report).
    /// Filled in by project_claims() through a const extraction: one extraction is read by one
    /// thread at a time (each public call and each reconciler run makes its own).
    mutable project_key_memo project_keys;
};

/// Read the report's narrative and annex prose.
extraction extract(const report& r);
/// For extract_project_claims: the sentences of the annex prose (the 自评报告) and the claims
/// of those that can hold a project claim (a current project, or a figure in 分). Its
/// project_spending / project_score claims are those of extract() (whose annex part starts
/// from a fresh state: annex() resets topic, item and block; a claim's kind, value and
/// printed form depend on its own sentence only); other claims are left out.
extraction extract_annex(const report& r);

/// check_narrative on an extraction of the report made by extract() (the reconciler makes one
/// for the N.* and the P.* families).
std::vector<finding> check(const report& r, const narrative_options& options, extraction x);
/// extract_project_claims from an extraction of the report, by extract() or extract_annex():
/// the project claims of its annex sentences (those from annex_first on).
std::vector<project_claim> project_claims(const report& r, const extraction& x);

/// same_project_name in two steps, so that keys can be computed once per name:
/// project_key normalizes a name, same_project_key compares two keys.
std::string project_key(std::string_view name);
/// project_key by the general path (classification::normalize_name, then the quotes erased
/// one kind after the other); project_key takes a one-pass path when the name is well-formed
/// UTF-8 and gives the same key (narrative_test compares the two).
std::string project_key_general(std::string_view name);
bool same_project_key(std::string_view x, std::string_view y) noexcept;

/// UTF-8 helpers.
/// Length of the UTF-8 sequence starting with byte c (1 for invalid bytes).
inline constexpr std::size_t u8len_of(unsigned char c) noexcept {
    return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
}
inline constexpr auto u8len_table = [] {
    std::array<std::uint8_t, 256> t{};
    for (unsigned c = 0; c < 256; ++c) t[c] = static_cast<std::uint8_t>(u8len_of(static_cast<unsigned char>(c)));
    return t;
}();
inline std::size_t u8len(unsigned char c) noexcept { return u8len_table[c]; }
// Byte loops instead of std::string_view::find/compare: the words are short UTF-8 strings and
// the first byte of CJK text repeats constantly, so memchr + memcmp per candidate is slow.
inline bool starts_with(std::string_view s, std::size_t at, std::string_view w) noexcept {
    if (s.size() < at + w.size()) return false;
    for (std::size_t k = 0; k < w.size(); ++k)
        if (s[at + k] != w[k]) return false;
    return true;
}
/// First position of w in s at or after `from`, npos if none.
inline std::size_t find_word(std::string_view s, std::string_view w, std::size_t from = 0) noexcept {
    if (w.empty()) return from <= s.size() ? from : std::string_view::npos;
    if (s.size() < w.size()) return std::string_view::npos;
    const char c0 = w[0];
    for (std::size_t i = from, last = s.size() - w.size(); i <= last; ++i)
        if (s[i] == c0 && starts_with(s, i, w)) return i;
    return std::string_view::npos;
}
/// Last position of w in s, npos if none.
inline std::size_t rfind_word(std::string_view s, std::string_view w) noexcept {
    if (w.empty() || s.size() < w.size()) return std::string_view::npos;
    const char c0 = w[0];
    for (std::size_t i = s.size() - w.size() + 1; i-- > 0;)
        if (s[i] == c0 && starts_with(s, i, w)) return i;
    return std::string_view::npos;
}
inline bool contains(std::string_view s, std::string_view w) noexcept {
    return find_word(s, w) != std::string_view::npos;
}
/// Is the code point at s[i] a CJK ideograph (U+3400–U+9FFF)?
inline bool is_cjk_at(std::string_view s, std::size_t i) noexcept {
    if (i + 3 > s.size()) return false;
    const auto c0 = static_cast<unsigned char>(s[i]);
    if ((c0 >> 4) != 0xE) return false;
    const unsigned cp = ((c0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    return cp >= 0x3400 && cp <= 0x9FFF;
}

}  // namespace caizheng::narrative_detail
