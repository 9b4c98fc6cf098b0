// Internal: 绩效指标 values parsed into views (no string copies) and scored on them; the public
// parse_indicator_value / score_indicator build their owned results from these (one
// implementation), and score_project's checks use them directly, writing a reason only into a
// finding that is emitted.
#pragma once

#include "caizheng/scoring.hpp"

#include "text.hpp"

#include <array>
#include <cstdint>
#include <new>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caizheng::scoring_detail {

/// A reason written as head + arg + tail (views into string literals or the parsed text).
struct reason_text {
    std::string_view head, arg, tail;
    [[nodiscard]] std::size_t size() const noexcept { return head.size() + arg.size() + tail.size(); }
    void append_to(std::string& out) const {
        out.append(head);
        out.append(arg);
        out.append(tail);
    }
    [[nodiscard]] std::string str() const {
        std::string s;
        s.reserve(size());
        append_to(s);
        return s;
    }
};

/// indicator_value with views: `text` into the parsed text, `unit` and the reason's parts into
/// it, into string literals or into the caller's normalization buffer.
struct value_view {
    value_kind kind = value_kind::empty;
    comparison op = comparison::none;
    bool approximate = false;
    std::optional<decimal> number;
    std::string_view unit;
    std::string_view text;
    reason_text reason;
    /// The owned value (what parse_indicator_value returns for the same text).
    [[nodiscard]] indicator_value to_value() const;
};

/// parse_indicator_value(text) as views: valid while `text` and `buffer` are (the buffer holds
/// the text with full-width digits replaced, when it has any).
value_view parse_indicator_view(std::string_view text, std::string& buffer);
/// A view of an owned value (valid while `v` is unchanged and not moved).
value_view view_of(const indicator_value& v) noexcept;

/// The texts parsed so far, by content: a text equal to one parsed before (the same "100%" or
/// "≥90%" in many rows of a report) takes that parse instead of parsing again — the same value
/// view, its views into the earlier text (equal characters). The texts given must outlive the
/// memo; a parse that needed the normalization buffer (full-width characters) is not kept.
class parse_memo {
public:
    /// At most this many parses are kept (a report's tables repeat far fewer distinct texts;
    /// more are parsed each time, with the same values).
    static constexpr std::size_t capacity = 128;
    /// Room for min(`texts`, capacity) kept parses.
    explicit parse_memo(std::size_t texts);
    parse_memo(const parse_memo&) = delete;
    parse_memo& operator=(const parse_memo&) = delete;
    /// parse_indicator_view(text, buffer), or the kept parse of an equal text.
    value_view parse(std::string_view text, std::string& buffer);
    /// How many parses are kept (tests).
    [[nodiscard]] std::size_t kept() const noexcept { return count_; }

private:
    // The memo lives in the review's frame: its table and entries are members, not heap
    // vectors (no allocation per review; the entries are constructed only when kept).
    using entry = std::pair<std::string_view, value_view>;  // (text given, its parse)
    static_assert(std::is_trivially_destructible_v<entry>, "entries are never destroyed");
    static constexpr std::size_t slots = 2 * capacity;  // open addressing, at most half full
    /// Kept entry i (i < count_).
    [[nodiscard]] const entry& at(std::size_t i) const noexcept {
        return *std::launder(reinterpret_cast<const entry*>(storage_ + i * sizeof(entry)));
    }
    alignas(entry) unsigned char storage_[capacity * sizeof(entry)];
    std::array<std::int16_t, slots> slot_;  // index into the entries, −1 when empty
    std::size_t count_ = 0, room_;
};

/// The profile's members score_indicator reads.
struct indicator_policy {
    reverse_formula reverse = reverse_formula::linear;
    bare_target_policy bare_target = bare_target_policy::at_least;
    bool bound_actual_met = true;
    static indicator_policy of(const scoring_profile& p) noexcept { return {p.reverse, p.bare_target, p.bound_actual_met}; }
};

/// How an indicator was scored, or why it could not be (the reason text is written on demand).
enum class why : unsigned char {
    no_target,              ///< empty target: qualitative band only
    qualitative_target,     ///< prose target: qualitative band only
    target_not_computable,  ///< target "…" cannot be scored: <target reason>
    no_actual,
    actual_prose,
    actual_not_computable,
    units_differ,
    no_bare_operator,
    bound_unclear,
    bound_not_counted,
    met_by_bound,
    met,
    reverse_missed_linear,
    reverse_missed_ratio,
    missed,
};
/// The reading of the target's operator that prefixes the reason.
enum class why_note : unsigned char { none, bare_at_least, bare_equal, strict_greater, strict_less };

/// indicator_result without the values and with the reason as codes.
struct indicator_score {
    indicator_method method = indicator_method::unverifiable;
    std::optional<decimal> score;
    bool met = false;
    bool by_bound = false;
    std::optional<decimal> achievement;
    why reason = why::no_actual;
    why_note note = why_note::none;
    /// Append the reason score_indicator gives (indicator_result::reason).
    void append_reason(std::string& out, const value_view& target, const value_view& actual) const;
    /// The same reason as pieces added to `parts` (at most 8 views into literals and the values).
    void reason_parts(text_parts& parts, const value_view& target, const value_view& actual) const;
    [[nodiscard]] std::string reason_string(const value_view& target, const value_view& actual) const;
};

/// score / weight × 100 ≥ band (weight > 0) from the mantissas in 128 bits, or nothing when a
/// product does not fit (tier_of then compares fractions).
std::optional<bool> percent_at_least(const decimal& score, const decimal& weight, const decimal& band) noexcept;

/// The achievement score_view shows, (actual × 10^power) / target × 100 rounded half up to 0.01
/// (an empty inner value when that does not fit a decimal), from the mantissas in 128 bits; the
/// outer value is empty when a product does not fit (then the fractions compute it) or target is 0.
std::optional<std::optional<decimal>> achievement_small(const decimal& actual, int power, const decimal& target) noexcept;

/// error(invalid_argument) for a negative weight, as score_indicator (the same message).
void check_weight(const decimal& weight);

/// score_indicator on views. The weight is not checked here (score_indicator does it); throws
/// error(overflow) when an intermediate does not fit, as score_indicator.
indicator_score score_view(const value_view& target, const value_view& actual, const decimal& weight,
                           const indicator_policy& policy);

/// score_indicator(target, actual, weight, profile), moving `target` and `actual` into the
/// result once it is scored (if it throws, they are left unchanged).
indicator_result score_indicator_moved(indicator_value&& target, indicator_value&& actual, const decimal& weight,
                                       const scoring_profile& profile);

}  // namespace caizheng::scoring_detail
