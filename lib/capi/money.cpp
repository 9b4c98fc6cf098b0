// C API: exact money (see include/caizheng/capi/money.h).
#include "guard.hpp"
#include "caizheng/parse.hpp"
#include "caizheng/percent.hpp"
#include "caizheng/tail.hpp"

#include <vector>

using namespace caizheng;
using caizheng::capi::guard;
using caizheng::capi::require;

namespace {

/// The C API's amounts: hundredths of any unit; the unit only matters for conversion.
using cents = basic_amount<wan_yuan_unit, 2>;

decimal make_decimal(std::int64_t mantissa, std::int32_t scale) {
    if (scale < 0 || scale > decimal::max_scale)
        throw error(errc::invalid_argument, "scale must be 0..18, got " + std::to_string(scale));
    return decimal(mantissa, scale);
}

std::size_t count_arg(std::int64_t count) {
    if (count < 0) throw error(errc::invalid_argument, "count must not be negative");
    return static_cast<std::size_t>(count);
}

ratio percent_of(std::int32_t kind, std::int64_t a, std::int64_t b) {
    const auto x = cents::from_raw(a), y = cents::from_raw(b);
    switch (kind) {
        case CZ_PERCENT_SHARE: return share(x, y);
        case CZ_PERCENT_CHANGE: return change_rate(x, y);
        case CZ_PERCENT_COMPLETION: return completion_rate(x, y);
        default: throw error(errc::invalid_argument, "unknown percentage kind " + std::to_string(kind));
    }
}

}  // namespace

extern "C" {

int32_t cz_amount_parse(const char* text, int32_t rounding, int64_t* out_value, int32_t* out_is_empty) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_value, "out_value");
        require(out_is_empty, "out_is_empty");
        const auto cell = parse_cell<cents>(t, capi::optional_mode(rounding));
        *out_value = cell ? cell->raw() : 0;
        *out_is_empty = cell ? 0 : 1;
    });
}

int32_t cz_amount_format(int64_t value, int32_t grouped, char** out_text) {
    return guard([&] {
        require(out_text, "out_text");
        *out_text = capi::copy_out(cents::from_raw(value).to_string(grouped != 0));
    });
}

int32_t cz_amount_convert(int64_t value, int32_t from_unit, int32_t to_unit, int32_t rounding,
                          int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        const int from = capi::unit_power_of(from_unit), to = capi::unit_power_of(to_unit);
        *out_value = detail::convert_raw(value, from, 2, to, 2, capi::optional_mode(rounding));
    });
}

int32_t cz_amount_add(int64_t a, int64_t b, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = (cents::from_raw(a) + cents::from_raw(b)).raw();
    });
}

int32_t cz_amount_sub(int64_t a, int64_t b, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = (cents::from_raw(a) - cents::from_raw(b)).raw();
    });
}

int32_t cz_amount_neg(int64_t a, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = (-cents::from_raw(a)).raw();
    });
}

int32_t cz_amount_sum(const int64_t* values, int64_t count, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        const std::size_t n = count_arg(count);
        if (n > 0) require(values, "values");
        std::vector<cents> parts(n);
        for (std::size_t i = 0; i < n; ++i) parts[i] = cents::from_raw(values[i]);
        *out_value = sum(std::span<const cents>(parts)).raw();
    });
}

int32_t cz_amount_mul_int(int64_t a, int64_t k, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = (cents::from_raw(a) * k).raw();
    });
}

int32_t cz_amount_div_int(int64_t a, int64_t k, int32_t rounding, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = divide(cents::from_raw(a), k, capi::required_mode(rounding)).raw();
    });
}

int32_t cz_amount_mul_decimal(int64_t a, int64_t mantissa, int32_t scale, int32_t rounding, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = multiply(cents::from_raw(a), make_decimal(mantissa, scale), capi::required_mode(rounding)).raw();
    });
}

int32_t cz_amount_div_decimal(int64_t a, int64_t mantissa, int32_t scale, int32_t rounding, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = divide(cents::from_raw(a), make_decimal(mantissa, scale), capi::required_mode(rounding)).raw();
    });
}

int32_t cz_amount_mul_div(int64_t a, int64_t b_mantissa, int32_t b_scale, int64_t c_mantissa, int32_t c_scale,
                          int32_t rounding, int64_t* out_value) {
    return guard([&] {
        require(out_value, "out_value");
        *out_value = multiply_divide(cents::from_raw(a), make_decimal(b_mantissa, b_scale),
                                     make_decimal(c_mantissa, c_scale), capi::required_mode(rounding))
                         .raw();
    });
}

int32_t cz_decimal_parse(const char* text, int64_t* out_mantissa, int32_t* out_scale) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_mantissa, "out_mantissa");
        require(out_scale, "out_scale");
        const decimal d = decimal::parse(t);
        *out_mantissa = d.mantissa();
        *out_scale = d.scale();
    });
}

int32_t cz_decimal_round(int64_t mantissa, int32_t scale, int32_t places, int32_t rounding, int64_t* out_mantissa) {
    return guard([&] {
        require(out_mantissa, "out_mantissa");
        const decimal d = make_decimal(mantissa, scale);
        const auto mode = capi::optional_mode(rounding);
        *out_mantissa = (mode ? d.rescale(places, *mode) : d.rescale_exact(places)).mantissa();
    });
}

int32_t cz_decimal_format(int64_t mantissa, int32_t scale, char** out_text) {
    return guard([&] {
        require(out_text, "out_text");
        *out_text = capi::copy_out(make_decimal(mantissa, scale).to_string());
    });
}

int32_t cz_quantity_parse(const char* text, int64_t* out_mantissa, int32_t* out_scale, int32_t* out_unit) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_mantissa, "out_mantissa");
        require(out_scale, "out_scale");
        require(out_unit, "out_unit");
        const quantity q = parse_quantity(t);
        *out_mantissa = q.value.mantissa();
        *out_scale = q.value.scale();
        *out_unit = static_cast<int32_t>(q.unit);
    });
}

int32_t cz_percent_parse(const char* text, int64_t* out_mantissa, int32_t* out_scale) {
    return guard([&] {
        const auto t = capi::text_arg(text, "text");
        require(out_mantissa, "out_mantissa");
        require(out_scale, "out_scale");
        const decimal d = parse_percent(t);
        *out_mantissa = d.mantissa();
        *out_scale = d.scale();
    });
}

int32_t cz_percent(int32_t kind, int64_t a, int64_t b, int32_t places, int32_t rounding, int64_t* out_mantissa) {
    return guard([&] {
        require(out_mantissa, "out_mantissa");
        const rounding_mode mode = capi::required_mode(rounding);
        *out_mantissa = percent_of(kind, a, b).round(places, mode).mantissa();
    });
}

int32_t cz_percent_check(int32_t kind, int64_t a, int64_t b, const char* claim, int32_t* out_matches,
                         int64_t* out_expected_mantissa, int32_t* out_expected_scale) {
    return guard([&] {
        const auto t = capi::text_arg(claim, "claim");
        require(out_matches, "out_matches");
        require(out_expected_mantissa, "out_expected_mantissa");
        require(out_expected_scale, "out_expected_scale");
        const bool has_percent = t.find('%') != std::string_view::npos ||
                                 t.find("\xEF\xBC\x85") != std::string_view::npos;
        const decimal stated = has_percent ? parse_percent(t) : parse_decimal_as_written(t);
        const ratio r = percent_of(kind, a, b);
        const decimal expected = r.round(stated.scale());
        *out_matches = expected == stated ? 1 : 0;
        *out_expected_mantissa = expected.mantissa();
        *out_expected_scale = expected.scale();
    });
}

int32_t cz_tail_compare(int64_t total, const int64_t* parts, int64_t count, int32_t count_zero_parts,
                        int32_t* out_verdict, int64_t* out_difference, int64_t* out_bound) {
    return guard([&] {
        require(out_verdict, "out_verdict");
        require(out_difference, "out_difference");
        require(out_bound, "out_bound");
        const std::size_t n = count_arg(count);
        if (n > 0) require(parts, "parts");
        std::vector<cents> p(n);
        for (std::size_t i = 0; i < n; ++i) p[i] = cents::from_raw(parts[i]);
        const auto r = compare_total(cents::from_raw(total), std::span<const cents>(p),
                                     tail_options{count_zero_parts != 0});
        *out_verdict = static_cast<int32_t>(r.verdict);
        *out_difference = r.difference.raw();
        *out_bound = r.bound.raw();
    });
}

int32_t cz_apportion(const int64_t* exact, int64_t count, int32_t from_unit, int32_t to_unit, int64_t* out_values) {
    return guard([&] {
        const std::size_t n = count_arg(count);
        if (n > 0) {
            require(exact, "exact");
            require(out_values, "out_values");
        }
        const int e = detail::conversion_exponent(capi::unit_power_of(from_unit), 2, capi::unit_power_of(to_unit), 2);
        std::vector<std::int64_t> in(exact, exact + n);
        std::vector<std::int64_t> result;
        if (e <= 0) {
            result.reserve(n);
            for (auto v : in) result.push_back(detail::convert_raw(v, 0, 0, 0, -e, std::nullopt));
        } else {
            if (e > 18) throw error(errc::invalid_argument, "apportion: units too far apart");
            result = detail::apportion_raw(in, detail::pow10_i64(e));
        }
        std::copy(result.begin(), result.end(), out_values);
    });
}

}  // extern "C"
