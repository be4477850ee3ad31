// The evaluation as JUnit XML, one testcase per gate, so CI test tabs list
// the gates: fail -> <failure>, error -> <error>, skip and waived -> <skipped>.
#pragma once

#include <string>

#include "gates/evaluation.h"

namespace changegate {

std::string render_junit(const Evaluation& evaluation);

}  // namespace changegate
