#include "gates/waivers.h"

#include "gates/util/glob.h"

namespace changegate {

namespace {

bool file_covered(const Config& config, const WaiverConfig& w, const std::string& path) {
  for (const auto& pattern : w.paths)
    if (glob_match(pattern, path)) return true;
  if (const Component* c = config.component_of(path))
    for (const auto& id : w.components)
      if (id == c->id) return true;
  return false;
}

bool covers(const Config& config, const WaiverConfig& w, const std::string& change_id,
            const RepoContext& repo) {
  if (w.change != "*") return !change_id.empty() && w.change == change_id;
  // A wildcard waiver needs a diff to judge; without one it covers nothing.
  if (!repo.is_git || repo.diff.files.empty()) return false;
  for (const auto& f : repo.diff.files) {
    if (!file_covered(config, w, f.path)) return false;
    if (!f.old_path.empty() && f.old_path != f.path && !file_covered(config, w, f.old_path))
      return false;
  }
  return true;
}

}  // namespace

WaiverMatch find_waiver(const Config& config, const std::string& gate_id,
                        const std::string& change_id, const RepoContext& repo, Timestamp now) {
  WaiverMatch match;
  for (const auto& w : config.waivers) {
    if (w.gate != gate_id || !covers(config, w, change_id, repo)) continue;
    if (now < w.expires) {
      if (!match.active) match.active = &w;
    } else {
      match.expired.push_back(&w);
    }
  }
  return match;
}

}  // namespace changegate
