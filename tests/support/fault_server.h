// The fault-injecting HTTP server (tests/support/fault_server.py), started on
// 127.0.0.1 for one test and stopped when the object goes away.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "tests/support/temp_repo.h"

namespace changegate::testing {

class FaultServer {
 public:
  // Starts the server, optionally forwarding "REST" paths to `upstream`;
  // throws when python3 is missing or the server does not come up in 10 s.
  explicit FaultServer(const std::string& upstream = "");
  // Serves https with the self-signed certificate in tests/fixtures/tls
  // (trusted only through that CA file: tls_ca_file()).
  struct Tls {};
  explicit FaultServer(Tls);
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;
  // "http://127.0.0.1:PORT".
  const std::string& url() const { return url_; }
  // The server's log (requests, one per line).
  std::string log() const;

 private:
  void start(const std::vector<std::string>& args, const std::string& scheme);
  TempDir dir_;
  pid_t pid_ = -1;
  std::string url_;
};

// The CA file that makes FaultServer(Tls{})'s certificate trusted.
std::string tls_ca_file();

// A loopback port on which nothing listens (bound, then released).
int unused_port();

}  // namespace changegate::testing
