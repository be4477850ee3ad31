#include "cli/arg_typos.h"

#include <vector>

#include "gates/util/suggest.h"

namespace changegate::cli {

namespace {

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* find_subcommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : subcommands_of(app))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

// The option `word` names ("--format", "--format=json", "-o"), or nullptr.
const CLI::Option* find_option(const CLI::App& app, const std::string& word) {
  const std::string name = word.substr(0, word.find('='));
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames())
      if (name == "--" + l) return opt;
    for (const auto& s : opt->get_snames())
      if (name == "-" + s) return opt;
  }
  return nullptr;
}

std::vector<std::string> flag_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

std::string command_path(const std::vector<std::string>& words) {
  std::string path = "changegate";
  for (const auto& w : words) path += " " + w;
  return path;
}

}  // namespace

std::string explain_unknown_argument(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* current = &app;
  std::vector<std::string> path;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--") break;
    if (word.size() > 1 && word[0] == '-') {
      const CLI::Option* opt = find_option(*current, word);
      if (!opt)
        return "unknown flag \"" + word.substr(0, word.find('=')) + "\" for `" +
               command_path(path) + "`" +
               did_you_mean(word.substr(0, word.find('=')), flag_names(*current));
      // An option that takes a value consumes the next word, unless given as --x=v.
      if (opt->get_expected_min() > 0 && word.find('=') == std::string::npos) ++i;
      continue;
    }
    if (const CLI::App* sub = find_subcommand(*current, word)) {
      current = sub;
      path.push_back(word);
      continue;
    }
    // A word that is neither a flag nor a subcommand: a positional argument
    // where the command takes one, else a misspelt subcommand.
    bool takes_positional = false;
    for (const CLI::Option* opt : current->get_options())
      takes_positional = takes_positional || opt->get_positional();
    if (takes_positional) continue;
    std::vector<std::string> names;
    for (const CLI::App* sub : subcommands_of(*current)) names.push_back(sub->get_name());
    if (names.empty())
      return "unexpected argument \"" + word + "\" for `" + command_path(path) + "`";
    return "unknown subcommand \"" + word + "\"" +
           (path.empty() ? "" : " for `" + command_path(path) + "`") + did_you_mean(word, names);
  }
  return "";
}

}  // namespace changegate::cli
