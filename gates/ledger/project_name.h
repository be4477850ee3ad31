// Which chain an evaluation belongs to: `[project] name`, else the normalised
// `origin` URL, else the repository folder's name (SPEC §7).
#pragma once

#include <string>

namespace changegate {

// A remote URL as a project name: host and path, no scheme, user, password,
// port or ".git" ("https://tok@github.com/acme/orders.git",
// "git@github.com:acme/orders.git" -> "github.com/acme/orders"). "" for a
// local path or a URL without host and path.
std::string normalise_remote_url(const std::string& url);

// `configured` if not empty, else normalise_remote_url(origin), else the
// last component of `repo_root` (never a path).
std::string project_name_for(const std::string& configured, const std::string& repo_root);

}  // namespace changegate
