#include "checks/review/review_people.h"

#include <map>

#include "gates/config.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

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
