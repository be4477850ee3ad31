#include "gates/risk_explain.h"

#include <sstream>

namespace changegate {

std::string explain_risk_config(const RiskConfig& risk) {
  const RiskWeights& w = risk.weights;
  std::ostringstream out;
  out << "risk levels: low 0, medium " << risk.levels.medium << ", high " << risk.levels.high
      << ", critical " << risk.levels.critical << " (score 0-100, the sum of the factors)\n";
  out << "factors:\n";
  out << "  change_size     " << w.change_size << " x changed lines / " << w.size_saturation
      << ", at most " << w.change_size << "\n";
  out << "  files_touched   " << w.files_touched << " x files / " << w.files_saturation
      << ", at most " << w.files_touched << "\n";
  out << "  tier            highest tier touched:";
  for (std::size_t i = 0; i < w.tier.size(); ++i) out << " tier " << i + 1 << " = " << w.tier[i];
  out << "\n  downstream      per reached component:";
  for (std::size_t i = 0; i < w.downstream_tier.size(); ++i)
    out << " tier " << i + 1 << " = " << w.downstream_tier[i];
  out << ", at most " << w.downstream_max << "\n";
  out << "  data_classes    per class touched:";
  for (const auto& [cls, points] : w.data) out << " " << cls << " = " << points;
  out << "\n  migrations      " << w.migration << " when a changed file matches migration_paths: ";
  if (risk.migration_paths.empty()) out << "(none configured)";
  for (std::size_t i = 0; i < risk.migration_paths.size(); ++i)
    out << (i ? ", " : "") << risk.migration_paths[i];
  out << "\n  change_type    ";
  for (const auto& [type, points] : w.change_type) out << " " << type << " = " << points;
  out << " (others 0)\n";
  out << "  freeze          " << w.freeze << " inside a freeze window";
  if (risk.freezes.empty()) out << " (none configured)";
  out << "\n";
  for (const auto& f : risk.freezes)
    out << "                    \"" << f.name << "\": " << f.describe() << "\n";
  out << "  waivers         " << w.waiver << " per waiver naming the change, at most "
      << w.waiver_max << "\n";
  out << "  defect_history  " << w.defect << " per defect traced to a touched component, at most "
      << w.defect_max << " (needs the ledger)\n";
  if (!risk.requirements.empty()) {
    out << "obligations:\n";
    for (const auto& r : risk.requirements) {
      out << "  gate \"" << r.id << "\": from risk " << to_string(r.at_least) << ":";
      if (r.min_approvals) out << " " << *r.min_approvals << " approvals";
      if (r.rollback_tested) out << (r.min_approvals ? "," : "") << " a tested rollback";
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace changegate
