// Scoring formulas: execution rate, 正向 / 反向 / 等于, tiers, grades (include/caizheng/scoring.hpp).
#include "caizheng/scoring.hpp"

#include "exact.hpp"
#include "execution.hpp"
#include "indicator_score.hpp"

#include <boost/describe/enum_to_string.hpp>

#include <algorithm>

namespace caizheng {

using scoring_detail::frac;

namespace {

const decimal hundred{100, 0};

void require_non_negative(const decimal& d, const char* what) {
    if (d.mantissa() < 0) throw error(errc::invalid_argument, std::string(what) + " must not be negative, got " + d.to_string());
}

decimal score_of(const frac& f) { return f.round(2); }
/// score_of(frac::of(w)): the 分值 at two places — its zeros appended when they fit (the usual
/// case), else the fraction's rounding (and its error).
decimal full_marks(const decimal& w) {
    std::int64_t m = 0;
    if (w.scale() <= 2 && !__builtin_mul_overflow(w.mantissa(), detail::pow10_i64(2 - w.scale()), &m)) return decimal(m, 2);
    return score_of(frac::of(w));
}

using scoring_detail::i128;

/// v × 10^k (k ≥ 0) in 128 bits; false when it does not fit (v is then unspecified).
bool times_pow10(i128& v, int k) noexcept {
    // |v| < 2^63 and k ≤ 18: |v| × 10^k < 2^63 × 2^60 fits 128 bits (no overflow check needed).
    if (k <= 18 && scoring_detail::fits64(v)) {
        v *= detail::pow10_i64(k);
        return true;
    }
    for (; k > 0; k -= 18)
        if (__builtin_mul_overflow(v, i128(detail::pow10_i64(k > 18 ? 18 : k)), &v)) return false;
    return true;
}

/// Formulas on exact fractions (actual already in the target's unit).
frac positive_f(const frac& a, const frac& t, const frac& w) {
    if (t.is_zero() || a >= t) return w;
    if (a.negative()) return frac{};
    return a / t * w;
}
frac reverse_f(const frac& a, const frac& t, const frac& w, reverse_formula formula) {
    if (a <= t) return w;
    if (t.is_zero()) return frac{};
    if (formula == reverse_formula::ratio) return t / a * w;
    const frac two_t = t + t;
    if (a >= two_t) return frac{};
    return (two_t - a) / t * w;  // (1 − (a − t)/t) × w
}
frac equal_f(const frac& a, const frac& t, const frac& w) {
    if (t.is_zero()) return a <= t ? w : frac{};
    return positive_f(a, t, w);
}

}  // namespace

// ---- Execution rate -----------------------------------------------------------------------------

scoring_detail::execution_base::execution_base(const decimal& budget, const decimal& executed, const decimal& weight,
                                               bool cap, zero_budget_policy zero_budget)
    : weight_(weight) {
    require_non_negative(budget, "全年预算数 (budget)");
    require_non_negative(executed, "全年执行数 (executed)");
    require_non_negative(weight, "分值 (weight)");
    execution_result& r = common_;
    if (executed > budget)
        r.excess = (frac::of(executed) - frac::of(budget)).round(std::max(executed.scale(), budget.scale()));
    if (budget.mantissa() == 0) {
        r.defined = false;
        if (zero_budget == zero_budget_policy::score_zero) r.score = decimal(0, 2);
        return;
    }
    r.defined = true;
    rate_ = frac::of(executed) / frac::of(budget);  // a fraction, not percent
    const frac one = frac::integer(1);
    r.exact_rate = (rate_ * frac::integer(100)).round(4);
    if (rate_ > one) {
        r.capped = cap;
        if (cap) rate_ = one;
    }
}

namespace {

/// num / den rounded half away from zero, for num ≥ 0 and den > 0: half_up_quotient when both
/// fit 64 bits, else the 128-bit divide_rounded.
i128 div_half_up(i128 num, i128 den) {
    if (scoring_detail::fits64(num) && scoring_detail::fits64(den))
        return scoring_detail::half_up_quotient(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
    return divide_rounded<i128>(num, den, rounding_mode::half_away_from_zero);
}

/// execution_base::with's rate and score from the rate's 64-bit numerator and denominator
/// (n ≥ 0, d > 0) and the weight's mantissa (≥ 0) in 128 bits: the same rationals the fractions
/// below round (see each case), rounded the same way. False when a product or a result does not
/// fit (then the fractions compute it, for the same value or the same error).
bool with_small(std::int64_t n, std::int64_t d, const decimal& weight, rate_policy policy, execution_result& r) {
    const i128 wm = weight.mantissa(), ws = detail::pow10_i64(weight.scale());
    i128 rate = 0, num = 0, score = 0;
    switch (policy) {
        case rate_policy::exact:
            // rate: n / d × 100 at 4 places = n × 10^6 / d; score: w × n / d at 2 places = wm × n × 100 / (ws × d)
            rate = div_half_up(i128(n) * 1000000, d);
            if (__builtin_mul_overflow(wm * n, i128(100), &num)) return false;
            score = div_half_up(num, ws * d);
            break;
        case rate_policy::percent_2dp:
            // p = n / d × 100 at 2 places (mantissa n × 10^4 / d); score: w × p / 100 at 2 places = wm × pm / (ws × 100)
            rate = div_half_up(i128(n) * 10000, d);
            if (!scoring_detail::fits64(rate)) return false;
            score = div_half_up(wm * rate, ws * 100);
            break;
        case rate_policy::floor_whole_percent: {
            // p = ⌊n / d × 100⌋ at 2 places (mantissa 100 ⌊n × 100 / d⌋); score = wm × ⌊…⌋ / ws at 2 places
            const i128 whole = i128(n) * 100 / d;
            rate = whole * 100;
            if (!scoring_detail::fits64(rate)) return false;
            score = div_half_up(wm * whole, ws);
            break;
        }
        default: return false;
    }
    if (!scoring_detail::fits64(rate) || !scoring_detail::fits64(score)) return false;
    r.rate = decimal(static_cast<std::int64_t>(rate), policy == rate_policy::exact ? 4 : 2);
    r.score = decimal(static_cast<std::int64_t>(score), 2);
    return true;
}

}  // namespace

execution_result scoring_detail::execution_base::with(rate_policy policy) const {
    execution_result r = common_;
    if (!r.defined) return r;
    // The usual case from 64-bit parts (a table's figures); else the fractions below.
    std::int64_t n = 0, d = 1;
    if (rate_.small_parts(n, d) && n >= 0 && weight_.mantissa() >= 0 && with_small(n, d, weight_, policy, r)) return r;
    const frac& rate = rate_;
    const frac w = frac::of(weight_);
    switch (policy) {
        case rate_policy::exact:
            r.rate = (rate * frac::integer(100)).round(4);
            r.score = score_of(w * rate);
            break;
        case rate_policy::percent_2dp: {
            const decimal p = (rate * frac::integer(100)).round(2);
            r.rate = p;
            r.score = score_of(w * frac::of(p) / frac::integer(100));
            break;
        }
        case rate_policy::floor_whole_percent: {
            const decimal p = (rate * frac::integer(100)).round(0, rounding_mode::toward_zero).rescale(2, rounding_mode::half_away_from_zero);
            r.rate = p;
            r.score = score_of(w * frac::of(p) / frac::integer(100));
            break;
        }
        default: throw error(errc::invalid_argument, "unknown rate policy");
    }
    return r;
}

execution_result score_execution(const decimal& budget, const decimal& executed, const decimal& weight,
                                 rate_policy policy, bool cap, zero_budget_policy zero_budget) {
    return scoring_detail::execution_base(budget, executed, weight, cap, zero_budget).with(policy);
}

execution_result score_execution(const decimal& budget, const decimal& executed, const decimal& weight,
                                 const scoring_profile& profile) {
    return score_execution(budget, executed, weight, profile.rate, profile.cap_rate, profile.zero_budget);
}

// ---- Indicator formulas ---------------------------------------------------------------------------

decimal score_positive(const decimal& actual, const decimal& target, const decimal& weight) {
    require_non_negative(actual, "actual");
    require_non_negative(target, "target");
    require_non_negative(weight, "weight");
    return score_of(positive_f(frac::of(actual), frac::of(target), frac::of(weight)));
}

decimal score_reverse(const decimal& actual, const decimal& target, const decimal& weight,
                      reverse_formula formula) {
    require_non_negative(actual, "actual");
    require_non_negative(target, "target");
    require_non_negative(weight, "weight");
    if (formula != reverse_formula::linear && formula != reverse_formula::ratio)
        throw error(errc::invalid_argument, "unknown reverse formula");
    return score_of(reverse_f(frac::of(actual), frac::of(target), frac::of(weight), formula));
}

decimal score_equal(const decimal& actual, const decimal& target, const decimal& weight) {
    require_non_negative(actual, "actual");
    require_non_negative(target, "target");
    require_non_negative(weight, "weight");
    return score_of(equal_f(frac::of(actual), frac::of(target), frac::of(weight)));
}

std::optional<bool> scoring_detail::percent_at_least(const decimal& score, const decimal& weight, const decimal& band) noexcept {
    // s/10^ss ÷ (w/10^ws) × 100 ≥ b/10^bs  ⇔  s × 10^(ws + bs + 2) ≥ b × w × 10^ss  (w > 0)
    i128 l = score.mantissa(), r = band.mantissa();
    if (times_pow10(l, weight.scale() + band.scale() + 2) && !__builtin_mul_overflow(r, i128(weight.mantissa()), &r) &&
        times_pow10(r, score.scale()))
        return l >= r;
    return std::nullopt;
}

tier tier_of(const decimal& score, const decimal& weight, const tier_bands& bands) {
    if (weight.mantissa() <= 0) throw error(errc::invalid_argument, "a tier needs a positive 分值");
    if (score.mantissa() < 0 || score > weight)
        throw error(errc::invalid_argument, "score " + score.to_string() + " outside [0, " + weight.to_string() + "]");
    // score / weight × 100 against each band: from the mantissas when the products fit 128 bits
    // (always for a table's figures), else as fractions — the same comparison.
    const auto at_least = [&](const decimal& band) {
        if (const auto small = scoring_detail::percent_at_least(score, weight, band)) return *small;
        return frac::of(score) / frac::of(weight) * frac::integer(100) >= frac::of(band);
    };
    if (at_least(bands.achieved)) return tier::achieved;
    if (at_least(bands.partial)) return tier::partial;
    return tier::not_achieved;
}

grade grade_of(const decimal& total, const grade_bands& bands) {
    if (total >= bands.excellent) return grade::excellent;
    if (total >= bands.good) return grade::good;
    if (total >= bands.fair) return grade::fair;
    return grade::poor;
}

const char* grade_zh(grade g) noexcept {
    switch (g) {
        case grade::excellent: return "优";
        case grade::good: return "良";
        case grade::fair: return "中";
        case grade::poor: return "差";
    }
    return "?";
}

const char* rate_policy_name(rate_policy p) noexcept { return boost::describe::enum_to_string(p, "unknown"); }
const char* grade_name(grade g) noexcept { return boost::describe::enum_to_string(g, "unknown"); }
const char* indicator_method_name(indicator_method m) noexcept {
    return boost::describe::enum_to_string(m, "unknown");
}
const char* tier_name(tier t) noexcept { return boost::describe::enum_to_string(t, "unknown"); }

// ---- One indicator --------------------------------------------------------------------------------

namespace {

using scoring_detail::indicator_score;
using scoring_detail::value_view;
using scoring_detail::why;
using scoring_detail::why_note;

/// The owned result from a score on views (the values themselves are set by the caller).
indicator_result result_of(const indicator_score& s, const value_view& target, const value_view& actual) {
    indicator_result r;
    r.method = s.method;
    r.score = s.score;
    r.met = s.met;
    r.by_bound = s.by_bound;
    r.achievement = s.achievement;
    r.reason = s.reason_string(target, actual);
    return r;
}

}  // namespace

indicator_result score_indicator(std::string_view target, std::string_view actual, const decimal& weight,
                                 const scoring_profile& profile) {
    require_non_negative(weight, "weight");
    std::string tb, ab;
    const value_view t = scoring_detail::parse_indicator_view(target, tb);
    const value_view a = scoring_detail::parse_indicator_view(actual, ab);
    const indicator_score s = scoring_detail::score_view(t, a, weight, scoring_detail::indicator_policy::of(profile));
    indicator_result r = result_of(s, t, a);
    r.target = t.to_value();
    r.actual = a.to_value();
    return r;
}

indicator_result score_indicator(const indicator_value& target, const indicator_value& actual,
                                 const decimal& weight, const scoring_profile& profile) {
    require_non_negative(weight, "weight");
    const value_view t = scoring_detail::view_of(target), a = scoring_detail::view_of(actual);
    const indicator_score s = scoring_detail::score_view(t, a, weight, scoring_detail::indicator_policy::of(profile));
    indicator_result r = result_of(s, t, a);
    r.target = target;
    r.actual = actual;
    return r;
}

indicator_result scoring_detail::score_indicator_moved(indicator_value&& target_in, indicator_value&& actual_in,
                                                       const decimal& weight, const scoring_profile& profile) {
    require_non_negative(weight, "weight");
    const value_view t = view_of(target_in), a = view_of(actual_in);
    indicator_result r = result_of(score_view(t, a, weight, indicator_policy::of(profile)), t, a);
    r.target = std::move(target_in);
    r.actual = std::move(actual_in);
    return r;
}

void scoring_detail::check_weight(const decimal& weight) { require_non_negative(weight, "weight"); }

std::optional<std::optional<decimal>> scoring_detail::achievement_small(const decimal& actual, int power,
                                                                        const decimal& target) noexcept {
    // a × 10^power / t × 100 at 2 places: the mantissa round(am × 10^(ts + power + 4 − as) / tm).
    i128 num = actual.mantissa(), den = target.mantissa();
    if (den == 0) return std::nullopt;
    const int e = target.scale() + power + 4 - actual.scale();
    if (!(e >= 0 ? times_pow10(num, e) : times_pow10(den, -e))) return std::nullopt;
    // The same quotient by a 64-bit division when both fit (a table's figures: no 128-bit division
    // call); INT64_MIN is left to the wide path (divide_rounded<int64_t> would throw for it / −1).
    const auto small = [](i128 v) { return v > std::numeric_limits<std::int64_t>::min() && scoring_detail::fits64(v); };
    // A non-negative numerator over a positive denominator (a table's figures): div_half_up,
    // inline when both fit 64 bits.
    if (num >= 0 && den > 0) {
        const i128 q = div_half_up(num, den);
        if (!scoring_detail::fits64(q)) return std::optional<decimal>();
        return std::optional<decimal>(decimal(static_cast<std::int64_t>(q), 2));
    }
    const i128 q = small(num) && small(den)
                       ? i128(divide_rounded<std::int64_t>(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den),
                                                           rounding_mode::half_away_from_zero))
                       : divide_rounded<i128>(num, den, rounding_mode::half_away_from_zero);
    if (!scoring_detail::fits64(q)) return std::optional<decimal>();
    return std::optional<decimal>(decimal(static_cast<std::int64_t>(q), 2));
}

std::string scoring_detail::indicator_score::reason_string(const value_view& target, const value_view& actual) const {
    std::string out;
    append_reason(out, target, actual);
    return out;
}

void scoring_detail::indicator_score::append_reason(std::string& out, const value_view& target,
                                                    const value_view& actual) const {
    text_parts parts;
    reason_parts(parts, target, actual);
    parts.append_to(out);
}

void scoring_detail::indicator_score::reason_parts(text_parts& q, const value_view& target,
                                                   const value_view& actual) const {
    switch (note) {
        case why_note::none: break;
        case why_note::bare_at_least: q << "target without operator read as ≥; "; break;
        case why_note::bare_equal: q << "target without operator read as =; "; break;
        case why_note::strict_greater: q << "strict > read as ≥; "; break;
        case why_note::strict_less: q << "strict < read as ≤; "; break;
    }
    switch (reason) {
        case why::no_target: q << "no target printed: only the qualitative band of the score can be checked"; break;
        case why::qualitative_target:
            q << "qualitative target: only the band of the score (达成 / 部分达成 / 未达成) can be checked";
            break;
        case why::target_not_computable:
            q << "target \"" << target.text << "\" cannot be scored: " << target.reason.head << target.reason.arg
              << target.reason.tail;
            break;
        case why::no_actual: q << "no actual value printed"; break;
        case why::actual_prose:
            q << "the actual \"" << actual.text << "\" is prose against the numeric target \"" << target.text
              << "\": cannot verify";
            break;
        case why::actual_not_computable:
            q << "actual \"" << actual.text << "\" cannot be scored: " << actual.reason.head << actual.reason.arg
              << actual.reason.tail;
            break;
        case why::units_differ:
            q << "units differ: target in \"" << target.unit << "\", actual in \"" << actual.unit << "\"";
            break;
        case why::no_bare_operator:
            q << "target \"" << target.text << "\" has no operator and the profile does not read one";
            break;
        case why::bound_unclear:
            q << "the actual \"" << actual.text << "\" is only a bound and does not show whether \"" << target.text
              << "\" was met";
            break;
        case why::bound_not_counted:
            q << "the actual \"" << actual.text << "\" is written as a bound; the profile does not count that as met";
            break;
        case why::met_by_bound: q << "actual written as a bound that implies the target: met by convention"; break;
        case why::met: q << "target met: full 分值"; break;
        case why::reverse_missed_linear: q << "反向 target missed: (1 − (a − t)/t) × 分值, 0 from a ≥ 2t"; break;
        case why::reverse_missed_ratio: q << "反向 target missed: t / a × 分值"; break;
        case why::missed: q << "target missed: a / t × 分值"; break;
    }
}

scoring_detail::indicator_score scoring_detail::score_view(const value_view& target, const value_view& actual,
                                                           const decimal& weight, const indicator_policy& policy) {
    indicator_score r;
    const auto unverifiable = [&](why reason) {
        r.method = indicator_method::unverifiable;
        r.reason = reason;
        r.note = why_note::none;
        return r;
    };
    if (target.kind == value_kind::qualitative || target.kind == value_kind::empty) {
        r.method = indicator_method::qualitative;
        r.reason = target.kind == value_kind::empty ? why::no_target : why::qualitative_target;
        return r;
    }
    if (target.kind == value_kind::not_computable) return unverifiable(why::target_not_computable);
    // target is a number
    if (actual.kind == value_kind::empty) return unverifiable(why::no_actual);
    if (actual.kind == value_kind::qualitative) return unverifiable(why::actual_prose);
    if (actual.kind == value_kind::not_computable) return unverifiable(why::actual_not_computable);
    const auto power = unit_conversion(target.unit, actual.unit);
    if (!power) return unverifiable(why::units_differ);

    comparison op = target.op;
    why_note note = why_note::none;
    if (op == comparison::none) {
        switch (policy.bare_target) {
            case bare_target_policy::at_least: op = comparison::at_least; note = why_note::bare_at_least; break;
            case bare_target_policy::equal: op = comparison::equal; note = why_note::bare_equal; break;
            case bare_target_policy::not_computable: return unverifiable(why::no_bare_operator);
        }
    } else if (op == comparison::greater) {
        op = comparison::at_least;
        note = why_note::strict_greater;
    } else if (op == comparison::less) {
        op = comparison::at_most;
        note = why_note::strict_less;
    }
    r.method = op == comparison::at_least ? indicator_method::positive
             : op == comparison::at_most  ? indicator_method::reverse
                                          : indicator_method::equal;
    // A target compared: met or missed, the score, and why (a missed 反向 target by its formula).
    const auto decided = [&](bool met, decimal score) {
        r.met = met;
        r.score = score;
        r.note = note;
        if (met) r.reason = why::met;
        else if (r.method == indicator_method::reverse)
            r.reason = policy.reverse == reverse_formula::linear ? why::reverse_missed_linear : why::reverse_missed_ratio;
        else r.reason = why::missed;
        return r;
    };
    // The usual case from the mantissas in 128 bits: a against t decides, and the score is the
    // 分值 or 0. A missed target scored by its formula, and anything that does not fit 128 bits,
    // take the fractions below (the same results: this is their answer where it is this simple).
    {
        const decimal& tn = *target.number;
        const decimal& an = *actual.number;
        // a = am × 10^power / 10^as, t = tm / 10^ts: a ⋚ t ⇔ am × 10^(power + ts − as) ⋚ tm.
        i128 l = an.mantissa(), rt = tn.mantissa();
        const int e = *power + tn.scale() - an.scale();
        const bool t_zero = tn.mantissa() == 0, a_negative = an.mantissa() < 0;
        std::optional<std::optional<decimal>> achievement;
        if (!t_zero && !a_negative) achievement = achievement_small(an, *power, tn);
        if ((e >= 0 ? times_pow10(l, e) : times_pow10(rt, -e)) && (t_zero || a_negative || achievement)) {
            const int c = l < rt ? -1 : (l > rt ? 1 : 0);
            const bool upward = r.method == indicator_method::positive || (r.method == indicator_method::equal && !t_zero);
            if (achievement) r.achievement = *achievement;
            comparison aop = actual.op;
            if (aop == comparison::greater) aop = comparison::at_least;
            if (aop == comparison::less) aop = comparison::at_most;
            if (aop == comparison::at_least || aop == comparison::at_most) {
                const bool implies = upward ? (aop == comparison::at_least && c >= 0) : (aop == comparison::at_most && c <= 0);
                if (!implies) return unverifiable(why::bound_unclear);
                if (!policy.bound_actual_met) return unverifiable(why::bound_not_counted);
                r.met = true;
                r.by_bound = true;
                r.achievement.reset();
                r.score = full_marks(weight);
                r.note = note;
                r.reason = why::met_by_bound;
                return r;
            }
            // The formula's value when it is the 分值 (true) or 0 (false); nothing when it is a fraction.
            std::optional<bool> full;
            switch (r.method) {
                case indicator_method::positive:
                    if (t_zero || c >= 0) full = true;
                    else if (a_negative) full = false;
                    break;
                case indicator_method::reverse:
                    if (c <= 0) full = true;
                    else if (t_zero) full = false;
                    break;
                default:
                    if (t_zero) full = c <= 0;
                    else if (c >= 0) full = true;
                    else if (a_negative) full = false;
                    break;
            }
            if (full) return decided(upward ? c >= 0 : c <= 0, *full ? full_marks(weight) : decimal(0, 2));
            r.achievement.reset();  // computed again below
        }
    }
    const frac t = frac::of(*target.number);
    const frac a = *power == 0 ? frac::of(*actual.number) : frac::of(*actual.number) * scoring_detail::pow10(*power);
    // Direction of "met": ≥ t, or ≤ t (反向, and 等于 with t = 0).
    const bool upward = r.method == indicator_method::positive ||
                        (r.method == indicator_method::equal && !t.is_zero());

    // Shown only: an achievement too large for a decimal (a = 10^16 × t) is left out, not an error.
    if (!t.is_zero() && !a.negative()) {
        if (const auto small = achievement_small(*actual.number, *power, *target.number)) r.achievement = *small;
        else r.achievement = (a / t * frac::integer(100)).round_if_fits(2);
    }

    comparison aop = actual.op;
    if (aop == comparison::greater) aop = comparison::at_least;
    if (aop == comparison::less) aop = comparison::at_most;
    if (aop == comparison::at_least || aop == comparison::at_most) {
        // The actual is a bound: a ≥ x or a ≤ x.
        const bool implies = upward ? (aop == comparison::at_least && a >= t)
                                    : (aop == comparison::at_most && a <= t);
        if (!implies) return unverifiable(why::bound_unclear);
        if (!policy.bound_actual_met) return unverifiable(why::bound_not_counted);
        r.met = true;
        r.by_bound = true;
        r.achievement.reset();
        r.score = score_of(frac::of(weight));
        r.note = note;
        r.reason = why::met_by_bound;
        return r;
    }
    const frac w = frac::of(weight);
    frac s;
    switch (r.method) {
        case indicator_method::positive: s = positive_f(a, t, w); break;
        case indicator_method::reverse: s = reverse_f(a, t, w, policy.reverse); break;
        default: s = equal_f(a, t, w); break;
    }
    return decided(upward ? a >= t : a <= t, score_of(s));
}

}  // namespace caizheng
