// Starts tests/support/api_replay_server.py on 127.0.0.1 for one test and
// stops it when the object goes away, so the review gate's GitHub and GitLab
// calls are exercised over real HTTP without leaving the machine.
#pragma once

#include <sys/types.h>

#include <string>

#include "tests/support/temp_repo.h"

namespace changegate::testing {

class ApiReplay {
 public:
  // `scenario` is a path under tests/fixtures/ ("github/paged_reviews.json").
  // Throws std::runtime_error when the server does not come up within 10 s.
  explicit ApiReplay(const std::string& scenario);
  ~ApiReplay();
  ApiReplay(const ApiReplay&) = delete;
  ApiReplay& operator=(const ApiReplay&) = delete;
  // "http://127.0.0.1:PORT"
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The JSON-lines log of requests received so far.
  std::string request_log() const { return read_text(dir_.path() + "/requests.jsonl"); }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace changegate::testing
