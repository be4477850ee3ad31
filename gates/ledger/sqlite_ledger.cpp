#include "gates/ledger/sqlite_ledger.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "gates/error.h"
#include "gates/ledger/migrations.h"
#include "gates/util/timestamp.h"

namespace changegate {

namespace {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::string& display) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw Error("ledger " + display + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  void bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  // SQLITE_ROW or SQLITE_DONE; anything else is returned for the caller to judge.
  int step() { return sqlite3_step(stmt_); }
  std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* k_select_columns =
    "SELECT seq, project, evaluation_id, change_id, head, base, verdict, evaluated_at, "
    "ci_run_url, prev_hash, hash, canonical FROM ledger_entries ";

LedgerEntry row_entry(const Statement& s) {
  LedgerEntry e;
  e.seq = s.integer(0);
  e.project = s.text(1);
  e.evaluation_id = s.text(2);
  e.change_id = s.text(3);
  e.head = s.text(4);
  e.base = s.text(5);
  e.verdict = s.text(6);
  e.evaluated_at = s.text(7);
  e.ci_run_url = s.text(8);
  e.prev_hash = s.text(9);
  e.hash = s.text(10);
  e.canonical = s.text(11);
  return e;
}

class SqliteLedger : public Ledger {
 public:
  SqliteLedger(sqlite3* db, std::string display) : db_(db), display_(std::move(display)) {}
  ~SqliteLedger() override { sqlite3_close(db_); }

  const std::string& display() const override { return display_; }

  void exec(const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
      const std::string text = msg ? msg : sqlite3_errmsg(db_);
      sqlite3_free(msg);
      throw Error("ledger " + display_ + ": " + text);
    }
  }

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT: the write lock is taken
  // up front, so two writers never both read the same chain head.
  template <typename Body>
  void transaction(Body body) {
    exec("BEGIN IMMEDIATE");
    try {
      body();
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  void migrate() {
    transaction([&] {
      exec(k_schema_version_ddl);
      Statement s(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version", display_);
      if (s.step() != SQLITE_ROW) throw Error("ledger " + display_ + ": " + sqlite3_errmsg(db_));
      const int version = static_cast<int>(s.integer(0));
      if (version > k_ledger_schema_version) throw Error(newer_schema_message(display_, version));
      for (const auto& m : ledger_migrations()) {
        if (m.version <= version) continue;
        for (const auto& sql : m.statements) exec(sql);
        Statement ins(db_, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                      display_);
        ins.bind(1, static_cast<std::int64_t>(m.version));
        ins.bind(2, format_timestamp(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count()));
        if (ins.step() != SQLITE_DONE)
          throw Error("ledger " + display_ + ": " + sqlite3_errmsg(db_));
      }
    });
  }

  LedgerEntry append(const EntryDraft& draft, bool* appended) override {
    LedgerEntry result;
    *appended = false;
    transaction([&] {
      Statement existing(db_, (std::string(k_select_columns) + "WHERE evaluation_id = ?").c_str(),
                         display_);
      existing.bind(1, draft.evaluation_id);
      if (existing.step() == SQLITE_ROW) {
        result = row_entry(existing);
        return;
      }
      Statement head(db_,
                     "SELECT seq, hash FROM ledger_entries WHERE project = ? "
                     "ORDER BY seq DESC LIMIT 1",
                     display_);
      head.bind(1, draft.project);
      std::int64_t seq = 1;
      std::string prev = k_zero_hash;
      if (head.step() == SQLITE_ROW) {
        seq = head.integer(0) + 1;
        prev = head.text(1);
      }
      result = seal_entry(draft, seq, prev);
      insert(result);
      *appended = true;
    });
    return result;
  }

  void insert(const LedgerEntry& e) {
    Statement s(db_,
                "INSERT INTO ledger_entries (seq, project, evaluation_id, change_id, head, base, "
                "verdict, evaluated_at, ci_run_url, prev_hash, hash, canonical) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                display_);
    s.bind(1, e.seq);
    const std::string* texts[] = {&e.project,   &e.evaluation_id, &e.change_id,    &e.head,
                                  &e.base,      &e.verdict,       &e.evaluated_at, &e.ci_run_url,
                                  &e.prev_hash, &e.hash,          &e.canonical};
    for (int i = 0; i < 11; ++i) s.bind(i + 2, *texts[i]);
    if (s.step() != SQLITE_DONE)
      throw Error("ledger " + display_ + ": cannot store entry " + std::to_string(e.seq) +
                  " of project \"" + e.project + "\": " + sqlite3_errmsg(db_));
  }

  std::vector<LedgerEntry> entries(const std::string& project) override {
    Statement s(db_, (std::string(k_select_columns) + "WHERE project = ? ORDER BY seq").c_str(),
                display_);
    s.bind(1, project);
    std::vector<LedgerEntry> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(row_entry(s));
    if (rc != SQLITE_DONE) throw Error("ledger " + display_ + ": " + sqlite3_errmsg(db_));
    return out;
  }

  std::vector<std::string> projects() override {
    Statement s(db_, "SELECT DISTINCT project FROM ledger_entries ORDER BY project", display_);
    std::vector<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(s.text(0));
    if (rc != SQLITE_DONE) throw Error("ledger " + display_ + ": " + sqlite3_errmsg(db_));
    return out;
  }

  void insert_sealed(const std::vector<LedgerEntry>& entries) override {
    transaction([&] {
      for (const auto& e : entries) insert(e);
    });
  }

 private:
  sqlite3* db_;
  std::string display_;
};

}  // namespace

std::unique_ptr<Ledger> open_sqlite_ledger(const LedgerUrl& url, const LedgerOpenOptions& options) {
  namespace fs = std::filesystem;
  const fs::path path(url.target);
  if (!options.create && !fs::exists(path))
    throw Error("ledger " + url.display + " does not exist yet (" + url.target +
                "); the first `changegate check` that writes the ledger creates it");
  if (options.create && path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      throw Error("ledger " + url.display + ": cannot create " + path.parent_path().string() +
                  ": " + ec.message());
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(url.target.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw Error("ledger " + url.display + ": cannot open " + url.target + ": " + msg);
  }
  auto ledger = std::make_unique<SqliteLedger>(db, url.display);
  sqlite3_busy_timeout(db, options.timeout_seconds * 1000);
  // Switching to WAL takes a lock the busy handler does not wait for; many
  // writers opening a fresh file at once can see SQLITE_BUSY here.
  for (int attempt = 0;; ++attempt) {
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc == SQLITE_OK) break;
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt > options.timeout_seconds * 20)
      throw Error("ledger " + url.display + ": cannot switch to WAL: " + sqlite3_errmsg(db));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // FULL: a committed entry survives power loss, not only a killed process.
  ledger->exec("PRAGMA synchronous=FULL");
  ledger->migrate();
  return ledger;
}

}  // namespace changegate
