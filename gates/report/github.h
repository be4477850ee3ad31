// What `check` adds inside GitHub Actions (SPEC §1): workflow-command
// annotations for the gates that did not pass, and the Markdown report on the
// job summary page.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "gates/evaluation.h"
#include "gates/report/render.h"

namespace changegate {

// The GitHub Actions environment as `check` needs it.
struct GithubActions {
  bool active = false;       // GITHUB_ACTIONS=true
  std::string step_summary;  // GITHUB_STEP_SUMMARY, "" when unset
};

// Reads GITHUB_ACTIONS and GITHUB_STEP_SUMMARY from the environment; never fails.
GithubActions github_actions_from_environment();

// Writes one `::error` (blocking) or `::warning` line per gate that did not
// pass or skip. The summary is the command's data (%, CR, LF encoded) and the
// title a property (also ':' and ','), so no evidence can end the command or
// start another one; never fails.
void write_github_annotations(const Evaluation& evaluation, std::ostream& out);

// A fresh token for `::stop-commands::`: 128 random bits as 32 hex digits,
// new on every call, so evidence cannot guess it and end the pause.
std::string new_stop_commands_token();

// Writes `text` between "::stop-commands::TOKEN" and "::TOKEN::", so the
// runner executes no line of it as a workflow command (the text report on
// stdout inside Actions); never fails.
void write_without_workflow_commands(std::string_view text, std::ostream& out,
                                     const std::string& token);

// Appends the Markdown report and a blank line to the file at `path`; does
// nothing when `path` is empty, ignores a file it cannot write (the summary
// is a courtesy, never a reason to fail the run), and throws what render()
// throws for a bad template.
void append_step_summary(const Evaluation& evaluation, const std::string& path,
                         const RenderOptions& options);

}  // namespace changegate
