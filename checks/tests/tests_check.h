// `tests` gate (SPEC §4.1): JUnit reports are green — enough tests ran, no
// more failures than allowed, required suites present, evidence fresh.
// Flaky tests (failed, then passed on rerun) and quarantined tests are
// reported, not counted as failures.
#pragma once

#include <memory>
#include <vector>

#include "gates/check.h"

namespace changegate {

extern const std::vector<GateKey> k_tests_keys;
std::unique_ptr<Check> load_tests_check(const TableReader& gate);

}  // namespace changegate
