// Internal: the execution score under several rate policies from one computation of what they
// share (the checks, the excess, the exact rate and its cap) — score_execution is this with
// one policy, and the table check asks for all three.
#pragma once

#include "caizheng/scoring.hpp"

#include "exact.hpp"

namespace caizheng::scoring_detail {

class execution_base {
public:
    /// What score_execution(budget, executed, weight, any policy, cap, zero_budget) computes
    /// before the policy; throws as it does (a negative figure).
    execution_base(const decimal& budget, const decimal& executed, const decimal& weight, bool cap,
                   zero_budget_policy zero_budget);
    /// score_execution(budget, executed, weight, policy, cap, zero_budget).
    [[nodiscard]] execution_result with(rate_policy policy) const;

private:
    execution_result common_;  // excess, defined, exact_rate, capped; the score of a zero budget
    frac rate_;                // executed / budget, capped when the policy says
    decimal weight_;
};

}  // namespace caizheng::scoring_detail
