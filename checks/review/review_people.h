// Owners as the review gate resolves them: CODEOWNERS rules and component
// owners, with [teams] expanded into people (gates/approvals.h: Identity).
#pragma once

#include <string>
#include <vector>

#include "checks/review/codeowners.h"
#include "gates/approvals.h"

namespace changegate {

struct Config;

// The changed files that share one owner list, and who may approve them.
struct OwnerGroup {
  std::string rule;                 // "CODEOWNERS:3 /etl/" or "component orders_etl"
  std::vector<std::string> owners;  // as written ("@data-platform")
  std::vector<std::string> files;
  std::vector<Identity> members;        // owners with [teams] expanded
  std::vector<std::string> unresolved;  // "@org/team" with no [teams] entry
};

// Groups `files` by their owners: the last matching CODEOWNERS rule (a rule
// with no owners means unowned), else the file's component `owners`. Files
// with no owners go to `unowned`.
std::vector<OwnerGroup> group_by_owners(const std::vector<std::string>& files,
                                        const Codeowners* codeowners, const Config& config,
                                        std::vector<std::string>* unowned);

}  // namespace changegate
