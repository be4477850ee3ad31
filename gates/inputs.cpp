#include "gates/inputs.h"

#include <cstdlib>
#include <filesystem>

#include "gates/error.h"

namespace changegate {

namespace fs = std::filesystem;

std::string display_path(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  const fs::path relative = absolute.lexically_relative(fs::current_path(ec));
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return absolute.generic_string();
}

std::string repo_relative(const std::string& path, const std::string& repo_root) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  const fs::path relative = absolute.lexically_relative(fs::path(repo_root).lexically_normal());
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return absolute.generic_string();
}

std::string config_path_for(const std::string& explicit_path, const std::string& repo_root) {
  if (!explicit_path.empty()) return explicit_path;
  const std::string path = display_path((fs::path(repo_root) / "changegate.toml").string());
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(path + ": no gate file (run `changegate init`, or pass --config FILE)");
  return path;
}

ChangeRecord load_change_for(const std::string& explicit_path, const std::string& repo_root,
                             const std::string& branch) {
  std::error_code ec;
  if (!explicit_path.empty()) {
    if (!fs::exists(explicit_path, ec)) throw Error(explicit_path + ": change record not found");
    return load_change_record(explicit_path);
  }
  for (const char* name : {".changegate/change.toml", ".changegate/change.json"}) {
    const fs::path candidate = fs::path(repo_root) / name;
    if (fs::exists(candidate, ec)) return load_change_record(display_path(candidate.string()));
  }
  ChangeRecord record;
  if (const char* env = std::getenv("CHANGEGATE_CHANGE_ID"); env && *env) {
    record.id = env;
    record.id_source = "CHANGEGATE_CHANGE_ID";
  } else if (!branch.empty()) {
    record.id = branch;
    record.id_source = "branch";
  } else {
    record.id_source = "none";
  }
  return record;
}

}  // namespace changegate
