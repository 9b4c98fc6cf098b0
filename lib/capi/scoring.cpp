// C API: 绩效自评 scoring (see include/caizheng/capi/scoring.h).
#include "guard.hpp"
#include "report_handle.hpp"
#include "caizheng/import.hpp"
#include "caizheng/scoring.hpp"

#include <memory>

/// A profile handle: the built-in ones point at static storage and are never freed.
struct cz_scoring_profile {
    caizheng::scoring_profile profile;
    bool builtin = false;
};

using namespace caizheng;
using caizheng::capi::guard;
using caizheng::capi::require;

namespace {

decimal make_decimal(std::int64_t mantissa, std::int32_t scale) {
    if (scale < 0 || scale > decimal::max_scale)
        throw error(errc::invalid_argument, "scale must be 0..18, got " + std::to_string(scale));
    return decimal(mantissa, scale);
}

/// A score (2 places) as hundredths.
std::int64_t hundredths(const decimal& d) { return d.rescale_exact(2).mantissa(); }

const scoring_profile& profile_of(const cz_scoring_profile* p) {
    return p ? p->profile : central_profile();
}

/// The built-in handles, one per built-in profile, created once.
const std::vector<std::unique_ptr<cz_scoring_profile>>& builtin_handles() {
    static const std::vector<std::unique_ptr<cz_scoring_profile>> handles = [] {
        std::vector<std::unique_ptr<cz_scoring_profile>> v;
        for (const auto& name : builtin_profile_names())
            v.push_back(std::make_unique<cz_scoring_profile>(cz_scoring_profile{builtin_profile(name), true}));
        return v;
    }();
    return handles;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "\n") + x;
    return s;
}

}  // namespace

extern "C" {

int32_t cz_scoring_profile_builtin(const char* name, const cz_scoring_profile** out_profile) {
    return guard([&] {
        const auto n = capi::text_arg(name, "name");
        require(out_profile, "out_profile");
        for (const auto& h : builtin_handles())
            if (h->profile.name == n) {
                *out_profile = h.get();
                return;
            }
        throw error(errc::not_found, "no built-in scoring profile \"" + std::string(n) + "\"");
    });
}

int32_t cz_scoring_profile_names(char** out_names) {
    return guard([&] {
        require(out_names, "out_names");
        *out_names = capi::copy_out(joined(builtin_profile_names()));
    });
}

int32_t cz_scoring_profile_from_json(const char* json, cz_scoring_profile** out_profile) {
    return guard([&] {
        const auto j = capi::text_arg(json, "json");
        require(out_profile, "out_profile");
        auto h = std::make_unique<cz_scoring_profile>(cz_scoring_profile{profile_from_json(j), false});
        *out_profile = h.release();
    });
}

int32_t cz_scoring_profile_to_json(const cz_scoring_profile* profile, int32_t pretty, char** out_json) {
    return guard([&] {
        require(out_json, "out_json");
        *out_json = capi::copy_out(profile_to_json(profile_of(profile), pretty != 0));
    });
}

void cz_scoring_profile_free(cz_scoring_profile* profile) {
    if (profile && !profile->builtin) delete profile;
}

int32_t cz_indicator_parse(const char* text, int32_t* out_kind, int32_t* out_op, int32_t* out_approximate,
                           int64_t* out_mantissa, int32_t* out_scale, char** out_unit, char** out_reason) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_kind, "out_kind");
        require(out_op, "out_op");
        require(out_approximate, "out_approximate");
        require(out_mantissa, "out_mantissa");
        require(out_scale, "out_scale");
        const indicator_value v = parse_indicator_value(t);
        char* unit = out_unit ? capi::copy_out(v.unit) : nullptr;
        char* reason = nullptr;
        if (out_reason) {
            try {
                reason = capi::copy_out(v.reason);
            } catch (...) {
                std::free(unit);
                throw;
            }
        }
        *out_kind = static_cast<int32_t>(v.kind);
        *out_op = static_cast<int32_t>(v.op);
        *out_approximate = v.approximate ? 1 : 0;
        *out_mantissa = v.number ? v.number->mantissa() : 0;
        *out_scale = v.number ? v.number->scale() : 0;
        if (out_unit) *out_unit = unit;
        if (out_reason) *out_reason = reason;
    });
}

int32_t cz_execution_score(int64_t budget_mantissa, int32_t budget_scale, int64_t executed_mantissa,
                           int32_t executed_scale, int64_t weight_mantissa, int32_t weight_scale, int32_t policy,
                           int32_t cap, int32_t zero_budget, int32_t* out_defined, int32_t* out_has_score,
                           int64_t* out_score, int64_t* out_rate, int32_t* out_capped) {
    return guard([&] {
        require(out_defined, "out_defined");
        require(out_has_score, "out_has_score");
        require(out_score, "out_score");
        if (policy < CZ_RATE_EXACT || policy > CZ_RATE_FLOOR_WHOLE_PERCENT)
            throw error(errc::invalid_argument, "unknown rate policy " + std::to_string(policy));
        if (zero_budget != CZ_ZERO_BUDGET_UNDEFINED && zero_budget != CZ_ZERO_BUDGET_SCORE_ZERO)
            throw error(errc::invalid_argument, "unknown zero-budget policy " + std::to_string(zero_budget));
        const auto e = score_execution(make_decimal(budget_mantissa, budget_scale),
                                       make_decimal(executed_mantissa, executed_scale),
                                       make_decimal(weight_mantissa, weight_scale), static_cast<rate_policy>(policy),
                                       cap != 0, static_cast<zero_budget_policy>(zero_budget));
        const std::int64_t score = e.score ? hundredths(*e.score) : 0;
        const std::int64_t rate = e.exact_rate ? e.exact_rate->rescale_exact(4).mantissa() : 0;
        *out_defined = e.defined ? 1 : 0;
        *out_has_score = e.score ? 1 : 0;
        *out_score = score;
        if (out_rate) *out_rate = rate;
        if (out_capped) *out_capped = e.capped ? 1 : 0;
    });
}

int32_t cz_indicator_formula(int32_t method, int32_t reverse, int64_t actual_mantissa, int32_t actual_scale,
                             int64_t target_mantissa, int32_t target_scale, int64_t weight_mantissa,
                             int32_t weight_scale, int64_t* out_score) {
    return guard([&] {
        require(out_score, "out_score");
        const decimal a = make_decimal(actual_mantissa, actual_scale);
        const decimal t = make_decimal(target_mantissa, target_scale);
        const decimal w = make_decimal(weight_mantissa, weight_scale);
        decimal s;
        switch (method) {
            case CZ_METHOD_POSITIVE: s = score_positive(a, t, w); break;
            case CZ_METHOD_EQUAL: s = score_equal(a, t, w); break;
            case CZ_METHOD_REVERSE:
                if (reverse != CZ_REVERSE_LINEAR && reverse != CZ_REVERSE_RATIO)
                    throw error(errc::invalid_argument, "unknown reverse formula " + std::to_string(reverse));
                s = score_reverse(a, t, w, static_cast<reverse_formula>(reverse));
                break;
            default: throw error(errc::invalid_argument, "method must be CZ_METHOD_POSITIVE, _REVERSE or _EQUAL");
        }
        *out_score = hundredths(s);
    });
}

int32_t cz_indicator_score(const char* target, const char* actual, int64_t weight_mantissa, int32_t weight_scale,
                           const cz_scoring_profile* profile, int32_t* out_method, int32_t* out_has_score,
                           int64_t* out_score, int32_t* out_met, char** out_reason) {
    return guard([&] {
        const auto t = capi::text_arg(target, "target");
        const auto a = capi::text_arg(actual, "actual");
        require(out_method, "out_method");
        require(out_has_score, "out_has_score");
        require(out_score, "out_score");
        require(out_met, "out_met");
        const auto r = score_indicator(t, a, make_decimal(weight_mantissa, weight_scale), profile_of(profile));
        const std::int64_t score = r.score ? hundredths(*r.score) : 0;
        char* reason = out_reason ? capi::copy_out(r.reason) : nullptr;
        *out_method = static_cast<int32_t>(r.method);
        *out_has_score = r.score ? 1 : 0;
        *out_score = score;
        *out_met = r.met ? 1 : 0;
        if (out_reason) *out_reason = reason;
    });
}

int32_t cz_grade(int64_t total_mantissa, int32_t total_scale, const cz_scoring_profile* profile, int32_t* out_grade) {
    return guard([&] {
        require(out_grade, "out_grade");
        *out_grade = static_cast<int32_t>(grade_of(make_decimal(total_mantissa, total_scale), profile_of(profile).grades));
    });
}

int32_t cz_tier(int64_t score_mantissa, int32_t score_scale, int64_t weight_mantissa, int32_t weight_scale,
                const cz_scoring_profile* profile, int32_t* out_tier) {
    return guard([&] {
        require(out_tier, "out_tier");
        *out_tier = static_cast<int32_t>(tier_of(make_decimal(score_mantissa, score_scale),
                                                 make_decimal(weight_mantissa, weight_scale), profile_of(profile).tiers));
    });
}

int32_t cz_performance_review_text(const char* text, int64_t length, const cz_scoring_profile* profile,
                                   int32_t pretty, char** out_json) {
    return guard([&] {
        require(text, "text");
        require(out_json, "out_json");
        if (length < -1) throw error(errc::invalid_argument, "length must be -1 or the byte count");
        const std::string_view t = length < 0 ? std::string_view(text) : std::string_view(text, static_cast<std::size_t>(length));
        const report r = import_text(t);
        *out_json = capi::copy_out(review_to_json(review_performance(r, profile_of(profile)), pretty != 0));
    });
}

int32_t cz_performance_review(const struct cz_report* report_handle, const cz_scoring_profile* profile,
                              int32_t pretty, char** out_json) {
    return guard([&] {
        require(report_handle, "report");
        require(out_json, "out_json");
        *out_json = capi::copy_out(
            review_to_json(review_performance(report_handle->model, profile_of(profile)), pretty != 0));
    });
}

}  // extern "C"
