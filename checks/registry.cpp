// One row per kind: the same rows drive the config loader's key checking,
// `--help` and "unknown gate kind" suggestions.
#include "checks/registry.h"

#include "checks/golden/golden_check.h"
#include "checks/logs/logs_check.h"
#include "checks/review/review_check.h"
#include "checks/rollback/rollback_check.h"
#include "checks/security/security_check.h"
#include "checks/slo/slo_check.h"
#include "checks/tests/tests_check.h"

namespace changegate::checks {

const GateKinds& registry() {
  static const GateKinds k_kinds({
      {"tests", "test suites green (JUnit XML)", k_tests_keys, load_tests_check},
      {"review", "review approved (change record, git trailers, GitHub, GitLab)", k_review_keys,
       load_review_check},
      {"rollback", "rollback plan present and credible", k_rollback_keys, load_rollback_check},
      {"slo", "SLO error budget and burn rate from Prometheus", k_slo_keys, load_slo_check},
      {"golden", "golden-dataset aggregates match known-good values", k_golden_keys,
       load_golden_check},
      {"security", "security scan within thresholds (SARIF 2.1.0)", k_security_keys,
       load_security_check},
      {"logs", "structured-log assertions (JSON lines)", k_logs_keys, load_logs_check},
  });
  return k_kinds;
}

}  // namespace changegate::checks
