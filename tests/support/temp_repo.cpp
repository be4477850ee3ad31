#include "tests/support/temp_repo.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace changegate::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "changegate-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void TempDir::write(const std::string& relative, const std::string& text) const {
  const fs::path p = fs::path(path_) / relative;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

RunResult run_command(const std::string& command_line, const std::string& cwd) {
  TempDir scratch;
  const std::string out = scratch.path() + "/out", err = scratch.path() + "/err";
  const std::string full =
      "cd '" + cwd + "' && " + command_line + " >'" + out + "' 2>'" + err + "' </dev/null";
  const int status = std::system(full.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

RunResult run_changegate(const std::string& args, const std::string& cwd) {
  return run_command(std::string("NO_COLOR=1 GITHUB_ACTIONS= CHANGEGATE_CHANGE_ID= '") +
                         CHANGEGATE_BINARY + "' " + args,
                     cwd);
}

TempRepo::TempRepo() {
  git("init -q -b main");
}

std::string TempRepo::git(const std::string& args) const {
  RunResult r = run_command(
      "git -c user.name=Test -c user.email=test@example.com -c commit.gpgsign=false " + args,
      path());
  if (r.exit_code != 0) throw std::runtime_error("git " + args + " failed: " + r.err);
  return r.out;
}

std::string TempRepo::commit(const std::string& message, const std::string& author) const {
  git("add -A");
  git("-c user.name=" + author + " -c user.email=" + author + "@example.com commit -q -m '" +
      message + "'");
  std::string sha = git("rev-parse HEAD");
  while (!sha.empty() && (sha.back() == '\n' || sha.back() == '\r')) sha.pop_back();
  return sha;
}

}  // namespace changegate::testing
