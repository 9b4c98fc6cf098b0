// Internal: review_performance on project claims the caller already has (the reconciler
// extracts the narrative once for the N.* and the P.* families).
#pragma once

#include "caizheng/narrative.hpp"
#include "caizheng/scoring.hpp"

#include <vector>

namespace caizheng::scoring_detail {

/// review_performance(r, profile) with the projects the 自评报告 prose restates given:
/// `claims` must be what extract_project_claims(r) returns (same claims, same order); the
/// review is then the same, except that each projects[i].findings is left empty: its findings
/// are moved into `findings` (the reconciler reads only those), not copied.
performance_review review_performance(const report& r, const scoring_profile& profile,
                                      const std::vector<project_claim>& claims);

}  // namespace caizheng::scoring_detail
