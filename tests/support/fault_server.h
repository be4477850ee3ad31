// The fault-injecting HTTP server (tests/support/fault_server.py), started on
// 127.0.0.1 for one test and stopped when the object goes away.
#pragma once

#include <sys/types.h>

#include <string>

#include "tests/support/temp_repo.h"

namespace changegate::testing {

class FaultServer {
 public:
  // Starts the server, optionally forwarding "REST" paths to `upstream`;
  // throws when python3 is missing or the server does not come up in 10 s.
  explicit FaultServer(const std::string& upstream = "");
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;
  // "http://127.0.0.1:PORT".
  const std::string& url() const { return url_; }
  // The server's log (requests, one per line).
  std::string log() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::string url_;
};

// A loopback port on which nothing listens (bound, then released).
int unused_port();

}  // namespace changegate::testing
