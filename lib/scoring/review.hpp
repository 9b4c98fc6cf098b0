// Internal: review_performance on project claims the caller already has (the reconciler
// extracts the narrative once for the N.* and the P.* families).
#pragma once

#include "caizheng/narrative.hpp"
#include "caizheng/scoring.hpp"

#include <optional>
#include <vector>

namespace caizheng::scoring_detail {

/// review_performance(r, profile) with the projects the 自评报告 prose restates given:
/// `claims` must be what extract_project_claims(r) returns (same claims, same order). Only
/// `findings` is the same as review_performance's (the reconciler reads only those): each
/// projects[i] keeps what the cross-document checks read (execution, rate_reproduced_by,
/// published and recomputed totals and grades) and leaves findings, indicators, groups and the
/// project's name and source empty — its findings are written straight into `findings`, and an
/// indicator's reason is written only into a finding that is emitted.
performance_review review_performance(const report& r, const scoring_profile& profile,
                                      const std::vector<project_claim>& claims);

/// Σ of a table's indicator values (printed scores, or 分值 for full marks) exactly in 128 bits
/// at the largest of their scales, with Σ of their magnitudes; `missing` when a non-blank
/// indicator has no value, `fits` false when a 128-bit step overflowed (then it is not used).
/// The 自评报告 check sums once for the three rate policies.
struct indicator_sum {
    bool missing = false, fits = true;
    __extension__ __int128 sum = 0, magnitude = 0;
    int scale = 0;
};
indicator_sum sum_indicators(const project_evaluation& p, bool full_marks);

/// A 自评报告 claim's score as the review reads it: decimal::parse(pc.score_text) (places as
/// written), pc.score when that text is empty or does not read; a plain text of digits is read
/// without decimal::parse (the same value and places).
std::optional<decimal> claim_score(const project_claim& pc);

/// Whether the figure's text shows more places than its value holds (then the review restores
/// them in a copy of the table): the inline check the review uses (tests compare it with the
/// count of the printed places).
bool figure_needs_places(const figure& f);

/// score + Σ indicators as adding them one by one with exact_sum gives it (the same value at
/// the same scale), or nothing when that is not certain from 64 bits: when Σ of the magnitudes
/// fits, no partial sum can overflow (then the one-by-one sum is taken, for its error).
std::optional<decimal> total_from_sum(const decimal& score, const indicator_sum& s);

}  // namespace caizheng::scoring_detail
