// `golden` gate (SPEC §4.6): a pipeline's output on a small golden input has
// the known-good aggregates — per group, within tolerances and bounds — and
// no group went missing or appeared. `changegate golden snapshot` writes the
// known-good values from a run the team trusts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gates/check.h"
#include "gates/config.h"

namespace changegate {

extern const std::vector<GateKey> k_golden_keys;
std::unique_ptr<Check> load_golden_check(const TableReader& gate);

struct GoldenSnapshot {
  std::string path;      // the expected file, as written in the gate
  bool existed = false;  // a file was there before
  bool changed = false;  // its content changed (false: identical, left alone)
  std::size_t groups = 0;
};

// Computes gate `gate`'s aggregates on its candidate (paths under
// `repo_root`) and writes them to the gate's `expected` file. Throws
// changegate::Error: exit 2 when the gate is not a golden gate with an
// `expected` key or the file differs and `force` is false; exit 1 when the
// candidate cannot be read.
GoldenSnapshot write_golden_snapshot(const GateConfig& gate, const std::string& repo_root,
                                     bool force);

}  // namespace changegate
