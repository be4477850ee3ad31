#include "gates/ledger/entry.h"

#include <cstdlib>

#include "gates/error.h"
#include "gates/ledger/jcs.h"
#include "gates/util/sha256.h"

namespace changegate {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Cuts a string at k_entry_max_string bytes without splitting a UTF-8 sequence.
std::string cut_string(const std::string& s) {
  std::size_t end = k_entry_max_string;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

void cap(nlohmann::json& value, const std::string& pointer, nlohmann::json& cuts) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s.size() > k_entry_max_string) {
      cuts.push_back({{"path", pointer}, {"kept_bytes", k_entry_max_string}, {"bytes", s.size()}});
      value = cut_string(s);
    }
  } else if (value.is_array()) {
    if (value.size() > k_entry_max_list) {
      cuts.push_back({{"path", pointer}, {"kept", k_entry_max_list}, {"total", value.size()}});
      value.erase(value.begin() + static_cast<std::ptrdiff_t>(k_entry_max_list), value.end());
    }
    for (std::size_t i = 0; i < value.size(); ++i)
      cap(value[i], pointer + "/" + std::to_string(i), cuts);
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      cap(it.value(), pointer + "/" + it.key(), cuts);
  }
}

std::string string_or_empty(const nlohmann::json& j) {
  return j.is_string() ? j.get<std::string>() : "";
}

}  // namespace

std::string ci_run_url_from_env() {
  const std::string server = env("GITHUB_SERVER_URL"), repo = env("GITHUB_REPOSITORY"),
                    run = env("GITHUB_RUN_ID");
  if (!server.empty() && !repo.empty() && !run.empty())
    return server + "/" + repo + "/actions/runs/" + run;
  return env("CI_JOB_URL");
}

EntryDraft make_entry_draft(const nlohmann::json& evaluation_json, const std::string& project,
                            const std::string& ci_run_url) {
  // Through the text form so the entry holds what `--format json` shows.
  nlohmann::json evaluation = nlohmann::json::parse(
      evaluation_json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  evaluation.erase("ledger");
  if (evaluation.contains("gates") && evaluation["gates"].is_array()) {
    for (auto& gate : evaluation["gates"]) {
      nlohmann::json cuts = nlohmann::json::array();
      for (const char* key : {"details", "evidence", "summary"})
        if (gate.contains(key)) cap(gate[key], std::string("/") + key, cuts);
      if (!cuts.empty()) gate["ledger_truncated"] = cuts;
    }
  }
  EntryDraft d;
  d.project = project;
  d.evaluation_id = string_or_empty(evaluation.value("evaluation_id", nlohmann::json()));
  const auto& change = evaluation.value("change", nlohmann::json::object());
  d.change_id = string_or_empty(change.value("id", nlohmann::json()));
  const auto& repo = evaluation.value("repo", nlohmann::json::object());
  d.head = string_or_empty(repo.value("head", nlohmann::json()));
  d.base = string_or_empty(repo.value("base", nlohmann::json()));
  d.verdict = string_or_empty(evaluation.value("verdict", nlohmann::json()));
  d.evaluated_at = string_or_empty(evaluation.value("evaluated_at", nlohmann::json()));
  d.ci_run_url = ci_run_url;
  d.evaluation = std::move(evaluation);
  return d;
}

nlohmann::json draft_to_json(const EntryDraft& d) {
  return {{"schema", k_entry_schema},
          {"project", d.project},
          {"evaluation_id", d.evaluation_id},
          {"change_id", d.change_id},
          {"head", d.head},
          {"base", d.base},
          {"verdict", d.verdict},
          {"evaluated_at", d.evaluated_at},
          {"ci_run_url", d.ci_run_url},
          {"evaluation", d.evaluation}};
}

bool draft_from_json(const nlohmann::json& j, EntryDraft* d, std::string* err) {
  if (!j.is_object()) {
    *err = "not a JSON object";
    return false;
  }
  const char* fields[] = {"project", "evaluation_id", "change_id",    "head",
                          "base",    "verdict",       "evaluated_at", "ci_run_url"};
  std::string* targets[] = {&d->project, &d->evaluation_id, &d->change_id,    &d->head,
                            &d->base,    &d->verdict,       &d->evaluated_at, &d->ci_run_url};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    auto it = j.find(fields[i]);
    if (it == j.end() || !it->is_string()) {
      *err = std::string("missing string field \"") + fields[i] + "\"";
      return false;
    }
    *targets[i] = it->get<std::string>();
  }
  if (!j.contains("evaluation") || !j["evaluation"].is_object()) {
    *err = "missing object field \"evaluation\"";
    return false;
  }
  d->evaluation = j["evaluation"];
  if (d->project.empty() || d->evaluation_id.empty()) {
    *err = "empty \"project\" or \"evaluation_id\"";
    return false;
  }
  return true;
}

std::string chain_hash(const std::string& prev_hash, const std::string& canonical) {
  Sha256 sha;
  sha.update(prev_hash);
  sha.update(canonical);
  return sha.hex_digest();
}

LedgerEntry seal_entry(const EntryDraft& draft, std::int64_t seq, const std::string& prev_hash) {
  nlohmann::json body = draft_to_json(draft);
  body["seq"] = seq;
  body["prev_hash"] = prev_hash;
  LedgerEntry e;
  std::string err;
  if (!canonicalize_json(body, &e.canonical, &err))
    throw Error("ledger: evaluation " + draft.evaluation_id + " cannot be canonicalised: " + err);
  e.seq = seq;
  e.project = draft.project;
  e.evaluation_id = draft.evaluation_id;
  e.change_id = draft.change_id;
  e.head = draft.head;
  e.base = draft.base;
  e.verdict = draft.verdict;
  e.evaluated_at = draft.evaluated_at;
  e.ci_run_url = draft.ci_run_url;
  e.prev_hash = prev_hash;
  e.hash = chain_hash(prev_hash, e.canonical);
  return e;
}

}  // namespace changegate
