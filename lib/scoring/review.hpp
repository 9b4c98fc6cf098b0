// Internal: review_performance on project claims the caller already has (the reconciler
// extracts the narrative once for the N.* and the P.* families).
#pragma once

#include "caizheng/narrative.hpp"
#include "caizheng/scoring.hpp"

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

}  // namespace caizheng::scoring_detail
