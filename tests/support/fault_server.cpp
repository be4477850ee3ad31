#include "tests/support/fault_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace changegate::testing {

std::string tls_ca_file() {
  return std::string(CHANGEGATE_SOURCE_DIR) + "/tests/fixtures/tls/localhost.pem";
}

FaultServer::FaultServer(const std::string& upstream) {
  std::vector<std::string> args;
  if (!upstream.empty()) args = {"--upstream", upstream};
  start(args, "http");
}

FaultServer::FaultServer(Tls) {
  const std::string dir = std::string(CHANGEGATE_SOURCE_DIR) + "/tests/fixtures/tls/";
  start({"--tls", dir + "localhost.pem", dir + "localhost.key"}, "https");
}

void FaultServer::start(const std::vector<std::string>& extra, const std::string& scheme) {
  const std::string script = std::string(CHANGEGATE_SOURCE_DIR) + "/tests/support/fault_server.py";
  const std::string port_file = dir_.path() + "/port";
  const std::string log_file = dir_.path() + "/server.log";
  std::vector<std::string> args = {"python3", script, port_file};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // The server's output goes to a file, never to the test's pipes (ctest
    // would wait on them).
    const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(log, 1);
    dup2(log, 2);
    execvp("python3", argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!std::filesystem::exists(port_file)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the fault server exited (is python3 installed?): " + log());
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("the fault server did not start in 10 s: " + log());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  url_ = scheme + "://127.0.0.1:" + read_text(port_file);
}

FaultServer::~FaultServer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string FaultServer::log() const {
  return read_text(dir_.path() + "/server.log");
}

int unused_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace changegate::testing
