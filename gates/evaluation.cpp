#include "gates/evaluation.h"

namespace changegate {

const char* to_string(Status status) {
  switch (status) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::error: return "error";
    case Status::skip: return "skip";
    case Status::waived: return "waived";
  }
  return "error";
}

const char* to_string(Severity severity) {
  return severity == Severity::block ? "block" : "warn";
}

const char* to_string(RiskLevel level) {
  switch (level) {
    case RiskLevel::low: return "low";
    case RiskLevel::medium: return "medium";
    case RiskLevel::high: return "high";
    case RiskLevel::critical: return "critical";
  }
  return "low";
}

std::optional<RiskLevel> parse_risk_level(const std::string& text) {
  if (text == "low") return RiskLevel::low;
  if (text == "medium") return RiskLevel::medium;
  if (text == "high") return RiskLevel::high;
  if (text == "critical") return RiskLevel::critical;
  return std::nullopt;
}

bool GateResult::blocks() const {
  if (status == Status::fail) return severity == Severity::block;
  if (status == Status::error) return on_error_blocks;
  return false;
}

void GateResult::conclude(const std::string& unjudged, const std::string& pass_summary) {
  if (!problems.empty()) {
    if (!unjudged.empty()) problems.push_back(unjudged);
    status = Status::fail;
    summary = problems.front() +
              (problems.size() > 1 ? " (+" + std::to_string(problems.size() - 1) + " more)" : "");
  } else if (!unjudged.empty()) {
    status = Status::error;
    summary = unjudged;
    problems.push_back(unjudged);
  } else {
    status = Status::pass;
    summary = pass_summary;
  }
}

void GateResult::conclude(const Outcome& outcome) {
  for (const auto& reason : outcome.unjudged) problems.push_back(reason);
  if (outcome.failed) {
    status = Status::fail;
    summary = !outcome.fail_summary.empty() ? outcome.fail_summary
              : problems.empty()            ? std::string("failed")
                                            : problems.front();
  } else if (!outcome.unjudged.empty()) {
    status = Status::error;
    summary = outcome.error_summary.empty() ? outcome.unjudged.front() : outcome.error_summary;
  } else {
    status = Status::pass;
    summary = outcome.pass_summary;
  }
}

bool GateResult::compare(std::string name, nlohmann::json actual, std::string op,
                         nlohmann::json expected, bool ok, nlohmann::json tolerance) {
  comparisons.push_back(Comparison{std::move(name), std::move(actual), std::move(op),
                                   std::move(expected), std::move(tolerance), ok});
  return ok;
}

}  // namespace changegate
