#include "gates/ledger/verify.h"

#include "gates/ledger/jcs.h"

namespace changegate {

namespace {

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (const char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Why `e` disagrees with its own hashed text, or "" when it does not.
std::string column_mismatch(const LedgerEntry& e, const nlohmann::json& body) {
  const std::pair<const char*, const std::string*> columns[] = {{"project", &e.project},
                                                                {"evaluation_id", &e.evaluation_id},
                                                                {"change_id", &e.change_id},
                                                                {"head", &e.head},
                                                                {"base", &e.base},
                                                                {"verdict", &e.verdict},
                                                                {"evaluated_at", &e.evaluated_at},
                                                                {"ci_run_url", &e.ci_run_url},
                                                                {"prev_hash", &e.prev_hash}};
  for (const auto& [name, value] : columns) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string())
      return std::string("its hashed text has no \"") + name + "\"";
    if (it->get<std::string>() != *value)
      return std::string("column ") + name + " is \"" + *value + "\" but the hashed text says \"" +
             it->get<std::string>() + "\"";
  }
  auto seq = body.find("seq");
  if (seq == body.end() || !seq->is_number_integer())
    return "its hashed text has no integer \"seq\"";
  if (seq->get<std::int64_t>() != e.seq)
    return "column seq is " + std::to_string(e.seq) + " but the hashed text says " +
           std::to_string(seq->get<std::int64_t>());
  if (body.value("schema", "") != k_entry_schema)
    return std::string("its hashed text is not a ") + k_entry_schema + " entry";
  return "";
}

}  // namespace

ChainCheck verify_chain(const std::vector<LedgerEntry>& entries) {
  ChainCheck check;
  std::string prev = k_zero_hash;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const LedgerEntry& e = entries[i];
    const auto expected = static_cast<std::int64_t>(i) + 1;
    auto fail = [&](std::int64_t entry, std::string why) {
      check.ok = false;
      check.first_bad = entry;
      check.problem = std::move(why);
      check.entries = static_cast<std::int64_t>(entries.size());
      return check;
    };
    if (e.seq != expected) {
      if (e.seq > expected)
        return fail(expected, "entry " + std::to_string(expected) +
                                  " is missing (the next stored entry is " + std::to_string(e.seq) +
                                  ")");
      return fail(expected, "entry " + std::to_string(expected) + " is stored as seq " +
                                std::to_string(e.seq));
    }
    nlohmann::json body = nlohmann::json::parse(e.canonical, nullptr, false);
    if (body.is_discarded() || !body.is_object())
      return fail(expected, "its hashed text is not a JSON object");
    std::string again, err;
    if (!canonicalize_json(body, &again, &err) || again != e.canonical)
      return fail(expected, "its hashed text is not in RFC 8785 canonical form");
    if (std::string why = column_mismatch(e, body); !why.empty()) return fail(expected, why);
    if (e.prev_hash != prev)
      return fail(expected,
                  "prev_hash " + e.prev_hash + " is not the previous entry's hash " + prev);
    if (!is_hex64(e.hash))
      return fail(expected, "hash \"" + e.hash + "\" is not 64 lower-case hex digits");
    const std::string recomputed = chain_hash(e.prev_hash, e.canonical);
    if (recomputed != e.hash)
      return fail(expected, "hash " + e.hash + " does not match the recomputed " + recomputed);
    prev = e.hash;
  }
  check.entries = static_cast<std::int64_t>(entries.size());
  check.head_hash = entries.empty() ? "" : prev;
  return check;
}

}  // namespace changegate
