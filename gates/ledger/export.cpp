#include "gates/ledger/export.h"

#include <nlohmann/json.hpp>

namespace changegate {

namespace {

nlohmann::json entry_json(const LedgerEntry& e) {
  return {{"project", e.project},
          {"seq", e.seq},
          {"evaluation_id", e.evaluation_id},
          {"change_id", e.change_id},
          {"head", e.head},
          {"base", e.base},
          {"verdict", e.verdict},
          {"evaluated_at", e.evaluated_at},
          {"ci_run_url", e.ci_run_url},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash},
          {"canonical", e.canonical}};
}

bool entry_from_json(const nlohmann::json& j, LedgerEntry* e, std::string* err) {
  if (!j.is_object()) {
    *err = "not a JSON object";
    return false;
  }
  const std::pair<const char*, std::string*> fields[] = {{"project", &e->project},
                                                         {"evaluation_id", &e->evaluation_id},
                                                         {"change_id", &e->change_id},
                                                         {"head", &e->head},
                                                         {"base", &e->base},
                                                         {"verdict", &e->verdict},
                                                         {"evaluated_at", &e->evaluated_at},
                                                         {"ci_run_url", &e->ci_run_url},
                                                         {"prev_hash", &e->prev_hash},
                                                         {"hash", &e->hash},
                                                         {"canonical", &e->canonical}};
  for (const auto& [name, target] : fields) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string()) {
      *err = std::string("missing string field \"") + name + "\"";
      return false;
    }
    *target = it->get<std::string>();
  }
  auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_integer()) {
    *err = "missing integer field \"seq\"";
    return false;
  }
  e->seq = seq->get<std::int64_t>();
  return true;
}

}  // namespace

std::string export_jsonl(const std::vector<LedgerEntry>& entries) {
  std::string out;
  for (const auto& e : entries) out += entry_json(e).dump() + "\n";
  return out;
}

std::string export_json(const std::vector<LedgerEntry>& entries) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : entries) list.push_back(entry_json(e));
  return nlohmann::json{{"format", k_export_format}, {"entries", list}}.dump(2) + "\n";
}

bool read_export(const std::string& text, std::vector<LedgerEntry>* out, std::string* err) {
  out->clear();
  const nlohmann::json whole = nlohmann::json::parse(text, nullptr, false);
  if (!whole.is_discarded() && whole.is_object() && whole.contains("entries")) {
    if (whole.value("format", "") != k_export_format || !whole["entries"].is_array()) {
      *err = std::string("not a ") + k_export_format + " document";
      return false;
    }
    for (std::size_t i = 0; i < whole["entries"].size(); ++i) {
      LedgerEntry e;
      if (!entry_from_json(whole["entries"][i], &e, err)) {
        *err = "entries[" + std::to_string(i) + "]: " + *err;
        return false;
      }
      out->push_back(std::move(e));
    }
    return true;
  }
  std::size_t start = 0;
  for (int line = 1; start < text.size(); ++line) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string row = text.substr(start, end - start);
    start = end + 1;
    if (row.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json j = nlohmann::json::parse(row, nullptr, false);
    LedgerEntry e;
    if (j.is_discarded()) {
      *err = "line " + std::to_string(line) + ": not JSON";
      return false;
    }
    if (!entry_from_json(j, &e, err)) {
      *err = "line " + std::to_string(line) + ": " + *err;
      return false;
    }
    out->push_back(std::move(e));
  }
  return true;
}

}  // namespace changegate
