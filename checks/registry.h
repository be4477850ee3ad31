// The gate-kind registry: every kind changegate ships, one row each. The CLI
// passes it to load_config/parse_config and --help; gates/ never includes it.
#pragma once

#include "gates/check.h"

namespace changegate::checks {

// Every gate kind, in the order --help lists them. Built once; never fails.
const GateKinds& registry();

}  // namespace changegate::checks
