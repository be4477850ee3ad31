#include "gates/risk_require.h"

#include <set>

namespace changegate {

int independent_approvals(const ChangeRecord& change) {
  std::set<std::string> by;
  for (const auto& a : change.approvals)
    if (a.by != change.author) by.insert(a.by);
  return static_cast<int>(by.size());
}

namespace {

class RiskRequireCheck : public Check {
 public:
  explicit RiskRequireCheck(RiskRequirement requirement) : requirement_(std::move(requirement)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    r.details["at_least"] = to_string(requirement_.at_least);
    r.details["risk_level"] = ctx.risk_level ? to_string(*ctx.risk_level) : "not assessed";
    if (ctx.change.present) r.evidence.push_back({ctx.change.path, ctx.change.sha256, 0});
    if (requirement_.min_approvals) {
      const int n = independent_approvals(ctx.change);
      if (!r.compare("approvals in the change record (not the author)", n,
                     ">=", *requirement_.min_approvals, n >= *requirement_.min_approvals))
        r.problems.push_back("at risk " + std::string(to_string(requirement_.at_least)) +
                             " or above the change needs " +
                             std::to_string(*requirement_.min_approvals) + " approvals, has " +
                             std::to_string(n));
    }
    if (requirement_.rollback_tested) {
      const bool tested = ctx.change.rollback && ctx.change.rollback->tested.value_or(false);
      if (!r.compare("rollback.tested", tested, "==", true, tested))
        r.problems.push_back("at risk " + std::string(to_string(requirement_.at_least)) +
                             " or above the rollback must be tested (rollback.tested = true)");
    }
    r.status = r.problems.empty() ? Status::pass : Status::fail;
    r.summary = r.problems.empty() ? std::string("obligations for risk ") +
                                         to_string(requirement_.at_least) + "+ met"
                                   : r.problems.front();
  }

 private:
  RiskRequirement requirement_;
};

}  // namespace

std::unique_ptr<Check> make_risk_require_check(const RiskRequirement& requirement) {
  return std::make_unique<RiskRequireCheck>(requirement);
}

}  // namespace changegate
