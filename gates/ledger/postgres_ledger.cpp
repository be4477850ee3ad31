#include "gates/ledger/postgres_ledger.h"

#include <libpq-fe.h>

#include <chrono>
#include <random>
#include <thread>

#include "gates/error.h"
#include "gates/ledger/migrations.h"
#include "gates/net/dsn_secrets.h"

namespace changegate {

namespace {

using ResultPtr = std::unique_ptr<PGresult, void (*)(PGresult*)>;

constexpr const char* k_select_columns =
    "SELECT seq, project, evaluation_id, change_id, head, base, verdict, evaluated_at, "
    "ci_run_url, prev_hash, hash, canonical FROM ledger_entries ";

// What a failed statement means for the caller: try the transaction again
// (another writer got there first) or give up.
struct PgFailure {
  std::string sqlstate;
  std::string message;
  bool retryable() const {
    return sqlstate == "23505"      // unique_violation: another writer took this seq
           || sqlstate == "40001"   // serialization_failure
           || sqlstate == "40P01"   // deadlock_detected
           || sqlstate == "42P07";  // duplicate_table: a concurrent first migration
  }
};

class PostgresLedger : public Ledger {
 public:
  PostgresLedger(PGconn* conn, std::string dsn, std::string display)
      : conn_(conn), dsn_(std::move(dsn)), display_(std::move(display)) {}
  ~PostgresLedger() override { PQfinish(conn_); }

  const std::string& display() const override { return display_; }

  // Runs one statement; on failure throws PgFailure (SQLSTATE + scrubbed
  // message) so transactions can tell a lost race from a broken server.
  ResultPtr run(const char* sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (const auto& p : params) {
      values.push_back(p.data());
      lengths.push_back(static_cast<int>(p.size()));
    }
    ResultPtr res(PQexecParams(conn_, sql, static_cast<int>(params.size()), nullptr, values.data(),
                               lengths.data(), nullptr, 0),
                  PQclear);
    const auto status = PQresultStatus(res.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return res;
    const char* state = res ? PQresultErrorField(res.get(), PG_DIAG_SQLSTATE) : nullptr;
    const char* msg = res ? PQresultErrorMessage(res.get()) : PQerrorMessage(conn_);
    throw PgFailure{state ? state : "", scrub_dsn(msg && *msg ? msg : PQerrorMessage(conn_), dsn_)};
  }

  Error failure(const std::string& what, const PgFailure& f) const {
    return Error("ledger " + display_ + ": " + what + ": " + f.message);
  }

  // Runs `body` in a transaction, again after a lost race, with a short
  // random back-off so the writers that lost do not collide again in step.
  template <typename Body>
  void transaction(const std::string& what, Body body) {
    std::mt19937 rng(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
      try {
        run("BEGIN");
        body();
        run("COMMIT");
        return;
      } catch (const PgFailure& f) {
        PQclear(PQexec(conn_, "ROLLBACK"));
        if (!f.retryable() || attempt >= 200 || PQstatus(conn_) != CONNECTION_OK)
          throw failure(what, f);
        std::uniform_int_distribution<int> jitter(1, 5 + std::min(attempt, 20) * 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      } catch (...) {
        PQclear(PQexec(conn_, "ROLLBACK"));
        throw;
      }
    }
  }

  void migrate() {
    try {
      auto res = run("SELECT COALESCE(MAX(version), 0) FROM schema_version");
      const int version = std::atoi(PQgetvalue(res.get(), 0, 0));
      if (version > k_ledger_schema_version) throw Error(newer_schema_message(display_, version));
      if (version == k_ledger_schema_version) return;
    } catch (const PgFailure& f) {
      if (f.sqlstate != "42P01") throw failure("cannot read schema_version", f);  // undefined_table
    }
    transaction("cannot migrate the schema", [&] {
      run(k_schema_version_ddl);
      auto res = run("SELECT COALESCE(MAX(version), 0) FROM schema_version");
      const int version = std::atoi(PQgetvalue(res.get(), 0, 0));
      if (version > k_ledger_schema_version) throw Error(newer_schema_message(display_, version));
      for (const auto& m : ledger_migrations()) {
        if (m.version <= version) continue;
        for (const auto& sql : m.statements) run(sql.c_str());
        run("INSERT INTO schema_version (version, applied_at) VALUES ($1, now()::text)",
            {std::to_string(m.version)});
      }
    });
  }

  static LedgerEntry row_entry(PGresult* res, int row) {
    auto text = [&](int col) {
      return std::string(PQgetvalue(res, row, col),
                         static_cast<std::size_t>(PQgetlength(res, row, col)));
    };
    LedgerEntry e;
    e.seq = std::stoll(text(0));
    e.project = text(1);
    e.evaluation_id = text(2);
    e.change_id = text(3);
    e.head = text(4);
    e.base = text(5);
    e.verdict = text(6);
    e.evaluated_at = text(7);
    e.ci_run_url = text(8);
    e.prev_hash = text(9);
    e.hash = text(10);
    e.canonical = text(11);
    return e;
  }

  void insert(const LedgerEntry& e) {
    run("INSERT INTO ledger_entries (seq, project, evaluation_id, change_id, head, base, "
        "verdict, evaluated_at, ci_run_url, prev_hash, hash, canonical) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {std::to_string(e.seq), e.project, e.evaluation_id, e.change_id, e.head, e.base, e.verdict,
         e.evaluated_at, e.ci_run_url, e.prev_hash, e.hash, e.canonical});
  }

  LedgerEntry append(const EntryDraft& draft, bool* appended) override {
    LedgerEntry result;
    transaction("cannot append", [&] {
      *appended = false;
      auto existing = run((std::string(k_select_columns) + "WHERE evaluation_id = $1").c_str(),
                          {draft.evaluation_id});
      if (PQntuples(existing.get()) > 0) {
        result = row_entry(existing.get(), 0);
        return;
      }
      auto head =
          run("SELECT seq, hash FROM ledger_entries WHERE project = $1 ORDER BY seq DESC LIMIT 1",
              {draft.project});
      std::int64_t seq = 1;
      std::string prev = k_zero_hash;
      if (PQntuples(head.get()) > 0) {
        seq = std::stoll(PQgetvalue(head.get(), 0, 0)) + 1;
        prev = PQgetvalue(head.get(), 0, 1);
      }
      // Two writers that read the same head both try seq: the primary key
      // lets one in and sends the other round again (23505).
      result = seal_entry(draft, seq, prev);
      insert(result);
      *appended = true;
    });
    return result;
  }

  std::vector<LedgerEntry> entries(const std::string& project) override {
    try {
      auto res = run((std::string(k_select_columns) + "WHERE project = $1 ORDER BY seq").c_str(),
                     {project});
      std::vector<LedgerEntry> out;
      for (int i = 0; i < PQntuples(res.get()); ++i) out.push_back(row_entry(res.get(), i));
      return out;
    } catch (const PgFailure& f) {
      throw failure("cannot read entries", f);
    }
  }

  std::vector<std::string> projects() override {
    try {
      auto res = run("SELECT DISTINCT project FROM ledger_entries ORDER BY project");
      std::vector<std::string> out;
      for (int i = 0; i < PQntuples(res.get()); ++i) out.emplace_back(PQgetvalue(res.get(), i, 0));
      return out;
    } catch (const PgFailure& f) {
      throw failure("cannot read projects", f);
    }
  }

  void insert_sealed(const std::vector<LedgerEntry>& entries) override {
    transaction("cannot import", [&] {
      for (const auto& e : entries) insert(e);
    });
  }

 private:
  PGconn* conn_;
  std::string dsn_;
  std::string display_;
};

}  // namespace

std::unique_ptr<Ledger> open_postgres_ledger(const LedgerUrl& url,
                                             const LedgerOpenOptions& options) {
  // The DSN comes last so a connect_timeout it sets itself wins.
  const std::string timeout = std::to_string(options.timeout_seconds);
  const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "changegate", url.target.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    const std::string msg = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    throw Error("ledger " + url.display + ": cannot connect: " + scrub_dsn(msg, url.target));
  }
  PQclear(PQexec(conn, "SET client_min_messages = warning"));
  auto ledger = std::make_unique<PostgresLedger>(conn, url.target, url.display);
  ledger->migrate();
  return ledger;
}

}  // namespace changegate
