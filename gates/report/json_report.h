// The evaluation as JSON, schema "changegate.evaluation/1" (SPEC §6;
// schema/evaluation.schema.json). Pure rendering: decides nothing.
#pragma once

#include <nlohmann/json.hpp>

#include "gates/evaluation.h"

namespace changegate {

constexpr const char* k_evaluation_schema = "changegate.evaluation/1";

nlohmann::json evaluation_to_json(const Evaluation& evaluation);

}  // namespace changegate
