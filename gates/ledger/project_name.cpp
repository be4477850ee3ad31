#include "gates/ledger/project_name.h"

#include <filesystem>

#include "gates/git/remote_url.h"
#include "gates/util/strings.h"

namespace changegate {

std::string normalise_remote_url(const std::string& raw) {
  std::string url = trim(raw);
  std::string host, path;
  if (const auto scheme = url.find("://"); scheme != std::string::npos) {
    if (lower(url.substr(0, scheme)) == "file") return "";
    const std::string rest = url.substr(scheme + 3);
    const auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    path = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (const auto at = authority.rfind('@'); at != std::string::npos)
      authority = authority.substr(at + 1);
    if (const auto colon = authority.rfind(':');
        colon != std::string::npos && authority.find(']') == std::string::npos)
      authority = authority.substr(0, colon);
    host = authority;
  } else {
    // scp-like "user@host:path"; a colon after a slash is a local path.
    const auto colon = url.find(':');
    if (colon == std::string::npos || url.find('/') < colon) return "";
    host = url.substr(0, colon);
    if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
    path = url.substr(colon + 1);
  }
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (ends_with(path, ".git")) path.resize(path.size() - 4);
  if (host.empty() || path.empty()) return "";
  return lower(host) + "/" + path;
}

std::string project_name_for(const std::string& configured, const std::string& repo_root) {
  if (!configured.empty()) return configured;
  if (std::string name = normalise_remote_url(remote_url(repo_root, "origin")); !name.empty())
    return name;
  std::filesystem::path root(repo_root);
  if (!root.has_filename()) root = root.parent_path();
  const std::string folder = root.filename().string();
  return folder.empty() ? "default" : folder;
}

}  // namespace changegate
