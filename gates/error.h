// The one exception type the layers above the parsers throw; main() catches it.
#pragma once

#include <stdexcept>
#include <string>

namespace changegate {

// Exit codes shared by every subcommand (SPEC §1).
constexpr int k_exit_pass = 0;
constexpr int k_exit_blocked = 1;
constexpr int k_exit_invalid = 2;

// An invalid invocation, config or change record. The message already names
// the file and line ("changegate.toml:14: gate \"security\": ..."); main()
// prints it as "changegate: error: <message>" and exits with exit_code().
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = k_exit_invalid)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace changegate
