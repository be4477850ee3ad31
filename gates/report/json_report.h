// The evaluation as JSON, schema "changegate.evaluation/1" (SPEC §6;
// schema/evaluation.schema.json), and back. Pure rendering: decides nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "gates/evaluation.h"

namespace changegate {

constexpr const char* k_evaluation_schema = "changegate.evaluation/1";

// The evaluation as the JSON document `check --format json` prints; never fails.
nlohmann::json evaluation_to_json(const Evaluation& evaluation);

// The evaluation a JSON document written by evaluation_to_json describes, so
// that evaluation_to_json(evaluation_from_json(j, ...)) == j. Throws
// changegate::Error "SOURCE: /json/pointer: problem" for the first field that
// is missing, has the wrong type or an impossible value, and "SOURCE: not a
// changegate evaluation (schema ...)" when `j` is not one at all. Fields the
// model does not hold (evaluation_id, ledger) are dropped.
Evaluation evaluation_from_json(const nlohmann::json& j, const std::string& source);

// Reads and parses the evaluation JSON file at `path`; throws
// changegate::Error naming the file when it cannot be read, is not JSON, or
// evaluation_from_json refuses it.
Evaluation read_evaluation_file(const std::string& path);

}  // namespace changegate
