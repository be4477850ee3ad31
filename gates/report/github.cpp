#include "gates/report/github.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "gates/report/escape.h"

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
    out << (g.blocks() ? "::error" : "::warning") << " title="
        << escape_workflow_property("changegate " + g.id + " (" + to_string(g.status) + ")")
        << "::" << escape_workflow_data(g.summary) << "\n";
  }
}

std::string new_stop_commands_token() {
  std::random_device random;
  std::string token;
  for (int i = 0; i < 4; ++i) {
    char word[9];
    std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(random()));
    token += word;
  }
  return token;
}

void write_without_workflow_commands(std::string_view text, std::ostream& out,
                                     const std::string& token) {
  out << "::stop-commands::" << token << "\n" << text;
  if (!text.empty() && text.back() != '\n') out << "\n";
  out << "::" << token << "::\n";
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
