#include "gates/blast_radius.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>

namespace changegate {

namespace {

// The gate's own inputs: the gate file and the change record folder.
bool is_gate_input(const std::string& path) {
  return path == "changegate.toml" || path.rfind(".changegate/", 0) == 0;
}

}  // namespace

BlastRadius compute_blast_radius(const Config& config, const DiffStats& diff) {
  std::map<std::string, TouchedComponent> touched;
  std::vector<std::string> gate_inputs;
  for (const auto& file : diff.files) {
    const Component* c = config.component_of(file.path);
    if (!c && !file.old_path.empty() && file.old_path != file.path)
      c = config.component_of(file.old_path);
    if (!c && is_gate_input(file.path)) {
      gate_inputs.push_back(file.path);
      continue;
    }
    const std::string id = c ? c->id : k_unowned;
    TouchedComponent& t = touched[id];
    if (t.id.empty()) {
      t.id = id;
      if (c) {
        t.tier = c->tier;
        t.data = c->data;
      }
    }
    t.files.push_back(file.path);
    t.insertions += file.insertions;
    t.deletions += file.deletions;
  }

  BlastRadius radius;
  radius.gate_inputs = std::move(gate_inputs);
  for (const auto& c : config.components) {
    auto it = touched.find(c.id);
    if (it != touched.end()) radius.components.push_back(std::move(it->second));
  }
  if (auto it = touched.find(k_unowned); it != touched.end())
    radius.components.push_back(std::move(it->second));

  // Breadth-first from every touched component at once: the first path found
  // to a component is a shortest one, and each component is visited once.
  std::set<std::string> seen;
  std::deque<std::vector<std::string>> queue;
  for (const auto& t : radius.components) {
    seen.insert(t.id);
    queue.push_back({t.id});
  }
  while (!queue.empty()) {
    const std::vector<std::string> path = queue.front();
    queue.pop_front();
    const Component* from = config.find_component(path.back());
    if (!from) continue;
    for (const auto& next_id : from->downstream) {
      if (!seen.insert(next_id).second) continue;
      std::vector<std::string> via = path;
      via.push_back(next_id);
      const Component* next = config.find_component(next_id);
      ReachedComponent reached;
      reached.id = next_id;
      if (next) {
        reached.tier = next->tier;
        reached.data = next->data;
      }
      reached.via = via;
      radius.downstream.push_back(reached);
      queue.push_back(std::move(via));
    }
  }
  return radius;
}

std::vector<std::string> downstream_cycles(const Config& config) {
  // Depth-first search with colours; each back edge closes one cycle.
  std::map<std::string, int> colour;  // 0 new, 1 on the stack, 2 done
  std::vector<std::string> stack;
  std::vector<std::string> cycles;
  std::set<std::string> reported;
  std::function<void(const std::string&)> visit = [&](const std::string& id) {
    colour[id] = 1;
    stack.push_back(id);
    if (const Component* c = config.find_component(id)) {
      for (const auto& next : c->downstream) {
        if (colour[next] == 1) {
          auto start = std::find(stack.begin(), stack.end(), next);
          std::vector<std::string> members(start, stack.end());
          std::string text;
          for (const auto& m : members) text += m + " -> ";
          text += next;
          // One report per cycle, whichever member the search entered it by.
          std::vector<std::string> key = members;
          std::sort(key.begin(), key.end());
          std::string k;
          for (const auto& m : key) k += m + ",";
          if (reported.insert(k).second) cycles.push_back(text);
        } else if (colour[next] == 0) {
          visit(next);
        }
      }
    }
    stack.pop_back();
    colour[id] = 2;
  };
  for (const auto& c : config.components)
    if (colour[c.id] == 0) visit(c.id);
  return cycles;
}

}  // namespace changegate
