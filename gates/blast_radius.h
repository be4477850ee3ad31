// Which components a change touches, and everything reachable from them
// through `downstream` (SPEC §5). Pure: config + diff in, plain data out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gates/config.h"
#include "gates/git/git_repo.h"

namespace changegate {

// Maps each changed file to the first component whose paths match it (the new
// path, else the old one for a rename), then walks `downstream` breadth-first,
// visiting each component once, so a cycle ends the walk instead of looping.
// changegate.toml and .changegate/* that no component claims are listed as
// gate_inputs, not as "(unowned)" product files.
BlastRadius compute_blast_radius(const Config& config, const DiffStats& diff);

// Every `downstream` cycle in the config, each as "a -> b -> a"; for
// validate's warnings and the report.
std::vector<std::string> downstream_cycles(const Config& config);

}  // namespace changegate
