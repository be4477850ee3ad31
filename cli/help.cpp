#include <sstream>

#include "cli/commands.h"
#include "gates/check.h"

namespace changegate::cli {

std::string gate_kinds_help(const GateKinds& kinds) {
  std::ostringstream out;
  out << "Gate kinds (kind = \"...\" in a [[gate]] of changegate.toml):\n";
  for (const auto& kind : kinds) {
    out << "  " << kind.name << ": " << kind.description << "\n";
    for (const auto& key : kind.keys)
      out << "      " << key.name << " (" << key.type << "): " << key.help << "\n";
  }
  out << "Every gate also takes id, kind, severity (block|warn), on_error (block|warn),\n"
         "when = { risk_at_least, paths, change_types } and description.";
  return out.str();
}

}  // namespace changegate::cli
