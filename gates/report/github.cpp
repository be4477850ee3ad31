#include "gates/report/github.h"

#include <cstdlib>
#include <fstream>

namespace changegate {

GithubActions github_actions_from_environment() {
  GithubActions gha;
  const char* active = std::getenv("GITHUB_ACTIONS");
  gha.active = active && std::string(active) == "true";
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary)
    gha.step_summary = summary;
  return gha;
}

void write_github_annotations(const Evaluation& e, std::ostream& out) {
  for (const auto& g : e.gates) {
    if (g.status == Status::pass || g.status == Status::skip) continue;
    std::string summary = g.summary;
    for (auto& c : summary)
      if (c == '\n' || c == '\r') c = ' ';
    out << (g.blocks() ? "::error" : "::warning") << " title=changegate " << g.id << " ("
        << to_string(g.status) << ")::" << summary << "\n";
  }
}

void append_step_summary(const Evaluation& evaluation, const std::string& path,
                         const RenderOptions& options) {
  if (path.empty()) return;
  std::ofstream out(path, std::ios::binary | std::ios::app);
  RenderOptions markdown = options;
  markdown.color = false;
  render(evaluation, Format::markdown, out, markdown);
  out << "\n";
}

}  // namespace changegate
