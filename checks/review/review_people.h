// People as the review gate compares them: change authors, approvers and
// owners, each known by some of login, name and e-mail. Two identities are
// the same person when any of those agree (case-insensitive), so "bob",
// "@bob" and "Bob <bob@example.com>" all match the team member "bob".
#pragma once

#include <string>
#include <vector>

#include "checks/review/codeowners.h"

namespace changegate {

struct Config;

struct Identity {
  std::string display;            // as written, for reports
  std::vector<std::string> keys;  // lower-cased "login-or-name" and "email:..." keys
};

// "Bob <bob@example.com>", "@bob", "bob@example.com" or "bob". Never throws.
Identity parse_identity(const std::string& text);
// A platform account: login plus whatever name/e-mail the API gave ("" when not).
Identity account_identity(const std::string& login, const std::string& name = "",
                          const std::string& email = "");
bool same_person(const Identity& a, const Identity& b);
bool any_same_person(const Identity& who, const std::vector<Identity>& people);

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
