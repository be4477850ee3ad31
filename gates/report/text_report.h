// The evaluation as a terminal table a person reads at a glance: one row per
// gate, then what went wrong under each gate that did not pass, then the verdict.
#pragma once

#include <string>

#include "gates/evaluation.h"

namespace changegate {

struct TextOptions {
  bool color = false;  // ANSI colour: only on a TTY and never with NO_COLOR (the CLI decides)
};

std::string render_text(const Evaluation& evaluation, const TextOptions& options);

}  // namespace changegate
