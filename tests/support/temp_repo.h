// Real git repositories and files in a temporary directory, for tests that
// exercise the diff, the CLI and evidence globbing end to end.
#pragma once

#include <string>
#include <vector>

namespace changegate::testing {

// A fresh directory under $TMPDIR, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `text` to path()/relative, creating directories.
  void write(const std::string& relative, const std::string& text) const;

 private:
  std::string path_;
};

// A git work tree in a TempDir, driven through the git CLI.
class TempRepo : public TempDir {
 public:
  TempRepo();  // `git init -b main` with a fixed identity
  // Runs `git ARGS` in the repo; throws on a non-zero exit. Returns stdout.
  std::string git(const std::string& args) const;
  // Stages everything and commits; returns the new sha.
  std::string commit(const std::string& message, const std::string& author = "alice") const;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command line (already quoted) in `cwd`, capturing output.
RunResult run_command(const std::string& command_line, const std::string& cwd);
// Runs the changegate binary under test with ARGS in `cwd`.
RunResult run_changegate(const std::string& args, const std::string& cwd);

std::string read_text(const std::string& path);

}  // namespace changegate::testing
