#include "checks/review/review_people.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "gates/config.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

void add_key(Identity& id, const std::string& key) {
  if (key.empty() || key == "email:") return;
  if (std::find(id.keys.begin(), id.keys.end(), key) == id.keys.end()) id.keys.push_back(key);
}

// Expands one owner into the people who may approve for it.
void expand_owner(const std::string& owner, const Config& config, OwnerGroup& group) {
  if (owner.size() > 1 && owner[0] == '@') {
    const std::string name = owner.substr(1);
    auto team = config.teams.find(name);
    const std::size_t slash = name.find('/');
    if (team == config.teams.end() && slash != std::string::npos)
      team = config.teams.find(name.substr(slash + 1));  // "@org/team" -> [teams] team
    if (team != config.teams.end()) {
      for (const auto& member : team->second) group.members.push_back(parse_identity(member));
      return;
    }
    if (slash != std::string::npos) {
      group.unresolved.push_back(owner);
      return;
    }
  }
  group.members.push_back(parse_identity(owner));
}

}  // namespace

Identity parse_identity(const std::string& text) {
  Identity id;
  id.display = text;
  const std::size_t lt = text.find('<');
  const std::size_t gt = text.find('>', lt == std::string::npos ? 0 : lt);
  if (lt != std::string::npos && gt != std::string::npos) {
    add_key(id, lower(trim(text.substr(0, lt))));
    add_key(id, "email:" + lower(trim(text.substr(lt + 1, gt - lt - 1))));
    return id;
  }
  std::string t = lower(trim(text));
  if (!t.empty() && t[0] == '@') t.erase(0, 1);
  if (t.find('@') != std::string::npos && t.find(' ') == std::string::npos)
    add_key(id, "email:" + t);
  else
    add_key(id, t);
  return id;
}

Identity account_identity(const std::string& login, const std::string& name,
                          const std::string& email) {
  Identity id;
  id.display = login.empty() ? name : login;
  add_key(id, lower(trim(login)));
  add_key(id, lower(trim(name)));
  if (!email.empty()) add_key(id, "email:" + lower(trim(email)));
  return id;
}

bool same_person(const Identity& a, const Identity& b) {
  for (const auto& k : a.keys)
    if (std::find(b.keys.begin(), b.keys.end(), k) != b.keys.end()) return true;
  return false;
}

bool any_same_person(const Identity& who, const std::vector<Identity>& people) {
  return std::any_of(people.begin(), people.end(),
                     [&](const Identity& p) { return same_person(who, p); });
}

std::vector<OwnerGroup> group_by_owners(const std::vector<std::string>& files,
                                        const Codeowners* codeowners, const Config& config,
                                        std::vector<std::string>* unowned) {
  std::vector<OwnerGroup> groups;
  std::map<std::string, std::size_t> index;  // rule label -> group
  for (const auto& file : files) {
    std::string label;
    std::vector<std::string> owners;
    const CodeownersRule* rule = codeowners ? find_owner_rule(*codeowners, file) : nullptr;
    if (rule) {
      label = codeowners->path + ":" + std::to_string(rule->line) + " " + rule->pattern;
      owners = rule->owners;
    } else if (const Component* c = config.component_of(file)) {
      label = "component " + c->id;
      owners = c->owners;
    }
    if (owners.empty()) {
      unowned->push_back(file);
      continue;
    }
    auto it = index.find(label);
    if (it == index.end()) {
      OwnerGroup g;
      g.rule = label;
      g.owners = owners;
      for (const auto& owner : owners) expand_owner(owner, config, g);
      it = index.emplace(label, groups.size()).first;
      groups.push_back(std::move(g));
    }
    groups[it->second].files.push_back(file);
  }
  return groups;
}

}  // namespace changegate
