// caizheng — 绩效指标 values: the 年度指标值 (target) and 实际完成值 (actual) text of a
// 项目支出绩效自评表, parsed into a comparison, an exact number and a unit — or classified as
// qualitative / not computable, with the reason. Nothing is guessed: a text that does not
// follow the grammar below is never turned into a number.
//
// Grammar (after trimming ASCII and full-width spaces):
//   [prefix] number [余|多] [unit] [suffix]
//   prefix  ≥ ≧ >= ＞＝ 不低于 不少于 不小于 大于等于 达到   → at_least
//           ≤ ≦ <= ＜＝ 不高于 不超过 不多于 小于等于 控制在  → at_most
//           = ＝ → equal;  > ＞ 大于 高于 → greater;  < ＜ 小于 低于 → less
//   number  ASCII or full-width digits, optional ',' grouping, optional '.'/'．' fraction
//   余 / 多 after the number: "at least" ("2000余册" = ≥ 2000 册), approximate = true
//   unit    what follows ("册", "%", "万元", "个工作日"; ％ is read as %), ≤ 8 characters, no
//           digits and no punctuation
//   suffix  以上 / 及以上 → at_least; 以下 / 以内 / 及以下 → at_most
// Anything without a digit is qualitative ("提高经济效益", "一般", "同比下降"). Text with a
// digit that does not fit the grammar is not computable ("1-2次", "约100个", "完成82名窗口人员…",
// "≥", conflicting prefix and suffix) — the reason says which.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/export.hpp"

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace caizheng {

/// The comparison a value is written with. Values are stable (C API: CZ_CMP_*).
enum class comparison : int {
    none = 0,      ///< no operator written ("95%", "4场")
    at_least = 1,  ///< ≥ (also 余/多 after the number, 以上 after the unit)
    at_most = 2,   ///< ≤ (also 以下/以内 after the unit)
    equal = 3,     ///< =
    greater = 4,   ///< >
    less = 5,      ///< <
};
BOOST_DESCRIBE_ENUM(comparison, none, at_least, at_most, equal, greater, less)

/// What a target/actual text is. Values are stable (C API: CZ_VALUE_*).
enum class value_kind : int {
    number = 0,          ///< a number, with a comparison and a unit as written
    qualitative = 1,     ///< prose without a digit
    not_computable = 2,  ///< has a digit but does not follow the grammar (reason says why)
    empty = 3,           ///< nothing printed
};
BOOST_DESCRIBE_ENUM(value_kind, number, qualitative, not_computable, empty)

/// A parsed 年度指标值 or 实际完成值.
struct indicator_value {
    value_kind kind = value_kind::empty;
    comparison op = comparison::none;
    bool approximate = false;       ///< written with 余/多 ("2000余册"): op is then at_least
    std::optional<decimal> number;  ///< exact, the places as written; set iff kind == number
    std::string unit;               ///< "册", "%", "万元", "个工作日"; "" when none
    std::string text;               ///< the text, trimmed
    std::string reason;             ///< qualitative / not computable / empty: why (English)
    friend bool operator==(const indicator_value&, const indicator_value&) = default;
};
BOOST_DESCRIBE_STRUCT(indicator_value, (), (kind, op, approximate, number, unit, text, reason))

/// Parse a target or actual text. Never throws for content (a malformed text is
/// not_computable with its reason).
[[nodiscard]] CAIZHENG_CXX_API indicator_value parse_indicator_value(std::string_view text);

/// Stable English names ("at_least", "not_computable"), "unknown" when invalid.
[[nodiscard]] CAIZHENG_CXX_API const char* comparison_name(comparison c) noexcept;
[[nodiscard]] CAIZHENG_CXX_API const char* value_kind_name(value_kind k) noexcept;
/// The operator as printed in a message ("≥", "≤", "=", ">", "<", "" for none).
[[nodiscard]] CAIZHENG_CXX_API const char* comparison_symbol(comparison c) noexcept;

/// Whether two units measure the same thing, and the power of ten k with b-value × 10^k =
/// a-value: equal strings (k = 0), or the money units 元/万元/亿元 (a 万元, b 元: k = −4). nullopt when the
/// units differ ("个" vs "次", "%" vs "").
[[nodiscard]] CAIZHENG_CXX_API std::optional<int> unit_conversion(std::string_view a,
                                                                  std::string_view b);

}  // namespace caizheng
