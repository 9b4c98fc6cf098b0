// Internal: score_indicator on parsed values the caller gives up (no copies into the result).
#pragma once

#include "caizheng/scoring.hpp"

namespace caizheng::scoring_detail {

/// score_indicator(target, actual, weight, profile), moving `target` and `actual` into the
/// result once the weight is checked (if it throws after that, they are left moved-from).
indicator_result score_indicator_moved(indicator_value&& target, indicator_value&& actual, const decimal& weight,
                                       const scoring_profile& profile);

}  // namespace caizheng::scoring_detail
