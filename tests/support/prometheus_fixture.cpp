// The ctest fixture behind the slo integration tests: one real Prometheus on
// 127.0.0.1 for the whole suite, holding month-shaped histories that end at
// the moment it starts.
//   prometheus_fixture start DIR   generate, backfill, start, wait until ready
//   prometheus_fixture stop DIR    stop it and remove its data
// DIR/url and DIR/now tell the tests where it is and which instant to ask
// about (queries pass time=now, so a slow suite never falls out of the 5 min lookback).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "gates/net/http_client.h"
#include "tests/checks/slo/slo_scenarios.h"
#include "tests/support/fault_server.h"

namespace fs = std::filesystem;
using namespace changegate;
using namespace changegate::testing;

namespace {

constexpr std::int64_t k_history_step =
    12 * 3600;                               // two samples per day: the coverage step is 1 day
constexpr std::int64_t k_recent_step = 300;  // the last 7 hours: the 6h & 30m windows
constexpr std::int64_t k_fine_step = 60;     // the last 70 minutes: the 1h & 5m windows

// Few samples far back: promtool writes one block per 2 hours that holds a
// sample, and blocks, not samples, are what cost time here.
std::vector<std::int64_t> sample_times(std::int64_t now, std::int64_t days) {
  std::vector<std::int64_t> out;
  const std::int64_t recent = now - 7 * 3600, fine = now - 70 * 60;
  for (std::int64_t t = now - days * 86400; t < recent; t += k_history_step) out.push_back(t);
  for (std::int64_t t = recent; t < fine; t += k_recent_step) out.push_back(t);
  for (std::int64_t t = fine; t <= now; t += k_fine_step) out.push_back(t);
  if (out.back() != now) out.push_back(now);
  return out;
}

std::string openmetrics(std::int64_t now) {
  std::ostringstream out;
  out.precision(17);
  for (const bool errors : {false, true}) {
    const std::string family = errors ? "slo_request_errors" : "slo_requests";
    out << "# TYPE " << family << " counter\n";
    for (const auto& s : slo_scenarios()) {
      double value = 0;
      std::int64_t prev = -1;
      for (std::int64_t t : sample_times(now, s.history_days)) {
        if (prev >= 0) {
          const double fraction = t > now - 3600 ? s.last_hour_fraction : s.error_fraction;
          value += k_requests_per_second * static_cast<double>(t - prev) * (errors ? fraction : 1);
        }
        prev = t;
        out << family << "_total{scenario=\"" << s.label << "\"} " << value << " " << t << "\n";
      }
    }
  }
  out << "# EOF\n";
  return out.str();
}

bool on_path(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

int fail(const std::string& message) {
  std::cerr << "\n*** PROMETHEUS FIXTURE FAILED: " << message
            << "\n*** The slo integration tests cannot run; install the Debian package "
               "`prometheus` (.ci/install-deps.sh). ***\n\n";
  return 1;
}

int stop(const fs::path& dir);

int start(const fs::path& dir) {
  if (!on_path("prometheus") || !on_path("promtool"))
    return fail("prometheus and promtool are not on PATH");
  stop(dir);  // a server left behind by an interrupted run
  fs::create_directories(dir / "data");
  const std::int64_t now = std::time(nullptr);
  std::ofstream(dir / "history.om") << openmetrics(now);
  std::ofstream(dir / "prometheus.yml") << "global:\n  scrape_interval: 15s\n";
  const auto t0 = std::chrono::steady_clock::now();
  const std::string backfill = "promtool tsdb create-blocks-from openmetrics -q '" +
                               (dir / "history.om").string() + "' '" + (dir / "data").string() +
                               "' >'" + (dir / "promtool.log").string() + "' 2>&1";
  if (std::system(backfill.c_str()) != 0)
    return fail("promtool backfill failed: see " + (dir / "promtool.log").string());
  const auto t1 = std::chrono::steady_clock::now();

  const int port = unused_port();
  const std::string address = "127.0.0.1:" + std::to_string(port);
  const pid_t pid = fork();
  if (pid < 0) return fail("fork failed");
  if (pid == 0) {
    setsid();  // its own session: ctest must not wait on it, nor signal it
    const int log = open((dir / "prometheus.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(log, 1);
    dup2(log, 2);
    for (int fd = 3; fd < 1024; ++fd) close(fd);
    const std::string config = "--config.file=" + (dir / "prometheus.yml").string();
    const std::string storage = "--storage.tsdb.path=" + (dir / "data").string();
    const std::string listen = "--web.listen-address=" + address;
    // The default 15d retention would delete half of the month at startup.
    execlp("prometheus", "prometheus", config.c_str(), storage.c_str(), listen.c_str(),
           "--storage.tsdb.retention.time=400d", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::ofstream(dir / "pid") << pid;
  HttpOptions options;
  options.timeout_ms = 1000;
  options.retries = 0;
  CurlHttpClient client(options);
  const std::string url = "http://" + address;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    HttpRequest ready;
    ready.url = url + "/-/ready";
    if (client.send(ready).status == 200) break;
    if (waitpid(pid, nullptr, WNOHANG) == pid)
      return fail("prometheus exited at startup: see " + (dir / "prometheus.log").string());
    if (std::chrono::steady_clock::now() > deadline)
      return fail("prometheus was not ready within 60 s: see " + (dir / "prometheus.log").string());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto t2 = std::chrono::steady_clock::now();
  std::ofstream(dir / "now") << now;
  std::ofstream(dir / "url") << url;
  using ms = std::chrono::milliseconds;
  std::cout << "prometheus ready at " << url << " (backfill "
            << std::chrono::duration_cast<ms>(t1 - t0).count() << " ms, startup "
            << std::chrono::duration_cast<ms>(t2 - t1).count() << " ms)\n";
  return 0;
}

// Whether `pid` still runs: a zombie left for a non-reaping init counts as gone.
bool running(pid_t pid) {
  if (kill(pid, 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_text, name, state;
  return !(stat >> pid_text >> name >> state) || state != "Z";
}

// Whether `pid` is the Prometheus this fixture started on `dir`: a stale pid
// file must never make us kill whatever process now has that id.
bool ours(pid_t pid, const fs::path& dir) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::ostringstream cmdline;
  cmdline << in.rdbuf();
  return cmdline.str().find("--storage.tsdb.path=" + (dir / "data").string()) != std::string::npos;
}

int stop(const fs::path& dir) {
  std::ifstream in(dir / "pid");
  pid_t pid = 0;
  if (in >> pid && pid > 0 && ours(pid, dir)) {
    // Its data is thrown away, so there is nothing to shut down cleanly.
    kill(pid, SIGKILL);
    for (int i = 0; i < 100 && running(pid); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: prometheus_fixture start|stop DIR\n";
    return 2;
  }
  const std::string command = argv[1];
  if (command == "start") return start(argv[2]);
  if (command == "stop") return stop(argv[2]);
  std::cerr << "usage: prometheus_fixture start|stop DIR\n";
  return 2;
}
