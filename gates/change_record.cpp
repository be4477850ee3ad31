#include "gates/change_record.h"

#include "gates/document.h"
#include "gates/error.h"
#include "gates/table_reader.h"
#include "gates/util/file.h"
#include "gates/util/sha256.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<std::string>& change_types() {
  static const std::vector<std::string> k_types = {"feature",   "fix",       "refactor", "config",
                                                   "migration", "emergency", "docs"};
  return k_types;
}

namespace {

Rollback read_rollback(const TableReader& r) {
  r.allow_only(
      {"plan", "steps", "tested", "tested_at", "runbook", "max_minutes", "down_migration"});
  Rollback rb;
  rb.line = r.node().line;
  rb.plan = r.string("plan").value_or("");
  rb.steps = r.string_list("steps");
  rb.tested = r.boolean("tested");
  rb.tested_at = r.time("tested_at");
  rb.runbook = r.string("runbook").value_or("");
  rb.max_minutes = r.integer("max_minutes", 0);
  rb.down_migration = r.string("down_migration").value_or("");
  return rb;
}

ChangeRecord read_record(const Document& doc) {
  TableReader r(doc, doc.root, "");
  r.allow_only(
      {"id", "title", "type", "author", "tickets", "fixes", "summary", "rollback", "approval"});
  ChangeRecord record;
  record.present = true;
  record.path = doc.path;
  record.id = r.required_string("id");
  record.id_source = "record";
  record.title = r.string("title").value_or("");
  record.type = r.choice("type", change_types()).value_or("");
  record.author = r.string("author").value_or("");
  record.tickets = r.string_list("tickets");
  record.fixes = r.string_list("fixes");
  record.summary = r.string("summary").value_or("");
  if (auto rb = r.table("rollback", "rollback")) record.rollback = read_rollback(*rb);
  for (const auto& a : r.table_list("approval", "approval")) {
    a.allow_only({"by", "at", "commit"});
    Approval approval;
    approval.line = a.node().line;
    approval.by = a.required_string("by");
    approval.at = a.time("at");
    approval.commit = a.string("commit").value_or("");
    record.approvals.push_back(std::move(approval));
  }
  return record;
}

}  // namespace

ChangeRecord parse_change_record(const std::string& text, const std::string& path, bool json) {
  const Document doc = json ? parse_json(text, path) : parse_toml(text, path);
  ChangeRecord record = read_record(doc);
  record.sha256 = sha256_hex(text);
  return record;
}

ChangeRecord load_change_record(const std::string& path) {
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(path + ": cannot read the change record");
  return parse_change_record(text, path, ends_with(path, ".json"));
}

}  // namespace changegate
