// Command-line typos get the same help as config typos: after CLI11 refuses
// the arguments, find the first word it could not place and suggest the
// closest subcommand or flag.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace changegate::cli {

// "unknown subcommand \"chek\" (did you mean \"check\"?)" or "unknown flag
// \"--formt\" for `changegate check` (did you mean \"--format\"?)" for the first
// word of argv that `app` has no place for; "" when every word has one.
std::string explain_unknown_argument(const CLI::App& app, int argc, const char* const* argv);

}  // namespace changegate::cli
