#include "gates/risk_require.h"

#include "gates/approvals.h"
#include "gates/config.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

const ApprovalSource* configured_approval_source(const Config& config) {
  for (const auto& gate : config.gates)
    if (const auto* source = dynamic_cast<const ApprovalSource*>(gate.check.get())) return source;
  return nullptr;
}

class RiskRequireCheck : public Check {
 public:
  explicit RiskRequireCheck(RiskRequirement requirement) : requirement_(std::move(requirement)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    r.details["at_least"] = to_string(requirement_.at_least);
    r.details["risk_level"] = ctx.risk_level ? to_string(*ctx.risk_level) : "not assessed";
    if (ctx.change.present) r.evidence.push_back({ctx.change.path, ctx.change.sha256, 0});
    std::string unjudged;
    if (requirement_.min_approvals) unjudged = check_approvals(ctx, *requirement_.min_approvals, r);
    if (requirement_.rollback_tested) {
      const bool tested = ctx.change.rollback && ctx.change.rollback->tested.value_or(false);
      if (!r.compare("rollback.tested", tested, "==", true, tested))
        r.problems.push_back("at risk " + std::string(to_string(requirement_.at_least)) +
                             " or above the rollback must be tested (rollback.tested = true)");
    }
    r.conclude(unjudged,
               std::string("obligations for risk ") + to_string(requirement_.at_least) + "+ met");
  }

 private:
  // Counts approvals as the review gate does; returns why they could not be
  // judged, or "".
  std::string check_approvals(const CheckContext& ctx, int min, GateResult& r) const {
    const ApprovalSource* source = configured_approval_source(ctx.config);
    const ReviewFacts facts = source ? source->approval_facts(ctx) : change_record_facts(ctx);
    const std::string name = source ? source->approval_source_name() : "change";
    r.details["approval_source"] = name;
    for (const auto& e : facts.evidence)
      if (!ctx.change.present || e.path != ctx.change.path) r.evidence.push_back(e);
    if (!facts.error.empty()) return "cannot count approvals: " + facts.error;
    const ApprovalTally t =
        tally_approvals(facts, source ? source->approval_policy() : ApprovalPolicy{});
    std::vector<std::string> approvers;
    for (const auto& a : t.approvers) approvers.push_back(a.display);
    r.details["approvers"] = approvers;
    r.details["not_counted"] = t.ignored;
    const auto n = static_cast<std::int64_t>(t.approvers.size());
    if (!r.compare("independent approvals (" + name + ")", n, ">=", min, n >= min))
      r.problems.push_back("at risk " + std::string(to_string(requirement_.at_least)) +
                           " or above the change needs " + std::to_string(min) +
                           " approvals, has " + std::to_string(n) +
                           (approvers.empty() ? "" : " (" + join(approvers, ", ") + ")"));
    return t.unjudged;
  }

  RiskRequirement requirement_;
};

}  // namespace

std::unique_ptr<Check> make_risk_require_check(const RiskRequirement& requirement) {
  return std::make_unique<RiskRequireCheck>(requirement);
}

}  // namespace changegate
