#include "tests/support/api_replay.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace changegate::testing {

ApiReplay::ApiReplay(const std::string& scenario) {
  const std::string script =
      std::string(CHANGEGATE_SOURCE_DIR) + "/tests/support/api_replay_server.py";
  const std::string scenario_path =
      std::string(CHANGEGATE_SOURCE_DIR) + "/tests/fixtures/" + scenario;
  const std::string port_file = dir_.path() + "/port";
  const std::string log = dir_.path() + "/requests.jsonl";
  const std::string server_log = dir_.path() + "/server.log";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Server chatter goes to a file, never to the ctest pipe.
    const int fd = open(server_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execlp("python3", "python3", script.c_str(), scenario_path.c_str(), port_file.c_str(),
           log.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    if (std::filesystem::exists(port_file)) {
      port_ = std::stoi(read_text(port_file));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("api_replay_server.py exited: " + read_text(server_log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  throw std::runtime_error("api_replay_server.py did not start: " + read_text(server_log));
}

ApiReplay::~ApiReplay() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

}  // namespace changegate::testing
