#include "gates/ledger/ledger.h"

#include "gates/ledger/postgres_ledger.h"
#include "gates/ledger/sqlite_ledger.h"
#include "gates/net/dsn_secrets.h"
#include "gates/util/file.h"
#include "gates/util/strings.h"

namespace changegate {

bool parse_ledger_url(const std::string& url, const std::string& repo_root, LedgerUrl* out,
                      std::string* err) {
  if (starts_with(url, "sqlite:")) {
    std::string path = url.substr(7);
    // "sqlite:///abs/path" and "sqlite://rel" are common spellings of a URL.
    if (starts_with(path, "//")) path = path.substr(2);
    if (path.empty()) {
      *err = "ledger URL \"sqlite:\" names no file (sqlite:.changegate/ledger.db)";
      return false;
    }
    out->kind = LedgerUrl::Kind::sqlite;
    out->target = join_path(repo_root, path);
    out->display = "sqlite:" + path;
    return true;
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    out->kind = LedgerUrl::Kind::postgresql;
    out->target = url;
    out->display = redact_dsn(url);
    return true;
  }
  *err = "unsupported ledger URL " + quoted(redact_dsn(url)) +
         " (use sqlite:PATH or postgresql://USER@HOST/DB)";
  return false;
}

std::unique_ptr<Ledger> open_ledger(const LedgerUrl& url, const LedgerOpenOptions& options) {
  if (url.kind == LedgerUrl::Kind::sqlite) return open_sqlite_ledger(url, options);
  return open_postgres_ledger(url, options);
}

}  // namespace changegate
