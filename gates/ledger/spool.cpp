#include "gates/ledger/spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "gates/ledger/ledger.h"
#include "gates/util/file.h"
#include "gates/util/strings.h"

namespace changegate {

namespace fs = std::filesystem;

std::string spool_dir_for(const std::string& repo_root) {
  if (const char* dir = std::getenv("CHANGEGATE_SPOOL_DIR"); dir && *dir) return dir;
  return join_path(repo_root, ".changegate/spool");
}

bool spool_draft(const std::string& dir, const EntryDraft& draft, std::string* path,
                 std::string* err) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *err = "cannot create the spool folder " + dir + ": " + ec.message();
    return false;
  }
  // evaluated_at first so a plain sort is oldest first; ':' is awkward on
  // some file systems.
  std::string stamp = draft.evaluated_at;
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  *path = join_path(dir, stamp + "-" + draft.evaluation_id + ".json");
  const std::string tmp = *path + ".tmp";
  const std::string text =
      draft_to_json(draft).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  if (fd >= 0) ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path->c_str()) != 0) {
    *err = "cannot write " + *path + ": " + std::strerror(ok ? errno : saved);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

SyncResult sync_spool(Ledger& ledger, const std::string& dir) {
  SyncResult result;
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return result;
  for (const auto& item : fs::directory_iterator(dir, ec))
    if (item.is_regular_file() && ends_with(item.path().string(), ".json"))
      files.push_back(item.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string text, err;
    EntryDraft draft;
    if (!read_file(file, &text, &err)) {
      result.problems.push_back(err);
      continue;
    }
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !draft_from_json(j, &draft, &err)) {
      result.problems.push_back(file +
                                ": not a spooled entry: " + (j.is_discarded() ? "not JSON" : err));
      continue;
    }
    bool appended = false;
    ledger.append(draft, &appended);  // idempotent by evaluation_id
    (appended ? result.appended : result.already_present)++;
    fs::remove(file, ec);
  }
  return result;
}

}  // namespace changegate
