// Reading a remote's configured URL (for the ledger's default project name).
#pragma once

#include <string>

namespace changegate {

// The URL of remote `name` of the repository containing `dir`, or "" when
// there is no repository, no such remote, or it has no URL. Never throws.
std::string remote_url(const std::string& dir, const std::string& name);

}  // namespace changegate
